// The page view's reads of a PDF, done by page helpers (arkiv-extract
// --pages, extract/page_words.h): the CLI does not link Poppler (a search
// would pay 20 ms to load it), and a hostile PDF crashes or exhausts a
// helper, never the server. The helpers live as long as the server and
// keep the documents they opened last, so that the first image of a page
// is one render: a helper started per image took 0.3-0.6 s to start and
// load the document before it drew anything.
#pragma once

#include <sys/types.h>

#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "extract/page_words.h"

namespace arkiv::serve {

class PageHelpers {
 public:
  // Up to `count` helpers, each started when first needed and keeping up
  // to `keep_open` documents open.
  explicit PageHelpers(std::size_t count, std::size_t keep_open = 8);
  // Ends the helpers (closes their input; they exit).
  ~PageHelpers();
  PageHelpers(const PageHelpers&) = delete;
  PageHelpers& operator=(const PageHelpers&) = delete;

  // Page `page` (1-based) of the PDF at `path`: its size and words, or its
  // image as PNG at `dpi`. nullopt if the page cannot be read (not a PDF,
  // no such page, damaged), or its helper crashes or takes more than
  // kHelperTime: that helper is then killed and the next request starts a
  // new one. Requests wait for a free helper; one that has `path` open is
  // preferred.
  std::optional<extract::PageWords> words(const std::string& path, int page);
  std::optional<std::string> png(const std::string& path, int page, int dpi);

  // Starts every helper not running and waits until each has set Poppler
  // up (a page drawn, extract::serve_pages()), all at once: `arkiv serve`
  // does so before it answers, so that its first images wait neither for
  // a helper to start nor for Poppler to set up (on the bench corpus
  // 86-123 ms for a first image, against 16-22 ms for the next; 27-34 ms
  // from a helper started and set up before).
  void start_all();

  // How many helpers there are: as many pages as can be read at once.
  std::size_t size() const { return helpers_.size(); }

  // The helpers' process ids, 0 for one not running (for tests).
  std::vector<pid_t> pids() const;

 private:
  struct Helper;
  std::optional<std::string> ask(const extract::PageRequest& req);
  Helper& acquire(const std::string& path);
  void release(Helper& h);

  const std::size_t keep_open_;
  mutable std::mutex m_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Helper>> helpers_;
  std::size_t uses_ = 0;  // requests handed out, to find the least recently used helper
};

}  // namespace arkiv::serve
