#include "query/facets.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "arkiv/personal_data.h"
#include "codec/format.h"

namespace arkiv::query {

Actor stored_actor(codec::StoredActor a, bool forms) {
  Actor out;
  if (const Actor* known = actors::gazetteer_actor(a.id)) {
    if (forms) return *known;
    out.name = known->name;
    out.type = known->type;
    out.in_gazetteer = true;
  } else {
    out.name = std::move(a.name);
    // An unknown key (a type added by a later version): the default.
    out.type = actor_type_from_key(a.type).value_or(out.type);
    out.aliases = std::move(a.aliases);
  }
  out.id = std::move(a.id);
  return out;
}

std::vector<std::string> case_numbers(const Xapian::Document& doc) {
  std::vector<std::string> out;
  const std::string prefix = schema::kPrefixCase;
  Xapian::TermIterator t = doc.termlist_begin();
  for (t.skip_to(prefix); t != doc.termlist_end() && (*t).rfind(prefix, 0) == 0; ++t)
    out.push_back((*t).substr(prefix.size()));
  return out;
}

std::vector<std::string> case_numbers(const codec::RecordData& data) {
  std::set<std::string> cases;
  for (const codec::StoredCase& c : data.case_numbers) cases.insert(c.dnr);
  return {cases.begin(), cases.end()};
}

std::vector<std::string> hit_case_numbers(const codec::HitSummary& hit, const Xapian::Document& doc, bool remote) {
  if (hit.cases) return *hit.cases;
  if (!remote) return case_numbers(doc);
  const std::optional<codec::RecordData> data = codec::get_data(doc);
  return data ? case_numbers(*data) : std::vector<std::string>{};
}

std::vector<ActorCount> record_actors(const Xapian::Document& doc) {
  std::vector<codec::StoredActor> stored = codec::get_actor_names(doc);
  std::vector<ActorCount> out;
  out.reserve(stored.size());
  for (codec::StoredActor& a : stored) {
    const std::size_t mentions = a.mentions;
    out.push_back({stored_actor(std::move(a), false), 1, mentions});
  }
  return out;
}

namespace {

// The counts of one record at a time, from its terms (one walk of its
// term list, in the order the prefixes sort: XACTOR < XDNO < XPDATA <
// XROLE < XTYPE) and no JSON: how the facets of matches on a remote
// shard are counted (count_remote()).
struct Counts {
  std::map<std::string, std::size_t> types;
  std::map<std::string, std::size_t> organisations;  // id -> records
  std::map<std::string, std::pair<ActorCount, Xapian::docid>> actors;  // id -> counts, a record naming it
  std::size_t attachments = 0, decisions = 0, ocr = 0, personal_data = 0;

