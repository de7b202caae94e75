#include "analyze/swedish.h"

#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>
#include <xapian.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <optional>
#include <unordered_map>

#include "analyze/lexicon.h"
#include "analyze/lexicon_format.h"
#include "util/text.h"

namespace arkiv::analyze::swedish {
namespace {

using lexicon_format::kBegin;
using lexicon_format::kEnd;
using lexicon_format::kMiddle;
using lexicon_format::kName;
using lexicon_format::kWord;

// Parts shorter than this are not split off: "ek", "is", "el" would split
// "ekonomi", "isolering", "elev". hunspell-sv allows one letter.
constexpr int kMinPartLetters = 3;
constexpr int kMaxParts = 5;

// Particles and prepositions that hunspell-sv lets begin a compound but that
// a reader takes as part of the word: "under|lag", "över|syn", "fram|växten",
// "mot|svarande", "genom|förande" are words of their own, and nobody
// searches "lag" to find "underlag" (tests/data/sv/compounds.tsv).
bool particle(std::string_view w) {
  static const char* const kParticles[] = {"av",    "an",   "bak",    "bort",  "efter", "fram",  "från",
                                           "förbi", "genom", "hem",   "in",    "med",   "mot",   "ned",
                                           "ner",   "om",   "på",     "sönder", "till", "undan", "under",
                                           "upp",   "ut",   "vid",    "åter",  "över",  "bakom", "utom",
                                           "inne",  "uppe", "nere",   "ute",   "borta", "fort", "framför", "bakåt", "framåt"};
  for (const char* p : kParticles)
    if (w == p) return true;
  return false;
}

// A per-thread memo of a word function: TermGenerator asks the stemmer for
// every occurrence of a word, and a record repeats its words. Cleared when
// it grows past a bound, so memory stays flat over millions of records.
template <typename V>
class Memo {
 public:
  template <typename F>
  const V& get(const std::string& key, F compute) {
    auto it = map_.find(key);
    if (it != map_.end()) return it->second;
    if (map_.size() >= 200000) map_.clear();
    return map_.emplace(key, compute()).first->second;
  }

