// The facets of a search (arkiv::Facets): what the records a query matches
// are, counted over all of them, so `arkiv serve`'s search page and the
// CLI's --json get the same counts. Private to the library.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <list>
#include <memory>
#include <string>
#include <utility>

#include "arkiv/actors.h"
#include "arkiv/search.h"
#include "codec/record.h"

namespace arkiv::query {

// An actor as a record's kSlotActors lists it; a gazetteer actor is read
// from the gazetteer, which has its aliases and former names (without
// them unless `forms`: a hit row names about 45 actors and shows none of
// their forms).
Actor stored_actor(codec::StoredActor a, bool forms = true);

// The diarienummer record `doc` carries (its kPrefixCase terms), normalized,
// ascending.
std::vector<std::string> case_numbers(const Xapian::Document& doc);
// The same, from its record data: one entry per normalized number of
// `data.case_numbers`, ascending, as the kPrefixCase terms sort.
std::vector<std::string> case_numbers(const codec::RecordData& data);
// The diarienummer of a hit: from its summary (`hit`, of `doc`); for a
// record written before the summary had them, from its terms on a local
// database and from its record data over a remote shard. A remote term
// list is sent a message a term: 10 hits' lists took 230 ms of a 320 ms
// search over 8 xapian-tcpsrv shards of the national bench (16,000
// records), where the record data comes with the document; a local one is
// inflated whole, 100 us a hit of the bench corpus.
std::vector<std::string> hit_case_numbers(const codec::HitSummary& hit, const Xapian::Document& doc, bool remote);

// The actors record `doc` mentions (kSlotActors), records = 1, as a hit
// names them: id, name and type, without aliases or former names (a
// gazetteer actor's are many strings, and a search page's 10 hits name
// about 45 actors each; Searcher::actor_references() has them).
std::vector<ActorCount> record_actors(const Xapian::Document& doc);

// Counts the facets of every record a query matches. Over local indexes
// from a table of what each record is (its year, types, actors and their
// mentions, role, personal data, OCR pages), read once per index revision
// from the postings of those terms and the records' hit summaries, and
// each record's organisation, read from its term list the first time a
// search matches it (or all at once, prepare()): a search then reads a row
// of the table per match, not each match's term list (a query matching
// most of the 2,000-record bench corpus spent 140 ms so, issue 25 item 8).
// The counts of the last kKeptQueries queries are kept too: the next page
// of a search costs nothing. Over "tcp://" shards (no table: a remote
// database lists no values and runs no code of arkiv's) every match is
// read as before, with the same counts.
// One FacetCounter per Searcher: not for two threads at once.
class FacetCounter {
 public:
  static constexpr std::size_t kKeptQueries = 16;

  FacetCounter();
  ~FacetCounter();

  // The facets of the records `query` matches in `db`. `generation` names
  // the revision `db` is open at (Searcher counts its reopenings): a new
  // one reads the table again. Throws what Xapian throws.
  Facets count(const Xapian::Query& query, const Xapian::Database& db, bool remote, std::uint64_t generation);
  // Reads the table of `db` at `generation` now, every record's
  // organisation and every actor's name included, if `db` is local and
  // it is not read yet.
  void prepare(const Xapian::Database& db, bool remote, std::uint64_t generation);

 private:
  static std::vector<Xapian::docid> matching(const Xapian::Query& query, const Xapian::Database& db);
  struct Table;
  std::unique_ptr<Table> table_;
  std::uint64_t generation_ = 0;
  std::list<std::pair<std::string, Facets>> kept_;  // by the query's description, most recent first
};

}  // namespace arkiv::query
