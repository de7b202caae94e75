// Every byte arkiv stores with a record, as typed structs with an
// encode/parse pair each: the record data (Xapian document data), the hit
// summary (kSlotHit), the state (kSlotState), the actors (kSlotActors) and
// the scalar value slots (format.h). The index side writes a record only
// through put_*(), the read side (search, show, audit, the writer's change
// detection) reads it only through get_*(); no other file knows a key or a
// slot's layout. As LevelDB's db/dbformat.h.
//
// Compatibility, for every index written since schema 5: parsing never
// throws; a missing key, a value of the wrong type or damaged JSON decodes
// to the member's default; records of schema 5 and 6 read as they were
// written (codec/mentions.h). The keys are on disk: DO NOT RENAME OR
// REUSE A KEY below or in codec/fields.h; add new members at the end, with
// a default that means "not recorded".
//
// Names (a source's path, abspath and member; a hit's path) are bytes and
// need not be UTF-8, but JSON is text: they are written by escape_name()
// (arkiv/record.h), which gives the exact bytes back, and the JSON says so
// with "names": 1. A record without that key was written before: its
// names are read as stored (a byte that was not UTF-8 became U+FFFD; see
// names_exact()). Every other string is UTF-8 text (a byte that is not is
// stored as U+FFFD). The names in the Xapian values and terms (kSlotAbspath,
// the ids hashed from it) are the raw bytes.
//
// To store a new field, e.g. the language of a record's text in the hit
// summary: add the member to HitSummary (`std::string lang;`) and one line
// to its field list (`f("lang", h.lang);`); set it where the record is
// built (index/document.cc, `hit.lang = ...`) and read it where it is
// shown (`h.lang = j->lang` in the searcher). Records written before read
// it as "". Nothing else changes: the encoder, the decoder and the
// round-trip test (tests/unit/codec/record_test.cc) walk the field list.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "arkiv/analysis.h"
#include "arkiv/record.h"
#include "arkiv/record_type.h"
#include "codec/fields.h"
#include "codec/mentions.h"

namespace arkiv::codec {

// kSlotState: what change detection needs of a record, read for every file
// of every run without parsing the record data.
struct State {
  int schema = 0;          // kSchemaVersion the record was written with
  std::string stamp;       // index::analysis_stamp(): gazetteer + analysis
  std::string status;      // "ok" or the diag_key of the fatal diagnostic
  std::string detail;      // that diagnostic's detail
  bool transient = false;  // that diagnostic may pass (Diagnostic::transient): try the file again
};
// "<schema>/<stamp>\t<status>\t<detail>", then "\tmay-pass" if transient.
std::string encode_state(const State& s);
// An empty or malformed value gives a State with schema 0 (a record to
// read again).
State parse_state(std::string_view v);

// kSlotHit: what a search hit shows, read for every hit without the
// record data.
struct HitSummary {
  std::string id, path, title;
  std::string date;  // record date, "YYYY-MM-DD" or ""
  std::optional<RecordType> type;  // record type, stored as its key ("avtal"); none as ""
  std::vector<std::uint32_t> pos;  // the first term position of each page, page 1 first
  std::string parent;              // the direct container's id, "" for a file on disk
  int bilaga = 0;                  // its own bilaga number, 0 if none
  std::string folder;              // record id of its folder on disk
  std::vector<std::string> keys;   // analyze::attachment_link_keys() of its name and first lines
  std::vector<int> ocr;            // the pages read by OCR, ascending (schema 7 records: none)
  // Its diarienummer, normalized, ascending: its kPrefixCase terms, which a
  // hit shows. Here because a term list costs a hit 100 us (glass inflates
  // it whole) and a message a term over a remote shard; the summary is
  // read anyway. std::nullopt in records written before it: read from the
  // terms then.
  std::optional<std::vector<std::string>> cases;
  // Its organisation as the facets count it: the organisation of its
  // scoped case numbers (kPrefixCaseOrg), "" if it has none. Here because
  // the facet table read it from every record's term list as `arkiv
  // serve` started (1 s a Searcher on the bench corpus). std::nullopt in
  // records written before it: read from the terms then.
  std::optional<std::string> org;
};
template <Plain<HitSummary> H, class F>
void for_each_field(H& h, F&& f) {
  // DO NOT RENAME: on disk in every record since schema 3.
  f("id", h.id);
  f("path", h.path);
  f("title", h.title);
  f("date", h.date);
  f("type", h.type);
  f("pos", h.pos);
  f("parent", h.parent);
  f("bilaga", h.bilaga);
  f("folder", h.folder);
  f("keys", h.keys);
  f("ocr", h.ocr);
  f("cases", h.cases);
  f("org", h.org);
}
std::string encode_hit(const HitSummary& h);
// A stored type as the CLI shows it: its key, "" for none.
inline std::string type_key(const std::optional<RecordType>& t) { return t ? std::string(record_type_key(*t)) : ""; }
std::optional<HitSummary> parse_hit(std::string_view v);  // nullopt: absent or damaged

// kSlotActors: one entry per actor the record mentions.
struct StoredActor {
  std::string id, name;
  std::string type;                  // a kActorTypes key
  std::vector<std::string> aliases;  // a discovered actor's forms; empty for gazetteer actors
  std::size_t mentions = 0;
};
template <Plain<StoredActor> A, class F>
void for_each_field(A& a, F&& f) {
  // DO NOT RENAME: on disk since schema 4.
  f("id", a.id);
  f("name", a.name);
  f("type", a.type);
  f("aliases", a.aliases);
  f("mentions", a.mentions);
}
std::string encode_actors(const std::vector<StoredActor>& actors);
std::vector<StoredActor> parse_actors(std::string_view v);
// The same without the aliases (each left empty): what a search's hit row
// names. A bench record lists 45 actors, and each of a search page's 10
// hits read them all.
std::vector<StoredActor> parse_actor_names(std::string_view v);

// Parts of the record data.
struct StoredCase {
  std::string text, dnr;  // as written; normalized ("KS 2015/456")
  int page = 0;
};
template <Plain<StoredCase> C, class F>
void for_each_field(C& c, F&& f) {
  f("text", c.text);
  f("dnr", c.dnr);
  f("page", c.page);
}
struct StoredReference {
  std::string text, kind, ref;  // as written; "sou", "url", ...; normalized
  int page = 0;
};
template <Plain<StoredReference> R, class F>
void for_each_field(R& r, F&& f) {
  f("text", r.text);
  f("kind", r.kind);
  f("ref", r.ref);
  f("page", r.page);
}

// The personal identity numbers on one page (arkiv/personal_data.h): how
// many, and of which kinds (personal_number_key(): "personnummer",
// "samordningsnummer", "interim"; distinct, in that order). Never the
// numbers themselves: the record data is shown by `show --json`, and the
// numbers are in the index only as kPrefixPersonalNumber terms.
struct StoredPersonalData {
  int page = 0;
  int count = 0;
  std::vector<std::string> kinds;
};
template <Plain<StoredPersonalData> P, class F>
void for_each_field(P& p, F&& f) {
  f("page", p.page);
  f("count", p.count);
  f("kinds", p.kinds);
}

}  // namespace arkiv::codec

