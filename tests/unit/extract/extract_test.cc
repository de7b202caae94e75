// Extraction of the small PDFs under tests/data/pdf/ (made with
// tools/arkiv-mkpdf and qpdf; see tests/data/README.md), and of damaged
// input made in the test.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "arkiv/pipeline.h"
#include "on_disk.h"

namespace fs = std::filesystem;

namespace arkiv::extract {
namespace {

std::string data(const std::string& name) { return std::string(ARKIV_SOURCE_DIR) + "/tests/data/pdf/" + name; }

bool has_fatal(const ExtractedDoc& d, DiagKind kind) {
  for (const auto& g : d.diagnostics)
    if (g.kind == kind) return true;
  return false;
}

TEST(ExtractPdf, TwoPagesWithMetadataAndHyphensAsPrinted) {
  ExtractedDoc d = extract(test::on_disk(data("two_pages.pdf")));
  ASSERT_TRUE(d.diagnostics.empty()) << d.diagnostics[0].detail;
  EXPECT_EQ(d.format, "pdf");
  EXPECT_EQ(d.page_count, 2);
  ASSERT_EQ(d.pages.size(), 2u);
  EXPECT_EQ(d.pages[0].number, 1);
  EXPECT_EQ(d.meta.title, "Protokollsutdrag Kommunstyrelsen");
  EXPECT_EQ(d.meta.author, "Gävle kommun");
  EXPECT_NE(d.pages[0].text.find("Kommunstyrelsen"), std::string::npos) << d.pages[0].text;
  // The rebuilt lines keep a real hyphen at a line end ("IT-" +
  // "avdelningen"); Poppler's default text() would print "ITavdelningen".
  EXPECT_NE(d.pages[1].text.find("IT-\navdelningen"), std::string::npos) << d.pages[1].text;
  EXPECT_NE(d.pages[1].text.find("utlands-\npolitik"), std::string::npos) << d.pages[1].text;
  EXPECT_NE(d.extractor.find("poppler"), std::string::npos);
}

TEST(ExtractPdf, EncryptedIsADiagnostic) {
  ExtractedDoc d = extract(test::on_disk(data("encrypted.pdf")));
  EXPECT_TRUE(has_fatal(d, DiagKind::kEncrypted));
  EXPECT_TRUE(d.pages.empty());
}

TEST(ExtractPdf, NoTextLayerIsADiagnostic) {
  ExtractedDoc d = extract(test::on_disk(data("no_text_layer.pdf")));
  EXPECT_TRUE(has_fatal(d, DiagKind::kNoText));
  EXPECT_EQ(d.page_count, 2);
}

TEST(ExtractPdf, BlankPageAmongTextPagesIsAWarning) {
  ExtractedDoc d = extract(test::on_disk(data("blank_third_page.pdf")));
  ASSERT_EQ(d.diagnostics.size(), 1u);
  EXPECT_EQ(d.diagnostics[0].kind, DiagKind::kPageNoText);
  EXPECT_EQ(d.diagnostics[0].page, 2);
  EXPECT_FALSE(diag_is_fatal(d.diagnostics[0].kind));
}

TEST(ExtractPdf, DamagedInputGivesDiagnosticsNotExceptions) {
  fs::path dir = fs::temp_directory_path() / ("arkiv-extract-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ifstream in(data("two_pages.pdf"), std::ios::binary);
  std::string whole((std::istreambuf_iterator<char>(in)), {});
  struct Case {
    const char* name;
    std::string content;
    DiagKind kind;
  } cases[] = {
      {"empty.pdf", "", DiagKind::kEmpty},
      {"truncated.pdf", whole.substr(0, 200), DiagKind::kCorrupt},
      {"binary.pdf", std::string("\x00\x01\x02\x03 data", 9), DiagKind::kUnsupported},
      {"word.pdf", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + "rest", DiagKind::kUnsupported},
      {"zip.pdf", "PK\x03\x04 rest", DiagKind::kCorrupt},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    std::ofstream(dir / c.name, std::ios::binary) << c.content;
    ExtractedDoc d = extract(test::on_disk((dir / c.name).string()));
    EXPECT_TRUE(has_fatal(d, c.kind));
    EXPECT_TRUE(d.pages.empty());
  }
  // The format comes from the content: a text file named .pdf is text.
  std::ofstream(dir / "text.pdf", std::ios::binary) << "Detta är ingen PDF utan ett brev.\n";
  ExtractedDoc text = extract(test::on_disk((dir / "text.pdf").string()));
  EXPECT_EQ(text.format, "text");
  ASSERT_EQ(text.pages.size(), 1u);
  EXPECT_EQ(text.pages[0].text, "Detta är ingen PDF utan ett brev.\n");
  ExtractOptions small;
  small.max_file_bytes = 100;
  EXPECT_TRUE(has_fatal(extract(test::on_disk(data("two_pages.pdf")), small), DiagKind::kTooLarge));
  ExtractOptions few;
  few.max_pages = 1;
  EXPECT_TRUE(has_fatal(extract(test::on_disk(data("two_pages.pdf")), few), DiagKind::kTooLarge));
  fs::remove_all(dir);
}

}  // namespace
}  // namespace arkiv::extract
