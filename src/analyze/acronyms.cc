#include "analyze/acronyms.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <xapian.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include "analyze/initials.h"
#include "util/text.h"

namespace arkiv {
extern const char* const kAcronymsTsv;  // data/acronyms/acronyms.tsv, generated acronyms_data.cc
}

namespace arkiv::analyze {
namespace {

struct Tok {
  std::size_t b = 0, e = 0;
  bool word = false;
  bool space_before = false;
};


bool word_char(UChar32 c) {
  if (c < 0x80) return c >= 0 && util::ascii_alnum(static_cast<char32_t>(c));
  return u_isalnum(c) || u_getCombiningClass(c) > 0;
}

// Words (runs of letters and digits) and single other characters, with
// whether white space came before.
std::vector<Tok> tokenize(std::string_view s) {
  std::vector<Tok> out;
  bool space = false;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t next;
    const UChar32 c = cp_at(s, i, &next);
    if (c < 0 || (c < 0x80 ? c == ' ' || (c >= '\t' && c <= '\r') : u_isUWhiteSpace(c))) {
      space = true;
      i = next;
      continue;
    }
    Tok t;
    t.b = i;
    t.space_before = space;
    space = false;
    t.word = word_char(c);
    t.e = next;
    if (t.word) {
      std::size_t n2;
      while (t.e < s.size() && word_char(cp_at(s, t.e, &n2))) t.e = n2;
    }
    out.push_back(t);
    i = t.e;
  }
  return out;
}

// "PUL", "SoL", "ÄktB", "FI": two to eight letters, the first a capital,
// at least two capitals.
bool acronym_shaped(std::string_view w) {
  std::size_t letters = 0, capitals = 0;
  bool first_upper = false;
  for (std::size_t i = 0; i < w.size();) {
    std::size_t next;
    const UChar32 c = cp_at(w, i, &next);
    if (c < 0 || !u_isalpha(c)) return false;
    if (u_isupper(c)) ++capitals;
    if (i == 0) first_upper = u_isupper(c);
    ++letters;
    i = next;
  }
  return first_upper && capitals >= 2 && letters >= 2 && letters <= 8;
}


// Words an acronym's letters skip: "lagen om offentlig upphandling (LOU)",
// "Myndigheten för samhällsskydd och beredskap (MSB)", "Name Of A Thing".
bool function_word(std::string_view lower) {
  static const std::unordered_set<std::string_view> kWords = {
      "och", "i", "för", "om", "av", "till", "med", "på", "vid", "inom", "under", "mot", "från", "samt", "eller",
      "den", "det", "de", "en", "ett", "of", "and", "for", "the", "a", "an", "in", "on", "to", "as", "vissa"};
  return kWords.count(lower) > 0;
}

// "förkortad PUL", "(hädanefter FI)", "(nedan kallad TF)", "(nedan
// ”avtalet”)": the words that say the next word names what came before.
// Returns how many tokens the marker takes at i (0: none).
std::size_t marker_at(std::string_view text, const std::vector<Tok>& toks, std::size_t i) {
  // Every marker starts with f, h, i or n: the other words are not
  // lower-cased (that was most of the finder's time).
  if (i >= toks.size() || !toks[i].word) return 0;
  const char first = static_cast<char>(text[toks[i].b] | 0x20);
  if (first != 'f' && first != 'h' && first != 'i' && first != 'n') return 0;
  auto lw = [&](std::size_t k) {
    return k < toks.size() && toks[k].word ? util::lower_sv(text.substr(toks[k].b, toks[k].e - toks[k].b))
                                           : std::string();
  };
  const std::string w = lw(i);
  if (w == "förkortad" || w == "förkortat" || w == "förkortade" || w == "förkortas" || w == "hädanefter" ||
      w == "fortsättningsvis") {
    const std::string n = lw(i + 1);
    return n == "kallad" || n == "kallat" || n == "benämnd" ? 2 : 1;
  }
  if (w == "förk" && i + 1 < toks.size() && text[toks[i + 1].b] == '.') return 2;
  if (w == "nedan" || w == "härefter") {
    const std::string n = lw(i + 1);
    return n == "kallad" || n == "kallat" || n == "kallade" || n == "benämnd" || n == "benämnt" ? 2 : 1;
  }
  if (w == "i" && lw(i + 1) == "fortsättningen") return 2;
  return 0;
}

bool is_char(std::string_view text, const Tok& t, char c) { return !t.word && t.e - t.b == 1 && text[t.b] == c; }

// Quotation marks around a defined acronym: "(nedan kallad ”TF”)".
bool quote_at(std::string_view text, const Tok& t) {
  if (t.word) return false;
  const std::string_view s = text.substr(t.b, t.e - t.b);
  return s == "\"" || s == "'" || s == "\u201d" || s == "\u201c" || s == "\u00bb" || s == "\u00ab";
}

class DefinitionFinder {
 public:
  explicit DefinitionFinder(std::string_view text) : text_(text), toks_(tokenize(text)) {}

