// Extraction entry point: checks what every format shares (exists, not
// empty, not too large) and hands the file to the backend for its format.
// The type comes from the content (magic), not the name, because case
// folders hold Word files renamed to .pdf and text files named .doc.
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "arkiv/pipeline.h"
#include "extract/formats.h"
#include "util/fault.h"

namespace arkiv::extract {
namespace {

// The limit of text per page (ExtractOptions::max_page_text_bytes) for
// every format, the files inside a file included. PDFs and office files
// cut where they decode; this catches the rest, so that a 64 MB one-line
// text file reaches analysis as 4 MiB and the parent process never holds
// more than the limit per page (it reached 1.3 GB for that file).
void keep_page_limit(ExtractedDoc& doc, const ExtractOptions& opts) {
  for (Page& p : doc.pages) {
    if (p.text.size() <= opts.max_page_text_bytes) continue;
    std::size_t n = opts.max_page_text_bytes;
    while (n > 0 && (static_cast<unsigned char>(p.text[n]) & 0xC0) == 0x80) --n;  // whole UTF-8 sequences
    p.text.resize(n);
    p.text.shrink_to_fit();
    doc.diagnostics.push_back({DiagKind::kPageTextCut,
                               "page text cut at " + std::to_string(opts.max_page_text_bytes) + " bytes", p.number});
  }
  for (ExtractedDoc& c : doc.children) keep_page_limit(c, opts);
}

}  // namespace

ExtractedDoc extract(const SourceFile& file, const ExtractOptions& opts) {
  util::fault_file(file.path);  // tests: ARKIV_FAULT=extract.hang:<name> and the like
  ExtractedDoc doc;
  doc.source = file;
  if (file.size == 0) {
    doc.diagnostics.push_back({DiagKind::kEmpty, "empty file (0 bytes)", 0});
    return doc;
  }
  if (file.size > opts.max_file_bytes) {
    doc.diagnostics.push_back({DiagKind::kTooLarge, "file is " + std::to_string(file.size) +
                                                        " bytes, limit is " + std::to_string(opts.max_file_bytes), 0});
    return doc;
  }
  std::ifstream in(file.path, std::ios::binary);
  char head[1024];
  in.read(head, sizeof head);
  if (!in && !in.eof()) {
    doc.diagnostics.push_back({DiagKind::kUnreadable, std::strerror(errno), 0});
    return doc;
  }
  Budget budget{opts};
  // PDFs, the bulk of a case folder, are read by Poppler from the file;
  // everything else is small enough to read into memory.
  if (std::string_view(head, static_cast<std::size_t>(in.gcount())).find("%PDF-") != std::string_view::npos) {
    extract_pdf(doc, nullptr, budget);
    keep_page_limit(doc, opts);  // its embedded files
    return doc;
  }
  in.clear();
  in.seekg(0);
  std::ostringstream all;
  all << in.rdbuf();
  extract_bytes(doc, all.str(), budget);
  keep_page_limit(doc, opts);
  return doc;
}

}  // namespace arkiv::extract
