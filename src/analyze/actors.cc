// Actor recognition: gazetteer names, definitions ("Long Name (ACR)",
// "ACR-Long Name") with their later bare acronyms, and name patterns, on
// one token stream per text. The same keys are used for the gazetteer, for
// the text and for queries, so index and query side cannot drift apart.
#include "arkiv/actors.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include "analyze/acronyms.h"
#include "analyze/actors_query.h"
#include "analyze/initials.h"
#include "analyze/lexicon.h"
#include "analyze/lexicon_format.h"
#include "util/text.h"

namespace arkiv {

// data/actors/gazetteer.tsv, compiled in by CMake (gazetteer_data.cc).
extern const char* const kGazetteerTsv;

std::optional<ActorType> actor_type_from_key(std::string_view key) {
  for (std::size_t i = 0; i < std::size(kActorTypes); ++i)
    if (key == kActorTypes[i]) return static_cast<ActorType>(i);
  return std::nullopt;
}

namespace actors {
using analyze::cp_at;
using analyze::lower_code_points;
using analyze::supplied_before;
using analyze::supplies;
namespace {

// ---------------------------------------------------------------- tokens

// A word (letters, digits and combining marks) or one punctuation
// character. Whitespace separates tokens and is remembered as `space`.
struct Token {
  std::size_t b = 0, e = 0;
  bool word = false;
  bool space_before = false;  // whitespace between this token and the previous one
  bool newline_before = false;
};


// ICU's character classes, answered without a call for ASCII.
bool is_upper(UChar32 c) { return c < 0x80 ? (c >= 'A' && c <= 'Z') : u_isupper(c); }
bool is_lower(UChar32 c) { return c < 0x80 ? (c >= 'a' && c <= 'z') : u_islower(c); }
bool is_alpha(UChar32 c) { return c < 0x80 ? ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') : u_isalpha(c); }

// The same answers as ICU's u_isUWhiteSpace for ASCII.
bool ascii_space(UChar32 c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
bool ascii_alnum(UChar32 c) { return c >= 0 && util::ascii_alnum(static_cast<char32_t>(c)); }

std::vector<Token> tokenize(std::string_view s) {
  std::vector<Token> out;
  bool space = false, nl = false;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t next;
    UChar32 c = cp_at(s, i, &next);
    if (c < 0 || (c < 0x80 ? ascii_space(c) : u_isUWhiteSpace(c))) {
      space = true;
      nl = nl || c == '\n' || c == '\f';
      i = next;
      continue;
    }
    Token t;
    t.b = i;
    t.space_before = space;
    t.newline_before = nl;
    space = nl = false;
    if (c < 0x80 ? ascii_alnum(c) : (u_isalnum(c) || u_getCombiningClass(c) > 0)) {
      t.word = true;
      std::size_t j = next;
      while (j < s.size()) {
        std::size_t n2;
        UChar32 d = cp_at(s, j, &n2);
        if (d < 0x80 ? !ascii_alnum(d)
                     : (d < 0 || !(u_isalnum(d) || u_getIntPropertyValue(d, UCHAR_GENERAL_CATEGORY) == U_NON_SPACING_MARK)))
          break;
        j = n2;
      }
      t.e = j;
    } else {
      t.e = next;
    }
    out.push_back(t);
    i = t.e;
  }
  return out;
}

bool is_upper_at(std::string_view w, std::size_t i = 0) { return is_upper(cp_at(w, i)); }

// "SKR", "ICLD", "FPX", "EU": two or more letters, all upper case.
bool all_caps(std::string_view w) {
  int letters = 0;
  for (std::size_t i = 0; i < w.size();) {
    std::size_t next;
    UChar32 c = cp_at(w, i, &next);
    if (is_alpha(c)) {
      if (!is_upper(c)) return false;
      ++letters;
    }
    i = next;
  }
  return letters >= 2;
}

// "Johan", "Lilja": an upper-case letter, then lower-case letters only.
bool title_case(std::string_view w) {
  std::size_t next;
  if (!is_upper(cp_at(w, 0, &next))) return false;
  if (next >= w.size()) return false;
  for (std::size_t i = next; i < w.size();) {
    if (!is_lower(cp_at(w, i, &next))) return false;
    i = next;
  }
  return true;
}

// A word in lower case, code point by code point. The token loops call this
// for every word of a record; util::lower_sv (a full ICU string conversion)
// cost a fifth of the actor pass. Words need no context-dependent rules.
std::string lowered(std::string_view w) {
  if (util::is_ascii(w)) return util::ascii_lower(w);
  std::string out;
  out.reserve(w.size());
  for (std::size_t i = 0; i < w.size();) {
    std::size_t next;
    UChar32 c = cp_at(w, i, &next);
    i = next;
    if (c < 0) continue;
    if (c < 0x80) {
      out += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
      continue;
    }
    char buf[4];
    int32_t n = 0;
    U8_APPEND_UNSAFE(buf, n, u_tolower(c));
    out.append(buf, static_cast<std::size_t>(n));
  }
  return out;
}

// The word with its first letter in lower (or upper) case.
std::string first_case(std::string_view w, bool upper) {
  std::size_t next;
  UChar32 c = cp_at(w, 0, &next);
  UChar32 to = upper ? u_toupper(c) : u_tolower(c);
  if (to == c) return std::string(w);
  char buf[4];
  int32_t n = 0;
  U8_APPEND_UNSAFE(buf, n, to);
  return std::string(buf, static_cast<std::size_t>(n)) + std::string(w.substr(next));
}
std::string lower_first(std::string_view w) { return first_case(w, false); }
std::string upper_first(std::string_view w) { return first_case(w, true); }

// The matching key of a name: its tokens joined by single spaces, so
// "Post- och telestyrelsen" matches across a line break. Matching is
// case-sensitive ("Sida" the agency is not "sida", a page; "EU" is not
// "eu"), except that a capitalised first word may stand for a lower-case
// one at the start of a sentence: `fold_first` lowers its first letter, so
// "Regeringen beslutade" matches the name "regeringen".
std::string key_of(std::string_view text, const std::vector<Token>& toks, std::size_t from, std::size_t to,
                   std::size_t trim_last = 0, bool fold_first = false) {
  std::string k;
  for (std::size_t i = from; i < to; ++i) {
    std::string_view w = text.substr(toks[i].b, toks[i].e - toks[i].b - (i + 1 == to ? trim_last : 0));
    if (i > from) k += ' ';
    if (i == from && fold_first) {
      k += lower_first(w);
    } else {
      k += w;
    }
  }
  return k;
}

std::string key_of(std::string_view name) {
  auto toks = tokenize(name);
  return key_of(name, toks, 0, toks.size());
}

// The text of a span on one line.
std::string one_line(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

// Swedish genitive: "ICLDs", "Gävles", "Högskolan i Gävles". The ending is
// left out of the span; ":s" ("SKR:s") is a token of its own anyway.
bool genitive(std::string_view w) { return w.size() > 2 && w.back() == 's'; }

// ---------------------------------------------------------- gazetteer

// The fields of a gazetteer line, as std::getline would give them: no
// field after a final separator.
std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  for (std::size_t at = 0; at < s.size();) {
    std::size_t end = s.find(sep, at);
    if (end == std::string_view::npos) end = s.size();
    out.emplace_back(s.substr(at, end - at));
    at = end + 1;
  }
  return out;
}


// Whether a name form on a gazetteer line (the name, an alias or a former
// name) may start with the word `w`. Exact for ASCII, conservative past
// it: only an ASCII letter or digit right after `w` ends the check, as it
// would continue the word ("kommun" is not the start of "kommunstyrelsen").
bool form_may_start_with(std::string_view line, std::string_view w) {
  if (w.empty()) return false;
  for (std::size_t p = line.find(w); p != std::string_view::npos; p = line.find(w, p + 1)) {
    std::size_t q = p;
    while (q > 0 && line[q - 1] == ' ') --q;
    // A form starts a field after the id and the type, or follows a "|".
    if (q == 0 || (line[q - 1] != '\t' && line[q - 1] != '|') ||
        std::count(line.begin(), line.begin() + static_cast<std::ptrdiff_t>(q), '\t') < 2)
      continue;
    const std::size_t end = p + w.size();
    if (end == line.size() || !ascii_alnum(static_cast<unsigned char>(line[end])) ||
        !ascii_alnum(static_cast<unsigned char>(w.back())))
      return true;
  }
  return false;
}

// Lets a map keyed by std::string be searched with a string_view (a word
// of the text) without copying it first.
struct ViewHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

struct Gazetteer {
  std::vector<Actor> actors;
  std::unordered_map<std::string, int> by_key;    // name/alias/former key -> actor; -1 if ambiguous
  std::unordered_map<std::string, int> by_lower;  // the same, lower-cased, for what users type
  std::unordered_map<std::string, int> by_id;
  // first-token key -> most tokens of a name
  std::unordered_map<std::string, std::size_t, ViewHash, std::equal_to<>> first_words;
  std::size_t max_tokens = 1;

  void add_key(std::string_view name, int idx) {
    auto toks = tokenize(name);
    if (toks.empty()) return;
    std::string k = key_of(name, toks, 0, toks.size());
    // A form two actors share names neither.
    for (auto* map : {&by_key, &by_lower}) {
      auto [it, fresh] = map->emplace(map == &by_key ? k : lowered(k), idx);
      if (!fresh && it->second != idx) it->second = -1;
    }
    std::string first = key_of(name, toks, 0, 1);
    auto& n = first_words[first];
    n = std::max(n, toks.size());
    max_tokens = std::max(max_tokens, toks.size());
  }

  // Read with string_views rather than streams: a search is a process of
  // about 15 ms, and the stream version took 4 of them. With `only`, just
  // the lines with a form that may start with one of those words (see
  // find_in_query).
  explicit Gazetteer(std::string_view tsv, const std::vector<std::string>* only = nullptr) {
    if (!only) {
      // About three keys a line; growing the maps rehashed them ten times.
      const std::size_t lines = static_cast<std::size_t>(std::count(tsv.begin(), tsv.end(), '\n')) + 1;
      actors.reserve(lines);
      by_id.reserve(lines);
      for (auto* map : {&by_key, &by_lower}) map->reserve(3 * lines);
      first_words.reserve(3 * lines);
    }
    int line_no = 0;
    for (std::size_t at = 0; at < tsv.size();) {
      std::size_t end = tsv.find('\n', at);
      if (end == std::string_view::npos) end = tsv.size();
      const std::string_view line = tsv.substr(at, end - at);
      at = end + 1;
      ++line_no;
      if (line.empty() || line[0] == '#') continue;
      if (only && std::none_of(only->begin(), only->end(),
                               [&](const std::string& w) { return form_may_start_with(line, w); }))
        continue;
      auto f = split(line, '\t');
      const std::optional<ActorType> type = f.size() == 5 ? actor_type_from_key(f[1]) : std::nullopt;
      if (!type || f[0] != slug(f[2]))
        throw std::logic_error("data/actors/gazetteer.tsv line " + std::to_string(line_no) + ": bad entry");
      Actor a;
      a.id = f[0];
      a.type = *type;
      a.name = f[2];
      for (auto [field, forms] : {std::pair{f[3], &a.aliases}, std::pair{f[4], &a.former}})
        if (field != "-")
          for (std::string_view form : split(field, '|')) forms->emplace_back(form);
      a.in_gazetteer = true;
      int idx = static_cast<int>(actors.size());
      if (!by_id.emplace(a.id, idx).second)
        throw std::logic_error("data/actors/gazetteer.tsv line " + std::to_string(line_no) + ": duplicate id");
      add_key(a.name, idx);
      for (const auto& s : a.aliases) add_key(s, idx);
      for (const auto& s : a.former) add_key(s, idx);
      actors.push_back(std::move(a));
    }
  }

  const Actor* lookup(const std::string& key) const { return get(by_key, key); }
  const Actor* lookup_any_case(const std::string& key) const { return get(by_lower, lowered(key)); }

  // The longest name in `text` starting at token i, as (actor, tokens,
  // genitive bytes left out); nullptr if none.
  const Actor* longest(std::string_view text, const std::vector<Token>& toks, std::size_t i, std::size_t limit,
                       std::size_t* n_out, std::size_t* trim_out) const {
    std::string_view w = text.substr(toks[i].b, toks[i].e - toks[i].b);
    const bool can_fold = is_upper_at(w) && !all_caps(w);
    std::size_t most = 0;
    for (bool fold : {false, true}) {
      if (fold && !can_fold) break;
      for (std::size_t trim : {std::size_t{0}, std::size_t{1}}) {
        if (trim && !genitive(w)) break;
        // A one-token key is the word itself, unless folded.
        auto fw = fold ? first_words.find(key_of(text, toks, i, i + 1, trim, fold))
                       : first_words.find(w.substr(0, w.size() - trim));
        if (fw != first_words.end()) most = std::max(most, fw->second);
      }
    }
    for (std::size_t n = std::min(most, limit); n >= 1; --n) {
      std::string_view last = text.substr(toks[i + n - 1].b, toks[i + n - 1].e - toks[i + n - 1].b);
      for (bool fold : {false, true}) {
        if (fold && !can_fold) break;
        for (std::size_t trim : {std::size_t{0}, std::size_t{1}}) {
          if (trim && !(toks[i + n - 1].word && genitive(last))) break;
          if (const Actor* a = lookup(key_of(text, toks, i, i + n, trim, fold))) {
            *n_out = n;
            *trim_out = trim;
            return a;
          }
        }
      }
    }
    return nullptr;
  }

 private:
  const Actor* get(const std::unordered_map<std::string, int>& map, const std::string& key) const {
    auto it = map.find(key);
    return it == map.end() || it->second < 0 ? nullptr : &actors[static_cast<std::size_t>(it->second)];
  }
};

// The whole gazetteer once gaz() has built it in this process, else null
// (find_in_query()).
std::atomic<const Gazetteer*> built_gazetteer{nullptr};

const Gazetteer& gaz() {
  // Built once and never destroyed: tearing down its maps at exit cost a
  // short process as much as a query.
  static const Gazetteer& g = []() -> const Gazetteer& {
    const Gazetteer* whole = new Gazetteer(kGazetteerTsv);
    built_gazetteer.store(whole, std::memory_order_release);
    return *whole;
  }();
  return g;
}

// ------------------------------------------------------------ patterns

// Words that do not count when an acronym's letters are matched to a
// long name: "Myndigheten för samhällsskydd och beredskap (MSB)".
bool function_word(std::string_view w) {
  static const std::unordered_set<std::string_view> kWords = {
      "och", "för", "i", "av", "om", "på", "med", "till", "vid", "de", "den", "det",
      "for", "of", "and", "the", "in", "on", "at", "&"};
  return kWords.count(w) > 0;
}

// Capitalised words that start a sentence but are not names: "Varje kommun",
// "Denna nämnd".
bool determiner(std::string_view w) {
  static const std::unordered_set<std::string_view> kWords = {
      "Varje", "Denna", "Detta", "Dessa", "Den", "Det", "De", "Vår", "Våra", "Er", "Hela", "Samma", "En", "Ett",
      "Ingen", "Annan", "Andra", "Alla", "Båda", "Vilken", "Vilka", "Egen", "Egna", "Sin", "Sina", "Min", "Din",
      "Närmaste", "Berörd", "Berörda", "Respektive", "Aktuell", "Aktuella", "Ny", "Nya", "Stor", "Större", "Liten",
      "Mindre", "Svensk", "Svenska", "Varje", "Som", "Om", "När", "I", "På", "Med", "För", "Av", "Till", "Från"};
  return kWords.count(w) > 0;
}


// A set of word endings, matched from a word's last byte backwards. The
// pattern pass asks of every word whether it ends in a role or in a body's
// name ("kommunikationschef", "byggnadsnämnden"); comparing each word with
// every ending in turn was a sixth of the actor pass.
class Endings {
 public:
  explicit Endings(const std::vector<std::string_view>& ends) : nodes_(1) {
    for (std::size_t e = 0; e < ends.size(); ++e) {
      std::size_t node = 0;
      for (std::size_t k = ends[e].size(); k-- > 0;) {
        std::size_t to = next(node, ends[e][k]);
        if (to == 0) {
          nodes_.emplace_back();
          to = nodes_.size() - 1;
          nodes_[node].next.emplace_back(ends[e][k], to);
        }
        node = to;
      }
      if (nodes_[node].end < 0) nodes_[node].end = static_cast<int>(e);
    }
  }
  // The index of the shortest ending `w` ends with, or -1.
  int find(std::string_view w) const {
    std::size_t node = 0;
    for (std::size_t k = w.size(); k-- > 0;) {
      node = next(node, w[k]);
      if (node == 0) return -1;
      if (nodes_[node].end >= 0) return nodes_[node].end;
    }
    return -1;
  }

 private:
  struct Node {
    std::vector<std::pair<char, std::size_t>> next;
    int end = -1;
  };
  // The child of `node` for byte c, 0 (the root) if there is none.
  std::size_t next(std::size_t node, char c) const {
    for (const auto& [b, to] : nodes_[node].next)
      if (b == c) return to;
    return 0;
  }
  std::vector<Node> nodes_;
};

// Role words that make "Johan Lilja, Generalsekreterare för ICLD" and
// "ordförande Anna Svensson" mentions of a person: the role is the word
// itself or the end of a compound ("kommunikationschef").
bool role_word_lower(std::string_view l) {
  static const Endings kEnds({
      "sekreterare", "ordförande", "direktör", "chef", "minister", "statsråd", "kommunalråd", "regionråd",
      "oppositionsråd", "ledamot", "ersättare", "rektor", "handläggare", "samordnare", "strateg", "ambassadör",
      "konsul", "utredare", "jurist", "controller", "projektledare", "koordinator", "registrator", "justerare",
      "borgmästare", "landshövding", "sakkunnig", "ombudsman", "revisor", "föredragande", "generaldirektör",
      "överdirektör", "talesperson", "vd", "ekonom", "kanslichef"});
  auto ends = [&](std::string_view s) { return kEnds.find(s) >= 0; };
  // Definite forms too: "avdelningschefen Anette Schierbeck",
  // "ordföranden", "generaldirektören".
  return ends(l) || (l.size() > 3 && l.substr(l.size() - 2) == "en" && ends(l.substr(0, l.size() - 2))) ||
         (l.size() > 2 && l.back() == 'n' && ends(l.substr(0, l.size() - 1)));
}
bool role_word(std::string_view w) { return role_word_lower(lowered(w)); }

// Name endings of bodies ("Vallbacksskolan", "Kinacentrum",
// "Byggnadsnämnden", "Internationella kontoret") and the type they imply.
struct Suffix {
  std::string_view end;
  ActorType type;
};
constexpr ActorType kOrg = ActorType::kOrganisation, kAuthority = ActorType::kMyndighet;
constexpr Suffix kSuffixes[] = {
    {"institutet", kOrg},    {"centrum", kOrg},        {"skolan", kOrg},       {"nämnden", kAuthority},
    {"styrelsen", kAuthority}, {"kontoret", kOrg},     {"förvaltningen", kOrg}, {"fullmäktige", kAuthority},
    {"verket", kAuthority},  {"myndigheten", kAuthority}, {"inspektionen", kAuthority}, {"förbundet", kOrg},
    {"utskott", kAuthority},
};

// The ending of a body's name: a compound such as "byggnadsnämnden" (at
// least three letters before the ending) or, with `whole`, the bare noun
// ("kontoret" in "Internationella kontoret").
// No ending above ends another, so a word has at most one.
const Suffix* suffix_of(std::string_view lower_word, bool whole = false) {
  static const Endings kEnds = [] {
    std::vector<std::string_view> ends;
    for (const Suffix& s : kSuffixes) ends.push_back(s.end);
    return Endings(ends);
  }();
  const int i = kEnds.find(lower_word);
  if (i < 0) return nullptr;
  const Suffix& s = kSuffixes[i];
  return lower_word.size() >= s.end.size() + (whole ? 0 : 3) ? &s : nullptr;
}

// Capitalised words ending like a body that are ordinary nouns at the
// start of a sentence.
bool generic_body(std::string_view lower_word) {
  static const std::unordered_set<std::string_view> kWords = {
      "förskolan", "grundskolan", "gymnasieskolan", "högskolan", "särskolan", "folkhögskolan", "skolan",
      "universitetet", "centrum", "arbetsutskott"};
  return kWords.count(lower_word) > 0;
}

// Municipal bodies that are named in lower case in running text
// ("kommunstyrelsen beslutade").
bool lower_case_body(std::string_view w) {
  static const std::unordered_set<std::string_view> kWords = {
      "kommunstyrelsen", "kommunfullmäktige", "regionstyrelsen", "regionfullmäktige",
      "landstingsfullmäktige", "landstingsstyrelsen", "kommunstyrelsens", "regionstyrelsens"};
  return kWords.count(w) > 0;
}

// The type a discovered name implies.
ActorType type_of_name(std::string_view name) {
  std::string l = util::lower_sv(name);
  auto ends = [&](std::string_view e) { return l.size() >= e.size() && l.compare(l.size() - e.size(), e.size(), e) == 0; };
  auto has = [&](std::string_view w) { return l.find(w) != std::string::npos; };
  if (ends(" ab") || ends(" aktiebolag") || ends("(publ)")) return ActorType::kForetag;
  if (ends(" kommun") || ends(" stad")) return ActorType::kKommun;
  if (l.rfind("region ", 0) == 0) return ActorType::kRegion;
  if (has("universitet") || has("högskola") || has("university") || has("college") || ends(" institute"))
    return ActorType::kUniversitet;
  std::size_t sp = l.rfind(' ');
  if (const Suffix* s = suffix_of(sp == std::string::npos ? l : l.substr(sp + 1))) return s->type;
  if (has("departement")) return ActorType::kRegering;
  return ActorType::kOrganisation;
}

// Whitespace-separated chunks that are URLs or e-mail addresses: nothing
// in them is a mention ("regeringen.se/...").
std::vector<char> in_link(std::string_view text, const std::vector<Token>& toks) {
  std::vector<char> out(toks.size(), 0);
  std::size_t i = 0;
  while (i < toks.size()) {
    std::size_t j = i + 1;
    while (j < toks.size() && !toks[j].space_before) ++j;
    std::string_view chunk = text.substr(toks[i].b, toks[j - 1].e - toks[i].b);
    // Most chunks are plain words. (find_first_of calls memchr on ".@:"
    // for each byte.)
    if (std::none_of(chunk.begin(), chunk.end(), [](char c) { return c == '.' || c == '@' || c == ':'; })) {
      i = j;
      continue;
    }
    bool link = chunk.find("://") != std::string_view::npos || chunk.find("www.") != std::string_view::npos ||
                chunk.find('@') != std::string_view::npos;
    if (!link) {
      for (std::string_view tld : {".se", ".com", ".org", ".nu", ".eu", ".net", ".gov", ".int"}) {
        std::size_t at = chunk.find(tld);
        if (at != std::string_view::npos && at > 0 &&
            (at + tld.size() == chunk.size() || chunk[at + tld.size()] == '/')) link = true;
      }
    }
    if (link) std::fill(out.begin() + static_cast<long>(i), out.begin() + static_cast<long>(j), 1);
    i = j;
  }
  return out;
}

// --------------------------------------------------------- recognition

struct Candidate {
  std::size_t b, e;      // bytes
  std::size_t tb, te;    // tokens [tb, te)
  std::string name;      // canonical name when discovered
  const Actor* known;    // gazetteer actor, or nullptr
  std::optional<ActorType> type;  // for discovered actors
  std::string rule;
  int priority;          // higher wins among spans of equal length
};

class Recognizer {
 public:
  explicit Recognizer(std::string_view text)
      : text_(text), toks_(tokenize(text)), link_(in_link(text, toks_)), link_at_(toks_.size() + 1, toks_.size()) {
    for (std::size_t i = toks_.size(); i-- > 0;) link_at_[i] = link_[i] ? i : link_at_[i + 1];
  }

  ActorFindings run() {
    definitions();
    names();
    patterns();
    return choose();
  }

 private:
  std::string_view word(std::size_t i) const { return text_.substr(toks_[i].b, toks_[i].e - toks_[i].b); }
  bool is_word(std::size_t i) const { return i < toks_.size() && toks_[i].word && !link_[i]; }
  bool is_punct(std::size_t i, char c) const {
    return i < toks_.size() && !toks_[i].word && toks_[i].e - toks_[i].b == 1 && text_[toks_[i].b] == c;
  }

  void add(std::size_t tb, std::size_t te, std::size_t trim, std::string name, std::string rule, int priority,
           std::optional<ActorType> type = {}) {
    Candidate c{toks_[tb].b, toks_[te - 1].e - trim, tb, te, std::move(name), nullptr, std::move(type),
                std::move(rule), priority};
    c.known = find_name(c.name);
    if (!c.known && !c.type) c.type = type_of_name(c.name);
    cands_.push_back(std::move(c));
  }

  // The gazetteer actor a discovered name is, if any. A name of several
  // words is the same body in any capitalisation ("Internationellt Centrum
  // för Lokal Demokrati"); a single word must match as written.
  static const Actor* find_name(const std::string& name) {
    const Actor* a = gaz().lookup(key_of(name));
    if (!a && name.find(' ') != std::string::npos) a = gaz().lookup_any_case(key_of(name));
    return a;
  }

  // "Future Position X (FPX)", "Myndigheten för samhällsskydd och
  // beredskap (MSB)", "Post- och telestyrelsen (PTS)": the words before the
  // parenthesis whose initials spell the acronym, and "ICLD-Internationellt
  // Centrum för Lokal Demokrati", the acronym first.
  void definitions() {
    for (std::size_t k = 0; k + 2 < toks_.size(); ++k) {
      if (is_punct(k, '(') && is_word(k + 1) && all_caps(word(k + 1)) && is_punct(k + 2, ')'))
        define_before(k);
      if (is_word(k) && all_caps(word(k)) && is_punct(k + 1, '-') && !toks_[k + 1].space_before &&
          !toks_[k + 2].space_before && is_word(k + 2) && is_upper_at(word(k + 2)))
        define_after(k);
    }
  }

  void define_before(std::size_t paren) {
    const auto letters = lower_code_points(word(paren + 1), true);
    if (letters.size() < 2 || letters.size() > 8) return;
    std::ptrdiff_t j = static_cast<std::ptrdiff_t>(letters.size()) - 1;
    std::size_t first = paren;
    for (std::size_t i = paren; i-- > 0 && j >= 0 && paren - i <= 14;) {
      if (is_punct(i, '-') && !toks_[i].space_before) continue;  // "Post- och"
      if (!is_word(i)) return;
      const std::string lw = lowered(word(i));
      if (const std::ptrdiff_t m = supplied_before(lower_code_points(lw, false), letters, static_cast<std::size_t>(j) + 1);
          m >= 0) {
        j = m - 1;
        first = i;
        continue;
      }
      if (!function_word(lw)) return;
    }
    if (j >= 0 || first == paren || !is_upper_at(word(first))) return;
    std::string long_name = one_line(text_.substr(toks_[first].b, toks_[paren - 1].e - toks_[first].b));
    define(first, paren + 3, long_name, std::string(word(paren + 1)));
  }

  void define_after(std::size_t acr) {
    const auto letters = lower_code_points(word(acr), true);
    if (letters.size() < 2 || letters.size() > 8) return;
    std::size_t j = 0, last = acr;
    for (std::size_t i = acr + 2; i < toks_.size() && j < letters.size() && i - acr <= 14; ++i) {
      if (!is_word(i)) return;
      const std::string lw = lowered(word(i));
      const std::vector<UChar32> cps = lower_code_points(lw, false);
      bool ok = false;
      for (std::size_t m = letters.size(); m > j && !ok; --m) {
        if (supplies(cps, letters, j, m)) {
          j = m;
          ok = true;
        }
      }
      if (ok) {
        last = i;
        continue;
      }
      if (!function_word(lw)) return;
    }
    if (j < letters.size()) return;
    std::string long_name = one_line(text_.substr(toks_[acr + 2].b, toks_[last].e - toks_[acr + 2].b));
    define(acr, last + 1, long_name, std::string(word(acr)));
  }

  void define(std::size_t tb, std::size_t te, const std::string& long_name, const std::string& acronym) {
    // The gazetteer knows many bodies by either form.
    const Actor* known = find_name(long_name);
    if (!known) known = gaz().lookup(key_of(acronym));
    // "Standard Generalized Markup Language (SGML)", "lagen om offentlig
    // upphandling (LOU)": a thing, no actor (issue 22 item 5); the
    // acronym is still bound to it (analyze/acronyms.h).
    if (!known && analyze::names_a_thing(long_name)) return;
    add(tb, te, 0, known ? known->name : long_name, "definition", 3);
    cands_.back().known = known;
    Local l{known, known ? known->name : long_name, cands_.back().type, toks_[te - 1].e};
    local_[acronym] = l;
    local_[key_of(long_name)] = l;
  }

  // Gazetteer names and the acronyms this text defined, longest first.
  void names() {
    const Gazetteer& g = gaz();
    for (std::size_t i = 0; i < toks_.size(); ++i) {
      if (!is_word(i)) continue;
      std::string_view w = word(i);
      // Acronyms defined earlier in this text: "FPX" after "Future
      // Position X (FPX)".
      for (std::size_t trim : {std::size_t{0}, std::size_t{1}}) {
        if (local_.empty() || (trim && !genitive(w))) break;
        auto it = local_.find(std::string(w.substr(0, w.size() - trim)));
        if (it != local_.end() && it->second.from <= toks_[i].b) {
          add(i, i + 1, trim, it->second.name, "acronym", 2, it->second.type);
          cands_.back().known = it->second.known;
        }
      }
      const std::size_t limit = std::min(link_at_[i] - i, g.max_tokens);
      std::size_t n = 0, trim = 0;
      if (const Actor* a = g.longest(text_, toks_, i, limit, &n, &trim)) {
        add(i, i + n, trim, a->name, "gazetteer", 2);
        cands_.back().known = a;
      } else if (all_caps(w) && w.size() > 3 && is_word(i + 1) && all_caps(word(i + 1))) {
        // Letterheads in capitals: "KUNGSBACKA KOMMUN". Names of two or
        // more words only; a single capitalised word is an acronym.
        for (std::size_t m = std::min<std::size_t>(limit, 6); m >= 2; --m) {
          if (const Actor* caps = g.lookup_any_case(key_of(text_, toks_, i, i + m))) {
            add(i, i + m, 0, caps->name, "gazetteer", 2);
            cands_.back().known = caps;
            break;
          }
        }
      }
    }
  }

  // Names the gazetteer does not know, found by their shape.
  void patterns() {
    for (std::size_t i = 0; i < toks_.size(); ++i) {
      if (!is_word(i)) continue;
      std::string_view w = word(i);
      std::string lw = lowered(w);
      bool cap = is_upper_at(w) && !all_caps(w);
      // "X kommun", "Stockholms stad".
      if (cap && !determiner(w) && is_word(i + 1)) {
        std::string_view n = word(i + 1);
        if (n == "kommun" || n == "kommuns" || n == "stad" || n == "stads") {
          std::size_t trim = (n == "kommuns" || n == "stads") ? 1 : 0;
          add(i, i + 2, trim, one_line(text_.substr(toks_[i].b, toks_[i + 1].e - trim - toks_[i].b)), "pattern", 1, ActorType::kKommun);
        }
      }
      // "Region X", "Högskolan i X", "Universitetet i X".
      if (w == "Region" && is_word(i + 1) && title_case(word(i + 1))) {
        std::size_t trim = genitive(word(i + 1)) ? 1 : 0;
        add(i, i + 2, trim, one_line(text_.substr(toks_[i].b, toks_[i + 1].e - trim - toks_[i].b)), "pattern", 1, ActorType::kRegion);
      }
      if ((w == "Högskolan" || w == "Universitetet") && is_word(i + 1) && word(i + 1) == "i" && is_word(i + 2) &&
          title_case(word(i + 2))) {
        std::size_t trim = genitive(word(i + 2)) ? 1 : 0;
        add(i, i + 3, trim, one_line(text_.substr(toks_[i].b, toks_[i + 2].e - trim - toks_[i].b)), "pattern", 1,
            ActorType::kUniversitet);
      }
      // "Jilin University Zhuhai College": capitalised words ending in
      // University, College or Institute.
      if ((w == "University" || w == "College" || w == "Institute") && i > 0) {
        std::size_t first = i, last = i;
        while (first > 0 && is_word(first - 1) && is_upper_at(word(first - 1)) && i - first < 6) --first;
        if (is_word(i + 1) && word(i + 1) == "of" && is_word(i + 2) && is_upper_at(word(i + 2))) last = i + 2;
        if (first < i || last > i)
          add(first, last + 1, 0, one_line(text_.substr(toks_[first].b, toks_[last].e - toks_[first].b)), "pattern", 1,
              ActorType::kUniversitet);
      }
      // "Vallbacksskolan", "Kinacentrum", "Byggnadsnämndens", and
      // "Internationella kontoret", "Kultur- och fritidsnämnden".
      body(i, w, lw, cap);
      // "Sandvik AB", "Gävle Energi AB".
      if (w == "AB" && i > 0 && is_word(i - 1) && is_upper_at(word(i - 1)) && !toks_[i].newline_before) {
        std::size_t first = i - 1;
        while (first > 0 && is_word(first - 1) && is_upper_at(word(first - 1)) && !toks_[first].newline_before &&
               i - first < 4 && !determiner(word(first - 1)))
          --first;
        if (!determiner(word(first)))
          add(first, i + 1, 0, one_line(text_.substr(toks_[first].b, toks_[i].e - toks_[first].b)), "pattern", 1,
              ActorType::kForetag);
      }
      person(i, lw);
    }
  }

  void body(std::size_t i, std::string_view w, std::string_view lw, bool cap) {
    std::size_t trim = genitive(lw) && suffix_of(lw.substr(0, lw.size() - 1), true) && !suffix_of(lw, true) ? 1 : 0;
    std::string_view base = lw.substr(0, lw.size() - trim);
    const Suffix* s = suffix_of(base, true);
    if (!s) return;
    const bool compound = suffix_of(base) != nullptr;
    if (cap) {
      // "Kultur- och fritidsnämnden": a capitalised word and a hyphen
      // before the coordination.
      if (!compound || generic_body(base) || determiner(w)) return;
      if (i + 1 < toks_.size() && is_punct(i + 1, '-')) return;
      if (sentence_start(i) && lower_seen(std::string(base))) return;
      add(i, i + 1, trim, upper_first(std::string(w.substr(0, w.size() - trim))), "pattern", 1, s->type);
      return;
    }
    // "Internationella kontoret", "Tekniska nämnden".
    if (i > 0 && is_word(i - 1) && title_case(word(i - 1)) && word(i - 1).back() == 'a' && !determiner(word(i - 1))) {
      add(i - 1, i + 1, trim, one_line(text_.substr(toks_[i - 1].b, toks_[i].e - trim - toks_[i - 1].b)), "pattern", 1,
          s->type);
      return;
    }
    // "Kultur- och fritidsnämnden", "Kultur-, fritids- och tekniknämnden".
    if (i >= 3 && word(i - 1) == "och" && is_punct(i - 2, '-')) {
      std::size_t first = i - 3;
      // Back over "Kultur-, ": word, hyphen, comma.
      while (first >= 3 && is_punct(first - 1, ',') && is_punct(first - 2, '-') && is_word(first - 3)) first -= 3;
      if (is_word(first) && is_upper_at(word(first))) {
        add(first, i + 1, trim, one_line(text_.substr(toks_[first].b, toks_[i].e - trim - toks_[first].b)), "pattern", 1,
            s->type);
        return;
      }
    }
    if (!compound) return;
    if (lower_case_body(lw)) add(i, i + 1, trim, upper_first(base), "pattern", 1, s->type);
  }

  // "Johan Lilja, Generalsekreterare för ICLD", "Anna Svensson (S),
  // ordförande", "ordförande Anna Svensson", "Ordförande: Anna Svensson".
  void person(std::size_t i, std::string_view lw) {
    auto name_at = [&](std::size_t at) -> std::size_t {  // tokens in a name starting at `at`, 0 if none
      std::size_t n = 0;
      while (at + n < toks_.size() && is_word(at + n) && title_case(word(at + n)) && n < 3) {
        if (n > 0 && toks_[at + n].newline_before) break;
        const std::string l = lowered(word(at + n));
        if (gaz().first_words.count(word(at + n)) || determiner(word(at + n)) || suffix_of(l)) break;
        // A third word that is a role, or an inflected form the lexicon
        // has as a word and never as a name, ends the name: the next
        // column's heading of a signature table, run into the line
        // ("Sekreterare Patrik Johansson Paragrafer §§ 179-180",
        // Kungsbacka's protokoll). A surname that is also a word is its
        // base form ("Ansvarig utgivare: Chefsjurist Eleonore Källstrand
        // Nord", SOSFS 2012:17). Two words stay a name whatever the
        // lexicon says of the second ("Johan Lilja").
        if (n == 2) {
          if (role_word_lower(l)) break;
          const std::optional<analyze::lexicon::Entry> e = analyze::lexicon::find(l);
          if (e && (e->flags & analyze::lexicon_format::kWord) && !(e->flags & analyze::lexicon_format::kName) &&
              e->lemma != l)
            break;
        }
        ++n;
      }
      return n >= 2 ? n : 0;
    };
    auto add_person = [&](std::size_t at, std::size_t n) {
      add(at, at + n, 0, one_line(text_.substr(toks_[at].b, toks_[at + n - 1].e - toks_[at].b)), "person", 1, ActorType::kPerson);
    };
    // Role first.
    if (role_word_lower(lw)) {
      std::size_t at = i + 1;
      if (is_punct(at, ':')) ++at;
      if (std::size_t n = name_at(at); n && !toks_[at].newline_before) add_person(at, n);
      return;
    }
    // Name first.
    if (!title_case(word(i))) return;
    if (i > 0 && is_word(i - 1) && title_case(word(i - 1)) && !sentence_start(i)) return;  // not the start of a name
    std::size_t n = name_at(i);
    if (!n) return;
    std::size_t k = i + n;
    if (is_punct(k, '(')) {  // party: "(S)", "(M)"
      while (k < toks_.size() && !is_punct(k, ')') && k - i < n + 4) ++k;
      ++k;
    }
    // The role may come a few words after the comma: "Fredrik Hansson (C),
    // 1:e vice ordförande", "Anders Johansson, biträdande kommundirektör".
    if (!is_punct(k, ',')) return;
    for (std::size_t r = k + 1; r < toks_.size() && r <= k + 6; ++r) {
      if (is_punct(r, ',') || is_punct(r, '.') || is_punct(r, '(')) return;
      if (is_word(r) && role_word(word(r))) {
        add_person(i, n);
        return;
      }
    }
  }

  bool sentence_start(std::size_t i) const {
    if (i == 0 || toks_[i].newline_before) return true;
    if (toks_[i - 1].word) return false;
    const char c = text_[toks_[i - 1].b];
    // Dashes and quotation marks ("–", "”") start with 0xE2 in UTF-8.
    return c == '.' || c == ':' || c == '!' || c == '?' || c == '"' || c == '\xe2';
  }

  // Does the text use this word in lower case somewhere ("grundskolan")?
  bool lower_seen(const std::string& lower_word) {
    if (lower_words_.empty()) {
      for (std::size_t i = 0; i < toks_.size(); ++i)
        if (toks_[i].word && !is_upper_at(word(i))) lower_words_.insert(std::string(word(i)));
      lower_words_.insert("");
    }
    return lower_words_.count(lower_word) > 0;
  }

  // Overlapping candidates: the longer span wins, then the higher
  // priority (a definition, then a gazetteer name or a defined acronym,
  // then a pattern).
  ActorFindings choose() {
    std::stable_sort(cands_.begin(), cands_.end(), [](const Candidate& a, const Candidate& b) {
      if (a.e - a.b != b.e - b.b) return a.e - a.b > b.e - b.b;
      return a.priority > b.priority;
    });
    std::vector<const Candidate*> kept;
    std::vector<bool> taken(toks_.size(), false);
    for (const Candidate& c : cands_) {
      bool free = true;
      for (std::size_t t = c.tb; t < c.te && free; ++t) free = !taken[t];
      if (!free) continue;
      for (std::size_t t = c.tb; t < c.te; ++t) taken[t] = true;
      kept.push_back(&c);
    }
    std::sort(kept.begin(), kept.end(), [](const Candidate* a, const Candidate* b) { return a->b < b->b; });
    ActorFindings out;
    std::map<std::string, std::size_t> index;  // id -> position in out.actors
    for (const Candidate* c : kept) {
      ActorMention m;
      m.begin = c->b;
      m.end = c->e;
      m.surface = one_line(text_.substr(c->b, c->e - c->b));
      m.rule = c->rule;
      m.actor_id = c->known ? c->known->id : slug(c->name);
      if (m.actor_id.empty()) continue;
      auto [it, fresh] = index.emplace(m.actor_id, out.actors.size());
      // A record names the same few actors hundreds of times: copy each
      // one (with its aliases) once.
      if (fresh) {
        Actor a;
        if (c->known) {
          a = *c->known;
        } else {
          a.name = c->name;
          a.id = m.actor_id;
          a.type = c->type.value_or(ActorType::kOrganisation);
        }
        out.actors.push_back(std::move(a));
      }
      Actor& known = out.actors[it->second];
      if (!known.in_gazetteer && m.surface != known.name &&
          std::find(known.aliases.begin(), known.aliases.end(), m.surface) == known.aliases.end())
        known.aliases.push_back(m.surface);
      out.mentions.push_back(std::move(m));
    }
    return out;
  }

  struct Local {
    const Actor* known;
    std::string name;
    std::optional<ActorType> type;
    std::size_t from;  // byte offset after the definition
  };

  std::string_view text_;
  std::vector<Token> toks_;
  std::vector<char> link_;
  std::vector<std::size_t> link_at_;  // the first link token at or after each token; toks_.size() if none
  std::vector<Candidate> cands_;
  std::unordered_map<std::string, Local> local_;
  std::unordered_set<std::string> lower_words_;
};

}  // namespace

std::string slug(std::string_view name) {
  std::string out;
  for (std::size_t i = 0; i < name.size();) {
    std::size_t next;
    UChar32 c = cp_at(name, i, &next);
    c = c < 0x80 ? (c >= 'A' && c <= 'Z' ? c + 32 : c) : u_tolower(c);
    i = next;
    if (c < 0) continue;
    // Strip accents: "é" -> "e"; ä and ö become a and o, but å becomes
    // "aa", so that Håbo kommun and Habo kommun keep apart.
    if (c == 0xE5) {
      out += "aa";
      continue;
    }
    UChar32 base = c;
    if (c >= 0x80) {
      static const std::pair<UChar32, char> kFold[] = {
          {0xE4, 'a'}, {0xE0, 'a'}, {0xE1, 'a'}, {0xE2, 'a'}, {0xE6, 'a'}, {0xF6, 'o'}, {0xF8, 'o'},
          {0xF3, 'o'}, {0xF4, 'o'}, {0xF2, 'o'}, {0xE9, 'e'}, {0xE8, 'e'}, {0xEA, 'e'}, {0xEB, 'e'}, {0xFC, 'u'},
          {0xFA, 'u'}, {0xED, 'i'}, {0xEF, 'i'}, {0xE7, 'c'}, {0xF1, 'n'}, {0xFD, 'y'}, {0xDF, 's'}, {0x161, 's'},
          {0x107, 'c'}, {0x10D, 'c'}, {0x17E, 'z'}, {0x142, 'l'}};
      base = 0;
      for (auto [from, to] : kFold)
        if (c == from) base = to;
      if (!base) base = u_isalnum(c) ? c : '-';
    }
    if (base < 0x80 && !ascii_alnum(base)) base = '-';
    if (base == '-') {
      if (!out.empty() && out.back() != '-') out += '-';
      continue;
    }
    char buf[4];
    int32_t n = 0;
    U8_APPEND_UNSAFE(buf, n, base);
    out.append(buf, static_cast<std::size_t>(n));
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

const std::string& gazetteer_version() {
  static const std::string v = [] {
    // FNV-1a: stable across compilers and runs, unlike std::hash.
    std::uint64_t h = 1469598103934665603ull;
    for (const char* p = kGazetteerTsv; *p; ++p) h = (h ^ static_cast<unsigned char>(*p)) * 1099511628211ull;
    // The shared acronyms are read by the same analysis (AnalyzedDoc::
    // acronyms): a change to either list analyses the records again.
    for (const char* p = analyze::acronyms_version().c_str(); *p; ++p)
      h = (h ^ static_cast<unsigned char>(*p)) * 1099511628211ull;
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return std::string(buf);
  }();
  return v;
}

const std::vector<Actor>& gazetteer() { return gaz().actors; }

const Actor* gazetteer_actor(std::string_view id) {
  auto it = gaz().by_id.find(std::string(id));
  return it == gaz().by_id.end() ? nullptr : &gaz().actors[static_cast<std::size_t>(it->second)];
}

ActorFindings find(std::string_view text) { return Recognizer(text).run(); }

std::vector<std::string> resolve(std::string_view value) {
  std::vector<std::string> ids;
  if (const Actor* a = gaz().lookup(key_of(value)); a || (a = gaz().lookup_any_case(key_of(value))))
    ids.push_back(a->id);
  if (const Actor* a = gazetteer_actor(value); a && ids.empty()) ids.push_back(a->id);
  std::string s = slug(value);
  if (!s.empty() && std::find(ids.begin(), ids.end(), s) == ids.end()) ids.push_back(s);
  return ids;
}

namespace {

std::vector<QueryActor> find_in_query(std::string_view query, bool lines_only) {
  std::vector<QueryActor> out;
  // The caller gives plain words only (the query front end's runs of
  // words, query/front_end.cc): phrases, fields, signs and operators are
  // its to know. Punctuation inside names ("Kungl. Musikhögskolan",
  // "Myndigheten för press, radio och tv", "Post- och telestyrelsen")
  // belongs to them; other punctuation ends a name.
  auto toks = tokenize(query);
  std::vector<bool> plain(toks.size(), true);
  for (std::size_t i = 0; i < toks.size(); ++i) {
    std::string_view w = query.substr(toks[i].b, toks[i].e - toks[i].b);
    if (!toks[i].word && w != "-" && w != "," && w != ".") plain[i] = false;
    if (i > 0 && !toks[i].space_before && !plain[i - 1] && !toks[i - 1].word) plain[i] = false;  // "SKR:s"
  }
  // A query is matched against the gazetteer lines with a form starting
  // with one of its plain words, as typed or with the first letter
  // lowered: the forms a name's first word is looked up in
  // (Gazetteer::longest; a genitive is no name here). Every name starting
  // with such a word, and every name sharing a form with it, is on those
  // lines, so the answer is the whole gazetteer's. Building all of it was
  // a fifth of a search process, and most searches name no actor
  // ("avtal", "detaljplan").
  std::vector<std::string> words;
  for (std::size_t i = 0; i < toks.size(); ++i) {
    if (!plain[i] || !toks[i].word) continue;
    const std::string_view w = query.substr(toks[i].b, toks[i].e - toks[i].b);
    words.emplace_back(w);
    if (is_upper_at(w)) words.push_back(lower_first(w));
  }
  if (words.empty()) return out;
  // A process that has the whole gazetteer (a server, whose facets name
  // their actors from it) looks the words up there: the lines for the
  // words took 180,000 instructions a search page to pick out.
  std::optional<Gazetteer> picked;
  const Gazetteer* whole = lines_only ? nullptr : built_gazetteer.load(std::memory_order_acquire);
  if (!whole) picked.emplace(kGazetteerTsv, &words);
  const Gazetteer& g = whole ? *whole : *picked;
  if (g.actors.empty()) return out;
  for (std::size_t i = 0; i < toks.size(); ++i) {
    if (!plain[i] || !toks[i].word) continue;
    std::size_t limit = 0;
    while (i + limit < toks.size() && plain[i + limit] && limit < g.max_tokens) ++limit;
    std::size_t n = 0, trim = 0;
    const Actor* a = g.longest(query, toks, i, limit, &n, &trim);
    // "EU-projekt" is a word of its own, not a name.
    if (!a || trim || (i + n < toks.size() && !toks[i + n].space_before)) continue;
    out.push_back({toks[i].b, toks[i + n - 1].e, a->id});
    i += n - 1;
  }
  return out;
}

}  // namespace

std::vector<QueryActor> find_in_query(std::string_view query) { return find_in_query(query, false); }

std::vector<QueryActor> find_in_query_lines(std::string_view query) { return find_in_query(query, true); }

std::optional<ActorType> canonical_type(std::string_view type) {
  std::string t = util::lower_sv(type);
  if (auto known = actor_type_from_key(t)) return known;
  static const std::pair<const char*, ActorType> kEnglish[] = {
      {"municipality", ActorType::kKommun},   {"region", ActorType::kRegion},
      {"agency", ActorType::kMyndighet},      {"authority", ActorType::kMyndighet},
      {"government", ActorType::kRegering},   {"university", ActorType::kUniversitet},
      {"company", ActorType::kForetag},       {"foretag", ActorType::kForetag},
      {"organization", ActorType::kOrganisation}, {"international", ActorType::kInternationell},
      {"person", ActorType::kPerson}};
  for (const auto& [en, kind] : kEnglish)
    if (t == en) return kind;
  return std::nullopt;
}

}  // namespace actors
}  // namespace arkiv
