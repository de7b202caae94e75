// Small office files that expand without bound: every one is read within
// the limits that every format keeps (ExtractOptions::max_page_text_bytes
// per page, a bounded element depth), with a diagnostic saying so, and
// without the memory or stack the expansion would take. The files are
// made here, as ZIP packages in memory (libarchive), so each case is one
// line of XML to read.
#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "arkiv/pipeline.h"

namespace fs = std::filesystem;

namespace arkiv::extract {
namespace {

using Parts = std::vector<std::pair<std::string, std::string>>;

// The file at `path` as discovery would hand it to extraction.
SourceFile source_of(const fs::path& path) {
  SourceFile f;
  f.path = path.string();
  f.abspath = f.path;
  f.id = ingest::record_id(f.abspath);
  f.size = fs::file_size(path);
  return f;
}

// A ZIP package holding `parts`, written to a file in the test's temp dir.
SourceFile package(const std::string& name, const Parts& parts) {
  std::string bytes(1 << 20, '\0');
  std::size_t used = 0;
  archive* a = archive_write_new();
  archive_write_set_format_zip(a);
  archive_write_open_memory(a, bytes.data(), bytes.size(), &used);
  for (const auto& [path, data] : parts) {
    archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, path.c_str());
    archive_entry_set_size(e, static_cast<la_int64_t>(data.size()));
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_perm(e, 0644);
    archive_write_header(a, e);
    archive_write_data(a, data.data(), data.size());
    archive_entry_free(e);
  }
  archive_write_close(a);
  archive_write_free(a);
  bytes.resize(used);
  const fs::path path = fs::path(::testing::TempDir()) / name;
  std::ofstream(path, std::ios::binary) << bytes;
  return source_of(path);
}

std::string repeat(const std::string& s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

const std::string kDocxTypes =
    "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Override PartName=\"/word/document.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";
const std::string kXlsxTypes =
    "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Override PartName=\"/xl/workbook.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/></Types>";

std::size_t text_bytes(const ExtractedDoc& d) {
  std::size_t n = 0;
  for (const auto& p : d.pages) n += p.text.size();
  return n;
}

bool has(const ExtractedDoc& d, DiagKind kind, const std::string& detail) {
  for (const auto& g : d.diagnostics)
    if (g.kind == kind && g.detail.find(detail) != std::string::npos) return true;
  return false;
}

struct Case {
  const char* name;
  Parts parts;
  DiagKind kind;          // the diagnostic the reader must give
  const char* detail;     // ... with this in its text
  std::size_t max_text;   // at most this much text comes out
};

TEST(ExtractLimits, OfficeFilesThatExpandAreReadWithinTheLimits) {
  ExtractOptions opts;
  opts.max_page_text_bytes = 64 << 10;
  const std::string odt_mimetype = "application/vnd.oasis.opendocument.text";
  const std::string big(1 << 20, 'x');
  const Case cases[] = {
      // 130 cells refer to one 1 MiB shared string: 130 MiB of sheet text.
      {"shared.xlsx",
       {{"[Content_Types].xml", kXlsxTypes},
        {"xl/workbook.xml", "<workbook/>"},
        {"xl/sharedStrings.xml", "<sst><si><t>" + big + "</t></si></sst>"},
        {"xl/worksheets/sheet1.xml",
         "<worksheet><sheetData>" + repeat("<row><c t=\"s\"><v>0</v></c></row>", 130) + "</sheetData></worksheet>"}},
       DiagKind::kPageTextCut, "page text cut at 65536 bytes", 64 << 10},
      // <text:s text:c="300000000"/>: 300 million spaces from 30 bytes.
      {"spaces.odt",
       {{"mimetype", odt_mimetype},
        {"content.xml",
         "<office:document-content xmlns:office=\"o\" xmlns:text=\"t\"><office:body><office:text>"
         "<text:p>Protokoll<text:s text:c=\"300000000\"/>slut</text:p></office:text></office:body>"
         "</office:document-content>"}},
       DiagKind::kPageTextCut, "page text cut at 65536 bytes", 64 << 10},
      // A million nested paragraphs: a recursive walk ran out of stack.
      {"nested.docx",
       {{"[Content_Types].xml", kDocxTypes},
        {"word/document.xml", "<w:document xmlns:w=\"w\"><w:body>" + repeat("<w:p>", 1000000) + "<w:r><w:t>djupt</w:t></w:r>" +
                                  repeat("</w:p>", 1000000) + "</w:body></w:document>"}},
       DiagKind::kTooLarge, "nested more than 256 deep", 0},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const ExtractedDoc d = extract(package(c.name, c.parts), opts);
    EXPECT_TRUE(has(d, c.kind, c.detail)) << (d.diagnostics.empty() ? "no diagnostic" : d.diagnostics[0].detail);
    EXPECT_LE(text_bytes(d), c.max_text);
    for (const auto& p : d.pages) EXPECT_LE(p.text.size(), opts.max_page_text_bytes);
  }
}

// libxml2 stops at 256 nested elements and hands back what it read: the
// page is too deep, not without text (its one paragraph before the nest
// was all that came out).
TEST(ExtractLimits, HtmlNestedTooDeepIsTooLargeNotEmpty) {
  const fs::path path = fs::path(::testing::TempDir()) / "djup.html";
  std::ofstream(path) << "<html><body>" + repeat("<div>", 100000) + "djupt" + repeat("</div>", 100000) +
                             "<p>efter</p></body></html>";
  const ExtractedDoc d = extract(source_of(path));
  EXPECT_TRUE(has(d, DiagKind::kTooLarge, "elements nested more than 256 deep"))
      << (d.diagnostics.empty() ? "no diagnostic" : d.diagnostics[0].detail);
  EXPECT_FALSE(has(d, DiagKind::kNoText, ""));
}

// Every format keeps the page limit: a one-line text file of 10 MB reaches
// analysis as max_page_text_bytes, cut between whole UTF-8 sequences.
TEST(ExtractLimits, TextFilesKeepThePageLimitToo) {
  const fs::path path = fs::path(::testing::TempDir()) / "lang.txt";
  std::ofstream(path) << repeat("Gävle kommun beslutar om åtgärder ", 300000);
  const SourceFile f = source_of(path);
  ExtractOptions opts;
  opts.max_page_text_bytes = 1000;
  const ExtractedDoc d = extract(f, opts);
  ASSERT_EQ(d.pages.size(), 1u);
  EXPECT_LE(d.pages[0].text.size(), 1000u);
  EXPECT_GE(d.pages[0].text.size(), 997u);
  EXPECT_EQ(d.pages[0].text.rfind("Gävle kommun beslutar om ", 0), 0u);
  EXPECT_NE(static_cast<unsigned char>(d.pages[0].text.back()) & 0xC0, 0x80u);  // no half of an "ä"
  EXPECT_TRUE(has(d, DiagKind::kPageTextCut, "page text cut at 1000 bytes"));
}

// Within the limits nothing changes: the text of an ordinary package whole.
TEST(ExtractLimits, OrdinaryOfficeTextIsNotCut) {
  const std::string para = "<w:p><w:r><w:t>Kommunstyrelsen beslutar att godkänna avtalet.</w:t></w:r></w:p>";
  const ExtractedDoc d = extract(package("vanlig.docx", {{"[Content_Types].xml", kDocxTypes},
                                                         {"word/document.xml", "<w:document xmlns:w=\"w\"><w:body>" +
                                                                                   repeat(para, 100) +
                                                                                   "</w:body></w:document>"}}));
  EXPECT_TRUE(d.diagnostics.empty()) << d.diagnostics[0].detail;
  ASSERT_EQ(d.pages.size(), 1u);
  EXPECT_EQ(d.pages[0].text, repeat("Kommunstyrelsen beslutar att godkänna avtalet.\n", 100));
}

}  // namespace
}  // namespace arkiv::extract
