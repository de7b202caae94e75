// libFuzzer target over the whole ingest of one file (issue 21): any bytes
// as a file on disk, read by extract::extract() (the format told by
// content, as the extraction helper of `arkiv index` does), then for the
// record and every file inside it what the indexer's build() does in the
// parent: the record text limit, normalization, analysis under its
// deadline and the Xapian document. Everything a file goes through but
// the write. It must not crash, hang (libFuzzer's -timeout) or throw,
// and the limits must hold: nesting stops, no record keeps more text than
// its limit.
#include <sys/mman.h>
#include <unistd.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "arkiv/analysis.h"
#include "arkiv/pipeline.h"
#include "index/document.h"

namespace {

using std::chrono::steady_clock;

// Smaller than `arkiv index`'s defaults, so that one input stays within
// libFuzzer's -rss_limit_mb and -timeout: the limits are what is tested,
// not their size.
const arkiv::ExtractOptions& extract_options() {
  static const arkiv::ExtractOptions opts = [] {
    arkiv::ExtractOptions o;
    o.max_unpacked_bytes = 64u << 20;
    o.max_members = 500;
    o.max_page_text_bytes = 1u << 20;
    o.ocr = arkiv::OcrMode::kNever;
    return o;
  }();
  return opts;
}
constexpr std::size_t kMaxRecordText = 4u << 20;
constexpr std::chrono::seconds kAnalysisTime(5);

// As the indexer's build() (src/index/indexer.cc), one record at a time.
void build(arkiv::ExtractedDoc&& ex, int depth) {
  if (depth > 8) __builtin_trap();  // nesting must stop at max_depth (+1 recorded)
  std::vector<arkiv::ExtractedDoc> children = std::move(ex.children);
  const steady_clock::time_point deadline = steady_clock::now() + kAnalysisTime;
  arkiv::index::keep_record_text_limit(ex, kMaxRecordText);
  std::size_t text = 0;
  for (const arkiv::Page& p : ex.pages) text += p.text.size();
  if (text > kMaxRecordText) __builtin_trap();
  bool fatal = false, scan = true;
  for (const arkiv::Diagnostic& d : ex.diagnostics) {
    fatal = fatal || arkiv::diag_is_fatal(d.kind);
    scan = scan && (!arkiv::diag_is_fatal(d.kind) || d.kind == arkiv::DiagKind::kNoText);
  }
  if (fatal && !scan) {
    ex.pages.clear();
    arkiv::index::make_failed_document(ex, arkiv::TextAnalysis::kSwedish);
  } else {
    arkiv::NormalizedDoc doc = arkiv::normalize::normalize(std::move(ex), {});
    const arkiv::AnalyzedDoc a = arkiv::analyze::analyze(doc, deadline);
    arkiv::index::make_document(doc, a, arkiv::TextAnalysis::kSwedish);
  }
  for (arkiv::ExtractedDoc& c : children) build(std::move(c), depth + 1);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // The input as a file (in memory: a memfd), read by path as the helper
  // reads one; the same descriptor for every input.
  static const int fd = memfd_create("fuzz-input", 0);
  static const std::string path = "/proc/self/fd/" + std::to_string(fd);
  if (fd < 0 || ftruncate(fd, 0) != 0) std::abort();
  for (std::size_t done = 0; done < size;) {
    const ssize_t n = pwrite(fd, data + done, size - done, static_cast<off_t>(done));
    if (n <= 0) std::abort();
    done += static_cast<std::size_t>(n);
  }
  arkiv::SourceFile file;
  file.path = file.abspath = path;
  file.id = "0";
  file.size = size;
  build(arkiv::extract::extract(file, extract_options()), 0);
  return 0;
}
