#include "analyze/analyzer.h"

#include <algorithm>

#include "arkiv/actors.h"
#include "arkiv/analysis.h"
#include "arkiv/schema.h"

namespace arkiv::analyze {
namespace {

// "datum:2016..2020", "datum:2017-05..2017-06-15", "datum:2016..": bounds
// as typed (a year, a month or a day) widened to whole days, compared with
// the record date ("YYYY-MM-DD", kSlotDate).
class DateRange : public Xapian::RangeProcessor {
 public:
  explicit DateRange(const std::string& field) : Xapian::RangeProcessor(schema::kSlotDate, field + ":") {}

  Xapian::Query operator()(const std::string& begin, const std::string& end) override {
    std::string b = widen(begin, false), e = widen(end, true);
    if ((!begin.empty() && b.empty()) || (!end.empty() && e.empty()))
      throw Xapian::QueryParserError("a date range takes years, months or days: datum:2016..2020");
    if (e.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::kSlotDate, b);
    if (b.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_LE, schema::kSlotDate, e);
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kSlotDate, b, e);
  }

 private:
  static bool digits(const std::string& s, std::size_t at, std::size_t n) {
    if (s.size() < at + n) return false;
    for (std::size_t i = at; i < at + n; ++i)
      if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    return true;
  }
  static std::string widen(const std::string& v, bool upper) {
    if (v.size() == 4 && digits(v, 0, 4)) return v + (upper ? "-12-31" : "-01-01");
    if (v.size() == 7 && digits(v, 0, 4) && v[4] == '-' && digits(v, 5, 2)) return v + (upper ? "-31" : "-01");
    if (v.size() == 10 && digits(v, 0, 4) && v[4] == '-' && digits(v, 5, 2) && v[7] == '-' && digits(v, 8, 2))
      return v;
    return {};
  }
};

// A boolean filter whose value is canonicalised the way the index side
// stored it.
class Canonical : public Xapian::FieldProcessor {
 public:
  Canonical(std::string prefix, std::string (*canon)(const std::string&))
      : prefix_(std::move(prefix)), canon_(canon) {}
  Xapian::Query operator()(const std::string& value) override { return Xapian::Query(prefix_ + canon_(value)); }

 private:
  std::string prefix_;
  std::string (*canon_)(const std::string&);
};

// "aktör:ICLD", "aktör:\"Högskolan i Gävle\"", "aktör:gavle-kommun": a
// filter on the records that mention any actor the value names
// (actors::resolve), or that used the value as a form of a body the
// gazetteer does not know ("aktör:FPX" after "Future Position X (FPX)").
class ActorFilter : public Xapian::FieldProcessor {
 public:
  Xapian::Query operator()(const std::string& value) override {
    std::vector<Xapian::Query> parts;
    for (const std::string& id : actors::resolve(value)) parts.emplace_back(std::string(schema::kPrefixActor) + id);
    const std::string form = actors::slug(value);
    if (!form.empty()) parts.emplace_back(std::string(schema::kPrefixActorForm) + form);
    if (parts.empty()) throw Xapian::QueryParserError("aktör: needs a name, an acronym or an actor id");
    return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
  }
};

// "aktörid:gavle_kommun": one actor's term, weighted by its mentions like
// a word. What expand_actor_names() writes; the id's hyphens are
// underscores because a free-text field value is parsed as words and
// "gavle-kommun" would be two.
class ActorTerm : public Xapian::FieldProcessor {
 public:
  Xapian::Query operator()(const std::string& value) override {
    std::string id = value;
    std::replace(id.begin(), id.end(), '_', '-');
    return Xapian::Query(std::string(schema::kPrefixActor) + id);
  }
};

std::string canonical_type(const std::string& v) {
  std::string s = v;
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  // English aliases for the Swedish record types.
  static const std::pair<const char*, const char*> kAliases[] = {
      {"minutes", "protokoll"},       {"extract", "protokollsutdrag"}, {"memo", "tjänsteskrivelse"},
      {"decision", "beslut"},         {"agreement", "avtal"},          {"contract", "avtal"},
      {"follow-up", "uppföljning"},   {"followup", "uppföljning"},     {"report", "rapport"},
      {"letter", "skrivelse"},        {"attachment", "bilaga"},        {"email", "e-post"},
      {"e-mail", "e-post"},           {"epost", "e-post"},             {"annan", "other"},
  };
  for (const auto& [en, sv] : kAliases)
    if (s == en) return sv;
  return s;
}

// "i:bilagor" (in:attachments) and "i:beslut" (in:decisions): attachments,
// or the records that are not.
std::string canonical_role(const std::string& v) {
  std::string s = v;
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  for (const char* a : {"bilagor", "bilaga", "bilagorna", "attachments", "attachment"})
    if (s == a) return "bilaga";
  for (const char* d : {"beslut", "huvuddokument", "handlingar", "decisions", "decision", "main"})
    if (s == d) return "huvud";
  throw Xapian::QueryParserError("i: takes bilagor or beslut (in: attachments or decisions)");
}

std::string canonical_case(const std::string& v) {
  std::string c = normalize_case_number(v);
  return c.empty() ? v : c;
}

std::string canonical_year(const std::string& v) { return v; }

}  // namespace

