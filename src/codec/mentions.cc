#include "codec/mentions.h"

#include <cstdio>
#include <nlohmann/json.hpp>
#include <unordered_map>

using nlohmann::json;

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

std::size_t size_at(const json& a, std::size_t i) {
  return a[i].is_number_unsigned() ? a[i].get<std::size_t>() : 0;
}

std::string string_at(const json& a, std::size_t i) { return a[i].is_string() ? a[i].get<std::string>() : ""; }

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

std::vector<ActorMentions> parse_actor_mentions(const json& data) {
  std::vector<ActorMentions> out;
  if (!data.is_object()) return out;
  auto all = data.find("actor_mentions");
  if (all == data.end()) return out;
  if (all->is_object()) {
    static const json kNone = json::array();
    auto r = data.find("actor_mention_rules");
    const json& rules = r != data.end() && r->is_array() ? *r : kNone;
    for (auto mine = all->begin(); mine != all->end(); ++mine) {
      if (!mine->is_array()) continue;
      ActorMentions a{mine.key(), {}};
      for (std::size_t i = 0; i + 2 < mine->size(); i += 3) {
        const std::size_t b = size_at(*mine, i), rule = size_at(*mine, i + 2);
        a.mentions.push_back({b, b + size_at(*mine, i + 1), rule < rules.size() ? string_at(rules, rule) : ""});
      }
      if (!a.mentions.empty()) out.push_back(std::move(a));
    }
  } else if (all->is_array()) {
    // Schema 5: {"id", "b", "e", "page", "rule"} per mention.
    std::unordered_map<std::string, std::size_t> actor_no;
    for (const json& m : *all) {
      if (!m.is_object()) continue;
      const std::string id = m.value("id", "");
      auto [a, fresh] = actor_no.try_emplace(id, out.size());
      if (fresh) out.push_back({id, {}});
      out[a->second].mentions.push_back({m.value("b", std::size_t{0}), m.value("e", std::size_t{0}), m.value("rule", "")});
    }
  }
  return out;
}

std::vector<StoredDate> parse_dates(const json& data) {
  std::vector<StoredDate> out;
  if (!data.is_object()) return out;
  auto all = data.find("dates");
  if (all == data.end() || !all->is_array()) return out;
  for (const json& d : *all) {
    if (d.is_array() && d.size() == 6) {
      const std::size_t b = size_at(d, 0);
      out.push_back({b, b + size_at(d, 1), string_at(d, 2), string_at(d, 3),
                     precision_from_key(string_at(d, 4)).value_or(DatePrecision::kYear), size_at(d, 5) != 0});
    } else if (d.is_object()) {
      // Schema 5: {"b", "e", "start", "end", "precision", "resolved", "page"}.
      out.push_back({d.value("b", std::size_t{0}), d.value("e", std::size_t{0}), d.value("start", ""),
                     d.value("end", ""), precision_from_key(d.value("precision", "")).value_or(DatePrecision::kYear),
                     d.value("resolved", true)});
    }
  }
  return out;
}

}  // namespace arkiv::codec
