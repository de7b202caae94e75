// An indexing run: discover, decide per file what changed, extract and
// normalize the changed files on all cores, and write them from this one
// thread in batches, each an atomic Xapian transaction.
#include <algorithm>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <filesystem>
#include <atomic>
#include <chrono>
#include <functional>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <exception>
#include <string_view>
#include <map>
#include <set>
#include <thread>

#include "arkiv/analysis.h"
#include "arkiv/error.h"
#include "arkiv/indexer.h"
#include "arkiv/pipeline.h"
#include "arkiv/actors.h"
#include "codec/format.h"
#include "codec/record.h"
#include "analyze/analyzer.h"
#include "index/document.h"
#include "index/writer.h"
#include "ingest/shard.h"
#include "util/fault.h"
#include "util/time.h"

namespace arkiv {
namespace {

// A file that needs reading.
struct Job {
  SourceFile file;
  bool existed = false;  // the index had a record for it
  std::string old_sha256;            // if it existed: the content it was read with
  std::vector<RecordEvent> history;  // if it existed: its events so far
};

// One record to store, ready for the writer.
struct Built {
  std::string id;
  Xapian::Document doc;
  bool ok = false;
  bool scan = false;  // ok, but without a text layer: found by title and path, needs OCR
  std::size_t pages = 0;
  std::size_t ocr_pages = 0;  // of pages, read by OCR
  SkippedFile skipped;  // when !ok
  // When ok: the first of the warnings that say its text is not whole
  // (reason empty if none), and how many such warnings it has.
  SkippedFile cut;
  std::size_t cuts = 0;
  Xapian::docid at = 0;  // a record moved: the docid it keeps (Writer::replace_at)
  // What the record says of its file without its text (source, format,
  // metadata, diagnostics): enough to store it as not indexable instead
  // if Xapian refuses `doc` (store_one_by_one).
  ExtractedDoc shell;
};

// What reading a file gave: its record, and one for each file found inside
// it (embedded files, attachments, archive members, at every depth).
struct Result {
  const Job* job = nullptr;
  Built main;
  std::vector<Built> members;
  bool content_changed = false;  // the file's SHA-256 is not the one it was read with before
  std::string moved_from;        // the content was the record of this path, gone from it
  std::string moved_from_id;     // and its record id: its members are removed with the move
};

// A record whose file is gone from its path this run, by the SHA-256 it
// was read with: a new file with that content is the record moved.
struct GoneRecord {
  Xapian::docid did = 0;
  std::string id;
  std::string path;
  std::vector<RecordEvent> history;
  bool claimed = false;  // a new file took it
};
using GoneByContent = std::map<std::string, std::vector<GoneRecord>>;

// The OCR under way on the extraction threads, for the progress line
// (IndexProgress::ocr): per thread, the file it reads and when OCR began
// its current page. A page counts as read when the next one of its file
// begins or the file's reply is in. Shared by the workers; every member
// function locks.
class OcrTally {
 public:
  // `changed` is called (unlocked) when OCR begins a page.
  explicit OcrTally(std::function<void()> changed) : changed_(std::move(changed)) {}

  // The helper of thread `thread` began OCR of a page of `path`.
  void page_started(unsigned thread, const std::string& path, const extract::OcrPageStart& p) {
    {
      std::lock_guard lock(mu_);
      const Clock::time_point now = Clock::now();
      if (slots_.size() <= thread) slots_.resize(thread + 1);
      Slot& s = slots_[thread];
      if (s.page > 0) {
        page_ended(s, now);
      } else if (reading_++ == 0) {
        busy_since_ = now;
      }
      s.path = path;
      s.page = p.ordinal;
      s.pages_to_read = p.pages_to_read;
      s.began = now;
      latest_ = thread;
    }
    changed_();
  }

  // Thread `thread` has its file's reply (or gave up on the file): the
  // page it was reading, if any, is done.
  void file_done(unsigned thread) {
    std::lock_guard lock(mu_);
    if (thread >= slots_.size() || slots_[thread].page == 0) return;
    const Clock::time_point now = Clock::now();
    page_ended(slots_[thread], now);
    slots_[thread] = Slot();
    if (--reading_ == 0) busy_seconds_ += seconds(now - busy_since_);
    if (latest_ == static_cast<int>(thread)) {  // another file OCR still reads, if any
      latest_ = -1;
      for (std::size_t t = 0; t < slots_.size(); ++t)
        if (slots_[t].page > 0) latest_ = static_cast<int>(t);
    }
  }

