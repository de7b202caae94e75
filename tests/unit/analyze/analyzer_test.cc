// The analysis chain tested in pairs: a text goes through the index side
// (normalize, analyze, make_document), a query through the query side
// (prepare_query, QueryParser), and the table says whether they must meet.
// Swedish-specific pairs are in swedish_test.cc. A change to either side that breaks
// the other fails here.
#include <gtest/gtest.h>
#include <xapian.h>

#include <map>
#include <set>

#include "analyze/analyzer.h"
#include "analyze/swedish.h"
#include "chain.h"
#include "arkiv/pipeline.h"
#include "codec/format.h"

namespace arkiv::analyze {
namespace {

struct Pair {
  const char* text;   // indexed as a page of body text
  const char* query;  // as a user types it
  bool match;
};

using arkiv::testing::matches;

TEST(AnalyzerPairs, IndexAndQuerySidesMeet) {
  const Pair cases[] = {
      // Swedish inflection through the Snowball stemmer.
      {"svenska kommuner agerar lokalt", "kommunerna", true},
      {"svenska kommuner agerar lokalt", "kommun", true},
      {"Kommunstyrelsens beslut", "kommunstyrelsens", true},
      // Case never matters for plain words.
      {"Movexum har dock ett intresse", "movexum", true},
      {"Movexum har dock ett intresse", "MOVEXUM", true},
      {"ICLD-finansiering", "icld", true},
      // Å, Ä and Ö are letters of their own when typed: "får" finds
      // "får", not "far" (swedish_test.cc: `far` finds "får" too, ranked
      // below "far").
      {"Kina får allt större betydelse", "får", true},
      {"Min far bor i Gävle", "får", false},
      {"Gävle kommun", "gävle", true},
      // Hyphenated names are found by their parts and as typed.
      {"ICLD-Internationellt Centrum för Lokal Demokrati", "Internationellt", true},
      {"ICLD-Internationellt Centrum för Lokal Demokrati", "ICLD-Internationellt", true},
      // Phrases keep word order.
      {"Internationellt Centrum för Lokal Demokrati", "\"centrum för lokal demokrati\"", true},
      {"Internationellt Centrum för Lokal Demokrati", "\"demokrati lokal\"", false},
      // AND by default; OR and NOT as typed.
      {"partnerskap med Zhuhai", "partnerskap zhuhai", true},
      {"partnerskap med Zhuhai", "partnerskap gävle", false},
      {"partnerskap med Zhuhai", "partnerskap OR gävle", true},
      {"partnerskap med Zhuhai", "partnerskap NOT zhuhai", false},
      // Typographic quotes in a query work as phrase quotes.
      {"Innovative citizen dialogue as a tool", "\xE2\x80\x9D" "citizen dialogue" "\xE2\x80\x9D", true},
      // Wildcards.
      {"partnerskapsavtalet mellan Gävle och Zhuhai", "partnerskaps*", true},
      // Fields: path words, in English and Swedish.
      {"text", "path:b", true},
      {"text", "sökväg:b", true},
      {"text", "path:c", false},
  };
  for (const Pair& c : cases) {
    SCOPED_TRACE(std::string(c.text) + "  <-  " + c.query);
    EXPECT_EQ(matches(c.text, c.query), c.match);
  }
}

TEST(AnalyzerPathWords, SeparatorsBecomeSpaces) {
  EXPECT_EQ(path_words("corpus/bilaga_2-avtal.pdf"), "corpus bilaga 2 avtal pdf");
  EXPECT_EQ(path_words("Gävle/KS 2015"), "Gävle KS 2015");
}

// The index side leaves out a stem's positions where its word is its own
// stem; the query side reads them from that word (own_stem()). Together
// they must give every position of every form with that stem, as words,
// compound parts, folded forms or elliptic compounds' full forms: the
// pages a hit cites.
TEST(AnalyzerStems, AStemAndItsOwnStemWordHoldEveryPositionOfItsForms) {
  EXPECT_TRUE(own_stem("avtal"));
  EXPECT_TRUE(own_stem("och"));
  EXPECT_FALSE(own_stem("avtalen"));
  EXPECT_FALSE(own_stem("2015"));  // no stem at all: it starts with a digit
  const char* const texts[] = {
      "Avtalen gäller. Ett avtal tecknades. Med avtalets villkor och avtal igen.",
      "Partnerskapsavtalet och samverkansavtal, avtal och avtalen.",
      "Gävle kommun och Gavle; kommunerna i Gävleborg.",
      "Miljö- och klimatområdet, miljöområdet och klimatområden.",
      "Kommunstyrelsen 2015, kommunstyrelsens beslut 2015-06-15 och § 12.",
      "Partnerskap med Zhuhai (珠海市) och 珠海.",
  };
  for (const char* text : texts) {
    SCOPED_TRACE(text);
    NormalizedDoc doc = arkiv::testing::text_record(text, "a/b.pdf", "1");
    Xapian::Document xd = index::make_document(doc, analyze(doc), TextAnalysis::kSwedish);
    auto positions = [&](const std::string& term) {
      std::set<Xapian::termpos> out;
      for (auto t = xd.termlist_begin(); t != xd.termlist_end(); ++t)
        if (*t == term)
          for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) out.insert(*p);
      return out;
    };
    auto has_term = [&](const std::string& term) {
      auto t = xd.termlist_begin();
      t.skip_to(term);
      return t != xd.termlist_end() && *t == term;
    };
    // Every stem of the record's words and what the stems' forms say.
    std::map<std::string, std::set<Xapian::termpos>> forms;
    for (auto t = xd.termlist_begin(); t != xd.termlist_end(); ++t) {
      const std::string& w = *t;
      if (w.empty() || (w[0] >= 'A' && w[0] <= 'Z') || t.positionlist_count() == 0) continue;
      std::string z = "Z";  // appended: GCC 12 warns falsely about "Z" + std::string
      z += swedish::stem(w);
      if (!has_term(z)) continue;  // a word without a stem: "2015", "§"
      for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) forms[z].insert(*p);
    }
    ASSERT_FALSE(forms.empty());
    for (const auto& [z, want] : forms) {
      SCOPED_TRACE(z);
      std::set<Xapian::termpos> got = positions(z);
      if (own_stem(z.substr(1))) {
        const auto word = positions(z.substr(1));
        got.insert(word.begin(), word.end());
      }
      EXPECT_EQ(got, want);
    }
  }
}

}  // namespace
}  // namespace arkiv::analyze