namespace arkiv {
// AttachmentPage lives in arkiv/analysis.h; its list is here, with the
// record data's.
template <codec::Plain<AttachmentPage> P, class F>
void for_each_field(P& p, F&& f) {
  f("number", p.number);
  f("page", p.page);
}
}  // namespace arkiv

namespace arkiv::codec {
using arkiv::for_each_field;

// The record data (Xapian document data): a JSON object. The source file's
// fields (codec/fields.h) are at its top level, except its mtime, which is
// stored once, in kSlotMtimeNs (older records have an "mtime" key too; it
// is not read). The status is stored once, in kSlotState. Then the fields
// listed below, then the per-mention arrays (codec/mentions.h).
struct RecordData {
  SourceFile source;  // mtime not set by parse_data(): get_mtime_ns()
  int schema = 0;
  std::string format, extractor;
  std::string arkiv_version;  // the arkiv that wrote it
  std::string indexed_at;     // ISO 8601 UTC
  int page_count = 0;         // as the file declares it
  Metadata meta;
  std::vector<Diagnostic> diagnostics;
  std::string title;
  // The rest only for a record with text (failed ones leave them empty).
  std::vector<PageSpan> pages;  // [[number, begin, end], ...]: offsets of each page in the text
  int attachment_number = 0;
  std::vector<int> attachment_refs;
  std::vector<AttachmentPage> attachment_pages;
  std::vector<std::string> link_keys;
  // Stored as its key ("avtal"); none ("") for a record that failed.
  std::optional<RecordType> type;
  std::string record_date, record_date_rule;
  std::vector<StoredCase> case_numbers;
  std::vector<StoredReference> references;
  std::vector<ActorMentions> actor_mentions;  // by actor
  std::vector<StoredDate> dates;
  // Pages holding personal identity numbers, ascending; none for a record
  // without (and for one written before schema 8: read as none found).
  std::vector<StoredPersonalData> personal_data;

  // Read only: what records written before kSlotState carried as "status"
  // and "status_detail" (get_state() falls back on them).
  std::string legacy_status, legacy_status_detail;