  OcrProgress now() const {
    std::lock_guard lock(mu_);
    const Clock::time_point now = Clock::now();
    OcrProgress p;
    p.pages_read = pages_read_;
    p.page_seconds = page_seconds_;
    p.busy_seconds = busy_seconds_ + (reading_ > 0 ? seconds(now - busy_since_) : 0);
    if (latest_ >= 0) {
      const Slot& s = slots_[static_cast<std::size_t>(latest_)];
      p.path = s.path;
      p.page = s.page;
      p.pages_to_read = s.pages_to_read;
      p.page_elapsed = seconds(now - s.began);
    }
    return p;
  }

 private:
  using Clock = std::chrono::steady_clock;
  struct Slot {
    std::string path;
    std::size_t page = 0;  // 0: no OCR under way on this thread
    std::size_t pages_to_read = 0;
    Clock::time_point began;
  };
  static double seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }
  void page_ended(const Slot& s, Clock::time_point at) {
    ++pages_read_;
    page_seconds_ += seconds(at - s.began);
  }

  std::function<void()> changed_;
  mutable std::mutex mu_;
  std::vector<Slot> slots_;
  std::size_t pages_read_ = 0;
  double page_seconds_ = 0;
  double busy_seconds_ = 0;  // before busy_since_
  std::size_t reading_ = 0;  // threads with a page under OCR
  Clock::time_point busy_since_;
  int latest_ = -1;  // the thread that began a page last and still reads, or -1
};

// Whether the failure stored in the record `sig` is the one the last
// reading of its file recorded (add_history: its last event is that
// extraction-failed), rather than a state set without reading it (marked
// unreadable with its folder, Writer::mark_unreadable).
bool failure_recorded(const index::Writer& writer, const index::Signature& sig) {
  const std::vector<RecordEvent> events = writer.events(sig.did);
  return !events.empty() && events.back().kind == EventKind::kExtractionFailed &&
         events.back().detail == sig.status + (sig.detail.empty() ? "" : ": " + sig.detail);
}

SkippedFile skipped_file(const std::string& path, const std::vector<Diagnostic>& diags) {
  for (const auto& d : diags)
    if (diag_is_fatal(d.kind)) return {path, diag_key(d.kind), d.detail, false, d.transient};
  return {path, "unknown", ""};
}

// Normalizes, analyses and builds the Xapian document of an extracted
// file, and of each file inside it, depth first. Each record's text is
// bounded (IndexOptions::max_record_text_bytes) and its analysis stops at
// its deadline (IndexOptions::max_analysis_time).
void build(ExtractedDoc&& ex, const IndexOptions& opts, Built& out, std::vector<Built>& members) {
  using std::chrono::steady_clock;
  const std::chrono::milliseconds budget =
      opts.max_analysis_time.count() > 0 ? opts.max_analysis_time : std::chrono::seconds(opts.helper_max_seconds);
  const steady_clock::time_point deadline =
      budget.count() > 0 ? steady_clock::now() + budget : steady_clock::time_point::max();
  auto analysed = [&](NormalizedDoc& doc) {
    AnalyzedDoc a = analyze::analyze(doc, deadline);
    doc.diagnostics.insert(doc.diagnostics.end(), a.diagnostics.begin(), a.diagnostics.end());
    // Indexed, not whole: a page or the record cut at its limit, OCR or
    // analysis stopped at its deadline. `index` says so the run it happens
    // (issue 23: only `show` did).
    for (const Diagnostic& d : doc.diagnostics)
      if (d.kind == DiagKind::kPageTextCut || d.kind == DiagKind::kRecordTextCut ||
          d.kind == DiagKind::kPageOcrStopped || d.kind == DiagKind::kAnalysisStopped) {
        if (out.cuts++ == 0) out.cut = {doc.source.path, diag_key(d.kind), d.detail};
      }
    return a;
  };
  std::vector<ExtractedDoc> children = std::move(ex.children);
  out.id = ex.source.id;
  index::keep_record_text_limit(ex, opts.max_record_text_bytes);
  out.shell.source = ex.source;
  out.shell.format = ex.format;
  out.shell.extractor = ex.extractor;
  out.shell.meta = ex.meta;
  out.shell.page_count = ex.page_count;
  out.shell.diagnostics = ex.diagnostics;
  const bool fatal = std::any_of(ex.diagnostics.begin(), ex.diagnostics.end(),
                                 [](const Diagnostic& d) { return diag_is_fatal(d.kind); });
  // A scan without a text layer still has a title (its metadata, else its
  // file name) and path words: it becomes a record that search finds by
  // those, with the status "no-text", and stays reported as needing OCR.
  const bool scan = fatal && std::all_of(ex.diagnostics.begin(), ex.diagnostics.end(), [](const Diagnostic& d) {
    return !diag_is_fatal(d.kind) || d.kind == DiagKind::kNoText;
  });
  if (scan) {
    out.skipped = skipped_file(ex.source.path, ex.diagnostics);
    NormalizedDoc doc = normalize::normalize(std::move(ex), opts.normalize);
    const AnalyzedDoc a = analysed(doc);
    out.doc = index::make_document(doc, a, opts.analysis);
    out.ok = out.scan = true;
  } else if (fatal) {
    ex.pages.clear();
    out.skipped = skipped_file(ex.source.path, ex.diagnostics);
    out.doc = index::make_failed_document(ex, opts.analysis);
  } else {
    NormalizedDoc doc = normalize::normalize(std::move(ex), opts.normalize);
    out.pages = doc.pages.size();
    out.ocr_pages = static_cast<std::size_t>(std::count_if(
        doc.pages.begin(), doc.pages.end(), [](const PageSpan& p) { return p.source == PageSource::kOcr; }));
    const AnalyzedDoc a = analysed(doc);
    out.doc = index::make_document(doc, a, opts.analysis);
    out.ok = true;
  }
  for (ExtractedDoc& child : children) {
    members.emplace_back();
    const std::size_t at = members.size() - 1;
    Built b;
    build(std::move(child), opts, b, members);
    members[at] = std::move(b);
  }
}

// Hashes, extracts, normalizes and builds the Xapian documents of one file.
// Runs on worker thread `thread` and touches nothing shared but `ocr`. A
// problem with the file is a diagnostic in the result, never an exception.
Result process(const Job& job, const IndexOptions& opts, extract::IsolatedExtractor* helper, OcrTally& ocr,
               unsigned thread) {
  Result r;
  r.job = &job;
  ExtractedDoc ex;
  ex.source = job.file;
  try {
    Diagnostic diag;
    if (ex.source.sha256.empty() && !ingest::hash_file(ex.source.path, ex.source.sha256, diag)) {
      ex.diagnostics.push_back(diag);
    } else if (helper) {
      ex = helper->extract(ex.source, opts.extract, [&](const extract::OcrPageStart& p) {
        ocr.page_started(thread, job.file.path, p);
      });
      ocr.file_done(thread);
    } else {
      ex = extract::extract(ex.source, opts.extract);
    }
    build(std::move(ex), opts, r.main, r.members);
    return r;
  } catch (const std::exception& e) {
    // A bug or resource exhaustion on one file must not end the run.
    ocr.file_done(thread);
    ex = ExtractedDoc();
    ex.source = job.file;
    ex.diagnostics.push_back({DiagKind::kCorrupt, std::string("extraction failed: ") + e.what(), 0});
  } catch (const Xapian::Error& e) {
    // Nor one Xapian refuses while its document is built (Xapian::Error is
    // no std::exception: an empty term from a word of combining marks
    // alone once escaped this thread and aborted the run).
    ocr.file_done(thread);
    ex = ExtractedDoc();
    ex.source = job.file;
    ex.diagnostics.push_back({DiagKind::kCorrupt, "indexing failed: " + e.get_description(), 0});
  }
  r.members.clear();
  r.main = Built();
  r.main.id = job.file.id;
  r.main.skipped = skipped_file(job.file.path, ex.diagnostics);
  r.main.doc = index::make_failed_document(ex, opts.analysis);
  r.main.shell = std::move(ex);
  return r;
}

// Runs process() over `jobs` on `threads` workers and hands each result to
// `consume` on the calling thread, in completion order. At most `window`
// results wait at a time, so memory stays flat however large the run.
template <typename Consume>
void run_pipeline(const std::vector<Job>& jobs, const IndexOptions& opts, OcrTally& ocr, Consume consume) {
  if (jobs.empty()) return;
  unsigned threads = opts.threads ? opts.threads : std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, jobs.size()));
  const std::size_t window = 4 * threads;

  std::mutex mu;
  std::condition_variable ready, space;
  std::deque<Result> queue;
  std::atomic<std::size_t> next{0};
  bool stop = false;
  auto worker = [&](unsigned thread) {
    std::unique_ptr<extract::IsolatedExtractor> helper;
    if (!opts.extract_helper.empty())
      helper = std::make_unique<extract::IsolatedExtractor>(
          opts.extract_helper, extract::IsolationLimits{opts.helper_max_seconds, opts.helper_max_memory});
    for (std::size_t i; (i = next.fetch_add(1)) < jobs.size();) {
      Result r = process(jobs[i], opts, helper.get(), ocr, thread);
      std::unique_lock lock(mu);
      space.wait(lock, [&] { return stop || queue.size() < window; });
      if (stop) return;
      queue.push_back(std::move(r));
      ready.notify_one();
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker, t);
  auto shut_down = [&] {
    {
      std::lock_guard lock(mu);
      stop = true;
    }
    space.notify_all();
    for (auto& t : pool) t.join();
  };
  try {
    for (std::size_t done = 0; done < jobs.size(); ++done) {
      Result r;
      {
        std::unique_lock lock(mu);
        ready.wait(lock, [&] { return !queue.empty(); });
        r = std::move(queue.front());
        queue.pop_front();
      }
      space.notify_one();
      consume(std::move(r));
    }
  } catch (...) {
    shut_down();
    throw;
  }
  shut_down();
}

