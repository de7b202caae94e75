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

namespace arkiv::extract {

ExtractedDoc extract(const SourceFile& file, const ExtractOptions& opts) {
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
    return doc;
  }
  in.clear();
  in.seekg(0);
  std::ostringstream all;
  all << in.rdbuf();
  extract_bytes(doc, all.str(), budget);
  return doc;
}

}  // namespace arkiv::extract
