// Sharded ingest (issue 26 item 1): `arkiv index --shards N --shard K`
// writes the records of one shard, by a rule that keeps a folder's records
// together, and `--shards N` alone writes all N locally at once. Asserted
// through the shards' own Xapian databases: which files each one holds.
#include <gtest/gtest.h>
#include <xapian.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "arkiv_folder.h"
#include "process.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const std::vector<std::string> kTowns = {"gavle", "sandviken", "hudiksvall", "umea", "lulea",
                                         "malmo", "falun", "orebro"};

class Shards : public arkiv::test::ArkivFolder {
 protected:
  // arkiv/<town>/<year>/<n>.txt, three records per town, and one file
  // directly in arkiv/.
  void SetUp() override {
    for (std::size_t t = 0; t < kTowns.size(); ++t)
      for (int n = 0; n < 3; ++n) {
        const std::string rel = "arkiv/" + kTowns[t] + "/20" + std::to_string(10 + n) + "/beslut-" +
                                std::to_string(n) + ".txt";
        fs::create_directories(fs::path(dir / rel).parent_path());
        arkiv::test::write_file(dir / rel, "Beslut " + std::to_string(n) + " i " + kTowns[t] +
                                               ".\nKommunstyrelsen beslutade att godkänna avtalet.\n");
      }
    arkiv::test::write_file(dir / "arkiv/lost.txt", "Ett protokoll utan mapp.\n");
  }
  static constexpr std::size_t kFiles = 8 * 3 + 1;

  // The files (relative to the test folder) whose records the index at
  // `index` holds.
  std::set<std::string> files_in(const std::string& index) {
    Xapian::Database db(dir / index);
    std::set<std::string> out;
    const std::string root = fs::canonical(dir.path()).string() + "/";
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
      std::string p = db.get_document(*it).get_value(0);  // schema::kSlotAbspath
      if (p.rfind(root, 0) == 0) p = p.substr(root.size());
      out.insert(p);
    }
    return out;
  }

  // The town folder of a file "arkiv/<town>/...", or the file itself.
  static std::string town_of(const std::string& rel) {
    const auto a = rel.find('/'), b = rel.find('/', a + 1);
    return b == std::string::npos ? rel : rel.substr(a + 1, b - a - 1);
  }
};

TEST_F(Shards, EachFileIsInExactlyOneShardAndATownStaysTogether) {
  std::map<std::string, int> shard_of_file;
  std::size_t indexed = 0;
  for (int k = 1; k <= 3; ++k) {
    const std::string index = "s" + std::to_string(k);
    json j = arkiv_json({"--index", index, "index", "--shards", "3", "--shard", std::to_string(k), "arkiv"});
    EXPECT_EQ(j["indexed"].get<std::size_t>() + j["routed_to_other_shards"].get<std::size_t>(), kFiles) << j;
    indexed += j["indexed"].get<std::size_t>();
    for (const std::string& f : files_in(index)) EXPECT_TRUE(shard_of_file.emplace(f, k).second) << f << " twice";
  }
  EXPECT_EQ(indexed, kFiles);
  EXPECT_EQ(shard_of_file.size(), kFiles);
  std::map<std::string, std::set<int>> shards_of_town;
  for (const auto& [f, k] : shard_of_file) shards_of_town[town_of(f)].insert(k);
  for (const auto& [town, shards] : shards_of_town) EXPECT_EQ(shards.size(), 1u) << town << " split over shards";
  // Every shard got some town: 8 towns over 3 shards by this rule.
  std::set<int> used;
  for (const auto& [f, k] : shard_of_file) used.insert(k);
  EXPECT_EQ(used.size(), 3u);

  // The same rule run again gives the same shards; a run that changed
  // nothing reads nothing, the other shards' files included.
  for (int k = 1; k <= 3; ++k) {
    const std::string again = "again" + std::to_string(k);
    arkiv_json({"--index", again, "index", "--shards", "3", "--shard", std::to_string(k), "arkiv"});
    EXPECT_EQ(files_in(again), files_in("s" + std::to_string(k)));
    json noop = arkiv_json({"--index", again, "index", "--shards", "3", "--shard", std::to_string(k), "arkiv"});
    EXPECT_EQ(noop["indexed"], 0);
    EXPECT_EQ(noop["pages"], 0);
  }

  // The text output says how many went elsewhere.
  arkiv::test::RunResult text = arkiv({"--index", "s1", "index", "--shards", "3", "--shard", "1", "arkiv"});
  EXPECT_NE(text.out.find("shard 1 of 3: "), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("routed to other shards"), std::string::npos) << text.out;
}

