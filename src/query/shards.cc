// `arkiv shards check`: each shard opened on its own, in parallel, with a
// short timeout (Xapian's remote default is 10 s per hung shard, issue
// 26), its metadata read, and the shards compared.
#include "arkiv/shards.h"

#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "codec/format.h"
#include "query/open.h"

namespace fs = std::filesystem;

namespace arkiv {
namespace {

// "12" as 12; anything else (empty, "x") as 0.
unsigned to_unsigned(const std::string& s) {
  if (s.empty() || s.size() > 9 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return 0;
  return static_cast<unsigned>(std::stoul(s));
}

Xapian::Database open_shard(const std::string& loc, unsigned timeout_ms) {
  if (loc.rfind("tcp://", 0) == 0) {
    const std::string hp = loc.substr(6);
    const auto colon = hp.rfind(':');
    const unsigned port = colon == std::string::npos ? 0 : to_unsigned(hp.substr(colon + 1));
    if (port == 0 || port > 65535) throw Xapian::InvalidArgumentError("expected tcp://HOST:PORT");
    return Xapian::Remote::open(hp.substr(0, colon), port, timeout_ms, timeout_ms);
  }
  std::error_code ec;
  if (!fs::exists(fs::path(loc) / "iamglass", ec)) throw Xapian::DatabaseNotFoundError("no arkiv index here");
  return Xapian::Database(loc);
}

ShardStatus inspect(const std::string& loc, unsigned timeout_ms) {
  ShardStatus s;
  s.location = loc;
  try {
    Xapian::Database db = open_shard(loc, timeout_ms);
    s.records = db.get_doccount();
    s.schema = db.get_metadata(schema::kMetaSchema);
    s.analysis = db.get_metadata(schema::kMetaAnalysis);
    s.shard_count = to_unsigned(db.get_metadata(schema::kMetaShardCount));
    s.shard = to_unsigned(db.get_metadata(schema::kMetaShard));
    s.rule = db.get_metadata(schema::kMetaShardRule);
    s.opened = true;
  } catch (const Xapian::Error& e) {
    s.error = e.get_description();
  }
  return s;
}

// The places of `shards` grouped by the value `of` gives each opened one.
template <typename Of>
std::map<std::string, std::vector<std::size_t>> group(const std::vector<ShardStatus>& shards, Of of) {
  std::map<std::string, std::vector<std::size_t>> by;
  for (std::size_t i = 0; i < shards.size(); ++i)
    if (shards[i].opened) by[of(shards[i])].push_back(i);
  return by;
}

}  // namespace

const char* shard_problem_key(ShardProblemKind kind) {
  switch (kind) {
    case ShardProblemKind::kSchema: return "schema";
    case ShardProblemKind::kAnalysis: return "analysis";
    case ShardProblemKind::kNotAShard: return "not-a-shard";
    case ShardProblemKind::kShardCount: return "shard-count";
    case ShardProblemKind::kRule: return "rule";
    case ShardProblemKind::kSameShard: return "same-shard";
    case ShardProblemKind::kMissingShard: return "missing-shard";
  }
  return "";
}

std::vector<std::string> shard_locations(const std::vector<std::string>& locations) {
  // One reader of the shard list syntax: the search side's.
  std::vector<std::string> out;
  for (const query::ShardLocation& s : query::shard_locations(locations)) out.push_back(s.name());
  return out;
}

std::vector<ShardStatus> inspect_shards(const std::vector<std::string>& locations, unsigned timeout_ms) {
  std::vector<ShardStatus> out(locations.size());
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < locations.size(); ++i)
    threads.emplace_back([&, i] { out[i] = inspect(locations[i], timeout_ms); });
  for (std::thread& t : threads) t.join();
  return out;
}

std::vector<ShardProblem> compare_shards(const std::vector<ShardStatus>& shards) {
  std::vector<ShardProblem> out;
  // Where the shards split into groups by a value, every shard is named.
  auto differ = [&](ShardProblemKind kind, const std::map<std::string, std::vector<std::size_t>>& by) {
    if (by.size() < 2) return;
    ShardProblem p{kind, {}, 0};
    for (const auto& [value, places] : by) p.shards.insert(p.shards.end(), places.begin(), places.end());
    std::sort(p.shards.begin(), p.shards.end());
    out.push_back(std::move(p));
  };
  differ(ShardProblemKind::kSchema, group(shards, [](const ShardStatus& s) { return s.schema; }));
  differ(ShardProblemKind::kAnalysis, group(shards, [](const ShardStatus& s) { return s.analysis; }));
  const auto sharded = group(shards, [](const ShardStatus& s) { return std::string(s.shard_count ? "y" : "n"); });
  differ(ShardProblemKind::kNotAShard, sharded);
  if (!sharded.count("y")) return out;  // whole indexes searched together: no numbers to check
  // Among the shards only (a whole index among them is said above).
  auto among_shards = [&](auto of) {
    std::map<std::string, std::vector<std::size_t>> by;
    for (const auto& [value, places] : group(shards, of))
      for (std::size_t i : places)
        if (shards[i].shard_count) by[value].push_back(i);
    std::erase_if(by, [](const auto& kv) { return kv.second.empty(); });
    return by;
  };
  differ(ShardProblemKind::kShardCount,
         among_shards([](const ShardStatus& s) { return std::to_string(s.shard_count); }));
  differ(ShardProblemKind::kRule, among_shards([](const ShardStatus& s) { return s.rule; }));
  std::map<unsigned, std::vector<std::size_t>> by_number;
  unsigned count = 0;
  for (std::size_t i = 0; i < shards.size(); ++i)
    if (shards[i].opened && shards[i].shard_count) {
      by_number[shards[i].shard].push_back(i);
      count = std::max(count, shards[i].shard_count);
    }
  for (const auto& [k, places] : by_number)
    if (places.size() > 1) out.push_back({ShardProblemKind::kSameShard, places, k});
  for (unsigned k = 1; k <= count; ++k)
    if (!by_number.count(k)) out.push_back({ShardProblemKind::kMissingShard, {}, k});
  return out;
}

}  // namespace arkiv
