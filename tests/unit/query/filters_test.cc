// The filter table (query/filters.h) through the query front end
// (query/front_end.h): every name and alias, good and bad values, the
// typed errors, the Xapian query each filter builds, and the README's
// filter table generated from it.
#include "query/filters.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "arkiv/error.h"
#include "codec/format.h"
#include "query/front_end.h"
#include "query/open.h"

namespace arkiv::query {
namespace {

// Every name and alias finds its filter, in any case.
TEST(Filters, NamesAndAliases) {
  const std::pair<const char*, const char*> cases[] = {
      {"datum", "datum"}, {"date", "datum"},   {"DATE", "datum"},    {"år", "år"},       {"year", "år"},
      {"ÅR", "år"},       {"typ", "typ"},      {"type", "typ"},      {"Typ", "typ"},     {"dnr", "dnr"},
      {"ref", "ref"},     {"i", "i"},          {"in", "i"},          {"från", "från"},   {"from", "från"},
      {"till", "till"},   {"to", "till"},      {"aktör", "aktör"},   {"actor", "aktör"}, {"titel", "titel"},
      {"title", "titel"}, {"sökväg", "sökväg"}, {"path", "sökväg"},  {"aktörid", "aktörid"},
      {"pnr", "pnr"},     {"personnummer", "pnr"}, {"personuppgifter", "personuppgifter"},
      {"personaldata", "personuppgifter"},
  };
  for (const auto& [name, filter] : cases) {
    const Filter* f = find_filter(name);
    ASSERT_NE(f, nullptr) << name;
    EXPECT_STREQ(f->name, filter) << name;
  }
  for (const char* name : {"aktr", "tyyp", "datun", "format", "S", "", "typ:"})
    EXPECT_EQ(find_filter(name), nullptr) << name;
  // No name is given twice.
  std::vector<std::string> seen;
  for (const Filter& f : filters()) {
    std::vector<std::string> names{f.name};
    names.insert(names.end(), f.aliases.begin(), f.aliases.end());
    for (const std::string& n : names) {
      EXPECT_EQ(std::count(seen.begin(), seen.end(), n), 0) << n;
      seen.push_back(n);
    }
  }
}

// What the front end makes of one field: the query Xapian reads, or the
// error. "!" + the filter name for a QueryFilterError kBadValue, "?" + it
// for kUnknownFilter.
std::string front(const std::string& query) {
  try {
    return prepare_query(query, TextAnalysis::kSwedish);
  } catch (const QueryFilterError& e) {
    return (e.kind() == QueryFilterError::Kind::kBadValue ? "!" : "?") + e.filter();
  }
}

TEST(Filters, GoodAndBadValues) {
  const std::pair<const char*, const char*> cases[] = {
      // datum: years, months, days, open ends; one value is its period.
      {"datum:2016..2020", "datum:2016..2020"},
      {"date:2019-03..2019-06", "datum:2019-03..2019-06"},
      {"datum:..2011", "datum:..2011"},
      {"datum:2016..", "datum:2016.."},
      {"datum:2017-05..2017-06-15", "datum:2017-05..2017-06-15"},
      {"datum:2020", "datum:2020..2020"},
      {"datum:2010-06-15", "datum:2010-06-15..2010-06-15"},
      {"datum:2016..igår", "!datum"},
      {"datum:2020-13", "!datum"},
      {"datum:2020-02-32", "!datum"},
      {"datum:2021..2019", "!datum"},
      {"datum:..", "!datum"},
      {"datum:igår", "!datum"},
      {"Date:abc", "!Date"},
      // år:
      {"år:2017", "år:2017"},
      {"year:2017", "år:2017"},
      {"år:abc", "!år"},
      {"år:17", "!år"},
      {"år:2016..2017", "!år"},
      // typ: Swedish, English and other names of the record types.
      {"typ:avtal", "typ:avtal"},
      {"type:minutes", "typ:minutes"},
      {"typ:Beslut", "typ:Beslut"},
      {"typ:\"allmänna råd\"", "typ:\"allmänna råd\""},
      {"typ:bilaga", "typ:bilaga"},
      {"typ:föreskrifter", "typ:föreskrifter"},
      {"typ:okänd", "!typ"},
      {"tyyp:avtal", "?tyyp"},
      // dnr: takes what it is given.
      {"dnr:\"KS 2015/456\"", "dnr:\"KS 2015/456\""},
      {"dnr:KS-2015-0456", "dnr:KS-2015-0456"},
      // ref: a reference the indexer can have written, or a URL; a kind
      // alone or a form it does not know is an error.
      {"ref:\"skr. 2019/20:18\"", "ref:\"skr. 2019/20:18\""},
      {"ref:\"prop 2008/09:5\"", "ref:\"prop 2008/09:5\""},
      {"ref:https://www.riksdagen.se/sv", "ref:https://www.riksdagen.se/sv"},
      {"ref:SOU", "!ref"},
      {"ref:\"SOU 2015\"", "!ref"},
      {"ref:\"KS 2015/456\"", "!ref"},
      // i:
      {"i:bilagor", "i:bilagor"},
      {"in:attachments", "i:attachments"},
      {"i:beslut", "i:beslut"},
      {"i:bilagr", "!i"},
      {"-i:b?ilagor", "!i"},
      // Word fields: any word, lower-cased as words are.
      {"från:Anna", "från:anna"},
      {"to:registrator", "till:registrator"},
      {"title:Uppföljning", "titel:uppföljning"},
      {"path:protokoll", "sökväg:protokoll"},
      // aktör: a name, an acronym or an id; the value as typed.
      {"aktör:ICLD", "aktör:ICLD"},
      {"actor:\"Högskolan i Gävle\"", "aktör:\"Högskolan i Gävle\""},
      {"aktör:???", "!aktör"},
      {"aktr:ICLD", "?aktr"},
      // Unknown names of two letters or more are errors; of one, text.
      {"datun:2020", "?datun"},
      {"format:pdf", "?format"},
      {"S:t Eriks", "s:t eriks"},
      {"s:a 300 kr", "s:a 300 kr"},
      // Endings after an abbreviation are text.
      {"SKR:s nätverk", "skr:s nätverk"},
      {"skr:s nätverk", "skr:s nätverk"},
      {"EU:s", "eu:s"},
      {"TV:n", "tv:n"},
      {"SMS:en", "sms:en"},
      {"PDF:er", "pdf:er"},
      {"aktr:s", "aktr:s"},
      {"tyyp:\"s\"", "?tyyp"},
      // pnr: a personal identity number in any written form, read as one
      // whether typed as a filter, a word or a phrase; no valid number
      // (check digit, date, an organisationsnummer) is an error.
      {"pnr:811218-9876", "pnr:811218-9876"},
      {"personnummer:198112189876", "pnr:198112189876"},
      {"811218-9876", "pnr:198112189876"},
      {"811218+9876", "pnr:188112189876"},
      {"8112189876", "pnr:198112189876"},
      {"19811218-9876", "pnr:198112189876"},
      {"198112189876", "pnr:198112189876"},
      {"\"811218-9876\"", "pnr:198112189876"},
      {"avtal -811218-9876", "avtal -pnr:198112189876"},
      {"811218-9875", "811218-9875"},  // wrong check digit: a word like any other
      {"pnr:811218-9875", "!pnr"},
      {"pnr:802005-1952", "!pnr"},  // an organisationsnummer
      {"pnr:abc", "!pnr"},
      // personuppgifter: any number, or one kind.
      {"personuppgifter:ja", "personuppgifter:ja"},
      {"personaldata:yes", "personuppgifter:yes"},
      {"personuppgifter:samordningsnummer", "personuppgifter:samordningsnummer"},
      {"personuppgifter:kanske", "!personuppgifter"},
  };
  for (const auto& [query, expected] : cases) EXPECT_EQ(front(query), expected) << query;
}

// The errors are typed and carry what the CLI says in the user's language.
TEST(Filters, TypedErrors) {
  try {
    prepare_query("Zhuhai aktr:ICLD", TextAnalysis::kSwedish);
    FAIL() << "no error";
  } catch (const QueryFilterError& e) {
    EXPECT_EQ(e.kind(), QueryFilterError::Kind::kUnknownFilter);
    EXPECT_EQ(e.filter(), "aktr");
    EXPECT_EQ(e.value(), "ICLD");
    EXPECT_EQ(e.query(), "Zhuhai aktr:ICLD");
    EXPECT_EQ(e.accepted(), filter_names());
    EXPECT_NE(e.accepted().find("aktör:, actor:"), std::string::npos) << e.accepted();
    EXPECT_EQ(e.accepted().find("aktörid"), std::string::npos) << e.accepted();
    EXPECT_NE(std::string(e.what()).find("\"Zhuhai aktr:ICLD\""), std::string::npos) << e.what();
  }
  try {
    prepare_query("typ:okänd", TextAnalysis::kSwedish);
    FAIL() << "no error";
  } catch (const QueryFilterError& e) {
    EXPECT_EQ(e.kind(), QueryFilterError::Kind::kBadValue);
    EXPECT_EQ(e.filter(), "typ");
    EXPECT_EQ(e.value(), "okänd");
    EXPECT_EQ(e.accepted(), find_filter("typ")->accepts);
  }
  // A QueryFilterError is a QueryError: callers that only know those
  // still report it.
  EXPECT_THROW(prepare_query("år:abc", TextAnalysis::kSwedish), QueryError);
}

// Xapian's DatabaseModifiedError is typed where it is caught, not
// recognised later in a message.
TEST(Filters, XapianErrorsAreTyped) {
  auto typed = [](auto thrown) -> std::string {  // by value: thrown as its own type
    try {
      try {
        throw thrown;
      } catch (const Xapian::Error& e) {
        throw_index_error("search failed", e);
      }
    } catch (const IndexModifiedError& e) {
      return std::string("IndexModifiedError ") + e.what();
    } catch (const IndexError& e) {
      return std::string("IndexError ") + e.what();
    }
    return "none";
  };
  EXPECT_EQ(typed(Xapian::DatabaseModifiedError("revision discarded")).rfind("IndexModifiedError search failed: ", 0), 0u);
  EXPECT_EQ(typed(Xapian::DatabaseCorruptError("bad block")).rfind("IndexError search failed: ", 0), 0u);
}

// The Xapian query each filter builds, on the terms the index side writes
// (schema.h's prefixes).
TEST(Filters, XapianQueries) {
  const std::pair<const char*, const char*> cases[] = {
      {"typ:avtal", "XTYPEavtal"},
      {"type:minutes", "XTYPEprotokoll"},
      {"typ:\"allmänna råd\"", "XTYPEallmänna råd"},
      {"år:2017", "XYEAR2017"},
      {"i:bilagor", "XROLEbilaga"},
      {"in:decisions", "XROLEhuvud"},
      {"ref:\"skr. 2019/20:18\"", "XREFskr. 2019/20:18"},
      // A reference in whatever case its kind is typed: the form the
      // indexer writes (SOU 2015:109 is printed in upper case, Ds with a
      // capital, dir. in lower case).
      {"ref:\"sou 2015:109\"", "XREFSOU 2015:109"},
      {"ref:\"SOU 2015:109\"", "XREFSOU 2015:109"},
      {"ref:\"ds 1998:10\"", "XREFDs 1998:10"},
      {"ref:\"Dir. 2018:6\"", "XREFdir. 2018:6"},
      {"ref:\"Skr. 2019/20:18\"", "XREFskr. 2019/20:18"},
      {"ref:\"skr 2019/20:18\"", "XREFskr. 2019/20:18"},  // the period left out
      {"ref:\"Prop 1999/2000:17\"", "XREFprop. 1999/2000:17"},
      {"ref:https://www.riksdagen.se/sv/dokument", "XREFhttps://www.riksdagen.se/sv/dokument"},
      {"från:anna", "ZXFROMann"},
      {"title:uppföljning", "ZSuppfölj"},
      {"path:protokoll", "ZXPATHprotokoll"},
      {"aktör:ICLD", "XACTORinternationellt-centrum-for-lokal-demokrati"},
      {"aktörid:gavle_kommun", "XACTORgavle-kommun"},
      {"datum:2016..2020", "VALUE_RANGE 5 2016-01-01 2020-12-31"},
      {"datum:2020", "VALUE_RANGE 5 2020-01-01 2020-12-31"},
      {"date:..2011", "VALUE_LE 5 2011-12-31"},
      {"pnr:811218-9876", "XPNR198112189876"},
      {"19811218-9876", "XPNR198112189876"},
      {"personuppgifter:ja", "(XPDATApersonnummer OR XPDATAsamordningsnummer OR XPDATAinterim)"},
      {"personuppgifter:interim", "XPDATAinterim"},
  };
  for (const auto& [query, part] : cases) {
    Xapian::QueryParser qp;
    configure_query_parser(qp);
    const std::string d =
        qp.parse_query(prepare_query(query, TextAnalysis::kSwedish), query_flags()).get_description();
    EXPECT_NE(d.find(part), std::string::npos) << query << ": " << d;
  }
}

// README.md's filter table is the table generated from filters().
TEST(Filters, ReadmeTableIsGenerated) {
  std::ifstream in(std::string(ARKIV_SOURCE_DIR) + "/README.md");
  ASSERT_TRUE(in) << "README.md";
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string readme = ss.str();
  const std::string begin = "<!-- filters:begin -->\n", end = "<!-- filters:end -->";
  const std::size_t b = readme.find(begin), e = readme.find(end);
  ASSERT_NE(b, std::string::npos) << "README.md has no " << begin;
  ASSERT_NE(e, std::string::npos) << "README.md has no " << end;
  ASSERT_LT(b, e);
  EXPECT_EQ(readme.substr(b + begin.size(), e - b - begin.size()), "\n" + filters_markdown() + "\n")
      << "regenerate with: arkiv search --filters --markdown";
}

TEST(Filters, MarkdownCells) {
  EXPECT_EQ(filter_usage_markdown(*find_filter("datum")), "`datum:A..B` (`date:`)");
  EXPECT_EQ(filter_usage_markdown(*find_filter("i")), "`i:bilagor`, `i:beslut` (`in:attachments`, `in:decisions`)");
  EXPECT_EQ(filter_usage_markdown(*find_filter("dnr")), "`dnr:N`");
  EXPECT_EQ(filter_examples_markdown(*find_filter("dnr")), "`dnr:\"KS 2015/456\"`, `dnr:KS-2015-0456`");
  EXPECT_EQ(filters_markdown().find("aktörid"), std::string::npos);
}

}  // namespace
}  // namespace arkiv::query
