// Options for each stage, as plain structs with documented defaults
// (LevelDB's options.h style): call sites stay readable and a new option
// does not touch every caller.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace arkiv {

// How text becomes terms, at index and at query time alike (the index
// records which one built it, and searches follow it).
enum class TextAnalysis {
  // Swedish: lemmas from hunspell-sv (avtalet -> avtal, högskolan ->
  // högskola), compound parts at a lower weight, elliptic compounds,
  // diacritic-free forms at a lower weight, CJK n-grams, capitalised query
  // words stemmed too.
  kSwedish,
  // Snowball's Swedish stemmer alone, as Xapian gives it: the baseline the
  // evaluation compares with.
  kSnowball,
};

struct DiscoverOptions {
  // There is no list of extensions: a walk hands on every regular file
  // but hidden ones (names starting with ".") and arkiv's own manifest and
  // BagIt tag files (is_bag_metadata_file), and its format is told by
  // content. A file arkiv does not read (.doc, .xls, .msg, .rtf, .xml, an
  // unknown binary) is a record with the status "unsupported" and its
  // type, listed as not read by `index` and `audit`.
  // Follow symbolic links found while walking a folder that point out of
  // it, to files and to folders. A link to a file or folder inside the
  // folder is passed over either way: the file is indexed where it is,
  // once. Default: false: a link out of the folder is reported and not
  // followed. Paths named by the user are always followed.
  bool follow_symlinks = false;
};

// When a page is read by OCR (ExtractOptions::ocr).
enum class OcrMode {
  // Pages without text, or whose text is not language (a scan's header
  // line, glyph garbage), and that carry ink, are read by OCR; pages with
  // real text are left alone. Without Tesseract built in, as kNever.
  kAuto,
  kNever,  // no page is read by OCR: scans stay "no text layer"
  // Every page with ink is read by OCR, its text layer replaced (for a PDF
  // whose text layer is known to be wrong). Needs Tesseract.
  kForce,
};

struct ExtractOptions {
  // Files larger than this are skipped as "too large". Default: 512 MiB.
  std::uint64_t max_file_bytes = 512ull << 20;
  // Documents declaring more pages than this are skipped as "too large".
  // Default: 20000.
  int max_pages = 20000;
  // Text kept per page, in bytes; the rest is dropped with a warning.
  // Guards against decompression bombs that expand to gigabytes of text.
  // Default: 4 MiB.
  std::size_t max_page_text_bytes = 4u << 20;
  // Files inside files are opened down to this depth (an e-mail on disk
  // is depth 0, a PDF attached to it 1, a ZIP embedded in that PDF 2); one
  // level deeper they are recorded as "too large" without being opened.
  // Default: 4.
  int max_depth = 4;
  // Members extracted from one file on disk, all depths together.
  // Default: 10000.
  int max_members = 10000;
  // Bytes unpacked from one file on disk, all members together (a ZIP
  // bomb's 42 kB expand to petabytes). Default: 1 GiB.
  std::uint64_t max_unpacked_bytes = 1ull << 30;
  // A member may unpack to at most this many times the size of the file
  // holding it (counted from 1 MiB for smaller files): Office files pack
  // 5-50 times, a ZIP bomb thousands. Default: 100.
  std::uint64_t max_ratio = 100;
  // Which pages are read by OCR (extract/ocr.h). Default: kNever: a
  // caller of the library starts no 2-seconds-a-page engine unasked;
  // `arkiv index` asks for kAuto unless told otherwise (--ocr).
  OcrMode ocr = OcrMode::kNever;
  // Seconds OCR may spend on one page; a page stopped there keeps the
  // words read so far and is reported. Default: 60.
  unsigned ocr_page_timeout = 60;
  // Folder of OCR results kept by the SHA-256 of the rendered page image
  // and the engine and model version, so that a page read once (a file
  // moved or copied, a page in two records, a record indexed again) is
  // never read again. Created when needed; OcrMode::kForce reads past it.
  // Default: empty, no cache (`arkiv index` uses INDEX/ocr-cache).
  std::string ocr_cache_dir;
  // Threads one document's OCR pages are read on at once. One helper
  // reads one file: with one thread, a 16-page scan kept one core busy for
  // 24 s while the other had finished (SJVFS 2009:26), and any long scan
  // read at most 0.66 pages/s. Default: 1 (`arkiv index` gives each
  // helper its thread count, at most 4).
  unsigned ocr_threads = 1;
};

