// The facets of a search (SearchRequest::facets): counted over every
// matching record, not only the page of hits asked for, and each count the
// number of records its own filter finds.
#include <gtest/gtest.h>

#include <algorithm>

#include "../scratch.h"
#include "arkiv/search.h"

namespace arkiv {
namespace {

std::size_t count_of(const std::vector<FacetCount>& list, const std::string& key) {
  for (const FacetCount& f : list)
    if (f.key == key) return f.records;
  return 0;
}

class FacetsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Three dated agreements with Zhuhai over two years, one of them
    // holding a personal identity number, one letter without a date, and
    // a record that does not match.
    scratch_.write("a/avtal-2016.txt",
                   "Avtal om partnerskap med Zhuhai\n\nGävle kommun\nDatum: 2016-03-01\nDnr KS 2016/101\n\n"
                   "Avtalet om samarbete med Zhuhai gäller i tre år.\n");
    scratch_.write("a/avtal-2017.txt",
                   "Avtal om utbyte med Zhuhai\n\nGävle kommun\nDatum: 2017-05-10\nDnr KS 2017/202\n\n"
                   "Avtalet med Zhuhai förlängs. Kontaktperson 811218-9876.\n");
    scratch_.write("a/avtal-2017b.txt",
                   "Avtal om kultur med Zhuhai\n\nGävle kommun\nDatum: 2017-09-20\n\nAvtalet med Zhuhai om kultur.\n");
    scratch_.write("b/brev.txt", "Hälsning från Zhuhai\n\nEtt brev om Zhuhai utan datum.\n");
    scratch_.write("c/annat.txt", "Budget\n\nNämnden fastställer budgeten.\n");
    scratch_.index();
  }

  SearchResult search(const std::string& q, bool facets, std::size_t limit = 10) const {
    Searcher s(scratch_.search_options());
    SearchRequest req;
    req.query = q;
    req.limit = limit;
    req.facets = facets;
    return s.search(req);
  }

  test::Scratch scratch_;
};

TEST_F(FacetsTest, CountedOverEveryMatchNotOnlyThePageAskedFor) {
  const SearchResult res = search("Zhuhai", true, 1);
  // The count is exact once every match is counted (an estimate
  // otherwise: Xapian said 5 for these 4 with one hit asked for).
  ASSERT_EQ(res.total, 4u);
  EXPECT_EQ(res.hits.size(), 1u);
  const Facets& f = res.facets;
  EXPECT_EQ(f.records, 4u);
  EXPECT_EQ(count_of(f.years, "2016"), 1u);
  EXPECT_EQ(count_of(f.years, "2017"), 2u);
  EXPECT_EQ(f.years.size(), 2u);  // the undated letter is in no year
  EXPECT_TRUE(std::is_sorted(f.years.begin(), f.years.end(),
                             [](const FacetCount& a, const FacetCount& b) { return a.key < b.key; }));
  EXPECT_EQ(count_of(f.types, "avtal"), 3u);
  EXPECT_EQ(f.personal_data, 1u);
  EXPECT_EQ(f.attachments + f.decisions, 4u);
  EXPECT_EQ(f.ocr, 0u);
  EXPECT_EQ(count_of(f.organisations, "gavle-kommun"), 2u);  // the two with a case number
  const auto zhuhai = std::find_if(f.actors.begin(), f.actors.end(),
                                   [](const ActorCount& a) { return a.actor.name.find("Zhuhai") != std::string::npos; });
  if (zhuhai != f.actors.end()) EXPECT_EQ(zhuhai->records, 4u);
}

TEST_F(FacetsTest, EachCountIsWhatItsFilterFinds) {
  const Facets f = search("Zhuhai", true).facets;
  for (const FacetCount& y : f.years) EXPECT_EQ(search("Zhuhai år:" + y.key, false).total, y.records) << y.key;
  for (const FacetCount& t : f.types) EXPECT_EQ(search("Zhuhai typ:" + t.key, false).total, t.records) << t.key;
  EXPECT_EQ(search("Zhuhai personuppgifter:ja", false).total, f.personal_data);
  EXPECT_EQ(search("Zhuhai i:bilagor", false).total, f.attachments);
  EXPECT_EQ(search("Zhuhai i:beslut", false).total, f.decisions);
  // Actors as Searcher::actors() counts them for the same query.
  Searcher s(scratch_.search_options());
  std::vector<ActorCount> by_call = s.actors("Zhuhai");
  EXPECT_EQ(by_call.size(), f.actors.size());
  for (const ActorCount& a : by_call) {
    const auto same = std::find_if(f.actors.begin(), f.actors.end(),
                                   [&](const ActorCount& b) { return b.actor.id == a.actor.id; });
    ASSERT_NE(same, f.actors.end()) << a.actor.id;
    EXPECT_EQ(same->records, a.records) << a.actor.id;
    EXPECT_EQ(same->mentions, a.mentions) << a.actor.id;
  }
}

TEST_F(FacetsTest, NotCountedUnlessAsked) {
  const SearchResult res = search("Zhuhai", false);
  EXPECT_TRUE(res.facets.years.empty());
  EXPECT_TRUE(res.facets.types.empty());
  EXPECT_EQ(res.facets.decisions, 0u);
  // And the hits are the same either way.
  const SearchResult with = search("Zhuhai", true);
  ASSERT_EQ(with.hits.size(), res.hits.size());
  for (std::size_t i = 0; i < res.hits.size(); ++i) {
    EXPECT_EQ(with.hits[i].id, res.hits[i].id);
    EXPECT_EQ(with.hits[i].snippet, res.hits[i].snippet);
  }
}

TEST_F(FacetsTest, SortedByDateTheCountsAreTheSame) {
  Searcher s(scratch_.search_options());
  SearchRequest req;
  req.query = "Zhuhai";
  req.facets = true;
  req.sort = SortOrder::kDate;
  const Facets f = s.search(req).facets;
  EXPECT_EQ(count_of(f.years, "2017"), 2u);
  EXPECT_EQ(f.attachments + f.decisions, 4u);
}

}  // namespace
}  // namespace arkiv
