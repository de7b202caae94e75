// Inputs tests/fuzz/fuzz_ingest found (the whole ingest of one file, as
// `arkiv index` does it), each indexed as a user would: the run goes on,
// the record is there and found by its words.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "../scratch.h"
#include "analyze/swedish.h"

namespace arkiv {
namespace {

std::string regression(const std::string& name) {
  std::ifstream in(std::filesystem::path(ARKIV_SOURCE_DIR) / "tests/data/regressions" / name, std::ios::binary);
  std::ostringstream all;
  all << in.rdbuf();
  return all.str();
}

// A word of combining marks alone (U+0355 after a space) folds to nothing:
// its diacritic-free variant was an empty term, which Xapian refuses with
// an exception that is no std::exception; it left the worker thread and
// `arkiv index` died of SIGABRT, on this file and on every rerun.
TEST(IngestRegressions, AWordOfCombiningMarksAloneIsIndexed) {
  struct {
    const char* name;
    std::string content;
    const char* word;  // found in the record
  } cases[] = {
      {"tecken.txt", "beslut \xcd\x95", "beslut"},
      {"fuzz.eml", regression("fuzz-ingest-combining-mark-alone.eml"), "Chetan"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    test::Scratch s;
    s.write(c.name, c.content);
    const IndexSummary sum = s.index();
    EXPECT_EQ(sum.indexed, 1u);
    EXPECT_TRUE(sum.skipped.empty()) << sum.skipped[0].reason << ": " << sum.skipped[0].detail;
    EXPECT_EQ(s.search(c.word).hits.size(), 1u);
  }
  for (const char* word : {"\xcd\x95", "\xcd\x95\xcc\x81", "a\xcd\x95"})
    for (const analyze::swedish::Variant& v : analyze::swedish::variants(word)) EXPECT_FALSE(v.word.empty()) << word;
}

}  // namespace
}  // namespace arkiv
