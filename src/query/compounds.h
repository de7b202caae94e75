// Compound words typed in a query, asked for apart as well (issue 22 item
// 1): `vattenförsörjning` also finds "försörjning av vatten", ranked below
// the records that say "vattenförsörjning". The index side already holds
// a compound's parts (analyze/swedish.h, variants()); this is the query
// side, through a field of the QueryParser's that only prepare_query()
// writes.
#pragma once

#include <xapian.h>

#include <vector>

#include "query/lexer.h"

namespace arkiv::query {

// The field a compound query word is rewritten to. Internal: it is in no
// filter table, so a query that types it is refused as an unknown filter
// (checked_tokens()) before this rewrite runs.
inline constexpr char kCompoundField[] = "sammansatt";

// Each plain word (no sign, not next to NEAR or ADJ, not glued to a word)
// that analyze::query_part_tokens() splits becomes the field token
// "sammansatt:WORD"; every other token stays. For Swedish analysis only,
// on words already in lower case.
std::vector<Token> with_compound_parts(std::vector<Token> tokens);

// Registers the field with `qp`: "sammansatt:vattenförsörjning" reads as
//   Zvattenförsörjning MAX 0.25 * (Zvatt NEAR/6 (Zförsörjning OR försörjning))
// the word's stem as the parser gives a plain word, or its parts within
// three positions a part of each other (kPartsWindow), at the weight the
// index gives a compound's parts (kVariantWdf / kWordWdf); a record
// weighs the better of the two.
void add_compound_field(Xapian::QueryParser& qp);

}  // namespace arkiv::query
