// `arkiv serve`: the index as a local web page, a second face of the same
// library as the CLI (Searcher, arkiv/search.h). Server-rendered HTML, no
// external assets, read-only, for one person on their own machine: it
// listens on loopback unless told otherwise, answers only requests naming it by a loopback
// Host (so a page elsewhere cannot reach it by DNS rebinding), and only
// requests carrying the start-up token (in the URL once, then a cookie).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>

#include "arkiv/options.h"

namespace arkiv {

struct ServeOptions {
  // The index searched, as `arkiv search` opens it (several locations,
  // "tcp://" shards; personal identity numbers masked unless
  // show_personal_data).
  SearchOptions search;
  // TCP port. Default: 0, a free port the system picks (Server::port()
  // says which).
  std::uint16_t port = 0;
  // The address listened on, IPv4 or IPv6 ("192.168.1.5", "0.0.0.0",
  // "::"). Default: "127.0.0.1", this computer only. Any other lets the
  // computers that reach it open the page (with the token); requests may
  // then name the server by an IP address in their Host header too, never
  // by a name (DNS rebinding needs a name of the attacker's).
  std::string bind = "127.0.0.1";
  // Threads answering requests; each holds its own open index and facet
  // table. A search occupies one of them while it runs; a page's image or
  // words are made on threads of their own, one a page helper. Default:
  // one a core, from 2 to 8 (more than the cores slowed every search
  // page: 2 clients on 2 cores, p50 3.4 -> 4.5 ms with 4).
  std::size_t threads = std::clamp(std::thread::hardware_concurrency(), 2u, 8u);
  // Connections open at once; one more is answered 503 and closed.
  // Default: 64.
  std::size_t max_connections = 64;
  // Seconds a connection may take to send one request, or to take one
  // answer, and may stay idle between requests: a client that sends a
  // byte a minute is cut off then, and holds no thread meanwhile.
  // Default: 10.
  int timeout_seconds = 10;
  // The token every request must carry. Default: empty, 128 random bits
  // (hex) made at start-up. Set it only in tests.
  std::string token;
};

class Server {
 public:
  // Opens the index (once per thread) and binds opts.bind:opts.port.
  // Throws IndexNotFoundError / IndexError as Searcher does, and
  // UsageError if opts.bind is no IP address or the port cannot be bound
  // (in use, or privileged).
  explicit Server(const ServeOptions& opts);
  // Stops and joins the threads if running.
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // The port bound, and the token requests must carry.
  std::uint16_t port() const;
  const std::string& token() const;
  // What to open in a browser: "http://127.0.0.1:PORT/?token=TOKEN" (the
  // address bound instead of 127.0.0.1, unless it is 0.0.0.0 or ::).
  std::string url() const;

  // Answers requests on opts.threads threads of its own until stop();
  // returns at once.
  void start();
  // Stops accepting, ends open connections, joins the threads. Safe to
  // call more than once, and from any thread.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace arkiv