TEST_F(Shards, AnotherShardOrNoneIntoTheSameIndexIsRefusedNamingBoth) {
  arkiv_json({"--index", "s2", "index", "--shards", "3", "--shard", "2", "arkiv"});
  const std::set<std::string> before = files_in("s2");
  arkiv::test::RunResult other = arkiv({"--index", "s2", "index", "--shards", "4", "--shard", "2", "arkiv"});
  EXPECT_NE(other.status, 0);
  EXPECT_NE(other.err.find("shard 2 of 3"), std::string::npos) << other.err;
  EXPECT_NE(other.err.find("shard 2 of 4"), std::string::npos) << other.err;
  arkiv::test::RunResult none = arkiv({"--index", "s2", "index", "arkiv"});
  EXPECT_NE(none.status, 0);
  EXPECT_NE(none.err.find("shard 2 of 3"), std::string::npos) << none.err;
  EXPECT_NE(none.err.find("not sharded"), std::string::npos) << none.err;
  EXPECT_EQ(files_in("s2"), before);

  arkiv_json({"--index", "whole", "index", "arkiv"});
  arkiv::test::RunResult into_whole = arkiv({"--index", "whole", "index", "--shards", "3", "--shard", "1", "arkiv"});
  EXPECT_NE(into_whole.status, 0);
  EXPECT_NE(into_whole.err.find("without --shards"), std::string::npos) << into_whole.err;

  arkiv::test::RunResult out_of_range = arkiv({"--index", "x", "index", "--shards", "3", "--shard", "4", "arkiv"});
  EXPECT_NE(out_of_range.status, 0);
  EXPECT_NE(out_of_range.err.find("1 to 3"), std::string::npos) << out_of_range.err;
  arkiv::test::RunResult alone = arkiv({"--index", "x", "index", "--shard", "1", "arkiv"});
  EXPECT_NE(alone.status, 0);
  EXPECT_NE(alone.err.find("--shards"), std::string::npos) << alone.err;
}

TEST_F(Shards, LocalShardsAreTheSameShardsWrittenAtOnceAndSearchedAsOne) {
  json j = arkiv_json({"--index", "all", "index", "--shards", "3", "arkiv"});
  EXPECT_EQ(j["indexed"], kFiles);
  ASSERT_EQ(j["shards"].size(), 3u);
  for (int k = 1; k <= 3; ++k) {
    const std::string one = "one" + std::to_string(k);
    arkiv_json({"--index", one, "index", "--shards", "3", "--shard", std::to_string(k), "arkiv"});
    EXPECT_EQ(files_in("all/shard-" + std::to_string(k)), files_in(one)) << "shard " << k;
    EXPECT_EQ(j["shards"][k - 1]["indexed"], files_in(one).size());
  }
  // The folder is its shards together (its XAPIANDB list, read as
  // query/open.h reads any shard list), as they are named one by one.
  EXPECT_EQ(files_in("all").size(), kFiles);
  EXPECT_EQ(arkiv_json({"--index", "all/shard-1", "--index", "all/shard-2", "--index", "all/shard-3", "search",
                        "kommunstyrelsen"})["total"],
            kFiles - 1);
  json folder = arkiv_json({"--index", "all", "search", "kommunstyrelsen"});
  EXPECT_EQ(folder["total"], kFiles - 1);
  EXPECT_EQ(folder["shards"]["answered"], 3) << folder.dump(2);
  EXPECT_EQ(arkiv_json({"--index", "all/XAPIANDB", "stats"})["records"], kFiles);

  // Again: nothing to do; with another count: refused.
  json again = arkiv_json({"--index", "all", "index", "--shards", "3", "arkiv"});
  EXPECT_EQ(again["indexed"], 0);
  EXPECT_EQ(again["unchanged"], kFiles);
  arkiv::test::RunResult two = arkiv({"--index", "all", "index", "--shards", "2", "arkiv"});
  EXPECT_NE(two.status, 0);
  EXPECT_NE(two.err.find("holds 3 local shards"), std::string::npos) << two.err;
  arkiv::test::RunResult four = arkiv({"--index", "all", "index", "--shards", "4", "arkiv"});
  EXPECT_NE(four.status, 0);
  EXPECT_NE(four.err.find("holds 3 local shards"), std::string::npos) << four.err;
  EXPECT_FALSE(fs::exists(dir / "all/shard-4"));
  EXPECT_EQ(files_in("all").size(), kFiles);
}

