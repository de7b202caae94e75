// arkiv serve over loopback: a real server on a free port, a raw client
// socket, so each test sends exactly the bytes a browser, a script or an
// attacker would (a foreign Host, no token, a POST, a 1 MB URL).
#include "arkiv/serve.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <poppler-document.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <signal.h>
#include <zlib.h>

#include <sstream>
#include <string>
#include <thread>

#include "../scratch.h"
#include "arkiv/error.h"
#include "arkiv/search.h"
#include "query/result_json.h"
#include "serve/helper.h"
#include "serve/http.h"
#include "serve/site.h"

namespace arkiv {
namespace {

constexpr const char* kToken = "0123456789abcdef0123456789abcdef";

struct Reply {
  int status = 0;  // 0: no answer (connection closed or timed out)
  std::string head, body;
  bool has_header(const std::string& line) const { return head.find(line) != std::string::npos; }
};

int connect_to(std::uint16_t port, int timeout_s = 10) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  timeval tv{timeout_s, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  EXPECT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
  return fd;
}

void send_all(int fd, const std::string& bytes) {
  for (std::size_t at = 0; at < bytes.size();) {
    ssize_t n = ::send(fd, bytes.data() + at, bytes.size() - at, MSG_NOSIGNAL);
    if (n <= 0) return;  // the server may close early; its answer is read below
    at += static_cast<std::size_t>(n);
  }
}

// Reads until the server closes the connection (or the read times out).
Reply read_reply(int fd) {
  std::string all;
  char buf[65536];
  for (;;) {
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    all.append(buf, static_cast<std::size_t>(n));
  }
  Reply r;
  const std::size_t end = all.find("\r\n\r\n");
  if (all.rfind("HTTP/1.1 ", 0) != 0 || end == std::string::npos) return r;
  r.status = std::atoi(all.c_str() + 9);
  r.head = all.substr(0, end + 2);
  r.body = all.substr(end + 4);
  return r;
}

// One request on a connection of its own; the server closes it after
// answering ("Connection: close").
Reply round_trip(std::uint16_t port, const std::string& request) {
  int fd = connect_to(port);
  send_all(fd, request);
  Reply r = read_reply(fd);
  ::close(fd);
  return r;
}

std::string get(std::uint16_t port, const std::string& target, const std::string& extra = {},
                const std::string& host = {}) {
  return "GET " + target + " HTTP/1.1\r\nHost: " + (host.empty() ? "127.0.0.1:" + std::to_string(port) : host) +
         "\r\nConnection: close\r\n" + extra + "\r\n";
}

std::string with_token(const std::string& target) {
  return target + (target.find('?') == std::string::npos ? "?" : "&") + "token=" + kToken;
}

class ServeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ::setenv("ARKIV_LOCALEDIR", ARKIV_LOCALE_DIR, 1);
    scratch_.write("zhuhai.txt",
                   "Uppföljning av partnerskapet med Zhuhai\n\nKommunstyrelsen i Gävle kommun följer upp samarbetet med Zhuhai. "
                   "En rad med <script>alert(1)</script> och </svg><img src=x onerror=alert(2)> i texten.\n");
    scratch_.write("budget.txt", "Budget för äldreomsorgen\n\nNämnden fastställer budgeten för 2021.\n");
    scratch_.index();
    ServeOptions opts;
    opts.search = scratch_.search_options();
    opts.token = kToken;
    opts.threads = 2;
    opts.timeout_seconds = 2;
    server_ = std::make_unique<Server>(opts);
    server_->start();
    port_ = server_->port();
  }

  test::Scratch scratch_;
  std::unique_ptr<Server> server_;
  std::uint16_t port_ = 0;
};

TEST_F(ServeTest, UrlCarriesTheTokenOnLoopback) {
  EXPECT_EQ(server_->url(), "http://127.0.0.1:" + std::to_string(port_) + "/?token=" + kToken);
}

TEST_F(ServeTest, ForeignHostIsRefused) {
  // DNS rebinding: a page on evil.example whose name now resolves to
  // 127.0.0.1 sends its own name as Host, and the token would not help.
  for (const std::string& host : {"evil.example:" + std::to_string(port_), std::string("evil.example"),
                                 "127.0.0.1:" + std::to_string(port_ + 1), std::string("127.0.0.1"),
                                 std::string("")}) {
    std::string req = host.empty() ? "GET " + with_token("/search?q=Zhuhai") + " HTTP/1.1\r\nConnection: close\r\n\r\n"
                                   : get(port_, with_token("/search?q=Zhuhai"), {}, host);
    Reply r = round_trip(port_, req);
    EXPECT_EQ(r.status, 421) << host;
    EXPECT_EQ(r.body.find("Zhuhai"), std::string::npos) << host;
  }
  for (const std::string& host : {"localhost:" + std::to_string(port_), "LOCALHOST:" + std::to_string(port_),
                                 "[::1]:" + std::to_string(port_)})
    EXPECT_EQ(round_trip(port_, get(port_, with_token("/search?q=Zhuhai"), {}, host)).status, 200) << host;
}

TEST_F(ServeTest, MissingOrWrongTokenIsRefused) {
  EXPECT_EQ(round_trip(port_, get(port_, "/search?q=Zhuhai")).status, 403);
  EXPECT_EQ(round_trip(port_, get(port_, "/search?q=Zhuhai&token=0123456789abcdef0123456789abcdee")).status, 403);
  EXPECT_EQ(round_trip(port_, get(port_, "/style.css")).status, 403);
  const std::string cookie = "arkiv_token_" + std::to_string(port_);
  EXPECT_EQ(round_trip(port_, get(port_, "/search?q=Zhuhai", "Cookie: " + cookie + "=wrong\r\n")).status, 403);
  // Another port's cookie is not this server's.
  EXPECT_EQ(round_trip(port_, get(port_, "/search?q=Zhuhai", "Cookie: arkiv_token_1=" + std::string(kToken) + "\r\n")).status,
            403);
}

TEST_F(ServeTest, FirstVisitSetsTheCookieThatLaterVisitsCarry) {
  Reply first = round_trip(port_, get(port_, with_token("/")));
  ASSERT_EQ(first.status, 200);
  const std::string cookie = "arkiv_token_" + std::to_string(port_) + "=" + kToken;
  EXPECT_TRUE(first.has_header("Set-Cookie: " + cookie + "; Path=/; HttpOnly; SameSite=Strict\r\n")) << first.head;
  Reply later = round_trip(port_, get(port_, "/search?q=Zhuhai", "Cookie: other=1; " + cookie + "\r\n"));
  EXPECT_EQ(later.status, 200);
  EXPECT_FALSE(later.has_header("Set-Cookie"));
  EXPECT_NE(later.body.find("Zhuhai"), std::string::npos);
}

