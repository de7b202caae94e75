// A file on disk as the extraction tests hand it to extract(): what
// ingest::discover() would say of it that the extractor reads.
#pragma once

#include <filesystem>
#include <string>
#include <system_error>

#include "arkiv/record.h"

namespace arkiv::test {

// `path` as given, its absolute path and its size (0 when it cannot be
// read: the extractor reports that itself).
inline SourceFile on_disk(const std::string& path) {
  SourceFile f;
  f.path = path;
  f.abspath = std::filesystem::absolute(path).string();
  std::error_code ec;
  f.size = std::filesystem::file_size(path, ec);
  return f;
}

}  // namespace arkiv::test
