// Text as it goes into markup and CSV: what `timeline --html`, `show
// --premis`, the CSV exports and `arkiv serve`'s pages all write record
// text through, so that a record holding "<script>" or a stray quote is
// shown as text everywhere by the same code.
#pragma once

#include <string>

namespace arkiv::util {

// `s` as XML or HTML text or attribute value: & < > " as entities, and a
// control character XML 1.0 does not allow (all but tab and line breaks)
// as U+FFFD, so that any record text gives a well-formed document
// (`timeline --html`, `show --premis`, the pages of `arkiv serve`).
std::string markup_escaped(const std::string& s);

// One CSV field (RFC 4180): quoted when it holds a comma, a quote or a
// line break, quotes doubled.
std::string csv_field(const std::string& s);

}  // namespace arkiv::util
