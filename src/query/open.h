// Opening the indexes a read names, local folders and remote
// "tcp://HOST:PORT" shards alike, as one Xapian database: the search side
// and the audit share it.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

namespace arkiv::query {

// Throws IndexNotFoundError (what() is the location) if a local one holds no
// index, IndexError if one cannot be opened or reached or none is given.
Xapian::Database open_databases(const std::vector<std::string>& locations);

// Throws the arkiv error for a Xapian error met while reading: an
// IndexModifiedError for Xapian's DatabaseModifiedError (a writer
// discarded the revision being read: reopen and read again), else an
// IndexError "what: description". REQUIRES: called in the handler that
// caught `e` (it rethrows e to read its type).
[[noreturn]] void throw_index_error(const std::string& what, const Xapian::Error& e);

}  // namespace arkiv::query
