// Page images `arkiv serve` has drawn, kept so that a page is drawn once:
// drawing one takes a page helper (serve/helper.h) a render, tens of
// milliseconds of a core, which a page looked at again, or asked for while
// its HTML is still being made, need not pay again.
#pragma once

#include <cstddef>
#include <functional>
#include <future>
#include <list>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace arkiv::serve {

class RenderCache {
 public:
  using Render = std::function<std::optional<std::string>()>;

  // Keeps up to `max_bytes` of images; the least recently used go first.
  explicit RenderCache(std::size_t max_bytes) : max_bytes_(max_bytes) {}
  // Waits for the renders under way.
  ~RenderCache();
  RenderCache(const RenderCache&) = delete;
  RenderCache& operator=(const RenderCache&) = delete;

  // The image for `key` (a record's id, its content's SHA-256, the page
  // and the resolution: a changed file is another key), drawn by `render`
  // unless it is kept or being drawn: requests for one key at once wait
  // for one render. A render that fails (nullopt) is kept as failed too:
  // a damaged file is not handed to a helper again and again.
  std::optional<std::string> get(const std::string& key, const Render& render);

  // Starts drawing `key` on a thread of its own, unless it is kept or
  // being drawn; returns at once. The page view asks for its image so
  // while it makes its HTML, before the browser asks.
  void prefetch(const std::string& key, const Render& render);

  // Images kept and their bytes (for tests and the bench).
  std::size_t size() const;
  std::size_t bytes() const;

 private:
  struct Entry {
    std::shared_future<std::optional<std::string>> image;
    std::list<std::string>::iterator lru;
    std::size_t bytes = 0;  // 0 until it is done and counted
  };
  // The entry of `key`, its render started on a thread of its own if new.
  std::shared_future<std::optional<std::string>> start(const std::string& key, const Render& render);
  // Counts `key`'s bytes once its render is done, and drops the least
  // recently used done images while over max_bytes_.
  void account(const std::string& key);

  const std::size_t max_bytes_;
  mutable std::mutex m_;
  std::map<std::string, Entry> entries_;
  std::list<std::string> lru_;  // most recently used first
  std::size_t bytes_ = 0;
};

}  // namespace arkiv::serve
