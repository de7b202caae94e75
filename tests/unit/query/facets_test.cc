// The facets of a search (SearchRequest::facets): counted over every
// matching record, not only the page of hits asked for, and each count the
// number of records its own filter finds.
#include <gtest/gtest.h>

#include <algorithm>

#include <xapian.h>

#include "../scratch.h"
#include "arkiv/search.h"
#include "codec/format.h"
#include "query/facets.h"

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
  ASSERT_NE(zhuhai, f.actors.end());
  EXPECT_EQ(zhuhai->records, 4u);
}

TEST_F(FacetsTest, EachCountIsWhatItsFilterFinds) {
  const Facets f = search("Zhuhai", true).facets;
  for (const FacetCount& y : f.years) EXPECT_EQ(search("Zhuhai år:" + y.key, false).total, y.records) << y.key;
  for (const FacetCount& t : f.types) EXPECT_EQ(search("Zhuhai typ:" + t.key, false).total, t.records) << t.key;
  EXPECT_EQ(search("Zhuhai personuppgifter:ja", false).total, f.personal_data);
  EXPECT_EQ(search("Zhuhai i:bilagor", false).total, f.attachments);
  EXPECT_EQ(search("Zhuhai i:beslut", false).total, f.decisions);
  EXPECT_EQ(search("Zhuhai ocr:ja", false).total, f.ocr);
  ASSERT_FALSE(f.organisations.empty());
  for (const FacetCount& o : f.organisations)
    EXPECT_EQ(search("Zhuhai organisation:" + o.key, false).total, o.records) << o.key;
  // The organisation by its name, as a user types it.
  EXPECT_EQ(search("Zhuhai organisation:\"Gävle kommun\"", false).total, 2u);
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

TEST_F(FacetsTest, TheTableCountsAsReadingEveryMatch) {
  // The facet table (read once per revision) against the counts read
  // from each matching record, as over a remote shard: the same facets.
  Xapian::Database db(scratch_.index_dir());
  for (const Xapian::Query& q :
       {Xapian::Query("zhuhai"), Xapian::Query(std::string(schema::kPrefixType) + "avtal"),
        Xapian::Query(Xapian::Query::OP_OR, Xapian::Query("zhuhai"), Xapian::Query("budget"))}) {
    query::FacetCounter table, each;
    const Facets a = table.count(q, db, false, 0), b = each.count(q, db, true, 0);
    EXPECT_EQ(a.records, b.records) << q.get_description();
    EXPECT_GT(a.records, 0u) << q.get_description();
    EXPECT_EQ(a.attachments, b.attachments);
    EXPECT_EQ(a.decisions, b.decisions);
    EXPECT_EQ(a.ocr, b.ocr);
    EXPECT_EQ(a.personal_data, b.personal_data);
    const auto same = [](const std::vector<FacetCount>& x, const std::vector<FacetCount>& y) {
      std::vector<std::tuple<std::string, std::string, std::size_t>> u, v;
      for (const FacetCount& c : x) u.emplace_back(c.key, c.label, c.records);
      for (const FacetCount& c : y) v.emplace_back(c.key, c.label, c.records);
      std::sort(u.begin(), u.end());
      std::sort(v.begin(), v.end());
      return u == v;
    };
    EXPECT_TRUE(same(a.years, b.years)) << q.get_description();
    EXPECT_TRUE(same(a.types, b.types)) << q.get_description();
    EXPECT_TRUE(same(a.organisations, b.organisations)) << q.get_description();
    ASSERT_EQ(a.actors.size(), b.actors.size());
    for (const ActorCount& x : a.actors) {
      const auto y = std::find_if(b.actors.begin(), b.actors.end(), [&](const ActorCount& c) { return c.actor.id == x.actor.id; });
      ASSERT_NE(y, b.actors.end()) << x.actor.id;
      EXPECT_EQ(x.actor.name, y->actor.name);
      EXPECT_EQ(x.records, y->records) << x.actor.id;
      EXPECT_EQ(x.mentions, y->mentions) << x.actor.id;
    }
  }
}

// A record's organisation comes from its hit summary; one written before
// the summary had it is counted from its terms: the same facets.
TEST_F(FacetsTest, OrganisationsFromSummariesAndFromOlderRecordsTermsAgree) {
  const Xapian::Query q("zhuhai");
  Facets now;
  {
    Xapian::Database db(scratch_.index_dir());
    query::FacetCounter table;
    now = table.count(q, db, false, 0);
    ASSERT_EQ(count_of(now.organisations, "gavle-kommun"), 2u);  // the two records with a dnr
    std::size_t with_org = 0;
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
      const std::optional<codec::HitSummary> hit = codec::get_hit(db.get_document(*it));
      ASSERT_TRUE(hit && hit->org);
      with_org += !hit->org->empty();
    }
    EXPECT_EQ(with_org, 2u);
  }
  {
    // Every summary as written before "org".
    Xapian::WritableDatabase w(scratch_.index_dir(), Xapian::DB_OPEN);
    for (auto it = w.postlist_begin(""); it != w.postlist_end(""); ++it) {
      Xapian::Document doc = w.get_document(*it);
      std::optional<codec::HitSummary> hit = codec::get_hit(doc);
      ASSERT_TRUE(hit);
      hit->org.reset();
      codec::put_hit(doc, *hit);
      w.replace_document(*it, doc);
    }
    w.commit();
  }
  Xapian::Database db(scratch_.index_dir());
  query::FacetCounter table;
  const Facets before = table.count(q, db, false, 0);
  EXPECT_EQ(count_of(before.organisations, "gavle-kommun"), 2u);
  EXPECT_EQ(before.organisations.size(), now.organisations.size());
  EXPECT_EQ(before.records, now.records);
}

