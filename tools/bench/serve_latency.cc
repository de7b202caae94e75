// arkiv-bench-serve: `arkiv serve` under concurrent clients. Starts the
// `arkiv` program beside this one (`arkiv --index INDEX serve --port 0`,
// the server users run: its allocator, its threads, its start-up), reads
// the address and token it prints, then C client threads send HTTP GETs
// over loopback (one connection each, as a browser's first request) for
//   - the search page of every query of a file (with its facets), and
//   - the second page of each search (its facets kept from the first),
//   - page images at screen resolution (kPageDpi) of the queries' hits:
//     "cold", a page no one asked for before (the server's page helpers,
//     serve/helper.h, draw it), and "warm", the same pages asked again
//     (the render cache, serve/render_cache.h);
// and, in the same run, the references: the library's Searcher::search of
// the same queries with facets, one thread, a new Searcher each round
// (what a search page costs before HTTP and HTML, its facet table read
// once), and Poppler drawing each page in this process, document load and
// PNG included (extract::render_page_png(): the floor of a first image).
// Two more references run as the clients do, CLIENTS threads at once:
// Xapian alone (no arkiv code) answering each query as a search page with
// facets must, the first 10 hits with their documents and one pass over
// every match to count it (a MatchSpy), each thread its own Database; and
// Poppler drawing the round's pages. No search page or first image can
// be faster than these on the machine.
// Each round gives p50 in ms and the medians over the rounds are printed;
// a p99 is taken over every round's timings together (a round of 50
// queries has no p99 of its own: its 99th percentile is its slowest).
// Printed as JSON, with the ratios to the references.
//
// usage: arkiv-bench-serve INDEX QUERIES.txt [ROUNDS=5] [CLIENTS=4]
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "arkiv/search.h"
#include "extract/page_words.h"
#include "process.h"
#include "reference.h"
#include "serve/http.h"
#include "serve/site.h"

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const std::size_t i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

double median(std::vector<double> v) { return percentile(std::move(v), 0.5); }

// A running `arkiv serve`: its process, the port it listens on and the
// token its address carries.
struct Served {
  pid_t pid = -1;
  std::uint16_t port = 0;
  std::string token;
};

// Starts `arkiv --index INDEX serve --port 0` (the `arkiv` beside this
// program) and waits for the address it prints once it has warmed up:
// "  http://127.0.0.1:PORT/?token=TOKEN" (its output in `out`). Exits if
// it prints none.
Served start_server(const std::string& index, const std::string& out) {
  const std::string arkiv = (std::filesystem::canonical("/proc/self/exe").parent_path() / "arkiv").string();
  Served s;
  const std::string line = arkiv::test::spawn_until({arkiv, "--index", index, "serve", "--port", "0"}, out,
                                                    "token=", s.pid);
  const std::size_t at = line.find("http://127.0.0.1:"), token = line.find("token=");
  if (at == std::string::npos) {
    std::fprintf(stderr, "arkiv-bench-serve: %s serve printed no address\n", arkiv.c_str());
    std::exit(1);
  }
  s.port = static_cast<std::uint16_t>(std::atoi(line.c_str() + at + 17));
  s.token = line.substr(token + 6);
  s.token.erase(s.token.find_last_not_of(" \r") + 1);
  return s;
}

// Stops it as Ctrl-C would, and waits for it.
void stop_server(const Served& s) {
  ::kill(s.pid, SIGTERM);
  int status = 0;
  ::waitpid(s.pid, &status, 0);
}

// One GET on a connection of its own; the HTTP status (0: no answer).
int get(std::uint16_t port, const std::string& token, const std::string& target) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    ::close(fd);
    return 0;
  }
  const std::string req = "GET " + target + (target.find('?') == std::string::npos ? "?" : "&") + "token=" + token +
                          " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) + "\r\nConnection: close\r\n\r\n";
  ::send(fd, req.data(), req.size(), MSG_NOSIGNAL);
  std::string head;
  char buf[65536];
  for (;;) {
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    if (head.size() < 16) head.append(buf, static_cast<std::size_t>(std::min<ssize_t>(n, 16)));
  }
  ::close(fd);
  return head.rfind("HTTP/1.1 ", 0) == 0 ? std::atoi(head.c_str() + 9) : 0;
}

// Runs task(i) for each i below `n` from `clients` threads at once, each
// thread taking the next i; the latency of each, ms. `make_task` gives a
// thread its task (and whatever the thread keeps, a database of its own).
template <typename MakeTask>
std::vector<double> at_once(std::size_t n, int clients, MakeTask make_task) {
  std::vector<double> ms(n);
  std::atomic<std::size_t> next{0};
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c)
    threads.emplace_back([&] {
      auto task = make_task();
      for (std::size_t i; (i = next++) < n;) {
        const auto t0 = Clock::now();
        task(i);
        ms[i] = ms_since(t0);
      }
    });
  for (auto& t : threads) t.join();
  return ms;
}

