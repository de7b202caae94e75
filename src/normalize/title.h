// The display title of a record: what a reader calls it. Internal to the
// normalize stage (normalize() sets NormalizedDoc::title with it).
#pragma once

#include <string>
#include <string_view>

#include "arkiv/record.h"

namespace arkiv::normalize {

// The title of `doc` (its text, page spans and source already set), given
// its metadata title already normalized to one line (may be empty):
//  1. a heading the record's kind puts on page 1: the "Boverkets
//     föreskrifter om ...;" lines of a föreskrift (up to five lines), the
//     heading after "Kommittédirektiv" or "Regeringens proposition", a
//     court's "HÖGSTA DOMSTOLENS DOM ... Mål nr T 170-08 ... SAKEN";
//  2. else the metadata title, if it can be trusted (not a file or
//     template name, a single word, a series masthead or a bare kind);
//  3. else the first line of page 1 that is not a page number, date,
//     letterhead, label or masthead, with the lines that continue it;
//  4. else the file name. Never empty.
std::string choose_title(const NormalizedDoc& doc, std::string_view meta_title, std::size_t max_bytes);

// True if a metadata title says nothing about the record: a file name
// ("NFS 2007-10k2.indd.indd", "Microsoft Word - a088.doc"), a template
// ("Allmän produktmall revPA1"), one word or number ("1"), a kind alone
// ("Regeringens proposition"), or a series masthead.
bool is_junk_title(std::string_view t);

}  // namespace arkiv::normalize
