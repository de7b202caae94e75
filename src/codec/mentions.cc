#include "codec/mentions.h"

#include <cstdio>
#include <unordered_map>

#include "codec/json.h"

using simdjson::dom::array;
using simdjson::dom::element;

namespace arkiv::codec {
namespace {

// The arrays are written as text, not built as nlohmann values: as a
// std::map an object per mention, they took as long as indexing the
// words. Their strings are ids, rule names, ISO dates and keys, escaped
// all the same.
void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  for (char ch : s) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += ch;
    }
  }
  out += '"';
}

// A non-negative integer, else 0.
std::size_t size_of(element e) {
  std::uint64_t v = 0;
  return e.get(v) == simdjson::SUCCESS ? v : 0;
}

// The elements of array `a`, for reading by index.
std::vector<element> elements(array a) { return std::vector<element>(a.begin(), a.end()); }

// Key `key` of object `o` as a non-negative integer, else `fallback`.
std::size_t size_value(element o, const char* key, std::size_t fallback) {
  std::uint64_t v = 0;
  return o[key].get(v) == simdjson::SUCCESS ? v : fallback;
}

}  // namespace

std::vector<ActorMentions> group_mentions(const std::vector<ActorMention>& mentions) {
  std::vector<ActorMentions> out;
  std::unordered_map<std::string, std::size_t> actor_no;
  for (const ActorMention& m : mentions) {
    auto [a, fresh] = actor_no.try_emplace(m.actor_id, out.size());
    if (fresh) out.push_back({m.actor_id, {}});
    out[a->second].mentions.push_back({m.begin, m.end, m.rule});
  }
  return out;
}

StoredDate stored_date(const DateMention& d) {
  return {d.begin, d.end, d.start, d.end_date, d.precision, d.resolved};
}

std::optional<DatePrecision> precision_from_key(std::string_view key) {
  for (DatePrecision p : {DatePrecision::kDay, DatePrecision::kMonth, DatePrecision::kSeason, DatePrecision::kYear,
                          DatePrecision::kPeriod, DatePrecision::kDecade})
    if (key == precision_key(p)) return p;
  return std::nullopt;
}

std::string actor_mentions_json(const std::vector<ActorMentions>& actors) {
  std::vector<std::string> rules;
  std::unordered_map<std::string, std::size_t> rule_no;
  std::string out_actors;
  for (std::size_t i = 0; i < actors.size(); ++i) {
    if (i) out_actors += ',';
    append_json_string(out_actors, actors[i].actor_id);
    out_actors += ":[";
    bool first = true;
    for (const StoredMention& m : actors[i].mentions) {
      auto [r, new_rule] = rule_no.try_emplace(m.rule, rules.size());
      if (new_rule) rules.push_back(m.rule);
      if (!first) out_actors += ',';
      first = false;
      out_actors += std::to_string(m.begin);
      out_actors += ',';
      out_actors += std::to_string(m.end - m.begin);
      out_actors += ',';
      out_actors += std::to_string(r->second);
    }
    out_actors += ']';
  }
  std::string out = "\"actor_mention_rules\":[";
  for (std::size_t i = 0; i < rules.size(); ++i) {
    if (i) out += ',';
    append_json_string(out, rules[i]);
  }
  out += "],\"actor_mentions\":{";
  out += out_actors;
  out += '}';
  return out;
}

std::string dates_json(const std::vector<StoredDate>& dates) {
  std::string out = "\"dates\":[";
  for (std::size_t i = 0; i < dates.size(); ++i) {
    const StoredDate& d = dates[i];
    if (i) out += ',';
    out += '[';
    out += std::to_string(d.begin);
    out += ',';
    out += std::to_string(d.end - d.begin);
    out += ',';
    append_json_string(out, d.start);
    out += ',';
    append_json_string(out, d.end_date);
    out += ',';
    append_json_string(out, precision_key(d.precision));
    out += d.resolved ? ",1]" : ",0]";
  }
  out += ']';
  return out;
}

std::vector<ActorMentions> parse_actor_mentions(element data) {
  std::vector<ActorMentions> out;
  element all;
  if (data["actor_mentions"].get(all) != simdjson::SUCCESS) return out;
  if (simdjson::dom::object by_actor; all.get(by_actor) == simdjson::SUCCESS) {
    std::vector<element> rules;
    if (array r; data["actor_mention_rules"].get(r) == simdjson::SUCCESS) rules = elements(r);
    for (auto [id, list] : by_actor) {
      array mine;
      if (list.get(mine) != simdjson::SUCCESS) continue;
      const std::vector<element> m = elements(mine);
      ActorMentions a{std::string(id), {}};
      for (std::size_t i = 0; i + 2 < m.size(); i += 3) {
        const std::size_t b = size_of(m[i]), rule = size_of(m[i + 2]);
        a.mentions.push_back({b, b + size_of(m[i + 1]), rule < rules.size() ? json_string(rules[rule]) : ""});
      }
      if (!a.mentions.empty()) out.push_back(std::move(a));
    }
  } else if (array list; all.get(list) == simdjson::SUCCESS) {
    // Schema 5: {"id", "b", "e", "page", "rule"} per mention.
    std::unordered_map<std::string, std::size_t> actor_no;
    for (element m : list) {
      if (!m.is_object()) continue;
      const std::string id = json_string(m, "id");
      auto [a, fresh] = actor_no.try_emplace(id, out.size());
      if (fresh) out.push_back({id, {}});
      out[a->second].mentions.push_back({size_value(m, "b", 0), size_value(m, "e", 0), json_string(m, "rule")});
    }
  }
  return out;
}

std::vector<StoredDate> parse_dates(element data) {
  std::vector<StoredDate> out;
  array all;
  if (data["dates"].get(all) != simdjson::SUCCESS) return out;
  for (element d : all) {
    if (array a; d.get(a) == simdjson::SUCCESS && a.size() == 6) {
      const std::vector<element> f = elements(a);
      const std::size_t b = size_of(f[0]);
      out.push_back({b, b + size_of(f[1]), json_string(f[2]), json_string(f[3]),
                     precision_from_key(json_string(f[4])).value_or(DatePrecision::kYear), size_of(f[5]) != 0});
    } else if (d.is_object()) {
      // Schema 5: {"b", "e", "start", "end", "precision", "resolved", "page"}.
      bool resolved = true;
      if (bool r; d["resolved"].get(r) == simdjson::SUCCESS) resolved = r;
      out.push_back({size_value(d, "b", 0), size_value(d, "e", 0), json_string(d, "start"), json_string(d, "end"),
                     precision_from_key(json_string(d, "precision")).value_or(DatePrecision::kYear), resolved});
    }
  }
  return out;
}

}  // namespace arkiv::codec
