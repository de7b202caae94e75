// Read side of arkiv: search, show one record, index statistics. A Searcher
// opens one or several databases (local directories or remote
// "tcp://HOST:PORT") and answers as if they were one index, so a large
// archive can be sharded across machines.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "arkiv/actors.h"
#include "arkiv/analysis.h"
#include "arkiv/options.h"
#include "arkiv/record.h"

namespace arkiv {

enum class SortOrder {
  kRelevance,  // best match first (default)
  kDate,       // record date, oldest first; records without a date last
  kDateDesc,   // record date, newest first
};

// What one query may ask for. A query over these limits is refused at once
// with a QueryError saying which (exit status 2), instead of running for
// minutes: 100 KB of words, 5,000 ORs or a 100 KB phrase each ran past
// 300 s, and "(a* OR b*)" four times took 51 s and 844 MB.
inline constexpr std::size_t kMaxQueryBytes = 4096;     // the query as typed
inline constexpr std::size_t kMaxQueryWords = 100;      // words, operators and filters, blank-separated
inline constexpr unsigned kMaxWildcardTerms = 2000;     // index words one prefix* may stand for
inline constexpr std::size_t kMaxSuggestedWords = 8;    // unknown words "did you mean" looks up

struct SearchRequest {
  // Query in arkiv's syntax: words (all must match), "phrases", OR, NOT,
  // AND, parentheses, +word/-word, prefix*, fields title: and path:, and
  // filters datum:2016..2020, år:2017, typ:avtal, dnr:"KS 2015/456",
  // ref:"skr. 2019/20:18", aktör:ICLD, i:bilagor / i:beslut (English:
  // date:, year:, type:, actor:, in:attachments / in:decisions).
  std::string query;
  SortOrder sort = SortOrder::kRelevance;
  std::size_t offset = 0;   // hits to skip. Default: 0.
  std::size_t limit = 10;   // hits to return. Default: 10.
  std::size_t snippet_bytes = 240;  // approximate snippet length. Default: 240.
  // Count SearchResult::facets over every matching record (one more pass
  // over the matches, which is why it is asked for). Default: false.
  bool facets = false;
  // Fill each Hit's case_numbers and actors. Reading a hit's stored actors
  // (and, the first time, the gazetteer they are named from) was 46% of
  // the instructions of an `arkiv search` process whose text output shows
  // neither; `arkiv search` without --json asks for none. Default: true.
  bool record_facts = true;
};

// The decision an attachment belongs to.
struct ParentRef {
  std::string id, path, title;
};

// An attachment of a decision, as `show` lists it.
struct AttachmentRef {
  int number = 0;      // "Bilaga 2": 2; 0 if it has no number
  std::string id, path, title;
  std::string route;   // "embedded" (inside the file: PDF attachment, e-mail, ZIP), "folder" (a file beside
                       // it), "page" (printed in the record itself: a page opening with "Bilaga N") or
                       // "file" (inside the file but no record: not a document, such as Distiller
                       // .joboptions, or unreadable; `title` says why)
  int page = 0;        // route "page": the page it starts on
};

// An actor and how often the records mention it.
struct ActorCount {
  Actor actor;
  std::size_t records = 0;   // records mentioning it
  std::size_t mentions = 0;  // mentions in those records
};

// A byte range [first, second) of a snippet that matched the query.
using Highlight = std::pair<std::size_t, std::size_t>;

struct Hit {
  std::size_t rank = 0;  // 1-based, counting from the first hit overall
  std::string id;
  std::string path;      // as given at index time
  std::string title;
  // 1-based pages holding as many distinct query words as any page of the
  // record (a phrase or NEAR counts where it is whole): the snippet's page
  // first, then the others ascending.
  std::vector<int> pages;
  int snippet_page = 0;     // page the snippet is from (0 if none)
  bool snippet_ocr = false; // that page was read by OCR: the snippet quotes what OCR read
  std::string snippet;      // plain text, highlights as byte ranges
  std::vector<Highlight> highlights;
  double score = 0.0;       // BM25 weight; comparable within one result
  int percent = 0;          // Xapian's relevance percentage
  std::string date;         // record date "YYYY-MM-DD", empty if unknown
  std::string type;         // record type ("avtal", "protokoll", ...)
  std::vector<std::string> case_numbers;  // its diarienummer, normalized ("KS 2015/456"), ascending; with
                                          // SearchRequest::record_facts
  std::vector<ActorCount> actors;         // the actors it mentions (records = 1), as the record lists them:
                                          // id, name and type (its forms: actor_references()); with
                                          // SearchRequest::record_facts
  int attachment_number = 0;        // "Bilaga 2 ...": 2
  std::optional<ParentRef> parent;  // for an attachment: the decision it belongs to
};

// A shard that did not answer when a read opened its index.
struct ShardFailure {
  std::string shard;   // as the read named it: a folder, or "tcp://HOST:PORT"
  std::string reason;  // in English: "connection refused", "no answer in 5000 ms", "no index here"
};

// Which shards a read searched: its answer is from `answered` shards, the
// `failed` ones left out (in the order named). In --json as "shards":
// {"answered": 7, "failed": [{"shard": ..., "reason": ...}]}.
struct ShardReport {
  std::size_t answered = 0;
  std::vector<ShardFailure> failed;
  // Some shard did not answer: what the read found is partial.
  bool partial() const { return !failed.empty(); }
  // More than one shard was named (a report worth showing).
  bool sharded() const { return answered + failed.size() > 1; }
};

// A value of a facet and the matching records that have it.
struct FacetCount {
  std::string key;    // year "2017", type key "avtal", organisation id "gavle-kommun"
  std::string label;  // what to show: the key, or the organisation's name
  std::size_t records = 0;
};

// What the records a query matches are, counted over all of them
// (SearchRequest::facets): what a search page offers to narrow by. Lists
// are unsorted but for years (ascending): ordering names is for the
// caller's language.
struct Facets {
  std::size_t records = 0;        // the matching records, every one counted (SearchResult::total is this then)
  std::vector<FacetCount> years;  // year of the record date; records without one are not counted
  std::vector<FacetCount> types;  // record type key; records without a type are not counted
  // The organisation of the record's case numbers (the kommun or region
  // its first page names, the XDNO terms): records without a case number
  // or without a known organisation are not counted.
  std::vector<FacetCount> organisations;
  std::vector<ActorCount> actors;    // actors mentioned, as Searcher::actors(query) counts them
  std::size_t attachments = 0;       // records that are attachments (i:bilagor)
  std::size_t decisions = 0;         // records that are not (i:beslut)
  std::size_t ocr = 0;               // records with at least one page read by OCR
  std::size_t personal_data = 0;     // records holding personal identity numbers (personuppgifter:ja)
};

// How a search's hits match the query's words (SearchResult::matched).
// In --json as "matched": "all", "all-then-some", "some", "apart".
enum class WordMatch { kAll, kAllThenSome, kSome, kApart };

struct SearchResult {
  std::string query;
  std::size_t total = 0;  // estimated number of matching records
  std::vector<Hit> hits;
  // Whether the hits have all the query's words. A query of plain words
  // no record matches with all its words is widened to records with some
  // of them (kSome: no hit has them all, and the CLI says so: "Zhuhai
  // Stockholm" over records that never name both). A question (four words
  // or more, or a "?": "Vilka aktiviteter har genomförts med Zhuhai sedan
  // 2016?") that some records answer with all its words gets those first,
  // then the others, best first, Swedish function words left out
  // (kAllThenSome).
  // A name of two or three capitalised words ("Anna Svensson", "Carl
  // Bildt": the first a name the lexicon knows, none a common word) asks
  // for its words next to each other, in either order ("Svensson, Anna")
  // or with a middle name between: a record with "Anna Karlsson" and "Per
  // Svensson" is another person, and one with only "Anna" is not
  // returned as if it matched. When no record has the name so, the
  // records with all its words apart are returned (kApart, and the CLI
  // says so), else those with some of them (kSome).
  WordMatch matched = WordMatch::kAll;
  // A query word with no hits is replaced by the closest word of the
  // index's own vocabulary ("partnerskapsavtl" -> "partnerskapsavtal"):
  // the query as suggested, or empty when every word has hits.
  std::string suggestion;
  // When a plain query has no hit: its words (function words aside, as
  // typed) that no record holds on its own, so the user learns why
  // ("licensjakt" of "licensjakt varg"). Records with some of the words
  // are given only when this is empty: every word exists, they never
  // meet. Empty when there are hits.
  std::vector<std::string> words_in_no_record;
  // The shards searched (Searcher::shards()).
  ShardReport shards;
  // Counted over every matching record when SearchRequest::facets asked
  // for it; empty otherwise.
  Facets facets;
};

// One dated statement for a timeline.
struct TimelineEvent {
  std::string start;      // "YYYY-MM-DD"
  std::string end;        // "YYYY-MM-DD"; empty for an open period ("sedan 2010" in an undated record)
  DatePrecision precision = DatePrecision::kYear;  // printed as precision_key()
  std::string surface;    // the date expression as written
  std::string text;       // the sentence holding it, on one line
  std::string id;         // the record's id
  std::string path;
  std::string title;
  std::string record_date;
  int page = 0;
};

// A timeline: dated statements in order, and the relative ones ("i år",
// "förra året") of records without a date of their own, which cannot be
// placed (their start is empty).
struct Timeline {
  std::vector<TimelineEvent> events;
  std::vector<TimelineEvent> unresolved;
};

// Records sharing a diarienummer.
struct CaseRecord {
  std::string id, path, title, type, date;
  // The organisation of the case the record is in: the kommun or region
  // its first page names (AnalyzedDoc::organisation), or, naming none,
  // the only one that uses the number; empty when several do.
  std::string organisation_id, organisation;
};

// A case number the index holds and how many records carry it: one per
// organisation that numbers it ("KS 2020/123" of Gävle kommun and of
// Kungsbacka kommun are two cases), and one for the records of no known
// organisation when several use it (when one does, they are its).
struct CaseCount {
  std::string dnr;  // normalized: "KS 2015/456", "B 1234-19", "3.1-4788-2026"
  std::size_t records = 0;
  std::string organisation_id, organisation;  // empty: of no known organisation
};

// One mention of an actor, as a concordance line.
struct ActorReference {
  std::string id, path, title, date;  // the record; date "YYYY-MM-DD" or empty
  int page = 0;
  std::string surface;   // the form used there: "ICLD", "Internationellt Centrum för Lokal Demokrati"
  std::string context;   // the sentence holding it, on one line
  Highlight highlight;   // where `surface` is in `context`, bytes
};

// Every mention of one actor, by record (oldest first, undated last, then
// by path) and by position in the record.
struct ActorReferences {
  Actor actor;
  std::vector<ActorReference> mentions;
};

// What `show` prints about a record.
struct RecordInfo {
  std::string id;
  std::string path;
  std::string abspath;
  std::string title;
  std::string format;
  std::string extractor;
  std::string status;  // "ok" or the diag_key of the fatal diagnostic
  std::uint64_t size = 0;
  std::string mtime;       // ISO 8601 UTC
  std::string sha256;
  std::string indexed_at;  // ISO 8601 UTC
  int page_count = 0;
  Metadata meta;
  std::vector<Diagnostic> diagnostics;
  std::vector<std::string> pages;  // normalized text of each page
  std::vector<PageSpan> page_spans;  // each page's place, source (text layer or OCR), OCR confidence
  std::string record_date;       // found by analysis, "YYYY-MM-DD"
  std::string record_date_rule;  // the rule that found it
  std::string type;
  std::vector<std::string> case_numbers;  // normalized, distinct
  std::vector<std::string> references;    // normalized, distinct
  std::vector<ActorCount> actors;         // the record's actors (records = 1)
  std::string member;                     // name inside its container, if it is in one
  int attachment_number = 0;
  std::optional<ParentRef> parent;         // for an attachment: its decision
  std::vector<AttachmentRef> attachments;  // for a decision: its attachments found
  std::vector<int> unresolved;             // "bilaga N" it refers to with no record
  std::vector<RecordEvent> events;         // its history, oldest first (a file on disk's record)
};

struct IndexStats {
  std::size_t records = 0;  // searchable records
  std::size_t failed = 0;   // files recorded with a fatal diagnostic
  std::size_t pages = 0;
  std::size_t terms = 0;    // distinct terms
  std::uint64_t bytes_on_disk = 0;  // local databases only
  std::string last_indexed;         // ISO 8601 UTC, empty if unknown
  std::vector<std::string> indexes;
};

class Searcher {
 public:
  // Opens every location in opts.indexes as one database: local folders,
  // "tcp://HOST:PORT" and shard lists (a stub file: "glass PATH", "remote
  // HOST:PORT" a line), each shard in parallel with opts' timeouts. Shards
  // that do not answer are left out and listed in shards() (and
  // opts.on_partial is called with it). Throws, when no shard answers,
  // IndexNotFoundError (what() is the location) if a lone local one holds
  // no index, else IndexError; IndexError naming the shards if those that
  // answer were built with different analyses or schema versions.
  explicit Searcher(const SearchOptions& opts);
  ~Searcher();
  Searcher(const Searcher&) = delete;
  Searcher& operator=(const Searcher&) = delete;

