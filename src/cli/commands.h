// The subcommands of `arkiv`. Each cmd_*.cc parses its options into a plain
// Args struct, calls the library (include/arkiv/) and formats the result:
// results on stdout, diagnostics and progress on stderr.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "arkiv/options.h"
#include "arkiv/personal_data.h"
#include "cli/output.h"

namespace arkiv::cli {

// Exit statuses, documented in the README. DO NOT CHANGE: scripts rely on them.
enum ExitCode : int {
  kExitOk = 0,        // success (search: at least one hit)
  kExitNoMatch = 1,   // search: no hits; show: no such record
  kExitError = 2,     // usage error, index missing or unreadable, bad query
  kExitSkipped = 3,   // index: the run finished, but some files were skipped, or a folder or
                      // file could not be read (its records kept, marked unreadable)
  kExitLocked = 4,    // index: another process is writing the index
  kExitFixity = 5,    // audit: a record changed or is missing (fixity or completeness failed);
                      // bag --validate: a file changed, missing or unlisted
  kExitFindings = 6,  // audit: other findings (new, unreadable, no text, duplicates, attachments);
                      // bag --validate: the bag is invalid otherwise (bagit.txt, manifest form, paths);
                      // shards check: a shard cannot be opened, or the shards disagree
  kExitMoved = 7,     // audit: a record's file moved, the same content at another path (nothing
                      // changed or missing; other findings may be there too)
  kExitPartial = 8,   // a read over shards: some shards did not answer; the output is from the
                      // others (each one left out named on stderr), hits or none
};

// Options every subcommand shares.
struct GlobalArgs {
  // Index locations; the first is the one `index` writes. From --index
  // (repeatable) or ARKIV_INDEX (comma-separated). Default: {"index"}.
  std::vector<std::string> indexes;
  bool json = false;  // --json: machine-readable output on stdout
  // --show-personal-data: personal identity numbers as written; by default
  // every command shows them masked ("19811218-XXXX"), the library masking
  // what it hands out (SearchOptions, AuditOptions).
  bool show_personal_data = false;
  // --shard-timeout: how long a remote shard may take to answer, ms
  // (SearchOptions::shard_timeout_ms). Default: 5000.
  unsigned shard_timeout_ms = SearchOptions{}.shard_timeout_ms;

  // `text` the user typed (a query), as a command may echo it: with its
  // personal identity numbers masked like the library's output, unless
  // --show-personal-data.
  std::string shown(const std::string& text) const {
    return show_personal_data ? text : mask_personal_numbers(text, personal_data_year(""));
  }

  // What every command that reads the index opens it with.
  SearchOptions search_options() const {
    SearchOptions o{indexes};
    o.show_personal_data = show_personal_data;
    o.shard_timeout_ms = shard_timeout_ms;
    o.on_partial = note_partial;
    return o;
  }
};

// A subcommand: registers its options on `sub`; run() is called when the
// user chose it.
struct Command {
  virtual ~Command() = default;
  virtual int run(const GlobalArgs& g) = 0;
  CLI::App* sub = nullptr;  // set by the constructor; parsed() if chosen
};

std::unique_ptr<Command> add_index_command(CLI::App& app, GlobalArgs& g);
std::unique_ptr<Command> add_search_command(CLI::App& app, GlobalArgs& g);
std::unique_ptr<Command> add_show_command(CLI::App& app, GlobalArgs& g);
std::unique_ptr<Command> add_stats_command(CLI::App& app, GlobalArgs& g);
std::unique_ptr<Command> add_timeline_command(CLI::App& app, GlobalArgs& g);
std::unique_ptr<Command> add_case_command(CLI::App& app, GlobalArgs& g);
std::unique_ptr<Command> add_cases_command(CLI::App& app, GlobalArgs& g);
std::unique_ptr<Command> add_actors_command(CLI::App& app, GlobalArgs& g);
std::unique_ptr<Command> add_refs_command(CLI::App& app, GlobalArgs& g);
std::unique_ptr<Command> add_audit_command(CLI::App& app, GlobalArgs& g);
std::unique_ptr<Command> add_manifest_command(CLI::App& app, GlobalArgs& g);
std::unique_ptr<Command> add_bag_command(CLI::App& app, GlobalArgs& g);
std::unique_ptr<Command> add_serve_command(CLI::App& app, GlobalArgs& g);
std::unique_ptr<Command> add_shards_command(CLI::App& app, GlobalArgs& g);

}  // namespace arkiv::cli
