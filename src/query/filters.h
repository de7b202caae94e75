// The one table of query filters (typ:, datum:, aktör:, ...): each one's
// names, value syntax, value check, Xapian query and help text. The query
// front end, its error messages, `arkiv search --help` and `--filters`,
// and the README's filter table (checked by a test) all come from it.
// Adding a filter is one row here, plus the index side writing its terms.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace Xapian {
class QueryParser;
}

namespace arkiv::query {

// How a filter's value becomes a Xapian query.
enum class FilterQuery {
  kWords,      // words under a term prefix, ranked like text (title:, från:)
  kBoolean,    // one boolean term, the prefix and the checked value (typ:, dnr:)
  kDateRange,  // record dates in a range (value slot kSlotDate)
  kActor,      // any actor the value names, boolean; aktör:A aktör:B asks for both
  kActorTerm,  // one actor's term weighted by its mentions (the actor expansion's aktörid:)
  kAnyOf,      // boolean; check() gives one term's suffix, or several separated by ' ' (any of them)
  kAcronymTerm,  // one acronym's term at a twentieth of a word's weight (the acronym expansion's akronym:)
  kAcronymName,  // a defined long form as a phrase, at a twentieth of the weight (the expansion's akronymnamn:)
  kOrganisation,  // any case number of an organisation the value names (kPrefixCaseOrg terms), boolean
  kOcr,           // a page read by OCR, from the records' hit summaries (kSlotHit), boolean
};

struct Filter {
  const char* name;                   // the Swedish name, as typed: "typ"
  std::vector<const char*> aliases;   // the other names, English first: {"type"}
  FilterQuery query;
  const char* prefix;                 // schema.h term prefix; nullptr for kDateRange
  // The value as the index side stores it (kBoolean: the term's suffix;
  // kDateRange: "A..B"), or nullopt when it cannot mean anything
  // ("typ:okänd", "år:abc"). nullptr: every value is accepted.
  std::optional<std::string> (*check)(const std::string& value);
  // For people (English msgids; the CLI translates them with tr()):
  const char* usage;     // Swedish forms, "datum:A..B"; several separated by ", "
  const char* usage_en;  // English forms, "date:"
  const char* help;      // "matches records whose ..." (the README's middle column)
  const char* accepts;   // what the value may be, for an error: "a year, YYYY"
  const char* examples;  // "datum:2016..2020, date:2019-03..2019-06"
  bool listed = true;    // in --filters and the README (aktörid:, akronym: are not: the expansions write them)
};

// Every filter, in the order help lists them.
const std::vector<Filter>& filters();

// The filter `name` names (a name or an alias, in any case: "Typ",
// "TYPE"); nullptr if none.
const Filter* find_filter(std::string_view name);

// The listed filters' names and aliases as typed: "datum:, date:, år:, ...".
std::string filter_names();

// Registers every filter of the table with `qp`, under each of its names.
// Never throws from inside Xapian's parser: a value that check() refuses
// matches nothing there (the front end refuses it first; Xapian 1.4.22's
// QueryParser freed memory it did not own when a field processor threw:
// "-i:b?ilagor från:anna", found by fuzz_query).
void add_filters(Xapian::QueryParser& qp);

// What is a filter and what is text, for people (English; a msgid of the
// CLI's catalog). The lexer's rule (query/lexer.h).
extern const char* const kFieldRule;

// The README's filter table: a Markdown table, one row per listed filter,
// in English. tests/unit/query/filters_test.cc checks that README.md holds
// it between <!-- filters:begin --> and <!-- filters:end -->. Then
// kFieldRule as a paragraph.
std::string filters_markdown();

// The Markdown table's cells for one filter: the names ("`datum:A..B`
// (`date:`)"), the help and the examples in backquotes.
std::string filter_usage_markdown(const Filter& f);
std::string filter_examples_markdown(const Filter& f);

}  // namespace arkiv::query
