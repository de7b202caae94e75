// Attachment references, in pairs: what a decision refers to ("bilaga 2",
// "bilagorna 2-3") must meet what an attachment is ("Bilaga 2 ...").
#include <gtest/gtest.h>

#include "arkiv/analysis.h"

namespace arkiv::analyze {
namespace {

TEST(Attachments, ReferencesInADecision) {
  const std::pair<const char*, std::vector<int>> cases[] = {
      {"Gävle kommun har sedan 2010 ett partnerskapsavtal med Zhuhai i Kina (bilaga 1, samt underlag\n"
       "beslut förlängning 2015, bilaga 2).",
       {1, 2}},
      {"Sammanställning av aktiviteter Gävle och Zhuhai (bilaga 3) visar", {3}},
      {"se bilagorna 2-3", {2, 3}},
      {"Bilagor 1, 2 och 4 skickas separat.", {1, 2, 4}},
      {"enligt bil. 5 och Bilaga 6", {5, 6}},
      {"bilagan 7", {7}},
      {"Bilaga 3–1 är ingen rad", {3}},  // not a range backwards
      {"bilagt finns inget; en bilaga utan nummer", {}},
      {"Bilaga 2019/20:18 är ett skr.-nummer", {}},  // no "bilaga 2019"
  };
  for (const auto& [text, want] : cases) EXPECT_EQ(find_attachment_refs(text), want) << text;
}

TEST(Attachments, NumberOfAnAttachment) {
  const std::tuple<const char*, const char*, int> cases[] = {
      {"corpus/Bilaga 1 Partnerskapsavtal Gävle-Zhuhai.docx", "", 1},
      {"Bil. 2 underlag.pdf", "", 2},
      {"bilaga_3_sammanstallning.txt", "", 3},
      {"Bilaga 4 till KS 2015-123.pdf", "", 4},
      {"beslut.pdf!/Bilaga 1 Avtal.docx", "", 1},
      {"sammanstallning.pdf", "\nBilaga 3\nSammanställning av aktiviteter", 3},
      {"beslut.pdf", "Protokoll\nBilaga 2 bifogas", 0},   // only a first line counts
      {"bilagor.pdf", "", 0},
      {"bilaga-2019.pdf", "", 0},                          // a year is no number
      {"rinfo_LIVSFS-2006_22bil1.pdf", "", 1},             // glued to the regulation's number
      {"protokoll_bilaga_3.pdf", "", 3},
      {"mobil1.pdf", "", 0},                               // "bil" inside a word
      {"rinfo_LIVSFS-2006_22.pdf", "", 0},
      {"ferenda_dir-2017-29.pdf!/embedded-file-1", "<<\n/ASCII85EncodePages false", 0},
  };
  for (const auto& [name, text, want] : cases) EXPECT_EQ(attachment_number(name, text), want) << name;
}

// A page that opens a bilaga printed in its record, as the real
// författningssamlingar print them (pdftotext -raw of the real files).
TEST(Attachments, HeadingOfAPage) {
  const std::pair<const char*, int> cases[] = {
      {"3\nBilaga 1\nFormulär för\nKvittering av fördelade arbetsmiljöuppgifter", 1},  // AFFS 2008:8 p. 3
      {"BILAGA 2\nSÖKREDSKAP\nI ett moderniserat rättsdatasystem", 2},                   // Ds 1998:10
      {"FFFS 2011:39\n8\nBilaga 2\nInformation om livförsäkring", 2},                    // running header first
      {"SJVFS 2009:26\nBilaga 3\n18\n", 3},
      {"AFS 2011:19\n17\nBilaga 1: Ämnen med förbud eller tillståndskrav Bilaga 1\nGrupp A", 1},
      {"Bilaga 4 till LIVSFS 2006:22\nGränsvärden", 4},
      {"Bilaga 3 – Faktabladets innehåll\n", 3},
      // Read in reading order, a running header on the heading's baseline
      // shares its line (AFFS 2008:8 p. 4, NFS 2007:10 p. 7).
      {"AFFS 2008:8 Bilaga 2\nFormulär för\nReturnering av fördelade arbetsmiljöuppgifter", 2},
      {"Bilaga 1 NFS 2007:10\nMetoder för inventering av kungsörn", 1},
      // Read by OCR, a form's code printed up the margin comes first
      // (SJVFS 2009:26 p. 7, an image page).
      {"SJV D 98 2002-02\nSJVFS 2009:26\nBilaga 1\nÄgande", 1},
      {"SJV E9.52 1996-12\nBilaga 4\nHärstamningsbevis för embryon", 4},
      // Not a heading: a table of contents, a sentence, a reference in
      // the text, a heading below the first lines.
      {"AFS 2011:19\n3\nBilaga 1: Ämnen med förbud eller tillståndskrav 17\n", 0},
      {"Bilaga 2 innehåller tabellerna.\n", 0},
      {"Beslut om bidrag 2020\nBilaga 2\n", 0},  // a heading with words in lower case is no code
      // A table of contents whose page numbers reading order set apart.
      {"AFS 2011:19\nBilaga 1: Ämnen med förbud eller tillståndskrav\nSyfte\nDefinitioner\nUndersökning\n"
       "Dokumentation\n4\n4\n5\n5\n6\n8\n12\n17\n", 0},
      // ... but a form with numbered fields is a bilaga (FFFS 2011:41 p. 16).
      {"FFFS 2011:41\nBilaga 1\nBlankett för underrättelse\n1\nFirma\nAdress\n2\nOmbud\nNamn\nOrt\n3\n"
       "Verksamhet\nTjänster\nDatum\n4\nUnderskrift\n", 1},
      {"LIVSFS 2006:22\n− jodsulfuronmetylnatrium och siltiofam i bilaga 2 som upphör", 0},
      {"Text\nmer text\nännu mer\nfjärde raden\nBilaga 2\n", 0},
      {"", 0},
  };
  for (const auto& [text, want] : cases) EXPECT_EQ(attachment_heading(text), want) << text;
}

TEST(Attachments, LinkKeysOfNamesAndFirstLines) {
  using V = std::vector<std::string>;
  const std::pair<const char*, V> cases[] = {
      {"rinfo_LIVSFS-2006_22bil1.pdf", {"fs:livsfs/2006/22"}},
      {"Bilaga 1 - Livsmedelsverkets föreskrifter; LIVSFS 2006:22 (H 64)", {"fs:livsfs/2006/22"}},
      {"rinfo_RA-FS-2004_2_scanned.pdf", {"fs:rafs/2004/2"}},
      {"RA-FS 2004:2", {"fs:rafs/2004/2"}},
      {"ferenda_prop-2008-09-5.pdf", {"fs:prop/2008/09/5"}},
      {"Prop. 2008/09:5, Bättre genomförande", {"fs:prop/2008/09/5"}},
      {"ferenda_afs-2011-19_arbetsmiljoverket.pdf", {"fs:afs/2011/19"}},
      {"Ds 1998:10", {"fs:ds/1998/10"}},
      {"Sammanträde 2019-03-15 kl 2", {}},  // a date is no series number
  };
  for (const auto& [text, want] : cases) EXPECT_EQ(attachment_link_keys(text), want) << text;
  // A diarienummer ties too.
  const V dnr = attachment_link_keys("Bilaga 4 till KS 2015/123");
  ASSERT_EQ(dnr.size(), 1u);
  EXPECT_EQ(dnr[0].rfind("dnr:", 0), 0u) << dnr[0];
}

TEST(Attachments, StemTie) {
  const std::tuple<const char*, const char*, bool> cases[] = {
      {"d/rinfo_LIVSFS-2006_22bil1.pdf", "d/rinfo_LIVSFS-2006_22.pdf", true},
      {"d/ferenda_prop-2008-09-5_bilaga_scanned.PDF", "d/ferenda_prop-2008-09-5.pdf", true},
      {"d/beslut_bilaga_2.pdf", "d/beslut.pdf", true},
      {"d/rinfo_EMFS-2011_39.pdf", "d/rinfo_EMFS-2011_3.pdf", false},  // another number
      {"d/Protokollet.pdf", "d/Protokoll.pdf", false},                 // another word
      {"d/rinfo_VervaFS-2007_1AR.pdf", "d/rinfo_VervaFS-2007_1.pdf", false},  // "AR": allmänna råd, no bilaga
      {"d/x.pdf", "d/x.pdf", false},
  };
  for (const auto& [b, m, want] : cases) EXPECT_EQ(attachment_stem_tie(b, m), want) << b << " ~ " << m;
}

// Who a bilaga file in a folder belongs to.
TEST(Attachments, ParentInAFolderOfUnrelatedRecords) {
  const LinkSide liv{"d/rinfo_LIVSFS-2006_22.pdf", {"fs:livsfs/2006/22"}, true};
  const LinkSide affs{"d/rinfo_AFFS-2008_8.pdf", {"fs:affs/2008/8"}, true};
  const LinkSide emfs{"d/rinfo_EMFS-2011_39.pdf", {"fs:fffs/2011/39"}, true};
  const LinkSide prop{"d/ferenda_prop-2008-09-5.pdf", {"fs:prop/2008/09/5"}, false};  // no "bilaga 1" in it
  const LinkSide bil1{"d/rinfo_LIVSFS-2006_22bil1.pdf", {"fs:livsfs/2006/22"}};
  const LinkSide named{"d/Bilaga 1.pdf", {"fs:affs/2008/8"}};  // names AFFS 2008:8 in its first lines
  const LinkSide anon{"d/Bilaga 1 Avtal.docx", {}};
  const LinkSide scan{"d/ferenda_prop-2008-09-5_bilaga_scanned.PDF", {"fs:prop/2008/09/5"}};
  const std::tuple<const char*, LinkSide, std::vector<LinkSide>, int> cases[] = {
      {"stem and key", bil1, {affs, emfs, liv}, 2},
      {"key in first lines", named, {liv, affs, emfs}, 1},
      {"nothing ties it, several refer", anon, {liv, affs, emfs}, -1},
      {"the only decision of a case folder", anon, {liv}, 0},
      {"the only one referring", anon, {prop, liv}, 1},
      {"stem, though it does not refer", scan, {liv, affs, prop}, 2},
      {"none refers", anon, {prop}, -1},
      {"empty folder", anon, {}, -1},
      {"a copy of the decision is no second one", anon,
       {LinkSide{"d/beslut.pdf", {}, true, "ab12"}, LinkSide{"d/kopia.pdf", {}, true, "ab12"}}, 0},
      {"two different decisions", anon,
       {LinkSide{"d/beslut.pdf", {}, true, "ab12"}, LinkSide{"d/annat.pdf", {}, true, "cd34"}}, -1},
  };
  for (const auto& [what, bilaga, mains, want] : cases)
    EXPECT_EQ(choose_attachment_parent(bilaga, mains), want) << what;
}

}  // namespace
}  // namespace arkiv::analyze
