// A folder of small records made in a test, indexed through the public
// API (index_paths, Searcher): what the writer, query and audit unit tests
// build their small indexes from, so that they depend on what a user sees
// and not on how the record is stored or the query parsed.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "arkiv/indexer.h"
#include "arkiv/search.h"

namespace arkiv::test {

class Scratch {
 public:
  Scratch() {
    static std::atomic<int> n{0};
    root_ = std::filesystem::path(::testing::TempDir()) /
            ("arkiv-unit-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
    std::filesystem::remove_all(root_);
    std::filesystem::create_directories(root_ / "c");
  }
  ~Scratch() {
    std::error_code ec;
    std::filesystem::remove_all(root_, ec);
  }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;

  // The corpus folder, absolute; records are indexed by absolute path.
  std::string corpus() const { return (root_ / "c").string(); }
  std::string index_dir() const { return (root_ / "index").string(); }
  std::string path(const std::string& name) const { return (root_ / "c" / name).string(); }

  // Writes c/<name> (binary, as given).
  void write(const std::string& name, const std::string& content) const {
    std::filesystem::create_directories(std::filesystem::path(path(name)).parent_path());
    std::ofstream(path(name), std::ios::binary) << content;
  }

  // Indexes the corpus folder with one extraction thread (files reach the
  // writer in path order), in this process.
  IndexSummary index(IndexOptions opts = {}) const {
    opts.index_dir = index_dir();
    opts.threads = 1;
    return index_paths({corpus()}, opts);
  }

  SearchOptions search_options() const { return SearchOptions{{index_dir()}}; }

  SearchResult search(const std::string& query, std::size_t limit = 10) const {
    Searcher s(search_options());
    SearchRequest req;
    req.query = query;
    req.limit = limit;
    return s.search(req);
  }

 private:
  std::filesystem::path root_;
};

}  // namespace arkiv::test
