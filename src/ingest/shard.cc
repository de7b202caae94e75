#include "ingest/shard.h"

#include <cassert>
#include <filesystem>

namespace arkiv::ingest {
namespace {

// Whether `path` is `dir` or lies below it (both absolute, lexically normal).
bool at_or_below(const std::string& path, const std::string& dir) {
  if (path.compare(0, dir.size(), dir) != 0) return false;
  return path.size() == dir.size() || dir.back() == '/' || path[dir.size()] == '/';
}

}  // namespace

std::string shard_key(const std::string& abspath, const std::vector<std::string>& roots) {
  namespace fs = std::filesystem;
  // The outermost root: `arkiv index /arkiv /arkiv/gavle` routes a file of
  // gavle as `arkiv index /arkiv` does.
  const std::string* root = nullptr;
  for (const std::string& r : roots)
    if (abspath != r && at_or_below(abspath, r) && (!root || r.size() < root->size())) root = &r;
  const fs::path p(abspath);
  if (root) {
    const fs::path rel = p.lexically_relative(*root);
    auto first = rel.begin();
    if (first != rel.end() && std::next(first) != rel.end()) return first->string();
  }
  return p.parent_path().filename().string();
}

std::uint64_t fnv1a64(std::string_view bytes) {
  std::uint64_t h = 0xcbf29ce484222325ull;  // FNV-1a offset basis
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 0x100000001b3ull;  // FNV prime
  }
  return h;
}

unsigned shard_of(std::string_view key, unsigned count) {
  assert(count >= 1);
  return static_cast<unsigned>(fnv1a64(key) % count) + 1;
}

}  // namespace arkiv::ingest
