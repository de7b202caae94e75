// arkiv-bench-extract: the floor for ingestion. Walks the same folders as
// `arkiv index`, then only pulls the text of every page with arkiv's
// extractor (Poppler in-process) on all cores: no hashing, normalization,
// analysis or index. Prints {"files", "pages", "bytes", "seconds"} as JSON.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>
#include <vector>

#include "arkiv/pipeline.h"

int main(int argc, char** argv) {
  std::vector<std::string> paths(argv + 1, argv + argc);
  if (paths.empty()) {
    std::fprintf(stderr, "usage: arkiv-bench-extract PATH...\n");
    return 2;
  }
  auto t0 = std::chrono::steady_clock::now();
  arkiv::ingest::DiscoverResult found = arkiv::ingest::discover(paths);
  std::atomic<std::size_t> next{0}, pages{0}, bytes{0};
  auto work = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < found.files.size();) {
      arkiv::ExtractedDoc d = arkiv::extract::extract(found.files[i]);
      pages += d.pages.size();
      for (const auto& p : d.pages) bytes += p.text.size();
    }
  };
  std::vector<std::thread> pool;
  unsigned n = std::max(1u, std::thread::hardware_concurrency());
  for (unsigned t = 0; t < n; ++t) pool.emplace_back(work);
  for (auto& t : pool) t.join();
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("{\"files\": %zu, \"pages\": %zu, \"bytes\": %zu, \"seconds\": %.3f}\n", found.files.size(),
              pages.load(), bytes.load(), secs);
  return 0;
}
