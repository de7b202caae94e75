// `arkiv search QUERY`: ranked hits with title, path, pages and a snippet.
#include <algorithm>
#include <iostream>
#include <nlohmann/json.hpp>

#include "arkiv/error.h"
#include "arkiv/search.h"
#include "cli/commands.h"
#include "cli/i18n.h"
#include "cli/output.h"
#include "query/filters.h"
#include "query/result_json.h"

namespace arkiv::cli {
namespace {

struct SearchArgs {
  std::vector<std::string> words;  // joined with spaces into the query
  std::size_t limit = 10;          // --limit. Default: 10
  std::size_t offset = 0;          // --offset. Default: 0
  std::string sort = "relevance";  // --sort relevance|date|-date
  bool filters = false;            // --filters: describe the filters instead of searching
  bool markdown = false;           // --markdown: with --filters, the README's Markdown table
};

// `arkiv search --filters`: each filter of the table (query/filters.h),
// its names, what it matches and examples, in the user's language.
void print_filters() {
  for (const query::Filter& f : query::filters()) {
    if (!f.listed) continue;
    std::cout << f.usage;
    if (*f.usage_en) std::cout << "  (" << f.usage_en << ")";
    std::cout << "\n    " << tr(f.help) << '\n';
    if (*f.examples) std::cout << "    " << tr_format("e.g. {1}", f.examples) << '\n';
  }
  std::cout << '\n' << tr(query::kFieldRule) << '\n';
}

// "Bilaga 2 till Uppföljning partnerskap med Zhuhai": what an attachment
// hit belongs to.
std::string attachment_line(int number, const std::string& parent_title) {
  return number > 0 ? tr_format("Attachment {1} to {2}", number, parent_title)
                    : tr_format("Attachment to {1}", parent_title);
}

std::string pages_text(const std::vector<int>& pages) {
  std::string s;
  for (std::size_t i = 0; i < pages.size(); ++i) s += (i ? ", " : "") + std::to_string(pages[i]);
  return s;
}

class SearchCommand : public Command {
 public:
  SearchCommand(CLI::App& app, GlobalArgs&) {
    sub = app.add_subcommand("search", tr("Search the index"));
    sub->add_option("query", args_.words, tr("Query: words, \"phrases\", OR, NOT, -word, (), filters"));
    sub->add_flag("--filters", args_.filters, tr("Describe the filters (typ:, datum:, aktör:, ...) and exit"));
    sub->add_flag("--markdown", args_.markdown, tr("With --filters: the table in Markdown, as in the README"));
    sub->add_option("-n,--limit", args_.limit, tr("Hits to show"))->capture_default_str();
    sub->add_option("--offset", args_.offset, tr("Hits to skip (for paging)"))->capture_default_str();
    sub->add_option("--sort", args_.sort, tr("Order: relevance, date (oldest first) or -date (newest first)"))
        ->check(CLI::IsMember({"relevance", "date", "-date"}))
        ->capture_default_str();
    sub->footer(examples({"arkiv search Zhuhai",
                         "arkiv search '\"Internationellt Centrum för Lokal Demokrati\"'",
                         "arkiv search 'kommunerna NOT Kina' --json",
                         "arkiv search 'title:uppföljning OR path:bilaga' --limit 20",
                         "arkiv search 'partnerskapsavtal datum:2010..2020' --sort date"}) +
                "\n\n" + tr_format("Filters (`arkiv search --filters` describes each): {1}", query::filter_names()));
  }

