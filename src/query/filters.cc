#include "query/filters.h"

#include <xapian.h>

#include <algorithm>
#include <cctype>

#include "analyze/acronyms.h"
#include "analyze/query_terms.h"
#include "arkiv/actors.h"
#include "arkiv/analysis.h"
#include "arkiv/personal_data.h"
#include "arkiv/record_type.h"
#include "codec/format.h"
#include "codec/record.h"
#include "util/text.h"

// Marks a help text for tools/update-po (xgettext --keyword=N_); the CLI
// translates it with tr() where it prints it.
#define N_(s) s

namespace arkiv::query {
namespace {

bool digits(const std::string& s, std::size_t at, std::size_t n) {
  if (s.size() < at + n) return false;
  for (std::size_t i = at; i < at + n; ++i)
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  return true;
}

int number(const std::string& s, std::size_t at, std::size_t n) { return std::stoi(s.substr(at, n)); }

// A date bound as typed (a year, a month or a day) widened to a whole day,
// "YYYY-MM-DD", its first (`upper` false) or its last; empty if it is no
// date ("igår", "2020-13", "2020-02-32").
std::string widen(const std::string& v, bool upper) {
  if (v.size() == 4 && digits(v, 0, 4)) return v + (upper ? "-12-31" : "-01-01");
  if (v.size() >= 7 && digits(v, 0, 4) && v[4] == '-' && digits(v, 5, 2)) {
    const int month = number(v, 5, 2);
    if (month < 1 || month > 12) return {};
    if (v.size() == 7) return v + (upper ? "-31" : "-01");
    if (v.size() == 10 && v[7] == '-' && digits(v, 8, 2)) {
      const int day = number(v, 8, 2);
      if (day < 1 || day > 31) return {};
      return v;
    }
  }
  return {};
}

// "2016..2020", "2017-05..2017-06-15", "2016..", "..2011": bounds as typed;
// a single value is its own period ("2020" = "2020..2020"). The bounds
// must be dates in order.
std::optional<std::string> check_date(const std::string& v) {
  const std::size_t dots = v.find("..");
  if (dots == std::string::npos) {
    if (widen(v, false).empty()) return std::nullopt;
    return v + ".." + v;
  }
  const std::string b = v.substr(0, dots), e = v.substr(dots + 2);
  if (b.empty() && e.empty()) return std::nullopt;
  const std::string wb = widen(b, false), we = widen(e, true);
  if ((!b.empty() && wb.empty()) || (!e.empty() && we.empty())) return std::nullopt;
  if (!b.empty() && !e.empty() && wb > we) return std::nullopt;
  return v;
}

std::optional<std::string> check_year(const std::string& v) {
  if (v.size() == 4 && digits(v, 0, 4)) return v;
  return std::nullopt;
}

// A record type's key (the XTYPE term), from the key itself, its English
// name or a synonym: the one table in record_type.cc. "bilaga" is in it:
// the index files every attachment under typ:bilaga (index/document.cc).
std::optional<std::string> check_type(const std::string& v) {
  if (const std::optional<RecordType> t = record_type_from_word(util::lower_sv(v)))
    return std::string(record_type_key(*t));
  return std::nullopt;
}

// "i:bilagor" (in:attachments) and "i:beslut" (in:decisions): attachments,
// or the records that are not.
std::optional<std::string> check_role(const std::string& v) {
  const std::string s = util::lower_sv(v);
  for (const char* a : {"bilagor", "bilaga", "bilagorna", "attachments", "attachment"})
    if (s == a) return std::string("bilaga");
  for (const char* d : {"beslut", "huvuddokument", "handlingar", "decisions", "decision", "main"})
    if (s == d) return std::string("huvud");
  return std::nullopt;
}

// "KS 2015/456", "KS-2015-0456": the form the index side stores; a value
// in no known form as typed.
std::optional<std::string> check_case(const std::string& v) {
  std::string c = analyze::normalize_case_number(v);
  return c.empty() ? v : c;
}

// "ref:\"sou 2015:109\"", "ref:\"Skr 2019/20:18\"": a reference as the
// indexer wrote it (analyze::find_references' normalized form, "SOU
// 2015:109", "skr. 2019/20:18"), its kind in the case it is printed in
// whatever case it is typed in (the indexer reads "SOU", "SFS" and "Ds"
// only as printed: a lower-case "ds" is too common a word), its period
// added where it was left out ("prop 2008/09:5"); a URL as typed.
// Anything else cannot be a reference the index holds: an error, not
// "No hits" (`ref:SOU`).
std::optional<std::string> check_ref(const std::string& v) {
  const std::size_t b = v.find_first_not_of(' ');
  if (b == std::string::npos) return std::nullopt;
  const std::size_t e = v.find_last_not_of(' ') + 1;
  std::string typed = v.substr(b, e - b);
  // "prop 2008/09:5" -> "prop. 2008/09:5": the kinds that take a period.
  const std::size_t space = typed.find(' ');
  if (space != std::string::npos && space > 0 && typed[space - 1] != '.') {
    const std::string kind = util::ascii_lower(typed.substr(0, space));
    if (kind == "prop" || kind == "skr" || kind == "dir") typed.insert(space, ".");
  }
  const std::size_t kind_end = std::min(typed.find_first_of(" ."), typed.size());
  auto with_kind = [&](auto change) {
    std::string t = typed;
    for (std::size_t i = 0; i < kind_end; ++i) t[i] = static_cast<char>(change(static_cast<unsigned char>(t[i]), i));
    return t;
  };
  const std::string forms[] = {
      typed,
      with_kind([](unsigned char c, std::size_t) { return std::toupper(c); }),              // SOU, SFS
      with_kind([](unsigned char c, std::size_t i) { return i ? std::tolower(c) : std::toupper(c); }),  // Ds
      with_kind([](unsigned char c, std::size_t) { return std::tolower(c); }),              // prop., skr., dir.
  };
  for (const std::string& t : forms) {
    const std::vector<Reference> refs = analyze::find_references(t);
    if (refs.size() == 1 && refs[0].begin == 0 && refs[0].end == t.size()) return refs[0].normalized;
  }
  return std::nullopt;
}

// "pnr:811218-9876", "pnr:198112189876", "pnr:811218+9876": a personal
// identity number in any written form, as the index side stores it
// ("198112189876"), its century placed as for a record of this year. A
// value that is no valid number (wrong check digit, no such date, an
// organisationsnummer) cannot mean anything: a subject access request
// must not answer "no records" to a typing error.
std::optional<std::string> check_personal_number(const std::string& v) {
  std::string n = normalize_personal_number(v, personal_data_year(""));
  if (n.empty()) return std::nullopt;
  return n;
}

// "personuppgifter:ja" (personaldata:yes): records holding any personal
// identity number; "personuppgifter:samordningsnummer": of that kind.
std::optional<std::string> check_personal_data(const std::string& v) {
  const std::string s = util::lower_sv(v);
  if (s == "ja" || s == "yes") {
    std::string all;
    for (PersonalNumberKind k : {PersonalNumberKind::kPersonnummer, PersonalNumberKind::kSamordningsnummer,
                                 PersonalNumberKind::kInterim})
      all += (all.empty() ? "" : " ") + std::string(personal_number_key(k));
    return all;
  }
  for (PersonalNumberKind k :
       {PersonalNumberKind::kPersonnummer, PersonalNumberKind::kSamordningsnummer, PersonalNumberKind::kInterim})
    if (s == personal_number_key(k)) return s;
  return std::nullopt;
}

std::optional<std::string> check_actor(const std::string& v) {
  if (actors::resolve(v).empty() && actors::slug(v).empty()) return std::nullopt;
  return v;
}

// "ocr:ja" (ocr:yes): records with a page read by OCR; "-ocr:ja" those
// without.
std::optional<std::string> check_yes(const std::string& v) {
  const std::string s = util::lower_sv(v);
  if (s == "ja" || s == "yes") return std::string("ja");
  return std::nullopt;
}

// "datum:2016..2020": a RangeProcessor over the record date ("YYYY-MM-DD",
// kSlotDate), bounds widened to whole days.
class DateRange : public Xapian::RangeProcessor {
 public:
  explicit DateRange(const std::string& field) : Xapian::RangeProcessor(schema::kSlotDate, field + ":") {}

