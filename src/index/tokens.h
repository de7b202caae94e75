// The adapter between the analysis chain and Xapian: writes tokens
// (analyze/token.h) into a document as terms. The one place that knows how
// a token's kind maps to a term space (a stem is "Z" + its text, as
// Xapian's own TermGenerator and QueryParser write and read it).
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "analyze/token.h"

namespace arkiv::index {

// The term a token is stored under: "Z" + text for a stem, else its text.
std::string term(const analyze::Token& token);

// Adds every token to `doc`: a posting at its position with its wdf, or
// for a token without a position (pos 0) its wdf alone. Tokens of the same
// term add up, as TermGenerator's occurrences do.
void add_tokens(Xapian::Document& doc, const std::vector<analyze::Token>& tokens);

}  // namespace arkiv::index
