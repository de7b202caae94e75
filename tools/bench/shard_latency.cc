// arkiv-bench-shards: search latency over remote shards on loopback (issue
// 26, "What it must show"). Serves each shard folder with xapian-tcpsrv on
// 127.0.0.1 and measures, in one process, with the Searcher the CLI and
// `arkiv serve` use:
//   - warm: a Searcher that keeps its connections, every query of a file
//     `rounds` times: p50, p95, p99 (ms)
//   - the first answer of a fresh Searcher (open + one query) with every
//     shard up, with one dead (nothing listens on its port), and with one
//     hung (accepts, never answers; --timeout-ms the operation timeout):
//     the dead one must cost at most 50 ms more than every shard up, the
//     hung one at most the operation timeout + 100 ms
//   - a shard lost while a Searcher is open: its server killed (SIGKILL,
//     its forked connection too) or stopped (SIGSTOP: a hung machine),
//     then the next query, which runs again without it
// Every partial answer is checked to say so (ShardReport). Each figure is
// the median of --runs runs; the runs' own figures are printed too.
//
// The reference, in the same runs over the same servers: Xapian alone, no
// arkiv code, as warm as arkiv's Searcher: the match (QueryParser with
// Swedish stemming, the first 10 of get_mset()) and that match with the 10
// documents read, a thread a shard. No search that shows its hits can be
// faster than the second over these servers on this machine.
//
// usage: arkiv-bench-shards [--runs 3] [--rounds 5] [--timeout-ms 1000]
//                           QUERIES.txt SHARD_DIR...
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include <xapian.h>

#include "arkiv/search.h"
#include "loopback.h"
#include "process.h"
#include "reference.h"

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

double median(std::vector<double> v) { return percentile(std::move(v), 0.5); }

arkiv::SearchOptions options(const std::vector<std::string>& locations, unsigned timeout_ms) {
  arkiv::SearchOptions o{locations};
  o.shard_timeout_ms = timeout_ms;
  return o;
}

// xapian-tcpsrv serving `db` on loopback, in a process group of its own
// (so that the processes it forks for connections go with it).
struct Server {
  pid_t pid = 0;
  unsigned port = 0;
  std::string location() const { return "tcp://127.0.0.1:" + std::to_string(port); }
};