TEST_F(ServeTest, OnlyGetAndHead) {
  for (const char* method : {"POST", "PUT", "DELETE", "OPTIONS", "PATCH"}) {
    Reply r = round_trip(port_, std::string(method) + " " + with_token("/search?q=Zhuhai") + " HTTP/1.1\r\nHost: 127.0.0.1:" +
                                  std::to_string(port_) + "\r\nContent-Length: 3\r\nConnection: close\r\n\r\nq=x");
    EXPECT_EQ(r.status, 405) << method;
    EXPECT_TRUE(r.has_header("Allow: GET, HEAD\r\n")) << method;
  }
  Reply get_reply = round_trip(port_, get(port_, with_token("/search?q=Zhuhai")));
  Reply head = round_trip(port_, "HEAD " + with_token("/search?q=Zhuhai") + " HTTP/1.1\r\nHost: 127.0.0.1:" +
                                   std::to_string(port_) + "\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.body, "");
  EXPECT_TRUE(head.has_header("Content-Length: " + std::to_string(get_reply.body.size()) + "\r\n")) << head.head;
}

TEST_F(ServeTest, OversizedRequestsAreRefused) {
  // A 1 MB query in the URL: refused by its length, before it is parsed.
  Reply big = round_trip(port_, get(port_, with_token("/search?q=" + std::string(1 << 20, 'a'))));
  EXPECT_EQ(big.status, 414);
  // A query over the CLI's limit (kMaxQueryBytes) that fits in a request.
  std::string words;
  while (words.size() <= kMaxQueryBytes) words += "ord+";
  EXPECT_EQ(round_trip(port_, get(port_, with_token("/search?q=" + words))).status, 414);
  EXPECT_EQ(round_trip(port_, get(port_, with_token("/search?q=" + words + "&format=json"))).status, 414);
  // Too many words for the CLI's limit, well under its length.
  std::string many;
  for (std::size_t i = 0; i <= kMaxQueryWords; ++i) many += "a+";
  EXPECT_EQ(round_trip(port_, get(port_, with_token("/search?q=" + many))).status, 414);
  // A GET with a body.
  EXPECT_EQ(round_trip(port_, get(port_, with_token("/search?q=Zhuhai"), "Content-Length: 10\r\n") + "0123456789").status,
            413);
}

TEST_F(ServeTest, RecordTextIsEscaped) {
  Reply r = round_trip(port_, get(port_, with_token("/search?q=Zhuhai")));
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("&lt;/svg&gt;&lt;img src=x onerror=alert(2)&gt;"), std::string::npos) << r.body;
  EXPECT_EQ(r.body.find("<script"), std::string::npos);
  EXPECT_EQ(r.body.find("</svg>"), std::string::npos);
  EXPECT_EQ(r.body.find("<img"), std::string::npos);
  // The query itself, echoed in the form and the title.
  Reply q = round_trip(port_, get(port_, with_token("/search?q=%22%3E%3Cscript%3Ex%3C%2Fscript%3E")));
  EXPECT_EQ(q.body.find("<script"), std::string::npos) << q.body;
  EXPECT_NE(q.body.find("value=\"&quot;&gt;&lt;script&gt;x&lt;/script&gt;\""), std::string::npos) << q.body;
}

TEST_F(ServeTest, EveryAnswerCarriesTheSecurityHeadersAndNoCors) {
  for (const std::string& target : {with_token("/search?q=Zhuhai"), with_token("/style.css"), std::string("/")}) {
    Reply r = round_trip(port_, get(port_, target, "Origin: http://evil.example\r\n"));
    EXPECT_TRUE(r.has_header("Content-Security-Policy: default-src 'self'")) << target << r.head;
    EXPECT_TRUE(r.has_header("X-Content-Type-Options: nosniff\r\n")) << target;
    EXPECT_FALSE(r.has_header("Access-Control-")) << target;
  }
}

TEST_F(ServeTest, SearchPageListsTheRecordThatMatches) {
  Reply r = round_trip(port_, get(port_, with_token("/search?q=budgeten")));
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(r.has_header("Content-Type: text/html; charset=utf-8\r\n"));
  EXPECT_NE(r.body.find("\">Budget för äldreomsorgen</a></div>"), std::string::npos) << r.body;
  EXPECT_EQ(r.body.find("Uppföljning av partnerskapet"), std::string::npos);
  EXPECT_NE(r.body.find("<mark>budgeten</mark>"), std::string::npos) << r.body;
  // No hits: said so, no list.
  Reply none = round_trip(port_, get(port_, with_token("/search?q=Kina")));
  EXPECT_EQ(none.status, 200);
  EXPECT_EQ(none.body.find("class=\"hit\""), std::string::npos);
  // A query that cannot mean anything: 400 and why, on the page.
  EXPECT_EQ(round_trip(port_, get(port_, with_token("/search?q=datum%3Aigår"))).status, 400);
  EXPECT_EQ(round_trip(port_, get(port_, with_token("/no/such/page"))).status, 404);
}

TEST_F(ServeTest, ActorsOfTheMatchingRecordsAreFacets) {
  Reply r = round_trip(port_, get(port_, with_token("/search?q=Zhuhai")));
  ASSERT_EQ(r.status, 200);
  const std::string facet = "<a href=\"/search?q=Zhuhai%20akt%C3%B6r%3Agavle-kommun\">Gävle kommun</a> <span class=\"n\">1</span>"
                            " <a class=\"follow\" href=\"/actor/gavle-kommun\"";
  EXPECT_NE(r.body.find(facet), std::string::npos) << r.body;
  // Following it keeps the record that mentions the actor.
  Reply narrowed = round_trip(port_, get(port_, with_token("/search?q=Zhuhai%20akt%C3%B6r%3Agavle-kommun")));
  EXPECT_NE(narrowed.body.find("Uppföljning av partnerskapet med Zhuhai"), std::string::npos);
  // The budget record mentions no actor of the gazetteer: no facet.
  Reply budget = round_trip(port_, get(port_, with_token("/search?q=budgeten")));
  EXPECT_EQ(budget.body.find("class=\"facet-actors\""), std::string::npos);
  // What it is, counted: one decision, a link narrowing to decisions.
  EXPECT_NE(budget.body.find("<a href=\"/search?q=budgeten%20i%3Abeslut\">decisions</a> <span class=\"n\">1</span>"),
            std::string::npos)
      << budget.body;
}

