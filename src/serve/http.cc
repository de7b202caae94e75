#include "serve/http.h"

#include <random>

#include "util/markup.h"

namespace arkiv::serve {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// Compares in time independent of where the strings differ: the token is
// a secret a page elsewhere could otherwise guess byte by byte by timing.
bool same_secret(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

// The value of cookie `name` in a Cookie header ("a=1; arkiv_token_8080=x").
std::optional<std::string> cookie_value(std::string_view header, const std::string& name) {
  std::size_t at = 0;
  while (at < header.size()) {
    std::size_t end = header.find(';', at);
    if (end == std::string_view::npos) end = header.size();
    std::string_view pair = header.substr(at, end - at);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    const std::size_t eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name) return std::string(pair.substr(eq + 1));
    at = end + 1;
  }
  return std::nullopt;
}

const char* status_text(int status) {
  switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 413: return "Payload Too Large";
    case 414: return "URI Too Long";
    case 421: return "Misdirected Request";
    case 503: return "Service Unavailable";
    default: return "Internal Server Error";
  }
}

}  // namespace

const std::vector<std::pair<std::string, std::string>>& security_headers() {
  static const std::vector<std::pair<std::string, std::string>> kHeaders = {
      {"Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; form-action 'self'"},
      {"X-Content-Type-Options", "nosniff"},
      {"X-Frame-Options", "DENY"},
      {"Referrer-Policy", "no-referrer"},
      {"Cache-Control", "no-store"},
  };
  return kHeaders;
}

std::string percent_decoded(std::string_view s, bool plus_is_blank) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      const int hi = hex_value(s[i + 1]), lo = hex_value(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    out += plus_is_blank && s[i] == '+' ? ' ' : s[i];
  }
  return out;
}

std::string percent_encoded(std::string_view s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (char c : s) {
    const auto b = static_cast<unsigned char>(c);
    if ((b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '-' || b == '.' ||
        b == '_' || b == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[b >> 4];
      out += kHex[b & 15];
    }
  }
  return out;
}

Target parse_target(std::string_view target) {
  Target t;
  const std::size_t q = target.find('?');
  const std::string_view path = target.substr(0, q);
  t.path = percent_decoded(path, false);
  for (std::size_t at = 1; at <= path.size();) {
    std::size_t slash = path.find('/', at);
    if (slash == std::string_view::npos) slash = path.size();
    t.segments.push_back(percent_decoded(path.substr(at, slash - at), false));
    at = slash + 1;
  }
  if (q == std::string_view::npos) return t;
  std::string_view query = target.substr(q + 1);
  while (!query.empty()) {
    std::size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    const std::size_t eq = pair.find('=');
    std::string name = percent_decoded(pair.substr(0, eq), true);
    std::string value = eq == std::string_view::npos ? std::string() : percent_decoded(pair.substr(eq + 1), true);
    t.params.emplace(std::move(name), std::move(value));
  }
  return t;
}

std::string random_token() {
  std::random_device rd;  // getrandom(2) on Linux
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 4; ++i) {
    std::uint32_t v = rd();
    for (int k = 0; k < 8; ++k, v >>= 4) out += kHex[v & 15];
  }
  return out;
}

std::string cookie_name(std::uint16_t port) { return "arkiv_token_" + std::to_string(port); }

std::optional<std::string> set_cookie(const Target& target, std::uint16_t port, const std::string& token) {
  auto it = target.params.find("token");
  if (it == target.params.end() || !same_secret(it->second, token)) return std::nullopt;
  return cookie_name(port) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict";
}

bool is_ip_literal(std::string_view host) {
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    const std::string_view inner = host.substr(1, host.size() - 2);
    return inner.find_first_not_of("0123456789abcdefABCDEF:.") == std::string_view::npos &&
           inner.find(':') != std::string_view::npos;
  }
  // Four decimal parts, each 0..255.
  int parts = 0;
  std::size_t at = 0;
  while (at <= host.size()) {
    std::size_t dot = host.find('.', at);
    if (dot == std::string_view::npos) dot = host.size();
    const std::string_view part = host.substr(at, dot - at);
    if (part.empty() || part.size() > 3 || part.find_first_not_of("0123456789") != std::string_view::npos ||
        std::stoi(std::string(part)) > 255)
      return false;
    ++parts;
    at = dot + 1;
  }
  return parts == 4;
}

std::optional<Response> refusal(const Request& req, const Target& target, std::uint16_t port,
                                const std::string& token, const std::function<std::string(const char*)>& tr,
                                bool ip_hosts) {
  const std::string host = ascii_lower(req.host);
  std::string p = ":";  // (":" + to_string(): a false -Wrestrict of GCC 12)
  p += std::to_string(port);
  const auto is = [&](std::string_view name) {
    return host.size() == name.size() + p.size() && host.compare(0, name.size(), name) == 0 &&
           host.compare(name.size(), std::string::npos, p) == 0;
  };
  const bool ip = ip_hosts && host.size() > p.size() && host.compare(host.size() - p.size(), p.size(), p) == 0 &&
                  is_ip_literal(std::string_view(host).substr(0, host.size() - p.size()));
  if (!is("localhost") && !is("127.0.0.1") && !is("[::1]") && !ip)
    return error_response(421, tr("This server answers only to the addresses localhost, 127.0.0.1 and [::1]."));
  if (req.method != "GET" && req.method != "HEAD") {
    Response r = error_response(405, tr("Only GET and HEAD: this server is read-only."));
    r.headers.emplace_back("Allow", "GET, HEAD");
    return r;
  }
  auto it = target.params.find("token");
  const std::optional<std::string> cookie = cookie_value(req.cookie, cookie_name(port));
  const bool ok = (it != target.params.end() && same_secret(it->second, token)) || (cookie && same_secret(*cookie, token));
  if (!ok)
    return error_response(403, tr("Open the address `arkiv serve` printed, with its token, to use this page."));
  return std::nullopt;
}

Response error_response(int status, const std::string& message) {
  Response r;
  r.status = status;
  const std::string title = std::to_string(status) + " " + status_text(status);
  r.body = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + title + "</title></head><body><h1>" +
           title + "</h1><p>" + util::markup_escaped(message) + "</p></body></html>\n";
  return r;
}

}  // namespace arkiv::serve
