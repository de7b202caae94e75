// The query lexer (query/lexer.h): what is a word, a phrase, a field, an
// operator and a sign, and that a colon in ordinary text stays text.
#include "query/lexer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace arkiv::query {
namespace {

// A compact form of the tokens: W(word) P(phrase) F(name:value) O(op) ( )
// with a sign before, and '~' before a token glued to the one before.
std::string shape(const std::vector<Token>& tokens) {
  std::string out;
  for (const Token& t : tokens) {
    if (!out.empty()) out += ' ';
    if (t.glued) out += '~';
    if (t.sign) out += t.sign;
    switch (t.kind) {
      case TokenKind::kWord: out += "W(" + t.text + ")"; break;
      case TokenKind::kPhrase: out += "P(" + t.text + ")"; break;
      case TokenKind::kField: out += "F(" + t.field + ":" + (t.quoted ? "\"" + t.text + "\"" : t.text) + ")"; break;
      case TokenKind::kOperator: out += "O(" + t.text + ")"; break;
      case TokenKind::kOpen: out += "("; break;
      case TokenKind::kClose: out += ")"; break;
    }
  }
  return out;
}

TEST(Lexer, Tokens) {
  const std::pair<const char*, const char*> cases[] = {
      {"", ""},
      {"Zhuhai", "W(Zhuhai)"},
      {"  Zhuhai   Kina ", "W(Zhuhai) W(Kina)"},
      {"\"Högskolan i Gävle\"", "P(Högskolan i Gävle)"},
      {"\"unclosed phrase", "P(unclosed phrase)"},
      {"typ:avtal", "F(typ:avtal)"},
      {"dnr:\"KS 2015/456\"", "F(dnr:\"KS 2015/456\")"},
      {"aktör:ICLD år:2017", "F(aktör:ICLD) F(år:2017)"},
      {"sökväg:protokoll", "F(sökväg:protokoll)"},
      {"datum:2016..2020", "F(datum:2016..2020)"},
      {"Typ:avtal", "F(Typ:avtal)"},
      {"aktr:ICLD", "F(aktr:ICLD)"},  // a field; the filter table says it names no filter
      {"Zhuhai AND Kina", "W(Zhuhai) O(AND) W(Kina)"},
      {"a OR b NOT c XOR d", "W(a) O(OR) W(b) O(NOT) W(c) O(XOR) W(d)"},
      {"avtal NEAR/3 Zhuhai ADJ b NEAR c", "W(avtal) O(NEAR/3) W(Zhuhai) O(ADJ) W(b) O(NEAR) W(c)"},
      {"and or not", "W(and) W(or) W(not)"},  // operators are upper case
      {"NEARBY NEAR/x", "W(NEARBY) W(NEAR/x)"},
      {"-Kina", "-W(Kina)"},
      {"+avtal -Kina", "+W(avtal) -W(Kina)"},
      {"-\"ICLD Kina\"", "-P(ICLD Kina)"},
      {"-i:bilagor", "-F(i:bilagor)"},
      {"-(Kina OR Jilin)", "-( ~W(Kina) O(OR) W(Jilin) ~)"},
      {"(-Kina)", "( ~-W(Kina) ~)"},
      {"(typ:avtal OR typ:beslut)", "( ~F(typ:avtal) O(OR) F(typ:beslut) ~)"},
      {"- Kina", "W(-) W(Kina)"},                       // a lone dash is text
      {"Post- och telestyrelsen", "W(Post-) W(och) W(telestyrelsen)"},
      {"2016-2020", "W(2016-2020)"},
      {"-NOT", "-W(NOT)"},  // a signed word is no operator
      {"ICLD,", "W(ICLD,)"},
      {"Zhuhai?", "W(Zhuhai?)"},
      {"samverk*", "W(samverk*)"},
      // A colon in ordinary text stays text.
      {"kl. 10:30", "W(kl.) W(10:30)"},
      {"SFS 2018:218", "W(SFS) W(2018:218)"},
      {"prop. 1999/2000:17", "W(prop.) W(1999/2000:17)"},
      {"Dir. 2019:12", "W(Dir.) W(2019:12)"},
      {"https://www.gavle.se/kommun", "W(https://www.gavle.se/kommun)"},
      {"Obs: läs", "W(Obs:) W(läs)"},
      {"ref:\"SFS 2018:218\"", "F(ref:\"SFS 2018:218\")"},
      {"S:t Eriks", "F(S:t) W(Eriks)"},  // a field by form; one letter naming no filter is text (front_end_test)
      {"kl.10:30", "W(kl.10:30)"},
      {"title:", "W(title:)"},  // no value: text
      {"a\"b c\"", "W(a) ~P(b c)"},
  };
  for (const auto& [query, expected] : cases) EXPECT_EQ(shape(lex(query)), expected) << query;
}

TEST(Lexer, OffsetsCoverTheTokens) {
  const std::string q = "  -\"ICLD Kina\" dnr:\"KS 2015/456\" (a OR b)";
  for (const Token& t : lex(q)) {
    ASSERT_LE(t.begin, t.end);
    ASSERT_LE(t.end, q.size());
  }
  const auto tokens = lex(q);
  EXPECT_EQ(q.substr(tokens[0].begin, tokens[0].end - tokens[0].begin), "-\"ICLD Kina\"");
  EXPECT_EQ(q.substr(tokens[1].begin, tokens[1].end - tokens[1].begin), "dnr:\"KS 2015/456\"");
}

// What render() writes is what was typed, spaces aside: Xapian's parser
// reads the same query as before the front end lexed it.
TEST(Lexer, RenderGivesTheQueryBack) {
  for (const char* q : {"Zhuhai", "\"Högskolan i Gävle\" Kina", "dnr:\"KS 2015/456\"", "-Kina +avtal",
                        "(typ:avtal OR typ:beslut) -i:bilagor", "avtal NEAR/3 Zhuhai", "kl. 10:30 SFS 2018:218",
                        "-(Kina OR Jilin)", "ICLD, Kina", "a\"b c\"", "Post- och telestyrelsen", "samverk*"})
    EXPECT_EQ(render(lex(q)), q) << q;
  EXPECT_EQ(render(lex("  a   b  ")), "a b");
  EXPECT_EQ(render(lex("\"unclosed")), "\"unclosed\"");
}

}  // namespace
}  // namespace arkiv::query
