#include "query/open.h"

#include <algorithm>
#include <exception>
#include <filesystem>
#include <fstream>
#include <future>
#include <map>
#include <sstream>

#include "arkiv/error.h"
#include "codec/format.h"

namespace fs = std::filesystem;

namespace arkiv::query {
namespace {

// What a shard list accepts, as its errors say it.
constexpr const char* kAccepted = "a line is \"auto PATH\", \"glass PATH\", \"remote HOST:PORT\", a # comment or blank";

// "HOST:PORT" as a remote shard; false if it is not one (no colon, no
// host, a port that is not 1-65535).
bool parse_host_port(std::string_view hp, ShardLocation& out) {
  const std::size_t colon = hp.rfind(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == hp.size()) return false;
  const std::string_view digits = hp.substr(colon + 1);
  if (digits.size() > 5 || !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return false;
  const unsigned port = static_cast<unsigned>(std::stoul(std::string(digits)));
  if (port == 0 || port > 65535) return false;
  out.host = std::string(hp.substr(0, colon));
  out.port = port;
  return true;
}

// A folder as itself, "tcp://HOST:PORT" as a remote shard.
ShardLocation location_of(const std::string& loc) {
  ShardLocation s;
  if (loc.rfind("tcp://", 0) == 0) {
    if (!parse_host_port(std::string_view(loc).substr(6), s))
      throw IndexError(loc + ": expected tcp://HOST:PORT, PORT 1-65535");
    return s;
  }
  s.path = loc;
  return s;
}

// `read(tries)` (tries: 0, 1, ...) again, up to five times in all, while
// it throws DatabaseModifiedError: an index run that commits twice while
// a revision is read discards it, and reading again reads the newer one.
template <typename Read>
auto while_modified(Read read) {
  for (int tries = 0;; ++tries) {
    try {
      return read(tries);
    } catch (const Xapian::DatabaseModifiedError&) {
      if (tries == 4) throw;
    }
  }
}

Xapian::Database open_local(const std::string& loc) {
  std::error_code ec;
  if (!fs::exists(fs::path(loc) / "iamglass", ec)) throw IndexNotFoundError(loc);
  // Opening reads the revision the last commit wrote (DatabaseModifiedError
  // seen by a search during `arkiv index --batch 5`).
  return while_modified([&](int) { return Xapian::Database(loc); });
}

// `beside_remote`: the list holds a remote shard too. Such a local shard is
// read through a xapian-progsrv child, as a remote one: Xapian 1.4.22's
// matcher over local and remote shards together aborted now and then
// ("pure virtual method called" inside Enquire::get_mset: 4 of 10 runs of
// Cluster.ALocalShardBesideRemoteOnesRanksAsOneMergedIndex on a loaded
// machine, 0 of 8 through progsrv; never over remote shards alone).
Xapian::Database open_one(const ShardLocation& s, const ShardTimeouts& t, bool beside_remote) {
  // Xapian's timeouts are milliseconds, though typed useconds_t
  // (xapian/dbfactory.h, 1.4.22); its defaults, 10 s each, made one hung
  // shard cost a search 10.1 s (#26).
  if (s.remote()) return Xapian::Remote::open(s.host, s.port, t.operation_ms, t.connect_ms);
  Xapian::Database local = open_local(s.path);  // arkiv's own errors for a missing or unreadable index
  // Xapian splits a program's arguments at spaces: a path holding one is
  // read in-process.
  if (beside_remote && s.path.find_first_of(" \t\n") == std::string::npos)
    return Xapian::Remote::open("xapian-progsrv", "-- " + s.path, t.operation_ms);
  return local;
}

// One shard's attempt: its database and markers, or why it did not answer.
struct Attempt {
  Xapian::Database db;
  std::string analysis, schema;
  std::exception_ptr error;  // an arkiv error, typed
  std::string reason;        // set iff error is
};

Attempt attempt(const ShardLocation& s, const ShardTimeouts& t, bool beside_remote) {
  Attempt a;
  try {
    try {
      a.db = open_one(s, t, beside_remote);
      // An index run that commits twice between the open and these reads
      // discards the revision opened (CI: E2E.SearchesWhileIndexing, a
      // search exiting with "cannot open index: DatabaseModifiedError"):
      // they are read again from the newer one, as open_local() opens.
      while_modified([&](int tries) {
        if (tries > 0) a.db.reopen();
        a.analysis = a.db.get_metadata(schema::kMetaAnalysis);
        a.schema = a.db.get_metadata(schema::kMetaSchema);
        return 0;
      });
    } catch (const Xapian::NetworkTimeoutError& e) {
      a.reason = "no answer in time (" + e.get_msg() + ")";
      throw IndexError(s.name() + ": cannot reach remote index: " + a.reason);
    } catch (const Xapian::NetworkError& e) {
      a.reason = e.get_msg() + (e.get_error_string() ? std::string(" (") + e.get_error_string() + ")" : "");
      throw IndexError(s.name() + ": cannot reach remote index: " + a.reason);
    } catch (const Xapian::Error& e) {
      a.reason = e.get_description();
      throw_index_error(s.name() + ": cannot open index", e);
    }
  } catch (const IndexNotFoundError& e) {
    a.reason = "no index here";
    a.error = std::current_exception();
  } catch (const Error& e) {
    if (a.reason.empty()) a.reason = e.what();
    a.error = std::current_exception();
  }
  return a;
}

// "A (x, y) and B (z)": which shards have which value of a marker.
std::string disagreement(const std::map<std::string, std::vector<std::string>>& by_value) {
  std::string out;
  for (const auto& [value, shards] : by_value) {
    if (!out.empty()) out += " and ";
    out += "\"" + value + "\" (";
    for (std::size_t i = 0; i < shards.size(); ++i) out += (i ? ", " : "") + shards[i];
    out += ")";
  }
  return out;
}

}  // namespace

std::string ShardLocation::name() const { return remote() ? "tcp://" + host + ":" + std::to_string(port) : path; }

std::vector<ShardLocation> parse_shard_list(std::string_view text, const std::string& file, const std::string& base) {
  std::vector<ShardLocation> out;
  std::size_t line_no = 0;
  for (std::size_t at = 0; at <= text.size();) {
    std::size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(at, end - at);
    at = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const std::size_t first = line.find_first_not_of(" \t");
    if (first == std::string_view::npos || line[first] == '#') continue;
    line = line.substr(first, line.find_last_not_of(" \t") + 1 - first);
    const std::size_t space = line.find_first_of(" \t");
    const std::string_view type = line.substr(0, space);
    const std::string_view arg =
        space == std::string_view::npos ? std::string_view() : line.substr(line.find_first_not_of(" \t", space));
    auto bad = [&](const std::string& what) {
      return IndexError(file + ":" + std::to_string(line_no) + ": " + what + "; " + kAccepted);
    };
    if (type == "auto" || type == "glass") {
      if (arg.empty()) throw bad("\"" + std::string(type) + "\" without a path");
      ShardLocation s;
      const fs::path p(arg);
      s.path = (p.is_absolute() ? p : fs::path(base) / p).lexically_normal().string();
      out.push_back(std::move(s));
    } else if (type == "remote") {
      ShardLocation s;
      if (!arg.empty() && arg[0] == ':')
        throw bad("\"remote " + std::string(arg) + "\" runs a program; arkiv reads only remote HOST:PORT (tcp)");
      if (!parse_host_port(arg, s)) throw bad("\"" + std::string(line) + "\" is no HOST:PORT with a PORT of 1-65535");
      out.push_back(std::move(s));
    } else {
      throw bad("\"" + std::string(type) + "\" is no shard type arkiv reads");
    }
  }
  if (out.empty()) throw IndexError(file + ": names no shard; " + kAccepted);
  return out;
}

std::vector<ShardLocation> shard_locations(const std::vector<std::string>& locations) {
  std::vector<ShardLocation> out;
  for (const std::string& loc : locations) {
    std::error_code ec;
    // A folder of local shards (`arkiv index --shards N` writes DIR/XAPIANDB
    // beside DIR/shard-1 ...) is the list it holds, as Xapian reads a
    // folder with a XAPIANDB file; one that is itself an index is not.
    const bool local = loc.rfind("tcp://", 0) != 0;
    const fs::path list = local && fs::is_regular_file(loc, ec) ? fs::path(loc)
                          : local && !fs::exists(fs::path(loc) / "iamglass", ec) &&
                                  fs::is_regular_file(fs::path(loc) / "XAPIANDB", ec)
                              ? fs::path(loc) / "XAPIANDB"
                              : fs::path();
    if (!list.empty()) {
      std::ifstream in(list, std::ios::binary);
      std::ostringstream text;
      text << in.rdbuf();
      if (!in) throw IndexError(list.string() + ": cannot read the shard list");
      const std::vector<ShardLocation> listed = parse_shard_list(text.str(), list.string(), list.parent_path().string());
      out.insert(out.end(), listed.begin(), listed.end());
    } else {
      out.push_back(location_of(loc));
    }
  }
  return out;
}

OpenShards open_shards(const std::vector<std::string>& locations, const ShardTimeouts& timeouts,
                       const std::vector<ShardFailure>& lost) {
  if (locations.empty()) throw IndexError("no index given");
  OpenShards out;
  out.all = shard_locations(locations);
  // Every shard at once: a read waits for the slowest shard, not for the
  // sum of them (8 shards at 8-17 ms a connection, #26).
  std::vector<std::future<Attempt>> pending;
  const bool mixed = std::any_of(out.all.begin(), out.all.end(), [](const ShardLocation& s) { return s.remote(); }) &&
                     !std::all_of(out.all.begin(), out.all.end(), [](const ShardLocation& s) { return s.remote(); });
  for (const ShardLocation& s : out.all) {
    const auto known = std::find_if(lost.begin(), lost.end(), [&](const ShardFailure& f) { return f.shard == s.name(); });
    if (known != lost.end()) {
      // A shard that just stopped answering: a hung one would cost the
      // operation timeout again.
      std::promise<Attempt> gone;
      Attempt a;
      a.reason = known->reason;
      a.error = std::make_exception_ptr(IndexError(s.name() + ": " + a.reason));
      gone.set_value(std::move(a));
      pending.push_back(gone.get_future());
      continue;
    }
    // A local index opens in well under a millisecond: it is opened here.
    // A thread for it cost `arkiv search` more than the open (the thread's
    // own malloc arena and stack, 120 of its 720 page faults).
    pending.push_back(std::async(s.remote() ? std::launch::async : std::launch::deferred,
                                 [&s, &timeouts, mixed] { return attempt(s, timeouts, mixed); }));
  }
  std::vector<Attempt> attempts;
  for (auto& p : pending) attempts.push_back(p.get());

  std::map<std::string, std::vector<std::string>> analyses, schemas;
  for (std::size_t i = 0; i < attempts.size(); ++i) {
    Attempt& a = attempts[i];
    const std::string name = out.all[i].name();
    if (a.error) {
      out.report.failed.push_back({name, a.reason});
      continue;
    }
    out.db.add_database(a.db);
    out.opened.push_back(a.db);
    out.opened_names.push_back(name);
    out.any_remote = out.any_remote || out.all[i].remote();
    analyses[a.analysis].push_back(name);
    schemas[a.schema].push_back(name);
    out.analysis = a.analysis;
  }
  out.report.answered = out.opened.size();
  if (out.opened.empty()) {
    if (attempts.size() == 1) std::rethrow_exception(attempts[0].error);
    std::string why;
    for (const ShardFailure& f : out.report.failed) why += "; " + f.shard + ": " + f.reason;
    throw IndexError("no shard answered" + why);
  }
  // Words analysed one way in one shard and another way in the next would
  // match in one and not the other: one index only if all agree.
  if (schemas.size() > 1)
    throw IndexError("the shards have different schema versions: " + disagreement(schemas) +
                     "; index them again with one arkiv version");
  if (analyses.size() > 1)
    throw IndexError("the shards were indexed with different analyses: " + disagreement(analyses) +
                     "; index them again with one --analysis");
  return out;
}

ShardFailure lost_shard(const Xapian::Error& e) {
  ShardFailure f;
  const std::string& context = e.get_context();
  constexpr std::string_view kTcp = "remote:tcp(";
  if (context.size() > kTcp.size() + 1 && context.compare(0, kTcp.size(), kTcp) == 0 && context.back() == ')')
    f.shard = "tcp://" + context.substr(kTcp.size(), context.size() - kTcp.size() - 1);
  f.reason = "stopped answering (" + e.get_msg() + ")";
  return f;
}

void throw_index_error(const std::string& what, const Xapian::Error& e) {
  const std::string message = what + ": " + e.get_description();
  // Xapian's errors have no virtual functions to dynamic_cast by: the
  // exception being handled is thrown again and caught by its type.
  try {
    throw;
  } catch (const Xapian::DatabaseModifiedError&) {
    throw IndexModifiedError(message);
  } catch (const Xapian::NetworkError&) {
    throw ShardLostError(message, lost_shard(e));
  } catch (...) {
    throw IndexError(message);
  }
}

}  // namespace arkiv::query
