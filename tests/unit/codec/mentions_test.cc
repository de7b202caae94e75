// The per-mention record data, written by the index side and read back by
// the query side (`arkiv refs`, `arkiv timeline`): what is read is what was
// written, and records in schema 5's layout read the same.
#include "codec/mentions.h"

#include <gtest/gtest.h>

#include "codec/json.h"

namespace arkiv::codec {
namespace {

// A record's data, as JSON text.
using json = std::string;

// The mentions of actor `id` in the data; empty if none.
std::vector<StoredMention> stored_mentions(const json& data, const std::string& id) {
  const auto parsed = parse_json(data);
  if (!parsed) ADD_FAILURE() << "no JSON: " << data;
  if (!parsed) return {};
  for (ActorMentions& a : parse_actor_mentions(*parsed))
    if (a.actor_id == id) return std::move(a.mentions);
  return {};
}
std::vector<StoredDate> stored_dates(const json& data) {
  const auto parsed = parse_json(data);
  if (!parsed) ADD_FAILURE() << "no JSON: " << data;
  return parsed ? parse_dates(*parsed) : std::vector<StoredDate>{};
}

// A record's data object around the fragments, as encode_data() writes it.
json record_with(const std::vector<ActorMention>& mentions, const std::vector<DateMention>& dates) {
  std::vector<StoredDate> stored;
  for (const DateMention& d : dates) stored.push_back(stored_date(d));
  return "{\"id\":\"x\"," + actor_mentions_json(group_mentions(mentions)) + "," + dates_json(stored) + "}";
}

ActorMention mention(std::size_t b, std::size_t e, const char* id, const char* rule) {
  ActorMention m;
  m.begin = b;
  m.end = e;
  m.actor_id = id;
  m.rule = rule;
  return m;
}

// "ICLD-Internationellt Centrum för Lokal Demokrati (ICLD)" ... "Gävle
// kommun" ... "ICLDs": two actors interleaved in text order, three rules.
const std::vector<ActorMention> kMentions = {
    mention(10, 58, "icld", "definition"),
    mention(70, 82, "gavle-kommun", "gazetteer"),
    mention(90, 95, "icld", "acronym"),
    mention(120, 132, "gavle-kommun", "pattern"),
    mention(140, 144, "icld", "acronym"),
};

TEST(RecordData, EachActorReadsBackItsMentionsInTextOrder) {
  const json data = record_with(kMentions, {});
  struct Want {
    const char* id;
    std::vector<StoredMention> mentions;
  } wants[] = {
      {"icld", {{10, 58, "definition"}, {90, 95, "acronym"}, {140, 144, "acronym"}}},
      {"gavle-kommun", {{70, 82, "gazetteer"}, {120, 132, "pattern"}}},
      {"skr", {}},
  };
  for (const Want& w : wants) {
    SCOPED_TRACE(w.id);
    const std::vector<StoredMention> got = stored_mentions(data, w.id);
    ASSERT_EQ(got.size(), w.mentions.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
      EXPECT_EQ(got[i].begin, w.mentions[i].begin);
      EXPECT_EQ(got[i].end, w.mentions[i].end);
      EXPECT_EQ(got[i].rule, w.mentions[i].rule);
    }
  }
}

TEST(RecordData, DatesReadBackAsWritten) {
  std::vector<DateMention> dates(3);
  dates[0] = {12, 22, "sedan 2010", "2010-01-01", "", DatePrecision::kYear, true};     // open period
  dates[1] = {40, 50, "våren 2017", "2017-03-01", "2017-05-31", DatePrecision::kSeason, true};
  dates[2] = {80, 84, "i år", "", "", DatePrecision::kYear, false};  // no record date to resolve it
  const std::vector<StoredDate> got = stored_dates(record_with({}, dates));
  ASSERT_EQ(got.size(), dates.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    SCOPED_TRACE(dates[i].surface);
    EXPECT_EQ(got[i].begin, dates[i].begin);
    EXPECT_EQ(got[i].end, dates[i].end);
    EXPECT_EQ(got[i].start, dates[i].start);
    EXPECT_EQ(got[i].end_date, dates[i].end_date);
    EXPECT_EQ(got[i].precision, dates[i].precision);
    EXPECT_EQ(got[i].resolved, dates[i].resolved);
  }
}

TEST(RecordData, SchemaFiveRecordsReadTheSame) {
  // What schema 5 wrote for the same mentions and two of the dates.
  const json old = R"({"id":"x",
    "actor_mentions":[
      {"id":"icld","b":10,"e":58,"page":1,"rule":"definition"},
      {"id":"gavle-kommun","b":70,"e":82,"page":1,"rule":"gazetteer"},
      {"id":"icld","b":90,"e":95,"page":2,"rule":"acronym"},
      {"id":"gavle-kommun","b":120,"e":132,"page":2,"rule":"pattern"},
      {"id":"icld","b":140,"e":144,"page":2,"rule":"acronym"}],
    "dates":[
      {"b":40,"e":50,"start":"2017-03-01","end":"2017-05-31","precision":"season","resolved":true,"page":1},
      {"b":80,"e":84,"start":"","end":"","precision":"year","resolved":false,"page":2}]})";
  const json now = record_with(kMentions, {{40, 50, "våren 2017", "2017-03-01", "2017-05-31", DatePrecision::kSeason, true},
                                           {80, 84, "i år", "", "", DatePrecision::kYear, false}});
  for (const char* id : {"icld", "gavle-kommun", "skr"}) {
    SCOPED_TRACE(id);
    const auto a = stored_mentions(old, id), b = stored_mentions(now, id);
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
      EXPECT_EQ(a[i].begin, b[i].begin);
      EXPECT_EQ(a[i].end, b[i].end);
      EXPECT_EQ(a[i].rule, b[i].rule);
    }
  }
  const auto a = stored_dates(old), b = stored_dates(now);
  ASSERT_EQ(a.size(), 2u);
  ASSERT_EQ(b.size(), 2u);
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].begin, b[i].begin);
    EXPECT_EQ(a[i].end, b[i].end);
    EXPECT_EQ(a[i].start, b[i].start);
    EXPECT_EQ(a[i].end_date, b[i].end_date);
    EXPECT_EQ(a[i].precision, b[i].precision);
    EXPECT_EQ(a[i].resolved, b[i].resolved);
  }
}

TEST(RecordData, DamagedDataReadsAsNoMentions) {
  // A record that failed to index, or data cut short by hand: nothing to
  // list, and no exception that would stop `arkiv refs` for the others.
  for (const char* text : {R"({"id":"x"})", R"({"actor_mentions":5,"dates":{}})",
                           R"({"actor_mentions":{"icld":[10,4]},"dates":[[1,2,3]]})",
                           R"({"actor_mentions":{"icld":"x"},"dates":["x",null]})", "[1,2]"}) {
    SCOPED_TRACE(text);
    const json data = text;
    EXPECT_TRUE(stored_mentions(data, "icld").empty());
    EXPECT_TRUE(stored_dates(data).empty());
  }
}

}  // namespace
}  // namespace arkiv::codec
