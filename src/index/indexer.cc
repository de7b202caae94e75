// An indexing run: discover, decide per file what changed, extract and
// normalize the changed files on all cores, and write them from this one
// thread in batches, each an atomic Xapian transaction.
#include <algorithm>
#include <filesystem>
#include <atomic>
#include <set>
#include <thread>

#include "arkiv/error.h"
#include "arkiv/indexer.h"
#include "arkiv/pipeline.h"
#include "index/writer.h"
#include "util/time.h"

namespace arkiv {
namespace {

// A file that needs reading, and what reading it gave.
struct Job {
  SourceFile file;
  bool existed = false;  // the index had a record for it
  std::optional<NormalizedDoc> doc;  // set when extraction succeeded
  std::optional<ExtractedDoc> failed;  // set when it did not
};

// Hashes, extracts and normalizes one file. Runs on a worker thread: touches
// nothing shared.
void process(Job& job, const IndexOptions& opts) {
  Diagnostic diag;
  if (job.file.sha256.empty() && !ingest::hash_file(job.file.path, job.file.sha256, diag)) {
    ExtractedDoc bad;
    bad.source = job.file;
    bad.diagnostics.push_back(diag);
    job.failed = std::move(bad);
    return;
  }
  ExtractedDoc ex = extract::extract(job.file, opts.extract);
  bool fatal = std::any_of(ex.diagnostics.begin(), ex.diagnostics.end(),
                           [](const Diagnostic& d) { return diag_is_fatal(d.kind); });
  if (fatal) {
    ex.pages.clear();
    job.failed = std::move(ex);
    return;
  }
  job.doc = normalize::normalize(std::move(ex), opts.normalize);
}

void run_parallel(std::vector<Job>& jobs, std::size_t begin, std::size_t end, const IndexOptions& opts) {
  unsigned n = opts.threads ? opts.threads : std::max(1u, std::thread::hardware_concurrency());
  n = static_cast<unsigned>(std::min<std::size_t>(n, end - begin));
  std::atomic<std::size_t> next{begin};
  auto work = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < end;) process(jobs[i], opts);
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < n; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
}

SkippedFile skipped(const std::string& path, const std::vector<Diagnostic>& diags) {
  for (const auto& d : diags)
    if (diag_is_fatal(d.kind)) return {path, diag_key(d.kind), d.detail};
  return {path, "unknown", ""};
}

}  // namespace

IndexSummary index_paths(const std::vector<std::string>& paths, const IndexOptions& opts) {
  IndexSummary sum;
  ingest::DiscoverResult found = ingest::discover(paths, opts.discover);
  index::Writer writer(opts.index_dir);  // throws if locked: before any work

  const std::size_t total = found.files.size();
  std::size_t done = 0;
  auto progress = [&](const std::string& path) {
    ++done;
    if (opts.on_progress) opts.on_progress({done, total, path});
  };

  // 1. Decide per file. Unchanged files cost a lookup (and a hash when only
  //    their mtime moved, as after `touch`); nothing is extracted for them.
  std::vector<Job> jobs;
  std::vector<std::pair<index::Signature, std::int64_t>> touched;
  for (SourceFile& f : found.files) {
    std::optional<index::Signature> sig = writer.lookup(f.id);
    const std::int64_t mtime = util::to_unix_ns(f.mtime);
    if (sig && sig->size == f.size && sig->mtime_ns == mtime) {
      if (sig->status == "ok") {
        ++sum.unchanged;
      } else {
        sum.skipped.push_back({f.path, sig->status, sig->detail});
      }
      progress(f.path);
      continue;
    }
    if (sig && sig->size == f.size && !sig->sha256.empty()) {
      Diagnostic diag;
      if (ingest::hash_file(f.path, f.sha256, diag) && f.sha256 == sig->sha256) {
        touched.emplace_back(*sig, mtime);
        if (sig->status == "ok") {
          ++sum.unchanged;
        } else {
          sum.skipped.push_back({f.path, sig->status, sig->detail});
        }
        progress(f.path);
        continue;
      }
    }
    Job job;
    job.file = f;
    job.existed = sig.has_value();
    jobs.push_back(std::move(job));
  }

  // 2. Removals: records below a walked folder that the walk did not find,
  //    and files named explicitly that no longer exist.
  std::set<std::string> on_disk;
  for (const auto& f : found.files) on_disk.insert(f.abspath);
  std::vector<std::string> gone;
  for (const std::string& root : found.roots)
    for (auto& [id, abspath] : writer.records_under(root))
      if (!on_disk.count(abspath)) gone.push_back(id);
  for (const auto& p : found.problems) {
    sum.skipped.push_back({p.path, diag_key(p.diag.kind), p.diag.detail});
    if (p.diag.kind == DiagKind::kNotFound) {
      std::string abs = std::filesystem::absolute(p.path).lexically_normal().string();
      if (writer.lookup(ingest::record_id(abs))) gone.push_back(ingest::record_id(abs));
    }
  }

  try {
    if (!touched.empty() || !gone.empty()) {
      writer.begin_batch();
      for (const auto& [sig, mtime] : touched) writer.touch(sig, mtime);
      for (const auto& id : gone) writer.remove(id);
      writer.commit_batch();
      sum.removed = gone.size();
    }

    // 3. Extract in batches on all cores; write each batch as one
    //    transaction. Memory stays bounded by one batch of documents.
    const std::size_t batch = std::max<std::size_t>(1, opts.batch_size);
    for (std::size_t b = 0; b < jobs.size(); b += batch) {
      const std::size_t e = std::min(jobs.size(), b + batch);
      run_parallel(jobs, b, e, opts);
      writer.begin_batch();
      for (std::size_t i = b; i < e; ++i) {
        Job& job = jobs[i];
        if (job.doc) {
          writer.put(*job.doc);
          sum.pages += job.doc->pages.size();
          ++(job.existed ? sum.updated : sum.indexed);
          progress(job.file.path);
          job.doc.reset();
        } else {
          writer.put_failed(*job.failed);
          sum.skipped.push_back(skipped(job.file.path, job.failed->diagnostics));
          progress(job.file.path);
          job.failed.reset();
        }
      }
      writer.commit_batch();
    }
    writer.mark_run_complete();
  } catch (const Xapian::Error& e) {
    writer.cancel_batch();
    throw IndexError(opts.index_dir + ": write failed: " + e.get_description());
  } catch (...) {
    writer.cancel_batch();
    throw;
  }
  return sum;
}

}  // namespace arkiv
