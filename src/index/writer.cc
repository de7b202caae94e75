#include "index/writer.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <vector>

#include "arkiv/error.h"
#include "codec/format.h"
#include "codec/record.h"
#include "util/fault.h"
#include "util/time.h"

namespace fs = std::filesystem;

namespace arkiv::index {
namespace {

// Refuse to turn an unrelated folder into an index: `--index corpus` by
// mistake must not scatter Xapian files among the records.
//
// A run killed while Xapian creates the index leaves its table files
// (postlist.glass, termlist.glass, ...) and perhaps "v.tmp" without the
// revision file "iamglass", which Xapian renames from "v.tmp" last; then
// neither opening nor creating works ("Failed to open glass revision
// file") and every later run was refused. Such tables hold nothing
// committed (a reader needs iamglass), so small ones are cleared and the
// index is created afresh; large ones are a damaged index that someone
// should look at, not delete.
void check_index_dir(const std::string& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) return;
  if (!fs::is_directory(dir, ec)) throw IndexError(dir + ": exists and is not a directory");
  if (fs::exists(fs::path(dir) / "iamglass", ec)) return;
  std::vector<fs::path> half_created;
  std::uintmax_t bytes = 0;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    std::string name = e.path().filename().string();
    if (name == "README.md" || name == ".gitignore" || name == "flintlock") continue;
    // Xapian writes the revision file as "v.tmp", then renames it.
    if ((name.ends_with(".glass") || name == "v.tmp") && e.is_regular_file(ec)) {
      half_created.push_back(e.path());
      bytes += e.file_size(ec);
      continue;
    }
    throw IndexError(dir + ": folder is not empty and is not an arkiv index");
  }
  if (half_created.empty()) return;
  if (bytes > (1u << 20))
    throw IndexError(dir + ": damaged index: Xapian's tables are there but not its revision file iamglass; "
                           "move the folder away and index again");
  for (const fs::path& p : half_created) fs::remove(p, ec);
}

}  // namespace

Writer::Writer(const std::string& dir) : dir_(dir) {
  check_index_dir(dir);
  try {
    fs::create_directories(dir);
    db_ = Xapian::WritableDatabase(dir, Xapian::DB_CREATE_OR_OPEN);
  } catch (const Xapian::DatabaseLockError&) {
    throw IndexLockedError(dir + ": index is locked by another arkiv process (an index run in progress?)");
  } catch (const Xapian::Error& e) {
    throw IndexError(dir + ": cannot open index: " + e.get_description());
  } catch (const fs::filesystem_error& e) {
    throw IndexError(dir + ": " + e.code().message());
  }
  std::string v = db_.get_metadata(schema::kMetaSchema);
  if (v.empty() || std::stoi(v) < schema::kSchemaVersion) {
    // Older records are upgraded record by record as they are re-indexed
    // (Signature::schema).
    db_.set_metadata(schema::kMetaSchema, std::to_string(schema::kSchemaVersion));
  } else if (v != std::to_string(schema::kSchemaVersion)) {
    throw IndexError(dir + ": index schema version " + v + " is not supported (expected " +
                     std::to_string(schema::kSchemaVersion) + "); rebuild it");
  }
}

std::optional<Signature> Writer::lookup(const std::string& id) const {
  std::string term = std::string(schema::kPrefixId) + id;
  Xapian::PostingIterator it = db_.postlist_begin(term);
  if (it == db_.postlist_end(term)) return std::nullopt;
  Xapian::Document d = db_.get_document(*it);
  Signature s;
  s.did = *it;
  s.size = codec::get_size(d);
  s.mtime_ns = codec::get_mtime_ns(d);
  s.sha256 = codec::get_sha256(d);
  // Values, not the JSON data: a no-op run over a large corpus does this
  // for every file, and the data of a long report is large.
  const codec::State state = codec::get_state(d);
  s.schema = state.schema;
  s.gazetteer = state.stamp;
  s.status = state.status;
  s.detail = state.detail;
  s.transient = state.transient;
  s.names_exact = codec::names_exact(d);
  return s;
}

std::vector<RecordEvent> Writer::events(Xapian::docid did) const { return codec::get_events(db_.get_document(did)); }

std::string Writer::path_of(Xapian::docid did) const {
  const std::optional<codec::RecordData> d = codec::get_data(db_.get_document(did));
  return d ? d->source.path : std::string();
}

void Writer::replace_at(Xapian::docid did, const Xapian::Document& doc) { db_.replace_document(did, doc); }

bool Writer::add_event(const std::string& id, const RecordEvent& e) {
  const std::optional<Signature> sig = lookup(id);
  if (!sig) return false;
  Xapian::Document d = db_.get_document(sig->did);
  std::vector<RecordEvent> history = codec::get_events(d);
  history.push_back(e);
  codec::put_events(d, history);
  db_.replace_document(sig->did, d);
  return true;
}

void Writer::replace(const std::string& id, const Xapian::Document& doc) {
  db_.replace_document(std::string(schema::kPrefixId) + id, doc);
}

void Writer::touch(const Signature& sig, std::int64_t mtime_ns) {
  // The mtime is stored once, in its slot: the record data is not read.
  Xapian::Document d = db_.get_document(sig.did);
  codec::put_mtime_ns(d, mtime_ns);
  db_.replace_document(sig.did, d);
}