 private:
  std::unordered_map<std::string, V> map_;
};

std::string snowball(const std::string& w) {
  thread_local Xapian::Stem s("swedish");
  return s(w);
}

// Byte offsets of the code points of `w`, and w.size() at the end; empty
// when `w` has anything but letters (digits, hyphens, dots: "2015/456",
// "ks-2015", "t.ex." are not compounds).
std::vector<std::size_t> letter_offsets(std::string_view w) {
  std::vector<std::size_t> cuts;
  for (int32_t i = 0; i < static_cast<int32_t>(w.size());) {
    cuts.push_back(static_cast<std::size_t>(i));
    UChar32 c;
    U8_NEXT(w.data(), i, static_cast<int32_t>(w.size()), c);
    if (c < 0 || !u_isalpha(c)) return {};
  }
  cuts.push_back(w.size());
  return cuts;
}

// Umlaut plurals and their singulars where hunspell-sv gets them wrong:
// it lists "böcker", "söner", "bönder", "ledamöter", "män" as lemmas of
// their own, and reads "städer" as a form of the verb "städa", "nätter" of
// "nät", "bröder" of "bröd"; so `stad` never found "städer" nor `bok`
// "böcker" (issue 22). The forms it derives right ("länder", "händer",
// "fötter", "tänder", "bränder") are not here. A closed class of Swedish
// nouns: each plural stem with the endings its forms take.
struct Umlaut {
  const char* plural;
  const char* singular;
  const char* const* endings;
};
constexpr const char* kErEndings[] = {"", "na", "nas", "s", nullptr};      // städer, städerna, städernas, städers
constexpr const char* kManEndings[] = {"", "nen", "nens", "s", nullptr};   // män, männen, männens, mäns
constexpr const char* kSsEndings[] = {"", "en", "ens", nullptr};           // möss, mössen, mössens
constexpr Umlaut kUmlauts[] = {
    {"städer", "stad", kErEndings},         {"böcker", "bok", kErEndings},   {"söner", "son", kErEndings},
    {"bönder", "bonde", kErEndings},        {"ledamöter", "ledamot", kErEndings}, {"nätter", "natt", kErEndings},
    {"bröder", "broder", kErEndings},       {"fäder", "fader", kErEndings},  {"döttrar", "dotter", kErEndings},
    {"mödrar", "moder", kErEndings},        {"män", "man", kManEndings},     {"möss", "mus", kSsEndings},
    {"gäss", "gås", kSsEndings},
};

// The singular of an umlaut plural of kUmlauts, alone or as the head of a
// compound whose modifier may begin one ("storstäderna" -> "storstad",
// "tjänstemän" -> "tjänsteman"; not "domän", whose "do" is no modifier)
// or whose singular is a lexicon word ("äldrebostäder" -> "äldrebostad").
std::optional<std::string> umlaut_singular(std::string_view w) {
  for (const Umlaut& u : kUmlauts) {
    const std::string_view plural = u.plural;
    for (const char* const* e = u.endings; *e; ++e) {
      const std::size_t n = plural.size() + std::strlen(*e);
      if (w.size() < n || w.substr(w.size() - n, plural.size()) != plural || w.substr(w.size() - n + plural.size()) != *e)
        continue;
      const std::string_view modifier = w.substr(0, w.size() - n);
      std::string singular = std::string(modifier) + u.singular;
      // ... or whose singular the lexicon has as a word: hunspell-sv lists
      // "äldrebostäder" as a lemma of its own beside "äldrebostad" (BFS
      // 1993:19), and "äldre" begins no compound there.
      if (!modifier.empty() &&
          (letter_offsets(modifier).size() < kMinPartLetters + 1 || !(lexicon::flags(modifier) & (kBegin | kMiddle))) &&
          !(lexicon::flags(singular) & kWord))
        continue;
      return singular;
    }
  }
  return std::nullopt;
}

std::string lemma_of(std::string_view form) {
  if (auto s = umlaut_singular(form)) return *s;
  auto e = lexicon::find(form);
  return e ? e->lemma : std::string(form);
}

// A word whose lemma, or whose stem without a plural or definite ending,
// may begin compounds: hunspell-sv lists "gaser" under the verb "gasa",
// but "gas" is a noun that begins compounds.
bool noun_like(std::string_view w) {
  if (lexicon::flags(lemma_of(w)) & kBegin) return true;
  static const char* const kEndings[] = {"erna", "arna", "orna", "er", "ar", "or", "en", "et", "na"};
  for (const char* e : kEndings) {
    const std::size_t n = std::strlen(e);
    if (w.size() > n + 2 && w.substr(w.size() - n) == e && (lexicon::flags(w.substr(0, w.size() - n)) & kBegin))
      return true;
  }
  return false;
}

// The fewest-part split of w (at least two parts): the last a word that may
// end a compound ("avtalet"), the others forms that may begin or continue
// one ("partnerskaps", "miljö"). Returns the byte offsets where parts start
// after the first; empty if there is none.
class Splitter {
 public:
  explicit Splitter(std::string_view w) : w_(w), cuts_(letter_offsets(w)) {
    const std::uint8_t f = lexicon::flags(w);
    name_ = f & kName;
    // A word the lexicon has whole splits only into parts of four letters
    // or more: "ung|domar", "ord|förande", "bio|graf" are words of their
    // own, "hälso|skydd" and "miljö|området" compounds.
    whole_word_ = f & kWord;
    min_modifier_ = whole_word_ ? kMinPartLetters + 1 : kMinPartLetters;
  }