  void add(const Xapian::Document& doc) {
    ocr += codec::hit_has_ocr(doc);
    const auto has = [](const Xapian::TermIterator& t, const Xapian::TermIterator& end, const std::string& prefix) {
      return t != end && (*t).rfind(prefix, 0) == 0;
    };
    Xapian::TermIterator t = doc.termlist_begin();
    const Xapian::TermIterator end = doc.termlist_end();
    const std::string actor_prefix = schema::kPrefixActor;
    for (t.skip_to(actor_prefix); has(t, end, actor_prefix); ++t) {
      auto& [c, did] = actors[(*t).substr(actor_prefix.size())];
      c.records += 1;
      c.mentions += t.get_wdf();  // a position per mention (format.h)
      did = doc.get_docid();
    }
    std::set<std::string> orgs;
    const std::string org_prefix = schema::kPrefixCaseOrg;
    if (t != end) t.skip_to(org_prefix);
    for (; has(t, end, org_prefix); ++t) {
      const std::string scoped = (*t).substr(org_prefix.size());
      if (const std::size_t colon = scoped.find(':'); colon != std::string::npos && colon > 0)
        orgs.insert(scoped.substr(0, colon));
    }
    for (const std::string& id : orgs) ++organisations[id];
    const std::string pd_prefix = schema::kPrefixPersonalData;
    if (t != end) t.skip_to(pd_prefix);
    personal_data += has(t, end, pd_prefix);
    const std::string role = std::string(schema::kPrefixRole) + "bilaga";
    if (t != end) t.skip_to(role);
    const bool attachment = t != end && *t == role;
    (attachment ? attachments : decisions) += 1;
    const std::string type_prefix = schema::kPrefixType;
    if (t != end) t.skip_to(type_prefix);
    for (; has(t, end, type_prefix); ++t) ++types[(*t).substr(type_prefix.size())];
  }
};

// The names of facet values: the gazetteer's, or as a record naming the
// actor stores it (`did`, 0 if none is known).
// Actor `id` as a record's stored actors name it, else by its id alone.
Actor actor_in(const std::string& id, const std::vector<codec::StoredActor>& stored) {
  for (const codec::StoredActor& a : stored)
    if (a.id == id) return stored_actor(a);
  Actor a;
  a.id = a.name = id;
  return a;
}

std::vector<codec::StoredActor> stored_actors(const Xapian::Database& db, Xapian::docid did) {
  return did ? codec::get_actors(db.get_document(did)) : std::vector<codec::StoredActor>{};
}

Actor actor_named(const Xapian::Database& db, const std::string& id, Xapian::docid did) {
  if (const Actor* known = actors::gazetteer_actor(id)) return *known;
  return actor_in(id, stored_actors(db, did));
}

// Every match of a remote database, read one by one (no spy runs there).
Facets count_remote(const Xapian::Query& query, const Xapian::Database& db) {
  Xapian::Enquire enq(db);
  enq.set_query(query);
  enq.set_weighting_scheme(Xapian::BoolWeight());
  Counts counts;
  std::map<std::string, std::size_t> years;
  Xapian::MSet all = enq.get_mset(0, db.get_doccount());
  for (auto m = all.begin(); m != all.end(); ++m) {
    const Xapian::Document doc = m.get_document();
    counts.add(doc);
    const std::string date = doc.get_value(schema::kSlotDate);
    if (date.size() >= 4) ++years[date.substr(0, 4)];
  }
  Facets f;
  for (const auto& [year, n] : years) f.years.push_back({year, year, n});
  for (const auto& [type, n] : counts.types) f.types.push_back({type, type, n});
  for (const auto& [id, n] : counts.organisations) {
    const auto named = counts.actors.find(id);
    f.organisations.push_back({id, actor_named(db, id, named == counts.actors.end() ? 0 : named->second.second).name, n});
  }
  for (auto& [id, c] : counts.actors) {
    c.first.actor = actor_named(db, id, c.second);
    f.actors.push_back(std::move(c.first));
  }
  f.records = counts.attachments + counts.decisions;
  f.attachments = counts.attachments;
  f.decisions = counts.decisions;
  f.ocr = counts.ocr;
  f.personal_data = counts.personal_data;
  return f;
}

}  // namespace

// What each record of the index is, as the facets count it: a row of value
// ids per docid (compressed sparse rows) and a few flags, read from the
// postings of the year, type and actor terms (a few thousand postings a
// thousand records), and each record's organisation, from its hit
// summary, or in a record written before the summary had it from its own
// term list when a search first matches it: the organisation is only in
// the record's scoped case numbers ("XDNOgavle-kommun:KS 2020/123"), of
// which the bench corpus has 94,000 distinct terms, whose postings took a
// second to read; a record's term list names its one organisation in its
// first few dozen terms.
struct FacetCounter::Table {
  enum Group : std::uint8_t { kYear, kType, kOrganisation, kActor };
  enum Flag : std::uint8_t { kAttachment = 1, kPersonalData = 2, kOcr = 4 };
  static constexpr std::int32_t kUnread = -2, kNone = -1;  // org_of: not read yet, no organisation
  struct Value {
    Group group;
    std::string key;
    Xapian::docid named_in = 0;  // an actor's: a record naming it, whose kSlotActors has its name
    std::optional<Actor> actor;  // an actor's, once actor() has read it
  };
  std::vector<Value> values;
  std::map<std::pair<Group, std::string>, std::uint32_t> ids;
  Xapian::docid last = 0;             // the highest docid of the index as read
  std::vector<std::uint32_t> start;   // docid d's cells: [start[d], start[d + 1])
  std::vector<std::uint32_t> cells;   // value ids
  std::vector<std::uint32_t> wdf;     // per cell: an actor's mentions in the record (its term's wdf), else 0
  std::vector<std::uint8_t> flags;    // per docid
  std::vector<std::int32_t> org_of;   // per docid: its organisation's value id, kNone, or kUnread

  std::uint32_t id_of(Group g, const std::string& key) {
    auto [it, added] = ids.try_emplace({g, key}, static_cast<std::uint32_t>(values.size()));
    if (added) values.push_back({g, key, 0, std::nullopt});
    return it->second;
  }

