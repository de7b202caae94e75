#include "analyze/analyzer.h"

#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <set>
#include <memory>
#include <sstream>
#include <cstring>

#include "arkiv/actors.h"
#include "arkiv/analysis.h"
#include "arkiv/pipeline.h"
#include "codec/format.h"
#include "analyze/lexicon.h"
#include "analyze/lexicon_format.h"
#include "analyze/swedish.h"
#include "util/text.h"

namespace arkiv::analyze {
namespace {

// The filters below never throw: Xapian 1.4.22's QueryParser frees memory
// it does not own when a field processor throws in some contexts
// ("-i:b?ilagor från:anna" aborted arkiv with a double free; found by
// fuzz_query). check_filters() rejects bad values with a message before the
// parser runs; a processor that still meets one matches nothing.
const char* const kBadDate = "a date range takes years, months or days: datum:2016..2020";
const char* const kBadActor = "aktör: needs a name, an acronym or an actor id";
const char* const kBadRole = "i: takes bilagor or beslut (in: attachments or decisions)";

// "datum:2016..2020", "datum:2017-05..2017-06-15", "datum:2016..": bounds
// as typed (a year, a month or a day) widened to whole days, compared with
// the record date ("YYYY-MM-DD", kSlotDate).
class DateRange : public Xapian::RangeProcessor {
 public:
  explicit DateRange(const std::string& field) : Xapian::RangeProcessor(schema::kSlotDate, field + ":") {}

  Xapian::Query operator()(const std::string& begin, const std::string& end) override {
    std::string b = widen(begin, false), e = widen(end, true);
    if ((!begin.empty() && b.empty()) || (!end.empty() && e.empty())) return Xapian::Query::MatchNothing;
    if (e.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::kSlotDate, b);
    if (b.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_LE, schema::kSlotDate, e);
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kSlotDate, b, e);
  }

 public:
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
  Xapian::Query operator()(const std::string& value) override {
    const std::string c = canon_(value);
    return c.empty() ? Xapian::Query::MatchNothing : Xapian::Query(prefix_ + c);
  }

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
    if (parts.empty()) return Xapian::Query::MatchNothing;
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
      // Authorities and courts.
      {"regulation", "föreskrift"},   {"föreskrifter", "föreskrift"},  {"författning", "föreskrift"},
      {"statute", "föreskrift"},      {"allmänna-råd", "allmänna råd"}, {"allmänt-råd", "allmänna råd"},
      {"allmännaråd", "allmänna råd"}, {"guidelines", "allmänna råd"}, {"guidance", "allmänna råd"},
      {"direktiv", "kommittédirektiv"}, {"dir", "kommittédirektiv"}, {"directive", "kommittédirektiv"},
      {"terms-of-reference", "kommittédirektiv"}, {"prop", "proposition"}, {"bill", "proposition"},
      {"government-bill", "proposition"}, {"inquiry", "sou"},          {"judgment", "dom"},
      {"judgement", "dom"},           {"ruling", "dom"},               {"consultation-response", "remissvar"},
      {"referral-response", "remissvar"}, {"response", "remissvar"},
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
  return {};
}

std::string canonical_case(const std::string& v) {
  std::string c = normalize_case_number(v);
  return c.empty() ? v : c;
}

std::string canonical_year(const std::string& v) { return v; }

// The Swedish chain's stemmer for Xapian: TermGenerator and QueryParser
// call it with lower-case words.
class SwedishStem : public Xapian::StemImplementation {
 public:
  std::string operator()(const std::string& word) override { return swedish::stem(word); }
  std::string get_description() const override { return "arkiv-swedish"; }
};

}  // namespace

Xapian::Stem stemmer(TextAnalysis analysis) {
  if (analysis == TextAnalysis::kSnowball) return Xapian::Stem("swedish");
  return Xapian::Stem(new SwedishStem);
}

namespace {

std::string_view first_char(std::string_view s) { return s.substr(0, util::first_char_bytes(s)); }

// For snippets: stems only words that could meet the query. Xapian stems
// every word of the page it quotes to compare with the query's stems, and
// a lexicon lookup per word made that most of a query's time in a fresh
// process. A Swedish stem keeps its word's first letter (the lexicon's
// forms are its roots with suffixes, Snowball strips suffixes), so a word
// whose first letter starts no stem of the query cannot match: it is
// returned as it is. Checked over the lexicon: 6 of its 831,160 forms have
// a lemma with another first letter (änder -> and, t -> d, le -> el);
// those are found by a search as before, but not bolded in its snippets.
class QueryStem : public Xapian::StemImplementation {
 public:
  explicit QueryStem(std::set<std::string, std::less<>> firsts) : firsts_(std::move(firsts)) {}
  std::string operator()(const std::string& word) override {
    return firsts_.count(first_char(word)) ? swedish::stem(word) : word;
  }
  std::string get_description() const override { return "arkiv-swedish-for-query"; }

