// Extraction in a helper process. A hostile file can crash Poppler, make it
// run for minutes or eat gigabytes (pdf.js's bomb_giant.pdf does all
// three); in-process that would take the whole run down. Each indexing
// thread keeps one long-lived helper (arkiv-extract, extract/helper_main.cc,
// the only executable that links the readers), sends it one file at a time
// over a pipe and reads back the ExtractedDoc (extract/wire.h), so the
// normal path costs a copy of the text, not a process start per file. A
// helper that crashes, overruns its time or its memory limit is killed and
// replaced, and the file is recorded as unreadable with the reason.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "arkiv/error.h"
#include "arkiv/pipeline.h"
#include "extract/wire.h"

extern char** environ;

namespace arkiv::extract {
namespace {

// Reads exactly n bytes by `deadline` (steady clock). 0 ok, 1 EOF, 2 timeout.
int read_exact(int fd, std::string& out, std::size_t n, std::chrono::steady_clock::time_point deadline) {
  out.resize(n);
  for (std::size_t at = 0; at < n;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return 2;
    pollfd p{fd, POLLIN, 0};
    int rc = ::poll(&p, 1, static_cast<int>(std::min<long long>(left.count(), 1000)));
    if (rc < 0 && errno == EINTR) continue;
    if (rc == 0) continue;
    ssize_t got = ::read(fd, out.data() + at, n - at);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return 1;
    at += static_cast<std::size_t>(got);
  }
  return 0;
}

// The variables of the run's environment a helper gets, besides the ones
// it is given outright (helper_environment()).
bool passed_to_helper(std::string_view name) {
  // Where a library may write temporary files, and where fontconfig
  // (through Poppler's font names) keeps its per-user cache: without it
  // every helper would rebuild the font list at start.
  for (std::string_view n : {"TMPDIR", "HOME", "XDG_CACHE_HOME"})
    if (name == n) return true;
  // Where Tesseract's language models are, when not in Debian's place.
  if (name == "TESSDATA_PREFIX") return true;
  // How a sanitizer or coverage build of the helper reports (the lead's
  // sanitizer configuration sets LSAN_OPTIONS' suppressions for Poppler's
  // and fontconfig's caches).
  for (std::string_view n : {"ASAN_OPTIONS", "LSAN_OPTIONS", "UBSAN_OPTIONS", "MSAN_OPTIONS", "TSAN_OPTIONS",
                             "LLVM_PROFILE_FILE"})
    if (name == n) return true;
  // arkiv's own knobs, such as the tests' fault-injection points, which
  // must reach the code that runs in the helper.
  return name.rfind("ARKIV_", 0) == 0;
}

}  // namespace

std::vector<std::string> helper_environment() {
  // Decided here, not inherited: the helper reads hostile files with
  // libraries that consult the environment (GLib's CHARSET, ICU's default
  // locale from LANG and LC_*), and a helper that behaved by the shell of
  // whoever ran `arkiv index` would extract the same file differently for
  // two users. The C library's locale stays "C" (the helper never calls
  // setlocale); LC_ALL=C.UTF-8 makes what reads the variables agree with
  // it on UTF-8. PATH is fixed: the helper starts no programs, and a
  // library that would must not find one in the user's PATH.
  // OMP_THREAD_LIMIT=1: Debian's libtesseract uses OpenMP, which without
  // it spends 4x the CPU on a page (134 s against 34 s for 14 pages) in
  // threads that fight the other helpers; libgomp reads it when it is
  // loaded, so it must be there before the helper starts (extract/ocr.cc
  // refuses to OCR without it).
  std::vector<std::string> env{"LC_ALL=C.UTF-8", "PATH=/usr/bin:/bin", "OMP_THREAD_LIMIT=1"};
  for (char** e = environ; e && *e; ++e) {
    std::string_view kv(*e);
    std::size_t eq = kv.find('=');
    if (eq != std::string_view::npos && passed_to_helper(kv.substr(0, eq))) env.emplace_back(kv);
  }
  return env;
}

std::string find_helper() {
  if (const char* env = std::getenv("ARKIV_EXTRACT"); env && *env) return env;
  std::error_code ec;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return kHelperName;
  const std::filesystem::path beside = exe.parent_path() / kHelperName;
  const std::filesystem::path installed = exe.parent_path().parent_path() / "lib" / "arkiv" / kHelperName;
  if (!std::filesystem::exists(beside, ec) && std::filesystem::exists(installed, ec)) return installed.string();
  return beside.string();
}

// How long a helper whose input was closed may take to exit.
constexpr int kExitGraceMs = 500;

struct IsolatedExtractor::Process {
  pid_t pid = -1;
  int to = -1, from = -1;
};

IsolatedExtractor::IsolatedExtractor(std::vector<std::string> command, IsolationLimits limits)
    : command_(std::move(command)), limits_(limits) {}

IsolatedExtractor::~IsolatedExtractor() { stop(); }

void IsolatedExtractor::stop() {
  if (!proc_) return;
  if (proc_->to >= 0) ::close(proc_->to);
  if (proc_->from >= 0) ::close(proc_->from);
  if (proc_->pid > 0) {
    // Closing its input ends a healthy helper: it reads the end of its
    // input and returns from main. That takes it a moment, so it gets a
    // grace period before it counts as stuck and is killed; without one,
    // nearly every healthy helper was killed too, before its exit handlers
    // ran (valgrind, for one, writes a helper's profile then).
    int ws = 0;
    pid_t done = 0;
    for (int waited_ms = 0; (done = ::waitpid(proc_->pid, &ws, WNOHANG)) == 0 && waited_ms < kExitGraceMs; ++waited_ms)
      ::usleep(1000);
    if (done == 0) {
      ::kill(proc_->pid, SIGKILL);
      ::waitpid(proc_->pid, &ws, 0);
    }
  }
  proc_.reset();
}

std::string IsolatedExtractor::start() {
  const std::string path = "extraction helper " + command_.front();
  int to[2], from[2];
  if (::pipe2(to, O_CLOEXEC) != 0) return path + ": cannot start: " + std::strerror(errno);
  if (::pipe2(from, O_CLOEXEC) != 0) {
    ::close(to[0]);
    ::close(to[1]);
    return path + ": cannot start: " + std::strerror(errno);
  }
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, to[0], 0);
  posix_spawn_file_actions_adddup2(&fa, from[1], 1);
  // Libraries print to stderr on their own ("Out of memory", "Syntax
  // Error"); what a person needs is the one line arkiv writes per file.
  posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
  std::vector<std::string> argv = command_;
  argv.push_back(std::to_string(limits_.max_memory_bytes));
  argv.push_back(std::to_string(limits_.max_seconds));
  argv.push_back(std::to_string(::getpid()));
  std::vector<char*> cargv;
  for (auto& a : argv) cargv.push_back(a.data());
  cargv.push_back(nullptr);
  std::vector<std::string> env = helper_environment();
  std::vector<char*> cenv;
  for (auto& e : env) cenv.push_back(e.data());
  cenv.push_back(nullptr);
  pid_t pid = -1;
  int rc = posix_spawn(&pid, cargv[0], &fa, nullptr, cargv.data(), cenv.data());
  posix_spawn_file_actions_destroy(&fa);
  ::close(to[0]);
  ::close(from[1]);
  if (rc != 0) {
    ::close(to[1]);
    ::close(from[0]);
    return path + ": cannot start: " + std::strerror(rc);
  }
  proc_ = std::make_unique<Process>();
  proc_->pid = pid;
  proc_->to = to[1];
  proc_->from = from[0];
  // Hellos both ways (wire.h): a helper of another build is refused here,
  // before it is handed a file. A healthy one answers in milliseconds; the
  // file's time limit bounds a helper that never does.
  std::string theirs;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(limits_.max_seconds);
  int got = wire::write_all(proc_->to, wire::hello()) ? read_exact(proc_->from, theirs, wire::kHelloBytes, deadline) : 1;
  std::string why;
  if (got == 0) {
    why = wire::check_hello(theirs);
  } else {
    int ws = 0;
    if (got == 2) ::kill(proc_->pid, SIGKILL);
    ::waitpid(proc_->pid, &ws, 0);
    proc_->pid = -1;
    why = got == 2                ? "did not answer in " + std::to_string(limits_.max_seconds) + " s"
          : WIFSIGNALED(ws)       ? "ended at start (signal " + std::to_string(WTERMSIG(ws)) + ")"
          : WEXITSTATUS(ws) == 127 ? "cannot run (a library missing?)"
                                   : "ended at start (exit status " + std::to_string(WEXITSTATUS(ws)) + ")";
  }
  if (why.empty()) return {};
  stop();
  return path + ": " + why;
}

