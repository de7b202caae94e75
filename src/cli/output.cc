#include "cli/output.h"

#include <sys/ioctl.h>
#include <unicode/utf8.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
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

namespace {
bool partial_read = false;
}  // namespace

void note_partial(const ShardReport& report) {
  partial_read = true;
  for (const ShardFailure& f : report.failed)
    print_error(tr_format("shard {1} did not answer ({2}); the output is from the {3} that did", f.shard, f.reason,
                          std::to_string(report.answered)));
}

bool read_was_partial() { return partial_read; }

namespace {

// Characters (code points) in UTF-8 `s`: its width on a terminal, for the
// Latin letters of Swedish file names.
std::size_t columns_of(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// The last `n` characters of `s`.
std::string last_columns(const std::string& s, std::size_t n) {
  std::size_t cut = s.size();
  for (std::size_t kept = 0; cut > 0 && kept < n;) {
    --cut;
    if ((static_cast<unsigned char>(s[cut]) & 0xC0) != 0x80) ++kept;
  }
  return s.substr(cut);
}

// The first `n` characters of `s`.
std::string first_columns(const std::string& s, std::size_t n) {
  std::size_t end = 0;
  for (std::size_t kept = 0; end < s.size(); ++end) {
    if ((static_cast<unsigned char>(s[end]) & 0xC0) != 0x80 && kept++ == n) break;
  }
  return s.substr(0, end);
}

// The width of the terminal on stderr; 80 if it does not say.
std::size_t terminal_columns() {
  winsize ws{};
  if (::ioctl(fileno(stderr), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  return 80;
}

long long now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

Progress::Progress() : enabled_(is_terminal(stderr)) {}
Progress::~Progress() { clear(); }

void Progress::update(std::size_t done, std::size_t total, const std::string& what) {
  if (!enabled_) return;
  const long long now = now_ms();
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

std::string ocr_progress_text(const OcrProgress& ocr, std::size_t columns) {
  const auto read = static_cast<long long>(ocr.pages_read);
  std::string head = tr_nformat("OCR: {1} page read", "OCR: {1} pages read", read, read);
  if (ocr.pages_read > 0 && ocr.busy_seconds > 0) {
    const long long tenths = std::llround(10 * static_cast<double>(ocr.pages_read) / ocr.busy_seconds);
    const std::string rate =
        std::to_string(tenths / 10) + (swedish() ? "," : ".") + std::to_string(tenths % 10);
    head += ", " + tr_format("{1} pages/s", rate);
  }
  std::string left;
  if (ocr.pages_to_read >= ocr.page && ocr.page > 0 && ocr.pages_read > 0) {
    const double per_page = ocr.page_seconds / static_cast<double>(ocr.pages_read);
    const double seconds = static_cast<double>(ocr.pages_to_read - ocr.page) * per_page +
                           std::max(0.0, per_page - ocr.page_elapsed);
    if (seconds < 59.5)
      left = ", " + tr_format("about {1} s left", std::max<long long>(1, std::llround(seconds)));
    else
      left = ", " + tr_format("about {1} min left", std::llround(seconds / 60));
  }
  auto line = [&](const std::string& path) {
    return head + "; " +
           (ocr.pages_to_read >= ocr.page && ocr.page > 0
                ? tr_format("page {1} of {2} of {3}", ocr.page, ocr.pages_to_read, path)
                : tr_format("page {1} of {2}", ocr.page, path)) +
           left;
  };
  const std::string path = printable(ocr.path);
  std::string out = line(path);
  const std::size_t width = columns_of(out);
  if (width <= columns) return out;
  // Too wide: the path loses its beginning, down to its last 8
  // characters; a terminal narrower than that loses the line's end.
  const std::size_t over = width - columns;
  const std::size_t path_width = columns_of(path);
  if (path_width > over + 1 + 8) out = line("…" + last_columns(path, path_width - over - 1));
  else if (path_width > 9) out = line("…" + last_columns(path, 8));
  return columns_of(out) <= columns ? out : first_columns(out, columns);
}

void Progress::update(const IndexProgress& p) {
  if (p.ocr.path.empty()) {
    if (ocr_drawn_) last_ms_ = 0;
    ocr_drawn_ = false;
    return update(p.done, p.total, p.path);
  }
  if (!enabled_) return;
  const long long now = now_ms();
  if (now - last_ms_ < 100) return;
  last_ms_ = now;
  const std::string files = tr_format("[{1}/{2}] ", p.done, p.total);
  // One column short of the width: a line that fills the last column
  // wraps on some terminals, and "\r" would then erase only its second row.
  const std::size_t columns = terminal_columns();
  const std::size_t used = columns_of(files) + 1;
  std::cerr << "\r\033[K" << files << ocr_progress_text(p.ocr, columns > used ? columns - used : 0) << std::flush;
  drawn_ = ocr_drawn_ = true;
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
