// The normal forms the analysis and the audit take from ICU's normalizers
// (util/text.h) give what ICU's transliterators gave, which a search
// process no longer sets up: the first one cost 140 M instructions.
#include "util/text.h"

#include <gtest/gtest.h>

namespace arkiv::util {
namespace {

TEST(WithoutMarks, RemovesNonspacingMarksAsTheTransliteratorDid) {
  struct Case {
    const char* in;
    const char* out;
  } cases[] = {
      {"gävle", "gavle"},
      {"Högskolan", "Hogskolan"},
      {"försörjning", "forsorjning"},
      {"Åre", "Are"},
      {"linnéus", "linneus"},
      {"Müller", "Muller"},
      {"Gdańsk", "Gdansk"},
      {"a\xcc\x88r", "ar"},        // NFD "är", as a PDF's ToUnicode map may give it
      {"æble", "æble"},              // æ is a letter, not "a" with a mark
      {"ø", "ø"},                    // likewise: no decomposition
      {"zhuhai", "zhuhai"},
      {"", ""},
      {"2015–2020", "2015–2020"},    // an en dash is no mark
  };
  for (const Case& c : cases) {
    EXPECT_EQ(without_marks(c.in), c.out) << c.in;
    EXPECT_EQ(without_marks(c.in), transliterate("NFD; [:Nonspacing Mark:] Remove; NFC", c.in)) << c.in;
  }
}

TEST(Nfc, ComposesWhatANameListsDecomposed) {
  struct Case {
    const char* in;
    const char* out;
  } cases[] = {
      {"data/a\xcc\x88ndrad.txt", "data/\xc3\xa4ndrad.txt"},  // a bag made on macOS
      {"data/\xc3\xa4ndrad.txt", "data/\xc3\xa4ndrad.txt"},
      {"data/A\xcc\x8a" "r.pdf", "data/\xc3\x85r.pdf"},
      {"plain.txt", "plain.txt"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(nfc(c.in), c.out) << c.in;
    EXPECT_EQ(nfc(c.in), transliterate("NFC", c.in)) << c.in;
  }
}

}  // namespace
}  // namespace arkiv::util
