// The ingestion stages as plain functions, one per folder under src/:
//   ingest::discover -> extract::extract -> normalize::normalize -> index
// Each takes one plain data type (record.h) and returns the next, reports
// per-file problems as Diagnostics, and throws only for run-stopping errors.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "arkiv/options.h"
#include "arkiv/record.h"

namespace arkiv {

namespace ingest {

// A path the walk could not use, with the reason. kNotFound: it is not
// there. kUnreadable: it is there and could not be read (a folder that
// cannot be opened or listed to the end, a file this process may not
// read: permissions, an I/O error); what lies at or below it was not seen,
// and is not gone.
struct DiscoverProblem {
  std::string path;     // as given (relative stays relative)
  Diagnostic diag;
  std::string abspath;  // absolute, lexically normalised
};

struct DiscoverResult {
  std::vector<SourceFile> files;  // sorted by abspath, no duplicates
  std::vector<DiscoverProblem> problems;
  // Directories walked (absolute); records below them that were not found
  // again are gone from disk.
  std::vector<std::string> roots;
};

// Walks files and directories. Directories are walked recursively, keeping
// every regular file but hidden ones (".git", editor backups) and arkiv's
// own manifest and BagIt tag files; files named directly are kept whatever
// their name. A path that does not exist becomes a problem
// (kNotFound), never an exception; a folder or file that cannot be read
// becomes one (kUnreadable) and the walk goes on past it. A directory named
// is in `roots` even if it cannot be read. `sha256` is left empty.
DiscoverResult discover(const std::vector<std::string>& paths,
                        const DiscoverOptions& opts = {});

// The value `at` holds for `abspath` or for the nearest folder above it
// (a record below a folder that could not be read); npos if none.
std::size_t nearest_at_or_above(const std::map<std::string, std::size_t>& at, std::string abspath);

// The record id of an absolute path: hex of the first 16 bytes of its
// SHA-256. DO NOT CHANGE: ids are stored in the index.
std::string record_id(const std::string& abspath);

// Hex SHA-256 of a file's content. Returns false (and sets `diag`) if the
// file cannot be read.
bool hash_file(const std::string& path, std::string& hex, Diagnostic& diag);

// Hex digests of a file's content in each of `algorithms` (OpenSSL names:
// "md5", "sha1", "sha256", "sha512", ...), in that order, from one read.
// Returns false (and sets `diag`) if the file cannot be read or an
// algorithm is unknown (kUnsupported).
bool hash_file_digests(const std::string& path, const std::vector<std::string>& algorithms,
                       std::vector<std::string>& hexes, Diagnostic& diag);

}  // namespace ingest

namespace extract {

// Reads the text of every page and the metadata of `file`. Never throws for
// a bad file: a corrupt, encrypted, empty, unsupported or too large file
// gives an ExtractedDoc with a fatal diagnostic and no pages.
ExtractedDoc extract(const SourceFile& file, const ExtractOptions& opts = {});

// Name and version of the PDF backend, e.g. "poppler-cpp 22.12.0".
std::string pdf_backend_version();

// Limits of an extraction helper process, per file.
struct IsolationLimits {
  // Wall-clock seconds one file may take. Default: 120.
  unsigned max_seconds = 120;
  // Address space of the helper (RLIMIT_AS; not under AddressSanitizer).
  // Default: 2 GiB.
  std::uint64_t max_memory_bytes = 2ull << 30;
};

// The extraction helper's file name: an executable that links the readers
// (Poppler, libarchive, pugixml, GMime, libxml2) and serves
// IsolatedExtractor's requests. The arkiv CLI links none of them, so that
// a search does not pay for loading them (47 of the 62 shared objects a
// process linked with them maps, 20 ms of every start).
inline constexpr const char* kHelperName = "arkiv-extract";

// Where the helper is: $ARKIV_EXTRACT if set (tests, a build tree), else
// kHelperName beside the running binary, else in ../lib/arkiv from it (an
// installed layout). Returns the path beside the binary if neither
// exists; whether it does is IsolatedExtractor::check()'s to say.
std::string find_helper();

// The environment a helper is started with: fixed LC_ALL=C.UTF-8 and
// PATH=/usr/bin:/bin, plus from this process only TMPDIR, HOME,
// XDG_CACHE_HOME, the sanitizers' *_OPTIONS, LLVM_PROFILE_FILE and ARKIV_*
// (isolate.cc says why each). As "NAME=value" strings.
std::vector<std::string> helper_environment();

// What an extraction helper tells while it reads a file: OCR begins one
// more page, which takes about 2 s (a 100-page scan, minutes).
struct OcrPageStart {
  std::size_t ordinal = 0;        // OCR pages begun in this file, this one included: 1, 2, ...
  std::size_t pages_to_read = 0;  // OCR pages the file is known to need, this one included; 0: not known
};

// Runs extract() in a long-lived helper process started from `command`
// (the helper's path, usually find_helper(), and any arguments; the memory
// limit, the seconds per file and the parent's pid are appended as the
// last three). A file that crashes the helper, outlasts max_seconds or
// exhausts its memory comes back as an ExtractedDoc with a kUnreadable
// (or kTooLarge) diagnostic saying so, and the next file gets a fresh
// helper. Each page OCR begins gives the file opts.ocr_page_timeout more
// seconds, and is told to `on_ocr_page` (if set) on the calling thread
// before extract() returns (if it throws, the helper is stopped and the
// exception passes on). A helper that sends what this build cannot
// read is stopped, the file reported as unreadable. One per thread; not
// thread-safe.
class IsolatedExtractor {
 public:
  IsolatedExtractor(std::vector<std::string> command, IsolationLimits limits);
  ~IsolatedExtractor();
  IsolatedExtractor(const IsolatedExtractor&) = delete;
  IsolatedExtractor& operator=(const IsolatedExtractor&) = delete;
  ExtractedDoc extract(const SourceFile& file, const ExtractOptions& opts,
                       const std::function<void(const OcrPageStart&)>& on_ocr_page = {});
  // Starts the helper now, if it is not running. Throws arkiv::Error, one
  // line naming the helper's path, if it is missing, cannot run, or
  // speaks another wire format (a helper of another build of arkiv):
  // no file could be read, so the run should stop before it starts.
  void check();

