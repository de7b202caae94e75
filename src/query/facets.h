// The facets of a search (arkiv::Facets): what the records a query matches
// are, counted over all of them while Xapian's matcher runs, by a
// MatchSpy, so `arkiv serve`'s search page and the CLI's --json get the
// same counts from one pass. Private to the library.
#pragma once

#include <xapian.h>

#include "arkiv/actors.h"
#include "arkiv/search.h"
#include "codec/record.h"

namespace arkiv::query {

// An actor as a record's kSlotActors lists it; a gazetteer actor is read
// from the gazetteer, which has its aliases and former names.
Actor stored_actor(const codec::StoredActor& a);

// The diarienummer record `doc` carries (its kPrefixCase terms), normalized,
// ascending.
std::vector<std::string> case_numbers(const Xapian::Document& doc);

// The actors record `doc` mentions (kSlotActors), records = 1.
std::vector<ActorCount> record_actors(const Xapian::Document& doc);

// Counts the facets of every record `enq`'s query matches in `db` (the
// query set, sorting and match spies of `enq` are left as they were but
// for its spies, which are cleared). `remote`: a database is a "tcp://"
// shard, which runs no MatchSpy of arkiv's own; the matches are then read
// one by one instead, with the same counts. Throws what Xapian throws.
Facets count_facets(Xapian::Enquire& enq, const Xapian::Database& db, bool remote);

}  // namespace arkiv::query
