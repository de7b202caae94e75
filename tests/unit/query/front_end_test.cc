// The query front end (query/front_end.h): what Xapian's QueryParser is
// given for a query as typed, and the question fallback's reading.
#include "query/front_end.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <string>

#include "arkiv/error.h"

namespace arkiv::query {
namespace {

TEST(FrontEnd, PreparedQueries) {
  const std::pair<const char*, const char*> cases[] = {
      {"Zhuhai", "(zhuhai OR aktörid:zhuhai)"},  // a gazetteer name
      {"Högskolan Kina", "högskolan kina"},
      {"\"Partnerskap med Zhuhai\"", "\"partnerskap med zhuhai\""},
      {"Avtal AND Kina NEAR/3 avtal", "avtal AND kina NEAR/3 avtal"},
      {"kommunerna NOT Kina", "kommunerna NOT kina"},
      {"Avtal -Kina", "avtal -kina"},
      // Excluded words only: the records without them, as NOT says.
      {"-Kina", "NOT kina"},
      {"-Kina -Jilin", "NOT kina NOT jilin"},
      {"-(Kina OR Jilin)", "NOT (kina OR jilin)"},
      {"-Kina typ:avtal", "-kina typ:avtal"},
      // Filters keep their values as typed; names are the Swedish ones.
      {"Type:Avtal dnr:\"KS 2015/456\"", "typ:Avtal dnr:\"KS 2015/456\""},
      // Ordinary text with colons.
      {"SFS 2018:218", "sfs 2018:218"},
      {"kl. 10:30", "kl. 10:30"},
      {"https://www.gavle.se", "https://www.gavle.se"},
      // Actor names: expanded on the tokens.
      {"ICLD", "(icld OR aktörid:internationellt_centrum_for_lokal_demokrati)"},
      {"icld", "(icld OR aktörid:internationellt_centrum_for_lokal_demokrati)"},
      {"ICLD, Kina", "icld, kina"},  // a name glued to more is none ("EU-projekt")
      {"\"ICLD Kina\"", "\"icld kina\""},
      {"-ICLD Kina", "-icld kina"},
      {"aktör:ICLD", "aktör:ICLD"},
      // Han characters also as pinyin.
      {"珠海", "(珠海 OR zhuhai)"},
  };
  for (const auto& [query, expected] : cases) EXPECT_EQ(prepare_query(query, TextAnalysis::kSwedish), expected) << query;
  // Snowball: no lower-casing, no acronyms.
  EXPECT_EQ(prepare_query("Avtal -Kina", TextAnalysis::kSnowball), "Avtal -Kina");
  EXPECT_EQ(prepare_query("-Kina", TextAnalysis::kSnowball), "NOT Kina");
}

TEST(FrontEnd, ActorExpansionOnTokens) {
  const std::pair<const char*, const char*> cases[] = {
      {"ICLD", "(ICLD OR aktörid:internationellt_centrum_for_lokal_demokrati)"},
      {"(ICLD) Kina", "((ICLD OR aktörid:internationellt_centrum_for_lokal_demokrati)) Kina"},
      {"ICLD OR SKR", "(ICLD OR aktörid:internationellt_centrum_for_lokal_demokrati) OR (SKR OR aktörid:sveriges_kommuner_och_regioner)"},
      {"\"ICLD\" Kina", "\"ICLD\" Kina"},
      {"( ICLD ) Kina", "( (ICLD OR aktörid:internationellt_centrum_for_lokal_demokrati) ) Kina"},
      {"Högskolan i Gävle Kina", "(Högskolan i Gävle OR aktörid:hogskolan_i_gavle) Kina"},
      {"title:ICLD", "title:ICLD"},
  };
  for (const auto& [query, expected] : cases) EXPECT_EQ(expand_actor_names(std::string(query)), expected) << query;
}

// `-Kina` and `NOT Kina` are the same query.
TEST(FrontEnd, ExcludedWordIsNot) {
  Xapian::QueryParser qp;
  configure_query_parser(qp);
  auto parsed = [&](const char* q) {
    return qp.parse_query(prepare_query(q, TextAnalysis::kSwedish), query_flags()).get_description();
  };
  EXPECT_EQ(parsed("-Kina"), parsed("NOT Kina"));
  EXPECT_EQ(parsed("Zhuhai -Kina"), parsed("Zhuhai NOT Kina"));
}

// A compound typed as a plain word is also asked for in its parts
// (query/compounds.h): rewritten to the internal field, which no one can
// type.
TEST(FrontEnd, CompoundWordsGoToTheCompoundField) {
  const std::pair<const char*, const char*> cases[] = {
      {"Vattenförsörjning Kina", "sammansatt:vattenförsörjning kina"},
      {"(vattenförsörjning OR avlopp)", "(sammansatt:vattenförsörjning OR avlopp)"},
      // Left to the parser: signs, phrases, wildcards, NEAR, no compound.
      {"-vattenförsörjning kina", "-vattenförsörjning kina"},
      {"\"vattenförsörjning\"", "\"vattenförsörjning\""},
      {"vattenförsörj*", "vattenförsörj*"},
      {"vattenförsörjning NEAR kommun", "vattenförsörjning NEAR kommun"},
      {"kommun kapital", "kommun kapital"},
  };
  for (const auto& [query, expected] : cases) EXPECT_EQ(prepare_query(query, TextAnalysis::kSwedish), expected) << query;
  EXPECT_EQ(prepare_query("vattenförsörjning", TextAnalysis::kSnowball), "vattenförsörjning");
  EXPECT_THROW(prepare_query("sammansatt:vattenförsörjning", TextAnalysis::kSwedish), QueryFilterError);

  Xapian::QueryParser qp;
  configure_query_parser(qp);
  EXPECT_EQ(qp.parse_query(prepare_query("vattenförsörjning", TextAnalysis::kSwedish), query_flags()).get_description(),
            "Query((Zvattenförsörjning MAX 0.25 * ((Zvatt NEAR 6 (Zförsörjning OR försörjning)) FILTER (Zvatt "
            "AND_NOT Zvattenförsörjning))))");
}

TEST(FrontEnd, PlainWordsAndQuestions) {
  const std::tuple<const char*, bool, bool> cases[] = {
      {"Zhuhai Kina", true, false},
      {"Zhuhai", false, false},
      {"Vilka aktiviteter har genomförts med Zhuhai?", true, true},
      {"Vad kostade resan?", true, true},
      {"Zhuhai AND Kina", false, false},
      {"Zhuhai -Kina", false, false},
      {"\"Zhuhai Kina\"", false, false},
      {"Zhuhai typ:avtal", false, false},
      {"samverk* Kina", false, false},
      {"(Zhuhai Kina)", false, false},
      {"kl 10:30", false, false},
  };
  for (const auto& [query, plain, asks] : cases) {
    const auto tokens = lex(query);
    EXPECT_EQ(plain_words(tokens), plain) << query;
    EXPECT_EQ(plain && question(tokens), asks) << query;
  }
}

}  // namespace
}  // namespace arkiv::query