  // The mentions of actor `id`; empty if none.
  const std::vector<StoredMention>& mentions_of(std::string_view id) const;
};
// The record data's own fields, after the source's. DO NOT RENAME: on
// disk in every record. A field added here is written and read; set it in
// index/document.cc, read it where it is used.
template <Plain<RecordData> R, class F>
void for_each_field(R& r, F&& f) {
  f("schema", r.schema);
  f("format", r.format);
  f("extractor", r.extractor);
  f("arkiv_version", r.arkiv_version);
  f("indexed_at", r.indexed_at);
  f("page_count", r.page_count);
  f("meta", r.meta);
  f("diagnostics", r.diagnostics);
  f("title", r.title);
  f("pages", r.pages);
  f("attachment_number", r.attachment_number);
  f("attachment_refs", r.attachment_refs);
  f("attachment_pages", r.attachment_pages);
  f("link_keys", r.link_keys);
  f("type", r.type);
  f("record_date", r.record_date);
  f("record_date_rule", r.record_date_rule);
  f("case_numbers", r.case_numbers);
  f("references", r.references);
  f("personal_data", r.personal_data);  // since schema 8; absent: none found
}
std::string encode_data(const RecordData& d);
std::optional<RecordData> parse_data(std::string_view v);  // nullopt: not a JSON object

// The record in a Xapian document. Writing: --------------------------------
// The signature slots (kSlotAbspath for a file on disk, kSlotMtimeNs,
// kSlotSize, kSlotSha256).
void put_signature(Xapian::Document& d, const SourceFile& f);
void put_mtime_ns(Xapian::Document& d, std::int64_t ns);
void put_state(Xapian::Document& d, const State& s);
void put_page_count(Xapian::Document& d, int pages);   // kSlotPages, sortable
void put_record_date(Xapian::Document& d, const std::string& date);  // kSlotDate, if not empty
void put_page_text(Xapian::Document& d, int page, const std::string& text);
void put_hit(Xapian::Document& d, const HitSummary& h);
void put_actors(Xapian::Document& d, const std::vector<StoredActor>& actors);
void put_data(Xapian::Document& d, const RecordData& r);

// Reading: -----------------------------------------------------------------
std::int64_t get_mtime_ns(const Xapian::Document& d);  // 0 if never written
std::uint64_t get_size(const Xapian::Document& d);
std::string get_sha256(const Xapian::Document& d);
// The state; for a record older than kSlotState, read from `data` if given.
State get_state(const Xapian::Document& d, const RecordData* data = nullptr);
std::optional<HitSummary> get_hit(const Xapian::Document& d);
// Its id alone, "" if the summary is absent or damaged: without the rest
// of the summary (its page starts, link keys, case numbers), which is most
// of what parse_hit() costs a record.
std::string get_hit_id(const Xapian::Document& d);
// Whether the record's hit summary lists a page read by OCR, without
// parsing the rest of it: the search facets ask this of every match.
bool hit_has_ocr(const Xapian::Document& d);
// The same, of a kSlotHit value as read from a value stream.
bool hit_has_ocr(std::string_view hit_value);
std::vector<StoredActor> get_actors(const Xapian::Document& d);
std::vector<StoredActor> get_actor_names(const Xapian::Document& d);  // parse_actor_names()
std::optional<RecordData> get_data(const Xapian::Document& d);
// kSlotAbspath: the exact bytes of the absolute path of a file on disk (a
// Xapian value is bytes); "" for a member.
std::string get_abspath(const Xapian::Document& d);
// Whether the names in the record's JSON give back its file's name: false
// only for a file whose name is not UTF-8, in a record written before
// names were escaped (its names hold U+FFFD). The indexer reads such a
// file again, so an old index mends itself without a new schema.
bool names_exact(const Xapian::Document& d);
std::string get_page_text(const Xapian::Document& d, int page);
// A kSlotPages value as written by put_page_count().
int parse_page_count(const std::string& v);

// A record's history (kSlotEvents). put_events() with none removes the
// slot; get_events() of a record without it, or with a damaged one, is
// empty (an unknown event type is left out).
void put_events(Xapian::Document& d, const std::vector<RecordEvent>& events);
std::vector<RecordEvent> get_events(const Xapian::Document& d);

// The index's sources (schema::kMetaSources). join_sources() sorts,
// drops duplicates and every path below another of the list, and joins
// with '\0'; split_sources() reads that back ("" gives none).
std::string join_sources(std::vector<std::string> abspaths);
// Whether absolute path `p` is `dir` or lies below it ("/a/b c" is not
// below "/a/b").
bool at_or_below(std::string_view p, std::string_view dir);
std::vector<std::string> split_sources(std::string_view v);

// The walk problems of the last run (schema::kMetaWalkProblems).
struct WalkProblem {
  std::string abspath;
  std::string kind;  // diag_key()
  std::string detail;
  bool operator<(const WalkProblem& o) const {
    return std::tie(abspath, kind, detail) < std::tie(o.abspath, o.kind, o.detail);
  }
  bool operator==(const WalkProblem& o) const = default;
};
std::string join_walk_problems(const std::vector<WalkProblem>& problems);
// Reads join_walk_problems() back; a damaged value gives what it can
// (an incomplete last entry is left out).
std::vector<WalkProblem> split_walk_problems(std::string_view v);

}  // namespace arkiv::codec