void Writer::mark_unreadable(const Signature& sig, const std::string& detail) {
  Xapian::Document d = db_.get_document(sig.did);
  codec::put_state(d, {sig.schema, sig.gazetteer, diag_key(DiagKind::kUnreadable), detail, true});
  db_.replace_document(sig.did, d);
}

void Writer::remove(const std::string& id) {
  db_.delete_document(std::string(schema::kPrefixId) + id);
}

void Writer::remove_members(const std::string& id) {
  db_.delete_document(std::string(schema::kPrefixContainer) + id);
}

std::vector<std::string> Writer::paths_under(const std::string& root) const {
  std::vector<std::string> out;
  std::string dir = root;
  if (dir.empty() || dir.back() != '/') dir += '/';
  for (auto it = db_.valuestream_begin(schema::kSlotAbspath); it != db_.valuestream_end(schema::kSlotAbspath);
       ++it) {
    const std::string& p = *it;
    if (p == root || p.compare(0, dir.size(), dir) == 0) out.push_back(p);
  }
  return out;
}

void Writer::begin_batch() {
  db_.begin_transaction(true);
  in_batch_ = true;
}

void Writer::commit_batch() {
  if (!in_batch_) return;
  in_batch_ = false;
  util::fault_point("index.commit.before");
  {
    const util::FaultWindow during("index.commit.during");
    db_.commit_transaction();
  }
  util::fault_point("index.commit.after");
}

void Writer::cancel_batch() {
  if (!in_batch_) return;
  in_batch_ = false;
  try {
    db_.cancel_transaction();
  } catch (const Xapian::Error&) {
  }
}

void Writer::set_analysis(const std::string& id) {
  try {
    if (db_.get_metadata(schema::kMetaAnalysis) != id) db_.set_metadata(schema::kMetaAnalysis, id);
  } catch (const Xapian::Error& e) {
    throw IndexError("cannot write to the index: " + e.get_description());
  }
}

void Writer::add_sources(const std::vector<std::string>& abspaths) {
  std::vector<std::string> all = codec::split_sources(db_.get_metadata(schema::kMetaSources));
  const std::string before = codec::join_sources(all);
  all.insert(all.end(), abspaths.begin(), abspaths.end());
  const std::string after = codec::join_sources(all);
  if (after == before) return;
  try {
    db_.set_metadata(schema::kMetaSources, after);
  } catch (const Xapian::Error& e) {
    throw IndexError("cannot write to the index: " + e.get_description());
  }
}

std::vector<codec::WalkProblem> Writer::walk_problems() const {
  return codec::split_walk_problems(db_.get_metadata(schema::kMetaWalkProblems));
}

void Writer::set_walk_problems(const std::vector<std::string>& scope, std::vector<codec::WalkProblem> now) {
  auto in_scope = [&](const std::string& p) {
    return std::any_of(scope.begin(), scope.end(), [&](const std::string& s) { return codec::at_or_below(p, s); });
  };
  const std::string before = db_.get_metadata(schema::kMetaWalkProblems);
  for (codec::WalkProblem& p : codec::split_walk_problems(before))
    if (!in_scope(p.abspath)) now.push_back(std::move(p));
  std::sort(now.begin(), now.end());
  now.erase(std::unique(now.begin(), now.end()), now.end());
  const std::string after = codec::join_walk_problems(now);
  if (after == before) return;
  try {
    db_.set_metadata(schema::kMetaWalkProblems, after);
  } catch (const Xapian::Error& e) {
    throw IndexError("cannot write to the index: " + e.get_description());
  }
}

void Writer::claim_shard(unsigned count, unsigned number, const std::string& rule) {
  const std::string has_count = db_.get_metadata(schema::kMetaShardCount);
  const std::string has_number = db_.get_metadata(schema::kMetaShard);
  const std::string has_rule = db_.get_metadata(schema::kMetaShardRule);
  auto shard_text = [](const std::string& k, const std::string& n, const std::string& r) {
    return "shard " + k + " of " + n + " (rule " + r + ")";
  };
  const std::string wanted =
      count == 0 ? std::string("not sharded") : shard_text(std::to_string(number), std::to_string(count), rule);
  if (has_count.empty()) {
    if (count == 0) return;
    if (db_.get_doccount() > 0)
      throw IndexError(dir_ + ": the index holds records of a run without --shards; this run writes " + wanted +
                       ": give each shard its own index");
    try {
      db_.set_metadata(schema::kMetaShardCount, std::to_string(count));
      db_.set_metadata(schema::kMetaShard, std::to_string(number));
      db_.set_metadata(schema::kMetaShardRule, rule);
    } catch (const Xapian::Error& e) {
      throw IndexError("cannot write to the index: " + e.get_description());
    }
    return;
  }
  if (count != 0 && has_count == std::to_string(count) && has_number == std::to_string(number) && has_rule == rule)
    return;
  throw IndexError(dir_ + ": the index is " + shard_text(has_number, has_count, has_rule) + "; this run writes " +
                   wanted + ": give each shard its own index");
}

void Writer::mark_run_complete() {
  db_.set_metadata(schema::kMetaLastIndexed, util::iso8601_utc(util::now()));
  db_.commit();
}

}  // namespace arkiv::index
