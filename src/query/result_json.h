// A search's result as `arkiv search --json` writes it and `arkiv serve`'s
// /search?format=json|csv hands it out: one definition of the keys, so the
// two faces of the library cannot drift apart.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>

#include "arkiv/search.h"

namespace arkiv::query {

// {"query", "total", "offset", "matched", "suggestion", "hits": [{"rank",
// "id", "path", "title", "pages", "snippet_page", "snippet_source",
// "snippet", "highlights", "score", "percent", "date", "type",
// "case_numbers", "actors": [{"id", "name", "mentions"}], "attachment_number",
// "parent"}], "facets"} ("facets" only
// when they were counted: facets_json()). `query` is the query as it may be
// echoed (personal identity numbers masked unless shown); `offset` the
// request's. Paths are written by escape_name().
nlohmann::json search_result_json(const SearchResult& res, const std::string& query, std::size_t offset);

// {"records", "years", "types", "organisations": [{"key", "name",
// "records"}], "actors": [{"id", "name", "records", "mentions"}],
// "attachments", "decisions", "ocr", "personal_data"}, lists as given.
nlohmann::json facets_json(const Facets& f);

// The hits of `res` as CSV (RFC 4180), a header line and one line per hit,
// with the hit keys of search_result_json() as columns: "pages" and
// "highlights" as JSON arrays, "parent" as parent_id, parent_path,
// parent_title (empty for a decision).
std::string search_result_csv(const SearchResult& res);

// `j` as text: bytes that are not UTF-8 in a string become U+FFFD, so the
// output is always valid JSON (a member name once made `index --json` stop
// with nlohmann's type_error.316).
std::string json_text(const nlohmann::json& j, int indent = 2);

}  // namespace arkiv::query
