// Where arkiv's message catalogs (<dir>/<lang>/LC_MESSAGES/arkiv.mo,
// compiled from data/po/*.po) are looked for: by the CLI for the user's
// locale, and by `arkiv serve` for each request's Accept-Language.
#pragma once

#include <string>
#include <vector>

namespace arkiv::util {

// ARKIV_LOCALEDIR if set, then <dir of the running binary>/locale (the
// build tree) and <dir of the binary>/../share/locale (an installed tree),
// in that order.
std::vector<std::string> catalog_dirs();

}  // namespace arkiv::util
