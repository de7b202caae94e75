// arkiv-bench-query: in-process query latency. Opens the index once, runs
// every query of a file (one per line) `rounds` times through the same
// Searcher the CLI uses (parse, match, pages, snippets for 10 hits) and
// prints the latency percentiles in milliseconds as JSON. With --by-query
// it also lists each query's median, slowest first: with 20 rounds of 50
// queries, p99 is the 10th slowest of 1,000 timings, so it is set by the
// one or two slowest queries.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "arkiv/search.h"

int main(int argc, char** argv) {
  std::vector<std::string> args;
  bool by_query = false;
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]) == "--by-query")
      by_query = true;
    else
      args.emplace_back(argv[i]);
  }
  if (args.size() < 2) {
    std::fprintf(stderr, "usage: arkiv-bench-query [--by-query] INDEX[,INDEX...] QUERIES.txt [ROUNDS]\n");
    return 2;
  }
  const int rounds = args.size() > 2 ? std::max(1, std::atoi(args[2].c_str())) : 20;
  std::vector<std::string> queries;
  std::ifstream in(args[1]);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) queries.push_back(line);
  // INDEX: one location, or several joined by ',' (shards searched as one).
  std::vector<std::string> indexes;
  for (std::size_t at = 0; at <= args[0].size();) {
    const std::size_t comma = std::min(args[0].find(',', at), args[0].size());
    if (comma > at) indexes.push_back(args[0].substr(at, comma - at));
    at = comma + 1;
  }
  arkiv::Searcher searcher(arkiv::SearchOptions{indexes});
  std::vector<double> ms;
  std::vector<std::vector<double>> per_query(queries.size());
  std::size_t hits = 0;
  for (int r = 0; r < rounds; ++r) {
    for (std::size_t i = 0; i < queries.size(); ++i) {
      auto t0 = std::chrono::steady_clock::now();
      arkiv::SearchRequest req;
      req.query = queries[i];
      hits += searcher.search(req).hits.size();
      ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
      per_query[i].push_back(ms.back());
    }
  }
  if (by_query) {
    std::vector<std::pair<double, std::size_t>> medians;
    for (std::size_t i = 0; i < queries.size(); ++i) {
      std::sort(per_query[i].begin(), per_query[i].end());
      medians.emplace_back(per_query[i][per_query[i].size() / 2], i);
    }
    std::sort(medians.rbegin(), medians.rend());
    for (const auto& [median, i] : medians) std::fprintf(stderr, "%8.3f ms  %s\n", median, queries[i].c_str());
  }
  std::sort(ms.begin(), ms.end());
  auto pct = [&](double p) { return ms[std::min(ms.size() - 1, static_cast<std::size_t>(p * ms.size()))]; };
  std::printf("{\"queries\": %zu, \"runs\": %zu, \"hits\": %zu, \"p50\": %.3f, \"p95\": %.3f, \"p99\": %.3f}\n",
              queries.size(), ms.size(), hits, pct(0.50), pct(0.95), pct(0.99));
  return 0;
}
