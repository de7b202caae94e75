// arkiv: the command-line front of the arkiv library. main() only sets up
// the language, parses the command line and dispatches; each subcommand
// lives in its own cmd_*.cc.
#include <csignal>
#include <cstdlib>
#include <iostream>

#include "arkiv/error.h"
#include "arkiv/pipeline.h"
#include "arkiv/version.h"
#include "cli/commands.h"
#include "cli/i18n.h"
#include "cli/output.h"

using namespace arkiv::cli;

namespace {

std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t comma = s.find(',', start);
    if (comma == std::string::npos) comma = s.size();
    if (comma > start) out.push_back(s.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  // Over a file-size limit (ulimit -f) the kernel kills a writer with
  // SIGXFSZ; ignored, the write fails with EFBIG and arkiv reports it like
  // a full disk, leaving the last committed index intact.
  std::signal(SIGXFSZ, SIG_IGN);
  init_locale();
  CLI::App app{tr("arkiv: search and audit Swedish public records (PDF decisions and their attachments)")};
  app.require_subcommand(1);
  app.fallthrough();
  app.set_version_flag("--version", std::string("arkiv ") + arkiv::kVersion);
  app.set_help_flag("-h,--help", tr("Show help"));

  GlobalArgs g;
  app.add_option("--index", g.indexes,
                 tr("Index location (repeat to search several as one; tcp://HOST:PORT for a remote one; a file: a "
                    "shard list, a line each \"glass PATH\" or \"remote HOST:PORT\"). Default: $ARKIV_INDEX or index"));
  app.add_flag("--json", g.json, tr("Machine-readable JSON on stdout"));
  app.add_option("--shard-timeout", g.shard_timeout_ms,
                 tr("Milliseconds a remote shard may take to answer before it is left out of the output "
                    "(exit status 8). Default: 5000"))
      ->check(CLI::Range(1u, 3600000u));
  app.add_flag("--show-personal-data", g.show_personal_data,
               tr("Show personal identity numbers (personnummer, samordningsnummer) as written; by default every "
                  "output masks them as 19811218-XXXX"));
  app.footer(tr("Exit status: 0 ok, 1 no match, 2 error, 3 some files skipped or unreadable, 4 index locked, "
                "5 audit, bag: fixity failed, 6 audit: other findings, bag: invalid, 7 audit: a file moved, "
                "8 some shards did not answer (the output is from the others).\n"
                "Run `arkiv COMMAND --help` for the options and examples of a command."));

  std::vector<std::unique_ptr<Command>> commands;
  commands.push_back(add_index_command(app, g));
  commands.push_back(add_search_command(app, g));
  commands.push_back(add_show_command(app, g));
  commands.push_back(add_stats_command(app, g));
  commands.push_back(add_timeline_command(app, g));
  commands.push_back(add_case_command(app, g));
  commands.push_back(add_cases_command(app, g));
  commands.push_back(add_actors_command(app, g));
  commands.push_back(add_refs_command(app, g));
  commands.push_back(add_audit_command(app, g));
  commands.push_back(add_manifest_command(app, g));
  commands.push_back(add_bag_command(app, g));
  commands.push_back(add_serve_command(app, g));
  commands.push_back(add_shards_command(app, g));

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitError;
  }
  if (g.indexes.empty()) {
    const char* env = std::getenv("ARKIV_INDEX");
    if (env && *env) g.indexes = split_list(env);
    if (g.indexes.empty()) g.indexes = {"index"};
  }

  for (auto& cmd : commands) {
    if (!cmd->sub->parsed()) continue;
    try {
      const int status = cmd->run(g);
      // Some shards did not answer: the output is theirs without them.
      return read_was_partial() && (status == kExitOk || status == kExitNoMatch) ? kExitPartial : status;
    } catch (const arkiv::QueryLimitError& e) {
      print_error(tr_format("query refused: {1}", e.what()));
    } catch (const arkiv::QueryFilterError& e) {
      const std::string query = "\"" + e.query() + "\"";
      if (e.kind() == arkiv::QueryFilterError::Kind::kUnknownFilter)
        print_error(tr_format("there is no filter {1}: in {2}; the filters are {3}", e.filter(), query, e.accepted()));
      else
        print_error(tr_format("{1}:{2} in {3} cannot mean anything; {1}: takes {4}", e.filter(), e.value(), query,
                              tr(e.accepted().c_str())));
    } catch (const arkiv::QueryError& e) {
      print_error(tr_format("cannot parse query {1}", e.what()));
    } catch (const arkiv::IndexNotFoundError& e) {
      print_error(tr_format("{1}: no index here; run `arkiv index` first", e.what()));
    } catch (const arkiv::Error& e) {
      print_error(e.what());
    } catch (const std::exception& e) {
      print_error(std::string("internal error: ") + e.what());
    } catch (...) {
      // A third-party exception the library should have typed (Xapian's
      // errors are no std::exception): one line and exit 2, never
      // std::terminate and a core dump.
      print_error("internal error: an exception of an unknown type");
    }
    return kExitError;
  }
  return kExitError;
}
