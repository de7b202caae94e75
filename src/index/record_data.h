// The per-mention parts of a record's JSON data: every actor mention and
// every date of a text, with its offsets into the normalized text. The
// index side writes them (make_document), the query side reads them back
// (`arkiv refs`, `arkiv timeline`); both go through this one header, so
// the layout on disk is defined here and nowhere else.
//
// Layout since schema 6 (schema.h), one record's data:
//   "actor_mention_rules": ["gazetteer", "pattern", ...]
//   "actor_mentions": {"<actor id>": [begin, length, rule, begin, ...], ...}
//   "dates": [[begin, length, start, end, precision, resolved], ...]
// Mentions are grouped by actor, in text order within each actor, as flat
// triples: `rule` indexes actor_mention_rules, `resolved` is 0 or 1.
// Schema 5 wrote an object per mention ({"id","b","e","page","rule"}) and
// per date; a 40-page report names its actors and dates hundreds of times,
// and those objects were 88% of the record data, which Xapian
// compresses as it writes and `refs` parses for every record it lists.
// The readers below accept both layouts. A mention's page is not stored:
// it is the page whose span holds its begin (the record's "pages").
#pragma once

#include <cstddef>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "arkiv/actors.h"
#include "arkiv/analysis.h"

namespace arkiv::index {

// `"actor_mention_rules":[...],"actor_mentions":{...}`, a fragment for
// the inside of the record's JSON object.
std::string actor_mentions_json(const std::vector<ActorMention>& mentions);

// `"dates":[...]`, a fragment for the inside of the record's JSON object.
std::string dates_json(const std::vector<DateMention>& dates);

// One stored mention or date: offsets into the record's normalized text.
struct StoredMention {
  std::size_t begin = 0, end = 0;
  std::string rule;
};
struct StoredDate {
  std::size_t begin = 0, end = 0;
  std::string start, end_date, precision;
  bool resolved = true;
};

// The mentions of actor `id` in one record's parsed data, in text order;
// empty when it has none or the data is malformed.
std::vector<StoredMention> stored_mentions(const nlohmann::json& data, std::string_view id);

// Every date of one record's parsed data, in text order.
std::vector<StoredDate> stored_dates(const nlohmann::json& data);

}  // namespace arkiv::index
