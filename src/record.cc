#include "arkiv/record.h"

#include <algorithm>

namespace arkiv {

const char* diag_key(DiagKind kind) {
  switch (kind) {
    case DiagKind::kNotFound: return "not-found";
    case DiagKind::kUnreadable: return "unreadable";
    case DiagKind::kEmpty: return "empty";
    case DiagKind::kUnsupported: return "unsupported";
    case DiagKind::kTooLarge: return "too-large";
    case DiagKind::kCorrupt: return "corrupt";
    case DiagKind::kEncrypted: return "encrypted";
    case DiagKind::kNoText: return "no-text";
    case DiagKind::kPageNoText: return "page-no-text";
  }
  return "unknown";
}

const char* page_source_key(PageSource source) {
  switch (source) {
    case PageSource::kText: return "text";
    case PageSource::kOcr: return "ocr";
  }
  return "unknown";
}

bool diag_is_fatal(DiagKind kind) { return kind != DiagKind::kPageNoText; }

int page_at(const std::vector<PageSpan>& pages, std::size_t offset) {
  // Spans are ascending; the '\f' between two pages belongs to neither, so
  // look for the last span starting at or before the offset.
  auto it = std::upper_bound(pages.begin(), pages.end(), offset,
                             [](std::size_t off, const PageSpan& s) { return off < s.begin; });
  if (it == pages.begin()) return 0;
  --it;
  return offset <= it->end ? it->number : 0;
}

int NormalizedDoc::page_at(std::size_t offset) const { return arkiv::page_at(pages, offset); }

std::string_view NormalizedDoc::page_text(int number) const {
  for (const PageSpan& s : pages) {
    if (s.number == number) return std::string_view(text).substr(s.begin, s.end - s.begin);
  }
  return {};
}

}  // namespace arkiv
