// The generic JSON encoding of the plain types with a field list
// (codec/fields.h): one object per value, one key per field, in the
// record data of the index (codec/record.h). A field added to a list is
// written and read with no code here.
//
// Decoding is tolerant, because every index holds records written by older
// versions: a missing key, a null or a value of another JSON type leaves
// the member at its default, and unknown keys are ignored.
#pragma once

#include <nlohmann/json.hpp>
#include <simdjson.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "arkiv/record.h"
#include "arkiv/record_type.h"
#include "codec/fields.h"
#include "util/time.h"

namespace arkiv::codec {

template <class T>
nlohmann::json to_json_value(const T& v);

// Writes every field of `v` into the object `j` (existing keys replaced).
template <HasFields T>
void put_fields(nlohmann::json& j, const T& v) {
  for_each_field(v, [&](const char* key, const auto& member) { j[key] = to_json_value(member); });
}

// One member as JSON: times as ISO 8601 UTC ("" for none, as schema 1
// wrote them), a DiagKind as its diag_key, a PageSource as its key, a
// RecordType as its key ("avtal"; none recorded as ""), a PageSpan as
// [number, begin, end] (an OCR page's with its source and confidence), a list as an array, a type with a field list as an object.
template <class T>
nlohmann::json to_json_value(const T& v) {
  if constexpr (std::is_same_v<T, FileTime>) {
    return util::iso8601_utc(v);
  } else if constexpr (std::is_same_v<T, std::optional<FileTime>>) {
    return v ? util::iso8601_utc(*v) : std::string();
  } else if constexpr (std::is_same_v<T, DiagKind>) {
    return diag_key(v);
  } else if constexpr (std::is_same_v<T, PageSource>) {
    return page_source_key(v);
  } else if constexpr (std::is_same_v<T, RecordType>) {
    return std::string(record_type_key(v));
  } else if constexpr (std::is_same_v<T, std::optional<RecordType>>) {
    return v ? std::string(record_type_key(*v)) : std::string();
  } else if constexpr (requires { typename T::value_type; v.has_value(); }) {
    // Any other optional: null for none.
    return v ? to_json_value(*v) : nlohmann::json();
  } else if constexpr (std::is_same_v<T, PageSpan>) {
    // Compact, one per page of every record. An OCR page adds its source
    // and confidence; a reader that knows only [number, begin, end] reads
    // the first three as before.
    if (v.source == PageSource::kText) return nlohmann::json::array({v.number, v.begin, v.end});
    return nlohmann::json::array({v.number, v.begin, v.end, page_source_key(v.source), v.confidence});
  } else if constexpr (HasFields<T>) {
    nlohmann::json j = nlohmann::json::object();
    put_fields(j, v);
    return j;
  } else if constexpr (requires { typename T::value_type; } && !std::is_same_v<T, std::string>) {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& e : v) a.push_back(to_json_value(e));
    return a;
  } else {
    return v;
  }
}

// Reading: simdjson's DOM, not nlohmann's. A search reads the hit summary
// and the actors of every hit (kSlotHit, kSlotActors: about 4 KB of JSON
// for a record naming 40 actors), and nlohmann built a std::map per object
// of them: 35-60 us a record's actors, a quarter of a search's
// instructions; simdjson takes 3-6 us.

// The JSON value of `text`, valid until the next parse_json() on this
// thread (its parser is reused: one allocation a thread, not one a
// parse); std::nullopt if it is no JSON.
std::optional<simdjson::dom::element> parse_json(std::string_view text);

template <class T>
void from_json_value(simdjson::dom::element j, T& out);

// Reads each field of `v` that `j` (an object) has and `wanted` accepts
// (given the member's address); the others keep their value. A reader that
// needs a few members of a large value (a hit row: an actor's name, not
// its aliases) skips the rest.
template <HasFields T, class Wanted>
void get_fields(simdjson::dom::element j, T& v, Wanted wanted) {
  simdjson::dom::object o;
  if (j.get(o) != simdjson::SUCCESS) return;
  for_each_field(v, [&](const char* key, auto& member) {
    if (!wanted(static_cast<const void*>(&member))) return;
    simdjson::dom::element e;
    if (o.at_key(key).get(e) == simdjson::SUCCESS) from_json_value(e, member);
  });
}
// Every field.
template <HasFields T>
void get_fields(simdjson::dom::element j, T& v) {
  get_fields(j, v, [](const void*) { return true; });
}