  Xapian::Query operator()(const std::string& begin, const std::string& end) override {
    if (!check_date(begin + ".." + end)) return Xapian::Query::MatchNothing;
    const std::string b = widen(begin, false), e = widen(end, true);
    if (e.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::kSlotDate, b);
    if (b.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_LE, schema::kSlotDate, e);
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kSlotDate, b, e);
  }
};

// A boolean filter whose value is canonicalised the way the index side
// stored it.
class Canonical : public Xapian::FieldProcessor {
 public:
  explicit Canonical(const Filter& f) : f_(f) {}
  Xapian::Query operator()(const std::string& value) override {
    const std::optional<std::string> c = f_.check ? f_.check(value) : value;
    return !c || c->empty() ? Xapian::Query::MatchNothing : Xapian::Query(f_.prefix + *c);
  }

 private:
  const Filter& f_;
};

// A boolean filter whose checked value names one term or several, any of
// which matches ("personuppgifter:ja": any kind of number).
class AnyOf : public Xapian::FieldProcessor {
 public:
  explicit AnyOf(const Filter& f) : f_(f) {}
  Xapian::Query operator()(const std::string& value) override {
    const std::optional<std::string> c = f_.check(value);
    if (!c || c->empty()) return Xapian::Query::MatchNothing;
    std::vector<Xapian::Query> terms;
    std::size_t at = 0;
    while (at <= c->size()) {
      const std::size_t space = std::min(c->find(' ', at), c->size());
      if (space > at) terms.emplace_back(f_.prefix + c->substr(at, space - at));
      at = space + 1;
    }
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
  }

