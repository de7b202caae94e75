// Builds and updates an index from files on disk: discovery, change
// detection, extraction, normalization and the Xapian write, in batches
// committed as transactions.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "arkiv/options.h"
#include "arkiv/record.h"

namespace arkiv {

struct SkippedFile {
  std::string path;    // as given (relative stays relative)
  std::string reason;  // diag_key(), e.g. "encrypted"
  std::string detail;  // one line, English
  // A problem an earlier run recorded, the file unchanged since: not read
  // again, and no reason for `arkiv index` to exit 3 (a nightly run over
  // a known encrypted file would otherwise fail every night).
  bool known = false;
  // The failure may pass (Diagnostic::transient: the extraction helper
  // timed out, crashed or ran out of memory): IndexOptions::retry_failed
  // reads the file again.
  bool may_pass = false;
};

// A folder or file below the paths given that could not be read
// (permissions, an I/O error): what is in it was not checked, and its
// records were kept, not removed.
struct UnreadablePath {
  std::string path;      // as given (relative stays relative)
  std::string detail;    // why, one line, English ("Permission denied")
  std::size_t kept = 0;  // records at or below it kept, marked unreadable
  // Its records were already marked unreadable for this reason by an
  // earlier run, or, holding no record, the last run reported it for the
  // same reason: not new.
  bool known = false;
};

struct IndexSummary {
  std::size_t indexed = 0;    // new records
  std::size_t unchanged = 0;  // seen before, same content: not extracted
  std::size_t updated = 0;    // content changed: extracted and replaced
  std::size_t removed = 0;    // gone from disk: removed from the index
  std::size_t members = 0;    // files inside the files read (embedded, attached, archived), indexed
  // Could not be indexed: read and failed in this run, or known from an
  // earlier one and unchanged (SkippedFile::known).
  std::vector<SkippedFile> skipped;
  // Read in this run and found to be in a format arkiv does not read
  // (reason "unsupported"; detail: its type, "Word 97-2003 document
  // (.doc)", "XML", "unknown type"); files on disk only (a member arkiv
  // does not read is in skipped, as the run reading it found it, and
  // `audit` lists it with the others). Each is a record with the status
  // "unsupported", not read again until it changes: a later run counts it
  // in not_read_known, and `audit` lists it ("not-read").
  std::vector<SkippedFile> not_read;
  // Unchanged records of such files, known from an earlier run: not read
  // again, not in not_read, not in unchanged.
  std::vector<SkippedFile> not_read_known;
  // Indexed by title and path words only, their text unread: no text
  // layer (scans; reason "no-text"), needing OCR. Also counted in indexed,
  // updated, unchanged or members; SkippedFile::known when unchanged.
  std::vector<SkippedFile> needs_ocr;
  // Indexed in this run, but not whole: the first warning that says so
  // (reason "page-text-cut", "record-text-cut", "page-ocr-stopped",
  // "analysis-stopped"; detail: where, "(and N more)" when it has more).
  // Also counted in indexed, updated or members; `show` lists them all.
  std::vector<SkippedFile> incomplete;
  // Folders and files that could not be read. Their records are kept,
  // their text still found, with the state "unreadable" (transient: the
  // next run reads them again once it can; `audit` reports them), until
  // they can be read again or are gone (then removed). Not in skipped.
  std::vector<UnreadablePath> unreadable;
  std::size_t pages = 0;      // pages extracted in this run
  std::size_t ocr_pages = 0;  // of those, read by OCR (ExtractOptions::ocr)
  // Files read before whose content (SHA-256) is not what it was: also
  // counted in updated. Each record keeps the change in its history, and
  // the audit reports it until an archivist accepts it.
  std::vector<std::string> content_changed;
  // Files whose content was a record gone from its path (a folder
  // renamed): the record moved to the new path, its history kept with a
  // "moved" event. Not counted in indexed or removed.
  struct Moved {
    std::string from, to;  // paths as given (from: as the record had it)
  };
  std::vector<Moved> moved;
  // Files on disk that belong to other shards (IndexOptions::shard): not
  // read, not in any other count.
  std::size_t routed_elsewhere = 0;
  // Seconds this run's one Xapian writer spent adding records and
  // committing them: against the run's wall time, how busy the writer
  // was, the share that limits how many cores one index can use.
  double write_seconds = 0;
  // Of those, the writer thread's CPU time; the rest it waited (for the
  // disk at a commit, or for a core on a busy machine).
  double write_cpu_seconds = 0;
};

// Indexes `paths` (files or directories) into opts.index_dir, creating it if
// needed. A file whose size and mtime match the index is unchanged and not
// read; one whose metadata changed but whose SHA-256 did not is unchanged
// too (its stored mtime is refreshed). Records below a walked directory
// that are gone from disk are removed; those of a folder or file that
// cannot be read are kept and marked (IndexSummary::unreadable).
// A file that could not be indexed is not read again until it changes;
// one whose failure may pass only with IndexOptions::retry_failed.
//
// Throws IndexLockedError if another writer holds the index, IndexError if
// it cannot be opened or written. Per-file problems are in the summary and
// stored with the record; they never throw.
IndexSummary index_paths(const std::vector<std::string>& paths,
                         const IndexOptions& opts);

// The folder of local shard `number` of an index split over shards in one
// folder (index_local_shards): "<dir>/shard-<number>".
std::string local_shard_dir(const std::string& dir, unsigned number);

// Indexes `paths` into opts.shard.count shards at once, each in
// local_shard_dir(opts.index_dir, k), as index_paths() with shard k would
// (opts.shard.number is ignored): a Xapian writer per shard, each fed by
// extraction threads of its own (opts.threads shared among the shards, at
// least one each), for a machine with more cores than one writer keeps
// busy. opts.index_dir gets a Xapian stub file, XAPIANDB, naming the
// shards ("glass shard-1", ...): Xapian, and every arkiv command, open the
// folder as the shards searched as one. opts.on_progress sees the shards'
// files added up. Returns each shard's summary, shard 1 first.
//
// Throws as index_paths() does: the first shard's error, once every shard
// has stopped (the shards that finished keep what they wrote). Throws
// UsageError if opts.shard.count is 0.
std::vector<IndexSummary> index_local_shards(const std::vector<std::string>& paths, const IndexOptions& opts);

}  // namespace arkiv