  int run(const GlobalArgs& g) override {
    if (args_.filters) {
      if (args_.markdown)
        std::cout << query::filters_markdown();
      else
        print_filters();
      return kExitOk;
    }
    if (args_.words.empty()) throw UsageError(tr("search: a query is required (or --filters)"));
    std::string query;
    for (const auto& w : args_.words) query += (query.empty() ? "" : " ") + w;
    Searcher searcher(g.search_options());
    SearchRequest req;
    req.query = query;
    query = g.shown(query);  // as echoed below
    req.limit = args_.limit;
    req.offset = args_.offset;
    req.record_facts = g.json;  // the text below shows neither case numbers nor actors
    req.sort = args_.sort == "date" ? SortOrder::kDate : args_.sort == "-date" ? SortOrder::kDateDesc
                                                                             : SortOrder::kRelevance;
    SearchResult res = searcher.search(req);

    if (g.json) {
      const nlohmann::json j = query::search_result_json(res, res.query, args_.offset);
      print_json(j);
      return res.hits.empty() && res.total == 0 ? kExitNoMatch : kExitOk;
    }
    const bool color = use_color(stdout);
    if (!res.suggestion.empty()) std::cout << tr_format("Did you mean: {1}?", res.suggestion) << '\n';
    if (res.total == 0) {
      std::cout << tr_format("No hits for {1}.", query) << '\n';
      if (!res.words_in_no_record.empty()) {
        std::string words;
        for (const std::string& w : res.words_in_no_record) words += (words.empty() ? "" : ", ") + w;
        std::cout << tr_nformat("No record holds the word {1}.", "No record holds the words {1}.",
                                static_cast<long long>(res.words_in_no_record.size()), words)
                  << '\n';
      }
      return kExitNoMatch;
    }
    if (res.matched == WordMatch::kAllThenSome)
      std::cout << tr("Records with all the words first, then those with some of them.") << '\n';
    else if (res.matched == WordMatch::kSome)
      std::cout << tr("No record has all the words; these have some of them.") << '\n';
    else if (res.matched == WordMatch::kApart)
      std::cout << tr("No record has the name as written; these have its words apart.") << '\n';
    std::cout << tr_nformat("{1} hit for {2}", "About {1} hits for {2}", static_cast<long long>(res.total),
                            number(res.total), query)
              << "\n\n";
    for (const auto& h : res.hits) {
      const std::string shown_title = printable(h.title);
      std::string title = color ? "\033[1m" + shown_title + "\033[0m" : shown_title;
      std::cout << h.rank << ". " << title << '\n';
      if (h.parent)
        std::cout << "   " << attachment_line(h.attachment_number, printable(h.parent->title)) << '\n';
      std::cout << "   ";
      if (!h.date.empty()) std::cout << h.date << "  ";
      std::cout << printable(h.path);
      // At most kPagesListed other pages, then how many more: a hit in a
      // 297-page bilaga (LIVSFS 2006:22) listed every page on one line.
      // --json has them all. A hit found by its title or path alone cites
      // no page.
      if (!h.pages.empty()) {
        constexpr std::size_t kPagesListed = 8;
        const std::size_t others = h.pages.size() - 1, listed = std::min(others, kPagesListed);
        const std::string first = std::to_string(h.pages[0]);
        const std::string also = pages_text({h.pages.begin() + 1, h.pages.begin() + 1 + listed});
        std::cout << "  "
                  << (others == 0        ? tr_format("page {1}", first)
                      : listed == others ? tr_format("page {1} (also {2})", first, also)
                                         : tr_format("page {1} (also {2} and {3} more)", first, also,
                                                     number(others - listed)));
      }
      std::cout << '\n';
      if (!h.snippet.empty()) {
        // A quote from a scanned page is what OCR read, not what the page
        // says: the reader is told so before reading it.
        std::cout << "   ";
        if (h.snippet_ocr) std::cout << tr_format("[OCR, page {1}]", std::to_string(h.snippet_page)) << ' ';
        std::cout << render_snippet(h.snippet, h.highlights, color) << '\n';
      }
      std::cout << '\n';
    }
    if (res.hits.empty()) std::cout << tr("No hits on this page; try a smaller --offset.") << '\n';
    return kExitOk;
  }

 private:
  SearchArgs args_;
};

}  // namespace

std::unique_ptr<Command> add_search_command(CLI::App& app, GlobalArgs& g) {
  return std::make_unique<SearchCommand>(app, g);
}

}  // namespace arkiv::cli