Server serve(const std::string& db) {
  for (int attempt = 0; attempt < 10; ++attempt) {
    Server s{0, arkiv::test::unused_loopback_port()};
    s.pid = arkiv::test::spawn(
        {"/usr/bin/xapian-tcpsrv", "--interface", "127.0.0.1", "--port", std::to_string(s.port), db});
    for (int wait = 0; wait < 250; ++wait) {
      if (arkiv::test::accepts_on_loopback(s.port)) return s;
      if (::waitpid(s.pid, nullptr, WNOHANG) == s.pid) break;  // the port was taken meanwhile
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ::kill(-s.pid, SIGKILL);
    ::waitpid(s.pid, nullptr, 0);
  }
  std::fprintf(stderr, "arkiv-bench-shards: xapian-tcpsrv would not start for %s\n", db.c_str());
  std::exit(2);
}

void stop(Server& s) {
  ::kill(-s.pid, SIGCONT);
  ::kill(-s.pid, SIGKILL);
  ::waitpid(s.pid, nullptr, 0);
  s.pid = 0;
}

// The time a fresh Searcher over `locations` takes to open and answer the
// first query; fails the bench if its report is not `answered` shards.
double first_answer_ms(const std::vector<std::string>& locations, const std::string& query, unsigned timeout_ms,
                       std::size_t answered) {
  const auto t0 = Clock::now();
  arkiv::Searcher s(options(locations, timeout_ms));
  arkiv::SearchRequest req;
  req.query = query;
  const arkiv::SearchResult r = s.search(req);
  const double ms = ms_since(t0);
  if (r.shards.answered != answered || r.shards.failed.size() != locations.size() - answered) {
    std::fprintf(stderr, "arkiv-bench-shards: %zu of %zu shards answered, expected %zu\n", r.shards.answered,
                 locations.size(), answered);
    std::exit(1);
  }
  return ms;
}

struct Warm {
  double p50 = 0, p95 = 0, p99 = 0;
  std::map<std::string, std::vector<double>> by_query;  // each round's ms
};

Warm warm(const arkiv::Searcher& s, const std::vector<std::string>& queries, int rounds) {
  Warm w;
  std::vector<double> ms;
  for (int r = 0; r < rounds; ++r)
    for (const std::string& q : queries) {
      arkiv::SearchRequest req;
      req.query = q;
      const auto t0 = Clock::now();
      s.search(req);
      ms.push_back(ms_since(t0));
      w.by_query[q].push_back(ms.back());
    }
  w.p50 = percentile(ms, 0.50), w.p95 = percentile(ms, 0.95), w.p99 = percentile(ms, 0.99);
  return w;
}

// The reference: the same queries through Xapian alone over the same
// servers, connections kept. `documents`: each query's 10 hits read too,
// a thread a shard (shard k holds merged record m if (m-1)%n == k).
Warm xapian_alone(const std::vector<Server>& servers, const std::vector<std::string>& queries, int rounds,
                  unsigned timeout_ms, bool documents) {
  std::vector<Xapian::Database> shards;
  Xapian::Database all;
  for (const Server& s : servers) {
    shards.push_back(Xapian::Remote::open("127.0.0.1", s.port, timeout_ms, timeout_ms));
    all.add_database(shards.back());
  }
  const std::size_t n = shards.size();
  Xapian::QueryParser qp = arkiv::bench::plain_query_parser(all);
  Warm w;
  std::vector<double> ms;
  std::size_t bytes = 0;
  for (int r = 0; r < rounds; ++r)
    for (const std::string& q : queries) {
      const auto t0 = Clock::now();
      Xapian::Enquire enquire(all);
      enquire.set_query(qp.parse_query(q));
      const Xapian::MSet m = enquire.get_mset(0, 10);
      if (documents) {
        std::vector<std::vector<Xapian::docid>> by_shard(n);
        for (auto it = m.begin(); it != m.end(); ++it) by_shard[(*it - 1) % n].push_back((*it - 1) / n + 1);
        std::vector<std::size_t> read(n, 0);
        std::vector<std::thread> readers;
        for (std::size_t k = 0; k < n; ++k)
          if (!by_shard[k].empty())
            readers.emplace_back([&, k] {
              for (Xapian::docid d : by_shard[k]) read[k] += shards[k].get_document(d).get_data().size();
            });
        for (std::thread& t : readers) t.join();
        for (std::size_t b : read) bytes += b;
      }
      ms.push_back(ms_since(t0));
    }
  if (documents && bytes == 0) {
    std::fprintf(stderr, "arkiv-bench-shards: the reference read no document\n");
    std::exit(1);
  }
  w.p50 = percentile(ms, 0.50), w.p95 = percentile(ms, 0.95), w.p99 = percentile(ms, 0.99);
  return w;
}

// A Searcher over `live` and a shard of its own server made from `db`;
// the server then killed (or stopped: `hang`), and the next query timed.
// Fails the bench if that query does not report the shard left out.
double lost_while_open_ms(const std::vector<std::string>& live, const std::string& db, const std::string& query,
                          unsigned timeout_ms, bool hang) {
  Server extra = serve(db);
  std::vector<std::string> locations = live;
  locations.push_back(extra.location());
  arkiv::Searcher s(options(locations, timeout_ms));
  arkiv::SearchRequest req;
  req.query = query;
  for (int i = 0; i < 3; ++i) s.search(req);  // warm
  ::kill(-extra.pid, hang ? SIGSTOP : SIGKILL);
  const auto t0 = Clock::now();
  const arkiv::SearchResult r = s.search(req);
  const double ms = ms_since(t0);
  stop(extra);
  if (r.shards.failed.size() != 1 || r.shards.failed[0].shard != extra.location()) {
    std::fprintf(stderr, "arkiv-bench-shards: the lost shard %s was not reported\n", extra.location().c_str());
    std::exit(1);
  }
  return ms;
}

}  // namespace

