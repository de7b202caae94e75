// The page view's words as the helper sends them (extract/page_words.h):
// what is formatted is parsed back, and text in another shape is refused
// rather than read as boxes at made-up places.
#include "extract/page_words.h"

#include <gtest/gtest.h>

namespace arkiv::extract {
namespace {

TEST(PageWords, RoundTrip) {
  PageWords p;
  p.width = 595.276;
  p.height = 841.89;
  p.words = {{"Zhuhai", 167.601, 83.694, 201.771, 95.324}, {"Gävle,", 56.5, 100, 90.25, 111.5}, {"§", 0, 0, 5, 11.63}};
  const std::optional<PageWords> back = parse_page_words(format_page_words(p));
  ASSERT_TRUE(back);
  EXPECT_DOUBLE_EQ(back->width, 595.276);
  EXPECT_DOUBLE_EQ(back->height, 841.89);
  ASSERT_EQ(back->words.size(), 3u);
  EXPECT_EQ(back->words[0].text, "Zhuhai");
  EXPECT_DOUBLE_EQ(back->words[0].x0, 167.601);
  EXPECT_DOUBLE_EQ(back->words[0].y1, 95.324);
  EXPECT_EQ(back->words[1].text, "Gävle,");
  EXPECT_EQ(back->words[2].text, "§");
}

TEST(PageWords, AWordWithALineBreakIsLeftOut) {
  PageWords p;
  p.width = p.height = 100;
  p.words = {{"a\nb", 1, 2, 3, 4}, {"c", 1, 2, 3, 4}};
  const std::optional<PageWords> back = parse_page_words(format_page_words(p));
  ASSERT_TRUE(back);
  ASSERT_EQ(back->words.size(), 1u);
  EXPECT_EQ(back->words[0].text, "c");
}

TEST(PageWords, OtherTextIsRefused) {
  EXPECT_FALSE(parse_page_words(""));
  EXPECT_FALSE(parse_page_words("595 842"));             // no line end
  EXPECT_FALSE(parse_page_words("595\n"));               // no height
  EXPECT_FALSE(parse_page_words("595 842 1\n"));         // more than a size
  EXPECT_FALSE(parse_page_words("595 842\n1 2 3 x\n"));  // a box of three numbers
  EXPECT_FALSE(parse_page_words("%PDF-1.7\n"));
  const std::optional<PageWords> empty_page = parse_page_words("595 842\n");
  ASSERT_TRUE(empty_page);
  EXPECT_TRUE(empty_page->words.empty());
}

}  // namespace
}  // namespace arkiv::extract
