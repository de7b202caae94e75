// The term chain as tokens (analyze/token.h): the index half
// (index_tokens.h) on its own, table-driven, then in pairs with the query
// half (query_terms.h): for each row of (text as written, query word), the
// tokens the text gives and the terms the word asks for meet, or must
// not. Last, the QueryParser as arkiv sets it up asks for exactly what the
// query half says, so the pairs hold for real searches too (the pairs
// through the whole index and query sides are in analyzer_test.cc and
// swedish_test.cc).
#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "analyze/analyzer.h"
#include "analyze/index_tokens.h"
#include "analyze/query_terms.h"
#include "analyze/token.h"
#include "query/front_end.h"
#include "index/tokens.h"

namespace arkiv::analyze {
namespace {

using K = TokenKind;

bool has(const std::vector<Token>& tokens, const Token& want) {
  return std::find(tokens.begin(), tokens.end(), want) != tokens.end();
}

bool has_text(const std::vector<Token>& tokens, const std::string& text, K kind) {
  return std::any_of(tokens.begin(), tokens.end(), [&](const Token& t) { return t.text == text && t.kind == kind; });
}

std::string show(const std::vector<Token>& tokens) {
  std::string out;
  for (const Token& t : tokens)
    out += index::term(t) + "[" + std::to_string(t.pos) + "," + std::to_string(t.wdf) + "," +
           std::to_string(static_cast<int>(t.kind)) + "] ";
  return out;
}

// The tokenizer keeps Xapian's TermGenerator word rules (it runs
// TermGenerator with a stopper that records the words): the same terms,
// positions and wdf as TermGenerator writes into a document, for texts
// that exercise its rules (under kSnowball with the chain's stems, as
// STEM_SOME writes them).
TEST(WordTokenizer, GivesTheWordsTermGeneratorWrites) {
  const char* const texts[] = {
      "Kommunstyrelsen beslutade 2015-06-15 (§ 12) om ICLD-finansiering.",
      "S:t Eriks gata; C++ och C#; t.ex. I.B.M. och 3,14 procent; e-post: a.b@gavle.se",
      "Partnerskap med Zhuhai (珠海市) och 珠海, 吉林省 and 한국어 text.",
      "ett ord som är längre än sextiofyra byte: "
      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa slut",
      "av\xC2\xADslag, \xE2\x80\x9D" "citat" "\xE2\x80\x9D, O'Brien & Co, x\xC2\xB7y",
  };
  for (TextAnalysis analysis : {TextAnalysis::kSwedish, TextAnalysis::kSnowball}) {
    for (const char* text : texts) {
      SCOPED_TRACE(text);
      Xapian::Document want;
      Xapian::TermGenerator tg = make_term_generator(analysis);
      if (analysis == TextAnalysis::kSwedish) tg.set_stemming_strategy(Xapian::TermGenerator::STEM_NONE);
      tg.set_document(want);
      tg.index_text(text, 4);
      tg.increase_termpos();
      tg.index_text_without_positions(text, 4);
      tg.index_text(text, 4);
      WordTokenizer words(analysis, 4);
      words.add(text);
      words.increase_termpos();
      words.add_without_positions(text);
      words.add(text);
      EXPECT_EQ(words.termpos(), tg.get_termpos());
      Xapian::Document got;
      std::vector<Token> found = words.take();
      // Under kSnowball the stems are the chain's (STEM_SOME's), which
      // add_stems_and_variants() gives; under kSwedish only the words.
      if (analysis == TextAnalysis::kSnowball) found = add_stems_and_variants(std::move(found), analysis);
      index::add_tokens(got, found);
      auto dump = [](const Xapian::Document& d) {
        std::string out;
        for (auto t = d.termlist_begin(); t != d.termlist_end(); ++t) {
          out += *t + "/" + std::to_string(t.get_wdf()) + "[";
          for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) out += std::to_string(*p) + ",";
          out += "] ";
        }
        return out;
      };
      EXPECT_EQ(dump(got), dump(want));
    }
  }
}

TEST(IndexTokens, WordsCarryPositionsAndTheChainAddsStemsPartsAndFoldedForms) {
  const std::vector<Token> t = text_tokens("Partnerskapsavtalet gäller i Gävle");
  SCOPED_TRACE(show(t));
  // Words as written, lower case, kWordWdf each, positions from 1.
  EXPECT_TRUE(has(t, {"partnerskapsavtalet", 1, K::kWord, kWordWdf}));
  EXPECT_TRUE(has(t, {"gäller", 2, K::kWord, kWordWdf}));
  EXPECT_TRUE(has(t, {"gävle", 4, K::kWord, kWordWdf}));
  // The stem of the compound: its modifiers plus the head's lemma.
  EXPECT_TRUE(has(t, {"partnerskapsavtal", 1, K::kStem, kWordWdf}));
  // Its parts at its position, at the lower weight, with their stems.
  EXPECT_TRUE(has(t, {"partnerskap", 1, K::kPart, kVariantWdf}));
  EXPECT_TRUE(has(t, {"avtalet", 1, K::kPart, kVariantWdf}));
  EXPECT_TRUE(has(t, {"avtal", 1, K::kStem, kVariantWdf}));
  // Diacritic-free forms, at the lower weight.
  EXPECT_TRUE(has(t, {"gavle", 4, K::kFolded, kVariantWdf}));
  EXPECT_TRUE(has(t, {"galler", 2, K::kFolded, kVariantWdf}));
  // No parts for a word that is no compound, no folded form without
  // diacritics.
  EXPECT_FALSE(has_text(t, "i", K::kFolded));
  EXPECT_FALSE(has_text(t, "gäll", K::kPart));
}

TEST(IndexTokens, AWordThatIsItsOwnStemGivesTheStemNoPositions) {
  const std::vector<Token> t = text_tokens("avtal och avtalen, avtal");
  SCOPED_TRACE(show(t));
  EXPECT_TRUE(has(t, {"avtal", 1, K::kWord, kWordWdf}));
  EXPECT_TRUE(has(t, {"avtal", 4, K::kWord, kWordWdf}));
  // "avtal" is its own stem: its stem has no position (the query side
  // reads the word's, own_stem()), one token for both occurrences;
  // "avtalen" gives its position.
  EXPECT_TRUE(has(t, {"avtal", 0, K::kStem, 2 * kWordWdf}));
  EXPECT_TRUE(has(t, {"avtal", 3, K::kStem, kWordWdf}));
  // "2015" starts with no letter: no stem.
  const std::vector<Token> d = text_tokens("beslut 2015");
  EXPECT_FALSE(has_text(d, "2015", K::kStem));
}

TEST(IndexTokens, AnEllipticCompoundGivesItsFullFormAtTheTruncatedWord) {
  const std::vector<Token> t = text_tokens("Miljö- och klimatområdet");
  SCOPED_TRACE(show(t));
  EXPECT_TRUE(has(t, {"miljö", 1, K::kWord, kWordWdf}));
  EXPECT_TRUE(has(t, {"miljöområdet", 1, K::kElliptic, kWordWdf}));
  EXPECT_TRUE(has(t, {"klimatområdet", 3, K::kWord, kWordWdf}));
  // The full form goes through the chain like a word.
  EXPECT_TRUE(has_text(t, "miljöområde", K::kStem) || has_text(t, "miljöområd", K::kStem));
  EXPECT_TRUE(has(t, {"området", 1, K::kPart, kVariantWdf}));
}

TEST(IndexTokens, TitleWordsHaveNoPositionsAndTheirVariantsCountOnce) {
  NormalizedDoc doc;
  doc.title = "Partnerskapsavtal Partnerskapsavtal";
  doc.text = "";
  doc.pages.push_back({1, 0, 0});
  const RecordTokens r = record_tokens(doc, {}, TextAnalysis::kSwedish, false);
  SCOPED_TRACE(show(r.tokens));
  EXPECT_EQ(r.page_pos, std::vector<std::uint32_t>{1});
  EXPECT_EQ(std::count(r.tokens.begin(), r.tokens.end(), Token{"partnerskapsavtal", 0, K::kWord, kWordWdf}), 2);
  EXPECT_EQ(std::count(r.tokens.begin(), r.tokens.end(), Token{"partnerskap", 0, K::kPart, kVariantWdf}), 1);
}

TEST(IndexTokens, FactsAndPagesGetThePositionsOfTheirWords) {
  NormalizedDoc doc;
  doc.text = "Beslut om ICLD.\fAvtal med Gävle kommun.";
  const std::size_t page2 = doc.text.find('\f') + 1;
  doc.pages = {{1, 0, page2 - 1}, {2, page2, doc.text.size()}};
  const std::size_t icld = doc.text.find("ICLD"), gavle = doc.text.find("Gävle");
  const RecordTokens r = record_tokens(doc, {icld, gavle}, TextAnalysis::kSwedish, false);
  EXPECT_EQ(r.page_pos, (std::vector<std::uint32_t>{1, 4}));
  EXPECT_EQ(r.anchor_pos, (std::vector<std::uint32_t>{3, 6}));
  EXPECT_TRUE(has(r.tokens, {"gävle", 6, K::kWord, kWordWdf}));
}

// Rows of (text as written, query word, whether they meet).
struct Pair {
  const char* text;
  const char* word;
  bool meet;
};

const Pair kPairs[] = {
    // Inflection: definite and plural forms meet their base form.
    {"Avtalen gäller från i dag", "avtal", true},
    {"Ett avtal tecknades", "avtalen", true},
    {"svenska kommuner agerar lokalt", "kommunerna", true},
    {"Högskolan i Gävle", "högskola", true},
    {"Kommunstyrelsens beslut", "kommunstyrelsen", true},
    // Compounds: found by their parts and as written.
    {"partnerskapsavtalet mellan Gävle och Zhuhai", "avtal", true},
    {"partnerskapsavtalet mellan Gävle och Zhuhai", "partnerskap", true},
    {"partnerskapsavtalet mellan Gävle och Zhuhai", "partnerskapsavtal", true},
    {"utsläpp av växthusgaserna", "växthus", true},
    // ... at every split point, a linking -s dropped; a compound query by
    // its parts apart (issue 22).
    {"Ändra konfigurationsfiler", "konfiguration", true},
    {"Ändra konfigurationsfiler", "filer", true},
    {"enligt hemförsäljningslagen", "hemförsäljning", true},
    {"enligt hemförsäljningslagen", "lag", true},
    {"inom datasäkerhetsområdet", "datasäkerhet", true},
    {"inom datasäkerhetsområdet", "säkerhetsområde", true},
    {"mot faunakriminalitet", "kriminalitet", true},
    {"försörjning av vatten", "vattenförsörjning", true},
    {"lagen om hemförsäljning", "hemförsäljningslagen", true},
    {"bolagets kapital", "kap", false},
    // Umlaut plurals meet their singular, both ways.
    {"Sveriges städer", "stad", true},
    {"staden", "städer", true},
    {"gamla böcker", "bok", true},
    {"två händer", "hand", true},
    {"nordiska länder", "land", true},
    {"hans söner", "son", true},
    {"kalla fötter", "fot", true},
    // ... but not by a particle or a part the decompounder does not split
    // off ("under|lag" is a word of its own; "avtal" is no "av|tal").
    {"Ett underlag för beslut", "lag", false},
    {"Ett avtal tecknades", "tal", false},
    {"kommunen beslutar", "mun", false},
    // Elliptic compounds: the full form the text implies.
    {"Miljö- och klimatområdet", "miljöområdet", true},
    {"kultur-, fritids- och tekniknämnden", "fritidsnämnden", true},
    // Diacritics: a typed å, ä, ö is a letter; a word typed without them
    // finds the word with them (at a lower weight).
    {"Gävle kommun", "gavle", true},
    {"Gavle kommun", "gävle", false},
    {"Min far bor i Gävle", "får", false},
    {"Kina får allt större betydelse", "far", true},
    // ... in any of its forms: the stem typed without diacritics meets the
    // folded stem of the word with them (the scanned RA-FS 2004:2 and
    // 2006:6 for `forsakringskassan`).
    {"allmänna försäkringskassor", "forsakringskassan", true},
    {"De allmänna försäkringskassorna", "forsakringskassan", true},
    {"Försäkringskassan beslutar", "forsakringskassorna", true},
    {"överklagandet avslogs", "overklaganden", true},
    {"gamla böcker", "bocker", true},
    // Words that start with no letter ask for themselves.
    {"Kommunstyrelsen 2015", "2015", true},
    {"Kommunstyrelsen 2015", "2016", false},
    // A hyphenated typed word is a phrase of its parts.
    {"ICLD-finansiering av projektet", "ICLD-finansiering", true},
    {"finansiering av ICLD", "ICLD-finansiering", true},  // the words; word order is the parser's phrase
};

// The query word's terms are all in the index, or each group of its parts
// (query_part_tokens(): tokens of one position are alternatives) has one.
bool meet(const std::vector<Token>& index, const std::vector<Token>& query, const std::vector<Token>& parts = {}) {
  std::set<std::string> terms;
  for (const Token& t : index) terms.insert(index::term(t));
  if (!query.empty() &&
      std::all_of(query.begin(), query.end(), [&](const Token& q) { return terms.count(index::term(q)) > 0; }))
    return true;
  std::map<std::uint32_t, bool> groups;
  for (const Token& p : parts) groups[p.pos] = groups[p.pos] || terms.count(index::term(p)) > 0;
  return !groups.empty() && std::all_of(groups.begin(), groups.end(), [](const auto& g) { return g.second; });
}

TEST(TokenPairs, IndexTokensAndQueryTermsMeet) {
  for (const Pair& p : kPairs) {
    const std::vector<Token> index = text_tokens(p.text);
    const std::vector<Token> query = query_tokens(p.word);
    const std::vector<Token> parts = query_part_tokens(p.word);
    SCOPED_TRACE(std::string(p.text) + "  <-  " + p.word + "\n  query: " + show(query) + "\n  parts: " + show(parts));
    EXPECT_EQ(meet(index, query, parts), p.meet);
  }
}

TEST(TokenPairs, InAPhraseAWordAsksForItselfAtItsPlace) {
  EXPECT_EQ(query_tokens("avtalen", true), (std::vector<Token>{{"avtalen", 1, K::kWord, 0}}));
  EXPECT_EQ(query_tokens("avtalen"), (std::vector<Token>{{"avtal", 0, K::kStem, 0}}));
  EXPECT_EQ(query_tokens("ICLD-finansiering"),
            (std::vector<Token>{{"icld", 1, K::kWord, 0}, {"finansiering", 2, K::kWord, 0}}));
  EXPECT_EQ(query_tokens("2015"), (std::vector<Token>{{"2015", 0, K::kWord, 0}}));
}

// A compound asks for its parts too, a group per part: the stem of its
// lemma, and the lemma where it is its own stem (whose positions the
// stem does not hold).
TEST(TokenPairs, ACompoundAsksForItsPartsInGroups) {
  EXPECT_EQ(query_part_tokens("vattenförsörjning"),
            (std::vector<Token>{{"vatt", 1, K::kStem, 0}, {"försörjning", 2, K::kStem, 0}, {"försörjning", 2, K::kWord, 0}}));
  EXPECT_EQ(query_part_tokens("kommun"), std::vector<Token>{});
  EXPECT_EQ(query_part_tokens("2015"), std::vector<Token>{});
  EXPECT_EQ(query_part_tokens("ICLD-finansiering"), std::vector<Token>{});
}

// What Xapian's QueryParser, set up by configure_query_parser() and fed by
// prepare_query(), asks the index for: the query half's terms, for every
// query word of the pairs.
TEST(TokenPairs, TheQueryParserAsksForWhatTheQueryHalfSays) {
  Xapian::QueryParser qp;
  query::configure_query_parser(qp, TextAnalysis::kSwedish);
  for (const Pair& p : kPairs) {
    SCOPED_TRACE(p.word);
    const Xapian::Query q =
        qp.parse_query(query::prepare_query(p.word, TextAnalysis::kSwedish), query::query_flags(TextAnalysis::kSwedish));
    std::set<std::string> parsed(q.get_unique_terms_begin(), q.get_unique_terms_end());
    std::set<std::string> half;
    for (const Token& t : query_tokens(p.word)) half.insert(index::term(t));
    for (const Token& t : query_part_tokens(p.word)) half.insert(index::term(t));
    EXPECT_EQ(parsed, half);
  }
}

}  // namespace
}  // namespace arkiv::analyze