int main(int argc, char** argv) {
  int runs = 3, rounds = 5;
  unsigned timeout_ms = 1000;
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--runs" && i + 1 < argc)
      runs = std::max(1, std::atoi(argv[++i]));
    else if (a == "--rounds" && i + 1 < argc)
      rounds = std::max(1, std::atoi(argv[++i]));
    else if (a == "--timeout-ms" && i + 1 < argc)
      timeout_ms = static_cast<unsigned>(std::max(1, std::atoi(argv[++i])));
    else
      args.push_back(a);
  }
  if (args.size() < 3) {
    std::fprintf(stderr,
                 "usage: arkiv-bench-shards [--runs 3] [--rounds 5] [--timeout-ms 1000] QUERIES.txt SHARD_DIR "
                 "SHARD_DIR...\n");
    return 2;
  }
  std::vector<std::string> queries;
  std::ifstream in(args[0]);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) queries.push_back(line);
  if (queries.empty()) {
    std::fprintf(stderr, "arkiv-bench-shards: %s: no queries\n", args[0].c_str());
    return 2;
  }
  const std::vector<std::string> dirs(args.begin() + 1, args.end());
  const std::size_t n = dirs.size();
  std::vector<Server> servers;
  for (const std::string& d : dirs) servers.push_back(serve(d));
  std::vector<std::string> all, others;  // every shard; all but the last
  for (const Server& s : servers) all.push_back(s.location());
  others.assign(all.begin(), all.end() - 1);
  const std::string& first = queries.front();

  std::map<std::string, std::vector<double>> figures;  // name -> one per run
  std::map<std::string, std::vector<double>> slowest;  // query -> every warm ms, all shards up
  for (int run = 0; run < runs; ++run) {
    arkiv::test::HungServer hung;
    std::vector<std::string> dead_list = others, hung_list = others;
    dead_list.push_back("tcp://127.0.0.1:" + std::to_string(arkiv::test::unused_loopback_port()));
    hung_list.push_back("tcp://127.0.0.1:" + std::to_string(hung.port()));

    figures["first answer, every shard up"].push_back(first_answer_ms(all, first, timeout_ms, n));
    figures["first answer, one shard dead"].push_back(first_answer_ms(dead_list, first, timeout_ms, n - 1));
    figures["first answer, one shard hung"].push_back(first_answer_ms(hung_list, first, timeout_ms, n - 1));

    const Warm w = warm(arkiv::Searcher(options(all, timeout_ms)), queries, rounds);
    figures["warm p50"].push_back(w.p50);
    figures["warm p95"].push_back(w.p95);
    figures["warm p99"].push_back(w.p99);
    for (const auto& [q, each] : w.by_query) slowest[q].insert(slowest[q].end(), each.begin(), each.end());
    const Warm match = xapian_alone(servers, queries, rounds, timeout_ms, false);
    figures["Xapian alone, the match: p50"].push_back(match.p50);
    figures["Xapian alone, the match: p99"].push_back(match.p99);
    const Warm docs = xapian_alone(servers, queries, rounds, timeout_ms, true);
    figures["Xapian alone, the match and its 10 documents: p50"].push_back(docs.p50);
    figures["Xapian alone, the match and its 10 documents: p99"].push_back(docs.p99);
    const Warm wd = warm(arkiv::Searcher(options(dead_list, timeout_ms)), queries, rounds);
    figures["warm p50, one shard dead"].push_back(wd.p50);
    figures["warm p99, one shard dead"].push_back(wd.p99);

    figures["next query after a shard is killed"].push_back(
        lost_while_open_ms(others, dirs.back(), first, timeout_ms, false));
    figures["next query after a shard hangs"].push_back(lost_while_open_ms(others, dirs.back(), first, timeout_ms, true));
    std::fprintf(stderr, "arkiv-bench-shards: run %d of %d done\n", run + 1, runs);
  }
  for (Server& s : servers) stop(s);

  const char* order[] = {"warm p50",
                         "warm p95",
                         "warm p99",
                         "Xapian alone, the match: p50",
                         "Xapian alone, the match: p99",
                         "Xapian alone, the match and its 10 documents: p50",
                         "Xapian alone, the match and its 10 documents: p99",
                         "warm p50, one shard dead",
                         "warm p99, one shard dead",
                         "first answer, every shard up",
                         "first answer, one shard dead",
                         "first answer, one shard hung",
                         "next query after a shard is killed",
                         "next query after a shard hangs"};
  std::printf("%zu remote shards (xapian-tcpsrv on 127.0.0.1), %zu queries x %d rounds, operation timeout %u ms, "
              "median of %d runs\n\n| ms | median | runs |\n|---|---:|---|\n",
              n, queries.size(), rounds, timeout_ms, runs);
  for (const char* name : order) {
    std::string each;
    for (double v : figures[name]) each += (each.empty() ? "" : ", ") + std::to_string(v).substr(0, 6);
    std::printf("| %s | %.2f | %s |\n", name, median(figures[name]), each.c_str());
  }
  std::vector<std::pair<double, std::string>> by_median;
  for (const auto& [q, each] : slowest) by_median.emplace_back(median(each), q);
  std::sort(by_median.rbegin(), by_median.rend());
  std::printf("\nSlowest queries, warm, every shard up (median ms):");
  for (std::size_t i = 0; i < by_median.size() && i < 5; ++i)
    std::printf("%s %s %.2f", i ? "," : "", by_median[i].second.c_str(), by_median[i].first);
  std::printf("\n");
  const double up = median(figures["first answer, every shard up"]);
  std::printf("\nOne shard dead: %+.1f ms against every shard up (#26: at most +50). One shard hung: %.0f ms, the "
              "operation timeout %u ms %+.0f ms (#26: at most +100). A shard hanging while open: %.0f ms, timeout "
              "%+.0f ms. Warm p99 %.2f ms (#26: at most 15); Xapian alone, reading the 10 documents, %.2f ms.\n",
              median(figures["first answer, one shard dead"]) - up, median(figures["first answer, one shard hung"]),
              timeout_ms, median(figures["first answer, one shard hung"]) - timeout_ms,
              median(figures["next query after a shard hangs"]),
              median(figures["next query after a shard hangs"]) - timeout_ms, median(figures["warm p99"]),
              median(figures["Xapian alone, the match and its 10 documents: p99"]));
  return 0;
}