TEST_F(FacetsTest, ACommitIsCountedAtTheNextSearch) {
  // One Searcher, as `arkiv serve` keeps: its facet table and the counts
  // it kept are of the revision it read; a commit since is counted.
  Searcher s(scratch_.search_options());
  SearchRequest req;
  req.query = "Zhuhai";
  req.facets = true;
  EXPECT_EQ(count_of(s.search(req).facets.years, "2018"), 0u);
  scratch_.write("a/avtal-2018.txt",
                 "Avtal om skola med Zhuhai\n\nGävle kommun\nDatum: 2018-02-01\nDnr KS 2018/7\n\nAvtalet med Zhuhai.\n");
  scratch_.index();
  s.refresh();
  const Facets f = s.search(req).facets;
  EXPECT_EQ(count_of(f.years, "2018"), 1u);
  EXPECT_EQ(f.records, 5u);
  EXPECT_EQ(count_of(f.organisations, "gavle-kommun"), 3u);
}

// A hit's diarienummer come from its summary; in a record written before
// the summary had them, over a remote shard from its record data, over a
// local database from its terms: the same list, in the same order.
TEST_F(FacetsTest, CaseNumbersFromSummaryTermsAndRecordDataAgree) {
  const Xapian::Database db(scratch_.index_dir());
  std::size_t with_cases = 0;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    const Xapian::Document doc = db.get_document(*it);
    std::optional<codec::HitSummary> hit = codec::get_hit(doc);
    ASSERT_TRUE(hit && hit->cases) << codec::get_abspath(doc);
    const std::vector<std::string> from_terms = query::case_numbers(doc);
    EXPECT_EQ(*hit->cases, from_terms) << codec::get_abspath(doc);
    EXPECT_EQ(query::hit_case_numbers(*hit, doc, false), from_terms);
    hit->cases.reset();  // as written before
    EXPECT_EQ(query::hit_case_numbers(*hit, doc, false), from_terms) << codec::get_abspath(doc);
    EXPECT_EQ(query::hit_case_numbers(*hit, doc, true), from_terms) << codec::get_abspath(doc);
    with_cases += !from_terms.empty();
  }
  EXPECT_EQ(with_cases, 2u);  // KS 2016/101 and KS 2017/202
}

}  // namespace
}  // namespace arkiv