  std::vector<AcronymDefinition> run() {
    for (std::size_t k = 0; k < toks_.size(); ++k) {
      if (is_char(text_, toks_[k], '(')) {
        // "(NOAT)", "(hädanefter FI)", "(nedan kallad ”TF”)".
        std::size_t a = k + 1;
        const std::size_t m = marker_at(text_, toks_, a);
        a += m;
        if (a < toks_.size() && quote_at(text_, toks_[a])) ++a;
        if (a >= toks_.size() || !toks_[a].word || !acronym_shaped(word(a))) continue;
        std::size_t close = a + 1;
        if (close < toks_.size() && quote_at(text_, toks_[close])) ++close;
        if (close >= toks_.size() || !is_char(text_, toks_[close], ')')) continue;
        define(k, a, m > 0);
      } else if (std::size_t m = marker_at(text_, toks_, k); m > 0 && k > 0) {
        // "personuppgiftslagen (1998:204), förkortad PUL".
        std::size_t a = k + m;
        if (a < toks_.size() && quote_at(text_, toks_[a])) ++a;
        if (a >= toks_.size() || !toks_[a].word || !acronym_shaped(word(a))) continue;
        if (k > 0 && is_char(text_, toks_[k - 1], '(')) continue;  // the parenthesis above
        define(k, a, true);
      }
    }
    return std::move(out_);
  }

 private:
  std::string_view word(std::size_t i) const { return text_.substr(toks_[i].b, toks_[i].e - toks_[i].b); }

  // Back from token `i` (exclusive) over a ',' and an SFS number
  // "(1998:204)": the last token of the long form, or npos.
  std::size_t skip_back(std::size_t i) const {
    while (i > 0) {
      if (is_char(text_, toks_[i - 1], ',')) {
        --i;
        continue;
      }
      if (is_char(text_, toks_[i - 1], ')')) {
        // "(1998:204)", "(2007:1091)": digits and a colon only.
        std::size_t j = i - 1;
        while (j > 0 && !is_char(text_, toks_[j - 1], '(') && i - j < 5) --j;
        if (j == 0 || !is_char(text_, toks_[j - 1], '(')) return std::string::npos;
        for (std::size_t x = j; x < i - 1; ++x) {
          const std::string_view w = word(x);
          if (!(w == ":" || (toks_[x].word && std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; }))))
            return std::string::npos;
        }
        i = j - 1;
        continue;
      }
      break;
    }
    return i == 0 ? std::string::npos : i - 1;
  }

  // The definition whose acronym is token `acr`, its long form ending
  // before token `at` (a "(" or a marker); `marked`: a word says so.
  void define(std::size_t at, std::size_t acr, bool marked) {
    const std::size_t last = skip_back(at);
    if (last == std::string::npos || !toks_[last].word) return;
    const std::vector<UChar32> letters = lower_code_points(word(acr), true);
    // The words whose initials spell the acronym, last letter first; an
    // SFS number inside ("lagen (2007:1091) om offentlig upphandling")
    // is skipped too.
    std::ptrdiff_t j = static_cast<std::ptrdiff_t>(letters.size()) - 1;
    std::size_t first = last + 1;
    for (std::size_t i = last + 1; i-- > 0 && j >= 0 && last + 1 - i <= 16;) {
      if (!toks_[i].word) {
        if (is_char(text_, toks_[i], '-') && !toks_[i].space_before) continue;  // "offentlighets- och"
        if (is_char(text_, toks_[i], ')')) {
          const std::size_t before = skip_back(i + 1);
          if (before == std::string::npos) break;
          i = before + 1;
          continue;
        }
        break;
      }
      const std::vector<UChar32> lw = lower_code_points(word(i), true);
      // A lower-case function word gives no letter: "offentlighets- och
      // sekretesslagen (OSL)"; a capitalised one may: "Name Of A Thing".
      const bool skip = function_word(word(i));
      if (const std::ptrdiff_t m = skip ? -1 : supplied_before(lw, letters, static_cast<std::size_t>(j) + 1); m >= 0) {
        j = m - 1;
        first = i;
        continue;
      }
      if (!function_word(util::lower_sv(word(i)))) break;
    }
    AcronymDefinition d;
    if (j < 0 && first <= last) {
      d.rule = "initials";
    } else if (marked && lower_code_points(word(last), true).size() >= 4) {
      // "Finansinspektionen (hädanefter FI)": the word before.
      first = last;
      d.rule = "marker";
    } else {
      return;
    }
    d.begin = toks_[first].b;
    d.end = toks_[last].e;
    d.acronym = std::string(word(acr));
    d.long_form = std::string(text_.substr(d.begin, d.end - d.begin));
    std::replace(d.long_form.begin(), d.long_form.end(), '\n', ' ');
    out_.push_back(std::move(d));
  }

  std::string_view text_;
  std::vector<Tok> toks_;
  std::vector<AcronymDefinition> out_;
};

