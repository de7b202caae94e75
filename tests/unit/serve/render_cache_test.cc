// RenderCache: a page image is drawn once, however many ask for it at
// once; the least recently used go when the bytes run over.
#include "serve/render_cache.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

namespace arkiv::serve {
namespace {

TEST(RenderCache, DrawsAPageOnceForEveryoneAskingAtOnce) {
  RenderCache cache(1 << 20);
  std::atomic<int> renders{0};
  const RenderCache::Render slow = [&]() -> std::optional<std::string> {
    ++renders;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    return std::string(1000, 'p');
  };
  std::vector<std::thread> askers;
  std::atomic<int> right{0};
  for (int i = 0; i < 8; ++i)
    askers.emplace_back([&] { right += cache.get("a", slow) == std::string(1000, 'p'); });
  for (auto& t : askers) t.join();
  EXPECT_EQ(renders, 1);
  EXPECT_EQ(right, 8);
  EXPECT_EQ(cache.get("a", slow), std::string(1000, 'p'));
  EXPECT_EQ(renders, 1);
  EXPECT_EQ(cache.get("b", slow), std::string(1000, 'p'));
  EXPECT_EQ(renders, 2);
}

TEST(RenderCache, PrefetchDrawsBeforeItIsAskedFor) {
  RenderCache cache(1 << 20);
  std::atomic<int> renders{0};
  std::atomic<bool> drawn{false};
  const RenderCache::Render draw = [&]() -> std::optional<std::string> {
    ++renders;
    drawn = true;
    return std::string("png");
  };
  cache.prefetch("a", draw);
  cache.prefetch("a", draw);
  // Drawn with no one asking yet.
  for (int i = 0; i < 500 && !drawn; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_TRUE(drawn);
  EXPECT_EQ(cache.get("a", draw), "png");
  EXPECT_EQ(renders, 1);
}

TEST(RenderCache, LeastRecentlyUsedGoFirstAndFailuresAreKept) {
  RenderCache cache(3000);
  std::atomic<int> renders{0};
  const auto image = [&](char c) {
    return [&renders, c]() -> std::optional<std::string> {
      ++renders;
      return std::string(900, c);
    };
  };
  cache.get("a", image('a'));
  cache.get("b", image('b'));
  cache.get("a", image('a'));  // a is now the most recently used
  cache.get("c", image('c'));
  cache.get("d", image('d'));  // over 3000 bytes: b goes, not a
  EXPECT_EQ(renders, 4);
  EXPECT_LE(cache.bytes(), 3000u);
  cache.get("a", image('a'));
  EXPECT_EQ(renders, 4);
  cache.get("b", image('b'));
  EXPECT_EQ(renders, 5);
  // A damaged page: not handed to a helper again.
  int failures = 0;
  const RenderCache::Render broken = [&]() -> std::optional<std::string> {
    ++failures;
    return std::nullopt;
  };
  EXPECT_FALSE(cache.get("x", broken));
  EXPECT_FALSE(cache.get("x", broken));
  EXPECT_EQ(failures, 1);
}

}  // namespace
}  // namespace arkiv::serve
