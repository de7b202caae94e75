// The page view's reads of a PDF, done by the extraction helper
// (arkiv-extract --page-words / --page-png, extract/page_words.h): the CLI
// does not link Poppler (a search would pay 20 ms to load it), and a
// hostile PDF crashes or exhausts a helper, never the server.
#pragma once

#include <optional>
#include <string>

#include "extract/page_words.h"

namespace arkiv::serve {

// Page `page` (1-based) of the PDF at `path`: its size and words, or its
// image as PNG at `dpi`. nullopt if the helper cannot read it (not a PDF,
// no such page, damaged), fails, or takes more than 20 s.
std::optional<extract::PageWords> helper_page_words(const std::string& path, int page);
std::optional<std::string> helper_page_png(const std::string& path, int page, int dpi);

}  // namespace arkiv::serve