  explicit Table(const Xapian::Database& db) {
    last = db.get_lastdocid();
    flags.assign(static_cast<std::size_t>(last) + 1, 0);
    org_of.assign(static_cast<std::size_t>(last) + 1, kUnread);
    struct Cell {
      Xapian::docid did;
      std::uint32_t value, wdf;
      bool operator<(const Cell& o) const { return did != o.did ? did < o.did : value < o.value; }
    };
    std::vector<Cell> found;
    const auto scan = [&](const std::string& prefix, Group g) {
      for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
        const std::uint32_t v = id_of(g, (*t).substr(prefix.size()));
        for (auto p = db.postlist_begin(*t); p != db.postlist_end(*t); ++p) {
          found.push_back({*p, v, g == kActor ? p.get_wdf() : 0});
          if (g == kActor && !values[v].named_in) values[v].named_in = *p;
        }
      }
    };
    scan(schema::kPrefixYear, kYear);
    scan(schema::kPrefixType, kType);
    scan(schema::kPrefixActor, kActor);
    const auto flag = [&](const std::string& term, Flag f) {
      for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p)
        if (*p <= last) flags[*p] |= f;
    };
    flag(std::string(schema::kPrefixRole) + "bilaga", kAttachment);
    for (auto t = db.allterms_begin(schema::kPrefixPersonalData); t != db.allterms_end(schema::kPrefixPersonalData); ++t)
      flag(*t, kPersonalData);
    // The hit summaries: OCR pages, and the organisation of records
    // written since the summary has it (the others' is read from their
    // term lists, organisation()).
    for (auto v = db.valuestream_begin(schema::kSlotHit); v != db.valuestream_end(schema::kSlotHit); ++v) {
      const Xapian::docid d = v.get_docid();
      const std::optional<codec::HitSummary> hit = d <= last ? codec::parse_hit(*v) : std::nullopt;
      if (!hit) continue;
      if (!hit->ocr.empty()) flags[d] |= kOcr;
      if (hit->org) org_of[d] = hit->org->empty() ? kNone : static_cast<std::int32_t>(id_of(kOrganisation, *hit->org));
    }
    std::sort(found.begin(), found.end());
    start.assign(static_cast<std::size_t>(last) + 2, 0);
    cells.reserve(found.size());
    wdf.reserve(found.size());
    std::size_t at = 0;
    for (Xapian::docid d = 0; d <= last; ++d) {
      start[d] = static_cast<std::uint32_t>(cells.size());
      for (; at < found.size() && found[at].did == d; ++at) {
        cells.push_back(found[at].value);
        wdf.push_back(found[at].wdf);
      }
    }
    start[static_cast<std::size_t>(last) + 1] = static_cast<std::uint32_t>(cells.size());
  }

  // Actor value v as actor_named() reads it, once a table: a search page
  // names about 80 actors, each a gazetteer entry copied or a record's
  // kSlotActors read and parsed, a third of its facets' time.
  const Actor& actor(const Xapian::Database& db, std::uint32_t v) {
    Value& val = values[v];
    if (!val.actor) val.actor = actor_named(db, val.key, val.named_in);
    return *val.actor;
  }

  // Record d's organisation (its value id or kNone), read from its term
  // list the first time: the actor id of its first scoped case number
  // (a record has one organisation, AnalyzedDoc::organisation).
  std::int32_t organisation(const Xapian::Database& db, Xapian::docid d) {
    std::int32_t& o = org_of[d];
    if (o != kUnread) return o;
    o = kNone;
    const std::string prefix = schema::kPrefixCaseOrg;
    Xapian::TermIterator t = db.termlist_begin(d);
    t.skip_to(prefix);
    if (t == db.termlist_end(d) || (*t).rfind(prefix, 0) != 0) return o;
    const std::string term = *t;
    const std::size_t colon = term.find(':', prefix.size());
    if (colon != std::string::npos && colon > prefix.size())
      o = static_cast<std::int32_t>(id_of(kOrganisation, term.substr(prefix.size(), colon - prefix.size())));
    return o;
  }

  // Reads every record's organisation now (Searcher::prepare_facets()).
  void read_organisations(const Xapian::Database& db) {
    for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p)
      if (*p <= last) organisation(db, *p);
  }

  // Names every actor value now (Searcher::prepare_facets()), as actor()
  // would at a search: the gazetteer's, else from the record that names
  // it, each such record read and parsed once for all the actors it
  // names (the bench corpus: 80 actors, 7.5 M instructions of a server's
  // first search page when named one by one).
  void name_actors(const Xapian::Database& db) {
    std::map<Xapian::docid, std::vector<std::uint32_t>> by_record;
    for (std::uint32_t v = 0; v < values.size(); ++v) {
      Value& val = values[v];
      if (val.group != kActor || val.actor) continue;
      if (const Actor* known = actors::gazetteer_actor(val.key))
        val.actor = *known;
      else
        by_record[val.named_in].push_back(v);
    }
    for (const auto& [did, unnamed] : by_record) {
      const std::vector<codec::StoredActor> stored = stored_actors(db, did);
      for (const std::uint32_t v : unnamed) values[v].actor = actor_in(values[v].key, stored);
    }
  }

  Facets count(const std::vector<Xapian::docid>& matches, const Xapian::Database& db) {
    for (const Xapian::docid d : matches)
      if (d <= last) organisation(db, d);  // before the counts are sized: it may add values
    std::vector<std::size_t> records(values.size(), 0), mentions(values.size(), 0);
    Facets f;
    for (const Xapian::docid d : matches) {
      if (d > last) continue;  // not in the table's revision (Searcher reads one revision at a time)
      ++f.records;
      for (std::uint32_t c = start[d]; c < start[d + 1]; ++c) {
        ++records[cells[c]];
        mentions[cells[c]] += wdf[c];
      }
      if (org_of[d] >= 0) ++records[static_cast<std::size_t>(org_of[d])];
      const std::uint8_t fl = flags[d];
      (fl & kAttachment ? f.attachments : f.decisions) += 1;
      f.personal_data += (fl & kPersonalData) != 0;
      f.ocr += (fl & kOcr) != 0;
    }
    std::map<std::string, std::size_t> years;
    for (std::uint32_t v = 0; v < values.size(); ++v) {
      if (records[v] == 0) continue;
      const Value& val = values[v];
      switch (val.group) {
        case kYear:
          years[val.key] += records[v];
          break;
        case kType:
          f.types.push_back({val.key, val.key, records[v]});
          break;
        case kOrganisation: {
          // Its name as the actor's (an organisation is an actor).
          const auto a = ids.find({kActor, val.key});
          f.organisations.push_back(
              {val.key, a == ids.end() ? actor_named(db, val.key, 0).name : actor(db, a->second).name, records[v]});
          break;
        }
        case kActor:
          f.actors.push_back({actor(db, v), records[v], mentions[v]});
          break;
      }
    }
    for (const auto& [year, n] : years) f.years.push_back({year, year, n});
    return f;
  }
};