TEST_F(ServeTest, JsonAndCsvAreTheCliKeys) {
  Reply r = round_trip(port_, get(port_, with_token("/search?q=Zhuhai&format=json")));
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(r.has_header("Content-Type: application/json; charset=utf-8\r\n"));
  nlohmann::json j = nlohmann::json::parse(r.body);
  SearchRequest req;
  req.query = "Zhuhai";
  req.facets = true;  // the page's JSON carries the facets it shows
  const SearchResult res = Searcher(scratch_.search_options()).search(req);
  ASSERT_EQ(j["facets"]["records"], 1);
  nlohmann::json cli = query::search_result_json(res, res.query, 0);
  // Scores may differ in the last bits between two runs; keys and the rest may not.
  for (auto* h : {&j["hits"], &cli["hits"]})
    for (auto& hit : *h) hit.erase("score");
  EXPECT_EQ(j, cli);
  ASSERT_EQ(j["hits"].size(), 1u);
  EXPECT_EQ(j["hits"][0]["title"], "Uppföljning av partnerskapet med Zhuhai");

  Reply csv = round_trip(port_, get(port_, with_token("/search?q=Zhuhai&format=csv")));
  EXPECT_TRUE(csv.has_header("Content-Type: text/csv; charset=utf-8\r\n"));
  EXPECT_EQ(csv.body.rfind("rank,id,path,title,pages,snippet_page,snippet_source,snippet,highlights,score,percent,date,"
                           "type,case_numbers,attachment_number,parent_id,parent_path,parent_title\r\n1,",
                           0),
            0u)
      << csv.body;
}

TEST_F(ServeTest, PagingKeepsTheQueryInTheUrl) {
  Reply r = round_trip(port_, get(port_, with_token("/search?q=f%C3%B6r+OR+med&n=1&sort=date")));
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("href=\"/search?q=f%C3%B6r%20OR%20med&amp;sort=date&amp;page=2\""), std::string::npos) << r.body;
  Reply second = round_trip(port_, get(port_, with_token("/search?q=f%C3%B6r+OR+med&n=1&sort=date&page=2")));
  EXPECT_NE(second.body.find("<ol class=\"hits\" start=\"2\">"), std::string::npos) << second.body;
  EXPECT_NE(second.body.find("rel=\"prev\""), std::string::npos);
}

TEST_F(ServeTest, LanguageFollowsAcceptLanguage) {
  Reply sv = round_trip(port_, get(port_, with_token("/search?q=Zhuhai"), "Accept-Language: sv-SE,sv;q=0.9,en;q=0.8\r\n"));
  EXPECT_NE(sv.body.find("<html lang=\"sv\">"), std::string::npos);
  EXPECT_NE(sv.body.find(">Sök</button>"), std::string::npos) << sv.body;
  // A refusal too.
  Reply sv_refused = round_trip(port_, get(port_, "/search?q=Zhuhai", "Accept-Language: sv\r\n"));
  EXPECT_EQ(sv_refused.status, 403);
  EXPECT_NE(sv_refused.body.find("Öppna adressen som `arkiv serve` skrev ut"), std::string::npos) << sv_refused.body;
  Reply en = round_trip(port_, get(port_, with_token("/search?q=Zhuhai"), "Accept-Language: en-GB,en;q=0.9\r\n"));
  EXPECT_NE(en.body.find("<html lang=\"en\">"), std::string::npos);
  EXPECT_NE(en.body.find(">Search</button>"), std::string::npos);
}

TEST_F(ServeTest, SlowClientDoesNotStallOthersAndIsCutOff) {
  // A client that sends half a request and then nothing.
  int slow = connect_to(port_);
  send_all(slow, "GET /search?q=Zhuhai HTTP/1.1\r\nHost: 127.0.0.1:");
  const auto t0 = std::chrono::steady_clock::now();
  EXPECT_EQ(round_trip(port_, get(port_, with_token("/search?q=Zhuhai"))).status, 200);
  // Answered while the slow one still waits (the timeout is 2 s).
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(2));
  // And the slow one is closed at its timeout without an answer.
  Reply r = read_reply(slow);
  EXPECT_EQ(r.status, 0);
  EXPECT_GE(std::chrono::steady_clock::now() - t0, std::chrono::seconds(1));
  ::close(slow);
}

TEST_F(ServeTest, ConnectionsOverTheLimitAreRefusedNotQueued) {
  // Bounded concurrent requests: connections beyond max_connections are
  // answered 503 at once, and the server serves again when they close.
  // A server of its own over the same index, with a limit of two.
  server_.reset();
  ServeOptions opts;
  opts.search = scratch_.search_options();
  opts.token = kToken;
  opts.max_connections = 2;
  Server server(opts);
  server.start();
  // Two idle connections hold the limit (a browser's open sockets).
  int held[2] = {connect_to(server.port()), connect_to(server.port())};
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const auto t0 = std::chrono::steady_clock::now();
  Reply over = round_trip(server.port(), get(server.port(), with_token("/search?q=Zhuhai")));
  EXPECT_EQ(over.status, 503);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(3));  // refused, not held until a slot frees
  for (int fd : held) ::close(fd);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_EQ(round_trip(server.port(), get(server.port(), with_token("/search?q=Zhuhai"))).status, 200);
}

TEST_F(ServeTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  int fd = connect_to(port_);
  const std::string host = "Host: 127.0.0.1:" + std::to_string(port_) + "\r\n";
  send_all(fd, "GET " + with_token("/style.css") + " HTTP/1.1\r\n" + host + "\r\nGET " + with_token("/search?q=Zhuhai") +
                   " HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n");
  Reply r = read_reply(fd);
  ::close(fd);
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("HTTP/1.1 200 OK"), std::string::npos);  // the second answer after the style sheet
  EXPECT_NE(r.body.find("Uppföljning av partnerskapet"), std::string::npos);
}

TEST_F(ServeTest, AnswersFromTheLatestCommit) {
  // Searched once before the index changes, so every thread's index is open.
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(round_trip(port_, get(port_, with_token("/search?q=Sundsvall"))).body.find("class=\"hit\""),
              std::string::npos);
  scratch_.write("sundsvall.txt", "Nytt beslut om Sundsvall\n\nNämnden beslutar om Sundsvall.\n");
  scratch_.index();
  for (int i = 0; i < 3; ++i)
    EXPECT_NE(round_trip(port_, get(port_, with_token("/search?q=Sundsvall"))).body.find("Nytt beslut om Sundsvall"),
              std::string::npos);
}

TEST(ServeHttp, WantsSwedish) {
  EXPECT_TRUE(serve::wants_swedish("sv"));
  EXPECT_TRUE(serve::wants_swedish("sv-SE,sv;q=0.9,en-US;q=0.8,en;q=0.7"));
  EXPECT_TRUE(serve::wants_swedish("en;q=0.5, sv-FI"));
  EXPECT_TRUE(serve::wants_swedish("de, sv;q=0.3"));
  EXPECT_FALSE(serve::wants_swedish(""));
  EXPECT_FALSE(serve::wants_swedish("en-US,en;q=0.9,sv;q=0.8"));
  EXPECT_FALSE(serve::wants_swedish("sv;q=0"));
  EXPECT_FALSE(serve::wants_swedish("en, sv"));
  EXPECT_FALSE(serve::wants_swedish("svx"));
}