 private:
  const Filter& f_;
};

// "aktör:ICLD", "aktör:\"Högskolan i Gävle\"", "aktör:gavle-kommun": the
// records that mention any actor the value names (actors::resolve), or
// that used the value as a form of a body the gazetteer does not know
// ("aktör:FPX" after "Future Position X (FPX)").
class ActorFilter : public Xapian::FieldProcessor {
 public:
  Xapian::Query operator()(const std::string& value) override {
    std::vector<Xapian::Query> parts;
    for (const std::string& id : actors::resolve(value)) parts.emplace_back(std::string(schema::kPrefixActor) + id);
    const std::string form = actors::slug(value);
    if (!form.empty()) parts.emplace_back(std::string(schema::kPrefixActorForm) + form);
    if (parts.empty()) return Xapian::Query::MatchNothing;
    return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
  }
};

// "organisation:gavle-kommun", "organisation:\"Gävle kommun\"": the
// records with a case number of an organisation the value names
// (actors::resolve), by the index side's "XDNO<actor id>:<number>" terms:
// the organisation facet of `arkiv serve`'s search page.
class OrganisationFilter : public Xapian::FieldProcessor {
 public:
  Xapian::Query operator()(const std::string& value) override {
    std::vector<Xapian::Query> parts;
    for (const std::string& id : actors::resolve(value))
      parts.emplace_back(Xapian::Query::OP_WILDCARD, std::string(schema::kPrefixCaseOrg) + id + ":");
    if (parts.empty()) return Xapian::Query::MatchNothing;
    return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
  }
};

// The records whose hit summary (kSlotHit) lists a page read by OCR: no
// term says so, and the summary of every record indexed since OCR came
// does, so `ocr:ja` finds the scans of an index as it is. Read by arkiv's
// own code, so not over "tcp://" shards (xapian-tcpsrv knows no such
// source and refuses the query).
class OcrPages : public Xapian::ValuePostingSource {
 public:
  OcrPages() : Xapian::ValuePostingSource(schema::kSlotHit) {}
  void init(const Xapian::Database& database) override {
    Xapian::ValuePostingSource::init(database);
    set_termfreq_min(0);
  }
  void next(double min_wt) override {
    Xapian::ValuePostingSource::next(min_wt);
    settle(min_wt);
  }
  void skip_to(Xapian::docid did, double min_wt) override {
    Xapian::ValuePostingSource::skip_to(did, min_wt);
    settle(min_wt);
  }
  bool check(Xapian::docid did, double min_wt) override {
    skip_to(did, min_wt);
    return true;
  }
  OcrPages* clone() const override { return new OcrPages(); }
  std::string name() const override { return "arkiv::OcrPages"; }

 private:
  void settle(double min_wt) {
    while (!at_end() && !codec::hit_has_ocr(get_value())) Xapian::ValuePostingSource::next(min_wt);
  }
};

class OcrFilter : public Xapian::FieldProcessor {
 public:
  explicit OcrFilter(const Filter& f) : f_(f) {}
  Xapian::Query operator()(const std::string& value) override {
    if (!f_.check(value)) return Xapian::Query::MatchNothing;
    return Xapian::Query((new OcrPages())->release());
  }