  std::vector<std::size_t> best() {
    const int n = static_cast<int>(cuts_.size()) - 1;
    // Names stay whole: "Bergström" is no "berg|ström".
    if (name_ || n < 2 * kMinPartLetters) return {};
    cover_.assign(static_cast<std::size_t>(n + 1), -2);
    back_.assign(static_cast<std::size_t>(n + 1), 0);
    int best_parts = kMaxParts + 1, best_k = -1;
    // Longest head first: of splits with as few parts, the one whose last
    // part is longest ("kommun|styrelsen").
    for (int k = kMinPartLetters; k <= n - kMinPartLetters; ++k) {
      // A head hunspell-sv marks as a compound end, or, in a word the
      // lexicon has whole (a compound it lists: "växthusgas"), a word of
      // four letters or more whose lemma may begin compounds ("gas"):
      // hunspell-sv leaves the end flag off the heads of compounds it
      // lists. Suffixes that are words too ("-era", "-ska", "-het") are
      // shorter or never begin one.
      const std::string_view head = w_.substr(cuts_[k]);
      const std::uint8_t f = lexicon::flags(head);
      if (!(f & kWord) || (f & kName)) continue;
      if (!(f & kEnd) && !(whole_word_ && n - k >= 4 && noun_like(head))) continue;
      const int c = cover(k);
      if (c > 0 && c + 1 < best_parts) best_parts = c + 1, best_k = k;
    }
    if (best_k < 0) return {};
    std::vector<std::size_t> starts;
    for (int k = best_k; k > 0; k = back_[static_cast<std::size_t>(k)]) starts.insert(starts.begin(), cuts_[k]);
    return starts;
  }

 private:
  std::string_view piece(int a, int b) const { return w_.substr(cuts_[a], cuts_[b] - cuts_[a]); }

  // Fewest parts covering the first k letters, or -1.
  int cover(int k) {
    int& memo = cover_[static_cast<std::size_t>(k)];
    if (memo != -2) return memo;
    memo = -1;
    if (k >= min_modifier_ && modifier(piece(0, k), kBegin)) return memo = 1;
    for (int j = min_modifier_; j <= k - min_modifier_; ++j) {
      if (!modifier(piece(j, k), kBegin | kMiddle)) continue;
      const int c = cover(j);
      if (c > 0 && c + 1 <= kMaxParts - 1 && (memo < 0 || c + 1 < memo)) {
        memo = c + 1;
        back_[static_cast<std::size_t>(k)] = j;
      }
    }
    return memo;
  }

  static bool modifier(std::string_view piece, std::uint8_t role) {
    return (lexicon::flags(piece) & role) && !particle(piece);
  }

