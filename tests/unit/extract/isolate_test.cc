// OCR's progress through the extraction helper (extract/isolate.cc, wire.h
// OcrPage): the parent extends the file's deadline by a page's for each
// page OCR begins, tells the caller, and stops a helper whose message
// breaks the rules; the indexer hands the pages to its progress callback.
// The first tests stand a shell in for the helper, replaying bytes this
// build encodes; the last reads one scanned page (about 2 s) through
// arkiv-extract.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "../scratch.h"
#include "arkiv/indexer.h"
#include "arkiv/pipeline.h"
#include "extract/wire.h"

namespace arkiv::extract {
namespace {

namespace fs = std::filesystem;

// A helper that writes `before`, sleeps `pause` (a sleep(1) argument),
// writes `after`, then reads its input to the end: what it is sent, it
// ignores.
class FakeHelper {
 public:
  FakeHelper(const std::string& before, const std::string& pause, const std::string& after) {
    static int n = 0;
    dir_ = fs::path(::testing::TempDir()) / ("arkiv-fake-helper-" + std::to_string(::getpid()) + "-" +
                                             std::to_string(n++));
    fs::create_directories(dir_);
    std::ofstream(dir_ / "before", std::ios::binary) << before;
    std::ofstream(dir_ / "after", std::ios::binary) << after;
    script_ = "cat '" + (dir_ / "before").string() + "'; sleep " + pause + "; cat '" + (dir_ / "after").string() +
              "'; exec cat >/dev/null";
  }
  ~FakeHelper() {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  std::vector<std::string> command() const { return {"/bin/sh", "-c", script_}; }

 private:
  fs::path dir_;
  std::string script_;
};

std::string ocr_page(std::uint64_t ordinal) {
  wire::OcrPage p;
  p.ordinal = ordinal;
  return wire::frame(wire::encode_ocr_page(p));
}

ExtractedDoc answer() {
  ExtractedDoc d;
  d.source.path = "skannad.pdf";
  d.pages = {{1, "Riksarkivets författningssamling"}};
  return d;
}

SourceFile file() {
  SourceFile f;
  f.path = "skannad.pdf";
  return f;
}

// The pages reach the caller in order, and the reply after them.
TEST(IsolatedOcr, PagesAreToldThenTheReplyIsRead) {
  FakeHelper h(wire::hello() + ocr_page(1) + ocr_page(2), "0", wire::frame(wire::encode_reply(answer())));
  IsolatedExtractor x(h.command(), {10, 1ull << 30});
  std::vector<OcrPageStart> told;
  ExtractedDoc d = x.extract(file(), {}, [&](const OcrPageStart& p) { told.push_back(p); });
  ASSERT_EQ(d.pages.size(), 1u) << (d.diagnostics.empty() ? "" : d.diagnostics[0].detail);
  EXPECT_EQ(d.pages[0].text, "Riksarkivets författningssamling");
  ASSERT_EQ(told.size(), 2u);
  EXPECT_EQ(told[0].ordinal, 1u);
  EXPECT_EQ(told[1].ordinal, 2u);
  EXPECT_EQ(told[1].pages_to_read, 0u);
}

// --file-timeout 1 and a reply after 1.5 s: late, unless an OCR page began
// (--ocr-page-timeout 3 more seconds).
TEST(IsolatedOcr, APageBegunMovesTheDeadline) {
  ExtractOptions opts;
  opts.ocr_page_timeout = 3;
  const std::string reply = wire::frame(wire::encode_reply(answer()));
  {
    FakeHelper h(wire::hello() + ocr_page(1), "1.5", reply);
    IsolatedExtractor x(h.command(), {1, 1ull << 30});
    ExtractedDoc d = x.extract(file(), opts);
    EXPECT_TRUE(d.diagnostics.empty()) << d.diagnostics[0].detail;
    EXPECT_EQ(d.pages.size(), 1u);
  }
  {
    FakeHelper h(wire::hello(), "1.5", reply);
    IsolatedExtractor x(h.command(), {1, 1ull << 30});
    ExtractedDoc d = x.extract(file(), opts);
    ASSERT_EQ(d.diagnostics.size(), 1u);
    EXPECT_EQ(d.diagnostics[0].kind, DiagKind::kUnreadable);
    EXPECT_EQ(d.diagnostics[0].detail, "extraction did not finish in 1 s (stopped)");
  }
}

// A page out of order (2 before 1), or a frame of wire format 1 (the empty
// heartbeat): the helper is stopped, the file reported, not waited for.
TEST(IsolatedOcr, AHelperBreakingTheRulesIsStopped) {
  struct Case {
    const char* what;
    std::string frames;
    std::string detail;
  };
  const Case cases[] = {
      {"a page skipped", ocr_page(2),
       "the extraction helper sent a message this arkiv cannot read (OCR page 2 after page 0; stopped)"},
      {"wire format 1's heartbeat", wire::frame(""),
       "the extraction helper sent a message this arkiv cannot read (message cut short; stopped)"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    // Without the stop, the helper would wait for a request forever and
    // the parent for its end.
    FakeHelper h(wire::hello() + c.frames, "0", wire::frame(wire::encode_reply(answer())));
    IsolatedExtractor x(h.command(), {10, 1ull << 30});
    int told = 0;
    ExtractedDoc d = x.extract(file(), {}, [&](const OcrPageStart&) { ++told; });
    EXPECT_EQ(told, 0);
    EXPECT_TRUE(d.pages.empty());
    ASSERT_EQ(d.diagnostics.size(), 1u);
    EXPECT_EQ(d.diagnostics[0].kind, DiagKind::kUnreadable);
    EXPECT_EQ(d.diagnostics[0].detail, c.detail);
  }
}

// RA-FS 2006:6, one scanned page, indexed through arkiv-extract: the
// progress callback hears of the page while it is read, and of it as
// read once the file is done.
TEST(IsolatedOcr, TheIndexerTellsTheOcrPages) {
  if (!ocr_available()) GTEST_SKIP() << "no Tesseract or no swe model (tools/install-deps)";
  const fs::path scan =
      fs::path(ARKIV_SOURCE_DIR) / "../shared/data/realworld/swedish/rinfo_RA-FS-2006_6_scanned.pdf";
  if (!fs::exists(scan)) GTEST_SKIP() << "no shared scans at " << scan;
  const std::string path = fs::weakly_canonical(scan).string();  // as the walk names it
  test::Scratch s;
  IndexOptions opts;
  opts.index_dir = s.index_dir();
  opts.threads = 1;
  opts.extract.ocr = OcrMode::kAuto;  // no cache: the page is read
  opts.extract_helper = {ARKIV_EXTRACT_BIN};
  std::vector<IndexProgress> heard;
  opts.on_progress = [&](const IndexProgress& p) { heard.push_back(p); };
  const IndexSummary sum = index_paths({path}, opts);
  ASSERT_EQ(sum.ocr_pages, 1u);
  // While the page is read: the file, page 1, nothing read yet.
  ASSERT_EQ(heard.size(), 2u);
  EXPECT_EQ(heard[0].done, 0u);
  EXPECT_EQ(heard[0].total, 1u);
  EXPECT_EQ(heard[0].ocr.path, path);
  EXPECT_EQ(heard[0].ocr.page, 1u);
  EXPECT_EQ(heard[0].ocr.pages_to_read, 1u);  // the one page planned
  EXPECT_EQ(heard[0].ocr.pages_read, 0u);
  // After the file: the page read, in some time; no OCR under way.
  EXPECT_EQ(heard[1].done, 1u);
  EXPECT_EQ(heard[1].path, path);
  EXPECT_EQ(heard[1].ocr.pages_read, 1u);
  EXPECT_GT(heard[1].ocr.page_seconds, 0);
  EXPECT_GE(heard[1].ocr.busy_seconds, heard[1].ocr.page_seconds);
  EXPECT_EQ(heard[1].ocr.path, "");
}

}  // namespace
}  // namespace arkiv::extract
