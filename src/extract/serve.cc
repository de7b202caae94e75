// The helper's side of extract/isolate.cc: arkiv-extract's loop, which
// reads one file's request at a time, extracts it in this process and
// answers with the ExtractedDoc (extract/wire.h). Built with the readers,
// so only arkiv-extract (and arkiv_core, for tests) contains it.
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <mutex>

#include "arkiv/pipeline.h"
#include "extract/ocr.h"
#include "extract/wire.h"
#include "util/fault.h"

namespace arkiv::extract {
namespace {

// Reads exactly n bytes; false at the end of the input. No deadline: the
// parent keeps the clock.
bool read_exact(int fd, std::string& out, std::size_t n) {
  out.resize(n);
  for (std::size_t at = 0; at < n;) {
    ssize_t got = ::read(fd, out.data() + at, n - at);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return false;
    at += static_cast<std::size_t>(got);
  }
  return true;
}

// CPU seconds this process has used so far (user + system).
std::uint64_t cpu_seconds_used() {
  rusage ru{};
  if (::getrusage(RUSAGE_SELF, &ru) != 0) return 0;
  return static_cast<std::uint64_t>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec);
}

// The exit status for a parent of another build (wire.h's hello).
constexpr int kExitWrongWire = 3;

// OCR's time (extract/ocr.h, PageHook): each page Tesseract reads adds its
// own deadline to this file's budgets. An OcrPage frame (wire.h) tells the
// parent to move its wall-clock deadline (extract/isolate.cc) and how far
// OCR has gone, for the progress line; the CPU limit moves here. A
// 100-page scan is then bounded page by page, not stopped at
// --file-timeout's 120 s.
// Pages numbered and sent under one lock: were pages ever read on several
// threads, the parent would still get 1, 2, 3 in order (wire.h, OcrPage).
int progress_fd = -1;
std::mutex ocr_page_mu;
std::uint64_t ocr_pages_begun = 0;  // in the request being served
void ocr_page_started(unsigned deadline_seconds, unsigned pages_left) {
  std::lock_guard lock(ocr_page_mu);
  rlimit rl{};
  if (::getrlimit(RLIMIT_CPU, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY) {
    rl.rlim_cur += deadline_seconds;
    ::setrlimit(RLIMIT_CPU, &rl);
  }
  wire::OcrPage page;
  page.ordinal = ++ocr_pages_begun;
  page.pages_to_read = page.ordinal + pages_left;
  if (progress_fd >= 0) wire::write_all(progress_fd, wire::frame(wire::encode_ocr_page(page)));
}

}  // namespace

void bind_worker_to_parent(pid_t parent) {
  // Killed with the parent: without this, a helper busy with pdf.js's
  // bomb_giant.pdf ran on for minutes at 1.2 GB after `arkiv index` was
  // killed. The parent may have died between posix_spawn and prctl; then
  // the helper has been handed to another process already.
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (parent > 0 && ::getppid() != parent) ::_exit(0);
}

int serve_worker(int in_fd, int out_fd, unsigned max_cpu_seconds) {
  // Our hello first, whatever the parent is: a parent of another build
  // then learns which one we are and says so.
  if (!wire::write_all(out_fd, wire::hello())) return 1;
  std::string theirs;
  if (!read_exact(in_fd, theirs, wire::kHelloBytes)) return 0;
  if (!wire::check_hello(theirs).empty()) return kExitWrongWire;
  progress_fd = out_fd;
  ocr::set_page_hook(&ocr_page_started);
  for (;;) {
    std::string len, body;
    if (!read_exact(in_fd, len, 8)) return 0;  // the parent is done
    ExtractOptions opts;
    SourceFile f;
    try {
      if (!read_exact(in_fd, body, wire::frame_length(len, wire::kMaxRequestBytes))) return 1;
      wire::decode_request(body, opts, f);
    } catch (const wire::WireError&) {
      return 1;  // not a request of ours: the parent sees us end, and says so
    }
    if (max_cpu_seconds > 0) {
      // A CPU budget for this file on top of what earlier files used: the
      // parent's wall-clock deadline stops a slow file while the parent
      // runs; this one holds when the parent is stopped (SIGSTOP, a
      // debugger) and cannot watch. SIGXCPU ends the helper; the hard
      // limit stays open so the next file gets a budget of its own.
      rlimit rl{cpu_seconds_used() + max_cpu_seconds + 1, RLIM_INFINITY};
      ::setrlimit(RLIMIT_CPU, &rl);
    }
    ExtractedDoc doc;
    {
      std::lock_guard lock(ocr_page_mu);
      ocr_pages_begun = 0;
    }
    try {
      doc = extract(f, opts);
    } catch (const std::bad_alloc&) {
      // Over the helper's memory limit (RLIMIT_AS): this file, not the run.
      doc = ExtractedDoc();
      doc.source = f;
      doc.diagnostics.push_back({DiagKind::kTooLarge, "extraction ran out of memory (the helper's limit)", 0, true});
    }
    std::string reply;
    try {
      reply = wire::frame(wire::encode_reply(doc));
    } catch (const std::bad_alloc&) {
      // The text was read, but its copy for the reply did not fit the
      // memory limit: that is a file too large, not a crash (it was
      // reported as "crashed (signal 6)" when the exception ended us).
      std::string().swap(reply);
      ExtractedDoc big;
      big.source = doc.source;
      doc = ExtractedDoc();
      big.diagnostics.push_back({DiagKind::kTooLarge, "the extracted text does not fit the helper's memory limit", 0, true});
      reply = wire::frame(wire::encode_reply(big));
    }
    if (!wire::write_all(out_fd, reply)) return 1;
  }
}

void limit_worker_memory(std::uint64_t bytes) {
#if defined(__SANITIZE_ADDRESS__)
  constexpr bool kAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
  constexpr bool kAddressSanitizer = true;
#else
  constexpr bool kAddressSanitizer = false;
#endif
#else
  constexpr bool kAddressSanitizer = false;
#endif
  if (bytes == 0) return;
  if (kAddressSanitizer) {  // it reserves terabytes of address space
    util::set_unenforced_memory_limit(bytes);
    return;
  }
  rlimit rl{bytes, bytes};
  ::setrlimit(RLIMIT_AS, &rl);
}

}  // namespace arkiv::extract
