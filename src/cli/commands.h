// The subcommands of `arkiv`. Each cmd_*.cc parses its options into a plain
// Args struct, calls the library (include/arkiv/) and formats the result:
// results on stdout, diagnostics and progress on stderr.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace arkiv::cli {

// Exit statuses, documented in the README. DO NOT CHANGE: scripts rely on them.
enum ExitCode : int {
  kExitOk = 0,        // success (search: at least one hit)
  kExitNoMatch = 1,   // search: no hits; show: no such record
  kExitError = 2,     // usage error, index missing or unreadable, bad query
  kExitSkipped = 3,   // index: the run finished, but some files were skipped
  kExitLocked = 4,    // index: another process is writing the index
  kExitFixity = 5,    // audit: a record changed or is missing (fixity or completeness failed);
                      // bag --validate: a file changed, missing or unlisted
  kExitFindings = 6,  // audit: other findings (new, unreadable, no text, duplicates, attachments);
                      // bag --validate: the bag is invalid otherwise (bagit.txt, manifest form, paths)
};

// Options every subcommand shares.
struct GlobalArgs {
  // Index locations; the first is the one `index` writes. From --index
  // (repeatable) or ARKIV_INDEX (comma-separated). Default: {"index"}.
  std::vector<std::string> indexes;
  bool json = false;  // --json: machine-readable output on stdout
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
std::unique_ptr<Command> add_actors_command(CLI::App& app, GlobalArgs& g);
std::unique_ptr<Command> add_refs_command(CLI::App& app, GlobalArgs& g);
std::unique_ptr<Command> add_audit_command(CLI::App& app, GlobalArgs& g);
std::unique_ptr<Command> add_manifest_command(CLI::App& app, GlobalArgs& g);
std::unique_ptr<Command> add_bag_command(CLI::App& app, GlobalArgs& g);

}  // namespace arkiv::cli
