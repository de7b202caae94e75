// arkiv-bench-query: in-process query latency. Opens the index once, runs
// every query of a file (one per line) `rounds` times through the same
// Searcher the CLI uses (parse, match, pages, snippets for 10 hits) and
// prints the latency percentiles in milliseconds as JSON.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "arkiv/search.h"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: arkiv-bench-query INDEX QUERIES.txt [ROUNDS]\n");
    return 2;
  }
  int rounds = argc > 3 ? std::atoi(argv[3]) : 20;
  std::vector<std::string> queries;
  std::ifstream in(argv[2]);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) queries.push_back(line);
  arkiv::Searcher searcher(arkiv::SearchOptions{{argv[1]}});
  std::vector<double> ms;
  std::size_t hits = 0;
  for (int r = 0; r < rounds; ++r) {
    for (const auto& q : queries) {
      auto t0 = std::chrono::steady_clock::now();
      arkiv::SearchRequest req;
      req.query = q;
      hits += searcher.search(req).hits.size();
      ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
  }
  std::sort(ms.begin(), ms.end());
  auto pct = [&](double p) { return ms[std::min(ms.size() - 1, static_cast<std::size_t>(p * ms.size()))]; };
  std::printf("{\"queries\": %zu, \"runs\": %zu, \"hits\": %zu, \"p50\": %.3f, \"p95\": %.3f, \"p99\": %.3f}\n",
              queries.size(), ms.size(), hits, pct(0.50), pct(0.95), pct(0.99));
  return 0;
}
