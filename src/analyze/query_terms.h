// The query half of the Swedish analysis chain: what a word typed in a
// query asks the index for, by the same steps the index half
// (analyze/index_tokens.h) took. The QueryParser gets these steps through
// analyze::stemmer() (analyzer.h); the pair tests of
// tests/unit/analyze/tokens_test.cc hold the two halves together, and
// check that the QueryParser asks for what query_tokens() says.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analyze/token.h"

namespace arkiv::analyze {

// The terms a word of a query asks for, under the Swedish analysis, after
// prepare_query() has lower-cased it: outside a phrase its stem
// (kStem: "avtalen" -> avtal, so it meets "avtalet", "avtal" and the
// compound part "avtalet" of "partnerskapsavtalet"), or for a word that
// starts with no letter the word itself ("2015"); inside a phrase the
// word itself (kWord), at its place. A typed word that splits into
// several ("ICLD-finansiering") is a phrase of them, as Xapian's parser
// reads it. Positions are 1, 2, ... within the typed word, 0 outside a
// phrase.
std::vector<Token> query_tokens(std::string_view word, bool in_phrase = false);

// What a compound typed in a query also asks for, at a lower weight
// (query/compounds.h): its parts apart and near each other, so that
// `vattenförsörjning` finds "försörjning av vatten" (issue 22). Each
// part is a group of tokens at one position (1, 2, ...), any of which
// meets it: the stem of the part's lemma (kStem), and, when the lemma is
// its own stem, the lemma itself (kWord), which holds the positions the
// stem does not (own_stem()). Empty for a word that is no compound
// (swedish::query_parts()), that does not start with a letter, or that
// the tokenizer splits ("ICLD-finansiering").
std::vector<Token> query_part_tokens(std::string_view word);

// Whether a word gets a stem at all: it starts with a letter (Xapian
// 1.4's rule for TermGenerator and QueryParser: "2015" and "§" have none).
bool has_stem(std::string_view word);

// Whether a lower-case word is its own stem ("avtal", "och"; not
// "avtalen"). Its stem term then has none of its positions: the index
// half leaves them out, and a reader of the stem's positions (the pages of
// a hit) reads the word's too. What the index half leaves out and the
// query side adds back are the same by this one test.
bool own_stem(const std::string& word);

}  // namespace arkiv::analyze
