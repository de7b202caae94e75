#include "analyze/index_tokens.h"

#include <xapian.h>

#include <algorithm>
#include <tuple>
#include <unordered_map>

#include "analyze/analyzer.h"
#include "analyze/query_terms.h"
#include "analyze/swedish.h"

namespace arkiv::analyze {

// Xapian 1.4 has no tokenizer of its own apart from TermGenerator, whose
// only output is a Document. Its word rules (infix characters, "C++",
// acronyms with dots, CJK n-grams, the 64-byte word limit) are what every
// index arkiv has written holds, so the tokenizer runs it into a private
// scratch document, one piece of text at a time, and hands the words on
// as tokens: the record's own document is written once, from tokens
// (index/tokens.h), and never read back.
struct WordTokenizer::Impl {
  Xapian::TermGenerator tg;
  Xapian::Document scratch;
  TextAnalysis analysis;

  // The scratch document's terms as tokens, appended to `out` in position
  // order. A term with n positions gives n tokens of `wdf` each, and one
  // without a position for any wdf left over (a CJK bigram of the same
  // text has none); a term without positions one token of its wdf.
  void take(unsigned wdf, std::vector<Token>& out) {
    const std::size_t first = out.size();
    for (auto t = scratch.termlist_begin(); t != scratch.termlist_end(); ++t) {
      const std::string& term = *t;
      // Under kSnowball TermGenerator's STEM_SOME gives "Z" + stem; a word
      // is lower case and never starts with "Z".
      const bool stem = term.size() > 1 && term[0] == 'Z';
      Token tok{stem ? term.substr(1) : term, 0, stem ? TokenKind::kStem : TokenKind::kWord, 0};
      const Xapian::termcount total = t.get_wdf();
      const Xapian::termcount n = t.positionlist_count();
      Xapian::termcount given = 0;
      if (n > 0) {
        const Xapian::termcount each = std::min<Xapian::termcount>(wdf, total / n);
        for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) {
          tok.pos = *p;
          tok.wdf = each;
          out.push_back(tok);
          given += each;
        }
      }
      if (n == 0 || given < total) {
        tok.pos = 0;
        tok.wdf = total - given;
        out.push_back(std::move(tok));
      }
    }
    std::sort(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(), [](const Token& a, const Token& b) {
      return std::make_tuple(a.pos == 0, a.pos, a.stem(), std::cref(a.text)) <
             std::make_tuple(b.pos == 0, b.pos, b.stem(), std::cref(b.text));
    });
    scratch.clear_terms();
  }
};

WordTokenizer::WordTokenizer(TextAnalysis analysis)
    : impl_(new Impl{make_term_generator(analysis), Xapian::Document(), analysis}) {
  // Under kSwedish the words alone: add_stems_and_variants() gives each
  // distinct word its stem. TermGenerator would stem every occurrence and
  // add the stem's posting again at every position, also where the word
  // is its own stem ("avtal", "och", "kommun": 58% of the stem postings of
  // the seed record).
  if (analysis == TextAnalysis::kSwedish) impl_->tg.set_stemming_strategy(Xapian::TermGenerator::STEM_NONE);
  impl_->tg.set_document(impl_->scratch);
}

WordTokenizer::~WordTokenizer() = default;

void WordTokenizer::words(std::string_view text, unsigned wdf, std::vector<Token>& out) {
  impl_->tg.index_text(Xapian::Utf8Iterator(text.data(), text.size()), wdf);
  impl_->take(wdf, out);
}

void WordTokenizer::words_without_positions(std::string_view text, unsigned wdf, std::vector<Token>& out) {
  impl_->tg.index_text_without_positions(Xapian::Utf8Iterator(text.data(), text.size()), wdf);
  impl_->take(wdf, out);
}

std::uint32_t WordTokenizer::termpos() const { return impl_->tg.get_termpos(); }

void WordTokenizer::increase_termpos(std::uint32_t delta) { impl_->tg.increase_termpos(delta); }

unsigned word_wdf(TextAnalysis analysis) { return analysis == TextAnalysis::kSnowball ? 1 : kWordWdf; }

namespace {

// Xapian's term length limit is 245 bytes; a longer term throws when the
// document is written.
constexpr std::size_t kMaxTermBytes = 240;

}  // namespace

