// The routing rule of sharded ingest (ingest/shard.h): a table of inputs
// and the shard they go to. The expected numbers were computed apart from
// this code (FNV-1a by its published definition); a change that moves a
// file to another shard fails here, as it must: indexes on disk hold it.
#include "ingest/shard.h"

#include <gtest/gtest.h>

namespace arkiv::ingest {
namespace {

TEST(Shard, Fnv1aKnownVectors) {
  EXPECT_EQ(fnv1a64(""), 0xcbf29ce484222325ull);
  EXPECT_EQ(fnv1a64("a"), 0xaf63dc4c8601ec8cull);
  EXPECT_EQ(fnv1a64("foobar"), 0x85944171f73967e8ull);
  EXPECT_EQ(fnv1a64("gavle"), 0x838955bd56d2454eull);
  EXPECT_EQ(fnv1a64("Gävle"), 0x2dbfaf509c71349aull);  // UTF-8 bytes as they are
}

TEST(Shard, KeyIsTheFirstFolderBelowTheOutermostRoot) {
  struct Case {
    const char* abspath;
    std::vector<std::string> roots;
    const char* key;
  } cases[] = {
      {"/arkiv/gavle/2020/arende-00001/beslut.pdf", {"/arkiv"}, "gavle"},
      {"/arkiv/gavle/2020/arende-00001/Bilaga 1 beslut.pdf", {"/arkiv"}, "gavle"},  // beside its record
      {"/mnt/other/arkiv/gavle/x.pdf", {"/mnt/other/arkiv"}, "gavle"},              // mounted elsewhere
      {"/arkiv/gavle/2020/x.pdf", {"/arkiv/gavle", "/arkiv"}, "gavle"},             // outermost root
      {"/arkiv/gavle/2020/x.pdf", {"/arkiv/gavle"}, "2020"},                        // the root given decides
      {"/arkiv/loose.pdf", {"/arkiv"}, "arkiv"},   // directly in the root: the root's folder
      {"/arkiv/gavle/x.pdf", {}, "gavle"},         // named by itself: its folder
      {"/arkivet/gavle/x.pdf", {"/arkiv"}, "gavle"},  // "/arkiv" is not above "/arkivet"
      {"/gavle/x.pdf", {"/"}, "gavle"},
  };
  for (const Case& c : cases) EXPECT_EQ(shard_key(c.abspath, c.roots), c.key) << c.abspath;
}

TEST(Shard, ShardOfKeyTable) {
  struct Case {
    const char* key;
    unsigned count;
    unsigned shard;
  } cases[] = {
      {"gavle", 1, 1},     {"gavle", 2, 1},     {"gavle", 3, 2},    {"gavle", 8, 7},
      {"sandviken", 8, 5}, {"umea", 2, 2},      {"umea", 8, 6},     {"Gävle", 8, 3},
      {"2020", 3, 1},      {"2020", 8, 6},      {"", 3, 3},         {"", 8, 6},
  };
  for (const Case& c : cases) EXPECT_EQ(shard_of(c.key, c.count), c.shard) << c.key << " of " << c.count;
}

TEST(Shard, EveryShardNumberIsInRange) {
  for (unsigned n = 1; n <= 16; ++n)
    for (int i = 0; i < 200; ++i) {
      const unsigned s = shard_of("kommun-" + std::to_string(i), n);
      EXPECT_GE(s, 1u);
      EXPECT_LE(s, n);
    }
}

}  // namespace
}  // namespace arkiv::ingest
