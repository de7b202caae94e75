// arkiv-bench-extract: the floor for ingestion. Walks the same folders as
// `arkiv index`, then only pulls the text of every page with arkiv's
// extractor (Poppler in-process) on all cores: no hashing, normalization,
// analysis or index. Prints {"files", "pages", "bytes", "seconds"} as JSON.
//
// With --xapian DIR it also indexes each file the plainest way Xapian
// offers, into a new database at DIR: one document per file, its pages'
// text through a TermGenerator (Snowball Swedish, STEM_SOME: words with
// positions and stems without, as omindex does), made on the extraction
// threads and added by one writer, committed every 1,000 documents. No
// record data, values or analysis. That is what any Xapian index of the
// words costs; arkiv's own steps are what a full run adds to it.
#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "arkiv/pipeline.h"

int main(int argc, char** argv) {
  std::vector<std::string> paths;
  std::string xapian_dir;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--xapian") == 0 && i + 1 < argc)
      xapian_dir = argv[++i];
    else
      paths.emplace_back(argv[i]);
  }
  if (paths.empty()) {
    std::fprintf(stderr, "usage: arkiv-bench-extract [--xapian DIR] PATH...\n");
    return 2;
  }
  auto t0 = std::chrono::steady_clock::now();
  arkiv::ingest::DiscoverResult found = arkiv::ingest::discover(paths);
  std::unique_ptr<Xapian::WritableDatabase> db;
  if (!xapian_dir.empty()) db = std::make_unique<Xapian::WritableDatabase>(xapian_dir, Xapian::DB_CREATE_OR_OVERWRITE);
  std::mutex db_mutex;
  std::size_t added = 0;
  std::atomic<std::size_t> next{0}, pages{0}, bytes{0};
  auto work = [&] {
    Xapian::TermGenerator tg;
    tg.set_stemmer(Xapian::Stem("swedish"));
    tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    for (std::size_t i; (i = next.fetch_add(1)) < found.files.size();) {
      arkiv::ExtractedDoc d = arkiv::extract::extract(found.files[i]);
      pages += d.pages.size();
      for (const auto& p : d.pages) bytes += p.text.size();
      if (!db) continue;
      Xapian::Document xd;
      tg.set_document(xd);
      for (const auto& p : d.pages) tg.index_text(p.text);
      std::lock_guard<std::mutex> lock(db_mutex);
      db->add_document(xd);
      if (++added % 1000 == 0) db->commit();
    }
  };
  std::vector<std::thread> pool;
  unsigned n = std::max(1u, std::thread::hardware_concurrency());
  for (unsigned t = 0; t < n; ++t) pool.emplace_back(work);
  for (auto& t : pool) t.join();
  if (db) db->commit();
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("{\"files\": %zu, \"pages\": %zu, \"bytes\": %zu, \"seconds\": %.3f}\n", found.files.size(),
              pages.load(), bytes.load(), secs);
  return 0;
}
