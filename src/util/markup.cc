#include "util/markup.h"

namespace arkiv::util {

std::string markup_escaped(const std::string& s) {
  // Bytes kept as they are go over in runs, not a char at a time: a search
  // page escapes about 200 strings, its titles, paths and snippets.
  const auto plain = [](unsigned char c) {
    return c != '&' && c != '<' && c != '>' && c != '"' && (c >= 0x20 || c == '\t' || c == '\n' || c == '\r');
  };
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t j = i;
    while (j < s.size() && plain(static_cast<unsigned char>(s[j]))) ++j;
    out.append(s, i, j - i);
    if (j == s.size()) break;
    switch (s[j]) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += "&#xFFFD;";  // a control character
    }
    i = j + 1;
  }
  return out;
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace arkiv::util
