// The two ways actors::find_in_query() reads the gazetteer, for the test
// that they agree. Private to the library.
#pragma once

#include <string_view>
#include <vector>

#include "arkiv/actors.h"

namespace arkiv::actors {

// find_in_query() as a process without the whole gazetteer answers it:
// from the gazetteer's lines with a form that may start with one of the
// query's words (a search process builds no more). A process that has
// built the whole gazetteer (a server) looks the words up there instead;
// both must find the same actors at the same places.
std::vector<QueryActor> find_in_query_lines(std::string_view query);

}  // namespace arkiv::actors
