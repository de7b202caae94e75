#include "query/facets.h"

#include <map>
#include <set>

#include "arkiv/personal_data.h"
#include "codec/format.h"

namespace arkiv::query {

Actor stored_actor(const codec::StoredActor& a) {
  if (const Actor* known = actors::gazetteer_actor(a.id)) return *known;
  Actor out;
  out.id = a.id;
  out.name = a.name;
  // An unknown key (a type added by a later version): the default.
  out.type = actor_type_from_key(a.type).value_or(out.type);
  out.aliases = a.aliases;
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

std::vector<ActorCount> record_actors(const Xapian::Document& doc) {
  std::vector<ActorCount> out;
  for (const codec::StoredActor& a : codec::get_actors(doc)) out.push_back({stored_actor(a), 1, a.mentions});
  return out;
}

namespace {

// The counts of one record at a time, from its terms (one walk of its
// term list, in the order the prefixes sort: XACTOR < XDNO < XPDATA <
// XROLE < XTYPE) and no JSON: a query matching most of a 2,000-record
// index reads every one. Years are left to Xapian's own
// ValueCountMatchSpy over the record date's slot (count_facets()).
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

class FacetSpy : public Xapian::MatchSpy {
 public:
  explicit FacetSpy(Counts& counts) : counts_(counts) {}
  void operator()(const Xapian::Document& doc, double) override { counts_.add(doc); }
  std::string name() const override { return "arkiv::FacetSpy"; }

 private:
  Counts& counts_;
};

}  // namespace

Facets count_facets(Xapian::Enquire& enq, const Xapian::Database& db, bool remote) {
  Counts counts;
  std::map<std::string, std::size_t> years;
  enq.clear_matchspies();
  if (remote) {
    Xapian::MSet all = enq.get_mset(0, db.get_doccount());
    for (auto m = all.begin(); m != all.end(); ++m) {
      const Xapian::Document doc = m.get_document();
      counts.add(doc);
      const std::string date = doc.get_value(schema::kSlotDate);
      if (date.size() >= 4) ++years[date.substr(0, 4)];
    }
  } else {
    // check_at_least the whole database: the spies see every match, not
    // only the first page's.
    Xapian::ValueCountMatchSpy dates(schema::kSlotDate);
    FacetSpy spy(counts);
    enq.add_matchspy(&dates);
    enq.add_matchspy(&spy);
    try {
      enq.get_mset(0, 0, db.get_doccount());
    } catch (...) {
      enq.clear_matchspies();
      throw;
    }
    enq.clear_matchspies();
    for (auto v = dates.values_begin(); v != dates.values_end(); ++v)
      if ((*v).size() >= 4) years[(*v).substr(0, 4)] += v.get_termfreq();
  }
  Facets f;
  for (const auto& [year, n] : years) f.years.push_back({year, year, n});
  for (const auto& [type, n] : counts.types) f.types.push_back({type, type, n});
  // Names once per value, not per record: the gazetteer's, or as a record
  // naming the actor stores it.
  const auto name_of = [&](const std::string& id, Xapian::docid did) -> Actor {
    if (const Actor* known = actors::gazetteer_actor(id)) return *known;
    if (did)
      for (const codec::StoredActor& a : codec::get_actors(db.get_document(did)))
        if (a.id == id) return stored_actor(a);
    Actor a;
    a.id = a.name = id;
    return a;
  };
  for (const auto& [id, n] : counts.organisations) {
    const auto named = counts.actors.find(id);
    f.organisations.push_back({id, name_of(id, named == counts.actors.end() ? 0 : named->second.second).name, n});
  }
  for (auto& [id, c] : counts.actors) {
    c.first.actor = name_of(id, c.second);
    f.actors.push_back(std::move(c.first));
  }
  f.records = counts.attachments + counts.decisions;
  f.attachments = counts.attachments;
  f.decisions = counts.decisions;
  f.ocr = counts.ocr;
  f.personal_data = counts.personal_data;
  return f;
}

}  // namespace arkiv::query
