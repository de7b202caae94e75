// The HTTP side of `arkiv serve` that needs no socket: a request and an
// answer as plain data, the URL codec, and the checks every request passes
// before a page is made (Host, method, token). Kept apart from Beast
// (serve/server.cc) so that each check is a function a unit test calls.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace arkiv::serve {

// What the pages need of a request, copied out of Beast's parser.
struct Request {
  std::string method;           // "GET", "HEAD", "POST", ...
  std::string target;           // "/search?q=Zhuhai", as sent
  std::string host;             // the Host header, "" if none
  std::string cookie;           // the Cookie header, "" if none
  std::string accept_language;  // the Accept-Language header, "" if none
};

// An answer. The server adds the headers every answer carries
// (Content-Security-Policy and the rest, serve/server.cc).
struct Response {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // more headers: Set-Cookie, Allow, Location
};

// The headers on every answer: no framing, no sniffing, no referrer, no
// caching, no script or style but the server's own, and no CORS headers
// at all (no page elsewhere may read an answer).
const std::vector<std::pair<std::string, std::string>>& security_headers();

// Request line and headers together may be this long; a longer request
// (a 1 MB query in the URL) is answered 414 and closed. A request may
// carry no body (GET and HEAD have none): a body is answered 413.
inline constexpr std::size_t kMaxHeaderBytes = 16 * 1024;

// The target split: path percent-decoded, query parameters decoded
// ("+" is a blank) in order; a repeated parameter keeps its first value.
struct Target {
  std::string path;
  std::vector<std::string> segments;  // the path's segments, each decoded: "/doc/a%2Fb/page/2" -> "doc", "a/b", "page", "2"
  std::map<std::string, std::string> params;
  std::string param(const std::string& name) const {
    auto it = params.find(name);
    return it == params.end() ? std::string() : it->second;
  }
};
Target parse_target(std::string_view target);

// "%XX" decoded ("+" as a blank when `plus_is_blank`); a malformed escape
// is kept as written.
std::string percent_decoded(std::string_view s, bool plus_is_blank);
// Every byte but A-Z a-z 0-9 - . _ ~ as "%XX": a URL path segment or query
// value (a record id "a/b.pdf#bilaga 2.pdf" becomes one segment).
std::string percent_encoded(std::string_view s);

// 128 random bits as 32 hex digits, from the system's random source.
std::string random_token();

// Why a request is refused before any page is made, or nullopt to answer
// it: a Host header other than localhost, 127.0.0.1 or [::1] with `port`
// (DNS rebinding: a page on evil.example resolved to 127.0.0.1 sends its
// own name) -> 421; a method other than GET and HEAD -> 405 (Allow: GET,
// HEAD); no token, neither `token=` in the query nor the cookie
// cookie_name(port) -> 403. Checked in that order. The page says why in
// the words `tr` gives for an English message (the request's language).
// `ip_hosts`: the server listens beyond loopback (ServeOptions::bind), and
// a Host that is an IP address with `port` ("192.168.1.5:8080",
// "[fe80::1]:8080") is answered too; a name other than localhost never is.
std::optional<Response> refusal(const Request& req, const Target& target, std::uint16_t port,
                                const std::string& token, const std::function<std::string(const char*)>& tr,
                                bool ip_hosts = false);

// Whether `host` ("192.168.1.5", "[::1]") is an IP address literal as a
// Host header writes one (IPv6 in brackets).
bool is_ip_literal(std::string_view host);

// The cookie the token is kept in after the first visit: its name carries
// the port, so two servers on one machine keep theirs apart.
std::string cookie_name(std::uint16_t port);
// Set-Cookie when the request brought the token in its URL (the first
// visit): HttpOnly, SameSite=Strict, path /. nullopt otherwise.
std::optional<std::string> set_cookie(const Target& target, std::uint16_t port, const std::string& token);

// A plain page for an error status (403, 404, 405, 413, 414, 421, 500...):
// `message` is escaped.
Response error_response(int status, const std::string& message);

}  // namespace arkiv::serve
