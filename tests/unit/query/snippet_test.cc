// Snippets and "did you mean" as a user sees them in a hit: the quoted
// text, the byte ranges marked in it, the page it is from, and the query
// suggested for a misspelt word. Small indexes made from a few text files
// (a form feed starts a new page), searched through Searcher only.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "../scratch.h"

namespace arkiv {
namespace {

using test::Scratch;

// The marked parts of a hit's snippet, in order.
std::vector<std::string> marked(const Hit& h) {
  std::vector<std::string> out;
  for (const auto& [begin, end] : h.highlights) {
    EXPECT_LT(begin, end);
    EXPECT_LE(end, h.snippet.size());
    if (begin < end && end <= h.snippet.size()) out.push_back(h.snippet.substr(begin, end - begin));
  }
  return out;
}

class Snippets : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_ = new Scratch;
    s_->write("avtal.txt",
              "Avtal om samarbete\n"
              "Kommunstyrelsen beslutade den 3 maj 2016 att teckna avtalet.\n"
              "\f"
              "Uppföljning\n"
              "Partnerskapet med Zhuhai har gett utbyten inom skola och kultur.\n"
              "Zhuhai besöktes av en delegation hösten 2018.\n");
    s_->write("budget.txt", "Budget 2019\nKommunfullmäktige fastställde budgeten för skola och omsorg.\n");
    ASSERT_EQ(s_->index().indexed, 2u);
  }
  static void TearDownTestSuite() {
    delete s_;
    s_ = nullptr;
  }
  static Scratch* s_;
};
Scratch* Snippets::s_ = nullptr;

TEST_F(Snippets, QuoteTheMatchOnItsPageAndMarkIt) {
  const SearchResult r = s_->search("Zhuhai");
  ASSERT_EQ(r.total, 1u);
  const Hit& h = r.hits.at(0);
  EXPECT_EQ(h.path, s_->path("avtal.txt"));
  EXPECT_EQ(h.pages, std::vector<int>{2});
  EXPECT_EQ(h.snippet_page, 2);
  // The page's lines joined by blanks; both mentions marked, by byte range.
  EXPECT_EQ(h.snippet,
            "Uppföljning Partnerskapet med Zhuhai har gett utbyten inom skola och kultur. "
            "Zhuhai besöktes av en delegation hösten 2018.");
  EXPECT_EQ(h.highlights, (std::vector<Highlight>{{31, 37}, {78, 84}}));
  EXPECT_EQ(marked(h), (std::vector<std::string>{"Zhuhai", "Zhuhai"}));
  EXPECT_TRUE(r.suggestion.empty());
}

TEST_F(Snippets, InflectedFormsAreMarkedAsWritten) {
  // "avtal" finds "avtalet" (its lemma) and marks the form in the text.
  const SearchResult r = s_->search("avtal");
  ASSERT_EQ(r.total, 1u);
  const Hit& h = r.hits.at(0);
  EXPECT_EQ(h.snippet_page, 1);
  EXPECT_EQ(h.snippet, "Avtal om samarbete Kommunstyrelsen beslutade den 3 maj 2016 att teckna avtalet.");
  EXPECT_EQ(marked(h), (std::vector<std::string>{"Avtal", "avtalet"}));
}

// A phrase is marked as one range, not word by word.
TEST_F(Snippets, APhraseIsMarkedWhereItStands) {
  const SearchResult r = s_->search("\"skola och kultur\"");
  ASSERT_EQ(r.total, 1u);
  const Hit& h = r.hits.at(0);
  EXPECT_EQ(h.snippet_page, 2);
  EXPECT_EQ(marked(h), std::vector<std::string>{"skola och kultur"});
}

TEST_F(Snippets, ALongPageIsCutToTheSnippetLengthAroundTheMatch) {
  Scratch s;
  std::string text;
  for (int i = 0; i < 60; ++i) text += "Inledande mening nummer " + std::to_string(i) + " utan något särskilt.\n";
  text += "Här nämns Movexum en enda gång.\n";
  for (int i = 0; i < 60; ++i) text += "Avslutande mening nummer " + std::to_string(i) + ".\n";
  s.write("lang.txt", text);
  ASSERT_EQ(s.index().indexed, 1u);
  Searcher searcher(s.search_options());
  SearchRequest req;
  req.query = "movexum";
  req.snippet_bytes = 120;
  const SearchResult r = searcher.search(req);
  ASSERT_EQ(r.hits.size(), 1u);
  const Hit& h = r.hits[0];
  // Cut at words, the cuts shown by an ellipsis, about 120 bytes long.
  EXPECT_EQ(h.snippet,
            "…Movexum en enda gång. Avslutande mening nummer 0. Avslutande mening nummer 1. "
            "Avslutande mening nummer 2. Avslutande…");
  EXPECT_EQ(h.highlights, (std::vector<Highlight>{{3, 10}}));
  EXPECT_EQ(marked(h), std::vector<std::string>{"Movexum"});
}

TEST_F(Snippets, AMisspeltWordGetsTheIndexWordClosestToIt) {
  const SearchResult r = s_->search("Zhuhia");
  EXPECT_EQ(r.total, 0u);
  EXPECT_EQ(r.suggestion, "zhuhai");
  EXPECT_EQ(s_->search("partnerskapt").suggestion, "partnerskapet");
  // Only the misspelt word changes; words with hits stay as typed.
  EXPECT_EQ(s_->search("kommunstyrelsen partnerskapt").suggestion, "kommunstyrelsen partnerskapet");
}

TEST_F(Snippets, NoSuggestionWhenTheWordsHaveHitsOrNothingIsClose) {
  EXPECT_TRUE(s_->search("budget").suggestion.empty());
  const SearchResult far = s_->search("xylofon");
  EXPECT_EQ(far.total, 0u);
  EXPECT_TRUE(far.suggestion.empty());
}

}  // namespace
}  // namespace arkiv
