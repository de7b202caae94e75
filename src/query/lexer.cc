#include "query/lexer.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cctype>

namespace arkiv::query {
namespace {

bool space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// Where the letters-only name starting at `at` ends (== at when the first
// character is no letter).
std::size_t letters_end(std::string_view s, std::size_t at) {
  std::size_t i = at;
  while (i < s.size()) {
    int32_t j = static_cast<int32_t>(i);
    UChar32 c;
    U8_NEXT(s.data(), j, static_cast<int32_t>(s.size()), c);
    if (c < 0 || !u_isalpha(c)) break;
    i = static_cast<std::size_t>(j);
  }
  return i;
}

bool is_operator(std::string_view w) {
  for (std::string_view op : {"AND", "OR", "NOT", "XOR"})
    if (w == op) return true;
  for (std::string_view op : {"NEAR", "ADJ"}) {
    if (w.substr(0, op.size()) != op) continue;
    std::string_view rest = w.substr(op.size());
    if (rest.empty()) return true;
    if (rest.size() < 2 || rest[0] != '/') return false;
    for (char c : rest.substr(1))
      if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    return true;
  }
  return false;
}

}  // namespace

std::vector<Token> lex(std::string_view q) {
  std::vector<Token> out;
  std::size_t i = 0;
  bool glued = false;
  while (i < q.size()) {
    if (space(q[i])) {
      ++i;
      glued = false;
      continue;
    }
    Token t;
    t.glued = glued && !out.empty();
    t.begin = i;
    // A sign starts a token and sticks to what follows it.
    if ((q[i] == '+' || q[i] == '-') && i + 1 < q.size() && !space(q[i + 1]) && q[i + 1] != ')' &&
        (out.empty() || !t.glued || out.back().kind == TokenKind::kOpen)) {
      t.sign = q[i];
      ++i;
    }
    const char c = q[i];
    if (c == '(' || c == ')') {
      t.kind = c == '(' ? TokenKind::kOpen : TokenKind::kClose;
      t.text = std::string(1, c);
      t.end = ++i;
      out.push_back(std::move(t));
      glued = true;
      continue;
    }
    if (c == '"') {
      const std::size_t close = q.find('"', i + 1);
      const std::size_t stop = close == std::string_view::npos ? q.size() : close;
      t.kind = TokenKind::kPhrase;
      t.text = std::string(q.substr(i + 1, stop - i - 1));
      i = close == std::string_view::npos ? q.size() : close + 1;
      t.end = i;
      out.push_back(std::move(t));
      glued = true;
      continue;
    }
    // A field: letters, ':', a value.
    const std::size_t name_end = letters_end(q, i);
    if (name_end > i && name_end + 1 < q.size() && q[name_end] == ':' && !space(q[name_end + 1]) &&
        q[name_end + 1] != '/' && q[name_end + 1] != ')') {
      t.kind = TokenKind::kField;
      t.field = std::string(q.substr(i, name_end - i));
      std::size_t v = name_end + 1;
      if (q[v] == '"') {
        const std::size_t close = q.find('"', v + 1);
        const std::size_t stop = close == std::string_view::npos ? q.size() : close;
        t.text = std::string(q.substr(v + 1, stop - v - 1));
        t.quoted = true;
        i = close == std::string_view::npos ? q.size() : close + 1;
      } else {
        std::size_t e = v;
        while (e < q.size() && !space(q[e]) && q[e] != ')') ++e;
        t.text = std::string(q.substr(v, e - v));
        i = e;
      }
      t.end = i;
      out.push_back(std::move(t));
      glued = true;
      continue;
    }
    std::size_t e = i;
    while (e < q.size() && !space(q[e]) && q[e] != '"' && q[e] != '(' && q[e] != ')') ++e;
    t.text = std::string(q.substr(i, e - i));
    t.kind = !t.sign && is_operator(t.text) ? TokenKind::kOperator : TokenKind::kWord;
    i = e;
    t.end = i;
    out.push_back(std::move(t));
    glued = true;
  }
  return out;
}

std::string render(const Token& t) {
  std::string s;
  if (t.sign) s += t.sign;
  switch (t.kind) {
    case TokenKind::kPhrase:
      s += '"' + t.text + '"';
      break;
    case TokenKind::kField:
      s += t.field + ':' + (t.quoted ? '"' + t.text + '"' : t.text);
      break;
    default:
      s += t.text;
  }
  return s;
}

std::string render(const std::vector<Token>& tokens, std::vector<std::pair<std::size_t, std::size_t>>* spans) {
  std::string out;
  if (spans) spans->clear();
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (i > 0 && !tokens[i].glued) out += ' ';
    const std::size_t b = out.size();
    out += render(tokens[i]);
    if (spans) spans->emplace_back(b, out.size());
  }
  return out;
}

}  // namespace arkiv::query