// `arkiv shards check` (issue 26 item 3): each shard opened, what it says
// of itself, and the disagreements, with its exit status.
TEST_F(Shards, CheckSaysEachShardAndWhereTheyDisagree) {
  for (int k = 1; k <= 3; ++k)
    arkiv_json({"--index", "s" + std::to_string(k), "index", "--shards", "3", "--shard", std::to_string(k), "arkiv"});
  json ok = arkiv_json({"--index", "s1", "--index", "s2", "--index", "s3", "shards", "check"}, 0);
  EXPECT_TRUE(ok["agree"].get<bool>());
  EXPECT_TRUE(ok["problems"].empty());
  ASSERT_EQ(ok["shards"].size(), 3u);
  std::size_t records = 0;
  for (int k = 0; k < 3; ++k) {
    const json& sh = ok["shards"][k];
    EXPECT_TRUE(sh["opened"].get<bool>());
    EXPECT_EQ(sh["shard"], k + 1);
    EXPECT_EQ(sh["shards"], 3);
    EXPECT_EQ(sh["rule"], "folder-fnv1a-1");
    EXPECT_EQ(sh["schema"], ok["shards"][0]["schema"]);
    EXPECT_FALSE(sh["analysis"].get<std::string>().empty());
    records += sh["records"].get<std::size_t>();
  }
  EXPECT_EQ(records, kFiles);
  arkiv::test::RunResult sv = arkiv({"--index", "s1", "--index", "s2", "--index", "s3", "shards", "check"},
                                    {{"LANG", "sv_SE.UTF-8"}});
  EXPECT_EQ(sv.status, 0);
  EXPECT_NE(sv.out.find("del 2 av 3"), std::string::npos) << sv.out;
  EXPECT_NE(sv.out.find("Delarna stämmer överens."), std::string::npos) << sv.out;

  // A shard missing, one given twice, one that cannot be reached.
  json missing = arkiv_json({"--index", "s1", "--index", "s3", "shards", "check"}, 6);
  ASSERT_EQ(missing["problems"].size(), 1u);
  EXPECT_EQ(missing["problems"][0]["kind"], "missing-shard");
  EXPECT_EQ(missing["problems"][0]["shard"], 2);
  fs::copy(dir / "s2", dir / "s2-copy");
  json twice =
      arkiv_json({"--index", "s1", "--index", "s2", "--index", "s2-copy", "--index", "s3", "shards", "check"}, 6);
  ASSERT_EQ(twice["problems"].size(), 1u);
  EXPECT_EQ(twice["problems"][0]["kind"], "same-shard");
  EXPECT_EQ(twice["problems"][0]["shards"], json::array({1, 2}));
  json down = arkiv_json({"--index", "s1", "--index", "s2", "--index", "s3", "--index", "tcp://127.0.0.1:1",
                          "shards", "check", "--timeout", "500"},
                         6);
  EXPECT_FALSE(down["agree"].get<bool>());
  EXPECT_TRUE(down["problems"].empty());
  EXPECT_FALSE(down["shards"][3]["opened"].get<bool>());
  EXPECT_FALSE(down["shards"][3]["error"].get<std::string>().empty());

  // A whole index among the shards.
  arkiv_json({"--index", "whole", "index", "arkiv"});
  json mixed = arkiv_json({"--index", "s1", "--index", "s2", "--index", "s3", "--index", "whole", "shards", "check"}, 6);
  ASSERT_GE(mixed["problems"].size(), 1u);
  EXPECT_EQ(mixed["problems"][0]["kind"], "not-a-shard");

  // A folder of local shards stands for its shards.
  arkiv_json({"--index", "all", "index", "--shards", "3", "arkiv"});
  json local = arkiv_json({"--index", "all", "shards", "check"}, 0);
  ASSERT_EQ(local["shards"].size(), 3u);
  EXPECT_EQ(local["shards"][2]["shard"], 3);
}

}  // namespace
