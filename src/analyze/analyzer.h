// The Swedish analysis chain, shared by the index side (TermGenerator) and
// the query side (QueryParser) so that a word is turned into the same terms
// both ways: the classic bug this prevents is "indexed as kommunstyrelsen,
// queried as Kommunstyrelsens". Every change here needs a test pair in
// tests/unit/analyze/.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>

#include "arkiv/options.h"

namespace arkiv::analyze {

// Weight (wdf) of a word as written, per occurrence, under kSwedish. Its
// compound parts, elliptic expansions' parts and diacritic-free forms count
// kVariantWdf: a record that says "avtal" ranks above one that only says
// "partnerskapsavtalet" for `avtal`, and one that says "far" above one that
// says "får" for `far`. 4 measured best of 1-8 on SweFAQ (README, "Quality
// of Swedish search").
inline constexpr unsigned kWordWdf = 4;
inline constexpr unsigned kVariantWdf = 1;

// The stemmer of an analysis: Snowball "swedish", or arkiv's Swedish
// stemmer (analyze/swedish.h) for kSwedish.
Xapian::Stem stemmer(TextAnalysis analysis = TextAnalysis::kSwedish);
// The stemmer for quoting a hit of `query`: the same stems as stemmer()
// for every word that could meet one of the query's, cheaper for the rest.
Xapian::Stem snippet_stemmer(TextAnalysis analysis, const Xapian::Query& query);

// A TermGenerator for a record's fields (title:, path:, från:, till:,
// without positions): stemmer, STEM_SOME, and under kSwedish CJK n-grams.
Xapian::TermGenerator make_term_generator(TextAnalysis analysis = TextAnalysis::kSwedish);

// A TermGenerator for a record's words (its text, and its title as
// ordinary words): under kSwedish the words alone, with positions, for
// add_stems_and_variants() to stem; under kSnowball the same as
// make_term_generator(). The caller indexes text with word_wdf(analysis)
// as the wdf increment, then calls add_stems_and_variants().
Xapian::TermGenerator make_word_generator(TextAnalysis analysis = TextAnalysis::kSwedish);

// wdf per occurrence of a word as written: kWordWdf, 1 for kSnowball.
unsigned word_wdf(TextAnalysis analysis);

// The index side's second step under kSwedish, after the word generator:
// for every word of the document, its stem (Z-prefixed, the wdf of its
// occurrences), and its compound parts and diacritic-free forms (swedish::
// variants) as words and stems, kVariantWdf per occurrence. Stems get the
// positions of their words, except where the word is its own stem
// (own_stem()). Nothing for kSnowball.
void add_stems_and_variants(Xapian::Document& doc, TextAnalysis analysis);

// Whether a lower-case word is its own stem ("avtal", "och"; not
// "avtalen"). Its stem term then has none of its positions: the index
// side leaves them out, and a reader of the stem's positions (the pages
// of a hit) reads the word's too. What the index side leaves out and the
// query side adds back are the same by this one test.
bool own_stem(const std::string& word);

// Adds a word the text implies at term position `pos` (an elliptic
// compound's full form: "miljöområdet" in "miljö- och klimatområdet"),
// kWordWdf; add_stems_and_variants() stems it with the others.
void add_implied_word(Xapian::Document& doc, const std::string& word, unsigned pos);

// The name an index stores for its analysis (schema::kMetaAnalysis), with
// the lexicon it used; and back. Unknown names read as kSnowball, the
// analysis of indexes written before the name was stored.
std::string analysis_id(TextAnalysis analysis);
TextAnalysis analysis_from_id(const std::string& id);

// Swedish function words ("och", "att", "vilka", "har", "sedan", ...): the
// Snowball project's Swedish stop list and five words questions to public
// bodies are full of ("finns", "får", "ska", "hos", "genom"). Left out of
// a question's some-words fallback. Static; never null.
const Xapian::Stopper* function_words();

// Text of a path as words for the path: field: separators become spaces,
// so "corpus/bilaga_2-avtal.pdf" gives "corpus bilaga 2 avtal pdf".
std::string path_words(std::string_view path);

}  // namespace arkiv::analyze
