#include "serve/render_cache.h"

#include <chrono>
#include <vector>

namespace arkiv::serve {

RenderCache::~RenderCache() {
  std::vector<std::shared_future<std::optional<std::string>>> running;
  {
    std::lock_guard<std::mutex> lock(m_);
    for (auto& [key, e] : entries_) running.push_back(e.image);
  }
  for (auto& f : running) f.wait();
}

std::shared_future<std::optional<std::string>> RenderCache::start(const std::string& key, const Render& render) {
  std::lock_guard<std::mutex> lock(m_);
  if (auto it = entries_.find(key); it != entries_.end()) {
    lru_.splice(lru_.begin(), lru_, it->second.lru);
    return it->second.image;
  }
  // A thread per render: it costs microseconds beside the render, and a
  // render asked for by prefetch() outlives the request.
  std::shared_future<std::optional<std::string>> f = std::async(std::launch::async, render).share();
  lru_.push_front(key);
  entries_.emplace(key, Entry{f, lru_.begin(), 0});
  return f;
}

void RenderCache::account(const std::string& key) {
  std::lock_guard<std::mutex> lock(m_);
  auto it = entries_.find(key);
  if (it == entries_.end() || it->second.bytes > 0) return;
  const std::optional<std::string>& image = it->second.image.get();
  it->second.bytes = (image ? image->size() : 0) + key.size() + 64;
  bytes_ += it->second.bytes;
  // The least recently used done images go; one under way stays (its
  // bytes are not counted yet).
  for (auto old = lru_.end(); bytes_ > max_bytes_ && old != lru_.begin();) {
    --old;
    auto e = entries_.find(*old);
    if (e->second.bytes == 0 || e->first == key) continue;
    bytes_ -= e->second.bytes;
    entries_.erase(e);
    old = lru_.erase(old);
  }
}

std::optional<std::string> RenderCache::get(const std::string& key, const Render& render) {
  std::shared_future<std::optional<std::string>> f = start(key, render);
  std::optional<std::string> image = f.get();
  account(key);
  return image;
}

void RenderCache::prefetch(const std::string& key, const Render& render) {
  std::shared_future<std::optional<std::string>> f = start(key, render);
  // Counted when done: by get(), or by the next prefetch or get() of a
  // done render (account() of a done entry is cheap).
  if (f.wait_for(std::chrono::seconds(0)) == std::future_status::ready) account(key);
}

std::size_t RenderCache::size() const {
  std::lock_guard<std::mutex> lock(m_);
  return entries_.size();
}

std::size_t RenderCache::bytes() const {
  std::lock_guard<std::mutex> lock(m_);
  return bytes_;
}

}  // namespace arkiv::serve
