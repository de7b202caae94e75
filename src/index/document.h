// Turns a record into the Xapian document the index stores: terms with
// positions, values, and JSON record data. Pure functions of their input,
// so they run on the extraction threads; only Writer touches the database.
#pragma once

#include <xapian.h>

#include "arkiv/record.h"

namespace arkiv::index {

// The document of a readable record: body text page by page (each page's
// first term position kept in the data, so a hit can name its page), title
// and path words, signature values, and the normalized text (kSlotText).
Xapian::Document make_document(const NormalizedDoc& doc);

// The document of a file that could not be indexed: its identity,
// signature and diagnostics, no text. Found by the audit, not by search.
Xapian::Document make_failed_document(const ExtractedDoc& doc);

}  // namespace arkiv::index