TEST(ServeHttp, ParseTarget) {
  serve::Target t = serve::parse_target("/doc/a%2Fb.pdf%23bilaga%202/page/3?q=f%C3%B6r+avtal&q=second&x&bad=%zz%4");
  EXPECT_EQ(t.path, "/doc/a/b.pdf#bilaga 2/page/3");
  EXPECT_EQ(t.param("q"), "för avtal");
  EXPECT_EQ(t.param("x"), "");
  EXPECT_EQ(t.param("bad"), "%zz%4");
  EXPECT_EQ(t.param("missing"), "");
  EXPECT_EQ(serve::percent_encoded("a/b.pdf#bilaga 2 för"), "a%2Fb.pdf%23bilaga%202%20f%C3%B6r");
  EXPECT_EQ(serve::percent_decoded(serve::percent_encoded("ä<>\"'&?=+ %"), false), "ä<>\"'&?=+ %");
}

TEST(ServeHttp, BeyondLoopbackAnIpHostIsAnsweredNeverAName) {
  const auto tr = [](const char* m) { return std::string(m); };
  const auto status = [&](const std::string& host, bool ip_hosts) {
    serve::Request req{"GET", "/?token=" + std::string(kToken), host, "", ""};
    const std::optional<serve::Response> r = serve::refusal(req, serve::parse_target(req.target), 8080, kToken, tr, ip_hosts);
    return r ? r->status : 200;
  };
  for (const char* ip : {"192.168.1.5:8080", "10.0.0.1:8080", "[fe80::1]:8080", "[2001:db8::2]:8080"}) {
    EXPECT_EQ(status(ip, false), 421) << ip;  // loopback only: an address of another interface is not this server
    EXPECT_EQ(status(ip, true), 200) << ip;
  }
  // DNS rebinding sends the attacker's name: refused however it listens.
  for (const char* name : {"evil.example:8080", "192.168.1.5.evil.example:8080", "1.2.3:8080", "256.1.1.1:8080",
                           "192.168.1.5:8081", "192.168.1.5", "[evil]:8080"})
    EXPECT_EQ(status(name, true), 421) << name;
  EXPECT_EQ(status("localhost:8080", true), 200);
}

TEST(ServeBind, ListensOnTheAddressGivenAndRefusesWhatIsNoAddress) {
  test::Scratch scratch;
  scratch.write("a.txt", "Ett beslut.\n");
  scratch.index();
  ServeOptions opts;
  opts.search = scratch.search_options();
  opts.token = kToken;
  opts.bind = "127.0.0.2";
  Server server(opts);
  EXPECT_EQ(server.url(), "http://127.0.0.2:" + std::to_string(server.port()) + "/?token=" + kToken);
  opts.bind = "localhost.example";
  EXPECT_THROW(Server{opts}, UsageError);
}

TEST(ServeHttp, RandomTokensDiffer) {
  const std::string a = serve::random_token(), b = serve::random_token();
  EXPECT_EQ(a.size(), 32u);
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(a, b);
}

}  // namespace
}  // namespace arkiv

// The page view, on a PDF of the test data: the page image through the
// helper (arkiv-extract --page-png), the highlight boxes from Poppler's
// own word boxes.
namespace arkiv {
namespace {

class PageViewTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ::setenv("ARKIV_LOCALEDIR", ARKIV_LOCALE_DIR, 1);
    ::setenv("ARKIV_EXTRACT", ARKIV_EXTRACT_BIN, 1);
    std::ifstream in(std::string(ARKIV_SOURCE_DIR) + "/tests/data/pdf/two_pages.pdf", std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    scratch_.write("protokoll.pdf", bytes.str());
    scratch_.index();
    ServeOptions opts;
    opts.search = scratch_.search_options();
    opts.token = kToken;
    opts.threads = 2;
    server_ = std::make_unique<Server>(opts);
    server_->start();
    port_ = server_->port();
    SearchRequest req;
    req.query = "Zhuhai";
    const SearchResult res = Searcher(scratch_.search_options()).search(req);
    ASSERT_EQ(res.hits.size(), 1u);
    id_ = res.hits[0].id;
  }

  // Page `n` of the PDF as Poppler itself reads it.
  std::unique_ptr<poppler::page> poppler_page(int n) {
    doc_.reset(poppler::document::load_from_file(scratch_.path("protokoll.pdf")));
    return std::unique_ptr<poppler::page>(doc_->create_page(n - 1));
  }

