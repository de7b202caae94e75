// compare_shards() (arkiv/shards.h): which disagreements a set of shards
// has, as a table of shard lists and the problems expected.
#include "arkiv/shards.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace arkiv {
namespace {

ShardStatus shard(unsigned k, unsigned n, std::string schema = "8", std::string analysis = "swedish-3",
                  std::string rule = "folder-fnv1a-1") {
  ShardStatus s;
  s.location = "s" + std::to_string(k);
  s.opened = true;
  s.records = 10;
  s.schema = std::move(schema);
  s.analysis = std::move(analysis);
  s.shard_count = n;
  s.shard = k;
  s.rule = n ? std::move(rule) : std::string();
  return s;
}

ShardStatus unreachable() {
  ShardStatus s;
  s.location = "tcp://127.0.0.1:1";
  s.error = "NetworkError: Couldn't connect";
  return s;
}

// Each problem as "<key>[<places>]#<shard>", in the order reported.
std::string problems(const std::vector<ShardStatus>& shards) {
  std::string out;
  for (const ShardProblem& p : compare_shards(shards)) {
    if (!out.empty()) out += ' ';
    out += shard_problem_key(p.kind);
    out += '[';
    for (std::size_t i = 0; i < p.shards.size(); ++i) out += (i ? "," : "") + std::to_string(p.shards[i]);
    out += ']';
    if (p.shard) out += "#" + std::to_string(p.shard);
  }
  return out;
}

TEST(CompareShards, Table) {
  struct Case {
    const char* what;
    std::vector<ShardStatus> shards;
    const char* expected;
  } cases[] = {
      {"one whole index", {shard(0, 0)}, ""},
      {"whole indexes together", {shard(0, 0), shard(0, 0)}, ""},
      {"three of three", {shard(1, 3), shard(2, 3), shard(3, 3)}, ""},
      {"in any order", {shard(3, 3), shard(1, 3), shard(2, 3)}, ""},
      {"one missing", {shard(1, 3), shard(3, 3)}, "missing-shard[]#2"},
      {"two claim 2", {shard(1, 3), shard(2, 3), shard(2, 3), shard(3, 3)}, "same-shard[1,2]#2"},
      {"counts differ", {shard(1, 2), shard(2, 3), shard(3, 3)}, "shard-count[0,1,2]"},
      {"older schema", {shard(1, 2, "7"), shard(2, 2)}, "schema[0,1]"},
      {"other analysis", {shard(1, 2), shard(2, 2, "8", "snowball")}, "analysis[0,1]"},
      {"other rule", {shard(1, 2), shard(2, 2, "8", "swedish-3", "organisation-1")}, "rule[0,1]"},
      {"a whole index among shards", {shard(1, 2), shard(2, 2), shard(0, 0)}, "not-a-shard[0,1,2]"},
      {"unreachable: not compared, its number missing", {shard(1, 2), unreachable()}, "missing-shard[]#2"},
      {"unreachable whole index", {shard(0, 0), unreachable()}, ""},
  };
  for (const Case& c : cases) EXPECT_EQ(problems(c.shards), c.expected) << c.what;
}

TEST(CompareShards, KeysAreStable) {
  EXPECT_STREQ(shard_problem_key(ShardProblemKind::kSchema), "schema");
  EXPECT_STREQ(shard_problem_key(ShardProblemKind::kAnalysis), "analysis");
  EXPECT_STREQ(shard_problem_key(ShardProblemKind::kNotAShard), "not-a-shard");
  EXPECT_STREQ(shard_problem_key(ShardProblemKind::kShardCount), "shard-count");
  EXPECT_STREQ(shard_problem_key(ShardProblemKind::kRule), "rule");
  EXPECT_STREQ(shard_problem_key(ShardProblemKind::kSameShard), "same-shard");
  EXPECT_STREQ(shard_problem_key(ShardProblemKind::kMissingShard), "missing-shard");
}

}  // namespace
}  // namespace arkiv
