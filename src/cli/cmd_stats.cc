// `arkiv stats`: size and freshness of the index.
#include <ctime>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "arkiv/search.h"
#include "cli/commands.h"
#include "cli/i18n.h"
#include "cli/output.h"
#include "query/result_json.h"

namespace arkiv::cli {
namespace {

// "2026-11-24T09:00:00Z" shown as a local date and time in the user's
// locale (Boost.Locale), e.g. "24 nov. 2026 10:00:00".
std::string local_datetime(const std::string& iso) {
  std::tm tm{};
  std::istringstream in(iso);
  in >> std::get_time(&tm, "%Y-%m-%dT%H:%M:%SZ");
  if (in.fail()) return iso;
  std::time_t t = timegm(&tm);
  std::ostringstream os;
  os.imbue(formatting_locale());
  os << boost::locale::as::datetime << static_cast<double>(t);
  return os.str();
}

std::string human_bytes(std::uint64_t b) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double v = static_cast<double>(b);
  int u = 0;
  while (v >= 1024 && u < 4) v /= 1024, ++u;
  std::ostringstream os;
  os.imbue(formatting_locale());
  os << boost::locale::as::number << std::fixed << std::setprecision(u ? 1 : 0) << v << ' ' << units[u];
  return os.str();
}

class StatsCommand : public Command {
 public:
  StatsCommand(CLI::App& app, GlobalArgs&) {
    sub = app.add_subcommand("stats", tr("Show index statistics"));
    sub->footer(examples({"arkiv stats",
                         "arkiv stats --json"}));
  }

  int run(const GlobalArgs& g) override {
    Searcher searcher(g.search_options());
    IndexStats s = searcher.stats();
    if (g.json) {
      nlohmann::json j = {{"records", s.records},        {"failed", s.failed},
                          {"pages", s.pages},            {"terms", s.terms},
                          {"bytes_on_disk", s.bytes_on_disk}, {"last_indexed", s.last_indexed},
                          {"indexes", s.indexes}};
      query::add_shards(j, searcher.shards());
      print_json(j);
      return kExitOk;
    }
    std::cout << tr("Records") << ": " << number(s.records) << '\n';
    std::cout << tr("Not indexable") << ": " << number(s.failed) << '\n';
    std::cout << tr("Pages") << ": " << number(s.pages) << '\n';
    std::cout << tr("Terms") << ": " << number(s.terms) << '\n';
    std::cout << tr("Size on disk") << ": " << human_bytes(s.bytes_on_disk) << '\n';
    std::cout << tr("Last indexed") << ": "
              << (s.last_indexed.empty() ? tr("never") : local_datetime(s.last_indexed)) << '\n';
    return kExitOk;
  }
};

}  // namespace

std::unique_ptr<Command> add_stats_command(CLI::App& app, GlobalArgs& g) {
  return std::make_unique<StatsCommand>(app, g);
}

}  // namespace arkiv::cli
