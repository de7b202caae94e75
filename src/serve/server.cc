// arkiv::Server: Boost.Beast over Asio, shaped as Beast's
// advanced_server_flex example of Boost 1.74 minus TLS and WebSocket: one
// acceptor, a strand per connection, a thread a core
// (ServeOptions::threads) running the io_context. Reading and writing are
// asynchronous with a deadline, so a client that sends a byte a minute
// holds no thread and is cut off after ServeOptions::timeout_seconds. A
// search page is made on the io thread that read its request, while the
// others go on serving; a request that waits for a page helper
// (Site::waits(): a page's image or words) is answered on a pool of its
// own, a thread a helper, so that no search waits for a page being drawn.
// More threads than cores for the searches cost: with 4 on 2 cores a
// search page took 1 ms more at the median than with 2 (twice the context
// switches, 2 clients), docs/performance.md.
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <array>
#include <atomic>
#include <chrono>
#include <latch>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "arkiv/error.h"
#include "arkiv/serve.h"
#include "serve/http.h"
#include "serve/site.h"

namespace arkiv {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

// After refusing a request that was too large, what is still read and
// thrown away before closing, so that the client reads the refusal
// instead of a reset connection (the lingering close of Apache's httpd).
constexpr std::size_t kDrainBytes = 4 * 1024 * 1024;
constexpr std::chrono::seconds kDrainTime{2};

// What every connection shares; outlives them (Server::Impl destroys
// its io_context, and with it the connections' handlers, first).
struct Shared {
  ServeOptions opts;
  std::string token;
  std::atomic<std::size_t> live{0};  // connections open
  serve::Site site;
  net::thread_pool drawing;  // answers what Site::waits() for
  std::uint16_t port = 0;
  bool loopback = true;  // bound to a loopback address only

  explicit Shared(const ServeOptions& o)
      : opts(o),
        token(o.token.empty() ? serve::random_token() : o.token),
        site(o.search, o.threads),
        drawing(site.page_threads()) {}
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, Shared& srv) : stream_(std::move(socket)), srv_(srv) {}
  ~Session() { --srv_.live; }

  // Starts on the connection's strand; `overloaded`: answers 503 and closes.
  void run(bool overloaded) {
    net::dispatch(stream_.get_executor(), [self = shared_from_this(), overloaded] {
      if (overloaded)
        self->send(serve::error_response(503, "Too many connections; try again."), false, false, false);
      else
        self->read();
    });
  }

 private:
  std::chrono::seconds timeout() const { return std::chrono::seconds(std::max(srv_.opts.timeout_seconds, 1)); }

  void read() {
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(serve::kMaxHeaderBytes));
    stream_.expires_after(timeout());
    // The header only: a request with a body is answered without reading
    // it (405 for a POST, 413 for a GET with a body), and closed. (No
    // body_limit: Beast would check a Content-Length against it while
    // reading the header, and a POST would get 400, not 405.)
    http::async_read_header(stream_, buffer_, *parser_,
                            beast::bind_front_handler(&Session::on_read, shared_from_this()));
  }

  void on_read(beast::error_code ec, std::size_t) {
    if (ec == http::error::end_of_stream) return close();
    if (ec == http::error::header_limit)
      return send(serve::error_response(414, "The request is longer than " + std::to_string(serve::kMaxHeaderBytes) +
                                                 " bytes."),
                  false, false, true);
    if (ec == beast::error::timeout || ec == net::error::operation_aborted || ec == net::error::connection_reset ||
        ec == net::error::eof)
      return close();
    if (ec) return send(serve::error_response(400, "Malformed request."), false, false, true);

    const auto& req = parser_->get();
    serve::Request r;
    r.method = std::string(req.method_string());
    r.target = std::string(req.target());
    r.host = std::string(req[http::field::host]);
    r.cookie = std::string(req[http::field::cookie]);
    r.accept_language = std::string(req[http::field::accept_language]);
    const serve::Target target = serve::parse_target(r.target);
    std::optional<serve::Response> answer = serve::refusal(
        r, target, srv_.port, srv_.token, [&](const char* msgid) { return srv_.site.translate(msgid, r.accept_language); },
        !srv_.loopback);
    if (!answer && !parser_->is_done())
      answer = serve::error_response(413, "A request to this server carries no body.");
    const bool keep_alive = req.keep_alive(), head = req.method() == http::verb::head;
    if (!answer && serve::Site::waits(target)) {
      // Answered on the drawing pool, sent from this connection's strand.
      net::post(srv_.drawing, [self = shared_from_this(), r = std::move(r), target, keep_alive, head] {
        serve::Response a = self->answered(r, target);
        net::dispatch(self->stream_.get_executor(), [self, a = std::move(a), keep_alive, head]() mutable {
          self->reply(std::move(a), keep_alive, head);
        });
      });
      return;
    }
    reply(answer ? std::move(*answer) : answered(r, target), keep_alive, head);
  }

  // The site's answer to a request that passed refusal(), with the cookie
  // that spares the next request the token.
  serve::Response answered(const serve::Request& r, const serve::Target& target) {
    serve::Response a;
    try {
      a = srv_.site.answer(r, target);
    } catch (const std::exception& e) {
      a = serve::error_response(500, e.what());
    }
    if (auto cookie = serve::set_cookie(target, srv_.port, srv_.token)) a.headers.emplace_back("Set-Cookie", *cookie);
    return a;
  }

  // Sends `a`. A refused request ends its connection, after what it still
  // sends (a body unread) is read and dropped.
  void reply(serve::Response a, bool keep_alive, bool head) {
    const bool refused = a.status >= 400;
    send(std::move(a), keep_alive && !refused, head, refused);
  }

  void send(serve::Response a, bool keep_alive, bool head, bool drain) {
    res_ = {};
    res_.version(11);
    res_.result(static_cast<unsigned>(a.status));
    res_.set(http::field::server, "arkiv");
    res_.set(http::field::content_type, a.content_type);
    for (const auto& [name, value] : serve::security_headers()) res_.set(name, value);
    for (const auto& [name, value] : a.headers) res_.insert(name, value);
    res_.body() = std::move(a.body);
    res_.keep_alive(keep_alive);
    res_.prepare_payload();
    if (head) res_.body().clear();  // Content-Length stays that of the GET
    stream_.expires_after(timeout());
    http::async_write(stream_, res_,
                      [self = shared_from_this(), keep_alive, drain](beast::error_code ec, std::size_t) {
                        if (ec) return self->close();
                        if (drain) return self->drain();
                        if (!keep_alive) return self->close();
                        self->read();
                      });
  }

  // Reads what the client still sends (up to kDrainBytes, for up to
  // kDrainTime) after the send side is shut, then closes.
  void drain() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.expires_after(kDrainTime);
    drain_some();
  }
  void drain_some() {
    stream_.async_read_some(net::buffer(scratch_), [self = shared_from_this()](beast::error_code ec, std::size_t n) {
      self->drained_ += n;
      if (ec || self->drained_ > kDrainBytes) return self->close();
      self->drain_some();
    });
  }

  void close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_.close();
  }

  beast::tcp_stream stream_;
  Shared& srv_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  http::response<http::string_body> res_;
  std::array<char, 16 * 1024> scratch_;
  std::size_t drained_ = 0;
};

}  // namespace