Xapian::Stem stemmer() { return Xapian::Stem("swedish"); }

Xapian::TermGenerator make_term_generator() {
  Xapian::TermGenerator tg;
  tg.set_stemmer(stemmer());
  // STEM_SOME: every word gives its unstemmed form with positions (for
  // phrases such as "Internationellt Centrum för Lokal Demokrati") and a
  // Z-prefixed stem (so "kommunerna" meets "kommuner").
  tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  return tg;
}

unsigned query_flags() {
  return Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_BOOLEAN |
         Xapian::QueryParser::FLAG_LOVEHATE | Xapian::QueryParser::FLAG_WILDCARD |
         Xapian::QueryParser::FLAG_PURE_NOT;
}

void configure_query_parser(Xapian::QueryParser& qp) {
  qp.set_stemmer(stemmer());
  qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  // A person who types two words wants records with both; Xapian's default
  // (OR) would rank a record about "Zhuhai" alone next to one about the
  // "partnerskapsavtal med Zhuhai".
  qp.set_default_op(Xapian::Query::OP_AND);
  qp.add_prefix("title", schema::kPrefixTitle);
  qp.add_prefix("titel", schema::kPrefixTitle);
  qp.add_prefix("path", schema::kPrefixPath);
  qp.add_prefix("sökväg", schema::kPrefixPath);
  // Filters on what analysis found (Swedish names, English aliases).
  for (const char* f : {"datum", "date"}) qp.add_rangeprocessor((new DateRange(f))->release());
  for (const char* f : {"typ", "type"})
    qp.add_boolean_prefix(f, (new Canonical(schema::kPrefixType, canonical_type))->release());
  for (const char* f : {"år", "year"})
    qp.add_boolean_prefix(f, (new Canonical(schema::kPrefixYear, canonical_year))->release());
  qp.add_boolean_prefix("dnr", (new Canonical(schema::kPrefixCase, canonical_case))->release());
  qp.add_boolean_prefix("ref", schema::kPrefixRef);
  for (const char* f : {"i", "in"})
    qp.add_boolean_prefix(f, (new Canonical(schema::kPrefixRole, canonical_role))->release());
  for (const char* f : {"från", "from"}) qp.add_prefix(f, schema::kPrefixFrom);
  for (const char* f : {"till", "to"}) qp.add_prefix(f, schema::kPrefixTo);
  // Not exclusive: a record names many actors, so "aktör:ICLD aktör:SKR"
  // asks for records that name both (Xapian would OR filters that share
  // a prefix otherwise, as it does for typ:).
  const std::string each_on_its_own;  // empty grouping: every filter ANDed
  for (const char* f : {"aktör", "actor"})
    qp.add_boolean_prefix(f, (new ActorFilter())->release(), &each_on_its_own);
  qp.add_prefix("aktörid", (new ActorTerm())->release());
}

std::string expand_actor_names(const std::string& query) {
  std::string out = query;
  const auto found = actors::find_in_query(query);
  for (auto it = found.rbegin(); it != found.rend(); ++it) {
    const std::string words = query.substr(it->begin, it->end - it->begin);
    std::string id = it->actor_id;
    std::replace(id.begin(), id.end(), '-', '_');
    out.replace(it->begin, it->end - it->begin, "(" + words + " OR aktörid:" + id + ")");
  }
  return out;
}

std::string path_words(std::string_view path) {
  std::string out(path);
  for (char& c : out) {
    if (c == '/' || c == '\\' || c == '_' || c == '-' || c == '.') c = ' ';
  }
  return out;
}

}  // namespace arkiv::analyze
