#include "analyze/analyzer.h"

#include "arkiv/schema.h"

namespace arkiv::analyze {

Xapian::Stem stemmer() { return Xapian::Stem("swedish"); }

Xapian::TermGenerator make_term_generator() {
  Xapian::TermGenerator tg;
  tg.set_stemmer(stemmer());
  // STEM_SOME: every word gives its unstemmed form with positions (for
  // phrases such as "Internationellt Centrum för Lokal Demokrati") and a
  // Z-prefixed stem (so "kommunerna" meets "kommuner").
  tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  return tg;
}

unsigned query_flags() {
  return Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_BOOLEAN |
         Xapian::QueryParser::FLAG_LOVEHATE | Xapian::QueryParser::FLAG_WILDCARD |
         Xapian::QueryParser::FLAG_PURE_NOT;
}

void configure_query_parser(Xapian::QueryParser& qp) {
  qp.set_stemmer(stemmer());
  qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  // A person who types two words wants records with both; Xapian's default
  // (OR) would rank a record about "Zhuhai" alone next to one about the
  // "partnerskapsavtal med Zhuhai".
  qp.set_default_op(Xapian::Query::OP_AND);
  qp.add_prefix("title", schema::kPrefixTitle);
  qp.add_prefix("titel", schema::kPrefixTitle);
  qp.add_prefix("path", schema::kPrefixPath);
  qp.add_prefix("sökväg", schema::kPrefixPath);
}

std::string path_words(std::string_view path) {
  std::string out(path);
  for (char& c : out) {
    if (c == '/' || c == '\\' || c == '_' || c == '-' || c == '.') c = ' ';
  }
  return out;
}

}  // namespace arkiv::analyze
