#include "serve/site.h"

#include <boost/locale.hpp>
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <thread>

#include "arkiv/audit.h"
#include "arkiv/error.h"
#include "arkiv/personal_data.h"
#include "query/open.h"
#include "query/result_json.h"
#include "serve/helper.h"
#include "util/catalogs.h"
#include "util/markup.h"
#include "util/text.h"
#include "util/time.h"

#include <xapian.h>

namespace arkiv::serve {

namespace fs = std::filesystem;

// A request's language: messages through its catalog. The member names
// are the CLI's (tr, tr_format, tr_nformat), so tools/update-po finds the
// messages here as it does in src/cli/.
struct PageLang {
  const std::locale& loc;
  bool swedish;
  std::string tr(const char* msgid) const { return boost::locale::translate(msgid).str(loc); }
  template <typename... Args>
  std::string tr_format(const char* msgid, const Args&... args) const {
    boost::locale::format f(boost::locale::translate(msgid));
    (f % ... % args);
    return f.str(loc);
  }
  template <typename... Args>
  std::string tr_nformat(const char* singular, const char* plural, long long n, const Args&... args) const {
    boost::locale::format f(boost::locale::translate(singular, plural, n));
    (f % ... % args);
    return f.str(loc);
  }
};

namespace {

using util::markup_escaped;

// Hits on one page of results; ?n= may ask for up to kMaxPageHits.
constexpr std::size_t kPageHits = 10;
constexpr std::size_t kMaxPageHits = 100;
// Diarienummer linked on a result row, then how many more: a record may
// cite hundreds (a bench record cites 212, a ledger of cases), which made
// a row unreadable and were half of a search page's HTML. The case page,
// the CSV and the JSON have them all.
constexpr std::size_t kCasesListed = 5;

// The pages' one style sheet, served as /style.css: the Content-Security-
// Policy (default-src 'self') allows no inline style.
constexpr const char* kStyle = R"css(body{font-family:sans-serif;max-width:90em;margin:1em auto;padding:0 1em;color:#222}
form{margin:1em 0}input[type=search]{width:60%;font-size:110%}
ol.hits{padding-left:2em}li.hit{margin:0 0 1.2em}
.title{font-weight:bold;font-size:110%}.meta,.parent{color:#555;font-size:90%}
.snippet{margin:.3em 0}mark{background:#ffe066}
.ocr{font-size:80%;color:#fff;background:#777;padding:0 .3em;border-radius:3px}
.notice{background:#f3f3f3;padding:.5em}
.pageview{display:flex;gap:1em;align-items:flex-start}.sheet{position:relative;flex:none;border:1px solid #ccc}
.sheet img{display:block}.sheet svg{position:absolute;left:0;top:0}
rect.hl{fill:#ffd400;fill-opacity:.4;stroke:#d08000;stroke-width:.5}
.pagetext{white-space:pre-wrap;font-size:90%;max-height:80em;overflow:auto;flex:1}.error{background:#fdd;padding:.5em}
nav.paging a{margin-right:1em}.facets{font-size:90%;margin:.5em 0}.facets a{margin-left:.3em}
.facets .n{color:#777}.facet{font-weight:bold}footer{margin-top:2em;color:#777;font-size:85%}
.facets>div{margin:.25em 0}.years{display:flex;align-items:flex-end;gap:.5em}.histogram rect.bar{fill:#4a78b0}
.histogram a:hover rect.bar{fill:#d08000}.histogram text{font-size:10px;fill:#555}
ol.attachments{list-style:none;padding-left:1.5em;border-left:3px solid #ddd;margin:.5em 0}
.actors{font-size:85%}.actors a{margin-right:.6em;color:#2a6a2a}a.dnr{white-space:nowrap}
table.list{border-collapse:collapse;margin:.5em 0}table.list td,table.list th{padding:.15em .6em;text-align:left;vertical-align:top;border-bottom:1px solid #eee}
.unresolved{color:#a00}.zoom a{margin-right:.8em}.zoom .current{font-weight:bold}
)css";

std::string lowered(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}


std::size_t parse_count(const std::string& s, std::size_t fallback, std::size_t max) {
  if (s.empty() || s.size() > 6 || s.find_first_not_of("0123456789") != std::string::npos) return fallback;
  const std::size_t n = std::strtoul(s.c_str(), nullptr, 10);
  return n == 0 ? fallback : std::min(n, max);
}

// The snippet as HTML: its text escaped, each highlight in <mark>.
std::string snippet_html(const std::string& snippet, const std::vector<Highlight>& hl) {
  std::string out;
  std::size_t at = 0;
  for (auto [b, e] : hl) {
    if (b < at || e > snippet.size() || b >= e) continue;
    out += markup_escaped(snippet.substr(at, b - at));
    out += "<mark>" + markup_escaped(snippet.substr(b, e - b)) + "</mark>";
    at = e;
  }
  return out + markup_escaped(snippet.substr(at));
}

// "/search?q=...&sort=...&page=N" as an attribute value.
std::string search_href(const std::string& query, const std::string& sort, std::size_t page,
                        const std::string& format = {}) {
  std::string href = "/search?q=" + percent_encoded(query);
  if (!sort.empty() && sort != "relevance") href += "&sort=" + percent_encoded(sort);
  if (page > 1) href += "&page=" + std::to_string(page);
  if (!format.empty()) href += "&format=" + format;
  return markup_escaped(href);
}

// A page of the site: the head, the search form and `body`.
std::string html_page(const std::string& title, const std::string& query, const std::string& sort,
                      const std::string& body, const PageLang& lang) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"";
  out += lang.swedish ? "sv" : "en";
  out += "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">"
         "<title>" + markup_escaped(title) + " – arkiv</title><link rel=\"stylesheet\" href=\"/style.css\"></head>\n<body>\n";
  out += "<form action=\"/search\" method=\"get\" role=\"search\"><input type=\"search\" name=\"q\" maxlength=\"" +
         std::to_string(kMaxQueryBytes) + "\" value=\"" + markup_escaped(query) + "\" aria-label=\"" +
         markup_escaped(lang.tr("Query")) + "\" autofocus> <select name=\"sort\">";
  for (const auto& [key, label] : {std::pair<const char*, std::string>{"relevance", lang.tr("Relevance")},
                                   {"date", lang.tr("Oldest first")},
                                   {"-date", lang.tr("Newest first")}})
    out += std::string("<option value=\"") + key + "\"" + (sort == key ? " selected" : "") + ">" +
           markup_escaped(label) + "</option>";
  out += "</select> <button>" + markup_escaped(lang.tr("Search")) + "</button></form>\n";
  out += body;
  out += "<footer>arkiv</footer>\n</body></html>\n";
  return out;
}

// The largest original file /doc/ID/file hands out (it is read whole).
constexpr std::uint64_t kMaxOriginalBytes = 512u << 20;

// Facets shown, and how many of each.
constexpr std::size_t kFacetActors = 12;
constexpr std::size_t kFacetValues = 12;

// The year histogram's bars: at most this high and this wide, in px.
constexpr int kBarHeight = 48;
constexpr int kBarWidth = 14;

// "/case/DNR" and "/actor/NAME" as attribute values.
std::string case_href(const std::string& dnr) { return markup_escaped("/case/" + percent_encoded(dnr)); }
std::string actor_href(const std::string& name) { return markup_escaped("/actor/" + percent_encoded(name)); }

// A facet's values, most records first (then in Swedish alphabetical
// order), at most `max`. Only the first `max` are put in order: a bench
// record names 45 actors, of which a result row shows 6.
template <typename T, typename Name, typename Count>
void rank(std::vector<T>& list, std::size_t max, const Site::Collate& less, Name name, Count count) {
  const auto first = [&](const T& a, const T& b) {
    return count(a) != count(b) ? count(a) > count(b) : less(name(a), name(b));
  };
  if (list.size() > max) {
    std::partial_sort(list.begin(), list.begin() + static_cast<std::ptrdiff_t>(max), list.end(), first);
    list.resize(max);
  } else {
    std::sort(list.begin(), list.end(), first);
  }
}

// The years from the first to the last of `years` (ascending), a bar
// each whose height is its count (an empty year leaves a gap), each bar a
// link (`href` of the year, an attribute value). SVG geometry: the
// Content-Security-Policy allows no inline style.
template <typename Href>
std::string year_bars(const std::vector<FacetCount>& years, Href href) {
  if (years.empty()) return {};
  const int first = std::atoi(years.front().key.c_str()), last = std::atoi(years.back().key.c_str());
  if (last < first || last - first >= 400) return {};
  std::size_t most = 1;
  for (const FacetCount& y : years) most = std::max(most, y.records);
  const int n = last - first + 1;
  // Few years get wider bars, so that the first and the last year's labels
  // stand apart.
  const int bar_width = std::clamp(240 / n, kBarWidth, 40);
  const std::string w = std::to_string(n * bar_width), h = std::to_string(kBarHeight + 14);
  std::string out = "<svg class=\"histogram\" width=\"" + w + "\" height=\"" + h + "\" viewBox=\"0 0 " + w + " " + h +
                    "\" role=\"list\">";
  for (const FacetCount& y : years) {
    const int year = std::atoi(y.key.c_str());
    if (y.records == 0 || year < first || year > last) continue;
    const int bar = std::max(2, static_cast<int>(kBarHeight * y.records / most));
    const int x = (year - first) * bar_width;
    out += "<a href=\"" + href(y.key) + "\" role=\"listitem\" data-year=\"" + markup_escaped(y.key) +
           "\"><rect class=\"bar\" x=\"" + std::to_string(x + 1) + "\" y=\"" + std::to_string(kBarHeight - bar) +
           "\" width=\"" + std::to_string(bar_width - 2) + "\" height=\"" + std::to_string(bar) + "\"><title>" +
           markup_escaped(y.key) + ": " + markup_escaped(std::to_string(y.records)) + "</title></rect></a>";
  }
  out += "<text x=\"0\" y=\"" + std::to_string(kBarHeight + 12) + "\">" + std::to_string(first) + "</text>";
  if (last != first)
    out += "<text x=\"" + w + "\" y=\"" + std::to_string(kBarHeight + 12) + "\" text-anchor=\"end\">" +
           std::to_string(last) + "</text>";
  return out + "</svg>";
}

// What the matching records are, counted over all of them
// (SearchRequest::facets), each value a link narrowing the search by the
// query language's own filter (query/filters.cc: år:, typ:,
// organisation:, aktör:, i:, ocr:, personuppgifter:).
std::string facets_html(Facets f, const std::string& query, const std::string& sort, const Site::Collate& less,
                        const PageLang& lang) {
  if (f.records == 0) return {};
  const auto narrowed = [&](const std::string& filter) { return search_href(query + " " + filter, sort, 1); };
  const auto count = [](std::size_t n) { return " <span class=\"n\">" + std::to_string(n) + "</span>"; };
  std::string out = "<section class=\"facets\">\n";
  if (!f.years.empty())
    out += "<div class=\"years\"><span class=\"facet\">" + markup_escaped(lang.tr("Year:")) + "</span> " +
           year_bars(f.years, [&](const std::string& year) { return narrowed("år:" + year); }) + "</div>\n";
  if (!f.types.empty()) {
    rank(f.types, kFacetValues, less, [](const FacetCount& c) -> const std::string& { return c.label; },
         [](const FacetCount& c) { return c.records; });
    out += "<div class=\"facet-types\"><span class=\"facet\">" + markup_escaped(lang.tr("Type:")) + "</span> ";
    for (const FacetCount& t : f.types)
      out += "<a href=\"" + narrowed("typ:" + t.key) + "\">" + markup_escaped(t.label) + "</a>" + count(t.records) + " ";
    out += "</div>\n";
  }
  if (!f.organisations.empty()) {
    rank(f.organisations, kFacetValues, less, [](const FacetCount& c) -> const std::string& { return c.label; },
         [](const FacetCount& c) { return c.records; });
    out += "<div class=\"facet-organisations\"><span class=\"facet\">" + markup_escaped(lang.tr("Organisation:")) + "</span> ";
    for (const FacetCount& o : f.organisations)
      out += "<a href=\"" + narrowed("organisation:" + o.key) + "\">" + markup_escaped(o.label) + "</a>" + count(o.records) + " ";
    out += "</div>\n";
  }
  if (!f.actors.empty()) {
    rank(f.actors, kFacetActors, less, [](const ActorCount& a) -> const std::string& { return a.actor.name; },
         [](const ActorCount& a) { return a.records; });
    out += "<div class=\"facet-actors\"><span class=\"facet\">" + markup_escaped(lang.tr("Actors:")) + "</span> ";
    for (const ActorCount& a : f.actors)
      out += "<a href=\"" + narrowed("aktör:" + a.actor.id) + "\">" + markup_escaped(a.actor.name) + "</a>" + count(a.records) +
             " <a class=\"follow\" href=\"" + actor_href(a.actor.id) + "\" title=\"" +
             markup_escaped(lang.tr("The actor's page")) + "\">→</a> ";
    out += "</div>\n";
  }
  out += "<div class=\"facet-kinds\"><span class=\"facet\">" + markup_escaped(lang.tr("Records:")) + "</span> ";
  if (f.decisions) out += "<a href=\"" + narrowed("i:beslut") + "\">" + markup_escaped(lang.tr("decisions")) + "</a>" + count(f.decisions) + " ";
  if (f.attachments)
    out += "<a href=\"" + narrowed("i:bilagor") + "\">" + markup_escaped(lang.tr("in attachments")) + "</a>" + count(f.attachments) + " ";
  if (f.ocr)
    out += "<a href=\"" + narrowed("ocr:ja") + "\">" + markup_escaped(lang.tr("with pages read by OCR")) + "</a>" + count(f.ocr) + " ";
  if (f.personal_data)
    out += "<a href=\"" + narrowed("personuppgifter:ja") + "\">" + markup_escaped(lang.tr("holding personal data")) + "</a>" +
           count(f.personal_data) + " ";
  return out + "</div>\n</section>\n";
}

// The links to the pages of one record for one query, escaped for an
// attribute: what is the same in each is encoded once (a hit of the bench
// corpus lists up to 40 pages, each link carrying the query and the list
// of hit pages; encoded link by link, 0.9 M instructions a search page).
class PageHrefs {
 public:
  PageHrefs(const std::string& id, const std::string& query, const std::string& hits)
      : before_(markup_escaped("/doc/" + percent_encoded(id) + "/page/")) {
    std::string after, sep = "?";
    if (!query.empty()) after += sep + "q=" + percent_encoded(query), sep = "&";
    if (!hits.empty()) after += sep + "hits=" + hits;
    after_ = markup_escaped(after);
  }
  std::string operator()(int page) const { return before_ + std::to_string(page) + after_; }

 private:
  std::string before_, after_;
};

// "/doc/ID/page/N?q=...&hits=1,3": a hit's page, with the query whose
// words it highlights and the hit's pages to step through, as an
// attribute value.
std::string page_view_href(const std::string& id, int page, const std::string& query, const std::string& hits) {
  return PageHrefs(id, query, hits)(page);
}

// "1,3,7" as ascending page numbers; what is not a page number is left out.
std::vector<int> page_list(const std::string& s) {
  std::vector<int> out;
  std::size_t at = 0;
  while (at < s.size() && out.size() < 10000) {
    std::size_t comma = s.find(',', at);
    if (comma == std::string::npos) comma = s.size();
    const std::string n = s.substr(at, comma - at);
    if (!n.empty() && n.size() < 7 && n.find_first_not_of("0123456789") == std::string::npos) out.push_back(std::stoi(n));
    at = comma + 1;
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::string fixed(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

// The word without the punctuation around it ("(budgeten," -> "budgeten").
std::string bare(const std::string& w) {
  std::size_t b = 0, e = w.size();
  auto punct = [](unsigned char c) { return c < 0x80 && !std::isalnum(c); };
  while (b < e && punct(static_cast<unsigned char>(w[b]))) ++b;
  while (e > b && punct(static_cast<unsigned char>(w[e - 1]))) --e;
  return w.substr(b, e - b);
}

}  // namespace

std::vector<std::string> query_words(const std::string& query) {
  std::vector<std::string> out;
  std::string q = query;
  for (char& c : q)
    if (c == '"' || c == '(' || c == ')') c = ' ';
  std::size_t at = 0;
  bool negated = false;
  while (at < q.size()) {
    const std::size_t b = q.find_first_not_of(' ', at);
    if (b == std::string::npos) break;
    std::size_t e = q.find(' ', b);
    if (e == std::string::npos) e = q.size();
    std::string w = q.substr(b, e - b);
    at = e;
    if (w == "OR" || w == "AND") continue;
    if (w == "NOT") {
      negated = true;
      continue;
    }
    const bool skip = negated || w[0] == '-' || w.find(':') != std::string::npos;
    negated = false;
    if (skip) continue;
    if (w[0] == '+') w.erase(0, 1);
    const bool star = !w.empty() && w.back() == '*';
    w = util::lower_sv(bare(w));
    if (w.empty()) continue;
    out.push_back(star ? w + "*" : w);
  }
  return out;
}

bool matches_query_word(const std::string& page_word, const std::vector<std::string>& words) {
  const std::string w = util::lower_sv(bare(page_word));
  if (w.empty()) return false;
  const Xapian::Stem stem("swedish");
  std::string w_stem;
  for (const std::string& q : words) {
    if (q.back() == '*') {
      if (w.compare(0, q.size() - 1, q, 0, q.size() - 1) == 0) return true;
      continue;
    }
    if (w == q) return true;
    if (w_stem.empty()) w_stem = stem(w);
    if (w_stem == stem(q)) return true;
  }
  return false;
}

bool wants_swedish(const std::string& accept_language) {
  // "sv-SE,sv;q=0.9,en;q=0.8": the best q of each language; a tag without
  // q= has 1. Equal ranks go to the one named first.
  double sv = -1, en = -1;
  int sv_at = 0, en_at = 0, n = 0;
  std::size_t at = 0;
  while (at <= accept_language.size()) {
    std::size_t end = accept_language.find(',', at);
    if (end == std::string::npos) end = accept_language.size();
    std::string item = accept_language.substr(at, end - at);
    at = end + 1;
    ++n;
    std::string tag = item.substr(0, item.find(';'));
    tag.erase(0, tag.find_first_not_of(' '));
    tag.erase(tag.find_last_not_of(' ') + 1);
    tag = lowered(tag);
    double q = 1;
    const std::size_t qp = item.find("q=");
    if (qp != std::string::npos) q = std::strtod(item.c_str() + qp + 2, nullptr);
    const std::string primary = tag.substr(0, tag.find('-'));
    if (primary == "sv" && q > sv) sv = q, sv_at = n;
    if (primary == "en" && q > en) en = q, en_at = n;
  }
  return sv > 0 && (sv > en || (sv == en && sv_at < en_at));
}

SearcherPool::SearcherPool(const SearchOptions& opts, std::size_t count) {
  for (std::size_t i = 0; i < std::max<std::size_t>(count, 1); ++i) {
    free_.push_back(std::make_unique<Searcher>(opts));
    free_.back()->prepare_facets();
  }
}

SearcherPool::Lease::~Lease() {
  {
    std::lock_guard<std::mutex> lock(pool_.m_);
    pool_.free_.push_back(std::move(s_));
  }
  pool_.cv_.notify_one();
}

SearcherPool::Lease SearcherPool::acquire() {
  std::unique_lock<std::mutex> lock(m_);
  cv_.wait(lock, [&] { return !free_.empty(); });
  std::unique_ptr<Searcher> s = std::move(free_.back());
  free_.pop_back();
  lock.unlock();
  // Each request reads the index as last committed: an `arkiv index` run
  // beside the server shows in its next answer.
  try {
    s->refresh();
  } catch (...) {
    Lease give_back(*this, std::move(s));
    throw;
  }
  return Lease(*this, std::move(s));
}

Site::Site(const SearchOptions& opts, std::size_t threads)
    : opts_(opts), pool_(opts, threads), pages_(std::clamp(std::thread::hardware_concurrency(), 1u, 4u)) {
  pages_.start_all();
  boost::locale::generator gen;
  gen.categories(boost::locale::message_facet | boost::locale::convert_facet | boost::locale::information_facet);
  for (const auto& d : util::catalog_dirs()) gen.add_messages_path(d);
  gen.add_messages_domain("arkiv");
  sv_ = gen("sv_SE.UTF-8");
  en_ = gen("en_US.UTF-8");
  boost::locale::generator collating;
  collating.categories(boost::locale::collation_facet);
  collation_ = collating("sv_SE.UTF-8");
  less_ = [this](const std::string& a, const std::string& b) {
    const int c = std::use_facet<boost::locale::collator<char>>(collation_).compare(
        boost::locale::collator_base::tertiary, a, b);
    return c != 0 ? c < 0 : a < b;
  };
}

void Site::warm_up(std::latch& together) {
  // Over local indexes only: a hung remote shard would hold the start for
  // its timeout, and remote reads keep no table to set up.
  bool local = false;
  try {
    const std::vector<query::ShardLocation> shards = query::shard_locations(opts_.indexes);
    local = std::none_of(shards.begin(), shards.end(), [](const query::ShardLocation& s) { return s.remote(); });
  } catch (...) {
  }
  // A word of nearly every Swedish record: its page reads hits, their
  // summaries, actors and snippets, counts facets and sorts their names.
  const Target beslut = parse_target("/search?q=beslut");
  if (local) {
    try {
      const SearcherPool::Lease held = pool_.acquire();
      try {
        for (const bool swedish : {false, true}) search_page(beslut, PageLang{swedish ? sv_ : en_, swedish}, &*held);
      } catch (...) {
      }
      together.arrive_and_wait();  // before the lease goes back to the pool
      return;
    } catch (...) {
    }
  }
  together.arrive_and_wait();
}

bool Site::waits(const Target& t) { return !t.segments.empty() && t.segments[0] == "doc"; }

std::string Site::translate(const char* msgid, const std::string& accept_language) const {
  return boost::locale::translate(msgid).str(wants_swedish(accept_language) ? sv_ : en_);
}

Response Site::answer(const Request& req, const Target& t) {
  const PageLang lang{wants_swedish(req.accept_language) ? sv_ : en_, wants_swedish(req.accept_language)};
  Response r;
  if (t.path == "/style.css") {
    r.content_type = "text/css; charset=utf-8";
    r.body = kStyle;
    return r;
  }
  if (t.path == "/" || t.path == "/search") return search_page(t, lang);
  if (t.segments.size() == 2 && t.segments[0] == "case") return case_page(t.segments[1], t, lang);
  if (t.segments.size() == 2 && t.segments[0] == "actor") return actor_page(t.segments[1], t, lang);
  if (t.path == "/timeline") return timeline_page(t, lang);
  if (t.path == "/audit") return audit_page(t, lang);
  if (t.segments.size() == 4 && t.segments[0] == "doc" && t.segments[2] == "page")
    return page_view(t.segments[1], t.segments[3], t, lang);
  if (t.segments.size() == 3 && t.segments[0] == "doc" && t.segments[2] == "file") return original(t.segments[1], lang);
  return error_response(404, lang.tr("No such page."));
}

Response Site::search_page(const Target& t, const PageLang& lang, const Searcher* held) {
  const std::string query = t.param("q");
  std::string sort = t.param("sort");
  if (sort != "date" && sort != "-date") sort = "relevance";
  const std::string format = t.param("format");
  const std::size_t per_page = parse_count(t.param("n"), kPageHits, kMaxPageHits);
  const std::size_t page = parse_count(t.param("page"), 1, 100000);
  if (query.size() > kMaxQueryBytes)
    return error_response(414, lang.tr_format("The query is longer than {1} bytes.", kMaxQueryBytes));

  Response r;
  if (query.find_first_not_of(' ') == std::string::npos) {
    if (format == "json" || format == "csv") return error_response(400, lang.tr("A query is required."));
    r.body = html_page(lang.tr("Search"), query, sort, "", lang);
    return r;
  }
  SearchRequest req;
  req.query = query;
  req.sort = sort == "date" ? SortOrder::kDate : sort == "-date" ? SortOrder::kDateDesc : SortOrder::kRelevance;
  req.offset = (page - 1) * per_page;
  req.limit = per_page;
  SearchResult res;
  // What the matching records are, counted over all of them: the page's
  // facets and the JSON's "facets" (not the CSV's, a list of hits).
  req.facets = format != "csv";
  try {
    if (held) {
      res = held->search(req);
    } else {
      const SearcherPool::Lease searcher = pool_.acquire();
      res = searcher->search(req);
    }
  } catch (const QueryLimitError& e) {
    return error_response(414, lang.tr_format("query refused: {1}", e.what()));
  } catch (const QueryError& e) {
    const std::string shown =
        opts_.show_personal_data ? std::string(e.what()) : mask_personal_numbers(e.what(), personal_data_year(""));
    Response bad;
    bad.status = 400;
    bad.body = html_page(lang.tr("Search"), query, sort,
                         "<p class=\"error\">" + markup_escaped(lang.tr_format("cannot parse query {1}", shown)) +
                             "</p>\n",
                         lang);
    return bad;
  }
  if (format == "json") {
    r.content_type = "application/json; charset=utf-8";
    r.body = query::json_text(query::search_result_json(res, res.query, req.offset)) + "\n";
    return r;
  }
  if (format == "csv") {
    r.content_type = "text/csv; charset=utf-8";
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"arkiv-search.csv\"");
    r.body = query::search_result_csv(res);
    return r;
  }

  std::string body;
  if (!res.suggestion.empty())
    body += "<p class=\"notice\">" + lang.tr("Did you mean:") + " <a href=\"" + search_href(res.suggestion, sort, 1) +
            "\">" + markup_escaped(res.suggestion) + "</a>?</p>\n";
  if (res.total == 0) {
    body += "<p>" + markup_escaped(lang.tr_format("No hits for {1}.", res.query)) + "</p>\n";
    r.body = html_page(res.query, query, sort, body, lang);
    return r;
  }
  // A widened query (some of its words) is not narrowed by appending a
  // filter: that would ask for all its words again.
  if (res.matched != WordMatch::kAll) res.facets = Facets{};
  if (res.matched == WordMatch::kAllThenSome)
    body += "<p class=\"notice\">" + markup_escaped(lang.tr("Records with all the words first, then those with some of them.")) + "</p>\n";
  else if (res.matched == WordMatch::kSome)
    body += "<p class=\"notice\">" + markup_escaped(lang.tr("No record has all the words; these have some of them.")) + "</p>\n";
  else if (res.matched == WordMatch::kApart)
    body += "<p class=\"notice\">" +
            markup_escaped(lang.tr("No record has the name as written; these have its words apart.")) + "</p>\n";
  // Counted exactly when the facets were (every match seen), else
  // Xapian's estimate.
  const std::string count =
      res.facets.records > 0
          ? lang.tr_nformat("{1} record matches {2}", "{1} records match {2}", static_cast<long long>(res.total),
                            std::to_string(res.total), res.query)
          : lang.tr_nformat("{1} hit for {2}", "About {1} hits for {2}", static_cast<long long>(res.total),
                            std::to_string(res.total), res.query);
  body += "<p class=\"count\">" + markup_escaped(count) +
          " · <a href=\"" + search_href(query, sort, page, "csv") + "\">CSV</a> · <a href=\"" +
          search_href(query, sort, page, "json") + "\">JSON</a></p>\n";
  body += facets_html(std::move(res.facets), query, sort, less_, lang);
  // An attachment whose decision is a hit on this page is shown under it,
  // not as a hit of its own.
  std::map<std::string, std::vector<const Hit*>> folded;  // decision id -> its attachments among the hits
  for (const Hit& h : res.hits)
    if (h.parent && std::any_of(res.hits.begin(), res.hits.end(), [&](const Hit& d) { return d.id == h.parent->id; }))
      folded[h.parent->id].push_back(&h);
  // The messages a hit repeats, formatted once a page with a mark where
  // the value goes: Boost.Locale builds a formatter a call (7,000
  // instructions), and a record of the bench corpus names dozens of
  // diarienummer, which were half a search page's time.
  const auto around_mark = [](const std::string& label) {
    const std::size_t mark = label.find('\x01');
    return mark == std::string::npos
               ? std::pair<std::string, std::string>{markup_escaped(label), ""}
               : std::pair<std::string, std::string>{markup_escaped(label.substr(0, mark)),
                                                     markup_escaped(label.substr(mark + 1))};
  };
  const auto dnr_label = around_mark(lang.tr_format("Dnr {1}", "\x01"));
  const auto page_label = around_mark(lang.tr_format("page {1}", "\x01"));
  const auto pages_label = around_mark(lang.tr_format("pages {1}", "\x01"));
  const auto hit_html = [&](const Hit& h, bool nested) {
    std::string hits;
    for (std::size_t i = 0; i < h.pages.size(); ++i) hits += (i ? "," : "") + std::to_string(h.pages[i]);
    const PageHrefs page_href(h.id, query, hits);
    std::string out = "<li class=\"hit\"><div class=\"title\"><a href=\"" +
                      page_href(h.snippet_page > 0 ? h.snippet_page : 1) + "\">" + markup_escaped(h.title) + "</a></div>\n";
    if (h.parent && !nested)
      out += "<div class=\"parent\">" +
             markup_escaped(h.attachment_number > 0
                                ? lang.tr_format("Attachment {1} to {2}", h.attachment_number, h.parent->title)
                                : lang.tr_format("Attachment to {1}", h.parent->title)) +
             "</div>\n";
    std::string meta;
    if (!h.date.empty()) meta += markup_escaped(h.date) + " · ";
    if (!h.type.empty()) meta += markup_escaped(h.type) + " · ";
    const std::size_t cases_listed = std::min(h.case_numbers.size(), kCasesListed);
    for (std::size_t i = 0; i < cases_listed; ++i)
      meta += "<a class=\"dnr\" href=\"" + case_href(h.case_numbers[i]) + "\">" + dnr_label.first +
              markup_escaped(h.case_numbers[i]) + dnr_label.second + "</a> · ";
    if (const std::size_t more = h.case_numbers.size() - cases_listed; more > 0)
      meta += "<span class=\"more-cases\">" +
              markup_escaped(lang.tr_nformat("and {1} more case number", "and {1} more case numbers",
                                             static_cast<long long>(more), std::to_string(more))) +
              "</span> · ";
    meta += markup_escaped(escape_name(h.path));
    if (!h.pages.empty()) {
      std::string pages;
      for (std::size_t i = 0; i < h.pages.size(); ++i)
        pages += (i ? ", " : "") + ("<a href=\"" + page_href(h.pages[i]) + "\">" + std::to_string(h.pages[i]) + "</a>");
      // The numbers are links: the message is escaped around them.
      const auto& label = h.pages.size() == 1 ? page_label : pages_label;
      meta += " · " + label.first + pages + label.second;
    }
    out += "<div class=\"meta\">" + meta + "</div>\n";
    if (!h.snippet.empty()) {
      out += "<p class=\"snippet\">";
      // A quote from a scanned page is what OCR read, not what the page
      // says: the reader is told so before reading it (as in the CLI).
      if (h.snippet_ocr)
        out += "<span class=\"ocr\">" + markup_escaped(lang.tr_format("[OCR, page {1}]", std::to_string(h.snippet_page))) +
               "</span> ";
      out += snippet_html(h.snippet, h.highlights) + "</p>\n";
    }
    if (!h.actors.empty()) {
      // The actors it mentions most, each a link to the actor's page.
      std::vector<const ActorCount*> actors;
      actors.reserve(h.actors.size());
      for (const ActorCount& a : h.actors) actors.push_back(&a);
      rank(actors, 6, less_, [](const ActorCount* a) -> const std::string& { return a->actor.name; },
           [](const ActorCount* a) { return a->mentions; });
      out += "<div class=\"actors\">";
      for (const ActorCount* a : actors)
        out += "<a class=\"actor\" href=\"" + actor_href(a->actor.id) + "\">" + markup_escaped(a->actor.name) + "</a> ";
      out += "</div>\n";
    }
    return out;
  };
  body += "<ol class=\"hits\" start=\"" + std::to_string(req.offset + 1) + "\">\n";
  for (const Hit& h : res.hits) {
    if (h.parent && folded.count(h.parent->id)) continue;  // under its decision
    body += hit_html(h, false);
    if (auto it = folded.find(h.id); it != folded.end()) {
      body += "<ol class=\"attachments\">\n";
      for (const Hit* a : it->second) body += hit_html(*a, true) + "</li>\n";
      body += "</ol>\n";
    }
    body += "</li>\n";
  }
  body += "</ol>\n";
  if (res.hits.empty()) body += "<p>" + markup_escaped(lang.tr("No hits on this page.")) + "</p>\n";
  body += "<nav class=\"paging\">";
  if (page > 1) body += "<a rel=\"prev\" href=\"" + search_href(query, sort, page - 1) + "\">" + lang.tr("« Previous") + "</a>";
  if (req.offset + res.hits.size() < res.total)
    body += "<a rel=\"next\" href=\"" + search_href(query, sort, page + 1) + "\">" + lang.tr("Next »") + "</a>";
  body += "</nav>\n";
  r.body = html_page(res.query, query, sort, body, lang);
  return r;
}

namespace {

// A list's answer as ?format=json or ?format=csv asks (the CLI's keys,
// query/result_json.h), or nullopt for the HTML page.
std::optional<Response> export_of(const std::string& format, const std::function<nlohmann::json()>& json,
                                  const std::function<std::string()>& csv, const std::string& name) {
  Response r;
  if (format == "json") {
    r.content_type = "application/json; charset=utf-8";
    r.body = query::json_text(json()) + "\n";
    return r;
  }
  if (format == "csv") {
    r.content_type = "text/csv; charset=utf-8";
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"arkiv-" + name + ".csv\"");
    r.body = csv();
    return r;
  }
  return std::nullopt;
}

// " · CSV · JSON": the page's own URL with &format= (`base` the path and
// query without it, unescaped).
std::string export_links(const std::string& base) {
  const std::string sep = base.find('?') == std::string::npos ? "?" : "&";
  return " · <a class=\"export\" href=\"" + markup_escaped(base + sep + "format=csv") + "\">CSV</a> · <a href=\"" +
         markup_escaped(base + sep + "format=json") + "\">JSON</a>";
}

// Whether the file at `abspath` is as the index recorded it: its size and
// modification time (the audit's check without --verify).
enum class Fixity { kUnchanged, kChanged, kMissing, kUnknown };
Fixity fixity_of(const RecordInfo& r) {
  if (r.abspath.empty() || !r.member.empty()) return Fixity::kUnknown;  // a member: its container's file
  std::error_code ec;
  const auto size = fs::file_size(r.abspath, ec);
  if (ec) return fs::exists(r.abspath, ec) ? Fixity::kUnknown : Fixity::kMissing;
  const auto mtime = fs::last_write_time(r.abspath, ec);
  if (ec) return Fixity::kUnknown;
  const FileTime at = std::chrono::time_point_cast<FileTime::duration>(std::chrono::file_clock::to_sys(mtime));
  return size == r.size && util::iso8601_utc(at) == r.mtime ? Fixity::kUnchanged : Fixity::kChanged;
}

}  // namespace

Response Site::case_page(const std::string& dnr, const Target& t, const PageLang& lang) {
  if (dnr.size() > 200) return error_response(404, lang.tr("No such page."));
  std::vector<CaseRecord> records;
  std::vector<std::optional<RecordInfo>> infos;
  {
    SearcherPool::Lease searcher = pool_.acquire();
    records = searcher->case_records(dnr);
    for (const CaseRecord& r : records) infos.push_back(searcher->find(r.id));
  }
  if (auto e = export_of(t.param("format"), [&] { return query::case_json(dnr, records); },
                         [&] { return query::case_csv(records); }, "case"))
    return *e;
  std::string body = "<h1>" + markup_escaped(lang.tr_format("Case {1}", dnr)) + "</h1>\n";
  if (records.empty()) {
    Response r;
    r.status = 404;
    r.body = html_page(dnr, "", "relevance",
                       body + "<p>" + markup_escaped(lang.tr_format("No records with diarienummer {1}.", dnr)) + "</p>\n", lang);
    return r;
  }
  body += "<p class=\"count\">" +
          markup_escaped(lang.tr_nformat("{1} record", "{1} records", static_cast<long long>(records.size()), records.size())) +
          export_links("/case/" + percent_encoded(dnr)) + "</p>\n";
  body += "<table class=\"list case\"><tr><th>" + markup_escaped(lang.tr("Date")) + "</th><th>" + markup_escaped(lang.tr("Type")) +
          "</th><th>" + markup_escaped(lang.tr("Record")) + "</th><th>" + markup_escaped(lang.tr("Attachments")) + "</th><th>" +
          markup_escaped(lang.tr("File")) + "</th></tr>\n";
  std::string last_org = "\x01";
  for (std::size_t i = 0; i < records.size(); ++i) {
    const CaseRecord& r = records[i];
    // Records of several organisations: each its own case, under its name.
    if (r.organisation_id != last_org && (i > 0 || r.organisation_id != records.back().organisation_id))
      body += "<tr><th colspan=\"5\">" +
              markup_escaped(r.organisation.empty() ? lang.tr("Of no known organisation:") : r.organisation + ":") + "</th></tr>\n";
    last_org = r.organisation_id;
    const std::optional<RecordInfo>& info = infos[i];
    body += "<tr><td>" + markup_escaped(r.date) + "</td><td>" + markup_escaped(r.type) + "</td><td><a href=\"" +
            page_view_href(r.id, 1, "", "") + "\">" + markup_escaped(r.title) + "</a><div class=\"meta\">" +
            markup_escaped(escape_name(r.path)) + "</div>";
    if (info && info->parent)
      body += "<div class=\"parent\">" + markup_escaped(lang.tr_format("Attachment to {1}", info->parent->title)) + "</div>";
    body += "</td><td>";
    if (info) {
      for (const AttachmentRef& a : info->attachments) {
        const std::string label = a.number > 0 ? lang.tr_format("Bilaga {1}", a.number) + ": " + a.title : a.title;
        if (!a.id.empty())
          body += "<div><a href=\"" + page_view_href(a.id, 1, "", "") + "\">" + markup_escaped(label) + "</a></div>";
        else if (a.route == "page")
          body += "<div><a href=\"" + page_view_href(r.id, a.page, "", "") + "\">" + markup_escaped(label) + "</a></div>";
        else
          body += "<div>" + markup_escaped(label) + "</div>";
      }
      // "bilaga N" the record names with no record of its own.
      for (int n : info->unresolved)
        body += "<div class=\"unresolved\">" + markup_escaped(lang.tr_format("Bilaga {1}: not found", n)) + "</div>";
    }
    const Fixity f = info ? fixity_of(*info) : Fixity::kUnknown;
    body += f == Fixity::kChanged || f == Fixity::kMissing ? "</td><td class=\"unresolved\">" : "</td><td>";
    if (info) {
      body += markup_escaped(f == Fixity::kUnchanged ? lang.tr("as indexed")
                             : f == Fixity::kChanged ? lang.tr("changed since indexed")
                             : f == Fixity::kMissing ? lang.tr("missing from disk")
                                                     : lang.tr("in its container's file"));
      for (const RecordEvent& e : info->events)
        if (e.kind != EventKind::kIngested)
          body += "<div class=\"meta\">" + markup_escaped(e.at.substr(0, 10)) + " " + markup_escaped(event_key(e.kind)) + "</div>";
    }
    body += "</td></tr>\n";
  }
  body += "</table>\n";
  Response r;
  r.body = html_page(lang.tr_format("Case {1}", dnr), "dnr:\"" + dnr + "\"", "relevance", body, lang);
  return r;
}

Response Site::actor_page(const std::string& name, const Target& t, const PageLang& lang) {
  if (name.size() > 200) return error_response(404, lang.tr("No such page."));
  std::optional<ActorReferences> refs;
  std::vector<ActorCount> together;
  try {
    SearcherPool::Lease searcher = pool_.acquire();
    refs = searcher->actor_references(name);
    if (refs && t.param("format").empty()) together = searcher->actors("aktör:" + refs->actor.id);
  } catch (const QueryError&) {
    refs.reset();
  }
  if (!refs) {
    Response r;
    r.status = 404;
    r.body = html_page(name, "", "relevance",
                       "<p>" + markup_escaped(lang.tr_format("No record mentions {1}.", name)) + "</p>\n", lang);
    return r;
  }
  if (auto e = export_of(t.param("format"), [&] { return query::refs_json(*refs); }, [&] { return query::refs_csv(*refs); },
                         "actor"))
    return *e;
  const Actor& a = refs->actor;
  std::string body = "<h1>" + markup_escaped(a.name) + "</h1>\n<p class=\"meta\">" + markup_escaped(actor_type_key(a.type));
  std::vector<std::string> names = a.aliases;
  names.insert(names.end(), a.former.begin(), a.former.end());
  std::sort(names.begin(), names.end(), less_);
  names.erase(std::unique(names.begin(), names.end()), names.end());
  if (!names.empty()) {
    std::string joined;
    for (const std::string& n : names) joined += (joined.empty() ? "" : ", ") + n;
    body += " · " + markup_escaped(lang.tr_format("also: {1}", joined));
  }
  body += " · <a href=\"" + search_href("aktör:" + a.id, "date", 1) + "\">" + markup_escaped(lang.tr("Its records")) + "</a>" +
          export_links("/actor/" + percent_encoded(name)) + "</p>\n";
  // Mentions per year of the record's date.
  std::map<std::string, std::size_t> per_year;
  std::size_t undated = 0;
  for (const ActorReference& m : refs->mentions)
    if (m.date.size() >= 4) ++per_year[m.date.substr(0, 4)];
    else ++undated;
  std::vector<FacetCount> years;
  for (const auto& [y, n] : per_year) years.push_back({y, y, n});
  body += "<h2>" + markup_escaped(lang.tr_nformat("{1} mention", "{1} mentions", static_cast<long long>(refs->mentions.size()),
                                                  refs->mentions.size())) +
          "</h2>\n<div class=\"years\">" +
          year_bars(years, [&](const std::string& y) { return search_href("aktör:" + a.id + " år:" + y, "date", 1); });
  if (undated) body += " <span class=\"meta\">" + markup_escaped(lang.tr_format("undated: {1}", undated)) + "</span>";
  body += "</div>\n";
  if (!together.empty()) {
    std::erase_if(together, [&](const ActorCount& c) { return c.actor.id == a.id; });
    rank(together, 20, less_, [](const ActorCount& c) -> const std::string& { return c.actor.name; },
         [](const ActorCount& c) { return c.records; });
    body += "<h2>" + markup_escaped(lang.tr("Mentioned together with")) + "</h2>\n<p class=\"together\">";
    for (const ActorCount& c : together)
      body += "<a class=\"actor\" href=\"" + actor_href(c.actor.id) + "\">" + markup_escaped(c.actor.name) +
              "</a> <span class=\"n\">" + std::to_string(c.records) + "</span> ";
    body += "</p>\n";
  }
  // Every mention in its sentence, by record; one line per sentence.
  constexpr std::size_t kShown = 500;
  body += "<h2>" + markup_escaped(lang.tr("In context")) + "</h2>\n";
  std::string last;
  std::size_t shown = 0;
  for (std::size_t i = 0; i < refs->mentions.size() && shown < kShown; ++shown) {
    const ActorReference& m = refs->mentions[i];
    if (m.id != last) {
      body += std::string(last.empty() ? "" : "</ul>\n") + "<h3>" + markup_escaped(m.date.empty() ? "" : m.date + " ") +
              markup_escaped(m.title) + "</h3>\n<ul class=\"mentions\">\n";
      last = m.id;
    }
    std::vector<Highlight> marks;
    std::size_t j = i;
    for (; j < refs->mentions.size() && refs->mentions[j].id == m.id && refs->mentions[j].page == m.page &&
           refs->mentions[j].context == m.context;
         ++j)
      marks.push_back(refs->mentions[j].highlight);
    std::sort(marks.begin(), marks.end());
    body += "<li><a href=\"" + page_view_href(m.id, m.page, m.surface, "") + "\">" +
            markup_escaped(lang.tr_format("p. {1}", m.page)) + "</a>: " + snippet_html(m.context, marks) + "</li>\n";
    i = j;
  }
  if (!last.empty()) body += "</ul>\n";
  if (shown == kShown) body += "<p class=\"notice\">" + markup_escaped(lang.tr("More in the CSV and JSON exports.")) + "</p>\n";
  Response r;
  r.body = html_page(a.name, "aktör:" + a.id, "relevance", body, lang);
  return r;
}

Response Site::timeline_page(const Target& t, const PageLang& lang) {
  const std::string query = t.param("q");
  if (query.size() > kMaxQueryBytes)
    return error_response(414, lang.tr_format("The query is longer than {1} bytes.", kMaxQueryBytes));
  const std::string decade = t.param("decade"), year = t.param("year");
  const auto digits = [](const std::string& s) {
    return s.size() == 4 && s.find_first_not_of("0123456789") == std::string::npos;
  };
  if ((!decade.empty() && !digits(decade)) || (!year.empty() && !digits(year)))
    return error_response(404, lang.tr("No such page."));
  Timeline tl;
  if (query.find_first_not_of(' ') != std::string::npos) {
    try {
      SearcherPool::Lease searcher = pool_.acquire();
      tl = searcher->timeline(query);
    } catch (const QueryLimitError& e) {
      return error_response(414, lang.tr_format("query refused: {1}", e.what()));
    } catch (const QueryError& e) {
      return error_response(400, lang.tr_format("cannot parse query {1}", mask_personal_numbers(e.what(), personal_data_year(""))));
    }
  }
  // The zoom: every event, a decade's (decade=2010) or a year's (year=2017).
  const auto in_view = [&](const TimelineEvent& e) {
    if (!year.empty()) return e.start.compare(0, 4, year) == 0;
    if (!decade.empty()) return e.start.compare(0, 3, decade, 0, 3) == 0;
    return true;
  };
  Timeline shown;
  for (const TimelineEvent& e : tl.events)
    if (in_view(e)) shown.events.push_back(e);
  if (year.empty() && decade.empty()) shown.unresolved = tl.unresolved;
  const auto href = [&](const std::string& d, const std::string& y, const std::string& format = {}) {
    std::string h = "/timeline?q=" + percent_encoded(query);
    if (!d.empty()) h += "&decade=" + d;
    if (!y.empty()) h += "&year=" + y;
    if (!format.empty()) h += "&format=" + format;
    return h;
  };
  if (auto e = export_of(t.param("format"), [&] { return query::timeline_json(query, shown); },
                         [&] { return query::events_csv(shown.events); }, "timeline"))
    return *e;
  std::string body = "<h1>" + markup_escaped(lang.tr("Timeline")) + "</h1>\n";
  body += "<form action=\"/timeline\" method=\"get\"><input type=\"search\" name=\"q\" value=\"" + markup_escaped(query) +
          "\" aria-label=\"" + markup_escaped(lang.tr("Query")) + "\"> <button>" + markup_escaped(lang.tr("Timeline")) +
          "</button></form>\n";
  if (query.find_first_not_of(' ') == std::string::npos) {
    Response r;
    r.body = html_page(lang.tr("Timeline"), "", "relevance", body, lang);
    return r;
  }
  // Decades, then the chosen decade's years, each with its events' count.
  std::map<std::string, std::size_t> decades, years;
  for (const TimelineEvent& e : tl.events) {
    if (e.start.size() < 4) continue;
    ++decades[e.start.substr(0, 3) + "0"];
    const std::string d = !year.empty() ? year.substr(0, 3) + "0" : decade;
    if (!d.empty() && e.start.compare(0, 3, d, 0, 3) == 0) ++years[e.start.substr(0, 4)];
  }
  body += "<nav class=\"zoom decades\"><a href=\"" + markup_escaped(href("", "")) + "\"" +
          (decade.empty() && year.empty() ? " class=\"current\"" : "") + ">" + markup_escaped(lang.tr("All")) + "</a>";
  const std::string current_decade = !year.empty() ? year.substr(0, 3) + "0" : decade;
  for (const auto& [d, n] : decades)
    body += "<a href=\"" + markup_escaped(href(d, "")) + "\"" + (d == current_decade ? " class=\"current\"" : "") + ">" +
            markup_escaped(lang.tr_format("{1}s", d)) + "</a> <span class=\"n\">" + std::to_string(n) + "</span> ";
  body += "</nav>\n";
  if (!years.empty()) {
    body += "<nav class=\"zoom years\">";
    for (const auto& [y, n] : years)
      body += "<a href=\"" + markup_escaped(href("", y)) + "\"" + (y == year ? " class=\"current\"" : "") + ">" + y +
              "</a> <span class=\"n\">" + std::to_string(n) + "</span> ";
    body += "</nav>\n";
  }
  body += "<p class=\"count\">" +
          markup_escaped(lang.tr_nformat("{1} dated statement", "{1} dated statements",
                                         static_cast<long long>(shown.events.size()), shown.events.size())) +
          export_links(href(decade, year)) + "</p>\n";
  constexpr std::size_t kShown = 1000;
  body += "<ol class=\"events\">\n";
  for (std::size_t i = 0; i < shown.events.size() && i < kShown; ++i) {
    const TimelineEvent& e = shown.events[i];
    const std::string when = e.start + (e.end.empty() ? " –" : e.end != e.start ? " – " + e.end : "");
    body += "<li class=\"event\"><span class=\"when\">" + markup_escaped(when) + "</span> <span class=\"meta\">(" +
            markup_escaped(e.surface) + ")</span><div>" + markup_escaped(e.text) + "</div><div class=\"meta\"><a href=\"" +
            page_view_href(e.id, std::max(e.page, 1), e.surface, "") + "\">" + markup_escaped(e.title) + ", " +
            markup_escaped(lang.tr_format("p. {1}", e.page)) + "</a></div></li>\n";
  }
  body += "</ol>\n";
  if (shown.events.size() > kShown)
    body += "<p class=\"notice\">" + markup_escaped(lang.tr("More in the CSV and JSON exports.")) + "</p>\n";
  if (!shown.unresolved.empty()) {
    body += "<h2>" + markup_escaped(lang.tr("Relative dates that could not be placed (their records have no date)")) + "</h2>\n<ul>";
    for (const TimelineEvent& e : shown.unresolved)
      body += "<li>" + markup_escaped(e.surface) + ": <a href=\"" + page_view_href(e.id, std::max(e.page, 1), e.surface, "") +
              "\">" + markup_escaped(e.title) + "</a></li>\n";
    body += "</ul>\n";
  }
  Response r;
  r.body = html_page(lang.tr("Timeline"), query, "relevance", body, lang);
  return r;
}

Response Site::audit_page(const Target& t, const PageLang& lang) {
  AuditOptions opts;
  // Re-hashing every file takes as long as reading the archive: only when
  // the URL asks for it.
  opts.verify = t.param("verify") == "1";
  opts.show_personal_data = opts_.show_personal_data;
  const AuditReport rep = audit(opts_, opts);
  if (auto e = export_of(t.param("format"), [&] { return query::audit_json(rep); }, [&] { return query::audit_csv(rep); },
                         "audit"))
    return *e;
  const std::string self = opts.verify ? "/audit?verify=1" : "/audit";
  std::string body = "<h1>" + markup_escaped(lang.tr("Audit")) + "</h1>\n";
  if (rep.sources_unknown) {
    body += "<p class=\"error\">" + markup_escaped(lang.tr("This index does not record what it was built from.")) + "</p>\n";
    Response r;
    r.body = html_page(lang.tr("Audit"), "", "relevance", body, lang);
    return r;
  }
  body += "<p class=\"count\">" +
          markup_escaped(lang.tr_nformat("{1} file on disk, {2} records checked, {3} re-hashed",
                                         "{1} files on disk, {2} records checked, {3} re-hashed",
                                         static_cast<long long>(rep.files_on_disk), rep.files_on_disk, rep.records,
                                         rep.verified)) +
          export_links(self);
  if (!opts.verify)
    body += " · <a href=\"/audit?verify=1\">" + markup_escaped(lang.tr("Re-hash every file (slow)")) + "</a>";
  body += "</p>\n";
  if (rep.fixity_failed())
    body += "<p class=\"error\">" + markup_escaped(lang.tr("A record changed or went missing: fixity failed.")) + "</p>\n";
  // Findings by kind: the counts first, each a link to its list.
  body += "<table class=\"list kinds\">";
  for (const auto& [kind, n] : rep.counts())
    body += "<tr><td>" + (n ? "<a href=\"#" + markup_escaped(kind) + "\">" + markup_escaped(kind) + "</a>" : markup_escaped(kind)) +
            "</td><td>" + std::to_string(n) + "</td></tr>";
  body += "</table>\n";
  // A record's history beside the findings that are about its file's
  // content (changed, moved): what the archivist accepted and when.
  std::size_t looked_up = 0;
  std::string kind;
  for (const Finding& f : rep.findings) {
    if (finding_key(f.kind) != kind) {
      body += std::string(kind.empty() ? "" : "</ul>\n") + "<h2 id=\"" + markup_escaped(finding_key(f.kind)) + "\">" +
              markup_escaped(finding_key(f.kind)) + "</h2>\n<ul class=\"findings\">\n";
      kind = finding_key(f.kind);
    }
    body += "<li>" + markup_escaped(escape_name(f.path)) + ": <span class=\"meta\">" + markup_escaped(f.detail) + "</span>";
    if ((f.kind == FindingKind::kChanged || f.kind == FindingKind::kMoved || f.kind == FindingKind::kPersonalData) &&
        looked_up < 200) {
      ++looked_up;
      std::optional<RecordInfo> rec;
      {
        SearcherPool::Lease searcher = pool_.acquire();
        rec = searcher->find(f.path);
      }
      if (rec) {
        body += " <a href=\"" + page_view_href(rec->id, 1, "", "") + "\">" + markup_escaped(lang.tr("open")) + "</a>";
        std::string events;
        for (const RecordEvent& e : rec->events)
          events += "<li>" + markup_escaped(e.at) + " " + markup_escaped(event_key(e.kind)) +
                    (e.detail.empty() ? "" : ": " + markup_escaped(e.detail)) + "</li>";
        if (!events.empty()) body += "<ul class=\"events meta\">" + events + "</ul>";
      }
    }
    body += "</li>\n";
  }
  if (!kind.empty()) body += "</ul>\n";
  Response r;
  r.body = html_page(lang.tr("Audit"), "", "relevance", body, lang);
  return r;
}

Response Site::original(const std::string& id, const PageLang& lang) {
  std::optional<RecordInfo> rec;
  {
    SearcherPool::Lease searcher = pool_.acquire();
    rec = searcher->find(id);
  }
  if (!rec || rec->id != id) return error_response(404, lang.tr("No such record."));
  // A PDF on disk only: the browser opens it at the page the link names
  // (#page=N). The file is the one the index holds for this record, never
  // a path from the request.
  if (rec->format != "pdf" || !rec->member.empty() || rec->abspath.empty())
    return error_response(404, lang.tr("This record has no file of its own to open."));
  std::ifstream in(rec->abspath, std::ios::binary);
  if (!in) return error_response(404, lang.tr("The record's file cannot be read."));
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  if (size < 0 || static_cast<std::uint64_t>(size) > kMaxOriginalBytes)
    return error_response(404, lang.tr("The record's file cannot be read."));
  in.seekg(0);
  Response r;
  r.content_type = "application/pdf";
  r.body.resize(static_cast<std::size_t>(size));
  in.read(r.body.data(), size);
  if (!in) return error_response(404, lang.tr("The record's file cannot be read."));
  return r;
}

Response Site::page_view(const std::string& id, const std::string& page_arg, const Target& t, const PageLang& lang) {
  const bool png = page_arg.size() > 4 && page_arg.compare(page_arg.size() - 4, 4, ".png") == 0;
  const std::string digits = png ? page_arg.substr(0, page_arg.size() - 4) : page_arg;
  if (digits.empty() || digits.size() > 6 || digits.find_first_not_of("0123456789") != std::string::npos)
    return error_response(404, lang.tr("No such page."));
  const int page = std::stoi(digits);
  std::optional<RecordInfo> rec;
  {
    SearcherPool::Lease searcher = pool_.acquire();
    rec = searcher->find(id);
  }
  if (!rec || rec->id != id) return error_response(404, lang.tr("No such record."));
  if (page < 1 || static_cast<std::size_t>(page) > rec->pages.size()) return error_response(404, lang.tr("No such page."));
  // A page image only of a PDF on disk: an attachment inside another file
  // has no path of its own to give the helper.
  const bool image = rec->format == "pdf" && rec->member.empty() && !rec->abspath.empty();
  // The image's key: a file changed since (another SHA-256) is drawn anew.
  const std::string image_key = rec->id + '\n' + rec->sha256 + '\n' + std::to_string(page) + '\n' + std::to_string(kPageDpi);
  const std::string abspath = rec->abspath;
  const auto draw = [this, abspath, page] { return pages_.png(abspath, page, kPageDpi); };
  if (png) {
    std::optional<std::string> bytes = image ? images_.get(image_key, draw) : std::nullopt;
    if (!bytes) return error_response(404, lang.tr("This page has no image."));
    Response r;
    r.content_type = "image/png";
    r.body = std::move(*bytes);
    return r;
  }
  const std::string query = t.param("q");
  const std::string hits_arg = t.param("hits");
  const std::vector<int> hits = page_list(hits_arg);

  std::string body = "<h1>" + markup_escaped(rec->title) + "</h1>\n<p class=\"meta\">";
  if (!rec->record_date.empty()) body += markup_escaped(rec->record_date) + " · ";
  if (!rec->type.empty()) body += markup_escaped(rec->type) + " · ";
  body += markup_escaped(escape_name(rec->path)) + " · " +
          markup_escaped(lang.tr_format("page {1} of {2}", page, rec->pages.size()));
  const PageSpan* span = nullptr;
  for (const PageSpan& s : rec->page_spans)
    if (s.number == page) span = &s;
  if (span && span->source == PageSource::kOcr)
    body += " <span class=\"ocr\">" + markup_escaped(lang.tr_format("read by OCR, confidence {1}%", span->confidence)) +
            "</span>";
  body += "</p>\n<nav class=\"paging\">";
  // Previous and next page holding a hit, then the search it came from.
  int prev = 0, next = 0;
  for (int h : hits) {
    if (h < page) prev = h;
    if (h > page && !next) next = h;
  }
  if (prev) body += "<a rel=\"prev\" href=\"" + page_view_href(id, prev, query, hits_arg) + "\">" +
                    markup_escaped(lang.tr_format("« Hit on page {1}", prev)) + "</a>";
  if (next) body += "<a rel=\"next\" href=\"" + page_view_href(id, next, query, hits_arg) + "\">" +
                    markup_escaped(lang.tr_format("Hit on page {1} »", next)) + "</a>";
  if (!query.empty()) body += "<a href=\"" + search_href(query, "relevance", 1) + "\">" + lang.tr("Back to the hits") + "</a>";
  if (image)
    body += "<a href=\"" + markup_escaped("/doc/" + percent_encoded(id) + "/file#page=" + std::to_string(page)) + "\">" +
            markup_escaped(lang.tr("The original file at this page")) + "</a>";
  body += "</nav>\n<div class=\"pageview\">";
  // The image is drawn while the words are read: the browser asks for it
  // once it has this page, and finds it drawn or under way.
  if (image) images_.prefetch(image_key, draw);
  std::optional<extract::PageWords> words = image ? pages_.words(rec->abspath, page) : std::nullopt;
  if (words && words->width > 0 && words->height > 0) {
    const double scale = kPageDpi / 72.0;
    const std::string w = std::to_string(static_cast<int>(words->width * scale + 0.5));
    const std::string h = std::to_string(static_cast<int>(words->height * scale + 0.5));
    body += "<div class=\"sheet\"><img src=\"" + markup_escaped("/doc/" + percent_encoded(id) + "/page/" +
                                                                 std::to_string(page) + ".png") +
            "\" width=\"" + w + "\" height=\"" + h + "\" alt=\"" +
            markup_escaped(lang.tr_format("Page {1}", page)) + "\">";
    // The highlights in the page's own units (points, as Poppler gives the
    // words' boxes), drawn over the image at its size.
    body += "<svg viewBox=\"0 0 " + fixed(words->width) + " " + fixed(words->height) + "\" width=\"" + w +
            "\" height=\"" + h + "\" preserveAspectRatio=\"none\" aria-hidden=\"true\">";
    const std::vector<std::string> qwords = query_words(query);
    if (!qwords.empty())
      for (const extract::PageWord& pw : words->words)
        if (matches_query_word(pw.text, qwords))
          body += "<rect class=\"hl\" x=\"" + fixed(pw.x0) + "\" y=\"" + fixed(pw.y0) + "\" width=\"" +
                  fixed(pw.x1 - pw.x0) + "\" height=\"" + fixed(pw.y1 - pw.y0) + "\"/>";
    body += "</svg></div>\n";
  }
  body += "<div class=\"pagetext\">" + markup_escaped(rec->pages[static_cast<std::size_t>(page) - 1]) + "</div></div>\n";
  Response r;
  r.body = html_page(rec->title, query, "relevance", body, lang);
  return r;
}

}  // namespace arkiv::serve