  test::Scratch scratch_;
  std::unique_ptr<Server> server_;
  std::unique_ptr<poppler::document> doc_;
  std::uint16_t port_ = 0;
  std::string id_;
};

std::string two_decimals(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

TEST_F(PageViewTest, SearchRowsLinkToTheHitsPage) {
  Reply r = round_trip(port_, get(port_, with_token("/search?q=Zhuhai")));
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("href=\"/doc/" + serve::percent_encoded(id_) + "/page/1?q=Zhuhai&amp;hits=1\""),
            std::string::npos)
      << r.body;
}

TEST_F(PageViewTest, HighlightBoxesArePopplersWordBoxes) {
  Reply r = round_trip(port_, get(port_, with_token("/doc/" + serve::percent_encoded(id_) + "/page/1?q=zhuhai+gävle&hits=1,2")));
  ASSERT_EQ(r.status, 200) << r.body;
  std::unique_ptr<poppler::page> page = poppler_page(1);
  std::vector<std::string> expected;
  for (const poppler::text_box& b : page->text_list()) {
    const poppler::byte_array t = b.text().to_utf8();
    const std::string text(t.begin(), t.end());
    if (text != "Zhuhai" && text != "Gävle") continue;
    const poppler::rectf box = b.bbox();
    expected.push_back("<rect class=\"hl\" x=\"" + two_decimals(box.x()) + "\" y=\"" + two_decimals(box.y()) +
                       "\" width=\"" + two_decimals(box.width()) + "\" height=\"" + two_decimals(box.height()) + "\"/>");
  }
  ASSERT_EQ(expected.size(), 2u);
  std::size_t rects = 0;
  for (std::size_t at = r.body.find("<rect"); at != std::string::npos; at = r.body.find("<rect", at + 1)) ++rects;
  EXPECT_EQ(rects, expected.size()) << r.body;
  for (const std::string& e : expected) EXPECT_NE(r.body.find(e), std::string::npos) << e << "\n" << r.body;
  // Over the image, at the image's size, in the page's units.
  const poppler::rectf size = page->page_rect(poppler::crop_box);
  EXPECT_NE(r.body.find("<svg viewBox=\"0 0 " + two_decimals(size.width()) + " " + two_decimals(size.height()) +
                        "\" width=\"794\" height=\"1123\""),
            std::string::npos);
  // The page's text beside it, and the next page with a hit.
  EXPECT_NE(r.body.find("Partnerskap med Zhuhai"), std::string::npos);
  EXPECT_NE(r.body.find("rel=\"next\" href=\"/doc/" + serve::percent_encoded(id_) + "/page/2?q=zhuhai%20g%C3%A4vle&amp;hits=1,2\""),
            std::string::npos)
      << r.body;
  EXPECT_EQ(r.body.find("rel=\"prev\""), std::string::npos);
}

TEST_F(PageViewTest, PageImageIsAPngOfThePage) {
  Reply r = round_trip(port_, get(port_, with_token("/doc/" + serve::percent_encoded(id_) + "/page/2.png")));
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(r.has_header("Content-Type: image/png\r\n"));
  ASSERT_GT(r.body.size(), 24u);
  EXPECT_EQ(r.body.substr(0, 8), "\x89PNG\r\n\x1a\n");
  auto be32 = [&](std::size_t at) {
    return (static_cast<unsigned>(static_cast<unsigned char>(r.body[at])) << 24) |
           (static_cast<unsigned>(static_cast<unsigned char>(r.body[at + 1])) << 16) |
           (static_cast<unsigned>(static_cast<unsigned char>(r.body[at + 2])) << 8) |
           static_cast<unsigned>(static_cast<unsigned char>(r.body[at + 3]));
  };
  // Poppler's own image of the page at the server's resolution.
  poppler::page_renderer renderer;
  const poppler::image img = renderer.render_page(poppler_page(2).get(), serve::kPageDpi, serve::kPageDpi);
  EXPECT_EQ(be32(16), static_cast<unsigned>(img.width()));
  EXPECT_EQ(be32(20), static_cast<unsigned>(img.height()));
  EXPECT_EQ(img.width(), 794);
  EXPECT_EQ(img.height(), 1123);
}

TEST_F(PageViewTest, TheOriginalFileOpensAtThePage) {
  const std::string doc = "/doc/" + serve::percent_encoded(id_);
  Reply page = round_trip(port_, get(port_, with_token(doc + "/page/2?q=Zhuhai")));
  EXPECT_NE(page.body.find("<a href=\"" + doc + "/file#page=2\">"), std::string::npos) << page.body;
  Reply file = round_trip(port_, get(port_, with_token(doc + "/file")));
  ASSERT_EQ(file.status, 200);
  EXPECT_TRUE(file.has_header("Content-Type: application/pdf\r\n"));
  std::ifstream in(scratch_.path("protokoll.pdf"), std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  EXPECT_EQ(file.body, bytes.str());
}

TEST_F(PageViewTest, NoSuchRecordOrPage) {
  EXPECT_EQ(round_trip(port_, get(port_, with_token("/doc/nothing/page/1"))).status, 404);
  EXPECT_EQ(round_trip(port_, get(port_, with_token("/doc/" + serve::percent_encoded(id_) + "/page/3"))).status, 404);
  EXPECT_EQ(round_trip(port_, get(port_, with_token("/doc/" + serve::percent_encoded(id_) + "/page/0.png"))).status, 404);
  EXPECT_EQ(round_trip(port_, get(port_, with_token("/doc/" + serve::percent_encoded(id_) + "/page/x"))).status, 404);
}

// A one-page PDF of 200 x 100 points: its left half red, its right half
// blue.
// A 200 x 100 pt page of two rectangles filled with `content`'s colours
// (by default red, then blue).
std::string two_colour_pdf(const std::string& content = "1 0 0 rg 0 0 100 100 re f 0 0 1 rg 100 0 100 100 re f\n") {
  const std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R >>",
      "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "endstream"};
  std::string pdf = "%PDF-1.4\n";
  std::vector<std::size_t> at;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    at.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const std::size_t xref = pdf.size();
  pdf += "xref\n0 5\n0000000000 65535 f \n";
  for (std::size_t a : at) {
    char line[32];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", a);
    pdf += line;
  }
  return pdf + "trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
}

// An 8-bit RGB or greyscale PNG's pixels as RGB, row after row (filters
// None and Up only: what the page helper writes); empty if it is not one.
struct Pixels {
  unsigned width = 0, height = 0;
  std::string rgb;
  bool grey = false;  // written as greyscale
};
Pixels decode_png(const std::string& png) {
  Pixels px;
  const auto be32 = [&](std::size_t at) {
    return (static_cast<unsigned>(static_cast<unsigned char>(png[at])) << 24) |
           (static_cast<unsigned>(static_cast<unsigned char>(png[at + 1])) << 16) |
           (static_cast<unsigned>(static_cast<unsigned char>(png[at + 2])) << 8) |
           static_cast<unsigned>(static_cast<unsigned char>(png[at + 3]));
  };
  if (png.size() < 33 || png.compare(0, 8, "\x89PNG\r\n\x1a\n", 8) != 0 || png.compare(12, 4, "IHDR") != 0 ||
      (png.compare(24, 2, "\x08\x02", 2) != 0 && png.compare(24, 2, "\x08\x00", 2) != 0))
    return px;
  const bool grey = png[25] == 0;
  const std::size_t channels = grey ? 1 : 3;
  std::string idat;
  for (std::size_t at = 8; at + 12 <= png.size();) {
    const unsigned n = be32(at);
    if (png.compare(at + 4, 4, "IDAT") == 0) idat += png.substr(at + 8, n);
    at += 12 + n;
  }
  const unsigned w = be32(16), h = be32(20);
  const std::size_t row = static_cast<std::size_t>(w) * channels;
  std::string raw((row + 1) * h, '\0');
  uLongf size = static_cast<uLongf>(raw.size());
  if (::uncompress(reinterpret_cast<Bytef*>(raw.data()), &size, reinterpret_cast<const Bytef*>(idat.data()),
                   static_cast<uLong>(idat.size())) != Z_OK ||
      size != raw.size())
    return px;
  std::string prev(row, '\0');
  for (unsigned y = 0; y < h; ++y) {
    const char filter = raw[y * (row + 1)];
    if (filter != 0 && filter != 2) return {};
    std::string line = raw.substr(y * (row + 1) + 1, row);
    if (filter == 2)
      for (std::size_t i = 0; i < row; ++i) line[i] = static_cast<char>(line[i] + prev[i]);
    if (grey)
      for (char c : line) px.rgb.append(3, c);
    else
      px.rgb += line;
    prev = line;
  }
  px.width = w;
  px.height = h;
  px.grey = grey;
  return px;
}

// The page helpers: a colour drawn as its colour, and a helper that dies
// (a hostile page, or killed) replaced at the next request.
TEST(ServePageHelpers, DrawColoursAndOutliveAHelperThatDies) {
  ::setenv("ARKIV_EXTRACT", ARKIV_EXTRACT_BIN, 1);
  test::Scratch scratch;
  scratch.write("farger.pdf", two_colour_pdf());
  serve::PageHelpers helpers(1);
  EXPECT_EQ(helpers.pids(), std::vector<pid_t>{0});  // started when first needed
  const auto pixel = [](const Pixels& p, unsigned x, unsigned y) { return p.rgb.substr((y * p.width + x) * 3, 3); };
  std::optional<std::string> png = helpers.png(scratch.path("farger.pdf"), 1, 72);
  ASSERT_TRUE(png);
  Pixels px = decode_png(*png);
  ASSERT_EQ(px.width, 200u);
  ASSERT_EQ(px.height, 100u);
  EXPECT_EQ(pixel(px, 10, 50), std::string("\xff\x00\x00", 3));
  EXPECT_EQ(pixel(px, 190, 50), std::string("\x00\x00\xff", 3));
  EXPECT_FALSE(px.grey);
  // A page of greys only is written as greyscale, losslessly.
  scratch.write("gra.pdf", two_colour_pdf("0 g 0 0 100 100 re f 0.5 g 100 0 50 100 re f\n"));
  png = helpers.png(scratch.path("gra.pdf"), 1, 72);
  ASSERT_TRUE(png);
  const Pixels grey = decode_png(*png);
  ASSERT_EQ(grey.width, 200u);
  EXPECT_TRUE(grey.grey);
  EXPECT_EQ(pixel(grey, 10, 50), std::string("\x00\x00\x00", 3));
  EXPECT_EQ(pixel(grey, 120, 50)[0], pixel(grey, 120, 50)[2]);
  EXPECT_NEAR(static_cast<unsigned char>(pixel(grey, 120, 50)[0]), 128, 2);
  EXPECT_EQ(pixel(grey, 190, 50), std::string("\xff\xff\xff", 3));
  // The words of the same document: none on this page, and its size.
  std::optional<extract::PageWords> words = helpers.words(scratch.path("farger.pdf"), 1);
  ASSERT_TRUE(words);
  EXPECT_EQ(words->width, 200);
  EXPECT_TRUE(words->words.empty());
  EXPECT_FALSE(helpers.png(scratch.path("farger.pdf"), 2, 72));  // no such page
  scratch.write("trasig.pdf", "%PDF-1.4\nno objects at all");
  EXPECT_FALSE(helpers.png(scratch.path("trasig.pdf"), 1, 72));
  const pid_t first = helpers.pids()[0];
  ASSERT_GT(first, 0);
  ASSERT_EQ(::kill(first, SIGKILL), 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // the kernel closes its socket
  png = helpers.png(scratch.path("farger.pdf"), 1, 72);
  ASSERT_TRUE(png);
  EXPECT_EQ(decode_png(*png).rgb, px.rgb);
  EXPECT_NE(helpers.pids()[0], first);
}

TEST_F(PageViewTest, ADamagedFileLosesItsImageNotTheServer) {
  // The file as indexed, then damaged on disk: the helper cannot read it,
  // the server says so and goes on answering.
  scratch_.write("protokoll.pdf", "%PDF-1.4\n" + std::string(4096, '\xff'));
  const std::string doc = "/doc/" + serve::percent_encoded(id_);
  EXPECT_EQ(round_trip(port_, get(port_, with_token(doc + "/page/1.png"))).status, 404);
  Reply page = round_trip(port_, get(port_, with_token(doc + "/page/1?q=Zhuhai")));
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Partnerskap med Zhuhai"), std::string::npos);  // the text, from the index
  EXPECT_EQ(page.body.find("<img"), std::string::npos);
  EXPECT_EQ(round_trip(port_, get(port_, with_token("/search?q=Zhuhai"))).status, 200);
}

// A page read by OCR is labelled so on its page, with the confidence the
// index recorded for it. Needs the shared scan and Tesseract.
TEST(ServeOcrPage, LabelledWithItsConfidence) {
  const std::string scan = std::string(ARKIV_SOURCE_DIR) + "/../shared/data/realworld/swedish/rinfo_RA-FS-2006_6_scanned.pdf";
  std::ifstream in(scan, std::ios::binary);
  if (!in) GTEST_SKIP() << "no shared scan at " << scan;
  std::string why;
  if (!ocr_available(&why)) GTEST_SKIP() << "no OCR: " << why;
  ::setenv("ARKIV_LOCALEDIR", ARKIV_LOCALE_DIR, 1);
  ::setenv("ARKIV_EXTRACT", ARKIV_EXTRACT_BIN, 1);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  test::Scratch scratch;
  scratch.write("skannad.pdf", bytes.str());
  IndexOptions io;
  io.extract.ocr = OcrMode::kAuto;
  scratch.index(io);
  Searcher searcher(scratch.search_options());
  const std::optional<RecordInfo> rec = searcher.find(scratch.path("skannad.pdf"));
  ASSERT_TRUE(rec);
  ASSERT_FALSE(rec->page_spans.empty());
  const PageSpan& span = rec->page_spans[0];
  ASSERT_EQ(span.source, PageSource::kOcr);
  ASSERT_GT(span.confidence, 0);
  ServeOptions opts;
  opts.search = scratch.search_options();
  opts.token = kToken;
  Server server(opts);
  server.start();
  const std::string target = with_token("/doc/" + serve::percent_encoded(rec->id) + "/page/1");
  Reply en = round_trip(server.port(), get(server.port(), target));
  ASSERT_EQ(en.status, 200);
  EXPECT_NE(en.body.find("<span class=\"ocr\">read by OCR, confidence " + std::to_string(span.confidence) + "%</span>"),
            std::string::npos)
      << en.body;
  Reply sv = round_trip(server.port(), get(server.port(), target, "Accept-Language: sv\r\n"));
  EXPECT_NE(sv.body.find("<span class=\"ocr\">läst med OCR, säkerhet " + std::to_string(span.confidence) + " %</span>"),
            std::string::npos)
      << sv.body;
  // And the search page counts it among the records with OCR pages, a
  // link narrowing to them.
  std::string word;
  std::istringstream text(rec->pages[0]);
  for (std::string w; word.empty() && text >> w;)
    if (w.size() >= 6 && std::all_of(w.begin(), w.end(), [](unsigned char c) { return std::isalpha(c); })) word = w;
  ASSERT_FALSE(word.empty()) << rec->pages[0];
  Reply facets = round_trip(server.port(), get(server.port(), with_token("/search?q=" + serve::percent_encoded(word))));
  EXPECT_NE(facets.body.find("ocr%3Aja\">with pages read by OCR</a> <span class=\"n\">1</span>"), std::string::npos)
      << facets.body;
  // The link's filter finds it, and the filter excluded does not.
  Reply only = round_trip(server.port(), get(server.port(), with_token("/search?q=" + serve::percent_encoded(word + " ocr:ja"))));
  EXPECT_NE(only.body.find("1 record matches"), std::string::npos) << only.body;
  Reply without =
      round_trip(server.port(), get(server.port(), with_token("/search?q=" + serve::percent_encoded(word + " -ocr:ja"))));
  EXPECT_NE(without.body.find("No hits for"), std::string::npos) << without.body;
}

TEST(ServeQueryWords, FoundOnThePage) {
  EXPECT_EQ(serve::query_words("Zhuhai OR \"Gävle kommun\" -Kina NOT Peking typ:avtal (budget*)"),
            (std::vector<std::string>{"zhuhai", "gävle", "kommun", "budget*"}));
  const std::vector<std::string> words = serve::query_words("budgeten ÅR avtal*");
  EXPECT_TRUE(serve::matches_query_word("Budgeten,", words));
  EXPECT_TRUE(serve::matches_query_word("(budget)", words));  // the same stem
  EXPECT_TRUE(serve::matches_query_word("år.", words));
  EXPECT_TRUE(serve::matches_query_word("avtalet", words));
  EXPECT_TRUE(serve::matches_query_word("Avtalsvillkor", words));
  EXPECT_FALSE(serve::matches_query_word("vårt", words));
  EXPECT_FALSE(serve::matches_query_word("–", words));
}

}  // namespace
}  // namespace arkiv

// The three users' views and the audit, over a small case: two records of
// one diarienummer, dated statements, actors, a personal identity number.
// Each view's JSON is the CLI's (query/result_json.h) for the same call.
namespace arkiv {
namespace {

class ViewsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ::setenv("ARKIV_LOCALEDIR", ARKIV_LOCALE_DIR, 1);
    scratch_.write("a/avtal.txt",
                   "Avtal om partnerskap med Zhuhai\n\nGävle kommun\nDatum: 2016-03-01\nDnr KS 2016/101\n\n"
                   "Gävle kommun och Högskolan i Gävle tecknade avtalet den 1 mars 2016. "
                   "Avtalet gäller till och med 2019. En rad med <script>alert(1)</script> år 2018.\n");
    scratch_.write("a/uppfoljning.txt",
                   "Uppföljning av avtalet med Zhuhai\n\nGävle kommun\nDatum: 2017-05-10\nDnr KS 2016/101\n\n"
                   "Kommunstyrelsen i Gävle kommun följde upp avtalet i april 2017. Kontaktperson 811218-9876.\n");
    scratch_.write("b/annat.txt", "Budget\n\nNämnden fastställer budgeten.\n");
    scratch_.index();
    ServeOptions opts;
    opts.search = scratch_.search_options();
    opts.token = kToken;
    opts.threads = 2;
    server_ = std::make_unique<Server>(opts);
    server_->start();
    port_ = server_->port();
  }