// The targets, spread over `clients` threads; the latency of each, ms.
std::vector<double> run_clients(const Served& server, const std::vector<std::string>& targets, int clients,
                                int& failed) {
  std::atomic<int> bad{0};
  std::vector<double> ms = at_once(targets.size(), clients, [&] {
    return [&](std::size_t i) {
      if (get(server.port, server.token, targets[i]) != 200) ++bad;
    };
  });
  failed += bad;
  return ms;
}

// Counts the matches it is shown: a search page's facets must see each.
struct CountingSpy : Xapian::MatchSpy {
  std::size_t seen = 0;
  void operator()(const Xapian::Document&, double) override { ++seen; }
};

// The reference search page: Xapian alone, `clients` threads at once,
// each with its own database, each query answered with its first 10 hits'
// documents and a count of every match; the latency of each, ms.
std::vector<double> xapian_alone(const std::string& index, const std::vector<std::string>& queries, int clients) {
  std::atomic<std::size_t> counted{0};
  std::vector<double> ms = at_once(queries.size(), clients, [&] {
    const Xapian::Database db(index);
    Xapian::QueryParser qp = arkiv::bench::plain_query_parser(db);
    return [&, db, qp](std::size_t i) mutable {
      const Xapian::Query q = qp.parse_query(queries[i]);
      Xapian::Enquire hits(db);
      hits.set_query(q);
      const Xapian::MSet m = hits.get_mset(0, 10);
      std::size_t bytes = 0;
      for (auto it = m.begin(); it != m.end(); ++it) bytes += it.get_document().get_data().size();
      Xapian::Enquire all(db);
      all.set_query(q);
      all.set_weighting_scheme(Xapian::BoolWeight());
      CountingSpy spy;
      all.add_matchspy(&spy);
      all.get_mset(0, 0, db.get_doccount());
      counted += spy.seen;
      if (bytes == 0 && !m.empty()) std::fprintf(stderr, "arkiv-bench-serve: a reference hit without data\n");
    };
  });
  if (counted == 0) {
    std::fprintf(stderr, "arkiv-bench-serve: the reference matched nothing\n");
    std::exit(1);
  }
  return ms;
}

