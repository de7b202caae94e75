// BagIt (RFC 8493): validating any bag, and writing one of a set of files.
// A bag is the archivist's unit of transfer: payload files under data/,
// manifests of their checksums, and tag files (bagit.txt, bag-info.txt)
// that say what the bag is. `arkiv bag` writes them; `arkiv bag --validate`
// checks one made by any tool, against the Library of Congress's
// conformance suite (tests/data/bagit/).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace arkiv {

enum class BagSeverity {
  kError,    // the bag is not valid
  kWarning,  // valid, but something an archivist should know
};

// One problem found in a bag. `code` is a stable key (the --json "code"),
// `path` the file it is about, relative to the bag ("" for the bag as a
// whole), `args` the values the message quotes (listed per code below), and
// `detail` one line of English.
//
// Errors that concern fixity or completeness (exit status 5):
//   "checksum"          a file's checksum differs: {algorithm, listed, actual}
//   "missing"           listed in a manifest, not on disk: {manifest}
//   "not-listed"        a payload file no payload manifest lists: {manifest}
//   "not-fetched"       listed in fetch.txt and not on disk (arkiv does not fetch): {url}
//   "oxum"              Payload-Oxum differs from the payload: {declared, actual}
//   "unreadable"        a file cannot be read: {reason}
// Errors in the bag's form (exit status 6):
//   "no-bagit-txt"      no bagit.txt
//   "bagit-txt"         bagit.txt is malformed: {what}
//   "no-manifest"       no payload manifest at all
//   "no-data"           no data/ folder
//   "manifest-line"     a manifest line that is not "CHECKSUM  PATH": {line number}
//   "outside-payload"   a payload manifest or fetch.txt path outside data/ or the bag: {listed path, why}
//   "duplicate-entry"   the same path listed twice in a manifest (BagIt 1.0), or twice
//                       with different checksums: {manifest}
//   "bad-checksum"      a checksum of the wrong length or not hexadecimal: {algorithm}
//   "unknown-algorithm" a manifest whose algorithm arkiv cannot compute, and no other: {algorithm}
//   "encoding"          a tag file that is not valid in its declared encoding: {encoding}
//   "bag-info-line"     a bag-info.txt line that is neither "Label: value" nor a continuation: {line number}
//   "bag-info-label"    a bag-info.txt label with whitespace before the colon (BagIt 1.0 only): {line number}
//   "fetch-line"        a fetch.txt line that is not "URL LENGTH PATH": {line number}
// Warnings (exit status 0):
//   "weak-algorithm"     only MD5 or SHA-1 manifests: {algorithm}
//   "dot-slash"          a manifest path starting "./": {listed path}
//   "md5sum-star"        a manifest path starting "*" (md5sum's binary mark): {listed path}
//   "case-variant"       two manifest paths that differ only in case, one file on disk: {other path}
//   "normalization-variant" two manifest paths that are one name in Unicode NFC: {other path}
//   "duplicate-entry"    the same path listed twice with the same checksum (before BagIt 1.0): {manifest}
//   "system-file"        an operating system's housekeeping file (.DS_Store, Thumbs.db) in the
//                        payload: {name}
//   "system-file-missing" such a file listed and gone, a warning too: copies drop them: {name}
//   "fetch"              fetch.txt lists files; all are present, arkiv fetched none
//   "unknown-algorithm"  a manifest arkiv cannot check beside others it can: {algorithm}
//   "bagit-txt"          bagit.txt has trailing whitespace: {what}
struct BagProblem {
  BagSeverity severity = BagSeverity::kError;
  std::string code;
  std::string path;
  std::vector<std::string> args;
  std::string detail;
  // True for the fixity and completeness codes above.
  bool fixity() const;
};

struct BagReport {
  std::string version;                  // BagIt-Version as declared, "" if unknown
  std::string encoding;                 // Tag-File-Character-Encoding
  std::vector<std::string> algorithms;  // of the payload manifests, sorted ("md5", "sha256")
  std::size_t payload_files = 0;        // files under data/
  std::uint64_t payload_bytes = 0;
  std::size_t checked = 0;           // checksums computed and compared
  std::vector<BagProblem> problems;  // errors first, then warnings; by path within each
  bool valid() const;                // no errors
  bool fixity_failed() const;        // an error with fixity()
  std::size_t errors() const;
  std::size_t warnings() const;
};

// Validates the bag in folder `dir` as RFC 8493 (and the earlier drafts
// 0.93-0.97 where they differ: the bag's BagIt-Version decides). Hashes
// every file every manifest lists, with every algorithm listed (any digest
// OpenSSL knows: md5, sha1, sha224, sha256, sha384, sha512, ...). Never
// throws for a problem in the bag; throws Error only if `dir` is not a
// folder.
BagReport validate_bag(const std::string& dir);

// One payload file of a bag to write.
struct BagFile {
  std::string source;  // the file to copy
  std::string name;    // its path under data/, '/'-separated, relative
};

struct BagWriteRequest {
  std::string out_dir;         // must be absent or an empty folder
  std::vector<BagFile> files;  // names must be distinct
  // bag-info.txt elements written before the ones arkiv sets (Bagging-Date,
  // Payload-Oxum, Bag-Software-Agent), in this order: Source-Organization,
  // External-Description, ...; empty values are left out.
  std::vector<std::pair<std::string, std::string>> info;
};

struct BagWriteResult {
  std::size_t files = 0;
  std::uint64_t bytes = 0;
};

// Writes a BagIt 1.0 bag: data/ with copies of the files, bagit.txt,
// manifest-sha256.txt, manifest-sha512.txt, bag-info.txt and
// tagmanifest-sha256.txt and tagmanifest-sha512.txt. Names with LF, CR or
// % are percent-encoded in the manifests as RFC 8493 says. Throws Error if
// out_dir exists and is not an empty folder, a name is unsafe (absolute,
// "..") or repeated, or a file cannot be read or written.
BagWriteResult write_bag(const BagWriteRequest& req);

// True if `file` is a manifest or tag file arkiv (or any BagIt tool)
// writes, which is never itself a record: bagit.txt, bag-info.txt, or a
// (tag)manifest-ALGORITHM.txt whose lines are all "HEX  PATH". Reads at
// most the file's first 64 KiB.
bool is_bag_metadata_file(const std::string& file);

}  // namespace arkiv