  Reply fetch(const std::string& target) { return round_trip(port_, get(port_, with_token(target))); }

  test::Scratch scratch_;
  std::unique_ptr<Server> server_;
  std::uint16_t port_ = 0;
};

TEST_F(ViewsTest, CasePageListsItsRecordsInDateOrder) {
  Reply r = fetch("/case/KS%202016%2F101");
  ASSERT_EQ(r.status, 200) << r.body;
  const std::size_t first = r.body.find("Avtal om partnerskap med Zhuhai");
  const std::size_t second = r.body.find("Uppföljning av avtalet med Zhuhai");
  ASSERT_NE(first, std::string::npos) << r.body;
  ASSERT_NE(second, std::string::npos);
  EXPECT_LT(first, second);
  EXPECT_NE(r.body.find(">as indexed<"), std::string::npos) << r.body;
  // Any spelling of the number, as `arkiv case` takes it.
  EXPECT_EQ(fetch("/case/KS-2016-0101").status, 200);
  EXPECT_EQ(fetch("/case/KS%202099%2F1").status, 404);

  const Searcher s(scratch_.search_options());
  Reply json = fetch("/case/KS%202016%2F101?format=json");
  EXPECT_EQ(nlohmann::json::parse(json.body), query::case_json("KS 2016/101", s.case_records("KS 2016/101")));
  Reply csv = fetch("/case/KS%202016%2F101?format=csv");
  EXPECT_EQ(csv.body.rfind("id,path,title,type,date,organisation_id,organisation\r\n", 0), 0u) << csv.body;
  EXPECT_EQ(std::count(csv.body.begin(), csv.body.end(), '\n'), 3);
}

// A record citing many cases (a diarium's list) links the first few on its
// row and counts the rest; the exports keep every one.
TEST_F(ViewsTest, ARowLinksItsFirstCaseNumbersAndCountsTheRest) {
  scratch_.write("c/forteckning.txt",
                 "Diarieförteckning\n\nÄrenden: Dnr KS 2016/101, Dnr KS 2016/102, Dnr KS 2016/103, Dnr KS 2016/104, "
                 "Dnr KS 2016/105, Dnr KS 2016/106, Dnr KS 2016/107, Dnr KS 2016/108.\n");
  scratch_.index();
  Reply r = fetch("/search?q=diarief%C3%B6rteckning");
  ASSERT_EQ(r.status, 200) << r.body;
  std::size_t links = 0;
  for (std::size_t at = 0; (at = r.body.find("<a class=\"dnr\"", at)) != std::string::npos; ++at) ++links;
  EXPECT_EQ(links, 5u) << r.body;
  EXPECT_NE(r.body.find(">Dnr KS 2016/105</a>"), std::string::npos) << r.body;
  EXPECT_EQ(r.body.find(">Dnr KS 2016/106</a>"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("<span class=\"more-cases\">and 3 more case numbers</span>"), std::string::npos) << r.body;
  Reply sv = round_trip(port_, get(port_, with_token("/search?q=diarief%C3%B6rteckning"), "Accept-Language: sv\r\n"));
  EXPECT_NE(sv.body.find("<span class=\"more-cases\">och 3 diarienummer till</span>"), std::string::npos) << sv.body;
  const nlohmann::json j = nlohmann::json::parse(fetch("/search?q=diarief%C3%B6rteckning&format=json").body);
  ASSERT_EQ(j["hits"].size(), 1u);
  EXPECT_EQ(j["hits"][0]["case_numbers"].size(), 8u) << j.dump();
}

TEST_F(ViewsTest, CasePageSaysWhenAFileChanged) {
  scratch_.write("a/avtal.txt", "Ändrad i efterhand.\n");
  Reply r = fetch("/case/KS%202016%2F101");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("changed since indexed"), std::string::npos) << r.body;
  std::filesystem::remove(scratch_.path("a/uppfoljning.txt"));
  EXPECT_NE(fetch("/case/KS%202016%2F101").body.find("missing from disk"), std::string::npos);
}

TEST_F(ViewsTest, ActorPageHasNamesYearsContextAndCompany) {
  Reply r = fetch("/actor/G%C3%A4vle%20kommun");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("<h1>Gävle kommun</h1>"), std::string::npos) << r.body;
  // Mentions per year: a bar for 2016 and one for 2017, each a link to the
  // actor's records of that year.
  EXPECT_NE(r.body.find("data-year=\"2016\""), std::string::npos);
  EXPECT_NE(r.body.find("data-year=\"2017\""), std::string::npos);
  EXPECT_NE(r.body.find("href=\"/search?q=akt%C3%B6r%3Agavle-kommun%20%C3%A5r%3A2017&amp;sort=date\""), std::string::npos)
      << r.body;
  // Each mention in context, linked to its page with the form used.
  const Searcher s(scratch_.search_options());
  const std::optional<ActorReferences> refs = s.actor_references("Gävle kommun");
  ASSERT_TRUE(refs);
  ASSERT_FALSE(refs->mentions.empty());
  EXPECT_NE(r.body.find("href=\"/doc/" + refs->mentions[0].id + "/page/1?q="), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("<mark>Gävle kommun</mark>"), std::string::npos);
  // Mentioned together: Högskolan i Gävle, a link to its own page.
  EXPECT_NE(r.body.find("Högskolan i Gävle</a>"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("href=\"/actor/"), std::string::npos);
  EXPECT_EQ(nlohmann::json::parse(fetch("/actor/G%C3%A4vle%20kommun?format=json").body), query::refs_json(*refs));
  EXPECT_EQ(fetch("/actor/G%C3%A4vle%20kommun?format=csv").body, query::refs_csv(*refs));
  EXPECT_EQ(fetch("/actor/Ingen%20s%C3%A5dan").status, 404);
}

TEST_F(ViewsTest, TimelineZoomsByDecadeAndYear) {
  Reply all = fetch("/timeline?q=Zhuhai");
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_NE(all.body.find("href=\"/timeline?q=Zhuhai&amp;decade=2010\""), std::string::npos) << all.body;
  EXPECT_NE(all.body.find("april 2017"), std::string::npos);
  EXPECT_NE(all.body.find("&lt;script&gt;"), std::string::npos);
  EXPECT_EQ(all.body.find("<script>"), std::string::npos);
  Reply year = fetch("/timeline?q=Zhuhai&year=2016");
  ASSERT_EQ(year.status, 200);
  EXPECT_EQ(year.body.find("april 2017"), std::string::npos) << year.body;
  EXPECT_NE(year.body.find("1 mars 2016"), std::string::npos) << year.body;
  // The exports hold what the view shows, with the CLI's keys.
  const Searcher s(scratch_.search_options());
  Timeline tl = s.timeline("Zhuhai");
  Timeline in_2016;
  for (const TimelineEvent& e : tl.events)
    if (e.start.rfind("2016", 0) == 0) in_2016.events.push_back(e);
  ASSERT_FALSE(in_2016.events.empty());
  EXPECT_EQ(nlohmann::json::parse(fetch("/timeline?q=Zhuhai&year=2016&format=json").body),
            query::timeline_json("Zhuhai", in_2016));
  // Each event links to its page.
  EXPECT_NE(year.body.find("href=\"/doc/" + in_2016.events[0].id + "/page/1?q="), std::string::npos) << year.body;
  EXPECT_EQ(fetch("/timeline?q=Zhuhai&year=20x6").status, 404);
}

TEST_F(ViewsTest, AuditPageCountsFindingsByKind) {
  Reply r = fetch("/audit");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("<a href=\"#personal-data\">personal-data</a></td><td>1</td>"), std::string::npos) << r.body;
  // The number itself is never shown.
  EXPECT_EQ(r.body.find("811218-9876"), std::string::npos);
  nlohmann::json j = nlohmann::json::parse(fetch("/audit?format=json").body);
  EXPECT_EQ(j["summary"]["records"], 3);
  EXPECT_EQ(j["summary"]["verified"], 0);
  EXPECT_EQ(nlohmann::json::parse(fetch("/audit?verify=1&format=json").body)["summary"]["verified"], 3);
  scratch_.write("b/annat.txt", "Budget, ändrad.\n");
  Reply changed = fetch("/audit");
  EXPECT_NE(changed.body.find("<h2 id=\"changed\">changed</h2>"), std::string::npos) << changed.body;
  EXPECT_NE(changed.body.find("fixity failed"), std::string::npos);
  EXPECT_EQ(fetch("/audit?format=csv").body.rfind("kind,path,detail\n", 0), 0u);
}