// Poppler drawing `pages` of `paths`, `clients` threads at once; ms each.
std::vector<double> poppler_at_once(const std::vector<std::string>& paths,
                                    const std::vector<std::pair<std::string, int>>& pages, int clients) {
  return at_once(paths.size(), clients, [&] {
    return [&](std::size_t i) { arkiv::extract::render_page_png(paths[i], pages[i].second, arkiv::serve::kPageDpi); };
  });
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: arkiv-bench-serve INDEX QUERIES.txt [ROUNDS=5] [CLIENTS=4]\n");
    return 2;
  }
  const std::string index = argv[1];
  const int rounds = argc > 3 ? std::max(1, std::atoi(argv[3])) : 5;
  const int clients = argc > 4 ? std::max(1, std::atoi(argv[4])) : 4;
  std::vector<std::string> queries;
  std::ifstream in(argv[2]);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) queries.push_back(line);

  arkiv::SearchOptions so{{index}};
  arkiv::Searcher searcher(so);
  // The pages to draw: each query's first hits' snippet pages, PDFs on
  // disk only, each once.
  std::vector<std::pair<std::string, int>> pages;
  std::vector<std::string> paths;
  for (const std::string& q : queries) {
    arkiv::SearchRequest req;
    req.query = q;
    req.limit = 3;
    for (const arkiv::Hit& h : searcher.search(req).hits) {
      const std::pair<std::string, int> p{h.id, std::max(h.snippet_page, 1)};
      if (std::find(pages.begin(), pages.end(), p) != pages.end()) continue;
      const std::optional<arkiv::RecordInfo> rec = searcher.find(h.id);
      if (!rec || rec->format != "pdf" || !rec->member.empty()) continue;
      pages.push_back(p);
      paths.push_back(rec->abspath);
    }
  }
  std::vector<std::string> search_targets, page2_targets;
  for (const std::string& q : queries) search_targets.push_back("/search?q=" + arkiv::serve::percent_encoded(q));

  for (const std::string& q : queries) page2_targets.push_back("/search?q=" + arkiv::serve::percent_encoded(q) + "&page=2");

  // p50 a round; every timing of every round, for the p99s.
  std::vector<double> lib_p50, search_p50, page2_p50, cold_p50, warm_p50, poppler_p50, alone_p50, drawn_p50;
  std::vector<double> lib_all, search_all, page2_all, cold_all, warm_all, alone_all, drawn_all;
  const auto add = [](std::vector<double>& p50, std::vector<double>& all, const std::vector<double>& round) {
    p50.push_back(percentile(round, 0.5));
    all.insert(all.end(), round.begin(), round.end());
  };
  // Each search page's timing with its round and query: the slowest are
  // named (the first request of a server pays what it sets up once).
  struct Timed {
    double ms;
    int round;
    std::size_t query;
  };
  std::vector<Timed> search_timed;
  int failed = 0;
  const arkiv::test::TempDir scratch;  // each round's server output
  for (int r = 0; r < rounds; ++r) {
    // Reference: the library's search with facets, in-process, one thread,
    // on a Searcher of its own (its facet table read at its first search).
    std::vector<double> lib;
    {
      arkiv::Searcher fresh(so);
      for (const std::string& q : queries) {
        const auto t0 = Clock::now();
        arkiv::SearchRequest req;
        req.query = q;
        req.facets = true;
        fresh.search(req);
        lib.push_back(ms_since(t0));
      }
    }
    // Reference: Poppler drawing a page in this process, one at a time (a
    // fifth of them): the document loaded, the page drawn and made a PNG.
    std::vector<double> poppler;
    for (std::size_t i = r % 5; i < paths.size(); i += 5) {
      const auto t0 = Clock::now();
      arkiv::extract::render_page_png(paths[i], pages[i].second, arkiv::serve::kPageDpi);
      poppler.push_back(ms_since(t0));
    }
    add(alone_p50, alone_all, xapian_alone(index, queries, clients));
    add(drawn_p50, drawn_all, poppler_at_once(paths, pages, clients));
    // A fresh server each round, as a user starts it: its render cache
    // starts empty.
    const Served server = start_server(index, scratch / "serve.out");
    std::vector<std::string> images;
    for (const auto& [id, page] : pages)
      images.push_back("/doc/" + arkiv::serve::percent_encoded(id) + "/page/" + std::to_string(page) + ".png");
    const std::vector<double> search = run_clients(server, search_targets, clients, failed);
    const std::vector<double> page2 = run_clients(server, page2_targets, clients, failed);
    const std::vector<double> cold = run_clients(server, images, clients, failed);
    const std::vector<double> warm = run_clients(server, images, clients, failed);
    stop_server(server);
    add(lib_p50, lib_all, lib);
    add(search_p50, search_all, search);
    for (std::size_t i = 0; i < search.size(); ++i) search_timed.push_back({search[i], r + 1, i});
    add(page2_p50, page2_all, page2);
    add(cold_p50, cold_all, cold);
    add(warm_p50, warm_all, warm);
    poppler_p50.push_back(percentile(poppler, 0.5));
  }
  const auto ratio = [](double a, double b) { return b > 0 ? a / b : 0.0; };
  const double search_p99 = percentile(search_all, 0.99), alone_p99 = percentile(alone_all, 0.99);
  const double cold_p99 = percentile(cold_all, 0.99), drawn_p99 = percentile(drawn_all, 0.99);
  std::printf(
      "{\"rounds\": %d, \"clients\": %d, \"queries\": %zu, \"pages\": %zu, \"failed\": %d,\n"
      " \"library_search_facets_ms\": {\"p50\": %.2f, \"p99\": %.2f},\n"
      " \"xapian_alone_search_facets_ms\": {\"p50\": %.2f, \"p99\": %.2f},\n"
      " \"search_page_ms\": {\"p50\": %.2f, \"p99\": %.2f, \"p99_to_xapian_alone_p99\": %.2f},\n"
      " \"search_page_2_ms\": {\"p50\": %.2f, \"p99\": %.2f},\n"
      " \"poppler_in_process_png_ms\": {\"p50\": %.1f},\n"
      " \"poppler_at_once_png_ms\": {\"p50\": %.1f, \"p99\": %.1f},\n"
      " \"page_image_cold_ms\": {\"p50\": %.1f, \"p99\": %.1f, \"p99_to_poppler_at_once_p99\": %.2f},\n"
      " \"page_image_warm_ms\": {\"p50\": %.2f, \"p99\": %.2f, \"p50_to_poppler_p50\": %.3f},\n",
      rounds, clients, queries.size(), pages.size(), failed, median(lib_p50), percentile(lib_all, 0.99),
      median(alone_p50), alone_p99, median(search_p50), search_p99, ratio(search_p99, alone_p99), median(page2_p50),
      percentile(page2_all, 0.99), median(poppler_p50), median(drawn_p50), drawn_p99, median(cold_p50), cold_p99,
      ratio(cold_p99, drawn_p99), median(warm_p50), percentile(warm_all, 0.99),
      ratio(median(warm_p50), median(poppler_p50)));
  std::sort(search_timed.begin(), search_timed.end(), [](const Timed& a, const Timed& b) { return a.ms > b.ms; });
  std::printf(" \"search_page_slowest\": [");
  for (std::size_t i = 0; i < std::min<std::size_t>(5, search_timed.size()); ++i) {
    const Timed& t = search_timed[i];
    std::printf("%s\n  {\"ms\": %.2f, \"round\": %d, \"order\": %zu, \"query\": %s}", i ? "," : "", t.ms, t.round,
                t.query + 1, nlohmann::json(queries[t.query]).dump().c_str());
  }
  std::printf("]}\n");
  return failed == 0 ? 0 : 1;
}
