// Deterministic fault injection for the tests, as LevelDB's
// FaultInjectionTest: named points in the indexer and the extractor where
// a test makes the process die (or the extraction hang, crash or run out
// of memory) by setting one environment variable, so that a test knows
// its kill landed before, during or after a commit instead of hoping a
// random moment did.
//
//   ARKIV_FAULT=<point>[:<n>]          SIGKILL on the n-th pass (default 1)
//   ARKIV_FAULT=extract.<what>:<name>  the extraction of the file named
//                                      <name> (its last path component)
//                                      does <what> (see kFileFaults)
//   ARKIV_FAULT=index.refuse:<name>    the record of the file named <name>
//                                      carries a term longer than Xapian
//                                      stores (245 bytes), so Xapian
//                                      refuses to write it, as it refuses
//                                      a record too large to store ("Can't
//                                      handle insanely large tags")
//   ARKIV_FAULT=search.modified:<n>    the first <n> reads of the index by a
//                                      search find their revision discarded
//                                      (as Xapian's DatabaseModifiedError
//                                      says when an index run commits twice
//                                      during a read), so a test knows the
//                                      search read again, or gave up with
//                                      a typed error, without racing a writer
//   ARKIV_FAULT_MARK=<file>            optional: append "<point> <pid>\n"
//                                      to <file> when the fault fires, so
//                                      a test can wait for it (it is how a
//                                      test learns the helper's pid)
//
// The variable is read once, before main. A point is a load and a branch
// when ARKIV_FAULT is unset; a run without it behaves exactly as before.
// An ARKIV_FAULT naming no point below is reported on stderr and ignored.
#pragma once

#include <cstdint>
#include <string_view>

namespace arkiv::util {

// The points, each reached once per pass of what it names. Counts are per
// process: "index.commit.after:2" is the second commit of this run.
//
//   index.commit.before  a batch's documents (or its touches and removals)
//                        have been handed to Xapian, commit_transaction()
//                        not yet called: nothing of the batch is committed.
//   index.commit.during  inside commit_transaction(), at the one moment its
//                        outcome is decided: Xapian has written and synced
//                        every block of the new revision and its revision
//                        file "v.tmp", and is about to rename that over
//                        "iamglass". Glass commits atomically by that
//                        rename, so a kill anywhere earlier in the commit
//                        leaves the same state (the old revision, plus
//                        blocks no revision points to); this is the latest
//                        and fullest of those states.
//   index.commit.after   commit_transaction() returned: the batch is in.
//   index.extracted      a file has been extracted and its record built
//                        (in a worker), and reaches the writer thread; not
//                        yet handed to Xapian. Passes count files in the
//                        order the writer receives them.
inline constexpr std::string_view kFaultPoints[] = {
    "index.commit.before",
    "index.commit.during",
    "index.commit.after",
    "index.extracted",
};

// What extract.<what>:<name> does to the extraction of that file (inside
// the extraction helper when there is one, as `arkiv index` has):
//   hang   sleeps forever: the file's time limit stops it
//   crash  abort(): the helper dies of signal 6
//   oom    allocates until the allocator fails (the helper's memory
//          limit, or set_unenforced_memory_limit()'s), then throws
//          std::bad_alloc; without a limit it stops at 64 GiB of address
//          space, touching one page per 16 MiB
inline constexpr std::string_view kFileFaults[] = {"hang", "crash", "oom"};

// Whether ARKIV_FAULT is index.refuse:<path's file name>: the record of
// `path` is to be one that Xapian refuses to store.
inline bool fault_refuse(std::string_view path);

// Whether ARKIV_FAULT is search.modified:<n> and this read of the index is
// one of the first <n>: the caller acts as if a writer had discarded the
// revision it reads.
inline bool fault_modified();

// The helper's memory limit where it cannot be set (AddressSanitizer
// reserves terabytes of address space, so RLIMIT_AS cannot apply): the
// oom fault then fails at this many bytes, as the limit would have, and
// does not write gigabytes of shadow memory first (a minute per test
// run). 0: none.
void set_unenforced_memory_limit(std::uint64_t bytes);

namespace detail {
extern const bool kFaultArmed;  // ARKIV_FAULT set and valid
void reach(const char* point);
void reach_file(std::string_view path);
bool reach_refuse(std::string_view path);
bool reach_modified();
// The point a commit is in while Xapian renames its revision file (see
// FaultWindow); nullptr outside.
extern thread_local const char* commit_window;
}  // namespace detail

// Marks a point: kills the process with SIGKILL when ARKIV_FAULT names it
// and this is the pass it asks for. Otherwise does nothing.
inline void fault_point(const char* point) {
  if (detail::kFaultArmed) [[unlikely]]
    detail::reach(point);
}

// The extraction of `path` is about to start: hangs, aborts or exhausts
// memory when ARKIV_FAULT is extract.<what>:<path's file name>.
inline void fault_file(std::string_view path) {
  if (detail::kFaultArmed) [[unlikely]]
    detail::reach_file(path);
}

inline bool fault_refuse(std::string_view path) {
  if (detail::kFaultArmed) [[unlikely]]
    return detail::reach_refuse(path);
  return false;
}

inline bool fault_modified() {
  if (detail::kFaultArmed) [[unlikely]]
    return detail::reach_modified();
  return false;
}

// For the life of this object, Xapian renaming a revision file over
// "iamglass" (the commit point of a glass database) on this thread passes
// the point `point`. Xapian's commit is one call; this is how a point gets
// inside it (util/fault.cc wraps rename()).
class FaultWindow {
 public:
  explicit FaultWindow(const char* point) {
    if (detail::kFaultArmed) [[unlikely]] {
      saved_ = detail::commit_window;
      detail::commit_window = point;
    }
  }
  ~FaultWindow() {
    if (detail::kFaultArmed) [[unlikely]]
      detail::commit_window = saved_;
  }
  FaultWindow(const FaultWindow&) = delete;
  FaultWindow& operator=(const FaultWindow&) = delete;

 private:
  const char* saved_ = nullptr;
};

}  // namespace arkiv::util
