// The Swedish analysis chain, shared by the index side (TermGenerator) and
// the query side (QueryParser) so that a word is turned into the same terms
// both ways: the classic bug this prevents is "indexed as kommunstyrelsen,
// queried as Kommunstyrelsens". Every change here needs a test pair in
// tests/unit/analyze/.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>

namespace arkiv::analyze {

// The stemmer for Swedish text (Snowball "swedish").
Xapian::Stem stemmer();

// A TermGenerator set up for Swedish body text: stemmer, stemming strategy
// and flags. The caller sets the document and indexes text with it.
Xapian::TermGenerator make_term_generator();

// Sets up `qp` the same way as make_term_generator() does the index side,
// plus arkiv's query syntax: AND by default, fields title: and path:.
void configure_query_parser(Xapian::QueryParser& qp);

// The query side of actor recognition: each gazetteer name among the
// query's plain words becomes "(words OR aktörid:ID)", so `ICLD` also finds
// records that spell the name out, and ranks those that say "ICLD" first.
// "ICLD Kina" -> "(ICLD OR aktörid:internationellt_centrum_for_lokal_demokrati) Kina".
std::string expand_actor_names(const std::string& query);

// Query-parser flags arkiv uses (phrases, boolean operators, +/-, wildcards,
// pure NOT).
unsigned query_flags();

// Text of a path as words for the path: field: separators become spaces,
// so "corpus/bilaga_2-avtal.pdf" gives "corpus bilaga 2 avtal pdf".
std::string path_words(std::string_view path);

}  // namespace arkiv::analyze
