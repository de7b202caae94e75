// The pages of `arkiv serve`, made from the library's answers (Searcher):
// what a request that passed the checks of serve/http.h gets. Every state
// is in the URL, every record text escaped (util/markup.h), every message
// in the language the browser asks for (Swedish or English).
#pragma once

#include <condition_variable>
#include <functional>
#include <latch>
#include <locale>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "arkiv/search.h"
#include "serve/helper.h"
#include "serve/http.h"
#include "serve/render_cache.h"

namespace arkiv::serve {

// Swedish if the browser's Accept-Language ranks a Swedish tag ("sv",
// "sv-SE", "sv-FI") above every English one, English otherwise (as the CLI
// speaks English under a locale that is neither).
bool wants_swedish(const std::string& accept_language);

// The resolution of page images: a screen's (an A4 page 794 x 1123 px).
inline constexpr int kPageDpi = 96;
// Bytes of page images kept (RenderCache): an A4 page at kPageDpi is a
// PNG of 30-150 KB, so some hundreds of pages.
inline constexpr std::size_t kRenderCacheBytes = 64u << 20;

// A query's plain words, as the page view finds them among a page's words:
// lowered, without operators (OR, AND, NOT), filters (typ:avtal), excluded
// words (-ord, NOT ord) and quotes; "prefix*" keeps its star.
std::vector<std::string> query_words(const std::string& query);
// Whether a word of a page (as Poppler gives it, with its punctuation) is
// one of `words`: the same word in any case, the same Swedish stem
// ("budgeten", "budget"), or a word a "prefix*" begins.
bool matches_query_word(const std::string& page_word, const std::vector<std::string>& words);

// One open index per thread answering requests: a Xapian database may not
// be used by two threads at once. Each reads its facet table as it opens
// (Searcher::prepare_facets()). acquire() waits for a free one and
// brings it to the index's latest commit (Searcher::refresh()).
class SearcherPool {
 public:
  SearcherPool(const SearchOptions& opts, std::size_t count);

  class Lease {
   public:
    Lease(SearcherPool& pool, std::unique_ptr<Searcher> s) : pool_(pool), s_(std::move(s)) {}
    ~Lease();
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    const Searcher& operator*() const { return *s_; }
    const Searcher* operator->() const { return s_.get(); }

   private:
    SearcherPool& pool_;
    std::unique_ptr<Searcher> s_;
  };
  Lease acquire();

 private:
  std::mutex m_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Searcher>> free_;
};

// A request's language (serve/site.cc).
struct PageLang;

class Site {
 public:
  // Whether one name sorts before another: Swedish alphabetical order (Å,
  // Ä, Ö after Z; case and accents second), as the CLI sorts names
  // (cli/i18n.h swedish_less), whatever language the page is in.
  using Collate = std::function<bool(const std::string&, const std::string&)>;

  // Opens `threads` Searchers over opts (throws as Searcher does) and
  // loads the message catalogs.
  Site(const SearchOptions& opts, std::size_t threads);

  // Sets up, on the calling thread, what a search page otherwise sets up
  // at its first request on a thread and on a Searcher (the analysis's
  // per-thread tables and memos, the hit parser's buffers, the Searcher's
  // open tables, the page's collation and messages): one search page with
  // facets in each language, on a Searcher of the pool held until every
  // thread of `together` has arrived, so that as many threads as
  // Searchers warm each one. Over local indexes only (over remote shards
  // it only arrives). Best effort: a failure is left to the first request
  // to meet again. The bench corpus's first search page on a new server
  // took 14-18 ms, the next ones 4.
  void warm_up(std::latch& together);

  // The answer to a request that passed refusal(): 200 with the page, 404
  // for no such page, 400 for a query that cannot be parsed (the page
  // says why), 414 for a query over kMaxQueryBytes.
  Response answer(const Request& req, const Target& target);

  // Whether answering `target` may wait for a page helper (a page's image
  // or its words) or read a whole file: /doc/... The server answers these
  // on threads of their own (page_threads() of them), so that a page
  // being drawn holds up no search.
  static bool waits(const Target& target);
  // The page helpers' count: as many threads as can use them at once.
  std::size_t page_threads() const { return pages_.size(); }

  // `msgid` (an English message) in the language the request asks for
  // (wants_swedish()).
  std::string translate(const char* msgid, const std::string& accept_language) const;

 private:
  // On `held` if given (warm_up() holds one), else on a Searcher leased
  // from the pool for the search.
  Response search_page(const Target& t, const PageLang& lang, const Searcher* held = nullptr);
  // /case/DNR: the records of one diarienummer in date order, with their
  // attachments, the bilagor they name that have no record, and whether
  // their files are as indexed.
  Response case_page(const std::string& dnr, const Target& t, const PageLang& lang);
  // /actor/NAME: an actor's names, its mentions per year and in context,
  // and the actors mentioned with it.
  Response actor_page(const std::string& name, const Target& t, const PageLang& lang);
  // /timeline?q=: the dated statements of the matching records, by decade
  // (&decade=2010) and year (&year=2017).
  Response timeline_page(const Target& t, const PageLang& lang);
  // /audit: the audit of the index's sources (&verify=1 re-hashes).
  Response audit_page(const Target& t, const PageLang& lang);
  // /doc/ID/file: the record's PDF as it is on disk.
  Response original(const std::string& id, const PageLang& lang);
  // /doc/ID/page/N (HTML) and /doc/ID/page/N.png.
  Response page_view(const std::string& id, const std::string& page, const Target& t, const PageLang& lang);

  SearchOptions opts_;
  SearcherPool pool_;
  std::locale sv_, en_;
  std::locale collation_;  // sv_SE with Boost.Locale's collator
  Collate less_;
  // The page helpers that read and draw PDF pages: one per core (at most
  // four), each keeping the documents it opened last.
  PageHelpers pages_;
  // Page images drawn, by record, content, page and resolution. Declared
  // last: destroyed first, it waits for its renders under way.
  RenderCache images_{kRenderCacheBytes};
};

}  // namespace arkiv::serve
