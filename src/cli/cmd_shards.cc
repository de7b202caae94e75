// `arkiv shards check`: whether every shard of a split archive can be
// opened, what each holds and says of itself, and where they disagree
// (issue 26 item 3), before a search over them gives partial or mixed
// results without saying so.
#include <iostream>
#include <nlohmann/json.hpp>

#include "arkiv/shards.h"
#include "cli/commands.h"
#include "cli/i18n.h"
#include "cli/output.h"

namespace arkiv::cli {
namespace {

struct ShardsArgs {
  unsigned timeout_ms = 3000;  // --timeout: ms to connect to a remote shard and for each reply
};

// A disagreement in the user's language: what differs, and between which.
std::string problem_text(const ShardProblem& p, const std::vector<ShardStatus>& shards) {
  std::string which;
  for (std::size_t i : p.shards) which += (which.empty() ? "" : ", ") + shards[i].location;
  switch (p.kind) {
    case ShardProblemKind::kSchema:
      return tr_format("the shards are not in one schema version: {1}", which);
    case ShardProblemKind::kAnalysis:
      return tr_format("the shards were not built with one analysis (index them again alike): {1}", which);
    case ShardProblemKind::kNotAShard:
      return tr_format("some are shards (index --shards) and some whole indexes: {1}", which);
    case ShardProblemKind::kShardCount:
      return tr_format("the shards are of splits into different numbers of shards: {1}", which);
    case ShardProblemKind::kRule:
      return tr_format("the shards were routed by different rules: {1}", which);
    case ShardProblemKind::kSameShard:
      return tr_format("shard {1} is claimed by more than one: {2}", std::to_string(p.shard), which);
    case ShardProblemKind::kMissingShard:
      return tr_format("no shard that answered is shard {1}: its records are not searched", std::to_string(p.shard));
  }
  return "";
}

class ShardsCommand : public Command {
  // Run by tests/e2e/examples_test.cc over the sample corpus's one index;
  // a folder of shards, `arkiv --index shards shards check`, is the
  // README's example.
  const std::string kExamples =
      examples({"arkiv shards check", "arkiv --index index --index tcp://127.0.0.1:1 shards check --json  # exit 6"});

 public:
  ShardsCommand(CLI::App& app, GlobalArgs& /*g*/) {
    sub = app.add_subcommand("shards", tr("Check the shards of an archive split over several indexes"));
    sub->require_subcommand(1);
    check_ = sub->add_subcommand(
        "check", tr("Open every shard named by --index (a folder, tcp://HOST:PORT, or a folder of local shards "
                    "from index --shards) and report each one's records, schema, analysis and shard number, "
                    "and where they disagree"));
    check_->add_option("--timeout", args_.timeout_ms,
                       tr("Milliseconds to wait for a remote shard to connect and to answer"))
        ->check(CLI::Range(1u, 600000u))
        ->capture_default_str();
    check_->footer(tr("Exit status: 0 every shard opened and they agree; 6 a shard could not be opened or the "
                      "shards disagree (a different schema, analysis, number of shards or rule, two shards "
                      "with one number, a number missing); 2 a usage error.") +
                   "\n\n" +
                   kExamples);
    sub->footer(kExamples);
  }

  int run(const GlobalArgs& g) override {
    const std::vector<ShardStatus> shards = inspect_shards(shard_locations(g.indexes), args_.timeout_ms);
    const std::vector<ShardProblem> problems = compare_shards(shards);
    bool all_opened = true;
    for (const ShardStatus& s : shards) all_opened = all_opened && s.opened;
    const bool agree = all_opened && problems.empty();
    if (g.json) {
      // "shards": one object per shard, in the order given (a folder of
      // local shards: its shards in the order of its stub file), with
      // "index", "opened", "error" (when not opened), "records",
      // "schema", "analysis", "shard" and "shards" (0 when not a shard),
      // "rule"; "problems": [{"kind": shard_problem_key(), "shards":
      // [places in "shards"], "shard": its number, for same-shard and
      // missing-shard}]; "agree": whether the exit status is 0.
      nlohmann::json j;
      j["shards"] = nlohmann::json::array();
      for (const ShardStatus& s : shards) {
        nlohmann::json o = {{"index", s.location}, {"opened", s.opened}};
        if (!s.opened) {
          o["error"] = s.error;
        } else {
          o.update({{"records", s.records}, {"schema", s.schema}, {"analysis", s.analysis}, {"shard", s.shard},
                    {"shards", s.shard_count}, {"rule", s.rule}});
        }
        j["shards"].push_back(std::move(o));
      }
      j["problems"] = nlohmann::json::array();
      for (const ShardProblem& p : problems) {
        nlohmann::json o = {{"kind", shard_problem_key(p.kind)}, {"shards", p.shards}};
        if (p.shard) o["shard"] = p.shard;
        j["problems"].push_back(std::move(o));
      }
      j["agree"] = agree;
      print_json(j);
    } else {
      for (const ShardStatus& s : shards) {
        if (!s.opened) {
          std::cout << tr_format("{1}: cannot be opened: {2}", s.location, s.error) << '\n';
          continue;
        }
        const std::string which = s.shard_count ? tr_format("shard {1} of {2} (rule {3})", std::to_string(s.shard),
                                                            std::to_string(s.shard_count), s.rule)
                                                : tr("not a shard");
        std::cout << tr_format("{1}: {2}, {3} records, schema {4}, analysis {5}", s.location, which,
                               number(s.records), s.schema.empty() ? "-" : s.schema,
                               s.analysis.empty() ? "snowball" : s.analysis)
                  << '\n';
      }
      for (const ShardProblem& p : problems) std::cout << problem_text(p, shards) << '\n';
      std::cout << (agree ? tr("The shards agree.") : tr("The shards do not agree, or some could not be opened."))
                << '\n';
    }
    return agree ? kExitOk : kExitFindings;
  }

 private:
  ShardsArgs args_;
  CLI::App* check_ = nullptr;
};

}  // namespace

std::unique_ptr<Command> add_shards_command(CLI::App& app, GlobalArgs& g) {
  return std::make_unique<ShardsCommand>(app, g);
}

}  // namespace arkiv::cli