// Whether Xapian failed to write because the disk is full or a file size
// or quota limit was reached. Xapian keeps the errno of a failed write but
// shows it only as its strerror() text (Error::get_error_string()), so
// the codes are compared through that text, made by the same strerror()
// in the same locale.
bool disk_full(const Xapian::Error& e) {
  const char* said = e.get_error_string();
  if (!said) return false;
  for (int code : {ENOSPC, EFBIG, EDQUOT})
    if (std::string_view(said) == std::strerror(code)) return true;
  return false;
}

// Hands one file's records to Xapian, in the open batch. A changed file's
// members are replaced as a whole: they may have been renamed, removed or
// added inside it.
void write(index::Writer& writer, const Result& r) {
  if (r.job->existed) writer.remove_members(r.job->file.id);
  if (!r.moved_from_id.empty()) writer.remove_members(r.moved_from_id);
  if (r.main.at)
    writer.replace_at(r.main.at, r.main.doc);
  else
    writer.replace(r.main.id, r.main.doc);
  for (const Built& m : r.members) writer.replace(m.id, m.doc);
}

// Continues the history of the file's record (RecordEvent) in its
// document: ingested, or its content changed (the SHA-256 before and
// after: the audit reports it until accepted), and a failure to read it,
// once until it changes.
void add_history(Result& r, const std::string& at, GoneByContent& gone) {
  std::vector<RecordEvent> events = r.job->history;
  const std::string& sha = r.main.shell.source.sha256;
  GoneRecord* from = nullptr;
  if (!r.job->existed && !sha.empty())
    if (auto it = gone.find(sha); it != gone.end())
      for (GoneRecord& g : it->second)
        if (!g.claimed) {
          from = &g;
          break;
        }
  if (from) {
    // A folder renamed by an archivist: the record keeps its history and
    // its place, at the new path.
    from->claimed = true;
    events = from->history;
    events.push_back({EventKind::kMoved, at, sha, {}, from->path});
    r.main.at = from->did;
    r.moved_from = from->path;
    r.moved_from_id = from->id;
  } else if (!r.job->existed) {
    events.push_back({EventKind::kIngested, at, sha, {}, {}});
  } else if (!r.job->old_sha256.empty() && !sha.empty() && sha != r.job->old_sha256) {
    events.push_back({EventKind::kContentChanged, at, sha, r.job->old_sha256, {}});
    r.content_changed = true;
  }
  if (!r.main.ok) {
    const std::string why = r.main.skipped.reason + (r.main.skipped.detail.empty() ? "" : ": " + r.main.skipped.detail);
    const bool known = !events.empty() && events.back().kind == EventKind::kExtractionFailed &&
                       events.back().detail == why && events.back().sha256 == sha;
    if (!known) events.push_back({EventKind::kExtractionFailed, at, sha, {}, why});
  }
  codec::put_events(r.main.doc, events);
}

