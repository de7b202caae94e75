// Turns a record into the Xapian document the index stores: terms with
// positions, values, and JSON record data. Pure functions of their input,
// so they run on the extraction threads; only Writer touches the database.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <string>

#include "arkiv/analysis.h"
#include "arkiv/options.h"
#include "arkiv/record.h"

namespace arkiv::index {

// The document of a readable record: body text page by page (each page's
// first term position kept in the data, so a hit can name its page), title
// and path words, signature values, the text of each page and a hit
// summary (codec/record.h).
// Analysis adds the record date (kSlotDate, year term), type, diarienummer
// and reference terms, and the date mentions in the data (for timelines).
// `text` says how words become terms (analyze/analyzer.h).
Xapian::Document make_document(const NormalizedDoc& doc, const AnalyzedDoc& analysis, TextAnalysis text);

// The document of a file that could not be indexed: its identity,
// signature and diagnostics, no text. Found by the audit, not by search.
Xapian::Document make_failed_document(const ExtractedDoc& doc, TextAnalysis text);

// Keeps the first `max` bytes of a record's text, all pages together
// (IndexOptions::max_record_text_bytes): the page the limit falls in is cut
// at a character, the pages after it dropped, and a kRecordTextCut
// diagnostic says so; the children are not touched (each is a record with
// a limit of its own). The text arrives within each page's limit
// (ExtractOptions::max_page_text_bytes), but 20000 pages of 4 MiB would
// take the indexing process to 80 GB and hours of analysis.
void keep_record_text_limit(ExtractedDoc& doc, std::size_t max);

// What a record's state says it was analysed with: the gazetteer and the
// text analysis. A record with another stamp is read again.
std::string analysis_stamp(TextAnalysis text);

}  // namespace arkiv::index
