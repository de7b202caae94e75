#include "index/document.h"

#include <algorithm>
#include <map>
#include <string_view>
#include <nlohmann/json.hpp>

#include "analyze/analyzer.h"
#include "analyze/swedish.h"
#include "index/record_data.h"
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
  Xapian::TermGenerator fields = analyze::make_term_generator(text);
  Xapian::TermGenerator tg = analyze::make_word_generator(text);
  const unsigned wdf = analyze::word_wdf(text);
  fields.set_document(xd);
  tg.set_document(xd);
  add_identity(xd, fields, doc.source);
  // A scan without a text layer is a record too, findable by its title and
  // path words, but keeps its "no-text" status: the audit lists it for
  // OCR and a later run reports it again.
  std::string status_detail;
  const std::string status = fatal_key(doc.diagnostics, &status_detail);
  xd.add_boolean_term(std::string(schema::kPrefixStatus) + status);
  xd.add_boolean_term(std::string(schema::kPrefixFormat) + doc.format);
  add_state(xd, text, status, status_detail);

  // Body text page by page, remembering where each page's term positions
  // start, so that a hit can name the page it is on.
  json page_pos = json::array();
  json spans = json::array();
  // Some terms belong at the position of a word: an actor term at its
  // mention's first word, an elliptic compound's full form at its
  // truncated word ("miljöområdet" at "miljö-" in "miljö- och
  // klimatområdet"). The text is indexed in pieces that end where such a
  // word begins (always at a word start, so the pieces give the same words
  // as the whole).
  struct Anchor {
    std::size_t at;
    std::string term;
    bool implied_word;
  };
  std::vector<Anchor> anchors;
  const std::vector<ActorMention>& mentions = analysis.actors.mentions;
  for (const ActorMention& m : mentions) anchors.push_back({m.begin, std::string(schema::kPrefixActor) + m.actor_id, false});
  if (text == TextAnalysis::kSwedish)
    for (auto& e : analyze::swedish::elliptic(doc.text)) anchors.push_back({e.at, std::move(e.word), true});
  std::stable_sort(anchors.begin(), anchors.end(), [](const Anchor& x, const Anchor& y) { return x.at < y.at; });
  std::size_t next = 0;
  for (const PageSpan& span : doc.pages) {
    page_pos.push_back(tg.get_termpos() + 1);
    // An OCR page adds its source and confidence; a reader that knows
    // only [number, begin, end] reads the first three as before.
    if (span.source == PageSource::kText)
      spans.push_back({span.number, span.begin, span.end});
    else
      spans.push_back({span.number, span.begin, span.end, page_source_key(span.source), span.confidence});
    std::size_t at = span.begin;
    for (; next < anchors.size() && anchors[next].at < span.end; ++next) {
      const Anchor& a = anchors[next];
      if (a.at < at) continue;
      tg.index_text(Xapian::Utf8Iterator(doc.text.data() + at, a.at - at), wdf);
      if (a.implied_word)
        analyze::add_implied_word(xd, a.term, tg.get_termpos() + 1);
      else
        xd.add_posting(a.term, tg.get_termpos() + 1);
      at = a.at;
    }
    tg.index_text(Xapian::Utf8Iterator(doc.text.data() + at, span.end - at), wdf);
  }
  // A scan has no words but its title and file name: those get positions
  // (on its first page), so that a number in them is found as a phrase
  // ("prop 1991/92:43" finds ferenda_prop-1991-92-43_scanned.pdf).
  if (status == diag_key(DiagKind::kNoText)) {
    const std::string& p = doc.source.member.empty() ? doc.source.path : doc.source.member;
    tg.index_text(doc.title, wdf);
    tg.increase_termpos();
    // Path words: "_" joins words for the tokenizer ("2004_2_scanned").
    tg.index_text(analyze::path_words(p.substr(p.rfind('/') == std::string::npos ? 0 : p.rfind('/') + 1)), wdf);
  }
  // The title is searchable as title: and, without positions (they belong
  // to the pages), as ordinary words.
  fields.index_text_without_positions(doc.title, wdf, schema::kPrefixTitle);
  tg.index_text_without_positions(doc.title, wdf);

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
  // Last, so that the words of the title get theirs too.
  analyze::add_stems_and_variants(xd, text);

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
