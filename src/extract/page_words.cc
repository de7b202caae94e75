#include "extract/page_words.h"

#include <charconv>
#include <cstdio>

namespace arkiv::extract {
namespace {

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", v);
  return buf;
}

// The next blank-separated field of `s`, consumed.
std::string_view field(std::string_view& s) {
  const std::size_t blank = s.find(' ');
  std::string_view f = s.substr(0, blank);
  s = blank == std::string_view::npos ? std::string_view() : s.substr(blank + 1);
  return f;
}

bool to_double(std::string_view s, double& out) {
  if (s.empty()) return false;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size();
}

}  // namespace

std::string format_page_words(const PageWords& p) {
  std::string out = number(p.width) + " " + number(p.height) + "\n";
  for (const PageWord& w : p.words) {
    if (w.text.find('\n') != std::string::npos) continue;
    out += number(w.x0) + " " + number(w.y0) + " " + number(w.x1) + " " + number(w.y1) + " " + w.text + "\n";
  }
  return out;
}

std::optional<PageWords> parse_page_words(std::string_view text) {
  PageWords p;
  bool first = true;
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    if (nl == std::string_view::npos) return std::nullopt;
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl + 1);
    if (first) {
      if (!to_double(field(line), p.width) || !to_double(field(line), p.height) || !line.empty()) return std::nullopt;
      first = false;
      continue;
    }
    PageWord w;
    if (!to_double(field(line), w.x0) || !to_double(field(line), w.y0) || !to_double(field(line), w.x1) ||
        !to_double(field(line), w.y1))
      return std::nullopt;
    w.text = std::string(line);
    p.words.push_back(std::move(w));
  }
  if (first) return std::nullopt;
  return p;
}

std::string encode_page_request(const PageRequest& r) {
  if (r.ask == PageAsk::kWords) return "words " + std::to_string(r.page) + " " + r.path;
  return "png " + std::to_string(r.page) + " " + std::to_string(r.dpi) + " " + r.path;
}

std::optional<PageRequest> decode_page_request(std::string_view body) {
  const auto positive = [](std::string_view s, int& out) {
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && end == s.data() + s.size() && out >= 1 && out <= 100000;
  };
  PageRequest r;
  const std::string_view ask = field(body);
  if (ask == "png") {
    r.ask = PageAsk::kPng;
  } else if (ask != "words") {
    return std::nullopt;
  }
  if (!positive(field(body), r.page)) return std::nullopt;
  if (r.ask == PageAsk::kPng && !positive(field(body), r.dpi)) return std::nullopt;
  if (body.empty()) return std::nullopt;
  r.path = std::string(body);
  return r;
}

}  // namespace arkiv::extract
