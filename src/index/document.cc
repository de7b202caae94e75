#include "index/document.h"

#include <algorithm>
#include <map>
#include <string_view>
#include <nlohmann/json.hpp>

#include "analyze/analyzer.h"
#include "analyze/index_tokens.h"
#include "index/record_data.h"
#include "index/tokens.h"
#include "arkiv/actors.h"
#include "arkiv/pipeline.h"
#include "arkiv/schema.h"
#include "arkiv/version.h"
#include "util/time.h"

using nlohmann::json;

namespace arkiv::index {
namespace {

json metadata_json(const Metadata& m) {
  json j = {{"title", m.title},     {"author", m.author},     {"subject", m.subject},
            {"keywords", m.keywords}, {"creator", m.creator}, {"producer", m.producer}};
  j["created"] = m.created ? util::iso8601_utc(*m.created) : "";
  j["modified"] = m.modified ? util::iso8601_utc(*m.modified) : "";
  j["recipients"] = m.recipients;
  return j;
}

json common_json(const SourceFile& f, const std::string& format, const std::string& extractor,
                 const Metadata& meta, int page_count, const std::vector<Diagnostic>& diags) {
  json d = json::array();
  for (const auto& g : diags) d.push_back({{"kind", diag_key(g.kind)}, {"detail", g.detail}, {"page", g.page}});
  return {{"schema", schema::kSchemaVersion},
          {"id", f.id},
          {"path", f.path},
          {"abspath", f.abspath},
          {"size", f.size},
          {"mtime", util::iso8601_utc(f.mtime)},
          {"sha256", f.sha256},
          {"format", format},
          {"extractor", extractor},
          {"arkiv_version", kVersion},
          {"indexed_at", util::iso8601_utc(util::now())},
          {"page_count", page_count},
          {"meta", metadata_json(meta)},
          {"parent_id", f.parent_id},
          {"container_id", f.container_id},
          {"member", f.member},
          {"diagnostics", d}};
}

// The state a later run reads for every file (Writer::lookup).
void add_state(Xapian::Document& xd, TextAnalysis text, const std::string& status, const std::string& detail) {
  xd.add_value(schema::kSlotState,
               std::to_string(schema::kSchemaVersion) + "/" + analysis_stamp(text) + "\t" + status + "\t" + detail);
}

// The folder on disk a record belongs to: its own, or its container's.
std::string folder_of(const SourceFile& f) {
  std::string disk = f.abspath.substr(0, f.abspath.find(kMemberSeparator));
  return ingest::record_id(disk.substr(0, disk.rfind('/')));
}

void add_identity(Xapian::Document& xd, Xapian::TermGenerator& fields, const SourceFile& f) {
  xd.add_boolean_term(std::string(schema::kPrefixId) + f.id);
  fields.index_text_without_positions(analyze::path_words(f.path), 1, schema::kPrefixPath);
  xd.add_boolean_term(std::string(schema::kPrefixFolder) + folder_of(f));
  if (f.container_id.empty()) {
    xd.add_value(schema::kSlotAbspath, f.abspath);
  } else {
    xd.add_boolean_term(std::string(schema::kPrefixParent) + f.parent_id);
    xd.add_boolean_term(std::string(schema::kPrefixContainer) + f.container_id);
  }
  xd.add_value(schema::kSlotMtimeNs, std::to_string(util::to_unix_ns(f.mtime)));
  xd.add_value(schema::kSlotSize, std::to_string(f.size));
  xd.add_value(schema::kSlotSha256, f.sha256);
}

std::string fatal_key(const std::vector<Diagnostic>& diags, std::string* detail) {
  for (const auto& d : diags) {
    if (diag_is_fatal(d.kind)) {
      if (detail) *detail = d.detail;
      return diag_key(d.kind);
    }
  }
  return schema::kStatusOk;
}

}  // namespace

std::string analysis_stamp(TextAnalysis text) {
  return actors::gazetteer_version() + "+" + analyze::analysis_id(text);
}

Xapian::Document make_document(const NormalizedDoc& doc, const AnalyzedDoc& analysis, TextAnalysis text) {
  Xapian::Document xd;
  // title:, path:, från:, till: go through Xapian's TermGenerator with
  // their prefixes; the record's words through the token chain
  // (analyze/index_tokens.h), written once by add_tokens().
  Xapian::TermGenerator fields = analyze::make_term_generator(text);
  const unsigned wdf = analyze::word_wdf(text);
  fields.set_document(xd);
  add_identity(xd, fields, doc.source);
  // A scan without a text layer is a record too, findable by its title and
  // path words, but keeps its "no-text" status: the audit lists it for
  // OCR and a later run reports it again.
  std::string status_detail;
  const std::string status = fatal_key(doc.diagnostics, &status_detail);
  xd.add_boolean_term(std::string(schema::kPrefixStatus) + status);
  xd.add_boolean_term(std::string(schema::kPrefixFormat) + doc.format);
  add_state(xd, text, status, status_detail);

  // Body text page by page, each page's first term position kept so that
  // a hit can name the page it is on; an actor term at its mention's
  // first word.
  const std::vector<ActorMention>& mentions = analysis.actors.mentions;
  std::vector<std::size_t> mention_at;
  for (const ActorMention& m : mentions) mention_at.push_back(m.begin);
  const analyze::RecordTokens words =
      analyze::record_tokens(doc, mention_at, text, status == diag_key(DiagKind::kNoText));
  add_tokens(xd, words.tokens);
  for (std::size_t i = 0; i < mentions.size(); ++i)
    if (words.anchor_pos[i] != 0)
      xd.add_posting(std::string(schema::kPrefixActor) + mentions[i].actor_id, words.anchor_pos[i]);
  json page_pos = json::array();
  json spans = json::array();
  for (std::size_t i = 0; i < doc.pages.size(); ++i) {
    page_pos.push_back(words.page_pos[i]);
    spans.push_back({doc.pages[i].number, doc.pages[i].begin, doc.pages[i].end});
  }
  // The title is also searchable as title:, with positions of its own so
  // that titel:"partnerskap med Zhuhai" finds it as a phrase (its S terms
  // are read by no page citation).
  fields.index_text(doc.title, wdf, schema::kPrefixTitle);

  xd.add_value(schema::kSlotPages, Xapian::sortable_serialise(doc.page_count));
  xd.add_boolean_term(std::string(schema::kPrefixType) + analysis.type);
  if (!analysis.record_date.empty()) {
    xd.add_value(schema::kSlotDate, analysis.record_date);
    xd.add_boolean_term(std::string(schema::kPrefixYear) + analysis.record_date.substr(0, 4));
  }
  json cases = json::array();
  for (const auto& c : analysis.case_numbers) {
    xd.add_boolean_term(std::string(schema::kPrefixCase) + c.normalized);
    cases.push_back({{"text", c.surface}, {"dnr", c.normalized}, {"page", doc.page_at(c.begin)}});
  }
  json refs = json::array();
  for (const auto& r : analysis.references) {
    // Xapian terms hold at most 245 bytes; longer URLs stay searchable by
    // their words.
    if (r.normalized.size() < 200) xd.add_boolean_term(std::string(schema::kPrefixRef) + r.normalized);
    refs.push_back({{"text", r.surface}, {"kind", r.kind}, {"ref", r.normalized}, {"page", doc.page_at(r.begin)}});
  }
  std::map<std::string, int> mention_count;
  for (const auto& m : mentions) {
    ++mention_count[m.actor_id];
    xd.add_boolean_term(std::string(schema::kPrefixActorForm) + actors::slug(m.surface));
  }
  json actor_list = json::array();
  for (const Actor& a : analysis.actors.actors) {
    const int count = mention_count[a.id];
    // Aliases of gazetteer actors are in the gazetteer; a discovered
    // actor's forms are only known from its records.
    json aliases = a.in_gazetteer ? json::array() : json(a.aliases);
    actor_list.push_back({{"id", a.id}, {"name", a.name}, {"type", a.type}, {"aliases", aliases}, {"mentions", count}});
  }
  xd.add_value(schema::kSlotActors, actor_list.dump(-1, ' ', false, json::error_handler_t::replace));
  // The text lives in values, a page each, not in the JSON data: a search
  // reads every hit's summary and one page, and parsing a 40-page report's
  // text out of JSON for each hit would cost milliseconds.
  for (const PageSpan& span : doc.pages)
    xd.add_value(schema::page_slot(span.number), doc.text.substr(span.begin, span.end - span.begin));
  json hit = {{"id", doc.source.id},     {"path", doc.source.path}, {"title", doc.title},
              {"date", analysis.record_date}, {"type", analysis.type}, {"pos", page_pos},
              {"parent", doc.source.parent_id}, {"bilaga", analysis.attachment_number},
              {"folder", folder_of(doc.source)}, {"keys", analysis.link_keys}};
  // Attachments: what it is, what it refers to.
  const bool attachment = !doc.source.parent_id.empty() || analysis.attachment_number > 0;
  xd.add_boolean_term(std::string(schema::kPrefixRole) + (attachment ? "bilaga" : "huvud"));
  // The type is the record's own kind (an agreement attached as "Bilaga 1"
  // is typ:avtal); typ:bilaga, documented before that, still finds it.
  if (attachment && analysis.type != "bilaga") xd.add_boolean_term(std::string(schema::kPrefixType) + "bilaga");
  if (analysis.attachment_number > 0)
    xd.add_boolean_term(std::string(schema::kPrefixAttachmentNo) + std::to_string(analysis.attachment_number));
  for (int n : analysis.attachment_refs)
    xd.add_boolean_term(std::string(schema::kPrefixAttachmentRef) + std::to_string(n));
  // E-mail headers, searchable as från:/till: and as ordinary words.
  fields.index_text_without_positions(doc.meta.author, 1, schema::kPrefixFrom);
  fields.index_text_without_positions(doc.meta.recipients, 1, schema::kPrefixTo);
  xd.add_value(schema::kSlotHit, hit.dump(-1, ' ', false, json::error_handler_t::replace));

  json j = common_json(doc.source, doc.format, doc.extractor, doc.meta, doc.page_count, doc.diagnostics);
  j["status"] = status;
  if (status != schema::kStatusOk) j["status_detail"] = status_detail;
  j["title"] = doc.title;
  j["pages"] = spans;
  j["attachment_number"] = analysis.attachment_number;
  j["attachment_refs"] = analysis.attachment_refs;
  json in_pages = json::array();
  for (const AttachmentPage& p : analysis.attachment_pages) in_pages.push_back({{"number", p.number}, {"page", p.page}});
  j["attachment_pages"] = in_pages;
  j["link_keys"] = analysis.link_keys;
  j["type"] = analysis.type;
  j["record_date"] = analysis.record_date;
  j["record_date_rule"] = analysis.record_date_rule;
  j["case_numbers"] = cases;
  j["references"] = refs;
  std::string data = j.dump(-1, ' ', false, json::error_handler_t::replace);
  data.pop_back();  // the object's '}': the per-mention arrays follow
  data += ',' + actor_mentions_json(mentions) + ',' + dates_json(analysis.dates) + '}';
  xd.set_data(std::move(data));
  return xd;
}

Xapian::Document make_failed_document(const ExtractedDoc& doc, TextAnalysis text) {
  Xapian::Document xd;
  Xapian::TermGenerator tg = analyze::make_term_generator(text);
  tg.set_document(xd);
  add_identity(xd, tg, doc.source);
  std::string detail;
  std::string status = fatal_key(doc.diagnostics, &detail);
  xd.add_boolean_term(std::string(schema::kPrefixStatus) + status);
  add_state(xd, text, status, detail);
  json j = common_json(doc.source, doc.format, doc.extractor, doc.meta, doc.page_count, doc.diagnostics);
  j["status"] = status;
  j["status_detail"] = detail;
  j["title"] = doc.meta.title;
  xd.set_data(j.dump(-1, ' ', false, json::error_handler_t::replace));
  return xd;
}

}  // namespace arkiv::index
