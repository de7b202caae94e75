// One PDF page as `arkiv serve`'s page view shows it: its size and its
// words with their boxes, as Poppler finds them (page::text_list()). Read
// by the helper (arkiv-extract --page-words, extract/page_image.cc), which
// alone links Poppler, and sent to the server as text in the format below.
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

}  // namespace arkiv::extract
