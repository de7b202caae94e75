// The archivist's audit: are the records all there, unchanged since ingest,
// readable and linked? Compares the files on disk with what the index
// recorded of them (size, mtime, SHA-256, status, attachment references),
// and checks a corpus against a BagIt-style manifest.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "arkiv/options.h"
#include "arkiv/search.h"

namespace arkiv {

// What an archivist should look at. Each kind has one key (finding_key),
// its name in --json and CSV output. DO NOT CHANGE a key.
enum class FindingKind {
  kNew,                // "new": on disk, not in the index (or not in the manifest)
  kChanged,            // "changed": content differs from what was ingested: a fixity failure
  kMissing,            // "missing": in the index (or the manifest), gone from disk
  kUnreadable,         // "unreadable": corrupt, encrypted, too large, empty (detail: why);
                       // or a folder or file that cannot be read now (permissions, an I/O error):
                       // not checked, its records not missing (detail: why, how many records)
  kNoText,             // "no-text": pages without a text layer, OCR candidates (detail: which)
  kDuplicate,          // "duplicate": the same content as another record (detail: which)
  kMissingAttachment,  // "missing-attachment": a decision refers to "bilaga N" and there is no such record
  kOrphanAttachment,   // "orphan-attachment": a "Bilaga N" file that no decision in its folder refers to
  kMoved,              // "moved": a record's file is at another path, its content the same (detail:
                       // from where); `arkiv index` moves the record, its history kept
  kPersonalData,       // "personal-data": the text holds personal identity numbers (personnummer,
                       // samordningsnummer; arkiv/personal_data.h); detail: how many, of which
                       // kinds, on which pages. Never the numbers.
  kNotRead,            // "not-read": a file (or member) in a format arkiv does not read; its record holds
                       // no text (detail: its type, "Word 97-2003 document (.doc)", "XML", "unknown type").
                       // A kind of its own, not "unreadable": the file is whole, and what it asks of an
                       // archivist differs (convert it, or accept it as it is; not restore it).
};

// Stable key for a FindingKind: "new", "changed", ...
const char* finding_key(FindingKind kind);

// One thing an archivist should look at.
struct Finding {
  FindingKind kind = FindingKind::kNew;
  std::string path;    // as indexed (or as listed in the manifest)
  std::string detail;  // one line, English
};

struct AuditOptions {
  // Files and folders to audit. Default: empty: those the index was built
  // from, as `arkiv index` recorded them (shown relative to the working
  // folder where they lie below it, else absolute), wherever the audit
  // runs from.
  std::vector<std::string> paths;
  // Re-hash every file (slow, proves fixity). Default: false: trust size
  // and mtime, and report a file whose size or mtime moved as changed.
  bool verify = false;
  DiscoverOptions discover;
  // Show personal identity numbers in the findings' details as written.
  // Default: false: masked ("19811218-XXXX"), as SearchOptions does.
  bool show_personal_data = false;
  // Called after each file hashed (verify) or checked. Default: none.
  std::function<void(const IndexProgress&)> on_progress;
};

struct AuditReport {
  std::size_t files_on_disk = 0;   // files found under the paths
  std::size_t records = 0;         // records in the index under the paths, members included
  std::size_t verified = 0;        // files re-hashed
  std::vector<Finding> findings;   // by kind, then path
  // What was audited: AuditOptions::paths, or the index's own sources.
  std::vector<std::string> paths;
  // No path was given and an index does not record what it was built
  // from (an arkiv before 0.9 wrote it, or nothing was ever indexed):
  // nothing was checked.
  bool sources_unknown = false;
  // Paths given that neither exist nor hold a record of the index: a
  // mistyped path, not an empty archive. Nothing was checked.
  std::vector<std::string> not_found;
  // The shards read, when the index is split over several (a shard list):
  // those that did not answer are in shards.failed, and the files on disk
  // that are theirs by the shards' routing rule (`arkiv index --shards N`)
  // were not checked, counted in not_checked; the findings are those of
  // the shards that answered.
  ShardReport shards;
  std::size_t not_checked = 0;
  // Findings per kind, by finding_key(); every kind is present, 0 if none.
  std::map<std::string, std::size_t> counts() const;
  // True if a record changed or went missing: what the exit status says.
  bool fixity_failed() const;
  // True if a record's file moved (FindingKind::kMoved).
  bool moved() const;
};

// Audits the files under opts.paths against the indexes in `index`
// (opened as Searcher does, each shard with index's timeouts). Shards that
// do not answer are left out (AuditReport::shards, index.on_partial called
// with the report) when those that answer are shards of one split, so the
// files that are the others' are known; else, and when none answers,
// throws IndexError naming them. Throws IndexNotFoundError / IndexError.
AuditReport audit(const SearchOptions& index, const AuditOptions& opts);

// What accept_changes() did with each path, as given.
struct AcceptResult {
  std::vector<std::string> accepted;           // its changes are accepted: the audit no longer reports them
  std::vector<std::string> nothing_to_accept;  // its record has no change since the last acceptance
  std::vector<std::string> not_found;          // no record of the index is that file
};

// An archivist accepts the content changes `arkiv index` took in for the
// files at `paths`: each record's history gets a "changes-accepted" event
// (RecordEvent: the time, the SHA-256 accepted, `who` and `note`), and the
// audit reports the change no more. Needs the index's write lock: throws
// IndexLockedError while an index run holds it, IndexError if it cannot
// be written.
AcceptResult accept_changes(const std::string& index_dir, const std::vector<std::string>& paths,
                            const std::string& who, const std::string& note);

// Writes a manifest of `dir`: "<sha256>  <path relative to dir>" for every
// regular file below `dir` (the manifest itself and hidden files left out),
// sorted by path, as BagIt's manifest-sha256.txt. `output` is where it goes;
// default "" means `dir`/manifest-sha256.txt (a read-only share is listed
// into a file elsewhere). Returns the number of files. Throws Error if `dir`
// cannot be read or the manifest not written.
std::size_t write_manifest(const std::string& dir, const std::function<void(const IndexProgress&)>& on_progress = {},
                           const std::string& output = {});

// Checks the files below `dir` against a manifest: "changed", "missing" and
// "new" findings (paths relative to `dir`). Default `dir` "": the
// manifest's own folder. Throws Error if the manifest cannot be read or has
// a malformed line.
AuditReport check_manifest(const std::string& manifest_file,
                           const std::function<void(const IndexProgress&)>& on_progress = {},
                           const std::string& dir = {});

}  // namespace arkiv