TEST_F(ViewsTest, SearchRowsLinkToCaseAndActor) {
  Reply r = fetch("/search?q=uppf%C3%B6ljning");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("<a class=\"dnr\" href=\"/case/KS%202016%2F101\">Dnr KS 2016/101</a>"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("<a class=\"actor\" href=\"/actor/gavle-kommun\">Gävle kommun</a>"), std::string::npos) << r.body;
  // The year histogram: one bar per year, each narrowing to it.
  Reply both = fetch("/search?q=Zhuhai");
  EXPECT_NE(both.body.find("<a href=\"/search?q=Zhuhai%20%C3%A5r%3A2016\" role=\"listitem\" data-year=\"2016\">"),
            std::string::npos)
      << both.body;
  // The organisation of their case numbers, a link narrowing to it, which
  // finds as many records as it counts.
  const std::string org = "<a href=\"/search?q=Zhuhai%20organisation%3Agavle-kommun\">Gävle kommun</a> <span class=\"n\">2</span>";
  EXPECT_NE(both.body.find(org), std::string::npos) << both.body;
  Reply narrowed = fetch("/search?q=Zhuhai%20organisation%3Agavle-kommun");
  EXPECT_NE(narrowed.body.find("2 records match"), std::string::npos) << narrowed.body;
}