 private:
  const Filter& f_;
};

// "aktörid:gavle_kommun": one actor's term, weighted by its mentions like
// a word. What the actor expansion writes; the id's hyphens are
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

// "akronym:pul": the records that name PUL or its long form
// ("personuppgiftslagen"), by the index side's kPrefixAcronym term. What
// the acronym expansion writes, "(PUL OR akronym:pul)": its weight is
// scaled far below a word's, so that a record holding the typed form
// ranks above one that only writes the long form out, and the latter
// still rank among themselves by their mentions.
class AcronymTerm : public Xapian::FieldProcessor {
 public:
  Xapian::Query operator()(const std::string& value) override {
    return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                         Xapian::Query(std::string(schema::kPrefixAcronym) + analyze::acronym_key(value)), 0.05);
  }
};

// "akronymnamn:name_of_a_thing": the records that write a long form
// another record defined an acronym with, its words ('_' between them) as
// a phrase (each word as a phrase asks for it: analyze::query_tokens()),
// weighted as akronym: is.
class AcronymName : public Xapian::FieldProcessor {
 public:
  Xapian::Query operator()(const std::string& value) override {
    std::string spaced = value;
    std::replace(spaced.begin(), spaced.end(), '_', ' ');
    std::vector<Xapian::Query> words;
    for (const analyze::Token& t : analyze::query_tokens(spaced, true)) words.emplace_back(t.text);
    if (words.empty()) return Xapian::Query::MatchNothing;
    const Xapian::Query phrase = words.size() == 1 ? words.front()
                                                   : Xapian::Query(Xapian::Query::OP_PHRASE, words.begin(), words.end(),
                                                                   static_cast<Xapian::termcount>(words.size()));
    return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, phrase, 0.05);
  }
};

}  // namespace

