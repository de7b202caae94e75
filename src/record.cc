#include "arkiv/record.h"

#include <algorithm>
#include <utility>

namespace arkiv {

namespace {

// Every DiagKind with its key: the one table both directions read.
// DO NOT CHANGE a key: they are in every index and in --json output.
constexpr std::pair<DiagKind, const char*> kDiagKeys[] = {
    {DiagKind::kNotFound, "not-found"},       {DiagKind::kUnreadable, "unreadable"},
    {DiagKind::kEmpty, "empty"},              {DiagKind::kUnsupported, "unsupported"},
    {DiagKind::kTooLarge, "too-large"},       {DiagKind::kCorrupt, "corrupt"},
    {DiagKind::kEncrypted, "encrypted"},      {DiagKind::kNoText, "no-text"},
    {DiagKind::kPageNoText, "page-no-text"},  {DiagKind::kPageTextCut, "page-text-cut"},
};

}  // namespace

const char* diag_key(DiagKind kind) {
  for (const auto& [k, key] : kDiagKeys)
    if (k == kind) return key;
  return "unknown";
}

std::optional<DiagKind> diag_from_key(std::string_view key) {
  for (const auto& [k, name] : kDiagKeys)
    if (key == name) return k;
  return std::nullopt;
}

bool diag_is_fatal(DiagKind kind) { return kind != DiagKind::kPageNoText && kind != DiagKind::kPageTextCut; }

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