void IsolatedExtractor::check() {
  if (proc_) return;
  std::error_code ec;
  if (!std::filesystem::exists(command_.front(), ec))
    throw Error("extraction helper " + command_.front() +
                ": not found (it belongs beside the arkiv binary, or in ../lib/arkiv; ARKIV_EXTRACT names another)");
  if (std::string why = start(); !why.empty()) throw Error(why);
}

ExtractedDoc IsolatedExtractor::extract(const SourceFile& file, const ExtractOptions& opts,
                                        const std::function<void(const OcrPageStart&)>& on_ocr_page) {
  ExtractedDoc failed;
  failed.source = file;
  if (!proc_) {
    if (std::string why = start(); !why.empty()) {
      failed.diagnostics.push_back({DiagKind::kUnreadable, "cannot start the extraction helper process", 0, true});
      return failed;
    }
  }
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(limits_.max_seconds);
  std::string len, body;
  std::string malformed;  // why the helper's answer could not be read
  wire::OcrPage ocr_page;  // the last one the helper sent for this file
  int rc = wire::write_all(proc_->to, wire::frame(wire::encode_request(opts, file))) ? 0 : 1;
  while (rc == 0) {
    rc = read_exact(proc_->from, len, 8, deadline);
    if (rc != 0) break;
    try {
      // The helper built the reply within its memory limit: a longer one
      // is a broken helper, not a file.
      rc = read_exact(proc_->from, body, wire::frame_length(len, limits_.max_memory_bytes), deadline);
      if (rc != 0) break;
      if (wire::frame_kind(body) == wire::HelperFrame::kReply) return wire::decode_reply(body);
      // The helper begins OCR of one more page, which may take its own
      // deadline on top of the file's (extract/serve.cc).
      ocr_page = wire::decode_ocr_page(body, ocr_page);
    } catch (const std::exception& e) {  // WireError, or bad_alloc for a reply this process cannot hold
      malformed = e.what();
      rc = 1;
      break;
    }
    deadline += std::chrono::seconds(opts.ocr_page_timeout);
    if (!on_ocr_page) continue;
    try {
      on_ocr_page({ocr_page.ordinal, ocr_page.pages_to_read});
    } catch (...) {
      stop();  // it is in the middle of this file: the next one gets a new helper
      throw;
    }
  }
  // The helper failed this file: say why, and replace it.
  std::string why;
  if (rc == 2) {
    why = "extraction did not finish in " + std::to_string(limits_.max_seconds) + " s (stopped)";
    ::kill(proc_->pid, SIGKILL);
  } else if (!malformed.empty()) {
    // Alive, and waiting for our next request: without the kill, the wait
    // below would never end.
    why = "the extraction helper sent a message this arkiv cannot read (" + malformed + "; stopped)";
    ::kill(proc_->pid, SIGKILL);
  }
  int ws = 0;
  ::waitpid(proc_->pid, &ws, 0);
  proc_->pid = -1;
  if (why.empty()) {
    if (WIFSIGNALED(ws) && WTERMSIG(ws) == SIGXCPU)
      why = "extraction used more than " + std::to_string(limits_.max_seconds) + " s of CPU (stopped)";
    else if (WIFSIGNALED(ws))
      why = "the extractor crashed (signal " + std::to_string(WTERMSIG(ws)) + ")";
    else  // Poppler ends the process on some allocation failures ("Out of memory")
      why = "the extractor stopped (exit status " + std::to_string(WIFEXITED(ws) ? WEXITSTATUS(ws) : -1) +
            "; out of memory? the limit is " + std::to_string(limits_.max_memory_bytes >> 20) + " MiB)";
  }
  stop();
  failed.diagnostics.push_back({DiagKind::kUnreadable, why, 0, true});
  return failed;
}

}  // namespace arkiv::extract
