// `arkiv actors [QUERY]`: the actors of the index (or of the records
// matching a query) with record and mention counts, in Swedish
// alphabetical order; and `arkiv refs ACTOR`: every mention of one actor
// as a concordance line.
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

using nlohmann::json;


std::string joined(const std::vector<std::string>& v, const char* sep) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : sep) + x;
  return s;
}

// Display width of UTF-8 text, for column alignment: one per code point.
std::size_t width(const std::string& s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::string pad(const std::string& s, std::size_t w) { return s + std::string(w > width(s) ? w - width(s) : 0, ' '); }

struct ActorsArgs {
  std::vector<std::string> words;  // query, joined with spaces; empty: every record
  std::string type;                // --type: only actors of this type. Default: all
  std::string sort = "name";       // --sort name|records|mentions. Default: name (Swedish order)
  bool csv = false;                // --csv
};

class ActorsCommand : public Command {
 public:
  ActorsCommand(CLI::App& app, GlobalArgs&) {
    sub = app.add_subcommand("actors", tr("Actors (bodies, municipalities, companies, persons) the records mention"));
    sub->add_option("query", args_.words, tr("Only the records matching this query (default: all records)"));
    sub->add_option("--type", args_.type,
                    tr("Only actors of this type: kommun, region, myndighet, regering, universitet, företag, "
                       "organisation, internationell, person (English names work too)"));
    sub->add_option("--sort", args_.sort, tr("Order: name (Swedish alphabetical), records or mentions"))
        ->check(CLI::IsMember({"name", "records", "mentions"}))
        ->capture_default_str();
    sub->add_flag("--csv", args_.csv, tr("CSV on stdout"));
    sub->footer(examples({"arkiv actors",
                         "arkiv actors Zhuhai --type universitet",
                         "arkiv actors --sort mentions --csv"}));
  }

  int run(const GlobalArgs& g) override {
    std::optional<ActorType> type;
    if (!args_.type.empty()) {
      type = actors::canonical_type(args_.type);
      if (!type) throw UsageError(tr_format("unknown actor type {1}", args_.type));
    }
    std::string query = joined(args_.words, " ");
    Searcher searcher(g.search_options());
    std::vector<ActorCount> list = searcher.actors(query, type);
    std::sort(list.begin(), list.end(), [&](const ActorCount& a, const ActorCount& b) {
      if (args_.sort == "records" && a.records != b.records) return a.records > b.records;
      if (args_.sort == "mentions" && a.mentions != b.mentions) return a.mentions > b.mentions;
      return swedish_less(a.actor.name, b.actor.name);
    });
    if (g.json) {
      json j = query::actors_json(query, list);
      query::add_shards(j, searcher.shards());
      print_json(j);
    } else if (args_.csv) {
      std::cout << query::actors_csv(list);
    } else if (list.empty()) {
      std::cout << tr("No actors found.") << '\n';
    } else {
      std::size_t w = width(tr("Actor"));
      for (const auto& c : list) w = std::max(w, width(c.actor.name));
      w = std::min<std::size_t>(w, 48);
      std::cout << pad(tr("Actor"), w) << "  " << pad(tr("Type"), 14) << "  " << tr("Records") << "  "
                << tr("Mentions") << '\n';
      for (const auto& c : list)
        std::cout << pad(c.actor.name, w) << "  " << pad(actor_type_key(c.actor.type), 14) << "  "
                  << pad(number(c.records), width(tr("Records"))) << "  " << number(c.mentions) << '\n';
    }
    return list.empty() ? kExitNoMatch : kExitOk;
  }

 private:
  ActorsArgs args_;
};

struct RefsArgs {
  std::vector<std::string> words;  // the actor: name, acronym or id, joined with spaces
  bool csv = false;                // --csv
};

class RefsCommand : public Command {
 public:
  RefsCommand(CLI::App& app, GlobalArgs&) {
    sub = app.add_subcommand("refs", tr("Every mention of one actor, with record, page and sentence"));
    sub->add_option("actor", args_.words, tr("The actor: a name, an acronym or an id (as `arkiv actors` lists)"))
        ->required();
    sub->add_flag("--csv", args_.csv, tr("CSV on stdout"));
    sub->footer(examples({"arkiv refs ICLD",
                         "arkiv refs Högskolan i Gävle --json",
                         "arkiv refs sveriges-kommuner-och-regioner --csv"}));
  }

  int run(const GlobalArgs& g) override {
    const std::string name = joined(args_.words, " ");
    Searcher searcher(g.search_options());
    std::optional<ActorReferences> refs = searcher.actor_references(name);
    if (!refs) {
      if (g.json) {
        json j = {{"actor", nullptr}, {"mentions", json::array()}};
        query::add_shards(j, searcher.shards());
        print_json(j);
      } else if (!args_.csv) {
        std::cout << tr_format("No record mentions {1}.", name) << '\n';
      }
      return kExitNoMatch;
    }
    if (g.json) {
      json j = query::refs_json(*refs);
      query::add_shards(j, searcher.shards());
      print_json(j);
      return kExitOk;
    }
    if (args_.csv) {
      std::cout << query::refs_csv(*refs);
      return kExitOk;
    }
    const bool color = use_color(stdout);
    std::cout << refs->actor.name << " (" << actor_type_key(refs->actor.type) << ")";
    if (!refs->actor.aliases.empty()) std::cout << "  " << joined(refs->actor.aliases, ", ");
    std::cout << '\n'
              << tr_nformat("{1} mention", "{1} mentions", static_cast<long long>(refs->mentions.size()),
                            number(refs->mentions.size()))
              << "\n";
    // One line per sentence: two mentions in one sentence ("ICLD-finansiering
    // ... ICLD-Internationellt Centrum") share it, both highlighted; --json
    // and --csv keep a row per mention.
    std::string last;
    for (std::size_t i = 0; i < refs->mentions.size();) {
      const ActorReference& m = refs->mentions[i];
      if (m.path != last) {
        std::cout << '\n' << (m.date.empty() ? "" : m.date + "  ") << printable(m.path) << '\n';
        last = m.path;
      }
      std::vector<Highlight> marks;
      std::size_t j = i;
      for (; j < refs->mentions.size() && refs->mentions[j].path == m.path && refs->mentions[j].page == m.page &&
             refs->mentions[j].context == m.context;
           ++j)
        marks.push_back(refs->mentions[j].highlight);
      std::sort(marks.begin(), marks.end());
      std::cout << "  " << tr_format("p. {1}", m.page) << ": " << render_snippet(m.context, marks, color) << '\n';
      i = j;
    }
    return kExitOk;
  }

 private:
  RefsArgs args_;
};

}  // namespace

std::unique_ptr<Command> add_actors_command(CLI::App& app, GlobalArgs& g) {
  return std::make_unique<ActorsCommand>(app, g);
}

std::unique_ptr<Command> add_refs_command(CLI::App& app, GlobalArgs& g) {
  return std::make_unique<RefsCommand>(app, g);
}

}  // namespace arkiv::cli
