// Local shards: one run writes an index split over N shards in one folder,
// a Xapian writer per shard, on a machine whose cores one writer cannot
// keep busy (issue 26 item 1; tools/bench/national measures where).
#include <algorithm>
#include <exception>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

#include "arkiv/error.h"
#include "arkiv/indexer.h"

namespace arkiv {
namespace {

// Writes the Xapian stub file that makes `dir` open as its shards
// searched as one (Xapian's "XAPIANDB" in a folder: paths relative to
// it). Written first and whole (a temporary file renamed), so a search
// never sees half of it; the shards it names are created by their runs.
void write_stub(const std::string& dir, unsigned count) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw IndexError(dir + ": " + ec.message());
  const fs::path stub = fs::path(dir) / "XAPIANDB";
  const fs::path tmp = fs::path(dir) / "XAPIANDB.tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << "# arkiv: " << count << " local shards (arkiv index --shards " << count << ")\n";
    for (unsigned k = 1; k <= count; ++k) out << "glass shard-" << k << "\n";
    if (!out.flush()) throw IndexError(tmp.string() + ": cannot write");
  }
  fs::rename(tmp, stub, ec);
  if (ec) throw IndexError(stub.string() + ": " + ec.message());
}

// Whether `dir` is something other than local shards: an index of its own
// (iamglass) or a folder with other things in it. Writing shards there
// would mix them with what it holds.
void check_shards_dir(const std::string& dir, unsigned count) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::exists(dir, ec)) return;
  if (!fs::is_directory(dir, ec)) throw IndexError(dir + ": exists and is not a directory");
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    if (name == "XAPIANDB" || name == "XAPIANDB.tmp" || name.rfind("shard-", 0) == 0) continue;
    if (name == "iamglass")
      throw IndexError(dir + ": is an index that is not split into shards; give --shards another folder");
    throw IndexError(dir + ": folder is not empty and does not hold arkiv's local shards");
  }
  // Shards of another count: a file's records would be in two shards at
  // once. Refused before any shard is written (each shard refuses another
  // count too, but by then the others would have written theirs).
  unsigned has = 0;
  std::ifstream stub(fs::path(dir) / "XAPIANDB");
  for (std::string line; std::getline(stub, line);)
    if (line.rfind("glass shard-", 0) == 0) ++has;
  for (unsigned k = 1; fs::exists(local_shard_dir(dir, k), ec); ++k) has = std::max(has, k);
  if (has != 0 && has != count)
    throw IndexError(dir + ": holds " + std::to_string(has) + " local shards; this run writes " +
                     std::to_string(count) + ": index into another folder, or give --shards " + std::to_string(has));
}

}  // namespace

std::string local_shard_dir(const std::string& dir, unsigned number) {
  return (std::filesystem::path(dir) / ("shard-" + std::to_string(number))).string();
}

std::vector<IndexSummary> index_local_shards(const std::vector<std::string>& paths, const IndexOptions& opts) {
  const unsigned n = opts.shard.count;
  if (n == 0) throw UsageError("index_local_shards: no shard count given");
  check_shards_dir(opts.index_dir, n);
  write_stub(opts.index_dir, n);

  const unsigned cores = opts.threads ? opts.threads : std::max(1u, std::thread::hardware_concurrency());
  std::vector<IndexSummary> sums(n);
  std::vector<std::exception_ptr> failed(n);
  // Progress: the shards' counts added up, reported one call at a time.
  std::mutex progress_mu;
  std::vector<IndexProgress> each(n);
  std::vector<std::thread> runs;
  for (unsigned k = 1; k <= n; ++k) {
    IndexOptions o = opts;
    o.index_dir = local_shard_dir(opts.index_dir, k);
    o.shard.number = k;
    // The extraction threads shared, the first shards taking the rest.
    o.threads = std::max(1u, cores / n + (k <= cores % n ? 1 : 0));
    if (!opts.extract.ocr_cache_dir.empty())
      o.extract.ocr_cache_dir = (std::filesystem::path(o.index_dir) / "ocr-cache").string();
    if (opts.on_progress)
      o.on_progress = [&, k](const IndexProgress& p) {
        std::lock_guard lock(progress_mu);
        each[k - 1] = p;
        IndexProgress all = p;
        all.done = all.total = 0;
        for (const IndexProgress& e : each) all.done += e.done, all.total += e.total;
        opts.on_progress(all);
      };
    runs.emplace_back([&sums, &failed, &paths, o = std::move(o), k] {
      try {
        sums[k - 1] = index_paths(paths, o);
      } catch (...) {
        failed[k - 1] = std::current_exception();
      }
    });
  }
  for (std::thread& t : runs) t.join();
  for (const std::exception_ptr& e : failed)
    if (e) std::rethrow_exception(e);
  return sums;
}

}  // namespace arkiv