namespace {

// Collects the docid of every document the match considers, and takes
// none of them: the match keeps no MSet item, and counts no weight.
struct DocidCollector : Xapian::MatchDecider {
  std::vector<Xapian::docid>* out = nullptr;
  bool operator()(const Xapian::Document& doc) const override {
    out->push_back(doc.get_docid());
    return false;
  }
};

}  // namespace

// The docids of every record `query` matches in `db`, without weights and
// none of them read. Over one database, from a MatchDecider shown every
// match that keeps none, not from an MSet of every match (an item each:
// 338 M -> 306 M instructions for the facets of the 50 bench queries) nor
// from a MatchSpy (a weight each: 28.5 M -> 27.4 M for the bench's
// five-word phrase, 2,629 records). Over several, from that MSet: a spy
// sees each shard's own docids (Xapian 1.4.22), not those of the shards
// as one, which the table's postings are.
std::vector<Xapian::docid> FacetCounter::matching(const Xapian::Query& query, const Xapian::Database& db) {
  Xapian::Enquire enq(db);
  enq.set_query(query);
  enq.set_weighting_scheme(Xapian::BoolWeight());
  std::vector<Xapian::docid> out;
  if (db.size() == 1) {
    DocidCollector collect;
    collect.out = &out;
    enq.get_mset(0, 0, db.get_doccount(), nullptr, &collect);
    return out;
  }
  enq.set_docid_order(Xapian::Enquire::ASCENDING);
  const Xapian::MSet all = enq.get_mset(0, db.get_doccount());
  out.reserve(all.size());
  for (auto m = all.begin(); m != all.end(); ++m) out.push_back(*m);
  return out;
}

FacetCounter::FacetCounter() = default;
FacetCounter::~FacetCounter() = default;

void FacetCounter::prepare(const Xapian::Database& db, bool remote, std::uint64_t generation) {
  if (generation != generation_) {
    kept_.clear();
    table_.reset();
    generation_ = generation;
  }
  if (!remote && !table_) {
    table_ = std::make_unique<Table>(db);
    table_->read_organisations(db);
    table_->name_actors(db);
  }
}

Facets FacetCounter::count(const Xapian::Query& query, const Xapian::Database& db, bool remote, std::uint64_t generation) {
  if (generation != generation_) {
    kept_.clear();
    table_.reset();
    generation_ = generation;
  }
  const std::string key = query.get_description();
  for (auto it = kept_.begin(); it != kept_.end(); ++it)
    if (it->first == key) {
      kept_.splice(kept_.begin(), kept_, it);
      return kept_.front().second;
    }
  Facets f;
  if (remote) {
    f = count_remote(query, db);
  } else {
    if (!table_) table_ = std::make_unique<Table>(db);
    f = table_->count(matching(query, db), db);
  }
  kept_.emplace_front(key, f);
  if (kept_.size() > kKeptQueries) kept_.pop_back();
  return f;
}

}  // namespace arkiv::query
