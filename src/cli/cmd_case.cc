// `arkiv case DNR`: every record of one case (diarienummer), oldest first;
// `arkiv cases`: the case numbers in the index with their record counts.
// A number is scoped by the organisation that wrote it (the kommun or
// region its record's first page names): "KS 2020/123" of Gävle and of
// Kungsbacka are two cases, listed apart.
#include <algorithm>
#include <iostream>
#include <nlohmann/json.hpp>

#include "arkiv/error.h"
#include "arkiv/search.h"
#include "cli/commands.h"
#include "cli/i18n.h"
#include "cli/output.h"
#include "query/result_json.h"

namespace arkiv::cli {
namespace {

// A case's organisation in --json: {"id", "name"}, or null when the
// record's first page names no kommun or region.
nlohmann::json organisation_json(const std::string& id, const std::string& name) {
  return id.empty() ? nlohmann::json(nullptr) : nlohmann::json{{"id", id}, {"name", name}};
}

class CaseCommand : public Command {
 public:
  CaseCommand(CLI::App& app, GlobalArgs&) {
    sub = app.add_subcommand("case", tr("Records that share a diarienummer, in date order"));
    sub->add_option("dnr", dnr_, tr("Diarienummer, as written in the records (KS 2015/456, KS-2015-0456)"))
        ->required();
    sub->footer(examples({"arkiv case 'KS 2015/456'",
                         "arkiv case KS-2015-0456 --json"}));
  }

  int run(const GlobalArgs& g) override {
    Searcher searcher(g.search_options());
    std::vector<CaseRecord> records = searcher.case_records(dnr_);
    if (g.json) {
      nlohmann::json j = query::case_json(dnr_, records);
      query::add_shards(j, searcher.shards());
      print_json(j);
      return records.empty() ? kExitNoMatch : kExitOk;
    }
    if (records.empty()) {
      std::cout << tr_format("No records with diarienummer {1}.", dnr_) << '\n';
      return kExitNoMatch;
    }
    // Records of several organisations: each its own case, under its name.
    const bool several = std::any_of(records.begin(), records.end(), [&](const CaseRecord& r) {
      return r.organisation_id != records.front().organisation_id;
    });
    for (std::size_t i = 0; i < records.size(); ++i) {
      const CaseRecord& r = records[i];
      if (several && (i == 0 || r.organisation_id != records[i - 1].organisation_id))
        std::cout << (i ? "\n" : "")
                  << (r.organisation.empty() ? tr("Of no known organisation:") : printable(r.organisation) + ":")
                  << '\n';
      std::cout << (r.date.empty() ? std::string(10, ' ') : r.date) << "  " << r.type << "  " << printable(r.title) << "\n"
                << "            " << printable(r.path) << "\n";
    }
    return kExitOk;
  }

 private:
  std::string dnr_;
};

class CasesCommand : public Command {
 public:
  CasesCommand(CLI::App& app, GlobalArgs&) {
    sub = app.add_subcommand("cases", tr("The diarienummer in the index, with their record counts"));
    sub->add_option("--min-records", min_records_, tr("Only cases with at least this many records (default 1)"));
    sub->footer(examples({"arkiv cases", "arkiv cases --min-records 2 --json"}));
  }

  int run(const GlobalArgs& g) override {
    if (min_records_ < 1) throw UsageError(tr("--min-records must be a whole number, at least 1"));
    Searcher searcher(g.search_options());
    std::vector<CaseCount> cases = searcher.cases();
    std::erase_if(cases, [&](const CaseCount& c) { return static_cast<long long>(c.records) < min_records_; });
    std::sort(cases.begin(), cases.end(), [](const CaseCount& a, const CaseCount& b) {
      if (a.dnr != b.dnr) return swedish_less(a.dnr, b.dnr);
      if (a.organisation.empty() != b.organisation.empty()) return b.organisation.empty();
      return swedish_less(a.organisation, b.organisation);
    });
    if (g.json) {
      nlohmann::json arr = nlohmann::json::array();
      for (const auto& c : cases)
        arr.push_back({{"dnr", c.dnr},
                       {"organisation", organisation_json(c.organisation_id, c.organisation)},
                       {"records", c.records}});
      nlohmann::json j = {{"cases", arr}};
      query::add_shards(j, searcher.shards());
      print_json(j);
      return cases.empty() ? kExitNoMatch : kExitOk;
    }
    if (cases.empty()) {
      std::cout << tr("No diarienummer in the index.") << '\n';
      return kExitNoMatch;
    }
    for (const auto& c : cases)
      std::cout << printable(c.dnr) << "  " << (c.organisation.empty() ? "" : printable(c.organisation) + "  ")
                << tr_nformat("{1} record", "{1} records", static_cast<long long>(c.records), number(c.records)) << '\n';
    return kExitOk;
  }

 private:
  long long min_records_ = 1;  // long long, so that -1 is refused, not read as a huge count
};

}  // namespace

std::unique_ptr<Command> add_case_command(CLI::App& app, GlobalArgs& g) {
  return std::make_unique<CaseCommand>(app, g);
}

std::unique_ptr<Command> add_cases_command(CLI::App& app, GlobalArgs& g) {
  return std::make_unique<CasesCommand>(app, g);
}

}  // namespace arkiv::cli
