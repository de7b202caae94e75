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
//
// With --words DIR it indexes each file as arkiv stores its words, with
// nothing arkiv finds in them: the text normalized (normalize::normalize)
// and made into arkiv's document (index::make_document) with an empty
// analysis, so no actors, dates, case numbers, references or attachment
// links; the words' terms as arkiv's token chain makes them (stems,
// variants and compound parts with positions), each page's text in a
// value and the record data that cites pages. Made and added as --xapian
// does: the same threads, one writer, the same commits, no helper
// processes. With --snowball, the words as `--analysis snowball` makes
// them. What this row costs over --xapian is the index content arkiv's
// search reads (pages, snippets, compounds), before any of its analysis.
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
#include "index/document.h"
#include "reference.h"

int main(int argc, char** argv) {
  std::vector<std::string> paths;
  std::string xapian_dir;
  bool words = false;
  arkiv::TextAnalysis text = arkiv::TextAnalysis::kSwedish;
  for (int i = 1; i < argc; ++i) {
    if ((std::strcmp(argv[i], "--xapian") == 0 || std::strcmp(argv[i], "--words") == 0) && i + 1 < argc) {
      words = std::strcmp(argv[i], "--words") == 0;
      xapian_dir = argv[++i];
    } else if (std::strcmp(argv[i], "--snowball") == 0) {
      text = arkiv::TextAnalysis::kSnowball;
    } else {
      paths.emplace_back(argv[i]);
    }
  }
  if (paths.empty()) {
    std::fprintf(stderr, "usage: arkiv-bench-extract [--xapian DIR | --words DIR [--snowball]] PATH...\n");
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
    Xapian::TermGenerator tg = arkiv::bench::plain_term_generator();
    for (std::size_t i; (i = next.fetch_add(1)) < found.files.size();) {
      arkiv::ExtractedDoc d = arkiv::extract::extract(found.files[i]);
      pages += d.pages.size();
      for (const auto& p : d.pages) bytes += p.text.size();
      if (!db) continue;
      Xapian::Document xd;
      if (words) {
        xd = arkiv::index::make_document(arkiv::normalize::normalize(std::move(d)), arkiv::AnalyzedDoc{}, text);
      } else {
        tg.set_document(xd);
        for (const auto& p : d.pages) tg.index_text(p.text);
      }
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
