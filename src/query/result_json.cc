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

nlohmann::json search_result_json(const SearchResult& res, const std::string& query, std::size_t offset) {
  nlohmann::json j = {{"query", query},
                      {"total", res.total},
                      {"offset", offset},
                      {"matched", matched_key(res.matched)},
                      {"suggestion", res.suggestion.empty() ? nlohmann::json(nullptr) : nlohmann::json(res.suggestion)}};
  j["hits"] = nlohmann::json::array();
  for (const Hit& h : res.hits) j["hits"].push_back(hit_json(h));
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

std::string json_text(const nlohmann::json& j, int indent) {
  return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace arkiv::query