 private:
  std::set<std::string, std::less<>> firsts_;
};

}  // namespace

Xapian::Stem snippet_stemmer(TextAnalysis analysis, const Xapian::Query& query) {
  if (analysis == TextAnalysis::kSnowball) return stemmer(analysis);
  std::set<std::string, std::less<>> firsts;
  for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t) {
    const std::string& term = *t;
    if (term.size() > 1 && term[0] == 'Z') firsts.emplace(first_char(std::string_view(term).substr(1)));
  }
  return Xapian::Stem(new QueryStem(std::move(firsts)));
}

Xapian::TermGenerator make_term_generator(TextAnalysis analysis) {
  Xapian::TermGenerator tg;
  tg.set_stemmer(stemmer(analysis));
  // STEM_SOME: every word gives its unstemmed form (with positions, where
  // the text has them: for phrases such as "Internationellt Centrum för
  // Lokal Demokrati") and a Z-prefixed stem (so "kommunerna" meets
  // "kommuner").
  tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  // 珠海 as the n-grams 珠, 珠海, 海, as QueryParser's FLAG_CJK_NGRAM asks.
  if (analysis == TextAnalysis::kSwedish) tg.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
  return tg;
}

Xapian::TermGenerator make_word_generator(TextAnalysis analysis) {
  Xapian::TermGenerator tg = make_term_generator(analysis);
  // The words alone: add_stems_and_variants() gives each distinct word its
  // stem once per record. TermGenerator would stem every occurrence and
  // add the stem's posting again at every position, also where the word
  // is its own stem ("avtal", "och", "kommun": 58% of the stem postings
  // of the seed record).
  if (analysis == TextAnalysis::kSwedish) tg.set_stemming_strategy(Xapian::TermGenerator::STEM_NONE);
  return tg;
}

unsigned word_wdf(TextAnalysis analysis) { return analysis == TextAnalysis::kSnowball ? 1 : kWordWdf; }

namespace {

// "Z" and the stem, as TermGenerator writes stems. (Built by append: GCC 12
// warns falsely about "Z" + std::string, -Wrestrict.)
std::string stem_term(const std::string& word) {
  std::string t = "Z";
  t += swedish::stem(word);
  return t;
}

// Whether TermGenerator gives a word a stem at all: words that start with
// a letter (Xapian 1.4's should_stem(): "2015" and "§" have none).
bool stemmed(const std::string& word) {
  constexpr unsigned kMask = (1u << Xapian::Unicode::LOWERCASE_LETTER) | (1u << Xapian::Unicode::TITLECASE_LETTER) |
                             (1u << Xapian::Unicode::MODIFIER_LETTER) | (1u << Xapian::Unicode::OTHER_LETTER);
  Xapian::Utf8Iterator u(word);
  return u != Xapian::Utf8Iterator() && ((kMask >> Xapian::Unicode::get_category(*u)) & 1);
}

// Adds stem term `z` for the occurrences of one word (or variant) at
// `positions`, `wdf` in all. `own` says the word is its own stem: then the
// word's postings stand for the stem's (own_stem()).
void add_stem(Xapian::Document& doc, const std::string& z, bool own, Xapian::termcount wdf,
              const std::vector<Xapian::termpos>& positions) {
  if (own || positions.empty()) {
    doc.add_term(z, wdf);
    return;
  }
  doc.add_posting(z, positions.front(), wdf);
  for (std::size_t i = 1; i < positions.size(); ++i) doc.add_posting(z, positions[i], 0);
}

}  // namespace

bool own_stem(const std::string& word) { return stemmed(word) && swedish::stem(word) == word; }

