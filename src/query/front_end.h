// The query front end: a query as typed -> checked tokens -> the query
// Xapian's QueryParser reads, set up with the same analysis as the index
// side. The one place arkiv reads a query (through query/lexer.h) and
// knows its filters (query/filters.h).
#pragma once

#include <xapian.h>

#include <functional>
#include <string>
#include <vector>

#include "arkiv/options.h"
#include "query/lexer.h"

namespace arkiv::query {

// The tokens of a query as typed, normalized as the index side normalizes
// records (one line), with every field checked against the filter table:
// - a field naming no filter is a QueryFilterError (kUnknownFilter) when
//   its name has two letters or more ("aktr:ICLD", "tyyp:avtal",
//   "format:pdf"), and text when it has one ("S:t Eriks", "s:a") or its
//   value is a Swedish ending written after an abbreviation ("SKR:s
//   nätverk", "EU:s", "TV:n", "SMS:en");
// - a value its filter cannot read is a QueryFilterError (kBadValue):
//   "typ:okänd", "år:abc", "i:bilagr", "datum:2021..2019";
// - a field's name becomes the filter's Swedish name ("Type:" -> "typ:"),
//   and datum:2020 the period datum:2020..2020.
// `typed` is what the error names.
std::vector<Token> checked_tokens(const std::string& typed);

// The query Xapian's QueryParser reads for `typed` (with a parser set up
// by configure_query_parser()):
// - the checked tokens (checked_tokens(); throws QueryFilterError);
// - under kSwedish, a gazetteer acronym typed in lower case that is no
//   Swedish word read as the acronym ("icld" -> ICLD), and a run of two or
//   three Han characters also as its pinyin ("珠海" -> (珠海 OR zhuhai));
// - under kSwedish, acronyms and the shared list's names expanded
//   (expand_acronyms());
// - each gazetteer name among the plain words expanded on the tokens to
//   "(words OR aktörid:ID)" (expand_actor_names());
// - under kSwedish, words, phrases and word-field values in lower case, so
//   that Xapian stems capitalised words too ("Högskolan" finds
//   "högskola"); operators and the values of boolean filters
//   (aktör:ICLD, dnr:"KS 2015/456") stay as typed;
// - under kSwedish, a compound word that splits written as
//   "sammansatt:WORD", so that it is also asked for in parts
//   (query/compounds.h);
// - a query of excluded words only ("-Kina") reads as NOT ("NOT kina"):
//   the records without them, as `NOT Kina` gives (Xapian would read a
//   lone "-Kina" as "Kina").
// The long forms the records of the index defined an acronym with
// (analyze::acronym_key(): "noat" -> {"name of a thing"}): a record's own
// definition lets a typed acronym the shared list lacks find that record's
// long form, and the records of the index that only write it out. Empty:
// no record defines it.
using AcronymKnown = std::function<std::vector<std::string>(const std::string& key)>;
std::string prepare_query(const std::string& typed, TextAnalysis analysis, const AcronymKnown& known = {});

// The query side of actor recognition, on tokens: each gazetteer name
// among the plain words (no phrase, field, sign or operator) becomes the
// tokens "(words OR aktörid:ID)", so `ICLD` also finds records that spell
// the name out, and ranks those that say "ICLD" first.
// "ICLD Kina" -> "(ICLD OR aktörid:internationellt_centrum_for_lokal_demokrati) Kina".
std::vector<Token> expand_actor_names(std::vector<Token> tokens);
// The same on a string (lexed, expanded, rendered): for tests and tools.
std::string expand_actor_names(const std::string& query);

// The query side of acronyms (analyze/acronyms.h), on tokens: in each run
// of plain words, a name of the shared list ("personuppgiftslagen", "lagen
// om offentlig upphandling"), an acronym of the list as written ("PUL",
// "SoL") or in lower case when that is no Swedish word ("lou"), and a
// word typed as an acronym that `known` says a record defines ("NOAT")
// become "(words OR akronym:KEY)", the latter also ORed with each long form
// the records gave it ("akronymnamn:name_of_a_thing"), so `PUL` and
// `NOAT` also find the records that
// only write the law's name, ranked below those that write "PUL". The
// gazetteer's acronyms ("JO", "SKR") are left to the actor expansion.
// "PUL samtycke" -> "(PUL OR akronym:pul) samtycke".
std::vector<Token> expand_acronyms(std::vector<Token> tokens, const AcronymKnown& known = {});
// The same on a string (lexed, expanded, rendered): for tests and tools.
std::string expand_acronyms(const std::string& query, const AcronymKnown& known = {});

// Whether a word typed in lower case is read as an acronym: one the
// gazetteer or the shared acronym list has, of two to six letters, that is
// no Swedish word ("ud" is UD, "pul" PUL, "hfd" HFD; "sol" stays a word).
// "Did you mean" leaves such a word alone.
bool read_as_acronym(const std::string& lower_word);

// Sets up `qp` the same way as the index side's term generator
// (analyze::stemmer, STEM_SOME), AND between words, every filter of the
// table (add_filters()), and under kSwedish the compound field
// (add_compound_field()).
void configure_query_parser(Xapian::QueryParser& qp, TextAnalysis analysis = TextAnalysis::kSwedish);

// Query-parser flags arkiv uses (phrases, boolean operators, +/-, wildcards,
// pure NOT; CJK n-grams under kSwedish).
unsigned query_flags(TextAnalysis analysis = TextAnalysis::kSwedish);

// A query of plain words (no operators, phrases, fields, signs, wildcards
// or parentheses) of two words or more: one a question's fallback may
// loosen.
bool plain_words(const std::vector<Token>& tokens);

// A question: four words or more, or a '?'.
bool question(const std::vector<Token>& tokens);

}  // namespace arkiv::query
