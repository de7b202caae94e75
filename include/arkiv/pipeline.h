// The ingestion stages as plain functions, one per folder under src/:
//   ingest::discover -> extract::extract -> normalize::normalize -> index
// Each takes one plain data type (record.h) and returns the next, reports
// per-file problems as Diagnostics, and throws only for run-stopping errors.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "arkiv/options.h"
#include "arkiv/record.h"

namespace arkiv {

namespace ingest {

// A path the walk could not use, with the reason.
struct DiscoverProblem {
  std::string path;
  Diagnostic diag;
};

struct DiscoverResult {
  std::vector<SourceFile> files;  // sorted by abspath, no duplicates
  std::vector<DiscoverProblem> problems;
  // Directories walked (absolute); records below them that were not found
  // again are gone from disk.
  std::vector<std::string> roots;
};

// Walks files and directories. Directories are walked recursively, keeping
// files whose extension is in opts.extensions; files named directly are kept
// whatever their extension. A path that does not exist becomes a problem
// (kNotFound), never an exception. `sha256` is left empty.
DiscoverResult discover(const std::vector<std::string>& paths,
                        const DiscoverOptions& opts = {});

// The record id of an absolute path: hex of the first 16 bytes of its
// SHA-256. DO NOT CHANGE: ids are stored in the index.
std::string record_id(const std::string& abspath);

// Hex SHA-256 of a file's content. Returns false (and sets `diag`) if the
// file cannot be read.
bool hash_file(const std::string& path, std::string& hex, Diagnostic& diag);

}  // namespace ingest

namespace extract {

// Reads the text of every page and the metadata of `file`. Never throws for
// a bad file: a corrupt, encrypted, empty, unsupported or too large file
// gives an ExtractedDoc with a fatal diagnostic and no pages.
ExtractedDoc extract(const SourceFile& file, const ExtractOptions& opts = {});

// Name and version of the PDF backend, e.g. "poppler-cpp 22.12.0".
std::string pdf_backend_version();

}  // namespace extract

namespace normalize {

// Normalizes one page of text: NFC; compatibility characters such as the
// ligatures U+FB01 "ﬁ" folded (NFKC) ; soft hyphens and zero-width
// characters removed; no-break spaces to spaces; typographic quotes to
// ASCII; CR LF to LF; trailing blanks trimmed; and, if opts.dehyphenate,
// line-break hyphenation repaired. Invalid UTF-8 is replaced by U+FFFD.
std::string normalize_text(std::string_view raw,
                           const NormalizeOptions& opts = {});

// Normalizes every page and joins them with '\f' into NormalizedDoc::text,
// recording each page's byte span. Chooses the display title.
NormalizedDoc normalize(ExtractedDoc&& doc, const NormalizeOptions& opts = {});

}  // namespace normalize

}  // namespace arkiv