TEST_F(ViewsTest, PersonalIdentityNumbersAreMaskedOnEveryPage) {
  // The record text, its snippet, the JSON and CSV exports and the page:
  // masked as the CLI masks them (19811218-XXXX).
  for (const std::string& target : {std::string("/search?q=Kontaktperson"), std::string("/search?q=Kontaktperson&format=json"),
                                    std::string("/search?q=Kontaktperson&format=csv"), std::string("/timeline?q=Kontaktperson"),
                                    std::string("/timeline?q=Kontaktperson&format=json")}) {
    Reply r = fetch(target);
    EXPECT_EQ(r.status, 200) << target;
    EXPECT_EQ(r.body.find("9876"), std::string::npos) << target << "\n" << r.body;
  }
  Reply page = fetch("/search?q=Kontaktperson");
  EXPECT_NE(page.body.find("XXXX"), std::string::npos) << page.body;
  const Searcher s(scratch_.search_options());
  const std::optional<RecordInfo> rec = s.find(scratch_.path("a/uppfoljning.txt"));
  ASSERT_TRUE(rec);
  Reply view = fetch("/doc/" + serve::percent_encoded(rec->id) + "/page/1");
  EXPECT_EQ(view.status, 200);
  EXPECT_EQ(view.body.find("9876"), std::string::npos) << view.body;
  EXPECT_NE(view.body.find("XXXX"), std::string::npos) << view.body;
}

}  // namespace
}  // namespace arkiv
