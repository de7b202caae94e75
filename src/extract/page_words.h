// One PDF page as `arkiv serve`'s page view shows it: its size and its
// words with their boxes, as Poppler finds them (page::text_list()), and
// its image. Read by the page helper (arkiv-extract --pages,
// extract/page_image.cc), which alone links Poppler, and sent to the
// server in the formats below.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace arkiv::extract {

// A word and its box in PDF points, origin at the page's top left corner
// (Poppler's text_box::bbox()).
struct PageWord {
  std::string text;
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

struct PageWords {
  double width = 0, height = 0;  // the page (crop box), points
  std::vector<PageWord> words;
};

// As text: "WIDTH HEIGHT\n", then a line "X0 Y0 X1 Y1 TEXT\n" a word (a
// word holds no line break: Poppler splits words at white space).
std::string format_page_words(const PageWords& p);
// The inverse; nullopt for text not in that format.
std::optional<PageWords> parse_page_words(std::string_view text);

// Renders page `page` (1-based) of the PDF at `path` and lists its words:
// in the helper only (extract/page_image.cc, linked with the readers).
// nullopt if the file cannot be opened (not a PDF, damaged, encrypted) or
// has no such page.
std::optional<PageWords> read_page_words(const std::string& path, int page);
// The page as a PNG image at `dpi` dots per inch.
std::optional<std::string> render_page_png(const std::string& path, int page, int dpi);

// The page helper: one long-lived `arkiv-extract --pages` process that
// answers the server's page requests one at a time on its standard input
// and output and keeps the documents it opened last, so that the first
// image of a page costs one render, not a process start and a document
// load (a start alone took 0.3 s). A request is a frame (wire::frame())
// of encode_page_request(); the answer a frame of kPageAnswered and the
// page's words (format_page_words()) or PNG, or of kPageUnreadable alone.
enum class PageAsk { kWords, kPng };
struct PageRequest {
  PageAsk ask = PageAsk::kWords;
  int page = 0;  // 1-based
  int dpi = 0;   // kPng only
  std::string path;
};
inline constexpr char kPageAnswered = '+';
inline constexpr char kPageUnreadable = '-';
// "words PAGE PATH" or "png PAGE DPI PATH" (the path last, as it is).
std::string encode_page_request(const PageRequest& r);
// The inverse; nullopt for anything else (a page or resolution out of
// 1..100000, no path).
std::optional<PageRequest> decode_page_request(std::string_view body);

// The helper's loop (extract/page_image.cc): first sets Poppler up (a
// page drawn) and says so, a frame of kPageAnswered alone; then answers
// the requests read from `in` on `out`, keeping up to `keep_open`
// documents open, until `in` ends (returns 0: the server closed its end or
// is gone) or carries no request (returns 1).
int serve_pages(int in, int out, std::size_t keep_open);

}  // namespace arkiv::extract
