// Extraction in a helper process. A hostile file can crash Poppler, make it
// run for minutes or eat gigabytes (pdf.js's bomb_giant.pdf does all
// three); in-process that would take the whole run down. Each indexing
// thread keeps one long-lived helper (the arkiv binary started as
// `arkiv __extract-worker`), sends it one file at a time over a pipe and
// reads back the ExtractedDoc, so the normal path costs a copy of the text,
// not a process start per file. A helper that crashes, overruns its time
// or its memory limit is killed and replaced, and the file is recorded as
// unreadable with the reason.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <stdexcept>

#include "arkiv/pipeline.h"
#include "util/time.h"

extern char** environ;

namespace arkiv::extract {
namespace {

// ---- a small binary encoding: little-endian u64 lengths and numbers

void put_u64(std::string& out, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) out += static_cast<char>((v >> (8 * i)) & 0xff);
}
void put_str(std::string& out, const std::string& s) {
  put_u64(out, s.size());
  out += s;
}

struct Reader {
  std::string_view in;
  std::size_t at = 0;
  std::uint64_t u64() {
    if (at + 8 > in.size()) throw std::runtime_error("short message");
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v |= std::uint64_t(static_cast<unsigned char>(in[at + i])) << (8 * i);
    at += 8;
    return v;
  }
  std::string str() {
    std::uint64_t n = u64();
    if (n > in.size() - at) throw std::runtime_error("short message");
    std::string s(in.substr(at, n));
    at += n;
    return s;
  }
};

void put_time(std::string& out, const std::optional<FileTime>& t) {
  put_u64(out, t ? 1 : 0);
  put_u64(out, t ? static_cast<std::uint64_t>(util::to_unix_ns(*t)) : 0);
}
std::optional<FileTime> get_time(Reader& r) {
  bool has = r.u64();
  std::int64_t ns = static_cast<std::int64_t>(r.u64());
  return has ? std::optional<FileTime>(util::from_unix_ns(ns)) : std::nullopt;
}

void put_source(std::string& out, const SourceFile& f) {
  for (const std::string* s : {&f.id, &f.path, &f.abspath, &f.sha256, &f.parent_id, &f.container_id, &f.member})
    put_str(out, *s);
  put_u64(out, f.size);
  put_u64(out, static_cast<std::uint64_t>(util::to_unix_ns(f.mtime)));
}
SourceFile get_source(Reader& r) {
  SourceFile f;
  for (std::string* s : {&f.id, &f.path, &f.abspath, &f.sha256, &f.parent_id, &f.container_id, &f.member})
    *s = r.str();
  f.size = r.u64();
  f.mtime = util::from_unix_ns(static_cast<std::int64_t>(r.u64()));
  return f;
}

void put_doc(std::string& out, const ExtractedDoc& d) {
  put_source(out, d.source);
  put_str(out, d.format);
  put_str(out, d.extractor);
  const Metadata& m = d.meta;
  for (const std::string* s : {&m.title, &m.author, &m.subject, &m.keywords, &m.creator, &m.producer, &m.recipients})
    put_str(out, *s);
  put_time(out, m.created);
  put_time(out, m.modified);
  put_u64(out, static_cast<std::uint64_t>(d.page_count));
  put_u64(out, d.pages.size());
  for (const Page& p : d.pages) {
    put_u64(out, static_cast<std::uint64_t>(p.number));
    put_str(out, p.text);
  }
  put_u64(out, d.diagnostics.size());
  for (const Diagnostic& g : d.diagnostics) {
    put_u64(out, static_cast<std::uint64_t>(g.kind));
    put_str(out, g.detail);
    put_u64(out, static_cast<std::uint64_t>(g.page));
  }
  put_u64(out, d.children.size());
  for (const ExtractedDoc& c : d.children) put_doc(out, c);
}
ExtractedDoc get_doc(Reader& r) {
  ExtractedDoc d;
  d.source = get_source(r);
  d.format = r.str();
  d.extractor = r.str();
  Metadata& m = d.meta;
  for (std::string* s : {&m.title, &m.author, &m.subject, &m.keywords, &m.creator, &m.producer, &m.recipients})
    *s = r.str();
  m.created = get_time(r);
  m.modified = get_time(r);
  d.page_count = static_cast<int>(r.u64());
  for (std::uint64_t n = r.u64(), i = 0; i < n; ++i) {
    Page p;
    p.number = static_cast<int>(r.u64());
    p.text = r.str();
    d.pages.push_back(std::move(p));
  }
  for (std::uint64_t n = r.u64(), i = 0; i < n; ++i) {
    Diagnostic g;
    g.kind = static_cast<DiagKind>(r.u64());
    g.detail = r.str();
    g.page = static_cast<int>(r.u64());
    d.diagnostics.push_back(std::move(g));
  }
  for (std::uint64_t n = r.u64(), i = 0; i < n; ++i) d.children.push_back(get_doc(r));
  return d;
}

void put_options(std::string& out, const ExtractOptions& o) {
  put_u64(out, o.max_file_bytes);
  put_u64(out, static_cast<std::uint64_t>(o.max_pages));
  put_u64(out, o.max_page_text_bytes);
  put_u64(out, static_cast<std::uint64_t>(o.max_depth));
  put_u64(out, static_cast<std::uint64_t>(o.max_members));
  put_u64(out, o.max_unpacked_bytes);
  put_u64(out, o.max_ratio);
}
ExtractOptions get_options(Reader& r) {
  ExtractOptions o;
  o.max_file_bytes = r.u64();
  o.max_pages = static_cast<int>(r.u64());
  o.max_page_text_bytes = r.u64();
  o.max_depth = static_cast<int>(r.u64());
  o.max_members = static_cast<int>(r.u64());
  o.max_unpacked_bytes = r.u64();
  o.max_ratio = r.u64();
  return o;
}

// ---- framing: a u64 length, then the message

bool write_all(int fd, const std::string& s) {
  for (std::size_t at = 0; at < s.size();) {
    ssize_t n = ::write(fd, s.data() + at, s.size() - at);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    at += static_cast<std::size_t>(n);
  }
  return true;
}

bool send(int fd, const std::string& body) {
  std::string frame;
  put_u64(frame, body.size());
  return write_all(fd, frame + body);
}

// Reads exactly n bytes by `deadline` (steady clock). 0 ok, 1 EOF, 2 timeout.
int read_exact(int fd, std::string& out, std::size_t n, std::chrono::steady_clock::time_point deadline,
               bool use_deadline) {
  out.resize(n);
  for (std::size_t at = 0; at < n;) {
    if (use_deadline) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return 2;
      pollfd p{fd, POLLIN, 0};
      int rc = ::poll(&p, 1, static_cast<int>(std::min<long long>(left.count(), 1000)));
      if (rc < 0 && errno == EINTR) continue;
      if (rc == 0) continue;
    }
    ssize_t got = ::read(fd, out.data() + at, n - at);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return 1;
    at += static_cast<std::size_t>(got);
  }
  return 0;
}

}  // namespace