// Whether this build of arkiv can read pages by OCR: Tesseract was built
// in and its Swedish model (swe.traineddata) is installed. When false,
// `why` (if given) says what is missing and how to install it.
bool ocr_available(std::string* why = nullptr);

// What a lexicon knows of a lower-case word form (NormalizeOptions::words).
struct WordKnowledge {
  bool word = false;            // a word form of its own: "ändringen", "utbyte", "socialstyrelsen"
  bool compound_begin = false;  // may begin a compound: "arbets" (in "arbetsförmedlingens")
  bool compound_end = false;    // may end a compound: "förmedlingens"
  bool name = false;            // a form of a name: "palme", "gävle"
};

// arkiv's Swedish lexicon (hunspell-sv's word forms, compiled into the
// binary): what it knows of `lower_form`; all false for an unknown form.
WordKnowledge swedish_word(std::string_view lower_form);

struct NormalizeOptions {
  // Rejoin words hyphenated across a line break where the hyphen is a
  // line-break artefact ("utlands-\npolitik" -> "utlandspolitik").
  // Default: true.
  bool dehyphenate = true;
  // Word knowledge for a line-end hyphen after a capitalised part: the
  // hyphen goes where the joined form is a word ("Soci-\nalstyrelsen",
  // "Änd-\nringen") or the second part is none ("Cyper-\nmetrin"), and
  // stays where a name meets a word ("Palme-\nutbyte"). Default:
  // swedish_word. nullptr: a capitalised part always keeps its hyphen.
  WordKnowledge (*words)(std::string_view lower_form) = &swedish_word;
};

// OCR in an indexing run, as far as it has gone: what the progress line
// shows while a scan is read (about 2 s a page; a 100-page scan takes
// minutes). Counted from the pages the extraction helpers begin
// (extract::OcrPageStart); extraction in-process reports none.
struct OcrProgress {
  std::size_t pages_read = 0;  // pages OCR finished in this run, on all threads
  double busy_seconds = 0;     // wall-clock seconds in which OCR read some page
  double page_seconds = 0;     // the seconds each of those pages took, summed
  // The file OCR most recently began a page of and still reads; empty
  // when no OCR is under way.
  std::string path;
  std::size_t page = 0;           // the OCR page under way in it: 1, 2, ...
  std::size_t pages_to_read = 0;  // OCR pages it is known to need; 0: not known
  double page_elapsed = 0;        // seconds since that page began
};

// Progress of an indexing run, reported after each file and when OCR
// begins a page.
struct IndexProgress {
  std::size_t done = 0;   // files handled so far
  std::size_t total = 0;  // files found
  std::string path;       // the file just handled
  OcrProgress ocr;
};

// One shard of an archive split over several indexes (issue 26): the
// records of the files whose shard (ingest/shard.h, by the name of their
// first folder below the paths given) is `number`, out of `count`.
struct ShardOptions {
  // Shards in all; 0: not sharded, every file is indexed. Default: 0.
  unsigned count = 0;
  // The shard written, 1..count. Default: 0 (not sharded).
  unsigned number = 0;
};

