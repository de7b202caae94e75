// escape_name() and unescape_name() (arkiv/record.h): the one form in which
// a file or member name that is not UTF-8 is stored in the index's JSON and
// written in --json. Before it, names were stored with each such byte
// replaced by U+FFFD: a Latin-1 "café.txt" came back as another name, so
// every audit listed it both missing and new, and a change to its bytes was
// never reported.
#include <unicode/utf8.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "arkiv/record.h"

namespace arkiv {
namespace {

constexpr char kHex[] = "0123456789abcdef";

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Whether `s` holds an escape, "\xNN" (either case), at `i`.
bool escape_at(std::string_view s, std::size_t i) {
  return i + 3 < s.size() && s[i] == '\\' && s[i + 1] == 'x' && hex_value(s[i + 2]) >= 0 && hex_value(s[i + 3]) >= 0;
}

void append_escape(std::string& out, unsigned char b) {
  out += "\\x";
  out += kHex[b >> 4];
  out += kHex[b & 15];
}

}  // namespace

bool is_utf8(std::string_view s) {
  const auto n = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    if (c < 0) return false;
  }
  return true;
}

std::string escape_name(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  const auto n = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < n;) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    if (c < 0) {  // each byte of an ill-formed sequence on its own
      for (int32_t k = start; k < i; ++k) append_escape(out, static_cast<unsigned char>(s[static_cast<std::size_t>(k)]));
    } else if (c == '\\' && escape_at(s, static_cast<std::size_t>(start))) {
      append_escape(out, '\\');
    } else {
      out.append(s.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
    }
  }
  return out;
}

std::string unescape_name(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    if (escape_at(s, i)) {
      out += static_cast<char>(hex_value(s[i + 2]) * 16 + hex_value(s[i + 3]));
      i += 4;
    } else {
      out += s[i++];
    }
  }
  return out;
}

}  // namespace arkiv
