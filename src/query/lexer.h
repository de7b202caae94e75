// The one reader of a query string: typed tokens (word, phrase,
// field:value, operator, sign, parentheses) with their byte offsets. The
// filter table (query/filters.h), the query front end (query/front_end.h),
// "did you mean" and the question fallback all read a query through it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace arkiv::query {

enum class TokenKind {
  kWord,      // a run of anything but space, '"', '(' and ')': "Zhuhai", "10:30", "SFS", "2018:218", "https://x.se"
  kPhrase,    // "Högskolan i Gävle": `text` is what is inside the quotes
  kField,     // name:value (the rule at lex()); `field` the name as typed, `text` the value without quotes
  kOperator,  // AND, OR, NOT, XOR, NEAR, ADJ, NEAR/3, ADJ/2 (upper case only, as Xapian reads them)
  kOpen,      // (
  kClose,     // )
};

struct Token {
  TokenKind kind = TokenKind::kWord;
  std::string text;
  std::string field;    // kField: the name as typed ("Typ" in "Typ:avtal")
  bool quoted = false;  // kField: the value was in quotes (dnr:"KS 2015/456")
  char sign = 0;        // '+' or '-' typed right before the token ("-Kina"), else 0
  bool glued = false;   // no space between this token and the one before ("(Kina", "ICLD,")
  std::size_t begin = 0, end = 0;  // bytes of the lexed string, sign and quotes included

  bool operator==(const Token&) const = default;
};

// The tokens of `query`. Never throws; every byte belongs to a token or to
// the spaces between them, and an unclosed quote runs to the end.
//
// What is a field: a name of letters only (Unicode letters: "år",
// "aktör", "sökväg"), at the start of a token (after a space, '(' or a
// sign), followed directly by ':' and a value that is not empty, does not
// start with a space or '/', and runs to the next space or ')' (or is in
// quotes). So a colon in ordinary text stays text: "kl. 10:30", "SFS
// 2018:218", "prop. 1999/2000:17", "Dir. 2019:12" (digits before the
// colon), "https://www.gavle.se" ("//" after it), "Obs: läs" (a space
// after it). Whether a field names a filter is for the filter table
// (front_end.h: an unknown name of one letter, "S:t Eriks", "s:a", or
// with an ending for value, "SKR:s", "EU:s", is text; any other unknown
// name is an error).
//
// A sign is '+' or '-' at the start of a token, directly followed by what
// it applies to ("-Kina", "+avtal", "-\"ICLD Kina\"", "-(Kina OR Jilin)"
// gives the '(' the sign). A lone "-" or one inside a word ("Post-",
// "2016-2020") is text.
std::vector<Token> lex(std::string_view query);

// The query Xapian's QueryParser reads for `tokens`: each token as typed
// (a phrase and a quoted value in quotes), one space between tokens that
// are not glued. `spans`, if given, gets each token's [begin, end) in the
// result.
std::string render(const std::vector<Token>& tokens, std::vector<std::pair<std::size_t, std::size_t>>* spans = nullptr);

// One token as render() writes it.
std::string render(const Token& token);

}  // namespace arkiv::query
