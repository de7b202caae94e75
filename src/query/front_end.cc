#include "query/front_end.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>

#include "analyze/acronyms.h"
#include "analyze/analyzer.h"
#include "analyze/lexicon.h"
#include "analyze/lexicon_format.h"
#include "arkiv/actors.h"
#include "arkiv/error.h"
#include "arkiv/personal_data.h"
#include "arkiv/pipeline.h"
#include "query/compounds.h"
#include "query/filters.h"
#include "util/text.h"

namespace arkiv::query {
namespace {

Token make(TokenKind kind, std::string text, bool glued) {
  Token t;
  t.kind = kind;
  t.text = std::move(text);
  t.glued = glued;
  return t;
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

// Two query-side readings of what a Swedish reader types, on plain words:
// - an acronym the gazetteer knows, typed in lower case and not a Swedish
//   word ("icld", "skr", "ud"), is read as the acronym, so that the actor
//   expansion after it also finds the records that spell the name out (in
//   text, the gazetteer's case rule keeps "icld" from being ICLD);
// - a run of two or three Han characters, a place name in a record about a
//   partner city ("珠海", "吉林"), also matches its pinyin ("zhuhai"), the
//   form Swedish records use.
std::vector<Token> with_acronyms_and_pinyin(std::vector<Token> tokens) {
  std::vector<Token> out;
  for (Token& t : tokens) {
    if (t.kind != TokenKind::kWord || t.sign) {
      out.push_back(std::move(t));
      continue;
    }
    const std::string& w = t.text;
    const bool lower_ascii = w.size() >= 2 && w.size() <= 6 &&
                             std::all_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    if (lower_ascii && !(analyze::lexicon::flags(w) & analyze::lexicon_format::kWord)) {
      std::string up = w;
      for (char& c : up) c = static_cast<char>(c - 'a' + 'A');
      if (!actors::find_in_query(up).empty()) t.text = up;
    }
    const std::size_t letters = util::to_u32(w).size();
    if (letters >= 2 && letters <= 3 && all_han(w)) {
      const std::string p = pinyin(w);
      if (!p.empty() && p != w) {
        out.push_back(make(TokenKind::kOpen, "(", t.glued));
        out.push_back(make(TokenKind::kWord, w, true));
        out.push_back(make(TokenKind::kOperator, "OR", false));
        out.push_back(make(TokenKind::kWord, p, false));
        out.push_back(make(TokenKind::kClose, ")", true));
        continue;
      }
    }
    out.push_back(std::move(t));
  }
  return out;
}

// Whether a field's value is read as words (and so lower-cased with them).
bool word_valued(const Token& t) {
  if (t.kind != TokenKind::kField) return false;
  const Filter* f = find_filter(t.field);
  return f && (f->query == FilterQuery::kWords || f->query == FilterQuery::kActorTerm ||
               f->query == FilterQuery::kAcronymTerm || f->query == FilterQuery::kAcronymName);
}

// "-Kina", "-Kina -Jilin": every clause excluded, none to exclude it from.
// Xapian reads such a query as if the signs were not there; NOT reads it
// as the records without them.
void excluded_only_as_not(std::vector<Token>& tokens) {
  int depth = 0;
  bool any = false;
  for (const Token& t : tokens) {
    if (depth == 0) {
      if (t.kind == TokenKind::kClose || t.kind == TokenKind::kOperator || t.sign != '-') return;
      any = true;
    }
    if (t.kind == TokenKind::kOpen) ++depth;
    if (t.kind == TokenKind::kClose && depth > 0) --depth;
  }
  if (!any) return;
  std::vector<Token> out;
  depth = 0;
  for (Token& t : tokens) {
    if (depth == 0) {
      out.push_back(make(TokenKind::kOperator, "NOT", false));
      t.sign = 0;
      t.glued = false;
    }
    if (t.kind == TokenKind::kOpen) ++depth;
    if (t.kind == TokenKind::kClose && depth > 0) --depth;
    out.push_back(std::move(t));
  }
  tokens = std::move(out);
}

// Swedish writes the endings of an abbreviation after a colon: "SKR:s
// nätverk", "EU:s", "TV:n", "SMS:en", "PDF:er", "ICLD:arna". A field
// naming no filter whose value is such an ending is that text.
bool inflection(const Token& t) {
  static const char* const kEndings[] = {"s",   "n",   "t",   "en",   "et",   "ns",   "ts",   "na",   "ar",
                                         "er",  "or",  "ens", "ets",  "nas",  "ars",  "ers",  "ors",  "arna",
                                         "erna", "orna", "arnas", "ernas", "ornas", "ad", "ade", "at"};
  if (t.quoted) return false;
  for (const char* e : kEndings)
    if (t.text == e) return true;
  return false;
}

}  // namespace

std::vector<Token> checked_tokens(const std::string& typed) {
  std::string query = normalize::normalize_text(typed);
  std::replace(query.begin(), query.end(), '\n', ' ');
  std::vector<Token> tokens = lex(query);
  const int year = personal_data_year("");
  for (Token& t : tokens) {
    // A personal identity number typed as a word or a phrase, in any
    // written form ("811218-9876", "19811218-9876", "8112189876"), is
    // looked for as one: the records holding it however they wrote it (a
    // subject access request), not the words "811218" and "9876".
    if (t.kind == TokenKind::kWord || t.kind == TokenKind::kPhrase) {
      std::string n = normalize_personal_number(t.text, year);
      if (!n.empty()) {
        t.kind = TokenKind::kField;
        t.field = "pnr";
        t.text = std::move(n);
        t.quoted = false;
      }
      continue;
    }
    if (t.kind != TokenKind::kField) continue;
    const Filter* f = find_filter(t.field);
    if (!f) {
      // "S:t Eriks", "s:a", "SKR:s": abbreviations, not filters.
      if (util::to_u32(t.field).size() == 1 || inflection(t)) {
        const char sign = t.sign;
        t.sign = 0;
        t.text = render(t);
        t.sign = sign;
        t.kind = TokenKind::kWord;
        t.field.clear();
        t.quoted = false;
        continue;
      }
      throw QueryFilterError(QueryFilterError::Kind::kUnknownFilter, t.field, t.text, filter_names(), typed);
    }
    if (f->check) {
      const std::optional<std::string> value = f->check(t.text);
      if (!value) throw QueryFilterError(QueryFilterError::Kind::kBadValue, t.field, t.text, f->accepts, typed);
      if (f->query == FilterQuery::kDateRange) t.text = *value;
    }
    t.field = f->name;
  }
  return tokens;
}

namespace {

// Expands the names in tokens [from, to), a run of plain words.
void expand_run(std::vector<Token>& tokens, std::size_t from, std::size_t to) {
  std::vector<Token> run(tokens.begin() + static_cast<std::ptrdiff_t>(from),
                         tokens.begin() + static_cast<std::ptrdiff_t>(to));
  run.front().glued = false;
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  const std::string text = render(run, &spans);
  const auto found = actors::find_in_query(text);
  // Last first: the spans of the tokens before stay right.
  for (auto it = found.rbegin(); it != found.rend(); ++it) {
    std::size_t i = 0;
    while (i < spans.size() && spans[i].second <= it->begin) ++i;
    std::size_t j = i;
    while (j + 1 < spans.size() && spans[j + 1].first < it->end) ++j;
    if (i >= run.size() || spans[i].first > it->begin || spans[j].second < it->end) continue;
    std::vector<Token> with;
    bool glued = run[i].glued;
    if (spans[i].first < it->begin) {  // a glued start
      with.push_back(make(TokenKind::kWord, text.substr(spans[i].first, it->begin - spans[i].first), glued));
      glued = true;
    }
    with.push_back(make(TokenKind::kOpen, "(", glued));
    std::vector<Token> words = lex(std::string_view(text).substr(it->begin, it->end - it->begin));
    for (std::size_t k = 0; k < words.size(); ++k) {
      words[k].glued = k == 0 || words[k].glued;
      with.push_back(std::move(words[k]));
    }
    std::string id = it->actor_id;
    std::replace(id.begin(), id.end(), '-', '_');
    with.push_back(make(TokenKind::kOperator, "OR", false));
    Token field = make(TokenKind::kField, id, false);
    field.field = "aktörid";
    with.push_back(std::move(field));
    with.push_back(make(TokenKind::kClose, ")", true));
    if (it->end < spans[j].second)  // a glued end
      with.push_back(make(TokenKind::kWord, text.substr(it->end, spans[j].second - it->end), true));
    run.erase(run.begin() + static_cast<std::ptrdiff_t>(i), run.begin() + static_cast<std::ptrdiff_t>(j + 1));
    run.insert(run.begin() + static_cast<std::ptrdiff_t>(i), with.begin(), with.end());
  }
  run.front().glued = tokens[from].glued;
  tokens.erase(tokens.begin() + static_cast<std::ptrdiff_t>(from), tokens.begin() + static_cast<std::ptrdiff_t>(to));
  tokens.insert(tokens.begin() + static_cast<std::ptrdiff_t>(from), run.begin(), run.end());
}

}  // namespace

std::vector<Token> expand_actor_names(std::vector<Token> tokens) {
  // Runs of plain words, last first: a run's expansion moves the tokens
  // after it only.
  std::size_t to = tokens.size();
  while (to > 0) {
    const bool plain = tokens[to - 1].kind == TokenKind::kWord && !tokens[to - 1].sign;
    if (!plain) {
      --to;
      continue;
    }
    std::size_t from = to - 1;
    while (from > 0 && tokens[from - 1].kind == TokenKind::kWord && !tokens[from - 1].sign) --from;
    expand_run(tokens, from, to);
    to = from;
  }
  return tokens;
}

std::string expand_actor_names(const std::string& query) { return render(expand_actor_names(lex(query))); }

namespace {

// "PUL", "SoL", "NOAT": a word typed as an acronym (two to eight letters,
// the first a capital, at least two capitals).
bool typed_acronym(const std::string& w) {
  const std::u32string u = util::to_u32(w);
  if (u.size() < 2 || u.size() > 8) return false;
  std::size_t capitals = 0;
  for (char32_t c : u) {
    if (!u_isalpha(static_cast<UChar32>(c))) return false;
    if (u_isupper(static_cast<UChar32>(c))) ++capitals;
  }
  return u_isupper(static_cast<UChar32>(u[0])) && capitals >= 2;
}

// The runs of letters and digits of `s`: its words.
std::vector<std::string> letter_runs(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  for (int32_t i = 0; i < static_cast<int32_t>(s.size());) {
    const int32_t at = i;
    UChar32 c;
    U8_NEXT(s.data(), i, static_cast<int32_t>(s.size()), c);
    if (c >= 0 && u_isalnum(c)) {
      cur.append(s.data() + at, static_cast<std::size_t>(i - at));
    } else if (!cur.empty()) {
      out.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

// "(words OR akronym:KEY OR akronymnamn:LONG_FORM ...)" in place of
// `words`.
std::vector<Token> with_acronym(std::vector<Token> words, const std::string& acronym,
                                const std::vector<std::string>& long_forms = {}) {
  std::vector<Token> with;
  with.push_back(make(TokenKind::kOpen, "(", words.front().glued));
  for (std::size_t k = 0; k < words.size(); ++k) {
    words[k].glued = k == 0 || words[k].glued;
    with.push_back(std::move(words[k]));
  }
  with.push_back(make(TokenKind::kOperator, "OR", false));
  Token field = make(TokenKind::kField, analyze::acronym_key(acronym), false);
  field.field = "akronym";
  with.push_back(std::move(field));
  for (const std::string& long_form : long_forms) {
    // Its words joined by '_' ("name_of_a_thing"): Xapian's parser reads
    // a free-text field's value up to a space, and a quoted one not at
    // all. A long form with a number ("lagen (2007:1091) om ...") is
    // left out: its words are not next to each other in the text.
    std::string joined;
    bool number = false;
    for (const std::string& part : letter_runs(long_form)) {
      number = number || std::any_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
      joined += (joined.empty() ? "" : "_") + part;
    }
    if (joined.empty() || number) continue;
    with.push_back(make(TokenKind::kOperator, "OR", false));
    Token name = make(TokenKind::kField, joined, false);
    name.field = "akronymnamn";
    with.push_back(std::move(name));
  }
  with.push_back(make(TokenKind::kClose, ")", true));
  return with;
}

}  // namespace

std::vector<Token> expand_acronyms(std::vector<Token> tokens, const AcronymKnown& known) {
  std::vector<Token> out;
  for (std::size_t from = 0; from < tokens.size();) {
    if (tokens[from].kind != TokenKind::kWord || tokens[from].sign) {
      out.push_back(std::move(tokens[from++]));
      continue;
    }
    std::size_t to = from;
    while (to < tokens.size() && tokens[to].kind == TokenKind::kWord && !tokens[to].sign) ++to;
    std::vector<Token> run(tokens.begin() + static_cast<std::ptrdiff_t>(from),
                           tokens.begin() + static_cast<std::ptrdiff_t>(to));
    const bool glued = run.front().glued;
    run.front().glued = false;
    std::vector<std::pair<std::size_t, std::size_t>> spans;
    const std::string text = render(run, &spans);
    // The shared list's names, each over whole words.
    std::vector<std::pair<std::size_t, std::string>> name_at(run.size());  // first word -> (past last, acronym)
    for (const AcronymMention& m : analyze::find_listed_long_forms(text)) {
      std::size_t i = 0;
      while (i < spans.size() && spans[i].first < m.begin) ++i;
      std::size_t j = i;
      while (j < spans.size() && spans[j].second < m.end) ++j;
      if (i < spans.size() && j < spans.size() && spans[i].first == m.begin && spans[j].second == m.end)
        name_at[i] = {j + 1, m.acronym};
    }
    run.front().glued = glued;
    for (std::size_t i = 0; i < run.size();) {
      if (!name_at[i].second.empty()) {
        const std::size_t end = name_at[i].first;
        std::vector<Token> words(run.begin() + static_cast<std::ptrdiff_t>(i),
                                 run.begin() + static_cast<std::ptrdiff_t>(end));
        for (Token& t : with_acronym(std::move(words), name_at[i].second)) out.push_back(std::move(t));
        i = end;
        continue;
      }
      const std::string& w = run[i].text;
      // The gazetteer's acronyms are actors: the actor expansion has them
      // ("JO", "SKR"). A lower-case word is an acronym only when the list
      // has it and the lexicon does not ("pul", not "sol").
      std::string acronym;
      std::vector<std::string> long_forms;
      if (actors::find_in_query(w).empty()) {
        acronym = analyze::listed_acronym(w, !(analyze::lexicon::flags(w) & analyze::lexicon_format::kWord));
        if (acronym.empty() && known && typed_acronym(w)) {
          long_forms = known(analyze::acronym_key(w));
          if (!long_forms.empty()) acronym = w;
        }
      }
      if (acronym.empty()) {
        out.push_back(std::move(run[i++]));
        continue;
      }
      for (Token& t : with_acronym({std::move(run[i])}, acronym, long_forms)) out.push_back(std::move(t));
      ++i;
    }
    from = to;
  }
  return out;
}

std::string expand_acronyms(const std::string& query, const AcronymKnown& known) {
  return render(expand_acronyms(lex(query), known));
}

bool read_as_acronym(const std::string& w) {
  const bool lower_ascii =
      w.size() >= 2 && w.size() <= 6 && std::all_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  if (!lower_ascii || (analyze::lexicon::flags(w) & analyze::lexicon_format::kWord)) return false;
  return !analyze::listed_acronym(w, true).empty() || !actors::find_in_query(util::upper_sv(w)).empty();
}

std::string prepare_query(const std::string& typed, TextAnalysis analysis, const AcronymKnown& known) {
  std::vector<Token> tokens = checked_tokens(typed);
  if (analysis == TextAnalysis::kSwedish) {
    tokens = with_acronyms_and_pinyin(std::move(tokens));
    tokens = expand_acronyms(std::move(tokens), known);
  }
  tokens = expand_actor_names(std::move(tokens));
  if (analysis == TextAnalysis::kSwedish) {
    for (Token& t : tokens)
      if (t.kind == TokenKind::kWord || t.kind == TokenKind::kPhrase || word_valued(t)) t.text = util::lower_sv(t.text);
    tokens = with_compound_parts(std::move(tokens));
  }
  excluded_only_as_not(tokens);
  return render(tokens);
}

void configure_query_parser(Xapian::QueryParser& qp, TextAnalysis analysis) {
  qp.set_stemmer(analyze::stemmer(analysis));
  qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  // A person who types two words wants records with both; Xapian's default
  // (OR) would rank a record about "Zhuhai" alone next to one about the
  // "partnerskapsavtal med Zhuhai".
  qp.set_default_op(Xapian::Query::OP_AND);
  add_filters(qp);
  if (analysis == TextAnalysis::kSwedish) add_compound_field(qp);
}

unsigned query_flags(TextAnalysis analysis) {
  unsigned f = Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_BOOLEAN |
               Xapian::QueryParser::FLAG_LOVEHATE | Xapian::QueryParser::FLAG_WILDCARD |
               Xapian::QueryParser::FLAG_PURE_NOT;
  if (analysis == TextAnalysis::kSwedish) f |= Xapian::QueryParser::FLAG_CJK_NGRAM;
  return f;
}

bool plain_words(const std::vector<Token>& tokens) {
  int words = 0;
  for (const Token& t : tokens) {
    if (t.kind != TokenKind::kWord || t.sign || t.text.find_first_of(":*+") != std::string::npos) return false;
    ++words;
  }
  return words >= 2;
}

bool question(const std::vector<Token>& tokens) {
  if (tokens.size() >= 4) return true;
  for (const Token& t : tokens)
    if (t.text.find('?') != std::string::npos) return true;
  return false;
}

}  // namespace arkiv::query
