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

// The counts of one record at a time. Years are left to Xapian's own
// ValueCountMatchSpy over the record date's slot (count_facets()).
struct Counts {
  std::map<std::string, std::size_t> types;
  std::map<std::string, std::pair<std::string, std::size_t>> organisations;  // id -> name, records
  std::map<std::string, ActorCount> actors;
  std::size_t attachments = 0, decisions = 0, ocr = 0, personal_data = 0;

  void add(const Xapian::Document& doc) {
    if (const std::optional<codec::HitSummary> hit = codec::get_hit(doc)) {
      if (const std::string type = codec::type_key(hit->type); !type.empty()) ++types[type];
      if (!hit->ocr.empty()) ++ocr;
    }
    // The terms in one walk, in the order they sort: XDNO < XPDATA < XROLE.
    std::set<std::string> orgs;
    bool personal = false, attachment = false;
    Xapian::TermIterator t = doc.termlist_begin();
    const std::string org_prefix = schema::kPrefixCaseOrg;
    for (t.skip_to(org_prefix); t != doc.termlist_end() && (*t).rfind(org_prefix, 0) == 0; ++t) {
      const std::string scoped = (*t).substr(org_prefix.size());
      if (const std::size_t colon = scoped.find(':'); colon != std::string::npos && colon > 0)
        orgs.insert(scoped.substr(0, colon));
    }
    const std::string pd_prefix = schema::kPrefixPersonalData;
    if (t != doc.termlist_end()) t.skip_to(pd_prefix);
    personal = t != doc.termlist_end() && (*t).rfind(pd_prefix, 0) == 0;
    const std::string role = std::string(schema::kPrefixRole) + "bilaga";
    if (t != doc.termlist_end()) t.skip_to(role);
    attachment = t != doc.termlist_end() && *t == role;
    personal_data += personal;
    (attachment ? attachments : decisions) += 1;

    const std::vector<codec::StoredActor> stored = codec::get_actors(doc);
    for (const codec::StoredActor& a : stored) {
      auto [it, fresh] = actors.try_emplace(a.id);
      if (fresh) it->second.actor = stored_actor(a);
      it->second.records += 1;
      it->second.mentions += a.mentions;
    }
    for (const std::string& id : orgs) {
      auto [it, fresh] = organisations.try_emplace(id);
      if (fresh) {
        // Its name as the gazetteer or this record has it.
        it->second.first = id;
        if (const Actor* known = actors::gazetteer_actor(id)) it->second.first = known->name;
        else
          for (const codec::StoredActor& a : stored)
            if (a.id == id) it->second.first = a.name;
      }
      ++it->second.second;
    }
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
  for (const auto& [id, named] : counts.organisations) f.organisations.push_back({id, named.first, named.second});
  for (auto& [id, c] : counts.actors) f.actors.push_back(std::move(c));
  f.records = counts.attachments + counts.decisions;
  f.attachments = counts.attachments;
  f.decisions = counts.decisions;
  f.ocr = counts.ocr;
  f.personal_data = counts.personal_data;
  return f;
}

}  // namespace arkiv::query