// ------------------------------------------------------------ shared list

// One name of the list as words to match: each word's lower-case form
// and the Swedish stem it must start with ("personuppgiftslag" of
// "personuppgiftslagen"), so that inflected forms match.
struct Pattern {
  std::vector<std::string> words;  // lower case
  std::vector<std::string> stems;
  std::size_t acronym = 0;         // index into List::acronyms
};

struct List {
  std::vector<std::string> acronyms;                // as written: "PUL", "SoL"
  std::unordered_map<std::string, std::size_t> by_form;  // as written
  std::unordered_map<std::string, std::size_t> by_lower;
  std::vector<Pattern> patterns;
  // First three bytes of a pattern's first stem -> patterns.
  std::unordered_map<std::string, std::vector<std::size_t>> by_start;
};

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t at = 0;
  while (true) {
    const std::size_t e = s.find(sep, at);
    out.push_back(s.substr(at, e == std::string_view::npos ? std::string_view::npos : e - at));
    if (e == std::string_view::npos) break;
    at = e + 1;
  }
  return out;
}

std::vector<std::string> lower_words(std::string_view s) {
  std::vector<std::string> out;
  for (const Tok& t : tokenize(s))
    if (t.word) out.push_back(util::lower_sv(s.substr(t.b, t.e - t.b)));
  return out;
}

const List& list() {
  static const List& l = *[] {
    auto* out = new List;
    const Xapian::Stem stem("swedish");
    const std::string_view tsv = kAcronymsTsv;
    int line_no = 0;
    for (std::size_t at = 0; at < tsv.size();) {
      std::size_t end = tsv.find('\n', at);
      if (end == std::string_view::npos) end = tsv.size();
      const std::string_view line = tsv.substr(at, end - at);
      at = end + 1;
      ++line_no;
      if (line.empty() || line[0] == '#') continue;
      const auto f = split(line, '\t');
      const bool type_ok = f.size() == 4 && (f[1] == "grundlag" || f[1] == "lag" || f[1] == "förordning");
      if (!type_ok || !acronym_shaped(f[0]) || !out->by_form.emplace(std::string(f[0]), out->acronyms.size()).second)
        throw std::logic_error("data/acronyms/acronyms.tsv line " + std::to_string(line_no) + ": bad entry");
      out->by_lower.emplace(util::lower_sv(f[0]), out->acronyms.size());
      std::vector<std::string_view> names{f[2]};
      if (f[3] != "-")
        for (std::string_view form : split(f[3], '|')) names.push_back(form);
      for (std::string_view name : names) {
        Pattern p;
        p.acronym = out->acronyms.size();
        p.words = lower_words(name);
        for (const std::string& w : p.words) p.stems.push_back(function_word(w) ? w : stem(w));
        if (p.words.empty() || p.stems[0].size() < 3)
          throw std::logic_error("data/acronyms/acronyms.tsv line " + std::to_string(line_no) + ": bad name");
        out->by_start[p.stems[0].substr(0, 3)].push_back(out->patterns.size());
        out->patterns.push_back(std::move(p));
      }
      out->acronyms.emplace_back(f[0]);
    }
    return out;
  }();
  return l;
}

