// extract() for the arkiv CLI, which links none of the readers: it reads
// every file in arkiv-extract (extract/isolate.cc; pipeline.h's
// kHelperName says why), so its IndexOptions::extract_helper is always
// set and the indexer never calls this. Should it, the file is reported,
// not read.
#include "arkiv/pipeline.h"

namespace arkiv::extract {

ExtractedDoc extract(const SourceFile& file, const ExtractOptions&) {
  ExtractedDoc doc;
  doc.source = file;
  doc.diagnostics.push_back({DiagKind::kUnreadable, "this program reads files only through arkiv-extract", 0});
  return doc;
}

std::string pdf_backend_version() { return "none (the readers are in arkiv-extract)"; }

}  // namespace arkiv::extract