  // Brings the open databases to their latest commit (Xapian's reopen()),
  // so that a reader that stays open (`arkiv serve`) sees what `arkiv
  // index` wrote since; cheap when nothing changed. A shard that stopped
  // answering since is left out (shards() says so). Throws IndexError if a
  // database cannot be read.
  void refresh();

  // Reads now what counting facets (SearchRequest::facets) needs of the
  // index at its current revision, rather than at the first search with
  // facets: `arkiv serve` does so as it starts, so that no visitor's first
  // search waits for it (after a commit, the first search with facets
  // reads it). Throws IndexError.
  void prepare_facets() const;

  // The shards opened: how many answered, and which did not and why. A
  // read over the ones that answered is partial when some did not.
  const ShardReport& shards() const;

  // Runs a query. Throws QueryError for a malformed or empty query (what()
  // quotes the query and gives Xapian's reason). No hits is not an error.
  SearchResult search(const SearchRequest& req) const;

  // Looks a record up by id, by path as given at index time, or by a path
  // that resolves to the same absolute path; a path with a byte that is
  // not UTF-8 also as escape_name() writes it ("c/caf\xe9.txt").
  // std::nullopt if not found.
  std::optional<RecordInfo> find(const std::string& id_or_path) const;

  IndexStats stats() const;

  // The dated statements of the records matching `query` (at most
  // `max_records` of them, best first), in chronological order: by start,
  // then end, then record and position. Statements whose date could not be
  // resolved are listed apart. Throws QueryError like search().
  Timeline timeline(const std::string& query, std::size_t max_records = 200) const;

  // Records carrying diarienummer `dnr` (any spelling: "KS 2015/0456",
  // "KS-2015-456"), oldest first. Empty if none.
  std::vector<CaseRecord> case_records(const std::string& dnr) const;

  // Every case number the index holds, with its record count. Unsorted:
  // ordering is for the caller's language.
  std::vector<CaseCount> cases() const;

  // The actors of the records matching `query` (all records if empty),
  // with record and mention counts, of type `type` only if not empty (a
  // kActorTypes key). Unsorted: ordering is for the caller's language.
  // Throws QueryError like search().
  std::vector<ActorCount> actors(const std::string& query = {}, std::optional<ActorType> type = {}) const;

  // Every mention of the actor `name` names (anything aktör: accepts: a
  // name, an acronym, an id). std::nullopt if no record mentions it.
  std::optional<ActorReferences> actor_references(const std::string& name) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace arkiv
