#include "arkiv/record.h"

#include <algorithm>
#include <utility>

namespace arkiv {

namespace {

// Every DiagKind with its key and whether it stops the file from being
// indexed: the one table diag_key, diag_from_key and diag_is_fatal read.
// DO NOT CHANGE a key: they are in every index and in --json output.
struct DiagEntry {
  DiagKind kind;
  const char* key;
  bool fatal;
};
constexpr DiagEntry kDiagKinds[] = {
    {DiagKind::kNotFound, "not-found", true},       {DiagKind::kUnreadable, "unreadable", true},
    {DiagKind::kEmpty, "empty", true},              {DiagKind::kUnsupported, "unsupported", true},
    {DiagKind::kTooLarge, "too-large", true},       {DiagKind::kCorrupt, "corrupt", true},
    {DiagKind::kEncrypted, "encrypted", true},      {DiagKind::kNoText, "no-text", true},
    {DiagKind::kPageNoText, "page-no-text", false}, {DiagKind::kPageTextCut, "page-text-cut", false},
    {DiagKind::kPageOcrStopped, "page-ocr-stopped", false}, {DiagKind::kOcrRefused, "ocr-refused", false},
    {DiagKind::kRecordTextCut, "record-text-cut", false}, {DiagKind::kAnalysisStopped, "analysis-stopped", false},
};

// Every EventKind with its key. DO NOT CHANGE a key: they are stored.
constexpr std::pair<EventKind, const char*> kEventKinds[] = {
    {EventKind::kIngested, "ingested"},
    {EventKind::kContentChanged, "content-changed"},
    {EventKind::kChangesAccepted, "changes-accepted"},
    {EventKind::kExtractionFailed, "extraction-failed"},
    {EventKind::kMoved, "moved"},
};

}  // namespace

const char* event_key(EventKind kind) {
  for (const auto& [k, key] : kEventKinds)
    if (k == kind) return key;
  return "unknown";
}

std::optional<EventKind> event_from_key(std::string_view key) {
  for (const auto& [k, name] : kEventKinds)
    if (key == name) return k;
  return std::nullopt;
}

const char* diag_key(DiagKind kind) {
  for (const DiagEntry& e : kDiagKinds)
    if (e.kind == kind) return e.key;
  return "unknown";
}

std::optional<DiagKind> diag_from_key(std::string_view key) {
  for (const DiagEntry& e : kDiagKinds)
    if (key == e.key) return e.kind;
  return std::nullopt;
}

bool diag_is_fatal(DiagKind kind) {
  for (const DiagEntry& e : kDiagKinds)
    if (e.kind == kind) return e.fatal;
  return true;
}

const char* page_source_key(PageSource source) {
  switch (source) {
    case PageSource::kText: return "text";
    case PageSource::kOcr: return "ocr";
  }
  return "unknown";
}

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
