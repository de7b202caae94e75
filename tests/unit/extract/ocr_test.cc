// Which pages go to OCR (extract/ocr.h judge_text, the ink check), and,
// where Tesseract and the shared scans are there, one scanned page read.
// OCR costs about 2 s CPU a page (more under ASan): one page here, one in
// the e2e suite, no more.
#include "extract/ocr.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "arkiv/pipeline.h"
#include "on_disk.h"

namespace fs = std::filesystem;

namespace arkiv::extract::ocr {
namespace {

struct Case {
  const char* name;
  std::string text;
  TextVerdict want;
};

TEST(OcrPageDecision, RealTextStaysGarbageAndEmptyPagesGo) {
  const std::string running =
      "Statens jordbruksverk föreskriver följande med stöd av 4 § förordningen om avel. "
      "Denna författning träder i kraft den 1 juli 2009 och det allmänna rådet ska gälla från samma tidpunkt. ";
  std::string names;  // a list of names: no function word, still text
  for (int i = 0; i < 8; ++i) names += "Anna Berg\nKarl Lund\nEva Ström\nOla Nord\n";
  std::string glyphs;  // a font without ToUnicode: private-use code points
  for (int i = 0; i < 60; ++i) glyphs += "\uE011\uE02A\uE033 ";
  std::string shifted;  // a glyph-order font read as letters: many words, none a function word
  for (int i = 0; i < 12; ++i) shifted += "Vwdwhqv mrugeuxnvyhun iùuhvnulyhu iromdqgh ";
  const Case cases[] = {
      {"running Swedish text", running, TextVerdict::kLanguage},
      {"English text", "This regulation applies to the import of horses and to the breeding of them in the Union.",
       TextVerdict::kLanguage},
      {"a list of names", names, TextVerdict::kLanguage},
      {"no text layer", "", TextVerdict::kTooLittle},
      {"whitespace only", " \n\n \f", TextVerdict::kTooLittle},
      // SJVFS 2009:26 page 8: an image page whose text layer is its header.
      {"header and page number", "SJVFS 2009:26\n\nBilaga 1\n\n8\n", TextVerdict::kTooLittle},
      {"private-use glyphs", glyphs, TextVerdict::kNotLanguage},
      {"replacement characters", running + std::string(40, '?') + "\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD"
                                                                 "\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD",
       TextVerdict::kNotLanguage},
      {"control characters", std::string(60, '\x01') + "abc", TextVerdict::kNotLanguage},
      {"invalid UTF-8", std::string(50, '\xff') + "text", TextVerdict::kNotLanguage},
      {"shifted-encoding words", shifted, TextVerdict::kNotLanguage},
  };
  for (const Case& c : cases) EXPECT_EQ(judge_text(c.text), c.want) << c.name;
}

// When what OCR read replaces a page's text layer, in auto mode. Rows
// from real pages: each text layer as Poppler gives it, each OCR text as
// Tesseract's Swedish model read the page.
TEST(OcrPageDecision, OcrReplacesALayerOnlyWithSomethingBetter) {
  std::string shifted, shifted_ocr;  // a font whose codes are glyph indices, and the page read
  for (int i = 0; i < 12; ++i) shifted += "Vwdwhqv mrugeuxnvyhun iùuhvnulyhu iromdqgh ";
  for (int i = 0; i < 12; ++i) shifted_ocr += "Statens jordbruksverk föreskriver följande om avel och ";
  const std::string form_ocr =  // SJVFS 2009:26 page 8, a scanned form under its header
      "Ansökan om godkännande av avelsorganisation för hästar enligt 4 § förordningen om avel "
      "och bedömning av avelsdjur. Sökandens namn, adress och organisationsnummer ska anges.";
  struct Row {
    const char* name;
    std::string layer;
    std::string ocr;
    int confidence;
    bool wins;
  };
  const Row rows[] = {
      {"a scan without text takes what OCR reads", "", "Riksarkivets föreskrifter om återlämnande", 45, true},
      {"OCR that read nothing replaces nothing", "", " \n ", 0, false},
      // pdfminer's matplotlib.pdf: a chart whose layer is its axis labels.
      {"a chart's digits stay", "8\n6\n4\n2\n0\n0\n2\n4\n6\n8\n", "", 0, false},
      {"a chart's digits stay against the same digits", "8\n6\n4\n2\n0\n0\n2\n4\n6\n8\n", "8 6 4 2 0 0 2 4 6 8", 90,
       false},
      {"a header gives way to its form", "SJVFS 2009:26\n\nBilaga 1\n\n8\n", form_ocr, 88, true},
      {"... but not to unsure OCR", "SJVFS 2009:26\n\nBilaga 1\n\n8\n", form_ocr, 50, false},
      {"a glyph-index font gives way", shifted, shifted_ocr, 85, true},
      {"... but not to unsure OCR", shifted, shifted_ocr, 40, false},
  };
  for (const Row& r : rows)
    EXPECT_EQ(ocr_text_wins(r.layer, judge_text(r.layer), r.ocr, r.confidence), r.wins) << r.name;
  // The verdicts the rows rely on.
  EXPECT_EQ(judge_text(shifted), TextVerdict::kNotLanguage);
  EXPECT_EQ(judge_text("8\n6\n4\n2\n0\n"), TextVerdict::kTooLittle);
}

TEST(OcrText, SectionSignsComeBack) {
  EXPECT_EQ(restore_section_signs("enligt 12 $$ och 4 $ första stycket"),
            "enligt 12 \u00a7\u00a7 och 4 \u00a7 första stycket");
  EXPECT_EQ(restore_section_signs("utan tecken"), "utan tecken");
}

// Text pages cost nothing: judged as language, never rendered or read.
TEST(OcrPages, TextPagesAreNotRead) {
  ExtractOptions opts;
  opts.ocr = OcrMode::kAuto;
  ExtractedDoc d = extract(test::on_disk(std::string(ARKIV_SOURCE_DIR) + "/tests/data/pdf/two_pages.pdf"), opts);
  ASSERT_EQ(d.pages.size(), 2u);
  for (const Page& p : d.pages) {
    EXPECT_EQ(p.source, PageSource::kText) << p.number;
    EXPECT_EQ(p.confidence, 0);
  }
  EXPECT_EQ(d.extractor.find("tesseract"), std::string::npos);
}

// Blank pages have no ink: not read, still "no text layer".
TEST(OcrPages, BlankPagesAreNotRead) {
  ExtractOptions opts;
  opts.ocr = OcrMode::kAuto;
  ExtractedDoc d = extract(test::on_disk(std::string(ARKIV_SOURCE_DIR) + "/tests/data/pdf/no_text_layer.pdf"), opts);
  for (const Page& p : d.pages) EXPECT_EQ(p.source, PageSource::kText) << p.number;
  bool no_text = false;
  for (const Diagnostic& g : d.diagnostics) no_text |= g.kind == DiagKind::kNoText;
  EXPECT_TRUE(no_text);
}

// RA-FS 2006:6, one scanned page with no text layer: read by OCR, in
// Swedish, marked as such. Words typed from the page image.
TEST(OcrPages, ScannedPageIsRead) {
  if (!ocr_available()) GTEST_SKIP() << "no Tesseract or no swe model (tools/install-deps)";
  const fs::path scan =
      fs::path(ARKIV_SOURCE_DIR) / "../shared/data/realworld/swedish/rinfo_RA-FS-2006_6_scanned.pdf";
  if (!fs::exists(scan)) GTEST_SKIP() << "no shared scans at " << scan;
  const fs::path cache = fs::temp_directory_path() / ("arkiv-ocr-cache-test-" + std::to_string(getpid()));
  fs::remove_all(cache);
  ExtractOptions opts;
  opts.ocr = OcrMode::kAuto;
  opts.ocr_cache_dir = cache.string();
  ExtractedDoc d = extract(test::on_disk(scan.string()), opts);
  for (const Diagnostic& g : d.diagnostics)
    if (g.detail.find("OMP_THREAD_LIMIT") != std::string::npos)
      GTEST_SKIP() << "run with OMP_THREAD_LIMIT=1 (ctest sets it): " << g.detail;
  ASSERT_EQ(d.pages.size(), 1u);
  const Page& p = d.pages[0];
  EXPECT_EQ(p.source, PageSource::kOcr);
  EXPECT_GT(p.confidence, 70);
  for (const char* word : {"Riksarkivets", "återlämnande", "upphandling", "arkivförordningen", "12 \u00a7\u00a7"})
    EXPECT_NE(p.text.find(word), std::string::npos) << word << " in\n" << p.text;
  EXPECT_NE(d.extractor.find("tesseract"), std::string::npos);
  for (const Diagnostic& g : d.diagnostics) EXPECT_NE(g.kind, DiagKind::kNoText) << g.detail;

  // The page is in the cache, under its image's SHA-256: read again, it
  // comes from there (an entry changed here shows it), not from Tesseract.
  std::vector<fs::path> entries;
  for (const auto& e : fs::recursive_directory_iterator(cache))
    if (e.is_regular_file()) entries.push_back(e.path());
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].filename().string().size(), 64u);
  {
    std::ofstream f(entries[0], std::ios::trunc);
    f << "arkiv-ocr 1\n77\nur cachen";
  }
  ExtractedDoc again = extract(test::on_disk(scan.string()), opts);
  ASSERT_EQ(again.pages.size(), 1u);
  EXPECT_EQ(again.pages[0].text, "ur cachen");
  EXPECT_EQ(again.pages[0].confidence, 77);
  EXPECT_EQ(again.pages[0].source, PageSource::kOcr);
  fs::remove_all(cache);
}

}  // namespace
}  // namespace arkiv::extract::ocr
