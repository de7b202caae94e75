#include "index/document.h"

#include <algorithm>
#include <map>
#include <set>
#include <string_view>

#include "analyze/acronyms.h"
#include "analyze/analyzer.h"
#include "analyze/index_tokens.h"
#include "codec/record.h"
#include "index/tokens.h"
#include "arkiv/actors.h"
#include "arkiv/pipeline.h"
#include "codec/format.h"
#include "arkiv/version.h"
#include "util/time.h"

namespace arkiv::index {
namespace {

// The record data every record has, readable or not (codec/record.h).
codec::RecordData common_data(const SourceFile& f, const std::string& format, const std::string& extractor,
                              const Metadata& meta, int page_count, const std::vector<Diagnostic>& diags) {
  codec::RecordData d;
  d.schema = schema::kSchemaVersion;
  d.source = f;
  d.format = format;
  d.extractor = extractor;
  d.arkiv_version = kVersion;
  d.indexed_at = util::iso8601_utc(util::now());
  d.page_count = page_count;
  d.meta = meta;
  d.diagnostics = diags;
  return d;
}

// The state a later run reads for every file (Writer::lookup).
void add_state(Xapian::Document& xd, TextAnalysis text, const Diagnostic* fatal) {
  codec::State s;
  s.schema = schema::kSchemaVersion;
  s.stamp = analysis_stamp(text);
  s.status = fatal ? diag_key(fatal->kind) : schema::kStatusOk;
  if (fatal) s.detail = fatal->detail;
  s.transient = fatal && fatal->transient;
  codec::put_state(xd, s);
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
  if (!f.container_id.empty()) {
    xd.add_boolean_term(std::string(schema::kPrefixParent) + f.parent_id);
    xd.add_boolean_term(std::string(schema::kPrefixContainer) + f.container_id);
  }
  codec::put_signature(xd, f);
}

// The diagnostic that stopped the file from being indexed; nullptr if none.
const Diagnostic* fatal_of(const std::vector<Diagnostic>& diags) {
  for (const auto& d : diags)
    if (diag_is_fatal(d.kind)) return &d;
  return nullptr;
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
  const Diagnostic* fatal = fatal_of(doc.diagnostics);
  xd.add_boolean_term(std::string(schema::kPrefixStatus) + (fatal ? diag_key(fatal->kind) : schema::kStatusOk));
  xd.add_boolean_term(std::string(schema::kPrefixFormat) + doc.format);
  add_state(xd, text, fatal);
  codec::RecordData data =
      common_data(doc.source, doc.format, doc.extractor, doc.meta, doc.page_count, doc.diagnostics);
  codec::HitSummary hit;

  // Body text page by page, each page's first term position kept so that
  // a hit can name the page it is on; an actor term at its mention's
  // first word.
  const std::vector<ActorMention>& mentions = analysis.actors.mentions;
  std::vector<std::size_t> mention_at;
  for (const ActorMention& m : mentions) mention_at.push_back(m.begin);
  // Acronyms the same way, anchored after the actors.
  for (const AcronymMention& m : analysis.acronyms) mention_at.push_back(m.begin);
  const analyze::RecordTokens words =
      analyze::record_tokens(doc, mention_at, text, fatal && fatal->kind == DiagKind::kNoText);
  add_tokens(xd, words.tokens);
  for (std::size_t i = 0; i < mentions.size(); ++i)
    if (words.anchor_pos[i] != 0)
      xd.add_posting(std::string(schema::kPrefixActor) + mentions[i].actor_id, words.anchor_pos[i]);
  for (std::size_t i = 0; i < analysis.acronyms.size(); ++i)
    if (const Xapian::termpos pos = words.anchor_pos[mentions.size() + i]; pos != 0)
      xd.add_posting(std::string(schema::kPrefixAcronym) + analyze::acronym_key(analysis.acronyms[i].acronym), pos);
  for (const AcronymMention& m : analysis.acronyms)
    if (!m.long_form.empty() && m.long_form.size() < 200)
      xd.add_boolean_term(std::string(schema::kPrefixAcronymDefinition) + analyze::acronym_key(m.acronym) + ":" +
                          m.long_form);
  for (std::size_t i = 0; i < doc.pages.size(); ++i) {
    hit.pos.push_back(words.page_pos[i]);
    if (doc.pages[i].source == PageSource::kOcr) hit.ocr.push_back(doc.pages[i].number);
    data.pages.push_back(doc.pages[i]);
  }
  // The title is also searchable as title:, with positions of its own so
  // that titel:"partnerskap med Zhuhai" finds it as a phrase (its S terms
  // are read by no page citation).
  fields.index_text(doc.title, wdf, schema::kPrefixTitle);

  codec::put_page_count(xd, doc.page_count);
  xd.add_boolean_term(std::string(schema::kPrefixType) + std::string(record_type_key(analysis.type)));
  codec::put_record_date(xd, analysis.record_date);
  if (!analysis.record_date.empty()) {
    xd.add_boolean_term(std::string(schema::kPrefixYear) + analysis.record_date.substr(0, 4));
  }
  std::set<std::string> cases;
  std::string scoped_to;  // the organisation of its kPrefixCaseOrg terms
  for (const auto& c : analysis.case_numbers) {
    xd.add_boolean_term(std::string(schema::kPrefixCase) + c.normalized);
    cases.insert(c.normalized);
    if (!analysis.organisation.empty() && analysis.organisation.size() + c.normalized.size() < 200) {
      xd.add_boolean_term(std::string(schema::kPrefixCaseOrg) + analysis.organisation + ":" + c.normalized);
      scoped_to = analysis.organisation;
    }
    data.case_numbers.push_back({c.surface, c.normalized, doc.page_at(c.begin)});
  }
  for (const auto& r : analysis.references) {
    // Xapian terms hold at most 245 bytes; longer URLs stay searchable by
    // their words.
    if (r.normalized.size() < 200) xd.add_boolean_term(std::string(schema::kPrefixRef) + r.normalized);
    data.references.push_back({r.surface, r.kind, r.normalized, doc.page_at(r.begin)});
  }
  // Personal identity numbers: a term per number in its normalized form,
  // whatever form the text wrote it in (a subject access request finds
  // "811218-9876" and "198112189876" alike), a term per kind, and per page
  // how many and which kinds, for the audit. Never the numbers in the data.
  std::map<int, std::pair<int, std::set<PersonalNumberKind>>> numbers_on;  // page -> count, kinds
  for (const PersonalNumber& p : analysis.personal_numbers) {
    xd.add_boolean_term(std::string(schema::kPrefixPersonalNumber) + p.normalized);
    xd.add_boolean_term(std::string(schema::kPrefixPersonalData) + personal_number_key(p.kind));
    auto& [count, kinds] = numbers_on[doc.page_at(p.begin)];
    ++count;
    kinds.insert(p.kind);
  }
  for (const auto& [page, found] : numbers_on) {
    codec::StoredPersonalData& on_page = data.personal_data.emplace_back();
    on_page.page = page;
    on_page.count = found.first;
    for (PersonalNumberKind k : found.second) on_page.kinds.push_back(personal_number_key(k));
  }
  std::map<std::string, int> mention_count;
  for (const auto& m : mentions) {
    ++mention_count[m.actor_id];
    xd.add_boolean_term(std::string(schema::kPrefixActorForm) + actors::slug(m.surface));
  }
  std::vector<codec::StoredActor> actor_list;
  for (const Actor& a : analysis.actors.actors) {
    const std::size_t count = static_cast<std::size_t>(mention_count[a.id]);
    // Aliases of gazetteer actors are in the gazetteer; a discovered
    // actor's forms are only known from its records.
    actor_list.push_back({a.id, a.name, actor_type_key(a.type), a.in_gazetteer ? std::vector<std::string>{} : a.aliases, count});
  }
  codec::put_actors(xd, actor_list);
  // The text lives in values, a page each, not in the JSON data: a search
  // reads every hit's summary and one page, and parsing a 40-page report's
  // text out of JSON for each hit would cost milliseconds.
  for (const PageSpan& span : doc.pages)
    codec::put_page_text(xd, span.number, doc.text.substr(span.begin, span.end - span.begin));
  hit.id = doc.source.id;
  hit.path = doc.source.path;
  hit.title = doc.title;
  hit.date = analysis.record_date;
  hit.type = analysis.type;
  hit.parent = doc.source.parent_id;
  hit.bilaga = analysis.attachment_number;
  hit.folder = folder_of(doc.source);
  hit.keys = analysis.link_keys;
  hit.cases = std::vector<std::string>(cases.begin(), cases.end());
  hit.org = scoped_to;
  // Attachments: what it is, what it refers to.
  const bool attachment = !doc.source.parent_id.empty() || analysis.attachment_number > 0;
  xd.add_boolean_term(std::string(schema::kPrefixRole) + (attachment ? "bilaga" : "huvud"));
  // The type is the record's own kind (an agreement attached as "Bilaga 1"
  // is typ:avtal); typ:bilaga, documented before that, still finds it.
  if (attachment && analysis.type != RecordType::kAttachment)
    xd.add_boolean_term(std::string(schema::kPrefixType) + std::string(record_type_key(RecordType::kAttachment)));
  if (analysis.attachment_number > 0)
    xd.add_boolean_term(std::string(schema::kPrefixAttachmentNo) + std::to_string(analysis.attachment_number));
  for (int n : analysis.attachment_refs)
    xd.add_boolean_term(std::string(schema::kPrefixAttachmentRef) + std::to_string(n));
  // E-mail headers, searchable as från:/till: and as ordinary words.
  fields.index_text_without_positions(doc.meta.author, 1, schema::kPrefixFrom);
  fields.index_text_without_positions(doc.meta.recipients, 1, schema::kPrefixTo);
  codec::put_hit(xd, hit);

  data.title = doc.title;
  data.attachment_number = analysis.attachment_number;
  data.attachment_refs = analysis.attachment_refs;
  data.attachment_pages = analysis.attachment_pages;
  data.link_keys = analysis.link_keys;
  data.type = analysis.type;
  data.record_date = analysis.record_date;
  data.record_date_rule = analysis.record_date_rule;
  data.actor_mentions = codec::group_mentions(mentions);
  for (const DateMention& d : analysis.dates) data.dates.push_back(codec::stored_date(d));
  codec::put_data(xd, data);
  return xd;
}

void keep_record_text_limit(ExtractedDoc& ex, std::size_t max) {
  std::size_t kept = 0;
  for (std::size_t i = 0; i < ex.pages.size(); ++i) {
    std::string& text = ex.pages[i].text;
    if (text.size() <= max - kept) {
      kept += text.size();
      continue;
    }
    std::size_t n = max - kept;
    while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;  // whole UTF-8 sequences
    text.resize(n);
    const int page = ex.pages[i].number;
    ex.diagnostics.push_back({DiagKind::kRecordTextCut,
                              "record text cut at " + std::to_string(max) + " bytes, in page " +
                                  std::to_string(page) + " of " + std::to_string(ex.pages.size()),
                              page});
    ex.pages.resize(n > 0 ? i + 1 : i);
    return;
  }
}

Xapian::Document make_failed_document(const ExtractedDoc& doc, TextAnalysis text) {
  Xapian::Document xd;
  Xapian::TermGenerator tg = analyze::make_term_generator(text);
  tg.set_document(xd);
  add_identity(xd, tg, doc.source);
  const Diagnostic* fatal = fatal_of(doc.diagnostics);
  xd.add_boolean_term(std::string(schema::kPrefixStatus) + (fatal ? diag_key(fatal->kind) : schema::kStatusOk));
  add_state(xd, text, fatal);
  codec::RecordData data =
      common_data(doc.source, doc.format, doc.extractor, doc.meta, doc.page_count, doc.diagnostics);
  data.title = doc.meta.title;
  codec::put_data(xd, data);
  return xd;
}

}  // namespace arkiv::index
