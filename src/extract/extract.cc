// Extraction entry point: checks what every format shares (exists, not
// empty, not too large, what the content really is) and hands the file to
// the backend for its format. The type comes from the content (magic), not
// the name, because case folders hold Word files renamed to .pdf.
#include <cstring>
#include <fstream>

#include "arkiv/pipeline.h"
#include "extract/pdf_poppler.h"

namespace arkiv::extract {
namespace {

Diagnostic make_diag(DiagKind kind, std::string detail) {
  Diagnostic d;
  d.kind = kind;
  d.detail = std::move(detail);
  return d;
}

// Sniffs the first bytes. PDF readers accept "%PDF-" anywhere in the first
// 1024 bytes (some producers put junk or a BOM before it), so do we.
std::string sniff(const std::string& path, bool& readable) {
  std::ifstream in(path, std::ios::binary);
  readable = static_cast<bool>(in);
  if (!in) return {};
  char buf[1024];
  in.read(buf, sizeof buf);
  std::string head(buf, static_cast<std::size_t>(in.gcount()));
  if (head.find("%PDF-") != std::string::npos) return "pdf";
  if (head.rfind("PK\x03\x04", 0) == 0) return "zip";
  if (head.rfind("\xD0\xCF\x11\xE0", 0) == 0) return "ole";
  return "unknown";
}

}  // namespace

ExtractedDoc extract(const SourceFile& file, const ExtractOptions& opts) {
  ExtractedDoc doc;
  doc.source = file;
  if (file.size == 0) {
    doc.diagnostics.push_back(make_diag(DiagKind::kEmpty, "empty file (0 bytes)"));
    return doc;
  }
  if (file.size > opts.max_file_bytes) {
    doc.diagnostics.push_back(make_diag(
        DiagKind::kTooLarge, "file is " + std::to_string(file.size) + " bytes, limit is " +
                                 std::to_string(opts.max_file_bytes)));
    return doc;
  }
  bool readable = false;
  std::string kind = sniff(file.path, readable);
  if (!readable) {
    doc.diagnostics.push_back(make_diag(DiagKind::kUnreadable, std::strerror(errno)));
    return doc;
  }
  if (kind == "pdf") {
    doc.format = "pdf";
    extract_pdf(doc, opts);
    return doc;
  }
  std::string what = kind == "zip" ? "a ZIP-based file (office document or archive)"
                     : kind == "ole" ? "an OLE file (legacy office document)"
                                     : "not a PDF";
  doc.diagnostics.push_back(make_diag(DiagKind::kUnsupported, what));
  return doc;
}

}  // namespace arkiv::extract
