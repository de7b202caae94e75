// A search's result as `arkiv search --json` writes it and `arkiv serve`'s
// /search?format=json|csv hands it out: one definition of the keys, so the
// two faces of the library cannot drift apart.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>

#include "arkiv/audit.h"
#include "arkiv/search.h"

namespace arkiv::query {

// {"query", "total", "offset", "matched", "suggestion", "hits": [{"rank",
// "id", "path", "title", "pages", "snippet_page", "snippet_source",
// "snippet", "highlights", "score", "percent", "date", "type",
// "case_numbers", "actors": [{"id", "name", "mentions"}], "attachment_number",
// "parent"}], "words_in_no_record", "facets", "shards": {"answered",
// "failed": [{"shard", "reason"}]}} ("facets" only when they were counted:
// facets_json(); "shards" only when more than one shard was named:
// ShardReport). `query` is the query as it may be
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

// The shards a read was answered from, as every reading command's --json
// has it: {"answered", "failed": [{"shard", "reason"}]}.
nlohmann::json shards_json(const ShardReport& r);
// Sets j["shards"] = shards_json(r) when more than one shard was named
// (ShardReport::sharded()); one index has no such key.
void add_shards(nlohmann::json& j, const ShardReport& r);

// The other lists the CLI writes with --json and `arkiv serve` hands out
// as ?format=json|csv, one definition each. CSV columns are the JSON keys
// of a list's items; a value that is no string (a list, an object) is its
// JSON text.

// `arkiv case`: {"dnr", "records": [{"id", "path", "title", "type", "date",
// "organisation": {"id", "name"} or null}]}.
nlohmann::json case_json(const std::string& dnr, const std::vector<CaseRecord>& records);
std::string case_csv(const std::vector<CaseRecord>& records);

// An actor: {"id", "name", "type", "aliases", "former"}.
nlohmann::json actor_json(const Actor& a);
// `arkiv actors`: {"query", "actors": [actor_json() + "records", "mentions"]}.
nlohmann::json actors_json(const std::string& query, const std::vector<ActorCount>& list);
// `arkiv actors --csv`: id,name,type,records,mentions,aliases (aliases joined by "|").
std::string actors_csv(const std::vector<ActorCount>& list);
// `arkiv refs`: {"actor": actor_json(), "mentions": [{"id", "path", "title",
// "date", "page", "surface", "context", "highlight"}]}.
nlohmann::json refs_json(const ActorReferences& refs);
// `arkiv refs --csv`: path,page,date,surface,context.
std::string refs_csv(const ActorReferences& refs);

// `arkiv timeline`: [{"start", "end", "precision", "date_text", "text",
// "path", "title", "record_date", "page"}] (and "id": the record's).
nlohmann::json events_json(const std::vector<TimelineEvent>& events);
// {"query", "events", "unresolved"}.
nlohmann::json timeline_json(const std::string& query, const Timeline& tl);
std::string events_csv(const std::vector<TimelineEvent>& events);

// `arkiv audit`: {"summary": {"files_on_disk", "records", "verified",
// "fixity_failed", "not_checked", and a count per finding_key()},
// "findings": [{"kind", "path", "detail"}], "shards"} ("not_checked": files
// on disk of shards that did not answer; "shards" as add_shards()).
nlohmann::json audit_json(const AuditReport& rep);
// `arkiv audit --csv`: kind,path,detail.
std::string audit_csv(const AuditReport& rep);

// `j` as text: bytes that are not UTF-8 in a string become U+FFFD, so the
// output is always valid JSON (a member name once made `index --json` stop
// with nlohmann's type_error.316).
std::string json_text(const nlohmann::json& j, int indent = 2);

}  // namespace arkiv::query