namespace {

// CPU seconds this process has used so far (user + system).
std::uint64_t cpu_seconds_used() {
  rusage ru{};
  if (::getrusage(RUSAGE_SELF, &ru) != 0) return 0;
  return static_cast<std::uint64_t>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec);
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
  for (;;) {
    std::string len, body;
    if (read_exact(in_fd, len, 8, {}, false) != 0) return 0;  // the parent is done
    Reader lr{len};
    std::uint64_t n = lr.u64();
    if (read_exact(in_fd, body, n, {}, false) != 0) return 1;
    if (max_cpu_seconds > 0) {
      // A CPU budget for this file on top of what earlier files used: the
      // parent's wall-clock deadline stops a slow file while the parent
      // runs; this one holds when the parent is stopped (SIGSTOP, a
      // debugger) and cannot watch. SIGXCPU ends the helper; the hard
      // limit stays open so the next file gets a budget of its own.
      rlimit rl{cpu_seconds_used() + max_cpu_seconds + 1, RLIM_INFINITY};
      ::setrlimit(RLIMIT_CPU, &rl);
    }
    Reader r{body};
    ExtractOptions opts = get_options(r);
    SourceFile f = get_source(r);
    ExtractedDoc doc;
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
      put_doc(reply, doc);
    } catch (const std::bad_alloc&) {
      // The text was read, but its copy for the reply did not fit the
      // memory limit: that is a file too large, not a crash (it was
      // reported as "crashed (signal 6)" when the exception ended us).
      std::string().swap(reply);
      ExtractedDoc big;
      big.source = doc.source;
      doc = ExtractedDoc();
      big.diagnostics.push_back({DiagKind::kTooLarge, "the extracted text does not fit the helper's memory limit", 0, true});
      put_doc(reply, big);
    }
    if (!send(out_fd, reply)) return 1;
  }
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

bool IsolatedExtractor::start() {
  int to[2], from[2];
  if (::pipe2(to, O_CLOEXEC) != 0) return false;
  if (::pipe2(from, O_CLOEXEC) != 0) {
    ::close(to[0]);
    ::close(to[1]);
    return false;
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
  pid_t pid = -1;
  int rc = posix_spawn(&pid, cargv[0], &fa, nullptr, cargv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  ::close(to[0]);
  ::close(from[1]);
  if (rc != 0) {
    ::close(to[1]);
    ::close(from[0]);
    return false;
  }
  proc_ = std::make_unique<Process>();
  proc_->pid = pid;
  proc_->to = to[1];
  proc_->from = from[0];
  return true;
}

ExtractedDoc IsolatedExtractor::extract(const SourceFile& file, const ExtractOptions& opts) {
  ExtractedDoc failed;
  failed.source = file;
  if (!proc_ && !start()) {
    failed.diagnostics.push_back({DiagKind::kUnreadable, "cannot start the extraction helper process", 0, true});
    return failed;
  }
  std::string req;
  put_options(req, opts);
  put_source(req, file);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(limits_.max_seconds);
  std::string len, body;
  int rc = send(proc_->to, req) ? read_exact(proc_->from, len, 8, deadline, true) : 1;
  if (rc == 0) {
    Reader lr{len};
    rc = read_exact(proc_->from, body, lr.u64(), deadline, true);
  }
  if (rc == 0) {
    try {
      Reader r{body};
      return get_doc(r);
    } catch (const std::exception&) {
      rc = 1;
    }
  }
  // The helper failed this file: say why, and replace it.
  std::string why;
  if (rc == 2) {
    why = "extraction did not finish in " + std::to_string(limits_.max_seconds) + " s (stopped)";
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

void limit_worker_memory(std::uint64_t bytes) {
#if defined(__SANITIZE_ADDRESS__)
  (void)bytes;  // AddressSanitizer reserves terabytes of address space
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
  (void)bytes;
#else
  if (bytes) {
    rlimit rl{bytes, bytes};
    ::setrlimit(RLIMIT_AS, &rl);
  }
#endif
#else
  if (bytes) {
    rlimit rl{bytes, bytes};
    ::setrlimit(RLIMIT_AS, &rl);
  }
#endif
}

}  // namespace arkiv::extract