  std::string_view w_;
  std::vector<std::size_t> cuts_;
  bool name_ = false;
  bool whole_word_ = false;
  int min_modifier_ = kMinPartLetters;
  std::vector<int> cover_;
  std::vector<int> back_;
};

// Derivational endings of nouns that always take a linking -s in a
// compound: "konfigurations|filer", "hemförsäljnings|lagen",
// "datasäkerhets|området", "partnerskaps|avtalet", "kristendoms|kunskap".
// hunspell-sv lists many such nouns ("hemförsäljning") without allowing
// them to begin a compound.
bool takes_linking_s(std::string_view w) {
  static const char* const kEndings[] = {"ning", "tion", "sion", "het", "itet", "skap", "else", "dom"};
  for (const char* e : kEndings) {
    const std::size_t n = std::strlen(e);
    if (w.size() > n + 2 && w.substr(w.size() - n) == e) return true;
  }
  return false;
}

bool word_not_name(std::uint8_t f) { return (f & kWord) && !(f & kName); }

// A split of `w` at byte `at` (after `letters` letters) that the lexicon
// supports, with its modifier's lemma; nullopt if none. One of:
// - a noun of a derivational ending with its linking -s, then any word of
//   three letters or more ("konfigurations|filer": hunspell-sv leaves the
//   compound flags off both), or a compound;
// - a form hunspell-sv allows to begin a compound, then one it allows to
//   end one ("partnerskaps|avtalet"), either side possibly a compound
//   itself ("data|säkerhetsområdet");
// - in a word the lexicon does not have (a new compound), a word of five
//   letters or more, then a word of five letters or more that may end a
//   compound ("fauna|kriminalitet").
// The first and last reach words the fewest-parts split misses; every
// other word the lexicon has whole was checked to stay whole by the gold
// list (tests/data/sv/compounds.tsv: "före|slår", "myndig|heter",
// "redo|visas" are no compounds).
std::optional<std::string> split_at(std::string_view w, std::size_t at, int letters, int head_letters,
                                    std::uint8_t word_flags) {
  const std::string_view m = w.substr(0, at), h = w.substr(at);
  if (particle(m)) return std::nullopt;
  const std::uint8_t mf = lexicon::flags(m), hf = lexicon::flags(h);
  if ((mf & kName) || (hf & kName)) return std::nullopt;
  auto compound = [](std::string_view x) { return !Splitter(x).best().empty(); };
  if (m.back() == 's' && letters > kMinPartLetters + 1) {
    const std::string_view linked = m.substr(0, m.size() - 1);
    if (word_not_name(lexicon::flags(linked)) && takes_linking_s(linked) &&
        ((word_not_name(hf) && ((hf & kEnd) || head_letters > kMinPartLetters)) || compound(h)))
      return lemma_of(linked);
  }
  // The costly tests (is it a compound?) only where the other side holds.
  const bool head_ends = (hf & kEnd) && (hf & kWord);
  if ((mf & kBegin) ? (head_ends || compound(h)) : (head_ends && compound(m))) return lemma_of(m);
  if (word_flags == 0 && letters >= 5 && head_letters >= 5 && word_not_name(mf) && word_not_name(hf) && (hf & kEnd))
    return lemma_of(m);
  return std::nullopt;
}

// Splits w (at byte `base` of the whole word) as far as it goes: the
// top-level parts, then each part again ("växthus|gaserna" ->
// växt|hus|gaserna), three levels deep at most.
void decompose(std::string_view w, std::size_t base, std::vector<Part>& out, int depth) {
  std::vector<std::size_t> starts = depth < 3 ? Splitter(w).best() : std::vector<std::size_t>{};
  if (starts.empty()) {
    // A modifier's lemma is the word it links ("partnerskaps" ->
    // "partnerskap"); the head's is the base form of its inflection.
    out.push_back({base, base + w.size(), lemma_of(w)});
    return;
  }
  std::size_t at = 0;
  for (std::size_t i = 0; i <= starts.size(); ++i) {
    const std::size_t end = i < starts.size() ? starts[i] : w.size();
    decompose(w.substr(at, end - at), base + at, out, depth + 1);
    at = end;
  }
}

std::string fold_uncached(const std::string& w);

// The stem of a word typed without its diacritics, as its diacritics would
// give it, folded: "forsakringskassan" -> "forsakringskass", the folded
// stem of "försäkringskassan", so that it meets "försäkringskassor" and
// "försäkringskassorna" (folded at the index side to "forsakringskassor",
// "forsakringskassorna", whose stems this gives too). Snowball alone
// leaves "forsakringskassan" whole (it strips no "-an") and stems
// "forsakringskassor" to "forsakringskass": the two never met (issue 22,
// the scanned RA-FS 2004:2 and 2006:6). For a lower-case word of a-z
// only that the lexicon does not have: the lexicon's words that differ
// from it by å or ä for an a and ö for an o, if they agree on one folded
// stem ("lasa": "läsa" and "låsa" both give "las"); none for a word with
// more than kMaxUnfoldings such words to try.
constexpr int kMaxUnfoldings = 243;  // five a's or o's and more: 3^5

std::optional<std::string> unfolded_stem(const std::string& w) {
  std::vector<std::size_t> at;
  int tries = 1;
  for (std::size_t i = 0; i < w.size(); ++i) {
    if (w[i] < 'a' || w[i] > 'z') return std::nullopt;
    if (w[i] == 'a' || w[i] == 'o') {
      at.push_back(i);
      tries *= w[i] == 'a' ? 3 : 2;
      if (tries > kMaxUnfoldings) return std::nullopt;
    }
  }
  if (at.empty()) return std::nullopt;
  std::optional<std::string> found;
  for (int n = 1; n < tries; ++n) {
    // The n-th combination: each a as a, å, ä and each o as o, ö.
    std::string c;
    c.reserve(w.size() + at.size());
    int rest = n;
    std::size_t next = 0;
    for (std::size_t k = 0; k < at.size(); ++k) {
      const bool a = w[at[k]] == 'a';
      const int pick = rest % (a ? 3 : 2);
      rest /= a ? 3 : 2;
      c.append(w, next, at[k] - next);
      c += pick == 0 ? (a ? "a" : "o") : a ? (pick == 1 ? "å" : "ä") : "ö";
      next = at[k] + 1;
    }
    c.append(w, next, std::string::npos);
    if (!(lexicon::flags(c) & kWord)) continue;
    std::string s = fold_uncached(stem(c));
    if (found && *found != s) return std::nullopt;
    found = std::move(s);
  }
  return found;
}

std::string stem_uncached(const std::string& w) {
  if (auto s = umlaut_singular(w)) return snowball(*s);
  if (auto e = lexicon::find(w); e && (e->flags & kWord)) return snowball(e->lemma);
  if (auto s = unfolded_stem(w)) return *s;
  std::vector<std::size_t> starts = Splitter(w).best();
  if (!starts.empty()) {
    // Modifiers as written plus the head's lemma, stemmed as one word, so
    // that the compound's forms meet whether the lexicon has the compound
    // ("partnerskapsavtal") or only its parts ("partnerskapsavtalet").
    const std::string head = w.substr(starts.back());
    return snowball(w.substr(0, starts.back()) + lemma_of(head));
  }
  return snowball(w);
}

std::string fold_uncached(const std::string& w) { return util::without_marks(w); }

}  // namespace

namespace {

// split_points() of a word whose decompound() is `parts`.
std::vector<SplitPoint> split_points(std::string_view word, const std::vector<Part>& parts) {
  std::vector<SplitPoint> out;
  const std::vector<std::size_t> cuts = letter_offsets(word);
  const int n = static_cast<int>(cuts.size()) - 1;
  if (n < 2 * kMinPartLetters) return out;
  const std::uint8_t f = lexicon::flags(word);
  if (f & kName) return out;
  // A word decompound() splits splits at its parts' boundaries, the
  // modifier read as written up to its last part, which is that part's
  // lemma ("växthus|gaserna", "växt|husgaserna"; "datasäkerhets|området"
  // gives "datasäkerhet"): the gold list's precision (0.990) as it was.
  if (!parts.empty()) {
    for (std::size_t i = 1; i < parts.size(); ++i)
      out.push_back({parts[i].begin, std::string(word.substr(0, parts[i - 1].begin)) + parts[i - 1].lemma,
                     std::string(word.substr(parts[i].begin))});
    return out;
  }
  // As in Splitter: a word the lexicon has whole ("ungdomar", "ordförande")
  // splits only after a modifier of four letters or more.
  const int min_modifier = (f & kWord) ? kMinPartLetters + 1 : kMinPartLetters;
  for (int k = min_modifier; k <= n - kMinPartLetters; ++k) {
    std::optional<std::string> lemma = split_at(word, cuts[k], k, n - k, f);
    if (!lemma) continue;
    // A linking -s or -e goes with the modifier: "hemförsäljnings|lagen",
    // not "hemförsäljning|slagen".
    if (!out.empty() && out.back().at + 1 == cuts[k] && out.back().modifier == *lemma) out.pop_back();
    out.push_back({cuts[k], std::move(*lemma), std::string(word.substr(cuts[k]))});
  }
  return out;
}

}  // namespace

std::vector<SplitPoint> split_points(std::string_view word) { return split_points(word, decompound(word)); }

std::vector<Part> query_parts(std::string_view word) {
  std::vector<Part> out;
  std::vector<std::size_t> starts = Splitter(word).best();
  if (starts.empty()) {
    const std::vector<SplitPoint> points = split_points(word);
    if (points.size() != 1) return out;
    starts.push_back(points.front().at);
  }
  starts.push_back(word.size());
  std::size_t at = 0;
  for (std::size_t end : starts) {
    // A modifier with a linking -s its lexicon entry does not explain is
    // read without it ("hemförsäljnings" -> "hemförsäljning").
    std::string_view piece = word.substr(at, end - at);
    std::string lemma = lemma_of(piece);
    if (end != word.size() && lemma == piece && piece.back() == 's' && takes_linking_s(piece.substr(0, piece.size() - 1)))
      lemma = lemma_of(piece.substr(0, piece.size() - 1));
    out.push_back({at, end, std::move(lemma)});
    at = end;
  }
  return out;
}

std::vector<Part> decompound(std::string_view word) {
  // decompose() leaves a word it cannot split as one part: no compound.
  std::vector<Part> out;
  decompose(word, 0, out, 0);
  if (out.size() < 2) out.clear();
  return out;
}

std::string stem(const std::string& word) {
  thread_local Memo<std::string> memo;
  return memo.get(word, [&] { return stem_uncached(word); });
}

std::string fold(const std::string& word) {
  if (util::is_ascii(word)) return word;
  thread_local Memo<std::string> memo;
  return memo.get(word, [&] { return fold_uncached(word); });
}

std::vector<Variant> variants(const std::string& word) {
  thread_local Memo<std::vector<Variant>> memo;
  return memo.get(word, [&] {
    std::vector<Variant> out;
    const std::vector<Part> parts = decompound(word);
    const std::size_t last = parts.empty() ? 0 : parts.size() - 1;
    for (std::size_t a = 0; a < parts.size(); ++a) {
      for (std::size_t b = a; b < parts.size(); ++b) {
        if (a == 0 && b == last) continue;  // the word itself
        // A run of parts reads as written up to its last part, which is
        // its lemma unless it ends the word: "växthus" from växt|hus|gaserna.
        std::string t = word.substr(parts[a].begin, parts[b].begin - parts[a].begin) +
                        (b == last ? word.substr(parts[b].begin) : parts[b].lemma);
        if (a == b || (lexicon::flags(t) & kWord)) out.push_back({std::move(t), TokenKind::kPart});
      }
    }
    // Both sides of every split point the lexicon supports, not only the
    // fewest parts: "konfigurations|filer" gives "konfiguration" and
    // "filer", "faunakriminalitet" "fauna" and "kriminalitet",
    // "datasäkerhets|området" "datasäkerhet" (issue 22: `konfiguration`,
    // `kriminalitet`, `datasäkerhet` found nothing in those words).
    for (SplitPoint& p : split_points(word, parts))
      for (std::string* t : {&p.modifier, &p.head})
        if (*t != word && std::none_of(out.begin(), out.end(), [&](const Variant& v) { return v.word == *t; }))
          out.push_back({std::move(*t), TokenKind::kPart});
    // A word of combining marks alone folds to nothing: no variant (an
    // empty term, which Xapian refuses with an exception; "a \u0355", a text
    // file of four bytes, ended `arkiv index` with SIGABRT, found by
    // tests/fuzz/fuzz_ingest).
    const std::size_t n = out.size();
    for (std::size_t i = 0; i < n; ++i)
      if (std::string f = fold(out[i].word); f != out[i].word && !f.empty())
        out.push_back({std::move(f), TokenKind::kFolded});
    if (std::string f = fold(word); f != word && !f.empty()) out.push_back({std::move(f), TokenKind::kFolded});
    return out;
  });
}

namespace {

// A word of `text` at byte `at`: letters only.
std::size_t word_end(std::string_view text, std::size_t at) {
  std::size_t i = at;
  while (i < text.size()) {
    int32_t j = static_cast<int32_t>(i);
    UChar32 c;
    U8_NEXT(text.data(), j, static_cast<int32_t>(text.size()), c);
    if (c < 0 || !u_isalpha(c)) break;
    i = static_cast<std::size_t>(j);
  }
  return i;
}

// The start of the letters that end at byte `at`.
std::size_t word_begin(std::string_view text, std::size_t at) {
  std::size_t b = at;
  while (b > 0) {
    int32_t j = static_cast<int32_t>(b);
    UChar32 c;
    U8_PREV(text.data(), 0, j, c);
    if (c < 0 || !u_isalpha(c)) break;
    b = static_cast<std::size_t>(j);
  }
  return b;
}

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t'; }

bool word_start(std::string_view text, std::size_t i) {
  if (i == 0) return true;
  int32_t j = static_cast<int32_t>(i);
  UChar32 c;
  U8_PREV(text.data(), 0, j, c);
  return c < 0 || !u_isalnum(c);
}

}  // namespace

std::vector<Expansion> elliptic(std::string_view text) {
  std::vector<Expansion> out;
  // A truncated word is letters, a hyphen, then a space, "/" or ",":
  // "miljö- och", "miljö-/", "kultur-,". "IT-avdelningen" is not one.
  for (std::size_t i = text.find('-'); i != std::string_view::npos; i = text.find('-', i + 1)) {
    if (i + 1 >= text.size() || !(is_space(text[i + 1]) || text[i + 1] == '/' || text[i + 1] == ',')) continue;
    const std::size_t b = word_begin(text, i);
    if (b == i || !word_start(text, b)) continue;
    if (!out.empty() && out.back().at == b) continue;
    // The chain: truncated words separated by ",", "/", "och", "eller",
    // "samt", up to the full word that supplies the head.
    std::vector<std::size_t> modifiers{b};
    std::size_t p = i + 1;
    bool connector = false;
    std::size_t head_at = std::string_view::npos, head_end = 0;
    for (int steps = 0; steps < 12 && p < text.size(); ++steps) {
      while (p < text.size() && (is_space(text[p]) || text[p] == ',' || text[p] == '/')) {
        connector = connector || text[p] == ',' || text[p] == '/';
        ++p;
      }
      const std::size_t e = word_end(text, p);
      if (e == p) break;
      const std::string w = util::lower_sv(text.substr(p, e - p));
      if (w == "och" || w == "eller" || w == "samt" || w == "respektive" || w == "resp") {
        connector = true;
        p = e;
        if (p < text.size() && text[p] == '.') ++p;
        continue;
      }
      if (e < text.size() && text[e] == '-' && e + 1 < text.size() &&
          (is_space(text[e + 1]) || text[e + 1] == '/' || text[e + 1] == ',')) {
        modifiers.push_back(p);
        p = e + 1;
        continue;
      }
      head_at = p, head_end = e;
      break;
    }
    if (!connector || head_at == std::string_view::npos) continue;
    const std::string full = util::lower_sv(text.substr(head_at, head_end - head_at));
    // The head is what follows the first part of the top-level split:
    // "lärar- och studentutbytesprogrammet" -> "lärarutbytesprogrammet".
    const std::vector<std::size_t> starts = Splitter(full).best();
    if (starts.empty()) continue;
    const std::string head = full.substr(starts.front());
    for (std::size_t m : modifiers) {
      const std::string mod = util::lower_sv(text.substr(m, word_end(text, m) - m));
      out.push_back({m, mod + head});
    }
    i = head_at;
  }
  return out;
}

}  // namespace arkiv::analyze::swedish
