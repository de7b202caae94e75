// The Swedish steps of arkiv's analysis chain, on lower-case words, used
// the same way at index and at query time (analyzer.cc wires them into
// Xapian): inflection (a lexicon-backed stemmer), decompounding, diacritic
// folding, and elliptic compounds ("miljö- och klimatområdet").
//
// The lexicon is Debian's hunspell-sv (analyze/lexicon.h); where it has no
// entry, the steps fall back to Snowball's Swedish stemmer and leave the
// word whole.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "analyze/token.h"

namespace arkiv::analyze::swedish {

// One part of a compound: bytes [begin, end) of the word, and its lemma
// ("partnerskaps" -> "partnerskap"; the last part's lemma is its base form,
// "avtalet" -> "avtal").
struct Part {
  std::size_t begin = 0, end = 0;
  std::string lemma;
};

// The full decomposition of a lower-case word, every part a lexicon word
// that hunspell-sv allows at that place of a compound:
// "partnerskapsavtalet" -> partnerskaps|avtalet, "växthusgaserna" ->
// växt|hus|gaserna. Empty for a word that is not a compound ("kommun",
// "avtal", "regeringen"), a name the lexicon does not split, or one with
// digits. Parts are at least three letters long.
std::vector<Part> decompound(std::string_view word);

// A place where a lower-case word splits into a modifier and a head, each
// a lexicon word or a compound the lexicon splits: "konfigurations|filer",
// "fauna|kriminalitet", "data|säkerhetsområdet" and
// "datasäkerhets|området". Unlike decompound(), every such place, not
// only the fewest parts, and a modifier or head that hunspell-sv does not
// mark as a compound part but has as a word. Parts are at least three
// letters long (four for the modifier of a word the lexicon has whole:
// "ungdomar" and "kommun" do not split); names and particles are never
// parts ("underlag", "Bergström"), nor a head of three letters that may
// not end a compound ("säker|het").
struct SplitPoint {
  std::size_t at = 0;    // byte offset of the head in the word
  std::string modifier;  // its lemma, a linking -s or -e dropped: "konfiguration"
  std::string head;      // as written: "filer"
};
std::vector<SplitPoint> split_points(std::string_view word);

// The parts a compound typed in a query is also asked for apart, each
// with its lemma: the fewest-part split at the top level
// ("vattenförsörjning" -> vatten|försörjning, "växthusgaserna" ->
// växthus|gaserna), else the one split point of a word the lexicon does
// not split ("faunakriminalitet" -> fauna|kriminalitet). Empty for a word
// that is no compound, or splits in more than one way.
std::vector<Part> query_parts(std::string_view word);

// The term a lower-case word is indexed and queried under: the Snowball
// stem of its lemma ("avtalet", "avtalen", "avtalets" -> "avtal";
// "högskolan" -> "högskol", as "högskola"), for a compound the stem of its
// modifiers plus the head's lemma ("partnerskapsavtalet" ->
// "partnerskapsavtal"), else Snowball's stem of the word.
std::string stem(const std::string& word);

// The word without diacritics ("gävle" -> "gavle", "linnéus" ->
// "linneus"); the word itself when it has none.
std::string fold(const std::string& word);

// A form a word adds to the index besides itself: a compound part (or a
// run of parts), or a diacritic-free form.
struct Variant {
  std::string word;
  TokenKind kind = TokenKind::kPart;  // kPart or kFolded
  bool operator==(const Variant&) const = default;
};

// What a word adds to the index besides itself, at a lower weight: the
// parts of a compound and runs of them that are words ("partnerskap",
// "avtalet" for "partnerskapsavtalet"; "växthus", "gaserna", ... for
// "växthusgaserna"; kPart), both sides of each of its split_points()
// ("konfiguration", "filer" for "konfigurationsfiler"; kPart), then the
// folded forms of those and of the word (kFolded).
std::vector<Variant> variants(const std::string& word);

// A full form an elliptic compound stands for: "miljö- och
// klimatområdet" -> "miljöområdet" at the offset of "miljö".
struct Expansion {
  std::size_t at = 0;  // byte offset of the truncated word in the text
  std::string word;    // the full form, lower case
};

// Every full form the text's elliptic compounds stand for: "miljö-
// och klimatområdet", "miljö-/klimatområdet", "lärar- och studentutbyte",
// "kultur-, fritids- och tekniknämnden" (kulturnämnden, fritidsnämnden).
// In text order.
std::vector<Expansion> elliptic(std::string_view text);

}  // namespace arkiv::analyze::swedish
