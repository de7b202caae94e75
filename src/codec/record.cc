#include "codec/record.h"

#include <algorithm>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "codec/format.h"
#include "codec/json.h"
#include "util/time.h"

using nlohmann::json;

namespace arkiv::codec {
namespace {

// The stored JSON is written with invalid UTF-8 replaced (a file name in
// Latin-1), never refused.
std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

// The state's flag for a failure that may pass. DO NOT CHANGE.
constexpr std::string_view kMayPass = "may-pass";

// The key that says how the names in a record's JSON (the data and the hit
// summary) are written; its one value, kNamesEscaped: by escape_name().
// Absent: written before it, when a name that was not UTF-8 was stored
// with U+FFFD for each such byte (and one that was is as it was, even if
// it holds "\xNN" text, which unescape_name() would misread). DO NOT CHANGE.
constexpr const char* kNamesKey = "names";
constexpr int kNamesEscaped = 1;

bool names_escaped(simdjson::dom::element j) {
  std::int64_t v = 0;
  return j[kNamesKey].get(v) == simdjson::SUCCESS && v == kNamesEscaped;
}

// The name fields of a source file, escaped in `j` / read back from it.
void put_names(json& j, const SourceFile& f) {
  j["path"] = escape_name(f.path);
  j["abspath"] = escape_name(f.abspath);
  j["member"] = escape_name(f.member);
  j[kNamesKey] = kNamesEscaped;
}
void get_names(simdjson::dom::element j, SourceFile& f) {
  if (!names_escaped(j)) return;
  f.path = unescape_name(f.path);
  f.abspath = unescape_name(f.abspath);
  f.member = unescape_name(f.member);
}

}  // namespace

std::optional<simdjson::dom::element> parse_json(std::string_view text) {
  thread_local simdjson::dom::parser parser;
  simdjson::dom::element j;
  if (parser.parse(text.data(), text.size()).get(j) != simdjson::SUCCESS) return std::nullopt;
  return j;
}

std::string encode_state(const State& s) {
  std::string out = std::to_string(s.schema) + "/" + s.stamp + "\t" + s.status + "\t" + s.detail;
  if (s.transient) (out += '\t') += kMayPass;
  return out;
}

State parse_state(std::string_view v) {
  State s;
  const std::size_t t1 = v.find('\t');
  if (t1 == std::string_view::npos) return s;
  const std::size_t t2 = v.find('\t', t1 + 1);
  if (t2 == std::string_view::npos) return s;
  s.schema = std::atoi(std::string(v.substr(0, t1)).c_str());
  const std::size_t slash = v.find('/');
  if (slash < t1) s.stamp = v.substr(slash + 1, t1 - slash - 1);
  s.status = v.substr(t1 + 1, t2 - t1 - 1);
  std::string_view detail = v.substr(t2 + 1);
  // A detail is one line of English: a tab in it is the flag's.
  const std::size_t t3 = detail.rfind('\t');
  if (t3 != std::string_view::npos && detail.substr(t3 + 1) == kMayPass) {
    s.transient = true;
    detail = detail.substr(0, t3);
  }
  s.detail = detail;
  return s;
}

std::string encode_hit(const HitSummary& h) {
  json j = to_json_value(h);
  j["path"] = escape_name(h.path);
  j[kNamesKey] = kNamesEscaped;
  return dump(j);
}

std::optional<HitSummary> parse_hit(std::string_view v) {
  const std::optional<simdjson::dom::element> j = parse_json(v);
  if (!j || !j->is_object()) return std::nullopt;
  HitSummary h;
  get_fields(*j, h);
  if (names_escaped(*j)) h.path = unescape_name(h.path);
  return h;
}

std::string encode_actors(const std::vector<StoredActor>& actors) { return dump(to_json_value(actors)); }

namespace {

std::vector<StoredActor> read_actors(std::string_view v, bool aliases) {
  std::vector<StoredActor> out;
  const std::optional<simdjson::dom::element> j = parse_json(v);
  simdjson::dom::array all;
  if (!j || j->get(all) != simdjson::SUCCESS) return out;
  out.reserve(all.size());
  for (simdjson::dom::element a : all) {
    if (!a.is_object()) continue;
    StoredActor& s = out.emplace_back();
    get_fields(a, s, [&](const void* member) { return aliases || member != &s.aliases; });
  }
  return out;
}

}  // namespace

std::vector<StoredActor> parse_actors(std::string_view v) { return read_actors(v, true); }
std::vector<StoredActor> parse_actor_names(std::string_view v) { return read_actors(v, false); }

const std::vector<StoredMention>& RecordData::mentions_of(std::string_view id) const {
  static const std::vector<StoredMention> kNone;
  for (const ActorMentions& a : actor_mentions)
    if (a.actor_id == id) return a.mentions;
  return kNone;
}

std::string encode_data(const RecordData& d) {
  // DO NOT RENAME a key: they are in every index.
  json j = json::object();
  put_fields(j, d.source);
  put_names(j, d.source);
  j.erase("mtime");  // stored once, in kSlotMtimeNs
  put_fields(j, d);
  // The per-mention arrays are written as text (codec/mentions.h).
  std::string data = dump(j);
  data.pop_back();  // the object's '}'
  data += ',' + actor_mentions_json(d.actor_mentions) + ',' + dates_json(d.dates) + '}';
  return data;
}

std::optional<RecordData> parse_data(std::string_view v) {
  const std::optional<simdjson::dom::element> parsed = parse_json(v);
  if (!parsed || !parsed->is_object()) return std::nullopt;
  const simdjson::dom::element j = *parsed;
  RecordData d;
  get_fields(j, d.source);
  get_names(j, d.source);
  d.source.mtime = {};
  get_fields(j, d);
  d.actor_mentions = parse_actor_mentions(j);
  d.dates = parse_dates(j);
  if (simdjson::dom::element e; j["status"].get(e) == simdjson::SUCCESS) from_json_value(e, d.legacy_status);
  if (simdjson::dom::element e; j["status_detail"].get(e) == simdjson::SUCCESS)
    from_json_value(e, d.legacy_status_detail);
  // Before "page text cut" had a kind of its own (schema 7's first
  // releases), it was a page-no-text warning told apart by its sentence.
  for (Diagnostic& g : d.diagnostics)
    if (g.kind == DiagKind::kPageNoText && g.detail.rfind("page text cut at ", 0) == 0) g.kind = DiagKind::kPageTextCut;
  return d;
}

void put_signature(Xapian::Document& d, const SourceFile& f) {
  // Members have no path of their own on disk: they go with their file.
  if (f.container_id.empty()) d.add_value(schema::kSlotAbspath, f.abspath);
  put_mtime_ns(d, util::to_unix_ns(f.mtime));
  d.add_value(schema::kSlotSize, std::to_string(f.size));
  d.add_value(schema::kSlotSha256, f.sha256);
}

void put_mtime_ns(Xapian::Document& d, std::int64_t ns) { d.add_value(schema::kSlotMtimeNs, std::to_string(ns)); }

void put_state(Xapian::Document& d, const State& s) { d.add_value(schema::kSlotState, encode_state(s)); }

void put_page_count(Xapian::Document& d, int pages) {
  d.add_value(schema::kSlotPages, Xapian::sortable_serialise(pages));
}

void put_record_date(Xapian::Document& d, const std::string& date) {
  if (!date.empty()) d.add_value(schema::kSlotDate, date);
}

void put_page_text(Xapian::Document& d, int page, const std::string& text) {
  d.add_value(schema::page_slot(page), text);
}

void put_hit(Xapian::Document& d, const HitSummary& h) { d.add_value(schema::kSlotHit, encode_hit(h)); }

void put_actors(Xapian::Document& d, const std::vector<StoredActor>& actors) {
  d.add_value(schema::kSlotActors, encode_actors(actors));
}

void put_data(Xapian::Document& d, const RecordData& r) { d.set_data(encode_data(r)); }

// Empty values (never written) read as 0, which matches no file.
std::int64_t get_mtime_ns(const Xapian::Document& d) {
  return std::strtoll(d.get_value(schema::kSlotMtimeNs).c_str(), nullptr, 10);
}

std::uint64_t get_size(const Xapian::Document& d) {
  return std::strtoull(d.get_value(schema::kSlotSize).c_str(), nullptr, 10);
}

std::string get_sha256(const Xapian::Document& d) { return d.get_value(schema::kSlotSha256); }

State get_state(const Xapian::Document& d, const RecordData* data) {
  State s = parse_state(d.get_value(schema::kSlotState));
  if (s.status.empty() && data) {
    s.status = data->legacy_status;
    s.detail = data->legacy_status_detail;
  }
  return s;
}

std::optional<HitSummary> get_hit(const Xapian::Document& d) { return parse_hit(d.get_value(schema::kSlotHit)); }

std::string get_hit_id(const Xapian::Document& d) {
  const std::optional<simdjson::dom::element> j = parse_json(d.get_value(schema::kSlotHit));
  HitSummary h;
  if (j) get_fields(*j, h, [&](const void* member) { return member == &h.id; });
  return h.id;
}

bool hit_has_ocr(const Xapian::Document& d) { return hit_has_ocr(d.get_value(schema::kSlotHit)); }

bool hit_has_ocr(std::string_view v) {
  // encode_hit() writes compact JSON: the key is "ocr":[ and, with a page,
  // a digit follows. A string value cannot hold the sequence: its quotes
  // are escaped (\").
  const std::size_t at = v.find("\"ocr\":[");
  return at != std::string_view::npos && at + 7 < v.size() && v[at + 7] != ']';
}

std::vector<StoredActor> get_actors(const Xapian::Document& d) { return parse_actors(d.get_value(schema::kSlotActors)); }
std::vector<StoredActor> get_actor_names(const Xapian::Document& d) {
  return parse_actor_names(d.get_value(schema::kSlotActors));
}

std::optional<RecordData> get_data(const Xapian::Document& d) { return parse_data(d.get_data()); }

std::string get_abspath(const Xapian::Document& d) { return d.get_value(schema::kSlotAbspath); }

bool names_exact(const Xapian::Document& d) {
  // Only a name that is not UTF-8 was stored with U+FFFD: the record data
  // is read for that rare file alone, not for every file of a no-op run.
  if (is_utf8(get_abspath(d))) return true;
  const std::optional<simdjson::dom::element> j = parse_json(d.get_data());
  return j && names_escaped(*j);
}

std::string get_page_text(const Xapian::Document& d, int page) { return d.get_value(schema::page_slot(page)); }

int parse_page_count(const std::string& v) { return static_cast<int>(Xapian::sortable_unserialise(v)); }

void put_events(Xapian::Document& d, const std::vector<RecordEvent>& events) {
  if (events.empty()) {
    d.remove_value(schema::kSlotEvents);
    return;
  }
  nlohmann::json a = nlohmann::json::array();
  for (const RecordEvent& e : events) {
    nlohmann::json o = {{"type", event_key(e.kind)}, {"at", e.at}};
    if (!e.sha256.empty()) o["sha256"] = e.sha256;
    if (!e.before.empty()) o["before"] = e.before;
    if (!e.detail.empty()) o["detail"] = e.detail;
    a.push_back(std::move(o));
  }
  d.add_value(schema::kSlotEvents, a.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

std::vector<RecordEvent> get_events(const Xapian::Document& d) {
  std::vector<RecordEvent> out;
  const std::string v = d.get_value(schema::kSlotEvents);
  if (v.empty()) return out;
  const std::optional<simdjson::dom::element> j = parse_json(v);
  simdjson::dom::array a;
  if (!j || j->get(a) != simdjson::SUCCESS) return out;
  for (simdjson::dom::element o : a) {
    if (!o.is_object()) continue;
    const std::optional<EventKind> kind = event_from_key(json_string(o, "type"));
    if (!kind) continue;
    out.push_back({*kind, json_string(o, "at"), json_string(o, "sha256"), json_string(o, "before"),
                   json_string(o, "detail")});
  }
  return out;
}

std::string join_sources(std::vector<std::string> abspaths) {
  std::sort(abspaths.begin(), abspaths.end());
  abspaths.erase(std::unique(abspaths.begin(), abspaths.end()), abspaths.end());
  // Sorted, a folder comes before what lies below it ("/a/b" < "/a/b/c");
  // "/a/b c" sorts between them and is no child of "/a/b".
  std::vector<std::string> kept;
  for (const std::string& p : abspaths) {
    const bool below = std::any_of(kept.begin(), kept.end(), [&](const std::string& k) { return at_or_below(p, k); });
    if (!below) kept.push_back(p);
  }
  std::string out;
  for (const std::string& p : kept) {
    if (!out.empty()) out += '\0';
    out += p;
  }
  return out;
}

bool at_or_below(std::string_view p, std::string_view dir) {
  return p == dir || dir == "/" || (p.size() > dir.size() && p.substr(0, dir.size()) == dir && p[dir.size()] == '/');
}

std::vector<std::string> split_sources(std::string_view v) {
  std::vector<std::string> out;
  while (!v.empty()) {
    const std::size_t end = v.find('\0');
    out.emplace_back(v.substr(0, end));
    if (end == std::string_view::npos) break;
    v.remove_prefix(end + 1);
  }
  return out;
}

std::string join_walk_problems(const std::vector<WalkProblem>& problems) {
  std::string out;
  for (const WalkProblem& p : problems) {
    for (const std::string* field : {&p.abspath, &p.kind, &p.detail}) {
      if (!out.empty()) out += '\0';
      out += *field;
    }
  }
  return out;
}

std::vector<WalkProblem> split_walk_problems(std::string_view v) {
  // Every field, empty ones too (a problem without detail).
  std::vector<std::string> fields;
  for (std::size_t at = 0; !v.empty();) {
    const std::size_t end = v.find('\0', at);
    fields.emplace_back(v.substr(at, end == std::string_view::npos ? end : end - at));
    if (end == std::string_view::npos) break;
    at = end + 1;
  }
  std::vector<WalkProblem> out;
  for (std::size_t i = 0; i + 2 < fields.size(); i += 3) out.push_back({fields[i], fields[i + 1], fields[i + 2]});
  return out;
}

}  // namespace arkiv::codec
