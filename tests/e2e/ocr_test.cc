// OCR end to end: a record with a text page and a scanned page (RA-FS
// 2006:6 from ../shared, copied behind a page made by arkiv-mkpdf) is
// found by words on either, each hit citing its own page, its snippet
// marked when it quotes the scan, and `show` says which page was read by
// OCR; on a terminal, the progress line shows the page being read. Two
// OCR pages (about 2 s CPU each), one per test: the suite's budget.
// Skipped without Tesseract or the shared scans.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "process.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// The shared scan these tests read, a temporary folder, and arkiv run in
// it in English with OCR possible; skipped without the scan or Tesseract.
class E2EOcr : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(scan)) GTEST_SKIP() << "no shared scans at " << scan;
    o.cwd = dir.path();
    o.env = {{"LANG", "C.UTF-8"}, {"NO_COLOR", "1"}};
    o.unset = {"LC_ALL", "LC_MESSAGES", "ARKIV_INDEX", "OMP_THREAD_LIMIT"};
    // Whether this arkiv reads scans: `--ocr force` says how to install it.
    arkiv::test::RunResult probe = arkiv({"index", "--ocr", "force", "no-such-folder"});
    if (probe.err.find("OCR is not available") != std::string::npos) GTEST_SKIP() << probe.err;
  }
  arkiv::test::RunResult arkiv(std::vector<std::string> args) {
    args.insert(args.begin(), ARKIV_BIN);
    return arkiv::test::run(args, o);
  }
  const fs::path scan =
      fs::path(ARKIV_SOURCE_DIR) / "../shared/data/realworld/swedish/rinfo_RA-FS-2006_6_scanned.pdf";
  arkiv::test::TempDir dir;
  arkiv::test::RunOptions o;
};

TEST_F(E2EOcr, ScannedPageBehindATextPageIsFoundOnItsPage) {
  if (!fs::exists("/usr/bin/qpdf")) GTEST_SKIP() << "no qpdf";
  arkiv::test::write_file(dir / "text.txt",
                          "Protokoll 7\nKommunstyrelsen beslutade att godkänna avtalet om arkivvård.\n"
                          "Registreringsord textsidan\n");
  ASSERT_EQ(arkiv::test::run({ARKIV_MKPDF, dir / "text.txt", dir / "text.pdf"}).status, 0);
  fs::create_directories(dir / "corpus");
  arkiv::test::RunResult join = arkiv::test::run(
      {"/usr/bin/qpdf", "--empty", "--pages", dir / "text.pdf", scan.string(), "--", dir / "corpus/blandad.pdf"});
  ASSERT_EQ(join.status, 0) << join.err;

  arkiv::test::RunResult idx = arkiv({"index", "corpus", "--json"});
  ASSERT_EQ(idx.status, 0) << idx.err;
  EXPECT_EQ(idx.err.find("OCR:"), std::string::npos) << idx.err;  // no progress line off a terminal
  json sum = json::parse(idx.out);
  EXPECT_EQ(sum["pages"], 2);
  EXPECT_EQ(sum["ocr_pages"], 1);
  EXPECT_TRUE(sum["needs_ocr"].empty());

  auto pages_of = [&](const std::string& query) {
    arkiv::test::RunResult r = arkiv({"search", query, "--json"});
    EXPECT_EQ(r.status, 0) << query << ": " << r.err;
    json j = json::parse(r.out, nullptr, false);
    if (j.is_discarded() || j["hits"].empty()) return json::array();
    return j["hits"][0]["pages"];
  };
  // Words typed from the page images, not from arkiv's output.
  EXPECT_EQ(pages_of("Registreringsord"), json::array({1}));
  EXPECT_EQ(pages_of("återlämnande"), json::array({2}));
  EXPECT_EQ(pages_of("\"Riksarkivets författningssamling\""), json::array({2}));
  EXPECT_EQ(pages_of("arkivförordningen"), json::array({2}));

  // A hit's snippet says which of its pages OCR read: the quote from the
  // scan is marked, the one from the text page is not.
  arkiv::test::RunResult scanned = arkiv({"search", "återlämnande"});
  EXPECT_NE(scanned.out.find("\n   [OCR, page 2] "), std::string::npos) << scanned.out;
  json scanned_json = json::parse(arkiv({"search", "återlämnande", "--json"}).out);
  EXPECT_EQ(scanned_json["hits"][0]["snippet_source"], "ocr");
  EXPECT_EQ(scanned_json["hits"][0]["snippet_page"], 2);
  arkiv::test::RunResult typed = arkiv({"search", "Registreringsord"});
  EXPECT_EQ(typed.out.find("[OCR"), std::string::npos) << typed.out;
  EXPECT_EQ(json::parse(arkiv({"search", "Registreringsord", "--json"}).out)["hits"][0]["snippet_source"], "text");

  arkiv::test::RunResult shown = arkiv({"show", "corpus/blandad.pdf", "--json"});
  ASSERT_EQ(shown.status, 0) << shown.err;
  json pages = json::parse(shown.out)["pages"];
  ASSERT_EQ(pages.size(), 2u);
  EXPECT_EQ(pages[0]["source"], "text");
  EXPECT_EQ(pages[1]["source"], "ocr");
  EXPECT_GT(pages[1]["confidence"].get<int>(), 70);
  arkiv::test::RunResult page2 = arkiv({"show", "corpus/blandad.pdf", "--page", "2"});
  EXPECT_NE(page2.out.find("--- page 2 of 2 (OCR, confidence "), std::string::npos) << page2.out;
  EXPECT_NE(page2.out.find("Read by OCR: pages 2"), std::string::npos) << page2.out;

  // A second run reads nothing again.
  arkiv::test::RunResult again = arkiv({"index", "corpus", "--json"});
  ASSERT_EQ(again.status, 0) << again.err;
  EXPECT_EQ(json::parse(again.out)["ocr_pages"], 0);
}

