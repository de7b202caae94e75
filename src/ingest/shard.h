// Which shard a file's records belong to when an archive is split over
// several indexes (`arkiv index --shards N --shard K`, issue 26): a rule
// every machine applies on its own, with no coordinator, that keeps a case
// (a folder of records and their attachments) in one shard.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace arkiv::ingest {

// The name of the routing rule, stored in each shard's metadata
// (schema::kMetaShardRule): an index written by another rule (or another
// version of this one) is refused rather than filled with records another
// shard holds too. DO NOT CHANGE what a rule name routes where: write a
// new rule with a new name.
inline constexpr const char* kShardRule = "folder-fnv1a-1";

// The routing key of the file `abspath` (absolute, lexically normal)
// found below the folders `roots` (absolute; DiscoverResult::roots): the
// name of its first folder below the outermost root above it
// ("/arkiv/gavle/2020/beslut.pdf" under "/arkiv": "gavle"). A file directly
// in that root, or named by itself (no root above it), has the name of the
// folder it is in: the loose files of a folder stay together, as a case's
// decision and its "Bilaga 2" file lying side by side must.
// Only names, never the absolute path: machines that mount the archive at
// different places route alike.
std::string shard_key(const std::string& abspath, const std::vector<std::string>& roots);

// 64-bit FNV-1a of `bytes`: stable across machines, compilers and runs
// (std::hash is none of these).
std::uint64_t fnv1a64(std::string_view bytes);

// The shard of `key` among `count` shards, numbered 1..count (count >= 1).
unsigned shard_of(std::string_view key, unsigned count);

}  // namespace arkiv::ingest
