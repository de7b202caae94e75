// The analysis chain tested in pairs: a text goes through the index side
// (normalize, analyze, make_document), a query through the query side
// (prepare_query, QueryParser), and the table says whether they must meet.
// Swedish-specific pairs are in swedish_test.cc. A change to either side that breaks
// the other fails here.
#include <gtest/gtest.h>
#include <xapian.h>

#include "analyze/analyzer.h"
#include "chain.h"
#include "arkiv/pipeline.h"
#include "arkiv/schema.h"

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

}  // namespace
}  // namespace arkiv::analyze
