#include "analyze/index_tokens.h"

#include <xapian.h>

#include <algorithm>
#include <climits>
#include <optional>
#include <utility>
#include <iterator>
#include <unordered_map>

#include "analyze/analyzer.h"
#include "analyze/query_terms.h"
#include "analyze/swedish.h"

namespace arkiv::analyze {

// Xapian 1.4 has no tokenizer of its own apart from TermGenerator, whose
// output is a Document. Its word rules (infix characters, "C++", acronyms
// with dots, CJK n-grams, the 64-byte word limit) are what every index
// arkiv has written holds, so the tokenizer keeps them: TermGenerator runs
// with a stopper that records every word it is asked about, in text order,
// and stops them all, so that nothing is written anywhere. (Writing the
// words into a scratch document and reading them back cost 60% more
// time per record than the record's own document did.)
namespace {

class Recorder : public Xapian::Stopper {
 public:
  explicit Recorder(std::vector<std::string>* words) : words_(words) {}
  bool operator()(const std::string& word) const override {
    words_->push_back(word);
    return true;
  }

 private:
  std::vector<std::string>* words_;
};

// Xapian 1.4's CJK::codepoint_is_cjk(): the blocks FLAG_CJK_NGRAM splits
// into n-grams.
bool cjk(unsigned p) {
  return (p >= 0x2E80 && p <= 0x2EFF) || (p >= 0x3000 && p <= 0x9FFF) || (p >= 0xA700 && p <= 0xA71F) ||
         (p >= 0xAC00 && p <= 0xD7AF) || (p >= 0xF900 && p <= 0xFAFF) || (p >= 0xFE30 && p <= 0xFE4F) ||
         (p >= 0xFF00 && p <= 0xFFEF) || (p >= 0x20000 && p <= 0x2A6DF) || (p >= 0x2F800 && p <= 0x2FA1F);
}

// A CJK n-gram of two characters or more: TermGenerator gives those no
// position, only the single characters (its FLAG_CJK_NGRAM).
bool cjk_ngram(const std::string& word) {
  // Every CJK block starts at U+2E80 or above: three UTF-8 bytes or more,
  // the first 0xE2 or above.
  if (word.empty() || static_cast<unsigned char>(word[0]) < 0xE2) return false;
  std::size_t n = 0;
  for (Xapian::Utf8Iterator u(word); u != Xapian::Utf8Iterator(); ++u, ++n)
    if (!cjk(*u)) return false;
  return n > 1;
}

}  // namespace

struct WordTokenizer::Impl {
  Impl(TextAnalysis a, unsigned w) : tg(make_term_generator(a)), analysis(a), wdf(w) {
    tg.set_stemming_strategy(Xapian::TermGenerator::STEM_NONE);
    tg.set_stopper(&recorder);
    tg.set_stopper_strategy(Xapian::TermGenerator::STOP_ALL);
    tg.set_document(nothing);
  }

  Xapian::TermGenerator tg;
  Xapian::Document nothing;  // TermGenerator wants one; the recorder keeps it empty
  std::vector<std::string> heard;
  Recorder recorder{&heard};
  TextAnalysis analysis;
  unsigned wdf;
  std::uint32_t termpos = 0;
  std::vector<Token> out;

  void add(std::string_view text, bool positions) {
    heard.clear();
    tg.index_text(Xapian::Utf8Iterator(text.data(), text.size()));
    const std::size_t need = out.size() + 2 * heard.size();
    if (out.capacity() < need) out.reserve(std::max(need, 2 * out.capacity()));
    for (std::string& w : heard) {
      const bool ngram = analysis == TextAnalysis::kSwedish && cjk_ngram(w);  // FLAG_CJK_NGRAM
      const std::uint32_t pos = positions && !ngram ? ++termpos : 0;
      out.push_back({std::move(w), pos, TokenKind::kWord, wdf});
    }
  }
};

WordTokenizer::WordTokenizer(TextAnalysis analysis, unsigned wdf)
    : impl_(new Impl(analysis, wdf)) {}

WordTokenizer::~WordTokenizer() = default;

void WordTokenizer::add(std::string_view text) { impl_->add(text, true); }

void WordTokenizer::add_without_positions(std::string_view text) { impl_->add(text, false); }

std::uint32_t WordTokenizer::termpos() const { return impl_->termpos; }

void WordTokenizer::increase_termpos(std::uint32_t delta) { impl_->termpos += delta; }

std::vector<Token> WordTokenizer::take() { return std::exchange(impl_->out, {}); }

unsigned word_wdf(TextAnalysis analysis) { return analysis == TextAnalysis::kSnowball ? 1 : kWordWdf; }

namespace {

// Xapian's term length limit is 245 bytes; a longer term throws when the
// document is written.
constexpr std::size_t kMaxTermBytes = 240;

// What the chain adds for one distinct word, worked out once per thread
// and kept: records repeat their words, and an archive repeats its
// records' words ("kommunfullmäktige", "beslut"), so that a word costs one
// lookup here instead of one per stem and variant in swedish.cc's memos.
struct WordTerms {
  struct Variant {
    std::string word;
    TokenKind kind;
    std::string stem;  // empty: TermGenerator would give none
    bool own;          // own_stem(word): the stem gets no positions
  };
  std::string stem;  // empty: none ("2015", "§", or an empty stem)
  bool own = false;  // the word is its own stem
  std::vector<Variant> variants;  // swedish::variants() within Xapian's term length
};

WordTerms work_out(const std::string& word) {
  WordTerms t;
  if (has_stem(word)) {
    t.stem = swedish::stem(word);
    t.own = t.stem == word;
  }
  for (swedish::Variant& v : swedish::variants(word)) {
    std::string stem = swedish::stem(v.word);
    if (v.word.size() > kMaxTermBytes || stem.size() + 1 > kMaxTermBytes) continue;
    const bool own = own_stem(v.word);
    t.variants.push_back({std::move(v.word), v.kind, std::move(stem), own});
  }
  return t;
}

// The per-thread table of the words seen, with their WordTerms (worked out
// on first need) and where the current record's occurrences of each are
// chained: one hash lookup per occurrence does both. References into it
// stay valid until the next start_record(), which forgets every word once
// there are 200,000, so that memory stays flat over millions of records.
class WordTable {
 public:
  struct Entry {
    const WordTerms& terms(const std::string& word) {
      if (!terms_) terms_ = work_out(word);
      return *terms_;
    }
    std::uint64_t record = 0;  // the record whose occurrences first/last chain
    std::size_t first = 0, last = 0;

