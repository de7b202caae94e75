// Actors: the public bodies, municipalities, universities, companies,
// organisations and persons a record mentions, whatever form the name
// takes ("ICLD-Internationellt Centrum för Lokal Demokrati", later "ICLD";
// "UD/Sveriges regering", "regeringen"). Every form maps to one actor id.
//
// Two sources: the gazetteer compiled into arkiv from
// data/actors/gazetteer.tsv (canonical names, aliases, acronyms, former
// names), and discovery from patterns in the text ("Long Name (ACR)",
// "X kommun", "Högskolan i X", "X AB", names ending in -nämnden or
// -kontoret, "Johan Lilja, Generalsekreterare för ICLD"); a definition of
// a thing ("Standard Generalized Markup Language (SGML)", "lagen om
// offentlig upphandling (LOU)") makes no actor. The same
// matcher recognises names in records (index side) and in queries (query
// side), so `aktör:FPX` and a free-text `ICLD` resolve exactly as the
// text was read.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace arkiv {

// The kinds of actor.
enum class ActorType {
  kKommun,
  kRegion,
  kMyndighet,
  kRegering,
  kUniversitet,
  kForetag,
  kOrganisation,
  kInternationell,
  kPerson,
};
// Their stable keys, in the order of the enum: stored in the index and
// printed in --json. DO NOT CHANGE a key; add a type at the end of both.
inline constexpr const char* kActorTypes[] = {"kommun",   "region",       "myndighet",      "regering", "universitet",
                                              "företag", "organisation", "internationell", "person"};
inline const char* actor_type_key(ActorType t) { return kActorTypes[static_cast<int>(t)]; }
// The type a key names; std::nullopt for a key this version does not know.
std::optional<ActorType> actor_type_from_key(std::string_view key);

struct Actor {
  std::string id;    // stable ASCII id: "gavle-kommun", "internationellt-centrum-for-lokal-demokrati"
  std::string name;  // canonical name: "Gävle kommun"
  ActorType type = ActorType::kOrganisation;
  std::vector<std::string> aliases;  // other forms and acronyms: "Gävle", "ICLD"
  std::vector<std::string> former;   // former names: "Sveriges Kommuner och Landsting", "SKL"
  bool in_gazetteer = false;         // false: discovered in a record's text
};

// One mention of an actor in a text. Offsets are bytes into the text the
// finder was given (NormalizedDoc::text at index time); the genitive ending
// is outside the span ("ICLD" in "ICLDs", "SKR" in "SKR:s").
struct ActorMention {
  std::size_t begin = 0, end = 0;
  std::string surface;   // as written, on one line
  std::string actor_id;
  std::string rule;      // what found it: "gazetteer", "definition", "acronym", "pattern", "person"
};

// What actor recognition finds in one text: the mentions in text order,
// never overlapping, and each actor mentioned, once.
struct ActorFindings {
  std::vector<ActorMention> mentions;
  std::vector<Actor> actors;
};

namespace actors {

// The id for a name: lower case, å -> aa, ä -> a, ö -> o, other letters
// without their accents, everything else -> "-". "Gävle kommun" ->
// "gavle-kommun", "Håbo kommun" -> "haabo-kommun" (not Habo kommun's).
std::string slug(std::string_view name);

// A digest of the gazetteer compiled in, and of the shared acronyms
// (data/acronyms/acronyms.tsv), 16 hex digits. The index stores it with
// each record, so records read with another gazetteer or acronym list are
// analysed again by the next `arkiv index` run.
const std::string& gazetteer_version();

// Every actor of the gazetteer, in file order.
const std::vector<Actor>& gazetteer();

// The gazetteer actor with this id, if any.
const Actor* gazetteer_actor(std::string_view id);

// Finds the actors mentioned in a text (the index side).
ActorFindings find(std::string_view text);

// What a user means by `aktör:VALUE` (the query side): the ids of the
// gazetteer actors that VALUE names (canonical name, alias, acronym, former
// name or id, with the same case rule as in text: "icld" is not ICLD but
// "regeringen" is "Regeringen"), plus slug(VALUE) itself, which is the id a
// discovered actor of that name gets.
std::vector<std::string> resolve(std::string_view value);

// The query side of recognition for free text: every gazetteer name in a
// run of a query's plain words (the query front end passes each run
// outside quotes, fields, signs and operators), with the byte span it
// covers in `query`. The search front end ORs such a span
// with the actor's term, so `ICLD` also finds records that only spell the
// name out.
struct QueryActor {
  std::size_t begin = 0, end = 0;
  std::string actor_id;
};
std::vector<QueryActor> find_in_query(std::string_view query);

// The type a user means, typed Swedish or English ("kommun",
// "municipality", "agency", "company", "university"); std::nullopt if
// unknown.
std::optional<ActorType> canonical_type(std::string_view type);

}  // namespace actors
}  // namespace arkiv
