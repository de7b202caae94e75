// PDF extraction with poppler-cpp: text per page in raw order, metadata.
#pragma once

#include "arkiv/options.h"
#include "arkiv/record.h"

namespace arkiv::extract {

// Fills doc.meta, doc.page_count, doc.pages from the PDF at doc.source.path,
// or adds a fatal diagnostic. Never throws for a bad file.
void extract_pdf(ExtractedDoc& doc, const ExtractOptions& opts);

}  // namespace arkiv::extract