void add_stems_and_variants(Xapian::Document& doc, TextAnalysis analysis) {
  if (analysis == TextAnalysis::kSnowball) return;
  struct Word {
    std::string term;
    Xapian::termcount wdf;
    std::vector<Xapian::termpos> positions;
  };
  // Collected first: the document's term list may not change under its
  // iterator.
  std::vector<Word> words;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    const std::string& term = *t;
    if (term.empty() || (term[0] >= 'A' && term[0] <= 'Z')) continue;  // prefixed: not a word
    Word w{term, t.get_wdf(), {}};
    for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) w.positions.push_back(*p);
    words.push_back(std::move(w));
  }
  for (const Word& w : words) {
    // The stem, as STEM_SOME_FULL_POS would give it (wdf and positions),
    // except for the positions own_stem() leaves out.
    if (stemmed(w.term)) {
      const std::string z = stem_term(w.term);
      const bool own = std::string_view(z).substr(1) == w.term;
      if (z.size() > 1) add_stem(doc, z, own, w.wdf, w.positions);  // TermGenerator skips empty stems too
    }
    for (const std::string& v : swedish::variants(w.term)) {
      const std::string z = stem_term(v);
      if (v.size() > 240 || z.size() > 240) continue;  // Xapian's term length limit is 245 bytes
      if (w.positions.empty()) {  // a word of the title or an e-mail header only
        doc.add_term(v, kVariantWdf);
        doc.add_term(z, kVariantWdf);
        continue;
      }
      for (Xapian::termpos p : w.positions) doc.add_posting(v, p, kVariantWdf);
      add_stem(doc, z, own_stem(v), kVariantWdf * static_cast<Xapian::termcount>(w.positions.size()), w.positions);
    }
  }
}

void add_implied_word(Xapian::Document& doc, const std::string& word, unsigned pos) {
  if (word.empty() || word.size() > 240) return;
  doc.add_posting(word, pos, kWordWdf);  // its stem comes with the other words'
}

unsigned query_flags(TextAnalysis analysis) {
  unsigned f = Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_BOOLEAN |
               Xapian::QueryParser::FLAG_LOVEHATE | Xapian::QueryParser::FLAG_WILDCARD |
               Xapian::QueryParser::FLAG_PURE_NOT;
  if (analysis == TextAnalysis::kSwedish) f |= Xapian::QueryParser::FLAG_CJK_NGRAM;
  return f;
}

const Xapian::Stopper* function_words() {
  static const char* const kWords[] = {
      "och",    "det",   "att",   "i",      "en",     "jag",   "hon",   "som",    "han",    "på",     "den",
      "med",    "var",   "sig",   "för",    "så",     "till",  "är",    "men",    "ett",    "om",     "hade",
      "de",     "av",    "icke",  "mig",    "du",     "henne", "då",    "sin",    "nu",     "har",    "inte",
      "hans",   "honom", "skulle", "hennes", "där",   "min",   "man",   "ej",     "vid",    "kunde",  "något",
      "från",   "ut",    "när",   "efter",  "upp",    "vi",    "dem",   "vara",   "vad",    "över",   "än",
      "dig",    "kan",   "sina",  "här",    "ha",     "mot",   "alla",  "under",  "någon",  "eller",  "allt",
      "mycket", "sedan", "ju",    "denna",  "själv",  "detta", "åt",    "utan",   "varit",  "hur",    "ingen",
      "mitt",   "ni",    "bli",   "blev",   "oss",    "din",   "dessa", "några",  "deras",  "blir",   "mina",
      "samma",  "vilken", "er",   "sådan",  "vår",    "blivit", "dess", "inom",   "mellan", "sådant", "varför",
      "varje",  "vilka", "ditt",  "vem",    "vilket", "sitta", "sådana", "vart",  "dina",   "vars",   "vårt",
      "våra",   "ert",   "era",   "vilkas", "finns",  "får",   "ska",   "hos",    "genom"};
  static const Xapian::SimpleStopper stopper(std::begin(kWords), std::end(kWords));
  return &stopper;
}

std::string analysis_id(TextAnalysis analysis) {
  if (analysis == TextAnalysis::kSnowball) return "snowball";
  return "swedish-2/" + lexicon::version();
}

TextAnalysis analysis_from_id(const std::string& id) {
  return id.rfind("swedish", 0) == 0 ? TextAnalysis::kSwedish : TextAnalysis::kSnowball;
}