std::vector<Token> add_stems_and_variants(std::vector<Token> words, TextAnalysis analysis) {
  if (analysis == TextAnalysis::kSnowball) return words;
  // Each distinct word once, in order of first occurrence, with the
  // indexes of its occurrences: a word's variants depend on whether it
  // has a position anywhere in the record.
  std::unordered_map<std::string_view, std::size_t> seen;
  std::vector<std::vector<std::size_t>> occurrences;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const Token& w = words[i];
    if (w.kind != TokenKind::kWord && w.kind != TokenKind::kElliptic) continue;
    auto [it, fresh] = seen.try_emplace(w.text, occurrences.size());
    if (fresh) occurrences.emplace_back();
    occurrences[it->second].push_back(i);
  }
  std::vector<Token> out = words;
  for (const std::vector<std::size_t>& occ : occurrences) {
    const std::string& word = words[occ.front()].text;
    // The stem, as TermGenerator's STEM_SOME_FULL_POS would give it (wdf
    // and positions), except for the positions own_stem() leaves out.
    if (has_stem(word)) {
      std::string stem = swedish::stem(word);
      const bool own = stem == word;
      if (!stem.empty())  // TermGenerator skips empty stems too
        for (std::size_t i : occ) out.push_back({stem, own ? 0 : words[i].pos, TokenKind::kStem, words[i].wdf});
    }
    const bool positioned = std::any_of(occ.begin(), occ.end(), [&](std::size_t i) { return words[i].pos != 0; });
    for (const swedish::Variant& v : swedish::variants(word)) {
      std::string stem = swedish::stem(v.word);
      if (v.word.size() > kMaxTermBytes || stem.size() + 1 > kMaxTermBytes) continue;
      if (!positioned) {  // a word of the title or an e-mail header only: once
        out.push_back({v.word, 0, v.kind, kVariantWdf});
        out.push_back({std::move(stem), 0, TokenKind::kStem, kVariantWdf});
        continue;
      }
      const bool own = own_stem(v.word);
      for (std::size_t i : occ) {
        if (words[i].pos == 0) continue;
        out.push_back({v.word, words[i].pos, v.kind, kVariantWdf});
        out.push_back({stem, own ? 0 : words[i].pos, TokenKind::kStem, kVariantWdf});
      }
    }
  }
  return out;
}

RecordTokens record_tokens(const NormalizedDoc& doc, const std::vector<std::size_t>& anchors,
                           TextAnalysis analysis, bool no_text) {
  RecordTokens r;
  WordTokenizer words(analysis);
  const unsigned wdf = word_wdf(analysis);
  std::vector<Token> found;
  // Some terms belong at the position of a word: a fact's (an actor
  // term's) at its mention's first word, an elliptic compound's full form
  // at its truncated word ("miljöområdet" at "miljö-" in "miljö- och
  // klimatområdet"). The text is split into pieces that end where such a
  // word begins (always at a word start, so the pieces give the same words
  // as the whole).
  struct Anchor {
    std::size_t at;
    std::size_t fact;     // index into `anchors`, or npos for an implied word
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
      words.words(text.substr(at, a.at - at), wdf, found);
      if (a.fact != kImplied)
        r.anchor_pos[a.fact] = words.termpos() + 1;
      else if (!a.implied.empty() && a.implied.size() <= kMaxTermBytes)
        found.push_back({a.implied, words.termpos() + 1, TokenKind::kElliptic, kWordWdf});
      at = a.at;
    }
    words.words(text.substr(at, span.end - at), wdf, found);
  }
  // A scan has no words but its title and file name: those get positions
  // (on its first page), so that a number in them is found as a phrase
  // ("prop 1991/92:43" finds ferenda_prop-1991-92-43_scanned.pdf).
  if (no_text) {
    const std::string& p = doc.source.member.empty() ? doc.source.path : doc.source.member;
    words.words(doc.title, wdf, found);
    words.increase_termpos();
    // Path words: "_" joins words for the tokenizer ("2004_2_scanned").
    words.words(path_words(p.substr(p.rfind('/') == std::string::npos ? 0 : p.rfind('/') + 1)), wdf, found);
  }
  // The title as ordinary words, without positions (they belong to the
  // pages); title: has its own field (index/document.cc).
  words.words_without_positions(doc.title, wdf, found);
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
