// The plain data types that flow through arkiv's pipeline, one per stage:
//   SourceFile -> ExtractedDoc -> NormalizedDoc -> (index)
// Every stage is a function from one of these to the next, callable from a
// test. No Xapian, Poppler or ICU type appears here.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace arkiv {

// Why a file (or one page of it) could not be indexed as expected. Stored
// with the record so that `audit` can read it back; never thrown. Each
// kind has one key (diag_key), its name on disk and in --json: to add a
// kind, add it here (at the end: the helper's wire sends the number) and
// its key and whether it is fatal to the table in record.cc.
enum class DiagKind {
  kNotFound,      // the path does not exist
  kUnreadable,    // open/read failed (permissions, I/O error)
  kEmpty,         // zero-byte file
  kUnsupported,   // not a format arkiv reads (e.g. a non-PDF named .pdf)
  kTooLarge,      // over ExtractOptions::max_file_bytes or max_pages
  kCorrupt,       // the parser rejected the file
  kEncrypted,     // needs a password
  kNoText,        // parsed, but no page has a text layer (OCR candidate)
  kPageNoText,    // a warning: one page has no text (others do)
  kPageTextCut,   // a warning: one page's text was cut at max_page_text_bytes
  kPageOcrStopped,  // a warning: OCR of one page stopped at its deadline; the words read so far are kept
  kOcrRefused,      // a warning: OCR was wanted but not run (the helper's OpenMP thread limit is not 1)
  // A warning: the record's text, all pages together, was cut at
  // IndexOptions::max_record_text_bytes; the text kept is analysed and
  // indexed, the rest is not.
  kRecordTextCut,
  // A warning: analysis of the record passed its deadline (the file's
  // time limit, IndexOptions::helper_max_seconds) and stopped; what it
  // found until then and the record's words are kept.
  kAnalysisStopped,
};

// Stable, lower-case English key for a DiagKind ("corrupt", "encrypted", ...).
// Used in --json output and in the index. DO NOT CHANGE existing keys.
const char* diag_key(DiagKind kind);

// The kind a key names; std::nullopt for a key this version does not know.
std::optional<DiagKind> diag_from_key(std::string_view key);

// True for kinds that stop a file from being indexed (everything but
// page-level warnings).
bool diag_is_fatal(DiagKind kind);

struct Diagnostic {
  DiagKind kind = DiagKind::kCorrupt;
  std::string detail;  // English, one line, no path (the caller adds it)
  int page = 0;        // 1-based page it concerns, 0 = whole file
  // True when the cause may pass: the extraction helper timed out, crashed
  // or ran out of memory, which a quieter machine or a newer Poppler may
  // not. `arkiv index --retry-failed` (IndexOptions::retry_failed) tries
  // such a file again even if it did not change; a permanent problem
  // (encrypted, corrupt) waits for a change.
  bool transient = false;
};

// What happened to a record, as its history keeps it (RecordInfo::events,
// the audit, PREMIS). A re-index of a changed file used to replace the
// SHA-256 it was ingested with in silence; the history keeps the baseline
// and the change until an archivist accepts it.
enum class EventKind {
  kIngested,          // first indexed, with the SHA-256 of its content then
  kContentChanged,    // `arkiv index` found other content: SHA-256 before and after
  kChangesAccepted,   // an archivist accepted the changes before it (`audit --accept`)
  kExtractionFailed,  // the file could not be read (the reason in detail)
  kMoved,             // `arkiv index` found its content at a new path (detail: the path before)
};

// Stable, lower-case key of an EventKind ("ingested", "content-changed",
// "changes-accepted", "extraction-failed"): stored, and in --json output.
// DO NOT CHANGE existing keys.
const char* event_key(EventKind kind);
std::optional<EventKind> event_from_key(std::string_view key);

struct RecordEvent {
  EventKind kind = EventKind::kIngested;
  std::string at;      // ISO 8601 UTC
  std::string sha256;  // the content's SHA-256 after the event
  std::string before;  // kContentChanged: the SHA-256 before
  std::string detail;  // kExtractionFailed: the reason; kChangesAccepted: who, and the note given;
                       // kMoved: the path before
};

using FileTime = std::chrono::system_clock::time_point;

// A file found on disk. Set by ingest::discover().
struct SourceFile {
  std::string id;       // stable record id: hex of SHA-256(absolute path), 32 chars
  std::string path;     // as given by the user (relative stays relative)
  std::string abspath;  // absolute, lexically normalised
  std::uint64_t size = 0;
  FileTime mtime{};
  std::string sha256;   // hex; empty until ingest::hash_file() ran
  // For a file inside another (embedded in a PDF, attached to an e-mail, a
  // ZIP member), its place: path and abspath are the container's followed
  // by "!/" and the member name ("beslut.pdf!/bilaga 1.docx"), id derives
  // from that abspath, size/sha256 are the member's, mtime the file's.
  std::string parent_id;     // direct container's record id; empty for a file on disk
  std::string container_id;  // the file on disk it came from; empty for a file on disk
  std::string member;        // name inside the direct container ("bilaga 1.docx")
};