const std::vector<Filter>& filters() {
  static const std::vector<Filter> kFilters = {
      {"datum", {"date"}, FilterQuery::kDateRange, nullptr, check_date, "datum:A..B", "date:",
       N_("record date lies in A..B; A and B are years, months or days, either may be left out; one value is its "
          "own period"),
       N_("a date or a range of dates: 2016, 2019-03, 2010-06-15, 2016..2020, 2019-03..2019-06, ..2011"),
       "datum:2016..2020, date:2010-06..2015, datum:..2011"},
      {"år", {"year"}, FilterQuery::kBoolean, schema::kPrefixYear, check_year, "år:YYYY", "year:",
       N_("record date is in that year"), N_("a year, four digits: 2017"), "år:2010"},
      {"typ", {"type"}, FilterQuery::kBoolean, schema::kPrefixType, check_type, "typ:T", "type:",
       N_("type is T, the record's own kind: protokoll, protokollsutdrag, tjänsteskrivelse, beslut, avtal, "
          "uppföljning, rapport, skrivelse, e-post; föreskrift (also `författning`), \"allmänna råd\", "
          "kommittédirektiv (`direktiv`), proposition (`prop`), ds, sou, dom, remissvar, lagrådsremiss, "
          "pressmeddelande, remiss; other. `typ:bilaga` finds attachments, whatever their kind (English: minutes, "
          "extract, memo, decision, agreement, follow-up, report, letter, email, regulation, guidance, directive, "
          "bill, judgment, consultation-response, attachment)"),
       N_("a record type: protokoll, protokollsutdrag, tjänsteskrivelse, beslut, avtal, uppföljning, rapport, "
          "skrivelse, e-post, föreskrift, \"allmänna råd\", kommittédirektiv, proposition, ds, sou, dom, remissvar, "
          "lagrådsremiss, pressmeddelande, remiss, other, bilaga (or its English name)"),
       "typ:avtal, type:agreement, typ:e-post, typ:bilaga"},
      {"dnr", {}, FilterQuery::kBoolean, schema::kPrefixCase, check_case, "dnr:N", "",
       N_("text carries diarienummer N, however it is written"), N_("a diarienummer: \"KS 2015/456\""),
       "dnr:\"KS 2015/456\", dnr:KS-2015-0456"},
      {"ref", {}, FilterQuery::kBoolean, schema::kPrefixRef, check_ref, "ref:R", "",
       N_("text cites SOU, Ds, prop., skr., dir. or SFS R, or the URL R"),
       N_("a reference: \"SOU 2015:109\", \"Ds 1998:10\", \"SFS 2009:400\", \"prop. 2008/09:5\", "
          "\"skr. 2019/20:18\", \"dir. 2018:6\" or a URL"),
       "ref:\"skr. 2019/20:18\""},
      {"i", {"in"}, FilterQuery::kBoolean, schema::kPrefixRole, check_role, "i:bilagor, i:beslut",
       "in:attachments, in:decisions",
       N_("is an attachment (a file inside another, or a \"Bilaga N\" file), or is not"),
       N_("bilagor or beslut (in: attachments or decisions)"), "avtal i:bilagor"},
      {"från", {"from"}, FilterQuery::kWords, schema::kPrefixFrom, nullptr, "från:X", "from:",
       N_("e-mail sender contains the word X"), N_("a word"), "från:anna"},
      {"till", {"to"}, FilterQuery::kWords, schema::kPrefixTo, nullptr, "till:X", "to:",
       N_("e-mail recipients contain the word X"), N_("a word"), "to:registrator"},
      {"aktör", {"actor"}, FilterQuery::kActor, nullptr, check_actor, "aktör:A", "actor:",
       N_("text mentions actor A in any form: a name, an alias, an acronym, a former name or an actor id (see "
          "`arkiv actors`)"),
       N_("a name, an acronym or an actor id"),
       "aktör:ICLD, aktör:\"Högskolan i Gävle\", actor:sveriges-kommuner-och-regioner"},
      {"titel", {"title"}, FilterQuery::kWords, schema::kPrefixTitle, nullptr, "titel:X", "title:",
       N_("title contains the word X (or the phrase, in quotes)"), N_("a word or a \"phrase\""),
       "title:uppföljning, titel:\"partnerskap med Zhuhai\""},
      {"sökväg", {"path"}, FilterQuery::kWords, schema::kPrefixPath, nullptr, "sökväg:X", "path:",
       N_("file path contains the word X (folders and file name split at / _ - .)"), N_("a word"), "path:bilaga"},
      {"pnr", {"personnummer"}, FilterQuery::kBoolean, schema::kPrefixPersonalNumber, check_personal_number,
       "pnr:N, personnummer:N", "",
       N_("text holds personal identity number N (personnummer or samordningsnummer) in any written form: "
          "`pnr:811218-9876` finds it written 811218-9876, 8112189876 or 19811218-9876; a number typed alone is "
          "read as `pnr:` too (see docs/archiving.md)"),
       N_("a personnummer or samordningsnummer with a valid date and check digit: 811218-9876, 811218+9876, "
          "8112189876, 19811218-9876, 198112189876"),
       // No example here: every example must find something in the sample
       // corpus (tests/e2e/examples_test.cc), and it holds no one's number.
       ""},
      {"personuppgifter", {"personaldata"}, FilterQuery::kAnyOf, schema::kPrefixPersonalData, check_personal_data,
       "personuppgifter:ja", "personaldata:yes",
       N_("text holds personal identity numbers (`personuppgifter:ja`), or those of one kind (personnummer, "
          "samordningsnummer, interim); excluded, the records without"),
       N_("ja (yes), personnummer, samordningsnummer or interim"), "avtal -personuppgifter:ja"},
      {"organisation", {"organization"}, FilterQuery::kOrganisation, schema::kPrefixCaseOrg, check_actor,
       "organisation:O", "organization:",
       N_("case numbers are of organisation O, the kommun or region the record's first page names: a name or an "
          "actor id (see `arkiv actors`)"),
       N_("an organisation: a name or an actor id"), "organisation:\"Gävle kommun\", organization:gavle-kommun"},
      {"ocr", {}, FilterQuery::kOcr, nullptr, check_yes, "ocr:ja", "ocr:yes",
       N_("has a page read by OCR (a scan); excluded, the records without"), N_("ja (yes)"),
       // No example: the sample corpus holds no scan.
       ""},
      {"aktörid", {}, FilterQuery::kActorTerm, schema::kPrefixActor, nullptr, "aktörid:ID", "",
       N_("mentions the actor with id ID (hyphens written as _), weighted like a word"), N_("an actor id"), "", false},
      {"akronym", {}, FilterQuery::kAcronymTerm, schema::kPrefixAcronym, nullptr, "akronym:A", "",
       N_("names acronym A or what it stands for, weighted far below a word"), N_("an acronym"), "", false},
      {"akronymnamn", {}, FilterQuery::kAcronymName, nullptr, nullptr, "akronymnamn:L", "",
       N_("writes L, the long form a record defined an acronym with (words joined by _), weighted far below a word"),
       N_("a long form"),
       "", false},
  };
  return kFilters;
}

