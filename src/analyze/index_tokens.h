// The index half of the Swedish analysis chain: a record's text as a
// stream of tokens (analyze/token.h): its words with their positions, then
// what the chain adds for them (stems, compound parts, elliptic compounds'
// full forms, diacritic-free forms). Nothing here touches a
// Xapian::Document; index/tokens.h writes the tokens into one. The query
// half, what a query word asks for, is analyze/query_terms.h; the record
// facts (dates, actors, case numbers) are another stage (analyze/facts.cc,
// actors.cc).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "analyze/token.h"
#include "arkiv/options.h"
#include "arkiv/record.h"

namespace arkiv::analyze {

// Splits text into words as Xapian's TermGenerator does (its word rules:
// "ICLD-finansiering" -> icld, finansiering; "S:t" stays one word; CJK as
// n-grams under kSwedish), lower case, with consecutive positions across
// calls: the words alone (TokenKind::kWord); add_stems_and_variants()
// adds what the chain makes of them. Not thread-safe; one per record and
// thread.
class WordTokenizer {
 public:
  // Each occurrence of a word adds `wdf`.
  WordTokenizer(TextAnalysis analysis, unsigned wdf);
  ~WordTokenizer();
  WordTokenizer(const WordTokenizer&) = delete;
  WordTokenizer& operator=(const WordTokenizer&) = delete;

  // Adds the words of `text` at the positions after termpos().
  void add(std::string_view text);
  // The same without positions and without moving termpos().
  void add_without_positions(std::string_view text);
  // The last position given; 0 before the first word.
  std::uint32_t termpos() const;
  // Leaves a gap of `delta` positions, so that no phrase spans it.
  void increase_termpos(std::uint32_t delta = 100);
  // The words added since the last take(), a token per occurrence, in
  // text order.
  std::vector<Token> take();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// wdf per occurrence of a word as written: kWordWdf, 1 for kSnowball.
unsigned word_wdf(TextAnalysis analysis);

// The chain's filters over a record's words (kWord and kElliptic tokens,
// all of the record's at once). Returns the tokens of `words` that are
// neither, then, for each distinct word in byte order, what it adds and
// then its occurrences as given. The order is for Xapian: a Document
// looks every posting up in a std::map of its terms, and postings in term
// order find that map's nodes in the cache. Under kSwedish a word adds
// - its stem (kStem), with each occurrence's position and wdf, except
//   that a word that is its own stem (own_stem()) gives the stem one
//   token without a position, its occurrences' wdf summed; none for a
//   word that starts with no letter ("2015", "§");
// - its compound parts and runs of parts (kPart) and the diacritic-free
//   forms of it and of them (kFolded), swedish::variants(), each with its
//   stem: kVariantWdf per positioned occurrence, at its position (a stem
//   by the same rule as the word's); a word
//   that has no position anywhere in the record (a title word) gives
//   each once, without positions.
// Under kSnowball a word that starts with a letter adds its Snowball stem
// without positions, its occurrences' wdf summed, as Xapian's STEM_SOME.
std::vector<Token> add_stems_and_variants(std::vector<Token> words, TextAnalysis analysis);

// A record's words and what the chain adds, and where the facts found in
// its text sit among its words.
struct RecordTokens {
  std::vector<Token> tokens;
  // The first term position of each page, in the order of doc.pages (what
  // the hit summary keeps, so that a hit can name its page).
  std::vector<std::uint32_t> page_pos;
  // For each offset passed as `anchors`: the position of the word that
  // starts there (an actor term's place); 0 for one outside every page.
  std::vector<std::uint32_t> anchor_pos;
};

// The index half for one record: its text page by page with positions
// (elliptic compounds' full forms at their truncated words), under
// `no_text` (a scan without a text layer) its title and file name with
// positions, its title again without positions, then
// add_stems_and_variants(). `anchors`: byte offsets into doc.text, in
// ascending order, of facts that need a term position (actor mentions).
RecordTokens record_tokens(const NormalizedDoc& doc, const std::vector<std::size_t>& anchors,
                           TextAnalysis analysis, bool no_text);

// The index half for a text alone (a one-page record without a title):
// for tests and tools.
std::vector<Token> text_tokens(std::string_view text, TextAnalysis analysis = TextAnalysis::kSwedish);

}  // namespace arkiv::analyze