// Issue 24, item 5: a scan takes about 2 s a page, and a person at a
// terminal sees OCR at work on the progress line, which stays one line of
// the terminal's width; the files line comes back when OCR is done, and
// --json's output stays JSON. (The test above indexes with stderr a file:
// no progress line there.) One OCR page.
TEST_F(E2EOcr, ATerminalSeesThePagesWhileTheyAreRead) {
  fs::create_directories(dir / "corpus");
  fs::copy_file(scan, dir / "corpus/skannad.pdf");

  o.terminal_columns = 60;
  arkiv::test::RunResult idx = arkiv({"index", "corpus", "--json"});
  ASSERT_EQ(idx.status, 0) << idx.err;
  EXPECT_EQ(json::parse(idx.out)["ocr_pages"], 1);
  const std::string erase = "\r\033[K";
  const std::size_t ocr = idx.err.find(erase + "[0/1] OCR: 0 pages read; page 1 of 1 of corpus/skannad.pdf");
  ASSERT_NE(ocr, std::string::npos) << idx.err;
  EXPECT_NE(idx.err.find(erase + "[1/1] corpus/skannad.pdf", ocr), std::string::npos) << idx.err;
  // Every state of the line within the 60 columns, less the last one (a
  // line that fills it wraps on some terminals).
  std::size_t at = 0;
  for (std::size_t next; at < idx.err.size(); at = next + 1) {
    next = std::min(idx.err.find('\r', at), idx.err.size());
    std::string state = idx.err.substr(at, next - at);
    if (state.rfind("\033[K", 0) == 0) state.erase(0, 3);
    std::size_t columns = 0;
    for (unsigned char c : state) columns += (c & 0xC0) != 0x80;
    EXPECT_LE(columns, 59u) << state;
  }
}

// A scan saved as an image file in a case folder is a record read by OCR:
// found by its words on its page, the snippet marked, its format "image";
// without OCR it is listed as needing it. A band of RA-FS 2006:6 at 300
// dpi, written by pdftoppm as a TIFF (a fraction of a second of OCR).
TEST_F(E2EOcr, ScannedImageFileIsARecord) {
  if (!fs::exists("/usr/bin/pdftoppm")) GTEST_SKIP() << "no pdftoppm";
  fs::create_directories(dir / "skanningar");
  ASSERT_EQ(arkiv::test::run({"/usr/bin/pdftoppm", "-r", "300", "-gray", "-tiff", "-singlefile", "-x", "0", "-y", "960",
                              "-W", "2000", "-H", "340", scan.string(), dir / "skanningar/rafs"})
                .status,
            0);
  ASSERT_TRUE(fs::exists(dir / "skanningar/rafs.tif"));

  arkiv::test::RunResult idx = arkiv({"index", "skanningar", "--json"});
  ASSERT_EQ(idx.status, 0) << idx.err;
  json sum = json::parse(idx.out);
  EXPECT_EQ(sum["indexed"], 1);
  EXPECT_EQ(sum["ocr_pages"], 1);
  EXPECT_TRUE(sum["needs_ocr"].empty()) << sum.dump();

  json hits = json::parse(arkiv({"search", "återlämnande", "--json"}).out);
  ASSERT_EQ(hits["total"], 1) << hits.dump(2);
  EXPECT_EQ(hits["hits"][0]["path"], "skanningar/rafs.tif");
  EXPECT_EQ(hits["hits"][0]["pages"], json::array({1}));
  EXPECT_EQ(hits["hits"][0]["snippet_source"], "ocr");
  json shown = json::parse(arkiv({"show", "skanningar/rafs.tif", "--json"}).out);
  EXPECT_EQ(shown["format"], "image");
  EXPECT_EQ(shown["status"], "ok");
  ASSERT_EQ(shown["pages"].size(), 1u);
  EXPECT_EQ(shown["pages"][0]["source"], "ocr");

  // Without OCR the image is a record found by its name, needing OCR.
  arkiv::test::RunResult never = arkiv({"--index", "utan-ocr", "index", "skanningar", "--ocr", "never", "--json"});
  EXPECT_EQ(never.status, 3) << never.err;
  json nsum = json::parse(never.out);
  ASSERT_EQ(nsum["needs_ocr"].size(), 1u) << nsum.dump();
  EXPECT_EQ(nsum["needs_ocr"][0]["path"], "skanningar/rafs.tif");
  EXPECT_EQ(json::parse(arkiv({"--index", "utan-ocr", "search", "rafs", "--json"}).out)["total"], 1);
}

TEST(E2EOcrOptions, AreChecked) {
  arkiv::test::TempDir dir;
  arkiv::test::RunOptions o;
  o.cwd = dir.path();
  arkiv::test::RunResult mode = arkiv::test::run({ARKIV_BIN, "index", "--ocr", "sometimes"}, o);
  EXPECT_EQ(mode.status, 2) << mode.err;
  arkiv::test::RunResult timeout = arkiv::test::run({ARKIV_BIN, "index", "--ocr-page-timeout", "0"}, o);
  EXPECT_EQ(timeout.status, 2) << timeout.err;
  EXPECT_NE(timeout.err.find("--ocr-page-timeout"), std::string::npos) << timeout.err;
}

}  // namespace
