#include "query/result_json.h"

#include "arkiv/record.h"
#include "util/markup.h"

namespace arkiv::query {
namespace {

const char* matched_key(WordMatch m) {
  return m == WordMatch::kAll           ? "all"
         : m == WordMatch::kAllThenSome ? "all-then-some"
         : m == WordMatch::kApart       ? "apart"
                                        : "some";
}

nlohmann::json hit_json(const Hit& h) {
  nlohmann::json hl = nlohmann::json::array();
  for (auto [b, e] : h.highlights) hl.push_back({b, e});
  nlohmann::json j = {{"rank", h.rank},
                      {"id", h.id},
                      {"path", escape_name(h.path)},
                      {"title", h.title},
                      {"pages", h.pages},
                      {"snippet_page", h.snippet_page},
                      {"snippet_source", h.snippet_ocr ? "ocr" : "text"},
                      {"snippet", h.snippet},
                      {"highlights", hl},
                      {"score", h.score},
                      {"percent", h.percent},
                      {"date", h.date},
                      {"type", h.type},
                      {"case_numbers", h.case_numbers},
                      {"attachment_number", h.attachment_number}};
  j["actors"] = nlohmann::json::array();
  for (const ActorCount& a : h.actors) j["actors"].push_back({{"id", a.actor.id}, {"name", a.actor.name}, {"mentions", a.mentions}});
  j["parent"] = h.parent ? nlohmann::json{{"id", h.parent->id},
                                          {"path", escape_name(h.parent->path)},
                                          {"title", h.parent->title}}
                         : nlohmann::json(nullptr);
  return j;
}

nlohmann::json counts_json(const std::vector<FacetCount>& list) {
  nlohmann::json out = nlohmann::json::array();
  for (const FacetCount& f : list) out.push_back({{"key", f.key}, {"name", f.label}, {"records", f.records}});
  return out;
}

}  // namespace

nlohmann::json facets_json(const Facets& f) {
  nlohmann::json actors = nlohmann::json::array();
  for (const ActorCount& a : f.actors)
    actors.push_back({{"id", a.actor.id}, {"name", a.actor.name}, {"records", a.records}, {"mentions", a.mentions}});
  return {{"records", f.records},
          {"years", counts_json(f.years)},
          {"types", counts_json(f.types)},
          {"organisations", counts_json(f.organisations)},
          {"actors", actors},
          {"attachments", f.attachments},
          {"decisions", f.decisions},
          {"ocr", f.ocr},
          {"personal_data", f.personal_data}};
}

nlohmann::json shards_json(const ShardReport& r) {
  nlohmann::json failed = nlohmann::json::array();
  for (const ShardFailure& f : r.failed) failed.push_back({{"shard", f.shard}, {"reason", f.reason}});
  return {{"answered", r.answered}, {"failed", failed}};
}

void add_shards(nlohmann::json& j, const ShardReport& r) {
  // Over several shards, which answered; one index has no such key.
  if (r.sharded()) j["shards"] = shards_json(r);
}

nlohmann::json search_result_json(const SearchResult& res, const std::string& query, std::size_t offset) {
  nlohmann::json j = {{"query", query},
                      {"total", res.total},
                      {"offset", offset},
                      {"matched", matched_key(res.matched)},
                      {"suggestion", res.suggestion.empty() ? nlohmann::json(nullptr) : nlohmann::json(res.suggestion)},
                      {"words_in_no_record", res.words_in_no_record}};
  j["hits"] = nlohmann::json::array();
  for (const Hit& h : res.hits) j["hits"].push_back(hit_json(h));
  add_shards(j, res.shards);
  if (res.facets.records > 0) j["facets"] = facets_json(res.facets);
  return j;
}

std::string search_result_csv(const SearchResult& res) {
  static const char* const kColumns[] = {"rank",   "id",   "path",  "title", "pages",   "snippet_page",
                                         "snippet_source", "snippet", "highlights", "score", "percent",
                                         "date",   "type", "case_numbers", "attachment_number"};
  std::string out;
  for (const char* c : kColumns) out += std::string(c) + ',';
  out += "parent_id,parent_path,parent_title\r\n";
  for (const Hit& h : res.hits) {
    const nlohmann::json j = hit_json(h);
    for (const char* c : kColumns) {
      const nlohmann::json& v = j[c];
      out += util::csv_field(v.is_string() ? v.get<std::string>() : json_text(v, -1)) + ',';
    }
    const nlohmann::json& p = j["parent"];
    for (const char* c : {"id", "path", "title"}) {
      out += util::csv_field(p.is_null() ? std::string() : p[c].get<std::string>());
      out += std::string_view(c) == "title" ? "\r\n" : ",";
    }
  }
  return out;
}

namespace {

// A CSV line per item of `items` (JSON objects), the columns `columns`.
std::string csv_of(const nlohmann::json& items, std::initializer_list<const char*> columns) {
  std::string out;
  for (const char* c : columns) out += (out.empty() ? "" : ",") + std::string(c);
  out += "\r\n";
  for (const nlohmann::json& item : items) {
    bool first = true;
    for (const char* c : columns) {
      const nlohmann::json& v = item[c];
      out += (first ? "" : ",") + util::csv_field(v.is_string() ? v.get<std::string>() : json_text(v, -1));
      first = false;
    }
    out += "\r\n";
  }
  return out;
}

nlohmann::json organisation_json(const std::string& id, const std::string& name) {
  return id.empty() ? nlohmann::json(nullptr) : nlohmann::json{{"id", id}, {"name", name}};
}

}  // namespace

nlohmann::json case_json(const std::string& dnr, const std::vector<CaseRecord>& records) {
  nlohmann::json arr = nlohmann::json::array();
  for (const auto& r : records)
    arr.push_back({{"id", r.id}, {"path", escape_name(r.path)}, {"title", r.title}, {"type", r.type}, {"date", r.date},
                   {"organisation", organisation_json(r.organisation_id, r.organisation)}});
  return {{"dnr", dnr}, {"records", arr}};
}

std::string case_csv(const std::vector<CaseRecord>& records) {
  nlohmann::json items = case_json("", records)["records"];
  for (nlohmann::json& r : items) {
    const nlohmann::json org = r["organisation"];
    r["organisation_id"] = org.is_null() ? "" : org["id"].get<std::string>();
    r["organisation"] = org.is_null() ? "" : org["name"].get<std::string>();
  }
  return csv_of(items, {"id", "path", "title", "type", "date", "organisation_id", "organisation"});
}

nlohmann::json actor_json(const Actor& a) {
  return {{"id", a.id}, {"name", a.name}, {"type", actor_type_key(a.type)}, {"aliases", a.aliases}, {"former", a.former}};
}

nlohmann::json actors_json(const std::string& query, const std::vector<ActorCount>& list) {
  nlohmann::json arr = nlohmann::json::array();
  for (const auto& c : list) {
    nlohmann::json j = actor_json(c.actor);
    j["records"] = c.records;
    j["mentions"] = c.mentions;
    arr.push_back(j);
  }
  return {{"query", query}, {"actors", arr}};
}

std::string actors_csv(const std::vector<ActorCount>& list) {
  std::string out = "id,name,type,records,mentions,aliases\n";
  for (const auto& c : list) {
    std::string aliases;
    for (const auto& a : c.actor.aliases) aliases += (aliases.empty() ? "" : "|") + a;
    out += util::csv_field(c.actor.id) + ',' + util::csv_field(c.actor.name) + ',' +
           util::csv_field(actor_type_key(c.actor.type)) + ',' + std::to_string(c.records) + ',' +
           std::to_string(c.mentions) + ',' + util::csv_field(aliases) + '\n';
  }
  return out;
}

nlohmann::json refs_json(const ActorReferences& refs) {
  nlohmann::json arr = nlohmann::json::array();
  for (const auto& m : refs.mentions)
    arr.push_back({{"id", m.id}, {"path", escape_name(m.path)}, {"title", m.title}, {"date", m.date}, {"page", m.page},
                   {"surface", m.surface}, {"context", m.context},
                   {"highlight", {m.highlight.first, m.highlight.second}}});
  return {{"actor", actor_json(refs.actor)}, {"mentions", arr}};
}

std::string refs_csv(const ActorReferences& refs) {
  std::string out = "path,page,date,surface,context\n";
  for (const auto& m : refs.mentions)
    out += util::csv_field(escape_name(m.path)) + ',' + std::to_string(m.page) + ',' + util::csv_field(m.date) + ',' +
           util::csv_field(m.surface) + ',' + util::csv_field(m.context) + '\n';
  return out;
}

nlohmann::json events_json(const std::vector<TimelineEvent>& events) {
  nlohmann::json arr = nlohmann::json::array();
  for (const auto& e : events)
    arr.push_back({{"start", e.start},
                   {"end", e.end},
                   {"precision", precision_key(e.precision)},
                   {"date_text", e.surface},
                   {"text", e.text},
                   {"id", e.id},
                   {"path", escape_name(e.path)},
                   {"title", e.title},
                   {"record_date", e.record_date},
                   {"page", e.page}});
  return arr;
}

nlohmann::json timeline_json(const std::string& query, const Timeline& tl) {
  return {{"query", query}, {"events", events_json(tl.events)}, {"unresolved", events_json(tl.unresolved)}};
}

std::string events_csv(const std::vector<TimelineEvent>& events) {
  return csv_of(events_json(events),
                {"start", "end", "precision", "date_text", "text", "id", "path", "title", "record_date", "page"});
}

nlohmann::json audit_json(const AuditReport& rep) {
  nlohmann::json findings = nlohmann::json::array();
  for (const auto& f : rep.findings)
    findings.push_back({{"kind", finding_key(f.kind)}, {"path", escape_name(f.path)}, {"detail", f.detail}});
  nlohmann::json summary = {{"files_on_disk", rep.files_on_disk}, {"records", rep.records}, {"verified", rep.verified},
                            {"fixity_failed", rep.fixity_failed()}, {"not_checked", rep.not_checked}};
  for (const auto& [k, n] : rep.counts()) summary[k] = n;
  nlohmann::json j = {{"summary", summary}, {"findings", findings}};
  add_shards(j, rep.shards);
  return j;
}

std::string audit_csv(const AuditReport& rep) {
  std::string out = "kind,path,detail\n";
  for (const auto& f : rep.findings)
    out += util::csv_field(finding_key(f.kind)) + ',' + util::csv_field(escape_name(f.path)) + ',' +
           util::csv_field(f.detail) + '\n';
  return out;
}

std::string json_text(const nlohmann::json& j, int indent) {
  return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace arkiv::query
