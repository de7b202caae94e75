// The shards of an archive split over several indexes (issue 26): what
// each one is (reachable, its records, schema, analysis and shard
// number), and where they disagree, for `arkiv shards check`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace arkiv {

// What one shard says of itself.
struct ShardStatus {
  std::string location;  // as given: a folder, or "tcp://HOST:PORT" (xapian-tcpsrv)
  bool opened = false;
  std::string error;           // when not opened: why, one line, English
  std::uint64_t records = 0;   // records (Xapian documents) it holds
  std::string schema;          // the schema version its records are written in; empty: none stored
  std::string analysis;        // the analysis it was built with; empty: none stored (snowball)
  unsigned shard_count = 0;    // the shards it is one of (`index --shards`); 0: not a shard
  unsigned shard = 0;          // which one, 1..shard_count; 0: not a shard
  std::string rule;            // the routing rule that chose its records; empty: not a shard
};

// A disagreement between shards. The stable key of each (ShardProblem in
// --json) is in shard_problem_key().
enum class ShardProblemKind {
  kSchema,        // not all in one schema version
  kAnalysis,      // not all built with one analysis: a query is analysed one way for all
  kNotAShard,     // some are shards (`index --shards`), some are whole indexes
  kShardCount,    // shards of a split into different numbers of shards
  kRule,          // shards routed by different rules
  kSameShard,     // two or more claim the same shard number
  kMissingShard,  // no shard that opened is this number: its records are not searched
};

struct ShardProblem {
  ShardProblemKind kind;
  // The places (0-based, in the list given) of the shards it concerns.
  std::vector<std::size_t> shards;
  unsigned shard = 0;  // kSameShard, kMissingShard: the shard number
};

// "schema", "analysis", "not-a-shard", "shard-count", "rule",
// "same-shard", "missing-shard". DO NOT CHANGE: scripts read them.
const char* shard_problem_key(ShardProblemKind kind);

// The shards `locations` name, in order, as every read opens them: a
// shard list file, or a folder holding one as XAPIANDB (`index --shards N`
// writes one), stands for the databases it lists ("glass PATH" and "auto
// PATH" relative to the list's folder, "remote HOST:PORT" as
// "tcp://HOST:PORT"); everything else stands for itself. Throws
// IndexError naming the file and line of a malformed list.
std::vector<std::string> shard_locations(const std::vector<std::string>& locations);

// Opens each of `locations` (folders, or tcp://HOST:PORT), all at once,
// a remote one with `timeout_ms` to connect and for each reply: a shard
// that does not answer costs that long, not the default 10 s. Never
// throws for a shard that cannot be opened (ShardStatus::error).
std::vector<ShardStatus> inspect_shards(const std::vector<std::string>& locations, unsigned timeout_ms = 3000);

// The disagreements among the shards that opened. A single index, or
// whole indexes searched together, agree when schema and analysis do.
std::vector<ShardProblem> compare_shards(const std::vector<ShardStatus>& shards);

}  // namespace arkiv
