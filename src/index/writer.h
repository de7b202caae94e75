// The only code that writes a Xapian database. Turns NormalizedDocs into
// Xapian documents (terms with positions, values, JSON record data) and
// keeps the per-record signature used for change detection.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "arkiv/record.h"
#include "codec/record.h"

namespace arkiv::index {

// What the index remembers of a file, to decide whether it changed.
struct Signature {
  Xapian::docid did = 0;
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::string sha256;
  std::string status;  // "ok" or a diag key
  std::string detail;  // the fatal diagnostic's detail, if any
  bool transient = false;  // that diagnostic may pass: the file is tried again
  int schema = 0;      // schema version the record was written with
  std::string gazetteer;  // analysis_stamp() it was analysed with (document.h)
  bool names_exact = true;  // codec::names_exact(): false, the record's names hold U+FFFD
};

class Writer {
 public:
  // Opens the database at `dir`, creating it (and the directory) if needed.
  // Throws IndexLockedError when another writer holds it, IndexError when
  // it cannot be opened or `dir` is a non-empty folder that is not an index.
  explicit Writer(const std::string& dir);

  std::optional<Signature> lookup(const std::string& id) const;
  // The history of the record `did` (Signature::did), oldest first.
  std::vector<RecordEvent> events(Xapian::docid did) const;
  // The path of the record `did` as it was indexed (its record data).
  std::string path_of(Xapian::docid did) const;
  // Adds or replaces the record at docid `did` (a record moved keeps its
  // place: the first ingested, first).
  void replace_at(Xapian::docid did, const Xapian::Document& doc);
  // Adds `e` to the history of record `id`, in the open batch. Returns
  // false if there is no such record.
  bool add_event(const std::string& id, const RecordEvent& e);

  // Adds or replaces the record `id` (see document.h for how it is built).
  void replace(const std::string& id, const Xapian::Document& doc);
  // Removes every record found inside the file with record id `id`.
  void remove_members(const std::string& id);
  // Refreshes the stored mtime of a record whose content is unchanged.
  void touch(const Signature& sig, std::int64_t mtime_ns);
  void remove(const std::string& id);
  // Marks a record whose file cannot be read now (or is in a folder that
  // cannot): its state becomes "unreadable" with `detail`, transient, so
  // the next run reads it again; its text and terms stay, still found.
  void mark_unreadable(const Signature& sig, const std::string& detail);

  // Absolute paths of the records that lie below `root` (a directory,
  // absolute), or equal it. A record's id is ingest::record_id(path).
  std::vector<std::string> paths_under(const std::string& root) const;

  // Groups writes into one atomic commit: a run killed midway keeps every
  // batch committed before. replace() and commit_batch() throw
  // Xapian::Error as Xapian does: the caller tells a record Xapian refuses
  // from a full disk (indexer.cc).
  void begin_batch();
  void commit_batch();
  void cancel_batch();

  // Names the analysis the records are written with (schema::
  // kMetaAnalysis), committed with the next batch; searches read it.
  void set_analysis(const std::string& id);

  // Adds `abspaths` (absolute, lexically normal) to the files and folders
  // the index was built from (schema::kMetaSources), committed with the
  // next batch: a path below one already there adds nothing, one above
  // such paths replaces them.
  void add_sources(const std::vector<std::string>& abspaths);

  // The walk problems an earlier run recorded (schema::kMetaWalkProblems).
  std::vector<codec::WalkProblem> walk_problems() const;
  // Replaces those at or below any of `scope` (absolute, lexically normal:
  // the paths this run was given) with `now`, committed with the next
  // batch or mark_run_complete().
  void set_walk_problems(const std::vector<std::string>& scope, std::vector<codec::WalkProblem> now);

  // Makes this index shard `number` of `count` under the routing rule
  // `rule` (schema::kMetaShard*), committed with the next batch or
  // mark_run_complete(); `count` 0: a run that is not sharded. An index
  // without records takes any; one that already is a shard takes only the
  // same count, number and rule, and one with records and no shard only
  // an unsharded run. Otherwise throws IndexError naming both: an index
  // holding shard 2 of 8 that took shard 3, or shard 2 of 4, would hold
  // records another shard holds too, found twice by a search over all.
  void claim_shard(unsigned count, unsigned number, const std::string& rule);

  // Records the end of a successful run (stats' "last indexed").
  void mark_run_complete();

 private:
  Xapian::WritableDatabase db_;
  std::string dir_;  // as given, for messages
  bool in_batch_ = false;
};

}  // namespace arkiv::index
