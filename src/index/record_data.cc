#include "index/record_data.h"

#include <cstdio>
#include <nlohmann/json.hpp>
#include <unordered_map>

using nlohmann::json;

namespace arkiv::index {
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

std::string actor_mentions_json(const std::vector<ActorMention>& mentions) {
  std::vector<std::string> rules;
  std::unordered_map<std::string, std::size_t> rule_no;
  // Actors in order of their first mention, each with its triples.
  std::vector<std::pair<std::string, std::string>> actors;
  std::unordered_map<std::string, std::size_t> actor_no;
  for (const ActorMention& m : mentions) {
    auto [r, new_rule] = rule_no.try_emplace(m.rule, rules.size());
    if (new_rule) rules.push_back(m.rule);
    auto [a, new_actor] = actor_no.try_emplace(m.actor_id, actors.size());
    if (new_actor) actors.emplace_back(m.actor_id, std::string());
    std::string& row = actors[a->second].second;
    if (!row.empty()) row += ',';
    row += std::to_string(m.begin);
    row += ',';
    row += std::to_string(m.end - m.begin);
    row += ',';
    row += std::to_string(r->second);
  }
  std::string out = "\"actor_mention_rules\":[";
  for (std::size_t i = 0; i < rules.size(); ++i) {
    if (i) out += ',';
    append_json_string(out, rules[i]);
  }
  out += "],\"actor_mentions\":{";
  for (std::size_t i = 0; i < actors.size(); ++i) {
    if (i) out += ',';
    append_json_string(out, actors[i].first);
    out += ":[";
    out += actors[i].second;
    out += ']';
  }
  out += '}';
  return out;
}

std::string dates_json(const std::vector<DateMention>& dates) {
  std::string out = "\"dates\":[";
  for (std::size_t i = 0; i < dates.size(); ++i) {
    const DateMention& d = dates[i];
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

std::vector<StoredMention> stored_mentions(const json& data, std::string_view id) {
  std::vector<StoredMention> out;
  auto all = data.find("actor_mentions");
  if (all == data.end()) return out;
  if (all->is_object()) {
    auto mine = all->find(std::string(id));
    if (mine == all->end() || !mine->is_array()) return out;
    const json& rules = data.value("actor_mention_rules", json::array());
    for (std::size_t i = 0; i + 2 < mine->size(); i += 3) {
      const std::size_t b = size_at(*mine, i), rule = size_at(*mine, i + 2);
      out.push_back({b, b + size_at(*mine, i + 1), rule < rules.size() ? string_at(rules, rule) : ""});
    }
  } else if (all->is_array()) {
    // Schema 5: {"id", "b", "e", "page", "rule"} per mention.
    for (const json& m : *all)
      if (m.is_object() && m.value("id", "") == id)
        out.push_back({m.value("b", std::size_t{0}), m.value("e", std::size_t{0}), m.value("rule", "")});
  }
  return out;
}

std::vector<StoredDate> stored_dates(const json& data) {
  std::vector<StoredDate> out;
  auto all = data.find("dates");
  if (all == data.end() || !all->is_array()) return out;
  for (const json& d : *all) {
    if (d.is_array() && d.size() == 6) {
      const std::size_t b = size_at(d, 0);
      out.push_back({b, b + size_at(d, 1), string_at(d, 2), string_at(d, 3), string_at(d, 4), size_at(d, 5) != 0});
    } else if (d.is_object()) {
      // Schema 5: {"b", "e", "start", "end", "precision", "resolved", "page"}.
      out.push_back({d.value("b", std::size_t{0}), d.value("e", std::size_t{0}), d.value("start", ""),
                     d.value("end", ""), d.value("precision", ""), d.value("resolved", true)});
    }
  }
  return out;
}

}  // namespace arkiv::index