const Filter* find_filter(std::string_view name) {
  const std::string lower = util::lower_sv(name);
  for (const Filter& f : filters()) {
    if (lower == f.name) return &f;
    for (const char* a : f.aliases)
      if (lower == a) return &f;
  }
  return nullptr;
}

std::string filter_names() {
  std::string out;
  for (const Filter& f : filters()) {
    if (!f.listed) continue;
    out += (out.empty() ? "" : ", ") + std::string(f.name) + ":";
    for (const char* a : f.aliases) out += ", " + std::string(a) + ":";
  }
  return out;
}

void add_filters(Xapian::QueryParser& qp) {
  for (const Filter& f : filters()) {
    std::vector<std::string> names{f.name};
    names.insert(names.end(), f.aliases.begin(), f.aliases.end());
    for (const std::string& n : names) {
      switch (f.query) {
        case FilterQuery::kWords:
          qp.add_prefix(n, f.prefix);
          break;
        case FilterQuery::kBoolean:
          // Each name its own group, as Xapian groups by name: "typ:avtal
          // typ:beslut" is either type, "typ:avtal type:beslut" both.
          qp.add_boolean_prefix(n, (new Canonical(f))->release());
          break;
        case FilterQuery::kDateRange:
          qp.add_rangeprocessor((new DateRange(n))->release());
          break;
        case FilterQuery::kActor: {
          // Not exclusive: a record names many actors, so "aktör:ICLD
          // aktör:SKR" asks for records that name both (Xapian would OR
          // filters that share a name otherwise, as it does for typ:).
          const std::string each_on_its_own;  // empty grouping: every filter ANDed
          qp.add_boolean_prefix(n, (new ActorFilter())->release(), &each_on_its_own);
          break;
        }
        case FilterQuery::kActorTerm:
          qp.add_prefix(n, (new ActorTerm())->release());
          break;
        case FilterQuery::kAnyOf:
          qp.add_boolean_prefix(n, (new AnyOf(f))->release());
          break;
        case FilterQuery::kAcronymTerm:
          qp.add_prefix(n, (new AcronymTerm())->release());
          break;
        case FilterQuery::kAcronymName:
          qp.add_prefix(n, (new AcronymName())->release());
          break;
        case FilterQuery::kOrganisation:
          qp.add_boolean_prefix(n, (new OrganisationFilter())->release());
          break;
        case FilterQuery::kOcr:
          qp.add_boolean_prefix(n, (new OcrFilter(f))->release());
          break;
      }
    }
  }
}

namespace {

// "a, b" -> "`a`, `b`".
std::string backquoted(std::string_view list) {
  std::string out;
  while (!list.empty()) {
    const std::size_t comma = list.find(", ");
    out += (out.empty() ? "`" : ", `") + std::string(list.substr(0, comma)) + "`";
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 2);
  }
  return out;
}

}  // namespace

std::string filter_usage_markdown(const Filter& f) {
  std::string out = backquoted(f.usage);
  if (*f.usage_en) out += " (" + backquoted(f.usage_en) + ")";
  return out;
}

std::string filter_examples_markdown(const Filter& f) { return backquoted(f.examples); }

const char* const kFieldRule =
    N_("A filter is a name of letters followed directly by `:` and a value (`typ:avtal`, `dnr:\"KS 2015/456\"`); "
       "every other colon is text (`kl. 10:30`, `SFS 2018:218`, `https://www.gavle.se`, `S:t Eriks`, `SKR:s`). A "
       "name that is no filter (`aktr:`) or a value the filter cannot read (`typ:okänd`, `år:abc`, `datum:2021..2019`) is an "
       "error that names the filter and what it takes (exit status 2).");

std::string filters_markdown() {
  std::string out = "| filter | matches records whose | example |\n|---|---|---|\n";
  for (const Filter& f : filters())
    if (f.listed) out += "| " + filter_usage_markdown(f) + " | " + f.help + " | " + filter_examples_markdown(f) + " |\n";
  return out + "\n" + kFieldRule + "\n";
}

}  // namespace arkiv::query