   private:
    std::optional<WordTerms> terms_;
  };
  using Slot = std::pair<const std::string, Entry>;

  // Starts a record: the entries' chains of earlier records are void.
  void start_record() {
    if (map_.size() >= 200000) map_.clear();
    ++record_;
  }
  std::uint64_t record() const { return record_; }
  Slot& find(std::string_view word) {
    auto it = map_.find(word);
    if (it == map_.end()) it = map_.emplace(std::string(word), Entry{}).first;
    return *it;
  }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, Entry, Hash, std::equal_to<>> map_;
  std::uint64_t record_ = 0;
};

}  // namespace

std::vector<Token> add_stems_and_variants(std::vector<Token> words, TextAnalysis analysis) {
  thread_local WordTable table;
  table.start_record();
  // Each distinct word once, with its occurrences chained (next_of): a
  // word's variants depend on whether it has a position anywhere in the
  // record.
  constexpr std::size_t kEnd = static_cast<std::size_t>(-1);
  std::vector<WordTable::Slot*> firsts;
  std::vector<std::size_t> next_of(words.size(), kEnd);
  std::vector<Token> out;
  out.reserve(3 * words.size());
  for (std::size_t i = 0; i < words.size(); ++i) {
    const Token& w = words[i];
    if (w.kind != TokenKind::kWord && w.kind != TokenKind::kElliptic) {
      out.push_back(std::move(words[i]));
      continue;
    }
    WordTable::Slot& slot = table.find(w.text);
    WordTable::Entry& e = slot.second;
    if (e.record != table.record()) {
      e.record = table.record(), e.first = e.last = i;
      firsts.push_back(&slot);
    } else {
      next_of[e.last] = i, e.last = i;
    }
  }
  // In byte order of the words: Xapian's Document keeps its terms in a
  // std::map and looks each posting up there, and postings that arrive in
  // term order find its nodes in the cache (add_tokens() takes the tokens
  // of the 45 Swedish authority PDFs in 0.035 s so, 0.047 s in text order).
  std::sort(firsts.begin(), firsts.end(),
            [](const WordTable::Slot* x, const WordTable::Slot* y) { return x->first < y->first; });
  for (WordTable::Slot* slot : firsts) {
    const std::string& word = slot->first;
    const std::size_t first = slot->second.first;
    if (analysis == TextAnalysis::kSnowball) {
      // As TermGenerator's STEM_SOME: the Snowball stem of a word that
      // starts with a letter, without positions, its occurrences' wdf.
      thread_local Xapian::Stem snowball("swedish");
      if (has_stem(word)) {
        std::uint32_t wdf = 0;
        for (std::size_t i = first; i != kEnd; i = next_of[i]) wdf += words[i].wdf;
        if (std::string stem = snowball(word); !stem.empty())
          out.push_back({std::move(stem), 0, TokenKind::kStem, wdf});
      }
      for (std::size_t i = first; i != kEnd; i = next_of[i]) out.push_back(std::move(words[i]));
      continue;
    }
    const WordTerms& terms = slot->second.terms(word);
    bool positioned = false;
    for (std::size_t i = first; i != kEnd; i = next_of[i]) positioned = positioned || words[i].pos != 0;
    // The stem, as TermGenerator's STEM_SOME_FULL_POS would give it (wdf
    // and positions), except for the positions own_stem() leaves out: then
    // one token for all occurrences. TermGenerator skips empty stems too.
    if (terms.own) {
      std::uint32_t wdf = 0;
      for (std::size_t i = first; i != kEnd; i = next_of[i]) wdf += words[i].wdf;
      out.push_back({terms.stem, 0, TokenKind::kStem, wdf});
    } else if (!terms.stem.empty()) {
      for (std::size_t i = first; i != kEnd; i = next_of[i])
        out.push_back({terms.stem, words[i].pos, TokenKind::kStem, words[i].wdf});
    }
    for (const WordTerms::Variant& v : terms.variants) {
      if (!positioned) {  // a word of the title or an e-mail header only: once
        out.push_back({v.word, 0, v.kind, kVariantWdf});
        out.push_back({v.stem, 0, TokenKind::kStem, kVariantWdf});
        continue;
      }
      std::uint32_t own_wdf = 0;
      for (std::size_t i = first; i != kEnd; i = next_of[i]) {
        if (words[i].pos == 0) continue;
        out.push_back({v.word, words[i].pos, v.kind, kVariantWdf});
        if (v.own)
          own_wdf += kVariantWdf;
        else
          out.push_back({v.stem, words[i].pos, TokenKind::kStem, kVariantWdf});
      }
      if (v.own) out.push_back({v.stem, 0, TokenKind::kStem, own_wdf});
    }
    for (std::size_t i = first; i != kEnd; i = next_of[i]) out.push_back(std::move(words[i]));
  }
  return out;
}

RecordTokens record_tokens(const NormalizedDoc& doc, const std::vector<std::size_t>& anchors,
                           TextAnalysis analysis, bool no_text) {
  RecordTokens r;
  WordTokenizer words(analysis, word_wdf(analysis));
  std::vector<Token> implied;
  // Some terms belong at the position of a word: a fact's (an actor
  // term's) at its mention's first word, an elliptic compound's full form
  // at its truncated word ("miljöområdet" at "miljö-" in "miljö- och
  // klimatområdet"). The text is split into pieces that end where such a
  // word begins (always at a word start, so the pieces give the same words
  // as the whole).
  struct Anchor {
    std::size_t at;
    std::size_t fact;     // index into `anchors`, or kImplied
    std::string implied;  // the elliptic compound's full form
  };
  constexpr std::size_t kImplied = static_cast<std::size_t>(-1);
  std::vector<Anchor> all;
  for (std::size_t i = 0; i < anchors.size(); ++i) all.push_back({anchors[i], i, {}});
  if (analysis == TextAnalysis::kSwedish)
    for (auto& e : swedish::elliptic(doc.text)) all.push_back({e.at, kImplied, std::move(e.word)});
  std::stable_sort(all.begin(), all.end(), [](const Anchor& x, const Anchor& y) { return x.at < y.at; });
  r.anchor_pos.assign(anchors.size(), 0);
  const std::string_view text = doc.text;
  std::size_t next = 0;
  for (const PageSpan& span : doc.pages) {
    r.page_pos.push_back(words.termpos() + 1);
    std::size_t at = span.begin;
    for (; next < all.size() && all[next].at < span.end; ++next) {
      const Anchor& a = all[next];
      if (a.at < at) continue;
      words.add(text.substr(at, a.at - at));
      if (a.fact != kImplied)
        r.anchor_pos[a.fact] = words.termpos() + 1;
      else if (!a.implied.empty() && a.implied.size() <= kMaxTermBytes)
        implied.push_back({a.implied, words.termpos() + 1, TokenKind::kElliptic, kWordWdf});
      at = a.at;
    }
    words.add(text.substr(at, span.end - at));
  }
  // A scan has no words but its title and file name: those get positions
  // (on its first page), so that a number in them is found as a phrase
  // ("prop 1991/92:43" finds ferenda_prop-1991-92-43_scanned.pdf).
  if (no_text) {
    const std::string& p = doc.source.member.empty() ? doc.source.path : doc.source.member;
    words.add(doc.title);
    words.increase_termpos();
    // Path words: "_" joins words for the tokenizer ("2004_2_scanned").
    words.add(path_words(p.substr(p.rfind('/') == std::string::npos ? 0 : p.rfind('/') + 1)));
  }
  // The title as ordinary words, without positions (they belong to the
  // pages); title: has its own field (index/document.cc).
  words.add_without_positions(doc.title);
  std::vector<Token> found = words.take();
  found.insert(found.end(), std::make_move_iterator(implied.begin()), std::make_move_iterator(implied.end()));
  r.tokens = add_stems_and_variants(std::move(found), analysis);
  return r;
}

std::vector<Token> text_tokens(std::string_view text, TextAnalysis analysis) {
  NormalizedDoc doc;
  doc.text = std::string(text);
  doc.pages.push_back({1, 0, doc.text.size()});
  return record_tokens(doc, {}, analysis, false).tokens;
}

}  // namespace arkiv::analyze