// The string `j` holds, or "" (and false) for any other value.
inline bool json_string(simdjson::dom::element j, std::string& out) {
  std::string_view v;
  if (j.get(v) != simdjson::SUCCESS) return false;
  out.assign(v);
  return true;
}
inline std::string json_string(simdjson::dom::element j) {
  std::string out;
  json_string(j, out);
  return out;
}
// The string at key `key` of object `o`, or "" (no such key, no object, or
// another value there).
inline std::string json_string(simdjson::dom::element o, const char* key) {
  simdjson::dom::element e;
  return o[key].get(e) == simdjson::SUCCESS ? json_string(e) : std::string();
}

// The number `j` holds as a T, converted as a C++ cast does; false (and
// `out` as it was) for any other value.
template <class T>
bool json_number(simdjson::dom::element j, T& out) {
  if (std::int64_t i; j.get(i) == simdjson::SUCCESS) out = static_cast<T>(i);
  else if (std::uint64_t u; j.get(u) == simdjson::SUCCESS) out = static_cast<T>(u);
  else if (double d; j.get(d) == simdjson::SUCCESS) out = static_cast<T>(d);
  else return false;
  return true;
}

// The inverse of to_json_value(); a value of the wrong JSON type (or a
// time, a kind this version does not know) leaves `out` as it was.
template <class T>
void from_json_value(simdjson::dom::element j, T& out) {
  if constexpr (std::is_same_v<T, FileTime>) {
    if (std::string v; json_string(j, v))
      if (auto t = util::parse_iso8601(v)) out = *t;
  } else if constexpr (std::is_same_v<T, std::optional<FileTime>>) {
    if (std::string v; json_string(j, v) && !v.empty()) out = util::parse_iso8601(v);
  } else if constexpr (std::is_same_v<T, DiagKind>) {
    if (std::string v; json_string(j, v))
      if (auto k = diag_from_key(v)) out = *k;
  } else if constexpr (std::is_same_v<T, PageSource>) {
    std::string v;
    json_string(j, v);
    if (v == page_source_key(PageSource::kOcr)) out = PageSource::kOcr;
    else if (v == page_source_key(PageSource::kText)) out = PageSource::kText;
  } else if constexpr (std::is_same_v<T, RecordType> || std::is_same_v<T, std::optional<RecordType>>) {
    // A key this version does not know is kOther: an index written before
    // RecordType may hold a word a Markdown record's front matter gave
    // ("typ: anteckning"), which the typ: filter never accepted; and "" is
    // no type recorded (a record that failed), kept apart only by the
    // std::optional form.
    if (std::string k; json_string(j, k)) {
      if constexpr (std::is_same_v<T, std::optional<RecordType>>) {
        if (k.empty()) {
          out = std::nullopt;
          return;
        }
      }
      out = record_type_from_key(k).value_or(RecordType::kOther);
    }
  } else if constexpr (requires { typename T::value_type; out.has_value(); }) {
    // Any other optional: null is none; a missing key, or a value of
    // another JSON type than its contents' (damage), leaves it as it was.
    using V = typename T::value_type;
    if (j.is_null()) {
      out = std::nullopt;
      return;
    }
    if constexpr (std::is_same_v<V, std::string>) {
      if (!j.is_string()) return;
    } else if constexpr (requires { typename V::value_type; }) {
      if (!j.is_array()) return;
    }
    V v{};
    from_json_value(j, v);
    out = std::move(v);
  } else if constexpr (std::is_same_v<T, PageSpan>) {
    simdjson::dom::array a;
    if (j.get(a) != simdjson::SUCCESS || a.size() < 3) return;
    simdjson::dom::element e[5];
    std::size_t n = 0;
    for (simdjson::dom::element x : a) {
      if (n == 5) break;
      e[n++] = x;
    }
    PageSpan p;
    if (!json_number(e[0], p.number) || !json_number(e[1], p.begin) || !json_number(e[2], p.end)) return;
    out = p;
    if (n >= 5 && json_number(e[4], out.confidence)) from_json_value(e[3], out.source);
  } else if constexpr (HasFields<T>) {
    get_fields(j, out);
  } else if constexpr (std::is_same_v<T, std::string>) {
    json_string(j, out);
  } else if constexpr (std::is_same_v<T, bool>) {
    if (bool b; j.get(b) == simdjson::SUCCESS) out = b;
  } else if constexpr (std::is_arithmetic_v<T>) {
    json_number(j, out);
  } else if constexpr (requires { typename T::value_type; }) {
    simdjson::dom::array a;
    if (j.get(a) != simdjson::SUCCESS) return;
    out.clear();
    for (simdjson::dom::element e : a) {
      typename T::value_type v{};
      from_json_value(e, v);
      out.push_back(std::move(v));
    }
  } else {
    static_assert(sizeof(T) == 0, "no JSON encoding for this member type");
  }
}

}  // namespace arkiv::codec
