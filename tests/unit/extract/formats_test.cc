// Extraction of every format arkiv reads, from the files under
// tests/data/attachments/ (made by tools/make-attachments): the format told
// by content, the text with Swedish letters right, the pages, the files
// inside a file as children, and a diagnostic, never an exception, for a
// bad one.
#include <gtest/gtest.h>

#include <filesystem>

#include "arkiv/pipeline.h"
#include "util/time.h"

namespace fs = std::filesystem;

namespace arkiv::extract {
namespace {

SourceFile source(const std::string& name) {
  SourceFile f;
  f.path = std::string(ARKIV_SOURCE_DIR) + "/tests/data/attachments/" + name;
  f.abspath = f.path;
  f.id = ingest::record_id(f.abspath);
  f.size = fs::file_size(f.path);
  return f;
}

std::string all_text(const ExtractedDoc& d) {
  std::string s;
  for (const auto& p : d.pages) s += p.text + "\f";
  return s;
}

bool fatal(const ExtractedDoc& d, DiagKind k) {
  for (const auto& g : d.diagnostics)
    if (g.kind == k) return true;
  return false;
}

struct Case {
  const char* file;
  const char* format;
  int pages;
  std::vector<const char*> words;     // in the text, as written
  std::vector<const char*> children;  // member names
};

TEST(Formats, EachFormatGivesItsText) {
  const Case cases[] = {
      {"protokoll.docx", "docx", 2, {"§ 212 Förlängning", "Anna Andersson\tS\n", "Bilaga 2: underlag"}, {}},
      {"rapport.odt", "odt", 1, {"Rapport om vänortsutbyte\n", "Lärarutbytet med Zhuhai"}, {}},
      {"aktiviteter.xlsx", "xlsx", 2, {"År\tAktivitet", "Delegationsbesök i Zhuhai", "Resor\t120000"}, {}},
      {"budget.ods", "ods", 2, {"Översättning\t15000", "Tolkning"}, {}},
      {"anteckning-cp1252.txt", "text", 1, {"Bilaga 3 – sammanställning", "Åtgärder", "”Internationella kontoret”"}, {}},
      {"anteckning-latin1.txt", "text", 1, {"Överenskommelse", "Högskolan i Gävle"}, {}},
      {"anteckning-utf16.txt", "text", 1, {"vänortsföreningen i Söderhamn"}, {}},
      {"sida.html", "html", 1, {"Vänorter\n", "Kommunfullmäktige i Gävle", "Zhuhai\tKina"}, {}},
      {"brev.eml", "eml", 1, {"Från: Anna Andersson", "Datum: 2017-03-14", "Ämne: Svar angående", "Vänliga hälsningar"},
       {"avtal-lararutbyte.pdf", "protokoll.docx"}},
      {"arkiv.zip", "zip", 1, {"handlingar/rapport.odt"}, {"handlingar/rapport.odt", "handlingar/inre.zip"}},
      {"egentligen-docx.pdf", "docx", 2, {"Förlängning"}, {}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.file);
    ExtractedDoc d = extract(source(c.file));
    EXPECT_EQ(d.format, c.format);
    EXPECT_TRUE(d.diagnostics.empty()) << d.diagnostics.front().detail;
    EXPECT_EQ(static_cast<int>(d.pages.size()), c.pages);
    const std::string text = all_text(d);
    for (const char* w : c.words) EXPECT_NE(text.find(w), std::string::npos) << w << " in\n" << text;
    ASSERT_EQ(d.children.size(), c.children.size());
    for (std::size_t i = 0; i < d.children.size(); ++i) {
      const SourceFile& s = d.children[i].source;
      EXPECT_EQ(s.member, c.children[i]);
      EXPECT_EQ(s.path, d.source.path + "!/" + c.children[i]);
      EXPECT_EQ(s.parent_id, d.source.id);
      EXPECT_EQ(s.container_id, d.source.id);
      EXPECT_EQ(s.id, ingest::record_id(s.abspath));
      EXPECT_EQ(s.sha256.size(), 64u);
    }
  }
}

TEST(Formats, MetadataOfOfficeFilesAndEmail) {
  ExtractedDoc docx = extract(source("protokoll.docx"));
  EXPECT_EQ(docx.meta.title, "Protokollsutdrag kommunstyrelsen");
  EXPECT_EQ(docx.meta.author, "Gävle kommun");
  ASSERT_TRUE(docx.meta.created);
  ExtractedDoc mail = extract(source("brev.eml"));
  EXPECT_EQ(mail.meta.title, "Svar angående vänortsavtalet");
  EXPECT_NE(mail.meta.author.find("anna.andersson@example.se"), std::string::npos);
  EXPECT_NE(mail.meta.recipients.find("registrator@example.se"), std::string::npos);
  // The attached PDF is extracted in turn, the DOCX too.
  EXPECT_EQ(mail.children[0].format, "pdf");
  EXPECT_NE(all_text(mail.children[0]).find("utbyte av lärare"), std::string::npos);
  EXPECT_EQ(mail.children[1].format, "docx");
}

TEST(Formats, NestingFollowsToTheLimit) {
  ExtractedDoc zip = extract(source("arkiv.zip"));
  const ExtractedDoc& inner = zip.children[1];
  EXPECT_EQ(inner.format, "zip");
  ASSERT_EQ(inner.children.size(), 1u);
  EXPECT_EQ(inner.children[0].source.path, zip.source.path + "!/handlingar/inre.zip!/inre/anteckning.txt");
  EXPECT_EQ(inner.children[0].source.parent_id, inner.source.id);
  EXPECT_EQ(inner.children[0].source.container_id, zip.source.id);
  // djup.zip nests six levels; the default limit opens four, and records
  // the fifth without opening it.
  ExtractedDoc deep = extract(source("djup.zip"));
  const ExtractedDoc* d = &deep;
  int depth = 0;
  while (!d->children.empty()) d = &d->children[0], ++depth;
  EXPECT_EQ(depth, 5);
  EXPECT_TRUE(fatal(*d, DiagKind::kTooLarge));
  ExtractOptions shallow;
  shallow.max_depth = 1;
  ExtractedDoc one = extract(source("arkiv.zip"), shallow);
  ASSERT_EQ(one.children[1].children.size(), 1u);
  EXPECT_TRUE(fatal(one.children[1].children[0], DiagKind::kTooLarge));
}

TEST(Formats, BadFilesGiveDiagnostics) {
  EXPECT_TRUE(fatal(extract(source("bomb.zip")), DiagKind::kTooLarge));
  EXPECT_TRUE(fatal(extract(source("avkortad.docx")), DiagKind::kCorrupt));
  ExtractedDoc locked = extract(source("krypterad.zip"));
  ASSERT_EQ(locked.children.size(), 1u);
  EXPECT_TRUE(fatal(locked.children[0], DiagKind::kEncrypted));
  // Limits are options: a smaller budget stops a normal archive too.
  ExtractOptions tiny;
  tiny.max_members = 2;
  EXPECT_TRUE(fatal(extract(source("arkiv.zip"), tiny), DiagKind::kTooLarge));
}

// Inputs the fuzz targets found (tests/data/regressions/), each once a
// crash: they must give diagnostics.
TEST(Formats, FuzzRegressions) {
  // libarchive reports some damaged archives without a message
  // (archive_error_string() is NULL); building the diagnostic read it as a
  // C string (found by fuzz_extract_office and fuzz_extract_mail).
  for (const char* name : {"fuzz-office-null-archive-error.docx", "fuzz-mail-null-archive-error.eml"}) {
    SCOPED_TRACE(name);
    SourceFile f = source(std::string("../regressions/") + name);
    ExtractedDoc d = extract(f);
    bool any = !d.diagnostics.empty();
    for (const auto& c : d.children) any = any || !c.diagnostics.empty();
    EXPECT_TRUE(any);
  }
  // "Date: Tue, 14 Mar 9997 10:15:00 +0100" overflowed the conversion to
  // FileTime (found by fuzz_extract_mail): the mail is read, without a date.
  ExtractedDoc mail = extract(source("../regressions/fuzz-mail-date-year-9997.eml"));
  EXPECT_FALSE(mail.meta.created.has_value());
  ASSERT_FALSE(mail.pages.empty());
  EXPECT_NE(mail.pages[0].text.find("kommunstyrelsen"), std::string::npos);
  // A PDF attached to a mail, one of its Info dates in the year 6018,
  // overflowed the same way through Poppler's time_t (found by
  // fuzz_extract_mail in the clang sanitizer build): the PDF is read; a
  // date it holds is in FileTime's years, the one it cannot hold is none.
  ExtractedDoc far = extract(source("../regressions/fuzz-mail-pdf-date-year-6018.eml"));
  bool pdf = false;
  for (const ExtractedDoc& c : far.children) {
    if (c.format != "pdf") continue;
    pdf = true;
    for (const std::optional<FileTime>& t : {c.meta.created, c.meta.modified})
      if (t) EXPECT_LT(util::iso8601_utc(*t), "2263");
    EXPECT_FALSE(c.meta.created.has_value() && c.meta.modified.has_value());
  }
  EXPECT_TRUE(pdf);
}

}  // namespace
}  // namespace arkiv::extract

