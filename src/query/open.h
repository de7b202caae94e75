// Opening the indexes a read names as one Xapian database: local folders,
// remote "tcp://HOST:PORT" shards, and shard lists (a stub file in
// Xapian's stub syntax, read here, once). The search side and the audit
// share it.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

#include "arkiv/error.h"
#include "arkiv/search.h"

namespace arkiv::query {

// One shard a read names: a local database folder or a remote database
// served by xapian-tcpsrv.
struct ShardLocation {
  std::string path;       // local: the database folder; empty for a remote one
  std::string host;       // remote: the host xapian-tcpsrv listens on
  unsigned port = 0;      // remote: its port
  bool remote() const { return !host.empty(); }
  // As reports name it: the path, or "tcp://HOST:PORT".
  std::string name() const;
};

// The shard list syntax, Xapian's stub-file syntax (what
// Xapian::Database(FILE) reads too, so xapian-delve opens the same list):
// one shard a line,
//   auto PATH | glass PATH   a local database folder; a relative PATH is
//                             relative to the list's own folder (`base`)
//   remote HOST:PORT         a database xapian-tcpsrv serves
// blank lines and lines whose first non-blank character is '#' ignored.
// `file` names the list in errors. Throws IndexError "FILE:LINE: what was
// found; what is accepted" for any other line, a PORT that is not 1-65535,
// and a list that names no shard.
std::vector<ShardLocation> parse_shard_list(std::string_view text, const std::string& file, const std::string& base);

// The shards `locations` name: a folder as itself, "tcp://HOST:PORT" as a
// remote shard, a regular file as a shard list (parse_shard_list()).
// Throws IndexError for a malformed location or list, or an unreadable
// list.
std::vector<ShardLocation> shard_locations(const std::vector<std::string>& locations);

// How long a shard may take. Default: SearchOptions' defaults.
struct ShardTimeouts {
  unsigned connect_ms = 1000;    // to connect to a remote shard
  unsigned operation_ms = 5000;  // any one exchange with it, its greeting included
};

// The shards of a read, opened.
struct OpenShards {
  Xapian::Database db;             // the shards that answered, as one database
  std::vector<ShardLocation> all;  // every shard named, in the order named
  std::vector<Xapian::Database> opened;   // the ones that answered, each alone, in that order
  std::vector<std::string> opened_names;  // their names, in that order
  ShardReport report;
  std::string analysis;  // the analysis marker (kMetaAnalysis) the shards agree on
  bool any_remote = false;  // some shard that answered is remote: no KeyMaker, no value streams
};

// Opens every shard `locations` names, each in a thread of its own, a
// remote one with `timeouts` (so a refused one costs about 0.1 s, one that
// accepts and never answers at most operation_ms), and reads each one's
// analysis marker. The shards that answered are searched; those that did
// not are listed in the report with the reason. Throws, when no shard
// answers: the shard's own error if there is one shard
// (IndexNotFoundError for a folder with no index, IndexError otherwise),
// else IndexError naming each with its reason. Throws IndexError naming
// the shards when those that answered disagree on the analysis marker or
// schema version (their words were analysed differently). The shards in
// `lost` (by ShardLocation::name()), found not answering a moment ago, are
// not tried again but reported failed with their reason: a read that lost
// a hung shard does not wait for it a second time.
OpenShards open_shards(const std::vector<std::string>& locations, const ShardTimeouts& timeouts,
                       const std::vector<ShardFailure>& lost = {});

// A shard stopped answering during a read, after it was opened (Xapian's
// NetworkError: a server restarted, a machine gone, no answer within the
// operation timeout). A Searcher opens its shards again and reads once more
// without it; to anyone else it is an IndexError.
class ShardLostError : public IndexError {
 public:
  ShardLostError(const std::string& message, ShardFailure lost) : IndexError(message), lost_(std::move(lost)) {}
  // The shard that stopped answering (its name empty if Xapian did not
  // say which) and why.
  const ShardFailure& lost() const { return lost_; }

 private:
  ShardFailure lost_;
};

// The remote shard a Xapian NetworkError `e` came from, as ShardFailure
// names it ("tcp://HOST:PORT", from Xapian's context "remote:tcp(HOST:PORT)"),
// with its reason ("stopped answering: ..."); an empty name if the error
// does not say.
ShardFailure lost_shard(const Xapian::Error& e);

// Throws the arkiv error for a Xapian error met while reading: an
// IndexModifiedError for Xapian's DatabaseModifiedError (a writer
// discarded the revision being read: reopen and read again), a
// ShardLostError for its NetworkError, else an IndexError "what:
// description". REQUIRES: called in the handler that
// caught `e` (it rethrows e to read its type).
[[noreturn]] void throw_index_error(const std::string& what, const Xapian::Error& e);

}  // namespace arkiv::query