namespace {

// Filters whose values are matched as typed (aktör:ICLD is case-sensitive,
// as the gazetteer is) and the operators Xapian reads in upper case only.
bool keeps_case(std::string_view token) {
  static const char* const kOperators[] = {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"};
  for (const char* op : kOperators) {
    const std::size_t n = std::strlen(op);
    if (token.substr(0, n) == op && (token.size() == n || token[n] == '/')) return true;
  }
  const std::size_t colon = token.find(':');
  if (colon == std::string_view::npos) return false;
  std::string_view field = token.substr(0, colon);
  while (!field.empty() && (field.front() == '+' || field.front() == '-' || field.front() == '(')) field.remove_prefix(1);
  static const char* const kFilters[] = {"aktör", "actor", "dnr", "ref", "typ", "type", "år",
                                         "year", "i",     "in",    "datum", "date"};
  for (const char* f : kFilters)
    if (field == f) return true;
  return false;
}

// The query with each token replaced by f(token). A token runs to the next
// space outside quotes: a phrase ("Högskolan i Gävle") and a filter with a
// quoted value (dnr:"KS 2015/456") are one token each. Spaces are kept.
template <typename F>
std::string map_tokens(const std::string& query, F f) {
  std::string out;
  std::size_t i = 0;
  while (i < query.size()) {
    if (query[i] == ' ') {
      out += query[i++];
      continue;
    }
    std::size_t j = i;
    bool quoted = false;
    while (j < query.size() && (quoted || query[j] != ' ')) {
      if (query[j] == '"') quoted = !quoted;
      ++j;
    }
    out += f(query.substr(i, j - i));
    i = j;
  }
  return out;
}

// "珠海" -> "zhuhai": Han characters in pinyin without tones, by ICU's
// Han-Latin transliteration.
std::string pinyin(const std::string& han) {
  return util::transliterate("Han-Latin; Latin-ASCII; [:^Letter:] Remove; Lower", han);
}

bool all_han(const std::string& w) {
  bool any = false;
  for (int32_t i = 0; i < static_cast<int32_t>(w.size());) {
    UChar32 c;
    U8_NEXT(w.data(), i, static_cast<int32_t>(w.size()), c);
    UErrorCode err = U_ZERO_ERROR;
    if (c < 0 || uscript_getScript(c, &err) != USCRIPT_HAN) return false;
    any = true;
  }
  return any;
}

// Two query-side readings of what a Swedish reader types:
// - an acronym the gazetteer knows, typed in lower case and not a Swedish
//   word ("icld", "skr", "ud"), is read as the acronym, so that the actor
//   expansion after it also finds the records that spell the name out (in
//   text, the gazetteer's case rule keeps "icld" from being ICLD);
// - a run of two or three Han characters, a place name in a record about a
//   partner city ("珠海", "吉林"), also matches its pinyin ("zhuhai"), the
//   form Swedish records use.
std::string with_acronyms_and_pinyin(const std::string& query) {
  return map_tokens(query, [](const std::string& w) -> std::string {
    const bool lower_ascii = w.size() >= 2 && w.size() <= 6 &&
                             std::all_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    if (lower_ascii && !(lexicon::flags(w) & lexicon_format::kWord)) {
      std::string up = w;
      for (char& c : up) c = static_cast<char>(c - 'a' + 'A');
      if (!actors::find_in_query(up).empty()) return up;
    }
    const std::size_t letters = util::to_u32(w).size();
    if (letters >= 2 && letters <= 3 && all_han(w)) {
      const std::string p = pinyin(w);
      if (!p.empty() && p != w) return "(" + w + " OR " + p + ")";
    }
    return w;
  });
}

}  // namespace

namespace {

// Throws Xapian::QueryParserError, with what is wrong, for a filter value
// the processors above cannot read: "i:bilagr", "datum:2016..igår",
// "aktör:" with nothing nameable.
void check_filters(const std::string& query) {
  map_tokens(query, [](const std::string& token) {
    std::string t = token;
    while (!t.empty() && (t.front() == '+' || t.front() == '-' || t.front() == '(')) t.erase(0, 1);
    while (!t.empty() && t.back() == ')') t.pop_back();
    const std::size_t colon = t.find(':');
    if (colon == std::string::npos) return token;
    const std::string field = t.substr(0, colon);
    std::string value = t.substr(colon + 1);
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    if ((field == "i" || field == "in") && canonical_role(value).empty()) throw Xapian::QueryParserError(kBadRole);
    if ((field == "aktör" || field == "actor") && !value.empty() && actors::resolve(value).empty() &&
        actors::slug(value).empty())
      throw Xapian::QueryParserError(kBadActor);
    if ((field == "datum" || field == "date") && value.find("..") != std::string::npos) {
      const std::string b = value.substr(0, value.find("..")), e = value.substr(value.find("..") + 2);
      if ((!b.empty() && DateRange::widen(b, false).empty()) || (!e.empty() && DateRange::widen(e, true).empty()))
        throw Xapian::QueryParserError(kBadDate);
    }
    return token;
  });
}

}  // namespace

std::string prepare_query(const std::string& typed, TextAnalysis analysis) {
  std::string query = normalize::normalize_text(typed);
  std::replace(query.begin(), query.end(), '\n', ' ');
  if (analysis == TextAnalysis::kSwedish) query = with_acronyms_and_pinyin(query);
  check_filters(query);
  query = expand_actor_names(query);
  if (analysis == TextAnalysis::kSnowball) return query;
  return map_tokens(query, [](const std::string& token) { return keeps_case(token) ? token : util::lower_sv(token); });
}

void configure_query_parser(Xapian::QueryParser& qp, TextAnalysis analysis) {
  qp.set_stemmer(stemmer(analysis));
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
