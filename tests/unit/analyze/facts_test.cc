// Record facts, table-driven: diarienummer (index side and query side in
// pairs), references, record date and type, sentences.
#include <gtest/gtest.h>

#include "arkiv/analysis.h"
#include "arkiv/pipeline.h"
#include "util/time.h"

namespace arkiv::analyze {
namespace {

TEST(CaseNumbers, FoundAndNormalized) {
  struct {
    const char* text;
    const char* expected;  // normalized, "; "-separated
  } cases[] = {
      {"Dnr KS 2020/0123", "KS 2020/123"},
      {"dnr: KS 2015/456 och Dnr BUN 2017/88", "KS 2015/456; BUN 2017/88"},
      {"Diarienummer: KS-2021-789", "KS 2021/789"},
      {"Dnr: 2019-000123", "2019/123"},
      {"§ 45 Dnr KS 2018/1123", "KS 2018/1123"},
      {"ärendet KS 2015/456 behandlades", "KS 2015/456"},
      {"enligt KS-2015-456", "KS 2015/456"},
      // However much white space a letterhead puts after "Dnr:".
      {"Dnr:\t\t\t\t\t\t\t\t\tKS 2015/456", "KS 2015/456"},
      {"Diarienummer:                        2019/5", "2019/5"},
      {"ÄRENDENUMMER: 2019-000123", "2019/123"},
      // As agencies, departments and courts write them (issue 22 item 3).
      {"REMISSVAR\n2026-06-24\nDnr 3.1-4788-2026", "3.1-4788-2026"},  // Kammarkollegiet
      {"Beslut (AB2026/00123)", "AB 2026/123"},                      // glued, zeros
      {"Finansdepartementet Fi2019/01234/S3", "FI 2019/1234"},       // a department's unit suffix
      {"Mål nr B 1234-19", "B 1234-19"},
      {"i mål nr 1234-19 vid förvaltningsrätten", "1234-19"},
      {"HÖGSTA DOMSTOLENS DOM T 170-08", "T 170-08"},
      {"Göta hovrätts dom i mål T 2012-06", "T 2012-06"},
      {"Byggnadsnämnden SBN 2019.123", "SBN 2019/123"},
      // Not case numbers.
      {"den 2019-03-15 kl. 10", ""},
      {"Tel. 08-123 45 67", ""},
      {"Kina 2016-2020", ""},
      {"EU 2015-16", ""},
      {"skr. 2019/20:18", ""},
      {"SFS 2009:400", ""},
      {"ks 2015/456", ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    std::string got;
    for (const auto& n : find_case_numbers(c.text)) got += (got.empty() ? "" : "; ") + n.normalized;
    EXPECT_EQ(got, c.expected);
  }
}

// Query side: however a user types the number, it meets the index side.
TEST(CaseNumbers, QuerySideMeetsIndexSide) {
  const char* typed[] = {"KS 2015/456", "KS 2015/0456", "ks-2015-456", "Dnr KS 2015/456", "KS-2015-00456"};
  for (const char* t : typed) {
    SCOPED_TRACE(t);
    EXPECT_EQ(normalize_case_number(t), find_case_numbers("Dnr KS 2015/456")[0].normalized);
  }
  EXPECT_EQ(normalize_case_number("Zhuhai"), "");
  // The other forms, each as a person may type it.
  const std::pair<const char*, const char*> forms[] = {
      {"3.1-4788-2026", "Dnr 3.1-4788-2026"}, {"AB 2026/123", "(AB2026/00123)"},
      {"ab2026/00123", "(AB2026/00123)"},      {"Fi2019/01234/S3", "Fi2019/01234/S3"},
      {"Fi 2019/1234", "Fi2019/01234/S3"},     {"B1234-19", "Mål nr B 1234-19"},
      {"b 1234-19", "Mål nr B 1234-19"},       {"SBN 2019.123", "SBN 2019.123"},
      {"SBN 2019/123", "SBN 2019.123"},
  };
  for (const auto& [query, text] : forms) {
    SCOPED_TRACE(query);
    const auto found = find_case_numbers(text);
    ASSERT_EQ(found.size(), 1u) << text;
    EXPECT_EQ(normalize_case_number(query), found[0].normalized);
  }
}

TEST(References, KindsAndNormalForms) {
  std::string text =
      "Se skr. 2019/20:18 och prop. 2008/09:5, SOU 2022:17, Ds 1998:10, dir. 2016:15 samt lag (SFS 2009:400). "
      "Mer på https://www.regeringen.se/arbetet-i-fragor-som-ror-kina-skr-2019-20-18.pdf.";
  std::string got;
  for (const auto& r : find_references(text)) got += r.kind + "=" + r.normalized + "\n";
  EXPECT_EQ(got,
            "skr=skr. 2019/20:18\nprop=prop. 2008/09:5\nsou=SOU 2022:17\nds=Ds 1998:10\ndir=dir. 2016:15\n"
            "sfs=SFS 2009:400\nurl=https://www.regeringen.se/arbetet-i-fragor-som-ror-kina-skr-2019-20-18.pdf\n");
}

// Each kind alone, in the cases its pattern matches in (a pattern is
// only run on a text holding its literal), and nothing where none is.
TEST(References, EachKindAloneInAnyCaseItMatches) {
  const std::pair<const char*, const char*> cases[] = {
      {"enligt Prop. 2008/09:5 ska", "prop=prop. 2008/09:5"},
      {"Regeringens proposition 1999/2000:17 (prop. 1999/2000:17)", "prop=prop. 1999/2000:17"},
      {"skr. 1999/2000:90", "skr=skr. 1999/2000:90"},
      {"SKR. 2019/20:18", "skr=skr. 2019/20:18"},
      {"Dir. 2016:15", "dir=dir. 2016:15"},
      {"se WWW.Regeringen.se/kina", "url=WWW.Regeringen.se/kina"},
      {"HTTPS://example.org/a", "url=HTTPS://example.org/a"},
      {"SFS 2009:400", "sfs=SFS 2009:400"},
      {"sfs 2009:400 sou 2022:17 ds 1998:10", ""},  // these are written in capitals
      {"\u017Fkr. 2019/20:18", "skr=skr. 2019/20:18"},  // the long s folds to s
      {"Inga hänvisningar här, kl. 13:00.", ""},
  };
  for (const auto& [text, expected] : cases) {
    std::string got;
    for (const auto& r : find_references(text)) got += (got.empty() ? "" : "\n") + r.kind + "=" + r.normalized;
    EXPECT_EQ(got, expected) << text;
  }
}

NormalizedDoc doc(const std::string& path, const std::string& title, const std::string& text) {
  ExtractedDoc e;
  e.source.path = path;
  e.meta.title = title;
  e.pages.push_back({1, text});
  e.page_count = 1;
  return normalize::normalize(std::move(e));
}

TEST(RecordFacts, DateAndTypeWithTheRuleThatWon) {
  struct {
    const char* path;
    const char* title;
    const char* text;
    const char* date;
    const char* rule;
    const char* type;
  } cases[] = {
      {"ks/protokoll.pdf", "", "Protokoll Kommunstyrelsen\nSammanträdesdatum 2019-03-15\n§ 45", "2019-03-15",
       "date-line", "protokoll"},
      {"a.pdf", "", "Tjänsteskrivelse\nDatum: 2021-11-04\nBredband", "2021-11-04", "date-line",
       "tjänsteskrivelse"},
      {"a.pdf", "", "Protokollsutdrag Kommunfullmäktige 2015-11-26\n§ 182 Budget", "2015-11-26", "header",
       "protokollsutdrag"},
      {"arkiv/beslut_2020-06-11.pdf", "", "Regeringen ger Utrikespolitiska institutet i uppdrag", "2020-06-11",
       "file-name", "beslut"},
      // An attachment has its own kind; being a bilaga is its role.
      {"Bilaga 2 avtal.pdf", "", "Samarbetsavtal mellan Gävle och Zhuhai", "", "", "avtal"},
      {"x.pdf", "Samarbetsavtal Sandviken–Kaunas", "Avtalet gäller från och med den 1 juli 2012", "2012-07-01",
       "header", "avtal"},
      {"mail.pdf", "", "Från: internationella kontoret\nSkickat: den 3 april 2017 10:14\nÄmne: Besök", "2017-04-03",
       "date-line", "e-post"},
      {"x.pdf", "Uppföljning partnerskap med Zhuhai, Kina 2016-2020", "Bakgrund\nGävle kommun har sedan 2010", "",
       "", "uppföljning"},
      {"x.pdf", "", "Minnesanteckningar från mötet", "", "", "other"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    AnalyzedDoc a = analyze(doc(c.path, c.title, c.text));
    EXPECT_EQ(a.record_date, c.date);
    EXPECT_EQ(a.record_date_rule, c.rule);
    EXPECT_EQ(record_type_key(a.type), c.type);
  }
}

NormalizedDoc doc_created(const std::string& path, const std::string& title, const std::string& text,
                          const char* created, const char* author = "") {
  ExtractedDoc e;
  e.meta.author = author;
  e.source.path = path;
  e.meta.title = title;
  if (created && *created) e.meta.created = util::parse_iso8601(created);
  // A form feed in `text` starts the next page.
  for (std::size_t b = 0, n = 1;; ++n) {
    const std::size_t f = text.find('\f', b);
    e.pages.push_back({static_cast<int>(n), text.substr(b, f == std::string::npos ? std::string::npos : f - b)});
    if (f == std::string::npos) break;
    b = f + 1;
  }
  e.page_count = static_cast<int>(e.pages.size());
  return normalize::normalize(std::move(e));
}

// Records of authorities and courts, each row a small page modelled on a
// real record in /work/shared/data/realworld/swedish (named first): the
// title a reader recognises, the record date and its rule, the type.
TEST(RecordFacts, AuthoritiesAndCourts) {
  struct {
    const char* real;  // the record the row stands for
    const char* path;
    const char* meta_title;
    const char* created;  // the PDF's creation date
    const char* text;
    const char* title;
    const char* date;
    const char* rule;
    const char* type;
    const char* author = "";  // the PDF's /Author
  } cases[] = {
      {"rinfo_BFS-1987-4_bostadsstyrelsen.pdf", "a.pdf", "Microsoft Word - 1987-4TOB6.doc", "2006-01-10T15:50:42Z",
       "BOVERKETS\nFÖRFATTNINGSSAMLING\nBFS 1990:27\nSKL 1\n1\nBoverkets föreskrifter om stöd till vissa "
       "icke-statliga kul-\nturlokaler;\nUtkom från trycket\nden 20 december 1990\nbeslutade den 23 november 1990.\n"
       "Boverket föreskriver följande.",
       "Boverkets föreskrifter om stöd till vissa icke-statliga kulturlokaler", "1990-11-23", "decided", "föreskrift"},
      // The sidebar set between the title's lines.
      {"rinfo_BFS-1990-27_boverket.pdf (pdftotext -layout order)", "a.pdf", "", "2006-01-10T15:51:07Z",
       "BOVERKETS\nFÖRFATTNINGSSAMLING\nBoverkets föreskrifter om stöd till vissa icke-statliga kul-\nUtkom från "
       "trycket\nden 20 december 1990\nturlokaler;\nbeslutade den 23 november 1990.",
       "Boverkets föreskrifter om stöd till vissa icke-statliga kulturlokaler", "1990-11-23", "decided", "föreskrift"},
      {"rinfo_SJVFS-2009_44.pdf", "a.pdf", "Statens jordbruksverks föreskrifterom ", "2009-06-12T08:25:19Z",
       "Statens jordbruksverks\nförfattningssamling\nISSN 1102-0970\nSJVFS 2009:44\nFöreskrifter om ändring i "
       "Statens jordbruksverks\nföreskrifter (SJVFS 2009:26) om hästdjur som används\ntill avel och om identifiering "
       "av hästdjur;\nSaknr M 16\nUtkom från trycket\nden 15 juni 2009\nOmtryck\nbeslutade den 11 juni 2009",
       "Föreskrifter om ändring i Statens jordbruksverks föreskrifter (SJVFS 2009:26) om hästdjur som används till avel "
       "och om identifiering av hästdjur",
       "2009-06-11", "decided", "föreskrift"},
      // A scan read by OCR: the sidebar's date ends the title's first line.
      {"rinfo_RA-FS-2006_6_scanned.pdf", "a.pdf", "", "2007-02-13T10:00:00Z",
       "bas bad\n[2]\n\nRiksarkivets författningssamling\n\nRIKSARKIVET\n\nISSN 0283-2941\n\nRA-FS 2006:6\n"
       "Utkom från trycket\nFöreskrifter om ändring av Riksarkivets föreskrifter den 9 februari 2007\noch allmänna "
       "råd (RA-FS 2004:2) om gallring och\nåterlämnande av handlingar vid upphandling;\n\nbeslutade den 20 "
       "december 2006.\n",
       "Föreskrifter om ändring av Riksarkivets föreskrifter och allmänna råd (RA-FS 2004:2) om gallring och "
       "återlämnande av handlingar vid upphandling",
       "2006-12-20", "decided", "föreskrift"},
      {"rinfo_SFS-2000_80.pdf", "a.pdf", "", "2000-03-03T09:57:41Z",
       "1\nSvensk författningssamling\nFörordning\nom ändring i rättsinformationsförordningen\n(1999:175);\n"
       "utfärdad den 24 februari 2000.\nRegeringen föreskriver att 9 § ska ha följande lydelse.",
       "Förordning om ändring i rättsinformationsförordningen (1999:175)", "2000-02-24", "decided", "föreskrift"},
      {"rinfo_VervaFS-2007_2AR.pdf", "a.pdf", "Microsoft Word - VERVAFS 0702AR R-ex.doc", "2007-11-13T15:28:14Z",
       "1\nVerket för förvaltningsutvecklings\nförfattningssamling\nISSN 1654-0832\nBakgrund\nRegeringens ambition "
       "är god.\nVervas allmänna råd till föreskrift om statliga myndigheters arbete med säkert elektroniskt "
       "informationsutbyte, VERVAFS 2007:2;\nVERVAFS 2007:2AR\nUtkom från trycket\nden 19 november 2007",
       "Vervas allmänna råd till föreskrift om statliga myndigheters arbete med säkert elektroniskt "
       "informationsutbyte, VERVAFS 2007:2",
       "2007-11-19", "published", "allmänna råd"},
      // A masthead as the metadata title is no title.
      {"rinfo_VervaFS-2007_1.pdf", "a.pdf", "Verket för förvaltningsutvecklings ", "2007-01-12T14:29:12Z",
       "Verket för förvaltningsutvecklings\nförfattningssamling\nVervas föreskrifter om statliga myndigheters\n"
       "elektroniska fakturor;\nVERVAFS 2007:1\nbeslutade den 12 januari 2007.",
       "Vervas föreskrifter om statliga myndigheters elektroniska fakturor", "2007-01-12", "decided", "föreskrift"},
      {"ferenda_nfs-2007-10_naturvardsverket.pdf", "a.pdf", "NFS 2007-10k2.indd.indd", "2017-05-03T11:52:50Z",
       "Naturvårdsverkets författningssamling\nISSN 1403-8234\n1\nNFS 2007:10\nNaturvårdsverkets föreskrifter och "
       "allmänna råd om\ninventering av björn, varg, järv, lodjur och kungsörn;\nKonsoliderad version.",
       "Naturvårdsverkets föreskrifter och allmänna råd om inventering av björn, varg, järv, lodjur och kungsörn",
       "2017-05-03", "metadata", "föreskrift"},
      {"ferenda_dir-2014-158.pdf", "a.pdf", "", "2014-12-18T11:54:37Z",
       "Kommittédirektiv\nTilläggsdirektiv till Utredningen om en\növersyn av fondregelverket (Fi 2014:15)\nDir.\n"
       "2014:158\nBeslut vid regeringssammanträde den 18 december 2014\nRegeringen beslutade den 30 oktober 2014 "
       "kommittédirektiv.",
       "Tilläggsdirektiv till Utredningen om en översyn av fondregelverket (Fi 2014:15)", "2014-12-18", "decided",
       "kommittédirektiv"},
      {"ferenda_prop-1999-2000-17_custom-encoding.pdf", "a.pdf", "Microsoft Word - PROPGR~1.DOC",
       "1999-10-20T16:10:57Z",
       "1\nRegeringens proposition\n1999/2000:17\nAvtal mellan Sverige och Danmark om beskattning\nav anställda "
       "ombord på färjor och tåg m.m.\nRegeringen överlämnar denna proposition till riksdagen.\nStockholm den 14 "
       "oktober 1999\nPropositionens huvudsakliga innehåll\nI propositionen föreslås att riksdagen godkänner ett "
       "avtal.",
       "Avtal mellan Sverige och Danmark om beskattning av anställda ombord på färjor och tåg m.m.", "1999-10-14",
       "signed", "proposition"},
      {"ferenda_prop-2012-13-187.pdf", "a.pdf", "Regeringens proposition", "2013-09-03T19:34:52Z",
       "1\nRegeringens proposition\n2012/13:187\nVissa skolfrågor Prop.\n2012/13:187\nRegeringen överlämnar "
       "denna proposition till riksdagen.\nStockholm den 27 juni 2013",
       "Vissa skolfrågor", "2013-06-27", "signed", "proposition"},
      // The foreword's prose does not date a Ds; its signing month agrees
      // with the creation date.
      {"rinfo_Ds-1998_10.pdf", "a.pdf", "Ds 1998:10", "1998-02-17T13:56:40Z",
       "1\nFörord\nDen 28 november 1996 beslutade regeringen att tillsätta en\narbetsgrupp.\nStockholm i februari "
       "1998\n2 Ds 1998:10",
       "Ds 1998:10", "1998-02-17", "metadata", "ds"},
      {"rinfo_HD_dom_T_170-08.pdf", "a.pdf", "Microsoft Word - 2009-11-04 T 170-08 + skiljaktig mening",
       "2009-11-03T12:00:30Z",
       "Sida 1 (18)\nHÖGSTA DOMSTOLENS\nDOM Mål nr\nmeddelad i Stockholm den 4 november 2009 T 170-08\nDok.Id "
       "38099\nKLAGANDE\nDolomite AB\nSAKEN\nÖverföring av mönsterregistrering\nÖVERKLAGADE AVGÖRANDET\nGöta "
       "hovrätts dom den 30 november 2007 i mål T 2012-06",
       "Högsta domstolens dom i mål T 170-08: Överföring av mönsterregistrering", "2009-11-04", "decided", "dom"},
      {"ferenda_remissvar_kammarkollegiet.pdf", "a.pdf", "", "2026-06-24T06:56:09Z",
       "Sid 1 (1)\nKlicka här för att ange ev avsändare. Klimat- och näringslivsdepartementet\n"
       "Kn.remissvar@regeringskansliet.se\nKopia:\nRemissvar gällande betänkandet En moderniserad\nreglering av "
       "handel med ädelmetallarbeten (SOU\n2026:14)\n(KN2026/00741)\nKammarkollegiet har inga synpunkter.\n"
       "REMISSVAR\n2026-06-24\nDnr 3.1-4788-2026",
       "Remissvar gällande betänkandet En moderniserad reglering av handel med ädelmetallarbeten (SOU 2026:14)",
       "2026-06-24", "date-line", "remissvar"},
      // A deadline is no record date; the kind is in the file name.
      {"g0vse_remiss-sou-2015109-stat-och-kommun.md", "g0vse_remiss-sou-2015109-stat-och-kommun.md", "", "",
       "# Remiss SOU 2015:109 Bättre samarbete mellan stat och kommun\n\nRemissvaren ska ha kommit in till "
       "Näringsdepartementet senast den 31 mars 2016.",
       "Remiss SOU 2015:109 Bättre samarbete mellan stat och kommun", "", "", "remiss"},
      {"fst_FST_info_verksamhetsansvarig.pdf", "a.pdf", "Allmän produktmall revPA1", "2016-12-16T14:05:43Z",
       "1 (6)\nDATUM\n2016-12-16\nREVISION DIARIENR DOKUMENTNR\n551 81 Jönköping • Besöksadress: Kyrkogatan 34\n"
       "R2B\nJonas Beckman, konsult\nHeléne Lundgren\nPröva och utvärdera FST på din myndighet\n- information "
       "till projektledare/verksamhetsansvarig\nDetta dokument vänder sig till dig.",
       "Pröva och utvärdera FST på din myndighet – information till projektledare/verksamhetsansvarig",
       "2016-12-16", "date-line", "other", "Heléne Lundgren"},
      {"ferenda_arn-2013-07406_beslut.pdf", "arn-2013-07406_beslut.pdf",
       "Microsoft Word - arn13851030412091825524584618342090", "2013-11-22T06:50:42Z",
       "Fråga om köparen fullgjort sin skyldighet att kontrollera riktigheten av\nutfärdade biljetter samt om "
       "resebyrås ansvar för de felaktiga biljetterna.\nAvgörande 2013-11-19; 2013-07406\nVid incheckning på "
       "Arlanda uppdagades felet.",
       "Fråga om köparen fullgjort sin skyldighet att kontrollera riktigheten av utfärdade biljetter samt om "
       "resebyrås ansvar för de felaktiga biljetterna.",
       "2013-11-19", "date-line", "beslut"},
      // A consolidated författning: its decision formula stands after a
      // cover and a table of contents (page 4 of the real one); page 1
      // only dates the consolidation. A form feed starts a page here.
      {"ferenda_afs-2011-19_arbetsmiljoverket.pdf", "ferenda_afs-2011-19_arbetsmiljoverket.pdf", "",
       "2017-06-20T10:00:00Z",
       "AFS 2011:19\nKemiska arbetsmiljörisker\nArbetsmiljöverkets föreskrifter och allmänna råd om kemiska "
       "arbetsmiljörisker\n(Ändringar införda t.o.m 13 juni 2017.)\fInnehållsförteckning\nSyfte 4\f"
       "AFS 2011:19\nbeslutade den 29 november 2011.",
       "Kemiska arbetsmiljörisker", "2011-11-29", "decided", "föreskrift"},
      // No text (a scan): a trustworthy metadata title, else the file name.
      {"rinfo_RA-FS-2004_2_scanned.pdf", "x/rinfo_RA-FS-2004_2_scanned.pdf", "RA-FS 2004-02", "2004-10-07T09:49:30Z",
       "", "RA-FS 2004-02", "2004-10-07", "metadata", "föreskrift"},
      {"ferenda_prop-1991-92-43_scanned.pdf", "x/ferenda_prop-1991-92-43_scanned.pdf", "", "2014-04-08T17:07:47Z",
       "", "ferenda_prop-1991-92-43_scanned.pdf", "2014-04-08", "metadata", "proposition"},
      // Markdown front matter: its date and type; the title is below it.
      {"kommunhandlingar_kungsbacka_ks_protokoll_2026-08-25_179-180.md", "k.md", "", "",
       "---\nkommun: kungsbacka\ndatum: 2026-08-25\ntyp: protokoll\n---\n\n<!-- sida 1 -->\n\nKUNGSBACKA KOMMUN "
       "SAMMANTRÄDESPROTOKOLL\nKommunstyrelsen\nDatum\n2026-08-25",
       "Kungsbacka kommun sammanträdesprotokoll Kommunstyrelsen", "2026-08-25", "front-matter", "protokoll"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.real);
    NormalizedDoc d = doc_created(c.path, c.meta_title, c.text, c.created, c.author);
    AnalyzedDoc a = analyze(d);
    EXPECT_EQ(d.title, c.title);
    EXPECT_EQ(a.record_date, c.date);
    EXPECT_EQ(a.record_date_rule, c.rule);
    EXPECT_EQ(record_type_key(a.type), c.type);
  }
}

// An older proposition is decided in the words "... i bifogade utdrag ur
// regeringsprotokollet den 31 oktober 1991": prop. 1991/92:43, a scan
// read by OCR (its page 1 as Tesseract gives it, the crest and the
// margin's "Prop. 1991/92:43" mixed into the title lines), whose PDF was
// made in 2014. Its title is left to the title tests: OCR garbled it.
TEST(RecordFacts, OlderPropositionIsDatedByTheGovernmentsProtocol) {
  NormalizedDoc d = doc_created(
      "x/ferenda_prop-1991-92-43_scanned.pdf", "",
      "Regeringens proposition es -\n1991/92:43 [2]\nom vissa ändringar i bestämmelserna om\n\nk illä reliminär "
      "B-skatt m. m. Prop. |\nskattetillägg, i NS 1991/92:43\n\nRegeringen föreslår riksdagen att anta de förslag som "
      "har tagits. upp i\nbifogade utdrag ur regeringsprotokollet den 31 oktober 1991.\n\nPå regeringens vägnar\n",
      "2014-04-08T17:07:47Z");
  AnalyzedDoc a = analyze(d);
  EXPECT_EQ(a.record_date, "1991-10-31");
  EXPECT_EQ(a.record_date_rule, "decided");
  EXPECT_EQ(record_type_key(a.type), "proposition");
}

// An e-mail's date and type come from its header fields (extract/mail.cc),
// not from header lines in its text: here the body has none, and quotes
// the dates of the protokoll it is about.
NormalizedDoc mail(const char* date_header, const std::string& body) {
  ExtractedDoc e;
  e.source.path = "a/brev.eml";
  e.format = "eml";
  e.meta.title = "Protokoll från kommunstyrelsen";
  e.meta.author = "Anna Andersson <anna.andersson@example.se>";
  e.meta.recipients = "registrator@example.se";
  if (*date_header) e.meta.created = util::parse_iso8601(date_header);
  e.pages.push_back({1, body});
  e.page_count = 1;
  return normalize::normalize(std::move(e));
}

TEST(RecordFacts, AnEmailIsDatedAndTypedByItsHeaderFields) {
  const std::string body = "Protokoll\nDatum: 2017-02-01\nKommunstyrelsen beslutade den 1 februari 2017.\n";
  AnalyzedDoc a = analyze(mail("2017-03-14T10:15:00+01:00", body));
  EXPECT_EQ(a.record_date, "2017-03-14");
  EXPECT_EQ(a.record_date_rule, "sent");
  EXPECT_EQ(a.type, RecordType::kEmail);
  // The day in Swedish time: 23:30 UTC on 13 March is 00:30 on the 14th
  // here; 22:30 UTC on 30 June (summer time, +02:00) is 00:30 on 1 July.
  EXPECT_EQ(analyze(mail("2017-03-13T23:30:00Z", body)).record_date, "2017-03-14");
  EXPECT_EQ(analyze(mail("2017-06-30T22:30:00Z", body)).record_date, "2017-07-01");
  EXPECT_EQ(analyze(mail("2017-06-30T21:30:00Z", body)).record_date, "2017-06-30");
  // Without a Date header, the text's rules date it; it is still e-post.
  AnalyzedDoc undated = analyze(mail("", body));
  EXPECT_EQ(undated.record_date, "2017-02-01");
  EXPECT_EQ(undated.record_date_rule, "date-line");
  EXPECT_EQ(undated.type, RecordType::kEmail);
}

// Metadata titles that say nothing about the record.
TEST(RecordFacts, UntrustworthyMetadataTitles) {
  for (const char* t : {"1", "NFS 2007-10k2.indd.indd", "Allmän produktmall revPA1", "Microsoft Word - a088.doc",
                        "Regeringens proposition", "Finansinspektionens författningssamling",
                        "Arbetsmarknadsstyrelsens föreskrifter om", "Namnlös"}) {
    NormalizedDoc d = doc_created("dir/file.pdf", t, "", "");
    EXPECT_EQ(d.title, "file.pdf") << t;
  }
  for (const char* t : {"Ds 1998:10", "Kemiska arbetsmiljörisker", "Tilläggsdirektiv till Forskningsdatautredningen"}) {
    NormalizedDoc d = doc_created("dir/file.pdf", t, "", "");
    EXPECT_EQ(d.title, t);
  }
}

TEST(Sentences, AroundAnOffsetOnOneLine) {
  std::string text =
      "Bakgrund\nGävle kommun har sedan 2010 ett partnerskapsavtal med Zhuhai i Kina (bilaga 1, samt underlag\n"
      "beslut förlängning 2015, bilaga 2). Ett samarbete som initierades via Högskolan i Gävle.";
  EXPECT_EQ(sentence_at(text, text.find("2015")),
            "Gävle kommun har sedan 2010 ett partnerskapsavtal med Zhuhai i Kina (bilaga 1, samt underlag "
            "beslut förlängning 2015, bilaga 2).");
  EXPECT_EQ(sentence_at(text, text.find("Högskolan")), "Ett samarbete som initierades via Högskolan i Gävle.");
}

}  // namespace
}  // namespace arkiv::analyze
