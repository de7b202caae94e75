// The analysis chain's Xapian side, shared by the index side (the fields'
// TermGenerator, the word tokenizer of analyze/index_tokens.h) and the
// query side (QueryParser) so that a word is turned into the same terms
// both ways: the classic bug this prevents is "indexed as kommunstyrelsen,
// queried as Kommunstyrelsens". The chain itself is token.h,
// index_tokens.h and query_terms.h. Every change here needs a test pair in
// tests/unit/analyze/.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>

#include "analyze/query_terms.h"
#include "arkiv/options.h"

namespace arkiv::analyze {

// The stemmer of an analysis: Snowball "swedish", or arkiv's Swedish
// stemmer (analyze/swedish.h) for kSwedish.
Xapian::Stem stemmer(TextAnalysis analysis = TextAnalysis::kSwedish);
// The stemmer for quoting a hit of `query`: the same stems as stemmer()
// for every word that could meet one of the query's, cheaper for the rest.
Xapian::Stem snippet_stemmer(TextAnalysis analysis, const Xapian::Query& query);

// A TermGenerator for a record's fields (title:, with positions of its
// own; path:, från:, till:, without): stemmer, STEM_SOME, and under kSwedish CJK n-grams.
// The record's words go through the token chain instead
// (analyze/index_tokens.h, whose tokenizer is built on this one).
Xapian::TermGenerator make_term_generator(TextAnalysis analysis = TextAnalysis::kSwedish);


// The name an index stores for its analysis (schema::kMetaAnalysis), with
// the lexicon it used; and back. Unknown names read as kSnowball, the
// analysis of indexes written before the name was stored.
std::string analysis_id(TextAnalysis analysis);
TextAnalysis analysis_from_id(const std::string& id);

// Swedish function words ("och", "att", "vilka", "har", "sedan", ...): the
// Snowball project's Swedish stop list, five words questions to public
// bodies are full of ("finns", "får", "ska", "hos", "genom") and what
// "hur" asks with besides "mycket" ("länge", "många", "ofta"). Left out
// of a question's some-words fallback, and not counted when a hit's page
// is chosen. Static; never null.
const Xapian::Stopper* function_words();

// Text of a path as words for the path: field: separators become spaces,
// so "corpus/bilaga_2-avtal.pdf" gives "corpus bilaga 2 avtal pdf".
std::string path_words(std::string_view path);

}  // namespace arkiv::analyze
