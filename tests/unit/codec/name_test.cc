// escape_name() and unescape_name() (arkiv/record.h): a name that is not
// UTF-8 is written as valid UTF-8 and read back as its exact bytes, the
// form names take in the index's JSON and in --json.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "arkiv/record.h"

namespace arkiv {
namespace {

struct NameCase {
  const char* why;
  std::string bytes;
  std::string escaped;
};

const NameCase kCases[] = {
    {"UTF-8 is unchanged", "corpus/Bilaga 1 avtal.pdf", "corpus/Bilaga 1 avtal.pdf"},
    {"Swedish letters in UTF-8", "c/\xc3\xa5r \xc3\xa4r \xc3\xb6.pdf", "c/\xc3\xa5r \xc3\xa4r \xc3\xb6.pdf"},
    {"empty", "", ""},
    {"Latin-1 e acute (issue 21)", "c/caf\xe9.txt", "c/caf\\xe9.txt"},
    {"CP437 a umlaut, a ZIP member", "r\x84kning.pdf", "r\\x84kning.pdf"},
    {"a lead byte cut short", "a\xc3", "a\\xc3"},
    {"a three-byte sequence cut short", "\xe2\x80.pdf", "\\xe2\\x80.pdf"},
    {"a UTF-16 surrogate written in UTF-8", "\xed\xa0\x80", "\\xed\\xa0\\x80"},
    {"an overlong slash", "\xc0\xaf", "\\xc0\\xaf"},
    {"above U+10FFFF", "\xf4\x90\x80\x80", "\\xf4\\x90\\x80\\x80"},
    {"control characters are UTF-8: JSON escapes them", "x\x1b]0;owned\x07\n.pdf", "x\x1b]0;owned\x07\n.pdf"},
    {"a backslash that would read as an escape", "a\\x41.pdf", "a\\x5cx41.pdf"},
    {"... with upper-case hex digits", "a\\xE9", "a\\x5cxE9"},
    {"two backslashes, the second before x41", "\\\\x41", "\\\\x5cx41"},
    {"a backslash before one hex digit", "a\\x4", "a\\x4"},
    {"a backslash before X", "a\\X41", "a\\X41"},
    {"a backslash at the end", "dir\\", "dir\\"},
    {"a backslash before a byte that is not UTF-8", "\\\xe9", "\\\\xe9"},
    {"a backslash, x, a hex digit and a byte that is not UTF-8", "\\xe\xe9", "\\xe\\xe9"},
};

TEST(EscapeName, Table) {
  for (const NameCase& c : kCases) {
    EXPECT_EQ(escape_name(c.bytes), c.escaped) << c.why;
    EXPECT_EQ(unescape_name(c.escaped), c.bytes) << c.why;
    EXPECT_TRUE(is_utf8(escape_name(c.bytes))) << c.why;
  }
}

TEST(EscapeName, UnescapeReadsEitherCase) {
  EXPECT_EQ(unescape_name("caf\\xE9.txt"), "caf\xe9.txt");
  EXPECT_EQ(unescape_name("caf\\xe9.txt"), "caf\xe9.txt");
  // Text that escape_name() never writes still reads by the one rule.
  EXPECT_EQ(unescape_name("\\x41"), "A");
  EXPECT_EQ(unescape_name("\\xg1\\x"), "\\xg1\\x");
}

TEST(EscapeName, EveryByteAndRandomNamesRoundTrip) {
  for (int b = 0; b < 256; ++b) {
    const std::string one(1, static_cast<char>(b));
    EXPECT_EQ(unescape_name(escape_name(one)), one) << b;
    EXPECT_TRUE(is_utf8(escape_name(one))) << b;
    EXPECT_EQ(escape_name(one) == one, b < 0x80) << b;
  }
  // Names built from the characters that make escapes, and bytes that
  // begin, continue or break UTF-8 sequences: every one gives its bytes
  // back, as valid UTF-8.
  const std::string alphabet = std::string("\\xX4eE1g/.") + "\xe9\xc3\xa9\x80\xed\xa0\xf0\x9f\x98\x80";
  std::mt19937 rng(21);
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1), length(0, 12);
  for (int i = 0; i < 20000; ++i) {
    std::string name;
    for (std::size_t n = length(rng); n > 0; --n) name += alphabet[pick(rng)];
    const std::string escaped = escape_name(name);
    ASSERT_EQ(unescape_name(escaped), name) << escaped;
    ASSERT_TRUE(is_utf8(escaped)) << escaped;
    if (is_utf8(name) && name.find("\\x") == std::string::npos) {
      ASSERT_EQ(escaped, name);
    }
  }
}

}  // namespace
}  // namespace arkiv