 private:
  struct Process;
  std::string start();  // "" if started, else why not (one line, with the path)
  void stop();
  std::vector<std::string> command_;
  IsolationLimits limits_;
  std::unique_ptr<Process> proc_;
};

// The helper's side, arkiv-extract's main loop (linked with the readers:
// arkiv_core and arkiv-extract, not the CLI): after the hellos (wire.h),
// reads requests from `in_fd`, answers on `out_fd`, until `in_fd` closes.
// Each file may use `max_cpu_seconds` of CPU (0: no limit) before the
// kernel ends the helper with SIGXCPU. Returns the process exit status (3
// if the parent speaks another wire format).
int serve_worker(int in_fd, int out_fd, unsigned max_cpu_seconds = 0);

// Makes the helper die with `parent` (PR_SET_PDEATHSIG), and exits at once
// if `parent` is already gone.
void bind_worker_to_parent(pid_t parent);

// Sets the helper's address-space limit (no-op when 0 or under ASan).
void limit_worker_memory(std::uint64_t bytes);

}  // namespace extract

namespace normalize {

// Normalizes one page of text: NFC; compatibility characters such as the
// ligatures U+FB01 "ﬁ" folded (NFKC) ; soft hyphens and zero-width
// characters removed; no-break spaces to spaces; typographic quotes to
// ASCII; CR LF to LF; trailing blanks trimmed; and, if opts.dehyphenate,
// line-break hyphenation repaired. Invalid UTF-8 is replaced by U+FFFD.
std::string normalize_text(std::string_view raw,
                           const NormalizeOptions& opts = {});

// Normalizes every page and joins them with '\f' into NormalizedDoc::text,
// recording each page's byte span. Chooses the display title.
NormalizedDoc normalize(ExtractedDoc&& doc, const NormalizeOptions& opts = {});

}  // namespace normalize

}  // namespace arkiv
