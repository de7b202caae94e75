#include "query/open.h"

#include <filesystem>

#include "arkiv/error.h"

namespace fs = std::filesystem;

namespace arkiv::query {
namespace {

Xapian::Database open_one(const std::string& loc) {
  if (loc.rfind("tcp://", 0) == 0) {
    std::string hp = loc.substr(6);
    auto colon = hp.rfind(':');
    if (colon == std::string::npos) throw IndexError(loc + ": expected tcp://HOST:PORT");
    std::string host = hp.substr(0, colon);
    unsigned port = 0;
    try {
      port = static_cast<unsigned>(std::stoul(hp.substr(colon + 1)));
    } catch (const std::exception&) {
      throw IndexError(loc + ": bad port");
    }
    return Xapian::Remote::open(host, port, 10000, 5000);
  }
  std::error_code ec;
  if (!fs::exists(fs::path(loc) / "iamglass", ec)) throw IndexNotFoundError(loc);
  // Opening reads the revision the last commit wrote; an index run that
  // commits twice meanwhile discards it (DatabaseModifiedError, seen by a
  // search during `arkiv index --batch 5`). Opening again reads the newer.
  for (int attempt = 0;; ++attempt) {
    try {
      return Xapian::Database(loc);
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt == 4) throw;
    }
  }
}

}  // namespace

Xapian::Database open_databases(const std::vector<std::string>& locations) {
  if (locations.empty()) throw IndexError("no index given");
  Xapian::Database db;
  for (const auto& loc : locations) {
    try {
      db.add_database(open_one(loc));
    } catch (const Xapian::NetworkError& e) {
      throw IndexError(loc + ": cannot reach remote index: " + e.get_description());
    } catch (const Xapian::Error& e) {
      throw_index_error(loc + ": cannot open index", e);
    }
  }
  return db;
}

void throw_index_error(const std::string& what, const Xapian::Error& e) {
  const std::string message = what + ": " + e.get_description();
  // Xapian's errors have no virtual functions to dynamic_cast by: the
  // exception being handled is thrown again and caught by its type.
  try {
    throw;
  } catch (const Xapian::DatabaseModifiedError&) {
    throw IndexModifiedError(message);
  } catch (...) {
    throw IndexError(message);
  }
}

}  // namespace arkiv::query
