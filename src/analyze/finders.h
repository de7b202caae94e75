// The finders of analysis.h on a prepared Subject, so that analyze()
// converts a record's text for ICU once rather than once per finder.
#pragma once

#include "analyze/regex.h"
#include "arkiv/analysis.h"

namespace arkiv::analyze {

std::vector<DateMention> find_dates(const Subject& subject, std::string_view reference_date);
std::vector<CaseNumber> find_case_numbers(const Subject& subject);
std::vector<Reference> find_references(const Subject& subject);
std::vector<int> find_attachment_refs(const Subject& subject);

}  // namespace arkiv::analyze