namespace arkiv::extract {
namespace {

// A real PDF that embeds Acrobat Distiller's settings: poppler-cpp 22.12
// gives the UTF-16 name as its BOM alone, so the name comes from the
// description, and the settings are listed but are no document.
TEST(Formats, EmbeddedDistillerSettingsAreNoDocument) {
  const fs::path pdf = fs::path(ARKIV_SOURCE_DIR) / ".." / "shared" / "data" / "realworld" / "swedish" /
                       "ferenda_dir-2017-29.pdf";
  if (!fs::exists(pdf)) GTEST_SKIP() << pdf << " is not here";
  SourceFile f;
  f.path = pdf.string();
  f.abspath = f.path;
  f.id = ingest::record_id(f.abspath);
  f.size = fs::file_size(f.path);
  ExtractedDoc d = extract(f);
  ASSERT_EQ(d.children.size(), 1u);
  const ExtractedDoc& c = d.children[0];
  EXPECT_EQ(c.source.member, "RK Webboptimerad.joboptions");
  EXPECT_TRUE(c.pages.empty());
  ASSERT_FALSE(c.diagnostics.empty());
  EXPECT_EQ(c.diagnostics.back().kind, DiagKind::kUnsupported);
  EXPECT_NE(c.diagnostics.back().detail.find("not a document"), std::string::npos) << c.diagnostics.back().detail;
}

}  // namespace
}  // namespace arkiv::extract
