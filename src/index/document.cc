#include "index/document.h"

#include <algorithm>
#include <map>
#include <string_view>

#include "analyze/analyzer.h"
#include "analyze/swedish.h"
#include "codec/record.h"
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
  Xapian::TermGenerator fields = analyze::make_term_generator(text);
  Xapian::TermGenerator tg = analyze::make_word_generator(text);
  const unsigned wdf = analyze::word_wdf(text);
  fields.set_document(xd);
  tg.set_document(xd);
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

  // Body text page by page, remembering where each page's term positions
  // start, so that a hit can name the page it is on.
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
    hit.pos.push_back(tg.get_termpos() + 1);
    data.pages.push_back(span);
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
  if (fatal && fatal->kind == DiagKind::kNoText) {
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

  codec::put_page_count(xd, doc.page_count);
  xd.add_boolean_term(std::string(schema::kPrefixType) + analysis.type);
  codec::put_record_date(xd, analysis.record_date);
  if (!analysis.record_date.empty()) {
    xd.add_boolean_term(std::string(schema::kPrefixYear) + analysis.record_date.substr(0, 4));
  }
  for (const auto& c : analysis.case_numbers) {
    xd.add_boolean_term(std::string(schema::kPrefixCase) + c.normalized);
    data.case_numbers.push_back({c.surface, c.normalized, doc.page_at(c.begin)});
  }
  for (const auto& r : analysis.references) {
    // Xapian terms hold at most 245 bytes; longer URLs stay searchable by
    // their words.
    if (r.normalized.size() < 200) xd.add_boolean_term(std::string(schema::kPrefixRef) + r.normalized);
    data.references.push_back({r.surface, r.kind, r.normalized, doc.page_at(r.begin)});
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
  codec::put_hit(xd, hit);
  // Last, so that the words of the title get theirs too.
  analyze::add_stems_and_variants(xd, text);

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
