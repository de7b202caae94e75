// Which pages go to OCR (extract/ocr.h judge_text, the ink check), and,
// where Tesseract and the shared scans are there, one scanned page read.
// OCR costs about 2 s CPU a page (more under ASan): one page here, one in
// the e2e suite, no more.
#include "extract/ocr.h"

#include <gtest/gtest.h>

#include <unistd.h>
#ifdef ARKIV_TEST_LEPTONICA
#include <leptonica/allheaders.h>
#endif
#include <poppler-document.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>

#include "arkiv/pipeline.h"
#include "extract/formats.h"
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
  std::string czech;  // PDFBox's solidconvertor sample: a line per font
  for (const char* font : {"Courier", "Times", "Tahoma", "Arial", "Arial Narrow", "Arial Black", "Arial Rounded",
                           "Verdana", "Sans serif"})
    czech += std::string(font) + ": Toto je pokusný text s češtinou – ěščřžýáíé\n";
  const std::string german =
      "Die Verordnung regelt die Einfuhr von Pferden sowie deren Zucht. Sie tritt am ersten Juli "
      "zweitausendneun fuer alle Mitgliedstaaten gleichzeitig verbindlich hinzu. Weitere Bestimmungen "
      "folgen durch gesonderte Mitteilungen seitens zuständiger Behörden jedes einzelnen Landes.";
  std::string glyph_codes;  // prop. 1999/2000:17's signature, each code 29 below the letter it prints
  for (int i = 0; i < 12; ++i) glyph_codes += "*|UDQ 3HUVVRQ 7KRPDV 2VWURV\n";
  const Case cases[] = {
      {"running Swedish text", running, TextVerdict::kLanguage},
      {"Czech text", czech, TextVerdict::kLanguage},
      {"German text", german, TextVerdict::kLanguage},
      {"glyph codes 29 off", glyph_codes, TextVerdict::kNotLanguage},
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

// A speck in the margin after a line-end hyphen, read as punctuation,
// keeps the word from being joined; the hyphen is made plain only where
// the next line goes on in lower case.
TEST(OcrText, SpeckledLineEndHyphensBecomePlain) {
  const struct {
    const char* in;
    const char* want;
  } rows[] = {
      // prop. 1991/92:43 page 2, as read at 300 dpi.
      {"mellan skattemyndigheter.' Skat--:\ntemyndigheten får möjlighet",
       "mellan skattemyndigheter.' Skat-\ntemyndigheten får möjlighet"},
      {"allmänna kommu-.,\nnikationer", "allmänna kommu-\nnikationer"},
      {"ta hänsyn till för-'\nmån av fri", "ta hänsyn till för-\nmån av fri"},
      {"änd-:\n\nringar av", "änd-\n\nringar av"},
      {"fr. o. m.\nden 18", "fr. o. m.\nden 18"},                              // no hyphen
      {"materiella be-\nskattningsregler", "materiella be-\nskattningsregler"},  // plain already
      {"beskattningsregler-.\nDe nya reglerna", "beskattningsregler-.\nDe nya reglerna"},  // a new sentence
      {"skall tillämpas --:\nvid", "skall tillämpas --:\nvid"},  // no word before the hyphen
      {"sista raden-:", "sista raden-:"},                           // no next line
  };
  for (const auto& r : rows) EXPECT_EQ(join_speckled_hyphens(r.in), r.want) << r.in;
  EXPECT_EQ(clean_text("12 $$ Skat--:\ntemyndigheten"), "12 \u00a7\u00a7 Skat-\ntemyndigheten");
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

// Which pages of the 45 real authority PDFs go to OCR, decided without
// reading any: every page of the four scans, the image pages of the two
// SJVFS regulations (forms in small print under a printed header), and
// no other page of the folder (issue 24 asks for the list).
TEST(OcrPages, RealFolderSendsOnlyImagePages) {
  const fs::path folder = fs::path(ARKIV_SOURCE_DIR) / "../shared/data/realworld/swedish";
  if (!fs::exists(folder / "rinfo_SJVFS-2009_26.pdf")) GTEST_SKIP() << "no shared folder at " << folder;
  auto range = [](int from, int to) {
    std::vector<int> v;
    for (int i = from; i <= to; ++i) v.push_back(i);
    return v;
  };
  const std::map<std::string, std::vector<int>> want{
      {"ferenda_prop-1991-92-43_scanned.pdf", {1, 2}},
      {"ferenda_prop-2008-09-5_bilaga_scanned.PDF", {1}},
      {"rinfo_RA-FS-2004_2_scanned.pdf", {1, 2, 3}},
      {"rinfo_RA-FS-2006_6_scanned.pdf", {1}},
      {"rinfo_SJVFS-2009_26.pdf", range(7, 22)},
      {"rinfo_SJVFS-2009_44.pdf", range(8, 14)},
  };
  ExtractOptions opts;
  opts.ocr = OcrMode::kNever;
  std::map<std::string, std::vector<int>> got;
  int pdfs = 0;
  for (const auto& e : fs::directory_iterator(folder)) {
    std::string ext = e.path().extension().string();
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (ext != ".pdf") continue;
    ++pdfs;
    ExtractedDoc d = extract(test::on_disk(e.path().string()), opts);
    std::unique_ptr<poppler::document> pdf(poppler::document::load_from_file(e.path().string()));
    if (!pdf || pdf->is_locked()) continue;
    std::vector<int> pages = pages_to_read(d, *pdf, OcrMode::kAuto);
    if (!pages.empty()) got[e.path().filename().string()] = pages;
  }
  EXPECT_EQ(pdfs, 45);
  EXPECT_EQ(got, want);
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

#ifdef ARKIV_TEST_LEPTONICA

struct PixDestroy {
  void operator()(Pix* p) const { pixDestroy(&p); }
};
using PixPtr = std::unique_ptr<Pix, PixDestroy>;

// A band of RA-FS 2006:6's scanned page at 300 dpi, as an 8-bit Leptonica
// image: (x, y, w, h) in pixels.
PixPtr band(poppler::document& doc, int x, int y, int w, int h) {
  std::unique_ptr<poppler::page> page(doc.create_page(0));
  poppler::page_renderer r;
  r.set_image_format(poppler::image::format_gray8);
  poppler::image img = r.render_page(page.get(), 300, 300, x, y, w, h);
  PixPtr pix(pixCreate(img.width(), img.height(), 8));
  pixSetResolution(pix.get(), 300, 300);
  for (int row = 0; row < img.height(); ++row) {
    const auto* src = reinterpret_cast<const unsigned char*>(img.const_data()) + std::size_t(row) * img.bytes_per_row();
    l_uint32* line = pixGetData(pix.get()) + std::size_t(row) * pixGetWpl(pix.get());
    for (int col = 0; col < img.width(); ++col) SET_DATA_BYTE(line, col, src[col]);
  }
  return pix;
}

std::string bytes_of(l_uint8* data, size_t size) {
  std::string s(reinterpret_cast<const char*>(data), size);
  lept_free(data);
  return s;
}

ExtractedDoc extract_image(const std::string& name, const std::string& bytes, const ExtractOptions& opts) {
  ExtractedDoc d;
  d.source.path = name;
  d.source.size = bytes.size();
  Budget budget{opts};
  extract_bytes(d, bytes, budget);
  return d;
}

// A scan saved as a two-page TIFF (two bands of RA-FS 2006:6: its masthead,
// and the lines about återlämnande) is one record of two pages, each read
// by OCR on its own; and as a PNG, one page. Small bands: the suite's OCR
// budget is a few seconds.
TEST(OcrImages, MultiPageTiffIsReadPageByPage) {
  if (!ocr_available()) GTEST_SKIP() << "no Tesseract or no swe model (tools/install-deps)";
  const fs::path scan =
      fs::path(ARKIV_SOURCE_DIR) / "../shared/data/realworld/swedish/rinfo_RA-FS-2006_6_scanned.pdf";
  if (!fs::exists(scan)) GTEST_SKIP() << "no shared scans at " << scan;
  std::unique_ptr<poppler::document> pdf(poppler::document::load_from_file(scan.string()));
  ASSERT_TRUE(pdf);
  PixPtr masthead = band(*pdf, 0, 0, 1900, 300);
  PixPtr body = band(*pdf, 0, 960, 2000, 340);
  std::unique_ptr<Pixa, void (*)(Pixa*)> pixa(pixaCreate(2), [](Pixa* p) { pixaDestroy(&p); });
  pixaAddPix(pixa.get(), masthead.get(), L_COPY);
  pixaAddPix(pixa.get(), body.get(), L_COPY);
  l_uint8* data = nullptr;
  size_t size = 0;
  ASSERT_EQ(pixaWriteMemMultipageTiff(&data, &size, pixa.get()), 0);
  const std::string tiff = bytes_of(data, size);

  ExtractOptions opts;
  opts.ocr = OcrMode::kAuto;
  ExtractedDoc d = extract_image("skanning.tif", tiff, opts);
  for (const Diagnostic& g : d.diagnostics)
    if (g.detail.find("OMP_THREAD_LIMIT") != std::string::npos) GTEST_SKIP() << g.detail;
  EXPECT_EQ(d.format, "image");
  ASSERT_EQ(d.pages.size(), 2u);
  EXPECT_EQ(d.page_count, 2);
  for (const Page& p : d.pages) {
    EXPECT_EQ(p.source, PageSource::kOcr) << p.number;
    EXPECT_GT(p.confidence, 70) << p.number;
  }
  EXPECT_NE(d.pages[0].text.find("Riksarkivets författningssamling"), std::string::npos) << d.pages[0].text;
  EXPECT_EQ(d.pages[0].text.find("återlämnande"), std::string::npos) << d.pages[0].text;
  for (const char* word : {"återlämnande", "upphandling", "Tillämpning", "\u00a7"})
    EXPECT_NE(d.pages[1].text.find(word), std::string::npos) << word << " in\n" << d.pages[1].text;
  EXPECT_NE(d.extractor.find("tesseract"), std::string::npos) << d.extractor;
  EXPECT_TRUE(d.diagnostics.empty());

  // Without OCR: the same two pages, empty, and a record that needs OCR.
  opts.ocr = OcrMode::kNever;
  ExtractedDoc never = extract_image("skanning.tif", tiff, opts);
  ASSERT_EQ(never.pages.size(), 2u);
  EXPECT_TRUE(never.pages[0].text.empty());
  ASSERT_EQ(never.diagnostics.size(), 1u);
  EXPECT_EQ(never.diagnostics[0].kind, DiagKind::kNoText);

  // The same two bands as a scanned PDF of two pages, read on two threads:
  // each page's text on its own page (a scan's pages are read at once on
  // a helper's threads, extract/ocr.cc read_pdf_pages).
  ASSERT_EQ(pixaConvertToPdfData(pixa.get(), 300, 1.0, L_FLATE_ENCODE, 0, "skanning", &data, &size), 0);
  const fs::path pdf_path = fs::temp_directory_path() / ("arkiv-ocr-two-pages-" + std::to_string(getpid()) + ".pdf");
  {
    std::ofstream out(pdf_path, std::ios::binary);
    out << bytes_of(data, size);
  }
  opts.ocr = OcrMode::kAuto;
  opts.ocr_threads = 2;
  ExtractedDoc pdf_doc = extract(test::on_disk(pdf_path.string()), opts);
  fs::remove(pdf_path);
  ASSERT_EQ(pdf_doc.pages.size(), 2u);
  EXPECT_EQ(pdf_doc.pages[0].source, PageSource::kOcr);
  EXPECT_EQ(pdf_doc.pages[1].source, PageSource::kOcr);
  EXPECT_NE(pdf_doc.pages[0].text.find("författningssamling"), std::string::npos) << pdf_doc.pages[0].text;
  EXPECT_EQ(pdf_doc.pages[0].text.find("återlämnande"), std::string::npos) << pdf_doc.pages[0].text;
  EXPECT_NE(pdf_doc.pages[1].text.find("återlämnande"), std::string::npos) << pdf_doc.pages[1].text;
  opts.ocr_threads = 1;

  // The same masthead as a PNG: one page.
  ASSERT_EQ(pixWriteMemPng(&data, &size, masthead.get(), 0), 0);
  ExtractedDoc png = extract_image("skanning.png", bytes_of(data, size), opts);
  ASSERT_EQ(png.pages.size(), 1u);
  EXPECT_NE(png.pages[0].text.find("författningssamling"), std::string::npos) << png.pages[0].text;
}

#endif  // ARKIV_TEST_LEPTONICA

// An image's header is read before its pixels: a 60-byte PNG that claims
// 100,000 x 100,000 pixels is "too large" without a byte decoded; a PNG
// signature over garbage is corrupt. Neither reaches OCR.
TEST(OcrImages, HostileImagesAreReportedNotDecoded) {
  if (engine_version().empty()) GTEST_SKIP() << "built without Tesseract and Leptonica";
  auto be32 = [](std::uint32_t v) {
    return std::string{char(v >> 24), char(v >> 16), char(v >> 8), char(v)};
  };
  const std::string sig("\x89PNG\r\n\x1a\n", 8);
  const std::string huge = sig + be32(13) + "IHDR" + be32(100000) + be32(100000) + std::string("\x08\x00\x00\x00\x00", 5) +
                           be32(0) + be32(0) + "IEND" + be32(0);
  ExtractOptions opts;
  opts.ocr = OcrMode::kAuto;
  ExtractedDoc big;
  big.source.path = "bomb.png";
  Budget budget{opts};
  extract_bytes(big, huge, budget);
  ASSERT_EQ(big.diagnostics.size(), 1u);
  EXPECT_EQ(big.diagnostics[0].kind, DiagKind::kTooLarge) << big.diagnostics[0].detail;
  EXPECT_NE(big.diagnostics[0].detail.find("100000 x 100000"), std::string::npos) << big.diagnostics[0].detail;
  EXPECT_TRUE(big.pages.empty());

  ExtractedDoc bad;
  bad.source.path = "trasig.png";
  extract_bytes(bad, sig + std::string(200, 'x'), budget);
  ASSERT_EQ(bad.diagnostics.size(), 1u);
  EXPECT_EQ(bad.diagnostics[0].kind, DiagKind::kCorrupt) << bad.diagnostics[0].detail;
}

}  // namespace
}  // namespace arkiv::extract::ocr