// Whether a lower-case word of a text is a form of pattern word k:
// the word itself, or its stem followed by a Swedish ending
// ("personuppgiftslagens", "förvaltningslag"); not a longer compound
// ("personuppgiftslagstiftningen").
bool word_matches(const Pattern& p, std::size_t k, std::string_view w) {
  if (w == p.words[k]) return true;
  if (function_word(p.words[k])) return false;
  const std::string& s = p.stems[k];
  if (w.size() < s.size() || w.compare(0, s.size(), s) != 0) return false;
  static const std::unordered_set<std::string_view> kEndings = {
      "", "e", "en", "et", "n", "t", "s", "es", "ens", "ets", "ns", "ts", "na", "nas", "ar", "er", "or", "arna",
      "erna", "orna", "arnas", "ernas", "ornas", "ars", "ers"};
  return kEndings.count(w.substr(s.size())) > 0;
}

// The list's names and acronyms in `text`; `acronyms`: also the acronyms
// as written (the index side; a query's typed acronyms are the front
// end's).
std::vector<AcronymMention> listed(std::string_view text, bool acronyms) {
  const List& l = list();
  std::vector<AcronymMention> out;
  const std::vector<Tok> toks = tokenize(text);
  // Lower case of each word, made on demand.
  std::vector<std::string> lower(toks.size());
  std::vector<char> lowered(toks.size(), 0);
  auto lw = [&](std::size_t i) -> const std::string& {
    if (!lowered[i]) {
      lower[i] = util::lower_sv(text.substr(toks[i].b, toks[i].e - toks[i].b));
      lowered[i] = 1;
    }
    return lower[i];
  };
  for (std::size_t i = 0; i < toks.size(); ++i) {
    if (!toks[i].word) continue;
    const std::string_view w = text.substr(toks[i].b, toks[i].e - toks[i].b);
    if (acronyms) {
      auto a = l.by_form.find(std::string(w));
      if (a != l.by_form.end()) {
        out.push_back({toks[i].b, toks[i].e, l.acronyms[a->second], "list", {}});
        continue;
      }
    }
    if (w.size() < 3) continue;
    // The bucket of the first three bytes, lower-cased without ICU when
    // they are ASCII letters (most words); only a hit lowers the word.
    std::string key(w.substr(0, 3));
    if (std::all_of(key.begin(), key.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
      for (char& c : key)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    } else {
      key = lw(i).substr(0, 3);
    }
    auto starts = l.by_start.find(key);
    if (starts == l.by_start.end()) continue;
    // The longest name starting here.
    std::size_t best_end = 0, best = 0;
    for (std::size_t pi : starts->second) {
      const Pattern& p = l.patterns[pi];
      std::size_t k = 0, t = i;
      while (k < p.words.size() && t < toks.size()) {
        if (!toks[t].word) {
          // "offentlighets- och sekretesslagen": the hyphen of a shared
          // compound part.
          if (is_char(text, toks[t], '-')) {
            ++t;
            continue;
          }
          // "lagen (2016:1145) om offentlig upphandling": the SFS number.
          if (k > 0 && is_char(text, toks[t], '(') && t + 4 < toks.size() && toks[t + 1].word &&
              is_char(text, toks[t + 2], ':') && toks[t + 3].word && is_char(text, toks[t + 4], ')') &&
              std::isdigit(static_cast<unsigned char>(text[toks[t + 1].b])) &&
              std::isdigit(static_cast<unsigned char>(text[toks[t + 3].b]))) {
            t += 5;
            continue;
          }
          break;
        }
        if (!word_matches(p, k, lw(t))) break;
        ++k;
        ++t;
      }
      if (k == p.words.size() && toks[t - 1].e > best_end) best_end = toks[t - 1].e, best = p.acronym;
    }
    if (best_end == 0) continue;
    out.push_back({toks[i].b, best_end, l.acronyms[best], "list", {}});
    while (i + 1 < toks.size() && toks[i + 1].b < best_end) ++i;
  }
  return out;
}

}  // namespace

std::vector<AcronymDefinition> find_acronym_definitions(std::string_view text) { return DefinitionFinder(text).run(); }

