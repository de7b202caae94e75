// `arkiv timeline QUERY`: the dated statements of the matching records in
// chronological order, as text, JSON or a self-contained HTML page that
// draws them.
#include <fstream>
#include <iostream>
#include <map>
#include <string_view>
#include <nlohmann/json.hpp>

#include "arkiv/search.h"
#include "cli/commands.h"
#include "cli/i18n.h"
#include "cli/output.h"
#include "query/result_json.h"

namespace arkiv::cli {
namespace {

struct TimelineArgs {
  std::vector<std::string> words;
  std::string html;          // --html FILE: also write a page that draws the timeline
  std::size_t records = 200;  // --records: matching records to take events from
};

using query::events_json;

// The page embeds the events as JSON and draws them with a few lines of
// script into SVG: one row per statement, a bar from start to end on a
// year axis, the sentence beside it. No network, no external files.
const char* kPage = R"HTML(<!DOCTYPE html>
<html lang="__LANG__"><head><meta charset="utf-8"><title>__TITLE__</title>
<style>
body{font:14px/1.4 "DejaVu Sans",Arial,sans-serif;margin:24px;color:#222}
h1{font-size:20px;margin:0 0 4px} .sub{color:#666;margin-bottom:16px}
svg text{font-size:12px} .axis line{stroke:#bbb} .axis text{fill:#555}
.event rect{fill:#2a6fb0} .event circle{fill:#c0392b} .event:hover rect{fill:#164a7a}
.label{fill:#222} .src{fill:#777}
</style></head><body>
<h1>__HEADING__</h1><div class="sub">__SUB__</div>
<svg id="tl" xmlns="http://www.w3.org/2000/svg"></svg>
<script id="data" type="application/json">__DATA__</script>
<script>
(function(){
  var ev = JSON.parse(document.getElementById('data').textContent);
  var svg = document.getElementById('tl'), NS = 'http://www.w3.org/2000/svg';
  function el(n, a, t){ var e = document.createElementNS(NS, n); for (var k in a) e.setAttribute(k, a[k]);
    if (t !== undefined) e.textContent = t; svg.appendChild(e); return e; }
  function day(s){ var p = s.split('-'); return Date.UTC(+p[0], +p[1]-1, +p[2]); }
  if (!ev.length) { el('text', {x: 10, y: 20}, "__EMPTY__"); svg.setAttribute('height', 40); return; }
  var lo = Infinity, hi = -Infinity;
  ev.forEach(function(e){ lo = Math.min(lo, day(e.start)); hi = Math.max(hi, day(e.end || e.start)); });
  var y0 = new Date(lo).getUTCFullYear(), y1 = new Date(hi).getUTCFullYear() + 1;
  var left = 20, width = 420, row = 26, top = 30;
  function x(t){ return left + (t - Date.UTC(y0,0,1)) / (Date.UTC(y1,0,1) - Date.UTC(y0,0,1)) * width; }
  var h = top + ev.length * row + 10;
  svg.setAttribute('width', 1200); svg.setAttribute('height', h);
  var axis = document.createElementNS(NS, 'g'); axis.setAttribute('class', 'axis'); svg.appendChild(axis);
  var step = Math.max(1, Math.ceil((y1 - y0) / 12));
  for (var y = y0; y <= y1; y += step) {
    var xx = x(Date.UTC(y,0,1));
    var l = document.createElementNS(NS, 'line'); l.setAttribute('x1', xx); l.setAttribute('x2', xx);
    l.setAttribute('y1', top - 8); l.setAttribute('y2', h); axis.appendChild(l);
    var t = document.createElementNS(NS, 'text'); t.setAttribute('x', xx + 2); t.setAttribute('y', top - 12);
    t.textContent = y; axis.appendChild(t);
  }
  ev.forEach(function(e, i){
    var g = document.createElementNS(NS, 'g'); g.setAttribute('class', 'event');
    g.setAttribute('data-start', e.start); svg.appendChild(g);
    var cy = top + i * row + row / 2, a = x(day(e.start)), b = x(day(e.end || e.start) + 86400000);
    var mark;
    if (e.precision === 'day') { mark = document.createElementNS(NS, 'circle');
      mark.setAttribute('cx', a); mark.setAttribute('cy', cy); mark.setAttribute('r', 5); }
    else { mark = document.createElementNS(NS, 'rect'); mark.setAttribute('x', a); mark.setAttribute('y', cy - 6);
      mark.setAttribute('width', Math.max(3, b - a)); mark.setAttribute('height', 12); mark.setAttribute('rx', 3); }
    g.appendChild(mark);
    var tt = document.createElementNS(NS, 'title'); tt.textContent = e.text; g.appendChild(tt);
    var lab = document.createElementNS(NS, 'text'); lab.setAttribute('class', 'label');
    lab.setAttribute('x', left + width + 16); lab.setAttribute('y', cy + 4);
    var s = e.text.length > 95 ? e.text.slice(0, 94) + '…' : e.text;
    lab.textContent = e.date_text + ': ' + s; g.appendChild(lab);
  });
  document.body.setAttribute('data-drawn', ev.length);
})();
</script>
<ol>__LIST__</ol>
</body></html>
)HTML";

// The page from kPage: each "__NAME__" of the template replaced by its
// value, in one pass over the template only. Replacing placeholders one
// after another in the growing page substituted a record's own text: a
// sentence holding "__LIST__" received the whole list again, and 3,000
// dated sentences made a 964 MB page. Values are inserted as they are:
// the caller escapes them for where they go.
std::string fill_page(std::string_view tmpl, const std::map<std::string, std::string, std::less<>>& values) {
  std::string out;
  std::size_t size = tmpl.size();
  for (const auto& [name, value] : values) size += value.size();
  out.reserve(size);
  std::size_t at = 0;
  while (at < tmpl.size()) {
    const std::size_t open = tmpl.find("__", at);
    const std::size_t close = open == std::string_view::npos ? open : tmpl.find("__", open + 2);
    if (close == std::string_view::npos) break;
    const auto it = values.find(tmpl.substr(open + 2, close - open - 2));
    if (it == values.end()) {  // "__" that is no placeholder: keep it
      out.append(tmpl.substr(at, open + 2 - at));
      at = open + 2;
      continue;
    }
    out.append(tmpl.substr(at, open - at));
    out += it->second;
    at = close + 2;
  }
  out.append(tmpl.substr(at));
  return out;
}

// JSON that can stand inside <script type="application/json">: '<', '>'
// and '&' only ever occur inside JSON strings, where \u escapes mean the
// same, so "</script>" and "<!--<script>" in a record's text can neither
// end the element nor switch the HTML parser into its escaped states.
std::string script_safe_json(const nlohmann::json& j) {
  const std::string raw = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string out;
  out.reserve(raw.size());
  for (char c : raw) {
    switch (c) {
      case '<': out += "\\u003c"; break;
      case '>': out += "\\u003e"; break;
      case '&': out += "\\u0026"; break;
      default: out += c;
    }
  }
  return out;
}

std::string page_label(int page) { return page ? tr_format("page {1}", page) : std::string(); }

class TimelineCommand : public Command {
 public:
  TimelineCommand(CLI::App& app, GlobalArgs&) {
    sub = app.add_subcommand("timeline", tr("Dated statements of the matching records, in time order"));
    sub->add_option("query", args_.words, tr("Query, as for search"))->required();
    sub->add_option("--html", args_.html, tr("Also write a self-contained HTML page that draws the timeline"));
    sub->add_option("--records", args_.records, tr("Matching records to take statements from"))
        ->capture_default_str();
    sub->footer(examples({"arkiv timeline Zhuhai",
                         "arkiv timeline 'partnerskapsavtal datum:2015..2020' --json",
                         "arkiv timeline Zhuhai --html zhuhai.html"}));
  }

  int run(const GlobalArgs& g) override {
    std::string query;
    for (const auto& w : args_.words) query += (query.empty() ? "" : " ") + w;
    Searcher searcher(g.search_options());
    Timeline tl = searcher.timeline(query, args_.records);
    query = g.shown(query);  // as echoed below
    const std::vector<TimelineEvent>& events = tl.events;

    if (!args_.html.empty()) {
      std::string list;
      for (const auto& e : events)
        list += "<li><b>" + markup_escaped(e.surface) + "</b> (" + e.start + (e.end.empty() || e.end == e.start ? "" : " – " + e.end) +
                "): " + markup_escaped(e.text) + " <i>" + markup_escaped(printable(e.path)) + ", " + page_label(e.page) + "</i></li>\n";
      const std::string heading = markup_escaped(tr_format("Timeline: {1}", query));
      // __EMPTY__ is inside a script's string literal: JSON-quoted.
      const std::string empty = script_safe_json(tr("No dated statements."));
      const std::string page = fill_page(
          kPage, {{"DATA", script_safe_json(events_json(events))},
                  {"LANG", swedish() ? "sv" : "en"},
                  {"TITLE", heading},
                  {"HEADING", heading},
                  {"SUB", markup_escaped(tr_nformat("{1} dated statement", "{1} dated statements",
                                                 static_cast<long long>(events.size()), events.size()))},
                  {"EMPTY", empty.substr(1, empty.size() - 2)},
                  {"LIST", list}});
      std::ofstream out(args_.html, std::ios::binary);
      out << page;
      if (!out) {
        print_error(tr_format("{1}: cannot write the page", args_.html));
        return kExitError;
      }
    }
    if (g.json) {
      nlohmann::json j = query::timeline_json(query, tl);
      query::add_shards(j, searcher.shards());
      print_json(j);
      return events.empty() ? kExitNoMatch : kExitOk;
    }
    if (!tl.unresolved.empty()) {
      std::cout << tr_nformat("{1} relative date could not be placed (its record has no date):",
                              "{1} relative dates could not be placed (their records have no date):",
                              static_cast<long long>(tl.unresolved.size()), tl.unresolved.size())
                << '\n';
      for (const auto& e : tl.unresolved)
        std::cout << "   " << printable(e.surface) << ": " << printable(e.path) << ", " << page_label(e.page) << '\n';
      std::cout << '\n';
    }
    if (events.empty()) {
      std::cout << tr_format("No dated statements for {1}.", query) << '\n';
      return kExitNoMatch;
    }
    for (const auto& e : events) {
      std::string when = e.start + (e.end.empty() ? " –" : e.end != e.start ? " – " + e.end : "");
      std::cout << when << "  (" << printable(e.surface) << ")\n   " << printable(e.text) << "\n   " << printable(e.path);
      if (e.page) std::cout << ", " << page_label(e.page);
      std::cout << "\n\n";
    }
    return kExitOk;
  }

 private:
  TimelineArgs args_;
};

}  // namespace

std::unique_ptr<Command> add_timeline_command(CLI::App& app, GlobalArgs& g) {
  return std::make_unique<TimelineCommand>(app, g);
}

}  // namespace arkiv::cli
