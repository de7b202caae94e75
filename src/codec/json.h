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

#include <cstdint>
#include <optional>
#include <string>
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

template <class T>
void from_json_value(const nlohmann::json& j, T& out);

// Reads every field of `v` that `j` (an object) has; the others keep
// their value.
template <HasFields T>
void get_fields(const nlohmann::json& j, T& v) {
  if (!j.is_object()) return;
  for_each_field(v, [&](const char* key, auto& member) {
    auto it = j.find(key);
    if (it != j.end()) from_json_value(*it, member);
  });
}

// The inverse of to_json_value(); a value of the wrong JSON type (or a
// time, a kind this version does not know) leaves `out` as it was.
template <class T>
void from_json_value(const nlohmann::json& j, T& out) {
  if constexpr (std::is_same_v<T, FileTime>) {
    if (j.is_string())
      if (auto t = util::parse_iso8601(j.get<std::string>())) out = *t;
  } else if constexpr (std::is_same_v<T, std::optional<FileTime>>) {
    if (j.is_string() && !j.get<std::string>().empty()) out = util::parse_iso8601(j.get<std::string>());
  } else if constexpr (std::is_same_v<T, DiagKind>) {
    if (j.is_string())
      if (auto k = diag_from_key(j.get<std::string>())) out = *k;
  } else if constexpr (std::is_same_v<T, PageSource>) {
    if (j.is_string() && j.get<std::string>() == page_source_key(PageSource::kOcr)) out = PageSource::kOcr;
    else if (j.is_string() && j.get<std::string>() == page_source_key(PageSource::kText)) out = PageSource::kText;
  } else if constexpr (std::is_same_v<T, RecordType> || std::is_same_v<T, std::optional<RecordType>>) {
    // A key this version does not know is kOther: an index written before
    // RecordType may hold a word a Markdown record's front matter gave
    // ("typ: anteckning"), which the typ: filter never accepted; and "" is
    // no type recorded (a record that failed), kept apart only by the
    // std::optional form.
    if (j.is_string()) {
      const std::string k = j.get<std::string>();
      if constexpr (std::is_same_v<T, std::optional<RecordType>>) {
        if (k.empty()) {
          out = std::nullopt;
          return;
        }
      }
      out = record_type_from_key(k).value_or(RecordType::kOther);
    }
  } else if constexpr (std::is_same_v<T, PageSpan>) {
    if (j.is_array() && j.size() >= 3 && j[0].is_number() && j[1].is_number() && j[2].is_number()) {
      out = {j[0].get<int>(), j[1].get<std::size_t>(), j[2].get<std::size_t>()};
      if (j.size() >= 5 && j[4].is_number()) {
        from_json_value(j[3], out.source);
        out.confidence = j[4].get<int>();
      }
    }
  } else if constexpr (HasFields<T>) {
    get_fields(j, out);
  } else if constexpr (std::is_same_v<T, std::string>) {
    if (j.is_string()) out = j.get<std::string>();
  } else if constexpr (std::is_same_v<T, bool>) {
    if (j.is_boolean()) out = j.get<bool>();
  } else if constexpr (std::is_arithmetic_v<T>) {
    if (j.is_number()) out = j.get<T>();
  } else if constexpr (requires { typename T::value_type; }) {
    if (!j.is_array()) return;
    out.clear();
    for (const auto& e : j) {
      typename T::value_type v{};
      from_json_value(e, v);
      out.push_back(std::move(v));
    }
  } else {
    static_assert(sizeof(T) == 0, "no JSON encoding for this member type");
  }
}

}  // namespace arkiv::codec