bool names_a_thing(std::string_view long_form) {
  // Without an SFS number inside: "lagen (2007:1091) om ...".
  std::vector<std::string> words = lower_words(long_form);
  words.erase(std::remove_if(words.begin(), words.end(), [](const std::string& w) { return w[0] >= '0' && w[0] <= '9'; }),
              words.end());
  if (words.empty()) return false;
  // The head word is the last before a preposition ("lagen om offentlig
  // upphandling", "Samarbetsorganet för rättsväsendets informations-
  // system", a committee; "International Organisation for
  // Standardization"), else the last ("Standard Generalized Markup
  // Language"); in it, Swedish puts the head last ("personuppgiftslagen",
  // "dataskyddsförordningen").
  static const std::vector<std::string_view> kSwedishHeads = {
      "lag", "lagen", "lagar", "lagarna", "balk", "balken", "förordning", "förordningen", "kungörelse",
      "kungörelsen", "föreskrift", "föreskrifter", "föreskrifterna", "direktiv", "direktivet", "konvention",
      "konventionen", "stadga", "stadgan", "reglemente", "reglementet", "system", "systemet", "standard",
      "standarden", "modell", "modellen", "metod", "metoden", "program", "programmet", "register", "registret",
      "index", "indexet", "strategi", "strategin", "handbok", "handboken", "formen", "ordning", "ordningen",
      "grundlag", "grundlagen", "avtal", "avtalet", "plan", "planen"};
  static const std::unordered_set<std::string_view> kEnglishHeads = {
      "language", "protocol", "format", "standard", "system", "act", "regulation", "directive", "convention",
      "framework", "interface", "method", "methodology", "model", "index", "code", "notation", "specification",
      "algorithm", "technology", "procedure", "programme", "program", "agreement", "strategy", "plan"};
  auto head = [&](const std::string& w) {
    // "bolag" ends in "lag" but names a company.
    if (w.size() >= 5 && w.compare(w.size() - 5, 5, "bolag") == 0) return false;
    if (w.size() >= 7 && w.compare(w.size() - 7, 7, "bolagen") == 0) return false;
    for (std::string_view h : kSwedishHeads)
      if (w.size() >= h.size() && w.compare(w.size() - h.size(), h.size(), h) == 0) return true;
    return false;
  };
  static const std::unordered_set<std::string_view> kPrepositions = {"om", "för", "i", "av", "till", "med", "över",
                                                                     "of", "for", "on", "in"};
  std::size_t h = words.size() - 1;
  for (std::size_t i = 1; i < words.size(); ++i)
    if (kPrepositions.count(words[i])) {
      h = i - 1;
      break;
    }
  return kEnglishHeads.count(words[h]) > 0 || head(words[h]);
}

std::vector<AcronymMention> find_acronyms(std::string_view text) {
  std::vector<AcronymMention> out = listed(text, true);
  for (const AcronymDefinition& d : find_acronym_definitions(text))
    out.push_back({d.begin, d.end, d.acronym, "definition", util::lower_sv(d.long_form)});
  std::sort(out.begin(), out.end(), [](const AcronymMention& a, const AcronymMention& b) {
    if (a.begin != b.begin) return a.begin < b.begin;
    return a.acronym != b.acronym ? a.acronym < b.acronym : a.rule < b.rule;
  });
  // A definition of a listed acronym is found twice at the same place:
  // kept as the definition.
  out.erase(std::unique(out.begin(), out.end(),
                        [](const AcronymMention& a, const AcronymMention& b) {
                          return a.begin == b.begin && acronym_key(a.acronym) == acronym_key(b.acronym);
                        }),
            out.end());
  return out;
}

std::string acronym_key(std::string_view acronym) { return util::lower_sv(acronym); }

std::string listed_acronym(std::string_view typed, bool lower_case_ok) {
  const List& l = list();
  auto a = l.by_form.find(std::string(typed));
  if (a != l.by_form.end()) return l.acronyms[a->second];
  if (!lower_case_ok || util::lower_sv(typed) != typed) return "";
  a = l.by_lower.find(std::string(typed));
  return a == l.by_lower.end() ? "" : l.acronyms[a->second];
}

std::vector<AcronymMention> find_listed_long_forms(std::string_view query) { return listed(query, false); }

const std::string& acronyms_version() {
  static const std::string v = [] {
    // FNV-1a, as actors::gazetteer_version().
    std::uint64_t h = 1469598103934665603ull;
    for (const char* p = kAcronymsTsv; *p; ++p) h = (h ^ static_cast<unsigned char>(*p)) * 1099511628211ull;
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return std::string(buf);
  }();
  return v;
}

}  // namespace arkiv::analyze