// Adds a file's records, now committed, to the summary.
void count(Result& r, IndexSummary& sum) {
  if (r.content_changed) sum.content_changed.push_back(r.job->file.path);
  if (!r.moved_from.empty()) {
    sum.moved.push_back({r.moved_from, r.job->file.path});
    --sum.removed;  // counted there when its old path was found gone
  }
  auto one = [&](Built& b, bool member) {
    if (!b.ok) {
      // A file on disk, not one inside another: a later run does not look
      // at the members of an unchanged file, and would count fewer known.
      (!member && b.skipped.reason == diag_key(DiagKind::kUnsupported) ? sum.not_read : sum.skipped)
          .push_back(std::move(b.skipped));
      return;
    }
    sum.pages += b.pages;
    sum.ocr_pages += b.ocr_pages;
    if (b.cuts > 0) {
      if (b.cuts > 1) b.cut.detail += " (and " + std::to_string(b.cuts - 1) + " more)";
      sum.incomplete.push_back(std::move(b.cut));
    }
    if (member)
      ++sum.members;
    else if (r.moved_from.empty())
      ++(r.job->existed ? sum.updated : sum.indexed);
    if (b.scan) sum.needs_ocr.push_back(std::move(b.skipped));
  };
  one(r.main, false);
  for (Built& m : r.members) one(m, true);
}

