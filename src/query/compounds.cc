#include "query/compounds.h"

#include <map>

#include "analyze/query_terms.h"
#include "analyze/token.h"

namespace arkiv::query {
namespace {

// The parts of a compound asked for apart must stand this close: a window
// of three positions a part ("försörjning av vatten", "försörjningen av
// dricksvatten" for `vattenförsörjning`), not anywhere in a record of a
// hundred pages.
constexpr unsigned kPartsWindow = 3;

bool near_operator(const Token& t) {
  return t.kind == TokenKind::kOperator && (t.text.rfind("NEAR", 0) == 0 || t.text.rfind("ADJ", 0) == 0);
}

Xapian::Query term(const analyze::Token& t) { return Xapian::Query((t.stem() ? "Z" : "") + t.text); }

class CompoundField : public Xapian::FieldProcessor {
 public:
  // Never throws: Xapian 1.4.22's QueryParser frees memory it does not own
  // when a field processor throws (query/filters.h).
  Xapian::Query operator()(const std::string& word) override {
    try {
      const std::vector<analyze::Token> whole = analyze::query_tokens(word);
      std::vector<Xapian::Query> words;
      for (const analyze::Token& t : whole) words.push_back(term(t));
      Xapian::Query q(Xapian::Query::OP_AND, words.begin(), words.end());
      std::map<std::uint32_t, std::vector<Xapian::Query>> groups;
      for (const analyze::Token& t : analyze::query_part_tokens(word)) groups[t.pos].push_back(term(t));
      if (groups.size() < 2) return q;
      std::vector<Xapian::Query> parts;
      for (auto& [pos, alternatives] : groups)
        parts.emplace_back(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end());
      const Xapian::Query near(Xapian::Query::OP_NEAR, parts.begin(), parts.end(),
                               static_cast<Xapian::termcount>(kPartsWindow * parts.size()));
      // The parts apart are looked for only in records without the
      // compound: where it is, OP_MAX takes its weight anyway (the parts
      // weighed down by four are lighter), and Xapian 1.4 checks a NEAR's
      // positions in every record holding all its parts. For
      // "kommunstyrelsen detaljplan" that was nearly every record of the
      // bench corpus, each of ~20,000 words: 5.1 ms of a 5.4 ms match;
      // filtered, 0.65 ms, with the same records and weights. The filter
      // names only terms the query already has, so it adds no word to
      // what a hit's pages and snippet are chosen by.
      const Xapian::Query apart(Xapian::Query::OP_FILTER, near,
                                Xapian::Query(Xapian::Query::OP_AND_NOT, parts.front(), q));
      // The better of the two, not their sum: a record that says
      // "vattenförsörjning" also holds its parts (the index side's), and
      // summed they weighed compounds in long questions over the words
      // around them (SweFAQ accuracy@1 0.564 -> 0.555 with OP_OR; the
      // same as before with OP_MAX).
      return Xapian::Query(Xapian::Query::OP_MAX, q,
                           Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, apart,
                                         double(analyze::kVariantWdf) / analyze::kWordWdf));
    } catch (...) {
      return Xapian::Query::MatchNothing;
    }
  }
};

}  // namespace

std::vector<Token> with_compound_parts(std::vector<Token> tokens) {
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    Token& t = tokens[i];
    // A wildcard ("vatten*") is the parser's.
    if (t.kind != TokenKind::kWord || t.sign || t.text.find('*') != std::string::npos) continue;
    if (t.glued && i > 0 && tokens[i - 1].kind != TokenKind::kOpen) continue;
    if (i + 1 < tokens.size() && tokens[i + 1].glued && tokens[i + 1].kind != TokenKind::kClose) continue;
    if ((i > 0 && near_operator(tokens[i - 1])) || (i + 1 < tokens.size() && near_operator(tokens[i + 1]))) continue;
    if (analyze::query_part_tokens(t.text).empty()) continue;
    t.kind = TokenKind::kField;
    t.field = kCompoundField;
    t.quoted = false;
  }
  return tokens;
}

void add_compound_field(Xapian::QueryParser& qp) { qp.add_prefix(kCompoundField, (new CompoundField)->release()); }

}  // namespace arkiv::query
