// `arkiv index [PATH...]`: add, update and remove records so the index
// matches the files on disk.
#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <thread>
#include <nlohmann/json.hpp>

#include "arkiv/error.h"
#include "arkiv/indexer.h"
#include "arkiv/pipeline.h"
#include "cli/commands.h"
#include "cli/i18n.h"
#include "cli/output.h"

namespace arkiv::cli {
namespace {

struct IndexArgs {
  std::vector<std::string> paths;  // Default: {"corpus"}
  std::size_t batch = 64;          // --batch: documents per transaction
  unsigned threads = 0;            // --threads: 0 = one per core
  unsigned file_timeout = 120;     // --file-timeout: seconds per file. Default: 120
  unsigned file_memory = 2048;     // --file-memory: MiB per extraction helper. Default: 2048
  bool follow_symlinks = false;    // --follow-symlinks: follow links out of the folders given
  std::string analysis = "swedish";  // --analysis swedish|snowball. Default: swedish
  std::string ocr = "auto";          // --ocr auto|never|force. Default: auto (ExtractOptions::ocr)
  unsigned ocr_page_timeout = 60;    // --ocr-page-timeout: seconds per page. Default: 60
  bool retry_failed = false;         // --retry-failed: read again failures that may pass
  unsigned shards = 0;               // --shards: shards in all (0: not sharded)
  unsigned shard = 0;                // --shard: the one written, 1..shards (0: all, locally)
};

// Adds the summary of one shard's run to that of the whole run.
void add_summary(IndexSummary& all, IndexSummary&& one) {
  auto append = [](auto& to, auto& from) { to.insert(to.end(), std::make_move_iterator(from.begin()),
                                                     std::make_move_iterator(from.end())); };
  all.indexed += one.indexed;
  all.unchanged += one.unchanged;
  all.updated += one.updated;
  all.removed += one.removed;
  all.members += one.members;
  all.pages += one.pages;
  all.ocr_pages += one.ocr_pages;
  all.write_seconds += one.write_seconds;
  all.write_cpu_seconds += one.write_cpu_seconds;
  append(all.skipped, one.skipped);
  append(all.not_read, one.not_read);
  append(all.not_read_known, one.not_read_known);
  append(all.needs_ocr, one.needs_ocr);
  append(all.incomplete, one.incomplete);
  append(all.unreadable, one.unreadable);
  append(all.content_changed, one.content_changed);
  append(all.moved, one.moved);
}

// The reason a file was skipped, in the user's language.
std::string reason_text(const SkippedFile& s) {
  const std::string& r = s.reason;
  if (r == "not-found") return tr("no such file or directory");
  if (r == "empty") return tr("empty file");
  if (r == "corrupt") return tr_format("corrupt or truncated ({1})", s.detail);
  if (r == "encrypted") return tr("encrypted, a password is required");
  if (r == "no-text") return tr("no text layer (scanned? needs OCR)");
  if (r == "unreadable") return tr_format("cannot be read ({1})", s.detail);
  if (r == "unsupported") return tr_format("unsupported format ({1})", s.detail);
  if (r == "too-large") return tr_format("too large ({1})", s.detail);
  return s.detail;
}

// Why a record indexed is not whole (IndexSummary::incomplete), in the
// user's language; where (the page, the limit) is in --json and `show`.
std::string incomplete_text(const SkippedFile& s) {
  const std::string& r = s.reason;
  if (r == "page-text-cut") return tr("the text of a page was cut at its size limit");
  if (r == "record-text-cut") return tr("the record's text was cut at its size limit");
  if (r == "page-ocr-stopped") return tr("OCR of a page stopped at its time limit");
  if (r == "analysis-stopped") return tr("analysis stopped at the file's time limit");
  return s.detail;
}

// The type of a file arkiv does not read (SkippedFile::detail of
// IndexSummary::not_read, as extract/container.cc names it), in the
// user's language.
std::string type_text(const std::string& detail) {
  if (detail == "Word 97-2003 document (.doc)") return tr("Word 97-2003 document (.doc)");
  if (detail == "Excel 97-2003 workbook (.xls)") return tr("Excel 97-2003 workbook (.xls)");
  if (detail == "PowerPoint 97-2003 presentation (.ppt)") return tr("PowerPoint 97-2003 presentation (.ppt)");
  if (detail == "Outlook message (.msg)") return tr("Outlook message (.msg)");
  if (detail == "Office file in the OLE format (.doc/.xls/.ppt family)")
    return tr("Office file in the OLE format (.doc/.xls/.ppt family)");
  if (detail == "unknown type") return tr("unknown type");
  return detail;  // "RTF", "XML", and a reason given by a file's container ("not a document: ...")
}

class IndexCommand : public Command {
 public:
  IndexCommand(CLI::App& app, GlobalArgs& /*g*/) {
    sub = app.add_subcommand("index", tr("Index files and folders (default: corpus/)"));
    sub->add_option("paths", args_.paths, tr("Files or folders to index"));
    sub->add_option("--batch", args_.batch, tr("Documents per transaction"))->capture_default_str();
    sub->add_option("--file-timeout", args_.file_timeout, tr("Seconds one file may take to extract"))
        ->capture_default_str();
    sub->add_option("--file-memory", args_.file_memory, tr("Memory (MiB) the extraction of one file may use"))
        ->capture_default_str();
    sub->add_flag("--follow-symlinks", args_.follow_symlinks,
                  tr("Follow symbolic links found in folders, also out of them (default: a link out of a folder "
                     "is reported and not followed)"));
    sub->add_option("--threads", args_.threads, tr("Extraction threads (0 = one per core)"))
        ->capture_default_str();
    sub->add_option("--analysis", args_.analysis,
                    tr("How words become terms: swedish (lemmas, compounds, diacritics) or snowball (the "
                       "Snowball stemmer alone, for comparison); records analysed otherwise are indexed again"))
        ->check(CLI::IsMember({"swedish", "snowball"}))
        ->capture_default_str();
    sub->add_option("--ocr", args_.ocr,
                    tr("Read scanned pages by OCR: auto (pages without real text, when Tesseract is "
                       "installed), never, or force (every page with ink, replacing its text layer)"))
        ->check(CLI::IsMember({"auto", "never", "force"}))
        ->capture_default_str();
    sub->add_option("--ocr-page-timeout", args_.ocr_page_timeout,
                    tr("Seconds OCR may spend on one page; the words read until then are kept"))
        ->capture_default_str();
    sub->add_flag("--retry-failed", args_.retry_failed,
                  tr("Read again the unchanged files whose reading failed in a way that may pass (the "
                     "extraction timed out, crashed or ran out of memory); without it they wait, as encrypted "
                     "or corrupt files do, until they change"));
    sub->add_option("--shards", args_.shards,
                    tr("Split the index into this many shards, by the first folder below the paths given (a "
                       "case stays in one shard). With --shard: write that one shard into --index. Without: "
                       "write them all at once, as --index/shard-1 ... shard-N"))
        ->check(CLI::Range(1u, 1000u));
    sub->add_option("--shard", args_.shard,
                    tr("The shard this run writes, 1 to --shards; the files of the others are not read, only "
                       "counted. Every machine gives the same paths and --shards"))
        ->needs("--shards")
        ->check(CLI::Range(1u, 1000u));
    sub->footer(tr("A problem an earlier run found in a file that has not changed since (encrypted, corrupt, "
                   "a failure that may pass) is counted as known, not read again, and does not make the "
                   "exit status 3: only problems new in this run do.") +
                "\n\n" +
                examples({"arkiv index",
                         "arkiv index corpus/ --json",
                         "arkiv index --retry-failed",
                         "arkiv --index arkiv-index index corpus/",
                         "arkiv --index shard-3 index --shards 8 --shard 3 corpus",
                         "arkiv --index shards index --shards 8 corpus"}));
  }

