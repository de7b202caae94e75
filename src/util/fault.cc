// util/fault.h: reads ARKIV_FAULT once and fires the point it names.
#include "util/fault.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <string>
#include <vector>

namespace arkiv::util {
namespace {

struct Spec {
  std::string point;        // one of kFaultPoints, "extract", "refuse" or "search.modified"
  unsigned long nth = 1;    // for kFaultPoints: the pass that fires; for search.modified: how many do
  std::string file_fault;   // for "extract": one of kFileFaults
  std::string file_name;    // for "extract", "refuse": the file's last path component
  std::string mark;         // ARKIV_FAULT_MARK
  bool valid = false;
};

Spec parse_spec() {
  Spec s;
  const char* env = std::getenv("ARKIV_FAULT");
  if (env == nullptr || *env == '\0') return s;
  const std::string spec = env;
  const std::size_t colon = spec.find(':');
  const std::string head = spec.substr(0, colon);
  const std::string arg = colon == std::string::npos ? std::string() : spec.substr(colon + 1);
  if (std::find(std::begin(kFaultPoints), std::end(kFaultPoints), head) != std::end(kFaultPoints)) {
    char* end = nullptr;
    s.nth = arg.empty() ? 1 : std::strtoul(arg.c_str(), &end, 10);
    s.valid = s.nth > 0 && (arg.empty() || *end == '\0');
    s.point = head;
  } else if (head.starts_with("extract.") && !arg.empty() &&
             std::find(std::begin(kFileFaults), std::end(kFileFaults), head.substr(8)) != std::end(kFileFaults)) {
    s.point = "extract";
    s.file_fault = head.substr(8);
    s.file_name = arg;
    s.valid = true;
  } else if (head == "search.modified" && !arg.empty()) {
    char* end = nullptr;
    s.nth = std::strtoul(arg.c_str(), &end, 10);
    s.valid = s.nth > 0 && *end == '\0';
    s.point = head;
  } else if (head == "index.refuse" && !arg.empty()) {
    s.point = "refuse";
    s.file_name = arg;
    s.valid = true;
  }
  if (!s.valid) {
    // A misspelt point would otherwise let a test pass without its fault.
    std::fprintf(stderr, "arkiv: ARKIV_FAULT=%s names no fault point (util/fault.h); ignored\n", env);
    return s;
  }
  if (const char* mark = std::getenv("ARKIV_FAULT_MARK")) s.mark = mark;
  return s;
}

const Spec& spec() {
  static const Spec s = parse_spec();
  return s;
}

std::atomic<unsigned long> passes{0};

// Says the fault fired, for a test waiting on it: "<point> <pid>\n".
void mark(const std::string& what) {
  if (spec().mark.empty()) return;
  const int fd = ::open(spec().mark.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) return;
  const std::string line = what + " " + std::to_string(::getpid()) + "\n";
  (void)!::write(fd, line.data(), line.size());
  ::close(fd);
}

[[noreturn]] void die(const std::string& what) {
  mark(what);
  for (;;) ::kill(::getpid(), SIGKILL);
}

}  // namespace

namespace {
std::atomic<std::uint64_t> unenforced_limit{0};
}  // namespace

void set_unenforced_memory_limit(std::uint64_t bytes) { unenforced_limit.store(bytes); }

namespace detail {

const bool kFaultArmed = spec().valid;
thread_local const char* commit_window = nullptr;

void reach(const char* point) {
  if (spec().point != point) return;
  if (passes.fetch_add(1) + 1 == spec().nth) die(point);
}

static bool names_file(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  return path.substr(slash == std::string_view::npos ? 0 : slash + 1) == spec().file_name;
}

bool reach_refuse(std::string_view path) {
  if (spec().point != "refuse" || !names_file(path)) return false;
  mark("index.refuse");
  return true;
}

bool reach_modified() {
  if (spec().point != "search.modified") return false;
  return passes.fetch_add(1) < spec().nth;
}

void reach_file(std::string_view path) {
  if (spec().point != "extract" || !names_file(path)) return;
  const std::string what = "extract." + spec().file_fault;
  mark(what);
  if (spec().file_fault == "hang") {
    for (;;) ::pause();
  } else if (spec().file_fault == "crash") {
    std::abort();
  } else if (spec().file_fault == "oom") {
    constexpr std::size_t kChunk = 16u << 20;
    std::vector<std::unique_ptr<char[]>> held;
    held.reserve(4096);
    const std::uint64_t limit = unenforced_limit.load();
    for (std::size_t i = 0; i < 4096; ++i) {  // 64 GiB: std::bad_alloc long before, under a limit
      if (limit != 0 && (i + 1) * kChunk > limit) throw std::bad_alloc();
      held.emplace_back(new char[kChunk]);
      held.back()[0] = 1;  // used, so that the allocation cannot be left out
    }
    throw std::bad_alloc();
  }
}

}  // namespace detail
}  // namespace arkiv::util

// Xapian's glass backend commits by renaming the new revision file over
// "iamglass" (GlassVersion::sync, via io_tmp_rename): the one point inside
// commit_transaction() where the outcome is decided. libxapian calls
// rename() from the C library; this definition comes first in the lookup,
// passes the point of the FaultWindow open on this thread, if any, and
// then does what the C library's rename() does (renameat with AT_FDCWD).
// Exported even under -fvisibility=hidden: libxapian must find this one.
extern "C" __attribute__((visibility("default"))) int rename(const char* from, const char* to) noexcept {
  if (arkiv::util::detail::kFaultArmed && arkiv::util::detail::commit_window != nullptr) {
    const std::string_view target(to);
    if (target == "iamglass" || target.ends_with("/iamglass"))
      arkiv::util::detail::reach(arkiv::util::detail::commit_window);
  }
  return ::renameat(AT_FDCWD, from, AT_FDCWD, to);
}