struct IndexOptions {
  // The Xapian database directory; created if missing. Default: "index".
  std::string index_dir = "index";
  // Documents per transaction. A run killed midway keeps every batch
  // committed before the kill. Default: 64.
  std::size_t batch_size = 64;
  // Extraction threads; 0 = one per core. Default: 0.
  unsigned threads = 0;
  DiscoverOptions discover;
  ExtractOptions extract;
  NormalizeOptions normalize;
  // Default: kSwedish. Records analysed otherwise are indexed again.
  TextAnalysis analysis = TextAnalysis::kSwedish;
  // Extract each file in a helper process started with this command (see
  // extract::IsolatedExtractor), so a file that crashes or hangs Poppler
  // is reported, not fatal. Empty: extract in this process. Default: empty
  // (the `arkiv` CLI sets it to itself).
  std::vector<std::string> extract_helper;
  // Seconds per file (--file-timeout): the helper extracting it is
  // stopped there. Analysis of each of its records, in this process, stops
  // that long after it began too (see max_analysis_time). Default: 120.
  unsigned helper_max_seconds = 120;
  std::uint64_t helper_max_memory = 2ull << 30;  // per helper. Default: 2 GiB
  // After extraction, a record is analysed and its Xapian document built
  // in this process, where no helper's limits reach; these bound that
  // work. Text analysed and indexed per record, all its pages together, in
  // bytes: the page where the limit falls is cut (at a character) and the
  // pages after it dropped, reported as "record-text-cut"; the record is
  // indexed with the text kept. 20000 pages of 4 MiB
  // (ExtractOptions::max_page_text_bytes) would otherwise reach 80 GB, and
  // each MiB of text costs this process 30-100 MiB while it is analysed
  // and its document built (16 MiB of prose in 4 KiB pages: 515 MB peak;
  // 4 MiB of "2019 " repeated, a date every 5 bytes: 393 MB), so the limit keeps
  // one record within the helper's memory limit. Default: 16 MiB (a
  // 1000-page report has about 3 MB).
  std::size_t max_record_text_bytes = 16u << 20;
  // Time the normalization and analysis of one record may take in this
  // process, counted from when its extracted text arrives: the analysis
  // steps left at that moment find nothing, reported as
  // "analysis-stopped", and the record is indexed with what was found and
  // its words (a step linear in the text kept). 0: helper_max_seconds, the
  // file's time limit. Default: 0.
  std::chrono::milliseconds max_analysis_time{0};
  // Read again the unchanged files whose extraction failed in a way that
  // may pass (Diagnostic::transient: the helper timed out, crashed or ran
  // out of memory). Default: false: such a file waits, as a permanent
  // failure does, so that a nightly run does not spend the file timeout
  // on the same file every night. A file that changed is read anyway.
  bool retry_failed = false;
  // Index only the files of one shard (ShardOptions); the files of the
  // others are not read, only counted (IndexSummary::routed_elsewhere).
  // The index remembers its shard: a later run with another one is an
  // IndexError. Default: not sharded.
  ShardOptions shard;
  // Called after each file, from the indexing thread, and when OCR begins
  // a page, from the thread extracting that file: never two calls at
  // once. Default: none.
  std::function<void(const IndexProgress&)> on_progress;
};

struct ShardReport;  // arkiv/search.h

struct SearchOptions {
  // Index locations searched as one: local database directories, remote
  // databases as "tcp://HOST:PORT" (served by xapian-tcpsrv), or shard
  // lists (a stub file, query/open.h's parse_shard_list()).
  // Default: {"index"}.
  std::vector<std::string> indexes{"index"};
  // Show personal identity numbers (arkiv/personal_data.h) as written.
  // Default: false: every text a Searcher hands out (hit titles and
  // snippets, a record's pages, title and metadata, timeline statements,
  // actor contexts, case listings) has them masked, "19811218-XXXX", its
  // highlights moved along.
  bool show_personal_data = false;
  // How long a remote shard may take to accept a connection, and to answer
  // any one request (its greeting included), in milliseconds: a shard
  // that takes longer is left out of the read (ShardReport). A refused
  // connection fails at once. Default: 1000 and 5000.
  unsigned shard_connect_timeout_ms = 1000;
  unsigned shard_timeout_ms = 5000;
  // Called when a Searcher opens its shards and some do not answer, with
  // the report (the CLI prints a line per shard left out). Default: none.
  std::function<void(const ShardReport&)> on_partial = nullptr;
};

}  // namespace arkiv
