// A compound's parts apart are looked for in the records known to hold
// them, read at the second search of an index revision
// (Searcher::Impl::apart_filter()): one Searcher, as `arkiv serve` keeps,
// finds a record that says "försörjning av vatten" for `vattenförsörjning`
// once a commit adds it, and its first answer of a revision (the query as
// parsed) and its later ones (the records read) are the same. The same
// is checked over 211 queries against remote shards, which are read
// without it (tests/shards).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "../scratch.h"
#include "arkiv/search.h"

namespace arkiv {
namespace {

std::vector<std::string> names(const SearchResult& r) {
  std::vector<std::string> out;
  for (const Hit& h : r.hits) out.push_back(h.path.substr(h.path.rfind('/') + 1));
  return out;
}

using Names = std::vector<std::string>;

TEST(CompoundsApart, OneSearcherFindsThePartsApartInARecordCommittedAfterItsFirstSearch) {
  test::Scratch scratch;
  scratch.write("whole.txt", "Kommunen ansvarar för vattenförsörjningen till hushållen.\n");
  scratch.write("other.txt", "Nämnden fastställer budgeten för vatten och avlopp.\n");
  scratch.index();
  Searcher s(scratch.search_options());
  SearchRequest req;
  req.query = "vattenförsörjning";
  // No record holds the parts apart: the compound's record alone, twice.
  const SearchResult first = s.search(req);
  EXPECT_EQ(names(first), (Names{"whole.txt"}));
  EXPECT_EQ(names(s.search(req)), names(first));

  scratch.write("apart.txt", "Kommunen ansvarar för försörjning av vatten till hushållen.\n");
  scratch.index();
  s.refresh();
  const SearchResult second = s.search(req);
  ASSERT_EQ(names(second), (Names{"whole.txt", "apart.txt"}));
  // Parts apart weigh less than the compound, and the answer the next
  // search gives from what the first one read is the same.
  EXPECT_LT(second.hits[1].score, second.hits[0].score);
  const SearchResult again = s.search(req);
  ASSERT_EQ(names(again), names(second));
  for (std::size_t i = 0; i < again.hits.size(); ++i) {
    EXPECT_DOUBLE_EQ(again.hits[i].score, second.hits[i].score);
    EXPECT_EQ(again.hits[i].percent, second.hits[i].percent);
    EXPECT_EQ(again.hits[i].snippet, second.hits[i].snippet);
  }
  // A fresh Searcher over the same revision agrees.
  const Searcher fresh(scratch.search_options());
  const SearchResult other = fresh.search(req);
  ASSERT_EQ(names(other), names(second));
  EXPECT_DOUBLE_EQ(other.hits[1].score, second.hits[1].score);
}

}  // namespace
}  // namespace arkiv