  int run(const GlobalArgs& g) override {
    IndexOptions opts;
    opts.index_dir = g.indexes.front();
    if (opts.index_dir.rfind("tcp://", 0) == 0)
      throw UsageError(tr("index writes a local index; a remote one (tcp://) is read-only"));
    // 0 used to mean "no limit" by accident: one hostile file could then
    // hold a run for ever. There is no unlimited; a large value is allowed.
    if (args_.file_timeout == 0)
      throw UsageError(tr("--file-timeout must be a whole number of seconds, at least 1"));
    if (args_.file_memory == 0)
      throw UsageError(tr("--file-memory must be a whole number of MiB, at least 1"));
    if (args_.ocr_page_timeout == 0)
      throw UsageError(tr("--ocr-page-timeout must be a whole number of seconds, at least 1"));
    std::string no_ocr;
    if (args_.ocr == "force" && !ocr_available(&no_ocr))
      throw UsageError(tr_format("--ocr force: OCR is not available: {1}", no_ocr));
    opts.extract.ocr = args_.ocr == "never" ? OcrMode::kNever
                       : args_.ocr == "force" ? OcrMode::kForce
                                              : OcrMode::kAuto;
    opts.extract.ocr_page_timeout = args_.ocr_page_timeout;
    opts.extract.ocr_cache_dir = (std::filesystem::path(opts.index_dir) / "ocr-cache").string();
    // A scan's pages on as many threads as files are read at once: when
    // one long scan is left it gets every core; when every helper reads a
    // scan the cores are shared. At most 4, so that many cores do not
    // start dozens of engines (18 MB each).
    opts.extract.ocr_threads =
        std::min(4u, args_.threads ? args_.threads : std::max(1u, std::thread::hardware_concurrency()));
    opts.batch_size = args_.batch;
    opts.discover.follow_symlinks = args_.follow_symlinks;
    opts.threads = args_.threads;
    opts.analysis = args_.analysis == "snowball" ? TextAnalysis::kSnowball : TextAnalysis::kSwedish;
    // Each extraction thread gets a helper process, arkiv-extract: this
    // binary has no readers of its own (arkiv/pipeline.h, kHelperName).
    // A helper that dies while we write it a request must cost that file,
    // not the run: without this, the write's SIGPIPE would end arkiv.
    std::signal(SIGPIPE, SIG_IGN);
    opts.extract_helper = {extract::find_helper()};
    opts.helper_max_seconds = args_.file_timeout;
    opts.helper_max_memory = std::uint64_t(args_.file_memory) << 20;
    opts.retry_failed = args_.retry_failed;
    Progress progress;
    opts.on_progress = [&](const IndexProgress& p) { progress.update(p); };
    std::vector<std::string> paths = args_.paths.empty() ? std::vector<std::string>{"corpus"} : args_.paths;
    // A mistyped path is the user's mistake, not a file the run skipped:
    // when no path named exists, nothing is done (no index is created)
    // and the status is 2. One missing among others that exist is a
    // problem of the run, said and counted (exit 3), as an unmounted
    // share among the folders of a nightly run must be.
    if (std::all_of(paths.begin(), paths.end(), [](const std::string& p) {
          std::error_code ec;
          return !std::filesystem::exists(std::filesystem::symlink_status(p, ec)) &&
                 (ec == std::errc::no_such_file_or_directory || ec == std::errc::not_a_directory);
        })) {
      for (const std::string& p : paths)
        print_error(tr_format("{1}: no such file or folder; index takes files and folders that exist", p));
      return kExitError;
    }

    if (args_.shard > args_.shards)
      throw UsageError(tr_format("--shard {1}: shards are numbered 1 to {2}", std::to_string(args_.shard),
                                 std::to_string(args_.shards)));
    opts.shard = {args_.shards, args_.shard};

    IndexSummary sum;
    std::vector<IndexSummary> shard_sums;  // --shards without --shard: each local shard's
    try {
      if (args_.shards > 0 && args_.shard == 0) {
        shard_sums = index_local_shards(paths, opts);
        for (const IndexSummary& s : shard_sums) add_summary(sum, IndexSummary(s));
      } else {
        sum = index_paths(paths, opts);
      }
    } catch (const IndexLockedError& e) {
      progress.clear();
      print_error(tr_format("{1}: index is locked by another arkiv process; try again when it is done",
                            opts.index_dir));
      return kExitLocked;
    }
    progress.clear();

    // Problems new in this run are named one by one; known ones (an
    // earlier run found them and the file is unchanged) only counted, so
    // that a nightly run's log shows what is new.
    std::size_t known = 0, known_may_pass = 0, new_skipped = 0, new_ocr = 0;
    for (const auto& s : sum.skipped) {
      if (s.known) {
        ++known;
        if (s.may_pass) ++known_may_pass;
        continue;
      }
      ++new_skipped;
      print_error(s.may_pass ? tr_format("{1}: skipped: {2} (may pass: `arkiv index --retry-failed` tries it again)",
                                         s.path, reason_text(s))
                             : tr_format("{1}: skipped: {2}", s.path, reason_text(s)));
    }
    // New in this run only: those known from earlier runs are counted below.
    for (const auto& s : sum.not_read) print_error(tr_format("{1}: not read: {2}", s.path, type_text(s.detail)));
    // Not checked, not gone: its records stay searchable, marked.
    for (const auto& u : sum.unreadable) {
      if (u.known) {
        ++known;
        continue;
      }
      print_error(u.kept == 0 ? tr_format("{1}: cannot be read ({2}): not checked", u.path, u.detail)
                              : tr_nformat("{1}: cannot be read ({2}): not checked; its {3} record is kept",
                                           "{1}: cannot be read ({2}): not checked; its {3} records are kept",
                                           static_cast<long long>(u.kept), u.path, u.detail, number(u.kept)));
    }
    for (const auto& s : sum.needs_ocr) {
      if (s.known) {
        ++known;
        continue;
      }
      ++new_ocr;
      print_error(tr_format("{1}: no text layer (scanned? needs OCR): found by its title and path only", s.path));
    }
    // Indexed, not whole: said the run it happens (its file unchanged, a
    // later run does not read it again).
    for (const auto& s : sum.incomplete)
      print_error(tr_format("{1}: indexed in part: {2}", s.path, incomplete_text(s)));
    const bool new_unreadable =
        std::any_of(sum.unreadable.begin(), sum.unreadable.end(), [](const UnreadablePath& u) { return !u.known; });
    if (g.json) {
      nlohmann::json j = {{"indexed", sum.indexed}, {"unchanged", sum.unchanged}, {"updated", sum.updated},
                          {"removed", sum.removed}, {"members", sum.members}, {"pages", sum.pages},
                          {"ocr_pages", sum.ocr_pages}, {"known_problems", known}};
      // Every problem, new or known ("known": true, an earlier run found
      // it and the file is unchanged), as before this distinction.
      j["skipped"] = nlohmann::json::array();
      for (const auto& s : sum.skipped)
        j["skipped"].push_back({{"path", escape_name(s.path)}, {"reason", s.reason}, {"detail", s.detail},
                                {"known", s.known}, {"may_pass", s.may_pass}});
      j["needs_ocr"] = nlohmann::json::array();
      for (const auto& s : sum.needs_ocr)
        j["needs_ocr"].push_back({{"path", escape_name(s.path)}, {"detail", s.detail}, {"known", s.known}});
      // Indexed in this run, not whole: "reason" a stable key
      // (page-text-cut, record-text-cut, page-ocr-stopped, analysis-stopped).
      j["incomplete"] = nlohmann::json::array();
      for (const auto& s : sum.incomplete)
        j["incomplete"].push_back({{"path", escape_name(s.path)}, {"reason", s.reason}, {"detail", s.detail}});
      // Files in a format arkiv does not read: "not_read", new in this
      // run, each with its type; "not_read_known", how many are known
      // from earlier runs (unchanged, not read again). Stable keys.
      j["not_read"] = nlohmann::json::array();
      for (const auto& s : sum.not_read) j["not_read"].push_back({{"path", escape_name(s.path)}, {"type", s.detail}});
      j["not_read_known"] = sum.not_read_known.size();
      j["moved"] = nlohmann::json::array();
      for (const auto& m : sum.moved) j["moved"].push_back({{"from", escape_name(m.from)}, {"to", escape_name(m.to)}});
      j["content_changed"] = nlohmann::json::array();
      for (const auto& p : sum.content_changed) j["content_changed"].push_back(escape_name(p));
      j["unreadable"] = nlohmann::json::array();
      for (const auto& u : sum.unreadable)
        j["unreadable"].push_back(
            {{"path", escape_name(u.path)}, {"detail", u.detail}, {"kept", u.kept}, {"known", u.known}});
      // Seconds the Xapian writer spent writing and committing (all
      // writers added up, with --shards).
      j["write_seconds"] = sum.write_seconds;
      j["write_cpu_seconds"] = sum.write_cpu_seconds;  // of those, the writer thread's CPU
      // --shard: files of the other shards, not read.
      if (args_.shard > 0) j["routed_to_other_shards"] = sum.routed_elsewhere;
      // --shards alone: each local shard's counts, shard 1 first.
      if (!shard_sums.empty()) {
        j["shards"] = nlohmann::json::array();
        for (std::size_t k = 0; k < shard_sums.size(); ++k) {
          const IndexSummary& s = shard_sums[k];
          j["shards"].push_back({{"shard", k + 1}, {"index", local_shard_dir(opts.index_dir, unsigned(k + 1))},
                                 {"indexed", s.indexed}, {"unchanged", s.unchanged}, {"updated", s.updated},
                                 {"removed", s.removed}, {"members", s.members}, {"pages", s.pages},
                                 {"write_seconds", s.write_seconds}});
        }
      }
      print_json(j);
    } else {
      std::cout << tr_format("{1} indexed, {2} unchanged, {3} updated, {4} removed, {5} skipped",
                             number(sum.indexed), number(sum.unchanged), number(sum.updated),
                             number(sum.removed), number(new_skipped))
                << '\n';
      if (args_.shard > 0)
        std::cout << tr_nformat("shard {2} of {3}: {1} file routed to other shards, not read",
                                "shard {2} of {3}: {1} files routed to other shards, not read",
                                static_cast<long long>(sum.routed_elsewhere), number(sum.routed_elsewhere),
                                std::to_string(args_.shard), std::to_string(args_.shards))
                  << '\n';
      for (std::size_t k = 0; k < shard_sums.size(); ++k)
        std::cout << tr_format("shard {1} ({2}): {3} indexed, {4} unchanged, {5} updated, {6} removed",
                               std::to_string(k + 1), local_shard_dir(opts.index_dir, unsigned(k + 1)),
                               number(shard_sums[k].indexed), number(shard_sums[k].unchanged),
                               number(shard_sums[k].updated), number(shard_sums[k].removed))
                  << '\n';
      if (sum.members > 0)
        std::cout << tr_nformat("{1} file found inside other files (embedded, attached or archived) indexed",
                                "{1} files found inside other files (embedded, attached or archived) indexed",
                                static_cast<long long>(sum.members), number(sum.members))
                  << '\n';
      // Every file found is counted: those arkiv does not read as well.
      if (!sum.not_read.empty() || !sum.not_read_known.empty()) {
        const std::size_t all = sum.not_read.size() + sum.not_read_known.size();
        std::cout << tr_nformat("{1} file not read (a format arkiv does not read): {2} new, {3} known before",
                                "{1} files not read (formats arkiv does not read): {2} new, {3} known before",
                                static_cast<long long>(all), number(all), number(sum.not_read.size()),
                                number(sum.not_read_known.size()))
                  << '\n';
      }
      if (sum.ocr_pages > 0)
        std::cout << tr_nformat("{1} page read by OCR", "{1} pages read by OCR",
                                static_cast<long long>(sum.ocr_pages), number(sum.ocr_pages))
                  << '\n';
      // Scans are indexed, but only their title and path: not skipped,
      // not complete either.
      if (new_ocr > 0)
        std::cout << tr_nformat("{1} file without a text layer, found by its title and path only: needs OCR",
                                "{1} files without a text layer, found by their title and path only: need OCR",
                                static_cast<long long>(new_ocr), number(new_ocr))
                  << '\n';
      if (!sum.incomplete.empty())
        std::cout << tr_nformat("{1} file indexed in part (text cut, or OCR or analysis stopped): `arkiv show` says where",
                                "{1} files indexed in part (text cut, or OCR or analysis stopped): `arkiv show` says where",
                                static_cast<long long>(sum.incomplete.size()), number(sum.incomplete.size()))
                  << '\n';
      for (const auto& m : sum.moved)
        std::cout << tr_format("moved: {1} -> {2} (the same content; its record and history kept)", printable(m.from),
                               printable(m.to))
                  << '\n';
      // A changed file is updated, and the audit keeps reporting it with
      // the SHA-256 it was ingested with until it is accepted.
      if (!sum.content_changed.empty())
        std::cout << tr_format("changed content: {1}, see `arkiv audit`", number(sum.content_changed.size())) << '\n';
      if (new_unreadable) {
        std::size_t folders = 0, kept = 0;
        for (const auto& u : sum.unreadable)
          if (!u.known) ++folders, kept += u.kept;
        std::cout << tr_nformat("{1} folder or file could not be read: {2} records kept, marked unreadable",
                                "{1} folders or files could not be read: {2} records kept, marked unreadable",
                                static_cast<long long>(folders), number(folders), number(kept))
                  << '\n';
      }
      if (known > 0)
        std::cout << tr_nformat("{1} known problem from an earlier run: `arkiv audit` lists it",
                                "{1} known problems from earlier runs: `arkiv audit` lists them",
                                static_cast<long long>(known), number(known))
                  << '\n';
      if (known_may_pass > 0)
        std::cout << tr_nformat("{1} of them may pass: `arkiv index --retry-failed` tries it again",
                                "{1} of them may pass: `arkiv index --retry-failed` tries them again",
                                static_cast<long long>(known_may_pass), number(known_may_pass))
                  << '\n';
      // Only when the run changed nothing at all: removals are changes too.
      if (sum.indexed + sum.updated + sum.removed + sum.moved.size() == 0 && sum.unchanged > 0 && new_skipped == 0 &&
          new_ocr == 0 && !new_unreadable && known == 0 && sum.not_read.empty())
        std::cout << tr("Nothing to do: the index is up to date.") << '\n';
    }
    // A scan's text is not in the index: the run is not complete, as a
    // skipped file's is not; nor is it when a folder or file could not be
    // read. Only for problems new in this run: one known before, its file
    // unchanged, was reported by the run that found it (a nightly run
    // over a known encrypted file exited 3 every night). A file not read,
    // new in this run, makes it incomplete too; one known from an earlier
    // run does not (counted, and listed by `audit`). Nor is a run that
    // indexed a file in part.
    return new_skipped == 0 && new_ocr == 0 && !new_unreadable && sum.not_read.empty() && sum.incomplete.empty()
               ? kExitOk
               : kExitSkipped;
  }

 private:
  IndexArgs args_;
};

}  // namespace

std::unique_ptr<Command> add_index_command(CLI::App& app, GlobalArgs& g) {
  return std::make_unique<IndexCommand>(app, g);
}

}  // namespace arkiv::cli
