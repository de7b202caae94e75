#include "cli/output.h"

#include <unicode/utf8.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <iostream>

#include "cli/i18n.h"

namespace arkiv::cli {

bool is_terminal(std::FILE* stream) { return ::isatty(fileno(stream)) == 1; }

bool use_color(std::FILE* stream) {
  const char* no = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  return is_terminal(stream) && !(no && *no) && !(term && std::string(term) == "dumb");
}

std::string render_snippet(const std::string& snippet, const std::vector<Highlight>& hl, bool color) {
  if (!color) return snippet;
  std::string out;
  std::size_t at = 0;
  for (auto [b, e] : hl) {
    if (b < at || e > snippet.size()) continue;
    out += snippet.substr(at, b - at);
    out += "\033[1;31m" + snippet.substr(b, e - b) + "\033[0m";
    at = e;
  }
  out += snippet.substr(at);
  return out;
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string printable(std::string_view s) {
  static const char* kHex = "0123456789abcdef";
  std::string out;
  out.reserve(s.size());
  const auto n = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < n;) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    if (c < 0) {  // a byte that is not UTF-8: each one as \xNN
      for (int32_t k = start; k < i; ++k) {
        const auto b = static_cast<unsigned char>(s[static_cast<std::size_t>(k)]);
        out += "\\x";
        out += kHex[b >> 4];
        out += kHex[b & 15];
      }
      continue;
    }
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < 0x20 || c == 0x7F) {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else if ((c >= 0x80 && c < 0xA0) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)) {
      out += "\\u";
      for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(c >> shift) & 15];
    } else {
      out.append(s.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
    }
  }
  return out;
}

void print_json(const nlohmann::json& j) {
  std::cout << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

void print_error(const std::string& message) {
  std::cout.flush();
  std::cerr << "arkiv: " << printable(message) << '\n';
}

Progress::Progress() : enabled_(is_terminal(stderr)) {}
Progress::~Progress() { clear(); }

void Progress::update(std::size_t done, std::size_t total, const std::string& what) {
  if (!enabled_) return;
  long long now = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now().time_since_epoch())
                      .count();
  if (done != total && now - last_ms_ < 100) return;
  last_ms_ = now;
  std::string name = printable(what);
  if (name.size() > 50) {
    std::size_t cut = name.size() - 49;
    while (cut < name.size() && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) ++cut;
    name = "…" + name.substr(cut);
  }
  std::cerr << "\r\033[K" << tr_format("[{1}/{2}] {3}", done, total, name) << std::flush;
  drawn_ = true;
}

void Progress::clear() {
  if (drawn_) std::cerr << "\r\033[K" << std::flush;
  drawn_ = false;
}

std::string examples(std::initializer_list<const char*> commands) {
  std::string out = tr("Examples:");
  for (const char* c : commands) out += std::string("\n  ") + c;
  return out;
}

}  // namespace arkiv::cli
