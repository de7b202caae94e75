// What record text becomes in markup (util/markup.h): the pages of
// `arkiv serve`, `timeline --html` and `show --premis` all write through
// markup_escaped(), so a record holding "<script>" is text everywhere.
#include "util/markup.h"

#include <gtest/gtest.h>

namespace arkiv::util {
namespace {

TEST(MarkupEscaped, EscapesMarkupAndControlCharactersKeepsTheRest) {
  struct Case {
    std::string in, out;
  } cases[] = {
      {"", ""},
      {"Gävle kommun", "Gävle kommun"},
      {"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
      {"</svg>", "&lt;/svg&gt;"},
      {"AT&T \"Bilaga 1\"", "AT&amp;T &quot;Bilaga 1&quot;"},
      {"&", "&amp;"},
      {"a&&b", "a&amp;&amp;b"},
      {"rad 1\nrad 2\tflik\r", "rad 1\nrad 2\tflik\r"},  // XML allows these
      {std::string("a\x01" "b\x1f", 4), "a&#xFFFD;b&#xFFFD;"},  // and not these (a PDF's stray bytes)
      {std::string("\0", 1), "&#xFFFD;"},
      {"'enkla'", "'enkla'"},  // never in an attribute quoted with '
      {"2015–2020 §", "2015–2020 §"},
  };
  for (const Case& c : cases) EXPECT_EQ(markup_escaped(c.in), c.out) << c.in;
}

TEST(CsvField, QuotesOnlyWhatNeedsIt) {
  EXPECT_EQ(csv_field("Gävle"), "Gävle");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("säger \"nej\""), "\"säger \"\"nej\"\"\"");
  EXPECT_EQ(csv_field("rad\nrad"), "\"rad\nrad\"");
}

}  // namespace
}  // namespace arkiv::util
