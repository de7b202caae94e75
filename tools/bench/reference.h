// The plainest Xapian index and search of these records: issue 27's
// references, which the bench tools measure arkiv against (what any
// Xapian-based indexer or search pays). Defined once, so that every tool's
// "Xapian alone" is the same Xapian.
#pragma once

#include <xapian.h>

namespace arkiv::bench {

// Index side: Snowball Swedish, STEM_SOME (words with positions, stems
// without), as omindex does.
inline Xapian::TermGenerator plain_term_generator() {
  Xapian::TermGenerator tg;
  tg.set_stemmer(Xapian::Stem("swedish"));
  tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  return tg;
}

// Query side: the same stemming, AND between words, over `db`.
inline Xapian::QueryParser plain_query_parser(const Xapian::Database& db) {
  Xapian::QueryParser qp;
  qp.set_database(db);
  qp.set_stemmer(Xapian::Stem("swedish"));
  qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  qp.set_default_op(Xapian::Query::OP_AND);
  return qp;
}

}  // namespace arkiv::bench