// Xapian refused a write or the commit of a batch (its own limits: a term
// over 245 bytes, a record over what one tag holds, "Can't handle insanely
// large tags"), and the batch was cancelled. Writes it again, each record
// in a transaction of its own, so that the one Xapian refuses is found: it
// is stored as not indexable, "too-large" with Xapian's reason, and the
// rest of the batch is kept. A record refused even then means the index
// itself cannot be written: that error ends the run as before.
void store_one_by_one(index::Writer& writer, std::vector<Result>& batch, const IndexOptions& opts,
                      const std::string& at) {
  auto store = [&](Built& b, const std::string* members_of) {
    for (int attempt = 0;; ++attempt) {
      writer.begin_batch();
      try {
        if (members_of) writer.remove_members(*members_of);
        if (b.at)
          writer.replace_at(b.at, b.doc);
        else
          writer.replace(b.id, b.doc);
        writer.commit_batch();
        return;
      } catch (const Xapian::Error& e) {
        writer.cancel_batch();
        if (attempt > 0 || disk_full(e)) throw;
        b.shell.pages.clear();
        // Xapian's message may quote a whole term: its kind and first words.
        std::string why = e.get_type() + std::string(": ") + e.get_msg();
        if (why.size() > 80) {
          std::size_t cut = 80;
          while (cut > 0 && (static_cast<unsigned char>(why[cut]) & 0xC0) == 0x80) --cut;
          why = why.substr(0, cut) + "...";
        }
        b.shell.diagnostics.insert(  // first: the reason skipped_file() reports
            b.shell.diagnostics.begin(), {DiagKind::kTooLarge, "the index cannot store its record (" + why + ")", 0});
        const std::vector<RecordEvent> history = codec::get_events(b.doc);
        b.doc = index::make_failed_document(b.shell, opts.analysis);
        b.ok = b.scan = false;
        b.pages = b.ocr_pages = 0;
        b.skipped = skipped_file(b.shell.source.path, b.shell.diagnostics);
        std::vector<RecordEvent> events = history;
        if (b.shell.source.container_id.empty())  // a file on disk: it has a history
          events.push_back(
              {EventKind::kExtractionFailed, at, b.shell.source.sha256, {}, b.skipped.reason + ": " + b.skipped.detail});
        codec::put_events(b.doc, events);
      }
    }
  };
  for (Result& r : batch) {
    store(r.main, r.job->existed ? &r.job->file.id : !r.moved_from_id.empty() ? &r.moved_from_id : nullptr);
    for (Built& m : r.members) store(m, nullptr);
  }
}

// Sharded ingest (IndexOptions::shard): drops the files of the other
// shards before anything is looked up or read, so that N machines each
// read their part of the archive and no more (a record's attachments are
// inside its file, or beside it in its folder: they go with it). Returns
// how many files were dropped.
std::size_t keep_own_shard(ingest::DiscoverResult& found, const ShardOptions& shard) {
  if (shard.count == 0) return 0;
  const std::size_t before = found.files.size();
  std::erase_if(found.files, [&](const SourceFile& f) {
    return ingest::shard_of(ingest::shard_key(f.abspath, found.roots), shard.count) != shard.number;
  });
  return before - found.files.size();
}

// Time spent in Xapian writes and commits, on the clock and in this
// thread's CPU (IndexSummary::write_seconds, write_cpu_seconds): the
// difference is the writer waiting, for the disk (a commit's fsync) or,
// on a shared machine, for a core.
class WriteClock {
 public:
  explicit WriteClock(IndexSummary& sum)
      : sum_(sum), began_(std::chrono::steady_clock::now()), cpu_began_(thread_cpu()) {}
  ~WriteClock() {
    sum_.write_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - began_).count();
    sum_.write_cpu_seconds += thread_cpu() - cpu_began_;
  }

 private:
  static double thread_cpu() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
  }
  IndexSummary& sum_;
  std::chrono::steady_clock::time_point began_;
  double cpu_began_;
};

}  // namespace