// The separator between a container's path and a member's name.
inline constexpr const char* kMemberSeparator = "!/";

// A file or member name is bytes, and need not be UTF-8: a Latin-1 name
// on a Linux disk ("café.txt" with é the one byte E9), a ZIP member named
// in CP437. Where a name must be text (the index's JSON record data,
// --json output), it is written by escape_name(), which gives valid UTF-8
// that unescape_name() turns back into the exact bytes:
//   - a byte that is not part of well-formed UTF-8 (RFC 3629) is "\xNN",
//     two lower-case hex digits: that café.txt is "caf\xe9.txt";
//   - a backslash that would begin such an escape (a backslash, 'x', two hex
//     digits of either case) is "\x5c": a name holding the text "\x41"
//     is "\x5cx41";
//   - every other byte is itself. A name that is UTF-8 and holds no
//     "\xNN" text (almost every name) is unchanged.
// unescape_name() turns each "\xNN" (either case) into the byte NN and
// leaves the rest: unescape_name(escape_name(b)) == b for any bytes b.
// A JSON consumer that needs a name's bytes applies that one rule. DO NOT
// CHANGE: names are stored so (codec/record.h).
std::string escape_name(std::string_view bytes);
std::string unescape_name(std::string_view text);
// True if `s` is well-formed UTF-8 (what escape_name() leaves unescaped).
bool is_utf8(std::string_view s);

// Document metadata as the file states it. Set by extract.
struct Metadata {
  std::string title;     // PDF Info /Title, an e-mail's Subject; may be empty
  std::string author;    // an e-mail's From
  std::string subject;
  std::string keywords;
  std::string creator;   // the authoring application
  std::string producer;  // the PDF library
  std::optional<FileTime> created;  // an e-mail's Date
  std::optional<FileTime> modified;
  std::string recipients;  // an e-mail's To and Cc
};

// Where a page's text came from. Stored with each page (codec/fields.h
// sends the number on the helper's wire, page_source_key() names it on
// disk and in --json): add new sources at the end.
enum class PageSource {
  kText,  // the file's own text (a PDF's text layer, a document's words)
  kOcr,   // read from the rendered page image by OCR (extract/ocr.h)
};

// Stable, lower-case key for a PageSource: "text", "ocr". DO NOT CHANGE.
const char* page_source_key(PageSource source);

// One page of extracted text, as the extractor produced it (raw UTF-8,
// line breaks and hyphens as printed).
struct Page {
  int number = 0;  // 1-based
  std::string text;
  PageSource source = PageSource::kText;
  // For an OCR page: Tesseract's mean word confidence, 0-100; 0 for text
  // from the file itself.
  int confidence = 0;
};

struct ExtractedDoc {
  SourceFile source;
  std::string format;     // "pdf", "docx", "odt", "xlsx", "ods", "text", "html", "eml", "zip", "image"
  std::string extractor;  // e.g. "poppler-cpp 22.12.0"
  Metadata meta;
  int page_count = 0;     // as the file declares it
  std::vector<Page> pages;
  std::vector<Diagnostic> diagnostics;  // fatal ones mean: do not index text
  // Files inside this one (embedded files, e-mail attachments, archive
  // members), extracted in turn, each a record of its own.
  std::vector<ExtractedDoc> children;
};

// A page's place in NormalizedDoc::text: [begin, end) byte offsets.
struct PageSpan {
  int number = 0;  // 1-based
  std::size_t begin = 0;
  std::size_t end = 0;
  PageSource source = PageSource::kText;  // as Page::source
  int confidence = 0;                     // as Page::confidence
};

// The page of ascending `pages` containing byte offset `offset`; 0 if none
// does. Used where a text was indexed and where its stored spans are read.
int page_at(const std::vector<PageSpan>& pages, std::size_t offset);

// Text after normalize(): NFC, compatibility characters folded, line-break
// hyphenation repaired. All later offsets point into `text`; `pages` says
// which page each byte belongs to. Pages are separated by '\f'.
struct NormalizedDoc {
  SourceFile source;
  std::string format;
  std::string extractor;
  Metadata meta;
  int page_count = 0;
  std::string title;  // best title: metadata title, else the first text line
  std::string text;
  std::vector<PageSpan> pages;
  std::vector<Diagnostic> diagnostics;

  // The page containing byte offset `offset`; 0 if out of range.
  int page_at(std::size_t offset) const;
  // The text of page `number` (1-based); empty if there is no such page.
  std::string_view page_text(int number) const;
};

}  // namespace arkiv