struct Server::Impl {
  Shared shared;  // declared first: destroyed after the io_context
  net::io_context ioc;
  tcp::acceptor acceptor{ioc};
  std::vector<std::thread> threads;
  std::mutex m;
  bool started = false;
  bool stopped = false;

  explicit Impl(const ServeOptions& o) : shared(o), ioc(static_cast<int>(std::max<std::size_t>(o.threads, 1))) {}

  void accept() {
    acceptor.async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
      if (ec) {
        if (ec == net::error::operation_aborted || !acceptor.is_open()) return;
      } else {
        const bool overloaded = ++shared.live > shared.opts.max_connections;
        std::make_shared<Session>(std::move(socket), shared)->run(overloaded);
      }
      accept();
    });
  }
};

Server::Server(const ServeOptions& opts) : impl_(std::make_unique<Impl>(opts)) {
  beast::error_code ec;
  const net::ip::address address = net::ip::make_address(opts.bind, ec);
  if (ec) throw UsageError("cannot listen on " + opts.bind + ": not an IP address");
  impl_->shared.loopback = address.is_loopback();
  const tcp::endpoint at(address, opts.port);
  impl_->acceptor.open(at.protocol(), ec);
  if (!ec) impl_->acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) impl_->acceptor.bind(at, ec);
  if (!ec) impl_->acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) throw UsageError("cannot listen on " + opts.bind + ":" + std::to_string(opts.port) + ": " + ec.message());
  impl_->shared.port = impl_->acceptor.local_endpoint().port();
}

Server::~Server() { stop(); }

std::uint16_t Server::port() const { return impl_->shared.port; }
const std::string& Server::token() const { return impl_->shared.token; }
std::string Server::url() const {
  const net::ip::address a = impl_->acceptor.local_endpoint().address();
  // A wildcard address is no address to open: this computer's loopback is.
  const std::string host = a.is_unspecified() ? "127.0.0.1" : a.is_v6() ? "[" + a.to_string() + "]" : a.to_string();
  return "http://" + host + ":" + std::to_string(impl_->shared.port) + "/?token=" + impl_->shared.token;
}

void Server::start() {
  std::lock_guard<std::mutex> lock(impl_->m);
  if (impl_->started || impl_->stopped) return;
  impl_->started = true;
  impl_->accept();
  // Each thread warms itself and a Searcher before it serves; start()
  // returns (and `arkiv serve` prints its address) when all have.
  const std::size_t n = std::max<std::size_t>(impl_->shared.opts.threads, 1);
  // Shared: a thread may still be leaving the latch when start() returns.
  const auto warm = std::make_shared<std::latch>(static_cast<std::ptrdiff_t>(n));
  for (std::size_t i = 0; i < n; ++i)
    impl_->threads.emplace_back([this, warm] {
      impl_->shared.site.warm_up(*warm);
      impl_->ioc.run();
    });
  warm->wait();
}

void Server::stop() {
  std::vector<std::thread> threads;
  {
    std::lock_guard<std::mutex> lock(impl_->m);
    if (impl_->stopped) return;
    impl_->stopped = true;
    net::post(impl_->acceptor.get_executor(), [this] {
      beast::error_code ec;
      impl_->acceptor.close(ec);
    });
    impl_->ioc.stop();
    threads.swap(impl_->threads);
  }
  for (auto& t : threads)
    if (t.get_id() != std::this_thread::get_id()) t.join();
    else t.detach();
  // A page being drawn is finished; its answer, posted to the stopped
  // io_context, is dropped with it.
  impl_->shared.drawing.join();
}

}  // namespace arkiv
