// The per-mention parts of a record's JSON data (codec/record.h): every
// actor mention and every date of a text, with its offsets into the
// normalized text. The index side writes them (make_document), the query
// side reads them back (`arkiv refs`, `arkiv timeline`); both go through
// codec::RecordData, so the layout on disk is defined here and nowhere
// else.
//
// Layout since schema 6 (codec/format.h), one record's data:
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
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "arkiv/actors.h"
#include "arkiv/analysis.h"

namespace simdjson::dom {
class element;  // <simdjson.h>, included where the data is parsed (codec/json.h)
}

namespace arkiv::codec {

// One stored mention or date: offsets into the record's normalized text.
struct StoredMention {
  std::size_t begin = 0, end = 0;
  std::string rule;
};
// The mentions of one actor in one record, in text order.
struct ActorMentions {
  std::string actor_id;
  std::vector<StoredMention> mentions;
};
struct StoredDate {
  std::size_t begin = 0, end = 0;
  std::string start, end_date;
  DatePrecision precision = DatePrecision::kYear;
  bool resolved = true;
};

// `mentions` (in text order) grouped by actor, actors in order of their
// first mention: what a record stores.
std::vector<ActorMentions> group_mentions(const std::vector<ActorMention>& mentions);
StoredDate stored_date(const DateMention& d);

// The DatePrecision whose precision_key() is `key`; std::nullopt if none.
std::optional<DatePrecision> precision_from_key(std::string_view key);

// `"actor_mention_rules":[...],"actor_mentions":{...}`, a fragment for
// the inside of the record's JSON object.
std::string actor_mentions_json(const std::vector<ActorMentions>& actors);

// `"dates":[...]`, a fragment for the inside of the record's JSON object.
std::string dates_json(const std::vector<StoredDate>& dates);

// Every actor's mentions in one record's parsed data, each actor's in text
// order; schema 5 and 6 layouts alike. Empty when it has none or the data
// is malformed.
std::vector<ActorMentions> parse_actor_mentions(simdjson::dom::element data);

// Every date of one record's parsed data, in text order.
std::vector<StoredDate> parse_dates(simdjson::dom::element data);

}  // namespace arkiv::codec