IndexSummary index_paths(const std::vector<std::string>& paths, const IndexOptions& opts) {
  IndexSummary sum;
  const std::string run_at = util::iso8601_utc_ms(util::now());  // the time of the events this run records
  if (opts.shard.count > 0 && (opts.shard.number < 1 || opts.shard.number > opts.shard.count))
    throw UsageError("shard " + std::to_string(opts.shard.number) + " of " + std::to_string(opts.shard.count) +
                     ": shards are numbered 1 to " + std::to_string(opts.shard.count));
  ingest::DiscoverResult found = ingest::discover(paths, opts.discover);
  index::Writer writer(opts.index_dir);  // throws if locked: before any work
  writer.claim_shard(opts.shard.count, opts.shard.number, ingest::kShardRule);
  sum.routed_elsewhere = keep_own_shard(found, opts.shard);
  writer.set_analysis(analyze::analysis_id(opts.analysis));
  // What the audit checks when named no path: the paths given that exist.
  // Where this run's walk problems replace an earlier run's: every path given.
  std::vector<std::string> sources, scope;
  for (const std::string& p : paths) {
    std::string a = std::filesystem::absolute(p).lexically_normal().string();
    if (a.size() > 1 && a.back() == '/') a.pop_back();
    scope.push_back(a);
    std::error_code ec;
    if (std::filesystem::exists(std::filesystem::symlink_status(p, ec))) sources.push_back(std::move(a));
  }
  writer.add_sources(sources);

  const std::size_t total = found.files.size();
  std::size_t done = 0;
  std::string last;  // the file handled last
  // Reported from this thread after each file and from the workers when
  // OCR begins a page (OcrTally): one at a time (IndexOptions::on_progress).
  // An exception from a call on a worker stops the run as one after a
  // file does, thrown again on this thread at the next file.
  std::mutex report_mu;
  std::exception_ptr stopped;
  OcrTally ocr([&] {
    if (!opts.on_progress) return;
    std::lock_guard lock(report_mu);
    if (stopped) return;
    try {
      opts.on_progress({done, total, last, ocr.now()});
    } catch (...) {
      stopped = std::current_exception();
    }
  });
  auto progress = [&](const std::string& path) {
    std::lock_guard lock(report_mu);
    if (stopped) std::rethrow_exception(stopped);
    ++done;
    last = path;
    if (opts.on_progress) opts.on_progress({done, total, path, ocr.now()});
  };

  // 1. Decide per file. Unchanged files cost a lookup (and a hash when only
  //    their mtime moved, as after `touch`); nothing is extracted for them.
  std::vector<Job> jobs;
  std::vector<std::pair<index::Signature, std::int64_t>> touched;
  for (SourceFile& f : found.files) {
    std::optional<index::Signature> sig = writer.lookup(f.id);
    // A record written by an older arkiv lacks what this one stores, and
    // one analysed with another gazetteer names other actors: read the
    // file again, as if it had changed. So is a file whose name is not
    // UTF-8 in a record that lost its bytes to U+FFFD
    // (Signature::names_exact).
    // A failure that may pass (Signature::transient) is of two kinds. One
    // that a reading of the file recorded (the helper timed out, crashed
    // or ran out of memory; the record's last event is that failure)
    // waits, as a permanent one does, for the file to change or for
    // IndexOptions::retry_failed: a file that kills the helper cost the
    // file timeout on every nightly run (issue 23 item 7). One set
    // without reading the file (marked unreadable with its folder) is
    // read again as soon as the file is found.
    const bool waits = sig && sig->transient && !opts.retry_failed && failure_recorded(writer, *sig);
    const bool current = sig && sig->schema >= schema::kSchemaVersion &&
                         sig->gazetteer == index::analysis_stamp(opts.analysis) &&
                         (!sig->transient || waits) && sig->names_exact;
    const std::int64_t mtime = util::to_unix_ns(f.mtime);
    // Unchanged: counted as such, or again as skipped if it could not be
    // indexed last time, marked known: the stored reason is reported, the
    // file is not tried again until it changes, and the run does not
    // fail for it (a nightly run exited 3 every night).
    auto unchanged = [&] {
      if (sig->status == schema::kStatusOk) {
        ++sum.unchanged;
      } else if (sig->status == diag_key(DiagKind::kNoText)) {
        ++sum.unchanged;
        sum.needs_ocr.push_back({f.path, sig->status, sig->detail, true, false});
      } else if (sig->status == diag_key(DiagKind::kUnsupported)) {
        // Known since an earlier run: counted, not reported as new, so
        // that a nightly run over an archive with a .doc in it does not
        // end "skipped" (exit 3) every night.
        sum.not_read_known.push_back({f.path, sig->status, sig->detail, true, false});
      } else {
        sum.skipped.push_back({f.path, sig->status, sig->detail, true, sig->transient});
      }
      progress(f.path);
    };
    if (current && sig->size == f.size && sig->mtime_ns == mtime) {
      unchanged();
      continue;
    }
    if (current && sig->size == f.size && !sig->sha256.empty()) {
      Diagnostic diag;
      if (ingest::hash_file(f.path, f.sha256, diag) && f.sha256 == sig->sha256) {
        touched.emplace_back(*sig, mtime);
        unchanged();
        continue;
      }
    }
    Job job;
    job.file = f;
    job.existed = sig.has_value();
    if (sig) {
      job.old_sha256 = sig->sha256;
      job.history = writer.events(sig->did);
    }
    jobs.push_back(std::move(job));
  }

  // 2. Removals: records below a walked folder that the walk did not find,
  //    and files named explicitly that no longer exist. A folder or file
  //    that could not be read is not gone: the records at or below it are
  //    kept, marked unreadable until it can be read again or is gone
  //    ("chmod 000 corpus/sub" removed every record in it, as a share
  //    unmounted for a moment would have).
  std::set<std::string> on_disk;
  for (const auto& f : found.files) on_disk.insert(f.abspath);
  std::map<std::string, std::size_t> unreadable_at;  // abspath -> its place in sum.unreadable
  std::set<std::string> not_seen;  // abspaths of records below a root not found, and of unreadable paths
  std::set<std::string> gone;      // record ids
  // A walk problem reported by the last run is known: a folder that holds
  // no record and can never be read, a link out of the folder, made the
  // nightly run exit 3 every night (issue 23).
  std::vector<codec::WalkProblem> walk_problems;
  const std::vector<codec::WalkProblem> reported = writer.walk_problems();
  std::vector<bool> unreadable_reported;  // by place in sum.unreadable
  for (const auto& p : found.problems) {
    // A path named that does not exist is said every run: the command
    // itself is wrong, or what it names is gone.
    const codec::WalkProblem w{p.abspath, diag_key(p.diag.kind), p.diag.detail};
    const bool known = p.diag.kind != DiagKind::kNotFound && std::find(reported.begin(), reported.end(), w) != reported.end();
    if (p.diag.kind != DiagKind::kNotFound) walk_problems.push_back(w);
    if (p.diag.kind == DiagKind::kUnreadable) {
      unreadable_at.emplace(p.abspath, sum.unreadable.size());
      sum.unreadable.push_back({p.path, p.diag.detail, 0});
      unreadable_reported.push_back(known);
      not_seen.insert(p.abspath);  // a file named: its own record, if any
      continue;
    }
    sum.skipped.push_back({p.path, diag_key(p.diag.kind), p.diag.detail, known});
    if (p.diag.kind == DiagKind::kNotFound) {
      std::string id = ingest::record_id(p.abspath);
      if (writer.lookup(id)) gone.insert(id);
    }
  }
  for (const std::string& root : found.roots)
    for (const std::string& abspath : writer.paths_under(root))
      if (!on_disk.count(abspath)) not_seen.insert(abspath);
  // The unreadable folder or file at or nearest above `abspath`; npos if none.
  auto unreadable_above = [&](const std::string& p) { return ingest::nearest_at_or_above(unreadable_at, p); };
  std::vector<std::pair<index::Signature, std::string>> mark;  // and the detail to store
  std::set<std::size_t> marked_now;  // places in sum.unreadable with a record marked in this run
  for (const std::string& abspath : not_seen) {
    const std::string id = ingest::record_id(abspath);
    const std::size_t u = unreadable_above(abspath);
    if (u == std::string::npos) {
      // A file replaced by a symbolic link is not gone: its record stays,
      // the evidence the audit reports ("replaced by a symbolic link"),
      // until the link is removed.
      std::error_code ec;
      if (!std::filesystem::is_symlink(std::filesystem::symlink_status(abspath, ec))) gone.insert(id);
      continue;
    }
    const std::optional<index::Signature> sig = writer.lookup(id);
    if (!sig) continue;
    const UnreadablePath& why = sum.unreadable[u];
    ++sum.unreadable[u].kept;
    // Marked once: a run while it stays unreadable writes nothing, and
    // the folder is known (UnreadablePath::known) unless a record of it
    // is marked now.
    if (sig->status != diag_key(DiagKind::kUnreadable) || !sig->transient || sig->detail != why.detail) {
      mark.emplace_back(*sig, why.detail);
      marked_now.insert(u);
    }
  }
  for (std::size_t u = 0; u < sum.unreadable.size(); ++u)
    sum.unreadable[u].known = sum.unreadable[u].kept > 0 ? !marked_now.count(u) : unreadable_reported[u];

  // What the records about to be removed were read from, for a new file
  // with the same content (add_history). A gone record of the size of a
  // file read for the first time may be that file moved: it is removed
  // only when the batch that moves it is committed (replace_at over it),
  // or at the end if no file claims it. A run killed in between keeps it,
  // and the next run finds the move again; removed first, a killed run
  // lost the link and the file came back "ingested" with no history.
  std::set<std::uintmax_t> new_sizes;
  for (const Job& j : jobs)
    if (!j.existed) new_sizes.insert(j.file.size);
  GoneByContent gone_by_content;
  std::set<std::string> gone_now;  // record ids no new file can be
  for (const std::string& id : gone) {
    const std::optional<index::Signature> sig = writer.lookup(id);
    if (sig && !sig->sha256.empty())
      gone_by_content[sig->sha256].push_back({sig->did, id, writer.path_of(sig->did), writer.events(sig->did), false});
    if (!sig || sig->sha256.empty() || !new_sizes.count(sig->size)) gone_now.insert(id);
  }
  auto remove = [&](const std::string& id) {
    writer.remove(id);
    writer.remove_members(id);
  };

  try {
    if (!touched.empty() || !gone_now.empty() || !mark.empty()) {
      writer.begin_batch();
      for (const auto& [sig, mtime] : touched) writer.touch(sig, mtime);
      for (const auto& [sig, detail] : mark) writer.mark_unreadable(sig, detail);
      for (const auto& id : gone_now) remove(id);
      writer.commit_batch();
    }
    sum.removed = gone.size();  // less those moved, once their batch is in (count)

    // 3. Extract, analyse and build documents on all cores; write them from
    //    this thread, committing every batch_size documents as one
    //    transaction. The helper is started first: without a working
    //    one (missing, or of another build) the run stops here with one
    //    line naming it, rather than failing every file.
    if (!jobs.empty() && !opts.extract_helper.empty())
      extract::IsolatedExtractor(opts.extract_helper, {opts.helper_max_seconds, opts.helper_max_memory}).check();
    const std::size_t batch = std::max<std::size_t>(1, opts.batch_size);
    // The batch's files, counted in the summary once their batch is in.
    std::vector<Result> pending;
    bool refused = false;  // Xapian refused a write of the open batch
    auto commit = [&] {
      if (pending.empty()) return;
      if (!refused) {
        try {
          const WriteClock clock(sum);
          writer.commit_batch();
        } catch (const Xapian::Error& e) {
          if (disk_full(e)) throw;
          refused = true;
        }
      }
      if (refused) {
        writer.cancel_batch();
        store_one_by_one(writer, pending, opts, run_at);
        refused = false;
      }
      for (Result& r : pending) count(r, sum);
      pending.clear();
    };
    run_pipeline(jobs, opts, ocr, [&](Result r) {
      util::fault_point("index.extracted");
      add_history(r, run_at, gone_by_content);
      if (util::fault_refuse(r.job->file.path)) r.main.doc.add_term(std::string(300, 'x'));
      if (pending.empty()) writer.begin_batch();
      pending.push_back(std::move(r));
      if (!refused) {
        try {
          const WriteClock clock(sum);
          write(writer, pending.back());
        } catch (const Xapian::Error& e) {
          if (disk_full(e)) throw;
          refused = true;  // the batch is written again one record at a time at its commit
        }
      }
      progress(pending.back().job->file.path);
      if (pending.size() == batch) commit();
    });
    commit();
    // The gone records no new file claimed: removed now.
    bool unclaimed = false;
    for (const auto& [sha, records] : gone_by_content)
      for (const GoneRecord& g : records)
        if (!g.claimed && !gone_now.count(g.id)) {
          if (!unclaimed) writer.begin_batch();
          unclaimed = true;
          remove(g.id);
        }
    if (unclaimed) writer.commit_batch();
    writer.set_walk_problems(scope, std::move(walk_problems));
    writer.mark_run_complete();
  } catch (const Xapian::Error& e) {
    writer.cancel_batch();
    // The batch in progress is lost; every batch committed before it is
    // in the index, which opens as it was then.
    std::string why = e.get_description();
    if (disk_full(e))
      throw DiskFullError(opts.index_dir + ": write failed: the disk is full or a file size limit was reached (" + why +
                       "); the index keeps every batch committed before");
    throw IndexError(opts.index_dir + ": write failed: " + why);
  } catch (...) {
    writer.cancel_batch();
    throw;
  }
  return sum;
}

}  // namespace arkiv
