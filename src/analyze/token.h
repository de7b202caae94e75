// A token of the Swedish analysis chain: one term a record's text gives
// the index, with its place and weight, before anything reaches a
// Xapian::Document (index/tokens.h writes them). The index half
// (analyze/index_tokens.h) makes them from a record's text; the query half
// (analyze/query_terms.h) says which of them a query word asks for. Free
// of Xapian types, so that both halves are tested on tokens, in pairs.
#pragma once

#include <cstdint>
#include <string>

namespace arkiv::analyze {

// What a token stands for. Words and their stems live in two term spaces
// of the index: a stem is stored as "Z" plus its text (Xapian's
// convention, schema-free), everything else as its text.
enum class TokenKind : std::uint8_t {
  kWord,      // a word as written, lower case: "partnerskapsavtalet", "2015", "珠海"
  kElliptic,  // the full form an elliptic compound stands for: "miljöområdet"
              // at "miljö-" in "miljö- och klimatområdet"; a word to the chain
  kStem,      // the stem of a word or of a part ("partnerskapsavtal", "avtal")
  kPart,      // a compound's part or run of parts: "partnerskap", "avtalet"
  kFolded,    // a word or part without diacritics: "gavle" for "gävle"
};

// Weight (wdf) of a word as written, per occurrence. Its compound parts,
// elliptic expansions' parts and diacritic-free forms count kVariantWdf: a
// record that says "avtal" ranks above one that only says
// "partnerskapsavtalet" for `avtal`, and one that says "far" above one that
// says "får" for `far`. 4 measured best of 1-8 on SweFAQ
// (docs/swedish-analysis.md, "Quality of Swedish search"). Stored in every
// index: changing them changes the ranking of records indexed before.
inline constexpr unsigned kWordWdf = 4;
inline constexpr unsigned kVariantWdf = 1;

struct Token {
  std::string text;         // the term without its term-space prefix
  std::uint32_t pos = 0;    // term position, from 1; 0: none (a title word, a CJK bigram,
                            // a stem whose word is its own stem: own_stem())
  TokenKind kind = TokenKind::kWord;
  std::uint32_t wdf = 0;    // what this occurrence adds to the term's wdf

  bool stem() const { return kind == TokenKind::kStem; }
  bool operator==(const Token&) const = default;
};

}  // namespace arkiv::analyze
