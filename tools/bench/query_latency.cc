// arkiv-bench-query: in-process query latency. Opens the index once, runs
// every query of a file (one per line) `rounds` times through the same
// Searcher the CLI uses (parse, match, pages, snippets for 10 hits) and
// prints the latency percentiles in milliseconds as JSON. With --by-query
// it also lists each query's median, slowest first: with 20 rounds of 50
// queries, p99 is the 10th slowest of 1,000 timings, so it is set by the
// one or two slowest queries.
//
// With --references, each query is also run, right after the Searcher's
// search of it, as two plain Xapian searches in the same process over the
// same database, timed apart (issue 27's in-process reference):
//   "xapian": Xapian alone: a QueryParser with Swedish stemming (STEM_SOME,
//     AND between words) and the first 10 hits with their documents' data,
//     what any Xapian-based search pays;
//   "arkiv_query": arkiv's query as it is parsed (query::prepare_query,
//     configure_query_parser: compounds, actor names, filters) matched by
//     Xapian, the first 10 hits with their documents' data: what is left
//     when nothing is done with the hits (pages, snippets, actors).
// Each is {"p50", "p95", "p99"} in milliseconds; "reference_data_bytes" is
// what their documents held. Local indexes only.
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "arkiv/search.h"
#include "query/front_end.h"
#include "reference.h"

int main(int argc, char** argv) {
  std::vector<std::string> args;
  bool by_query = false, references = false;
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]) == "--by-query")
      by_query = true;
    else if (std::string(argv[i]) == "--references")
      references = true;
    else
      args.emplace_back(argv[i]);
  }
  if (args.size() < 2) {
    std::fprintf(stderr, "usage: arkiv-bench-query [--by-query] [--references] INDEX[,INDEX...] QUERIES.txt [ROUNDS]\n");
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
  Xapian::Database db;
  for (const std::string& i : indexes) db.add_database(Xapian::Database(i));
  Xapian::Enquire enquire(db);
  Xapian::QueryParser plain = arkiv::bench::plain_query_parser(db), ours;
  arkiv::query::configure_query_parser(ours);
  ours.set_database(db);
  // The first 10 hits of `q` and their documents' data; the milliseconds.
  // (The data's bytes are summed and printed, so that no read is dropped.)
  std::size_t bytes = 0;
  auto first_ten = [&](const Xapian::Query& q, std::chrono::steady_clock::time_point t0) {
    enquire.set_query(q);
    for (const Xapian::docid did : enquire.get_mset(0, 10)) bytes += db.get_document(did).get_data().size();
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  };
  std::vector<double> xapian_ms, arkiv_query_ms;
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
      if (!references) continue;
      t0 = std::chrono::steady_clock::now();
      xapian_ms.push_back(first_ten(plain.parse_query(queries[i], Xapian::QueryParser::FLAG_DEFAULT), t0));
      t0 = std::chrono::steady_clock::now();
      arkiv_query_ms.push_back(first_ten(
          ours.parse_query(arkiv::query::prepare_query(queries[i], arkiv::TextAnalysis::kSwedish),
                           arkiv::query::query_flags()),
          t0));
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
  auto pct = [](std::vector<double>& v, double p) {
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(p * v.size()))];
  };
  std::printf("{\"queries\": %zu, \"runs\": %zu, \"hits\": %zu, \"p50\": %.3f, \"p95\": %.3f, \"p99\": %.3f",
              queries.size(), ms.size(), hits, pct(ms, 0.50), pct(ms, 0.95), pct(ms, 0.99));
  if (references)
    for (auto [name, v] : {std::pair{"xapian", &xapian_ms}, std::pair{"arkiv_query", &arkiv_query_ms}})
      std::printf(", \"%s\": {\"p50\": %.3f, \"p95\": %.3f, \"p99\": %.3f}", name, pct(*v, 0.50), pct(*v, 0.95),
                  pct(*v, 0.99));
  if (references) std::printf(", \"reference_data_bytes\": %zu", bytes);
  std::printf("}\n");
  return 0;
}
