// The read side: opens one or several databases as one (local folders and
// remote "tcp://HOST:PORT" shards alike), parses queries with the same
// analysis as the index side, and turns matches into hits that cite pages.
#include <algorithm>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <xapian.h>

#include "analyze/analyzer.h"
#include "arkiv/analysis.h"
#include "arkiv/error.h"
#include "arkiv/pipeline.h"
#include "arkiv/schema.h"
#include "arkiv/search.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace arkiv {
namespace {

constexpr char kMarkStart = '\x02';
constexpr char kMarkEnd = '\x03';

Xapian::Database open_one(const std::string& loc) {
  if (loc.rfind("tcp://", 0) == 0) {
    std::string hp = loc.substr(6);
    auto colon = hp.rfind(':');
    if (colon == std::string::npos) throw IndexError(loc + ": expected tcp://HOST:PORT");
    std::string host = hp.substr(0, colon);
    unsigned port = 0;
    try {
      port = static_cast<unsigned>(std::stoul(hp.substr(colon + 1)));
    } catch (const std::exception&) {
      throw IndexError(loc + ": bad port");
    }
    return Xapian::Remote::open(host, port, 10000, 5000);
  }
  std::error_code ec;
  if (!fs::exists(fs::path(loc) / "iamglass", ec))
    throw IndexNotFoundError(loc);
  return Xapian::Database(loc);
}

// Converts Xapian's snippet with marker bytes into plain text plus
// highlight ranges, and puts it on one line.
void unmark(const std::string& marked, std::string& text, std::vector<Highlight>& hl) {
  text.clear();
  std::size_t start = 0;
  for (char c : marked) {
    if (c == kMarkStart) {
      start = text.size();
    } else if (c == kMarkEnd) {
      hl.emplace_back(start, text.size());
    } else if (c == '\n' || c == '\f' || c == '\t') {
      if (!text.empty() && text.back() != ' ') text += ' ';
    } else {
      text += c;
    }
  }
}

// Xapian prefixes start with an upper-case ASCII letter; body terms do not.
bool is_body_term(const std::string& t) { return !t.empty() && !(t[0] >= 'A' && t[0] <= 'Z'); }

}  // namespace

struct Searcher::Impl {
  Xapian::Database db;
  std::vector<std::string> locations;
  Xapian::Stem stem = analyze::stemmer();

  Xapian::Query parse(const std::string& text) const {
    Xapian::QueryParser qp;
    analyze::configure_query_parser(qp);
    qp.set_database(db);
    std::string q = normalize::normalize_text(text);
    std::replace(q.begin(), q.end(), '\n', ' ');
    try {
      Xapian::Query parsed = qp.parse_query(q, analyze::query_flags());
      if (parsed.empty()) throw QueryError("\"" + text + "\": empty query");
      return parsed;
    } catch (const Xapian::QueryParserError& e) {
      throw QueryError("\"" + text + "\": " + e.get_msg());
    }
  }

  // The words (unstemmed, positional terms) whose occurrences mark a hit
  // on a page. Stems carry no positions (STEM_SOME), so a stem stands for
  // the index's words with that stem: "kommunerna" asks for Zkommun, the
  // page says "kommuner". The Swedish stemmer only strips endings, so those
  // words all start with the stem, and one walk of the vocabulary per query
  // finds them.
  std::vector<std::string> positional_terms(const Xapian::Query& q) const {
    std::set<std::string> out;
    for (auto t = q.get_unique_terms_begin(); t != q.get_unique_terms_end(); ++t) {
      const std::string& term = *t;
      if (term.size() > 1 && term[0] == 'Z') {
        const std::string s = term.substr(1);
        int looked = 0;
        for (auto w = db.allterms_begin(s); w != db.allterms_end(s) && looked < 2000; ++w, ++looked)
          if (stem(*w) == s) out.insert(*w);
      } else if (is_body_term(term)) {
        out.insert(term);
      }
    }
    return {out.begin(), out.end()};
  }

  // Pages of `did` where one of `terms` occurs, with counts.
  std::map<int, int> pages_of(Xapian::docid did, const std::vector<std::string>& terms,
                              const json& page_pos) const {
    std::map<int, int> hits;
    if (page_pos.empty()) return hits;
    std::vector<Xapian::termpos> starts = page_pos.get<std::vector<Xapian::termpos>>();
    for (const std::string& term : terms) {
      int seen = 0;
      for (auto p = db.positionlist_begin(did, term); p != db.positionlist_end(did, term) && seen < 10000;
           ++p, ++seen) {
        auto it = std::upper_bound(starts.begin(), starts.end(), *p);
        if (it != starts.begin()) ++hits[static_cast<int>(it - starts.begin())];
      }
    }
    return hits;
  }
};

Searcher::Searcher(const SearchOptions& opts) : impl_(std::make_unique<Impl>()) {
  if (opts.indexes.empty()) throw IndexError("no index given");
  impl_->locations = opts.indexes;
  for (const auto& loc : opts.indexes) {
    try {
      impl_->db.add_database(open_one(loc));
    } catch (const Xapian::NetworkError& e) {
      throw IndexError(loc + ": cannot reach remote index: " + e.get_description());
    } catch (const Xapian::Error& e) {
      throw IndexError(loc + ": cannot open index: " + e.get_description());
    }
  }
}

Searcher::~Searcher() = default;

SearchResult Searcher::search(const SearchRequest& req) const {
  SearchResult res;
  res.query = req.query;
  Xapian::Query q = impl_->parse(req.query);
  // Only records with text: files that failed are kept for the audit, not
  // for search.
  Xapian::Query filtered(Xapian::Query::OP_FILTER, q,
                         Xapian::Query(std::string(schema::kPrefixStatus) + schema::kStatusOk));
  try {
    Xapian::Enquire enq(impl_->db);
    enq.set_query(filtered);
    // Dates are "YYYY-MM-DD" and sort as strings. Xapian sorts a missing
    // value first in ascending order; undated records should come last, so
    // ascending order uses a key that maps "" after every date.
    if (req.sort == SortOrder::kDate) {
      auto* keys = new Xapian::MultiValueKeyMaker();
      keys->add_value(schema::kSlotDate, false, "9999-99-99");
      enq.set_sort_by_key_then_relevance(keys->release(), false);
    } else if (req.sort == SortOrder::kDateDesc) {
      enq.set_sort_by_value_then_relevance(schema::kSlotDate, true);
    }
    Xapian::MSet mset = enq.get_mset(static_cast<Xapian::doccount>(req.offset),
                                     static_cast<Xapian::doccount>(req.limit));
    res.total = mset.get_matches_estimated();
    const std::vector<std::string> terms = mset.empty() ? std::vector<std::string>{} : impl_->positional_terms(q);
    std::size_t rank = req.offset;
    for (auto m = mset.begin(); m != mset.end(); ++m) {
      Hit h;
      h.rank = ++rank;
      h.score = m.get_weight();
      h.percent = m.get_percent();
      const Xapian::Document doc = m.get_document();
      json j = json::parse(doc.get_value(schema::kSlotHit), nullptr, false);
      if (j.is_discarded()) continue;
      h.id = j.value("id", "");
      h.path = j.value("path", "");
      h.title = j.value("title", "");
      h.date = j.value("date", "");
      h.type = j.value("type", "");
      const json page_pos = j.value("pos", json::array());
      std::map<int, int> pages = impl_->pages_of(*m, terms, page_pos);
      int best = 0, best_count = 0;
      for (auto [pg, count] : pages) {
        h.pages.push_back(pg);
        if (count > best_count) best = pg, best_count = count;
      }
      // The snippet comes from the page with most matches, so the page a
      // hit cites is the page its snippet quotes.
      const int snippet_page = best ? best : (page_pos.empty() ? 0 : 1);
      h.snippet_page = snippet_page;
      std::string marked = mset.snippet(snippet_page ? doc.get_value(schema::page_slot(snippet_page)) : "",
                                        req.snippet_bytes, impl_->stem,
                                        0,
                                        std::string(1, kMarkStart), std::string(1, kMarkEnd), "…");
      unmark(marked, h.snippet, h.highlights);
      res.hits.push_back(std::move(h));
    }
  } catch (const Xapian::Error& e) {
    throw IndexError("search failed: " + e.get_description());
  }
  return res;
}

std::optional<RecordInfo> Searcher::find(const std::string& id_or_path) const {
  bool is_id = id_or_path.size() == 32 &&
               std::all_of(id_or_path.begin(), id_or_path.end(), [](char c) { return std::isxdigit(c); });
  std::string id = is_id ? id_or_path
                         : ingest::record_id(fs::absolute(id_or_path).lexically_normal().string());
  std::string term = std::string(schema::kPrefixId) + id;
  try {
    auto it = impl_->db.postlist_begin(term);
    if (it == impl_->db.postlist_end(term)) return std::nullopt;
    const Xapian::Document doc = impl_->db.get_document(*it);
    json j = json::parse(doc.get_data(), nullptr, false);
    if (j.is_discarded()) return std::nullopt;
    RecordInfo r;
    r.id = j.value("id", "");
    r.path = j.value("path", "");
    r.abspath = j.value("abspath", "");
    r.title = j.value("title", "");
    r.format = j.value("format", "");
    r.extractor = j.value("extractor", "");
    r.status = j.value("status", "");
    r.size = j.value("size", std::uint64_t{0});
    r.mtime = j.value("mtime", "");
    r.sha256 = j.value("sha256", "");
    r.indexed_at = j.value("indexed_at", "");
    r.page_count = j.value("page_count", 0);
    r.record_date = j.value("record_date", "");
    r.record_date_rule = j.value("record_date_rule", "");
    r.type = j.value("type", "");
    std::set<std::string> cases, refs;
    for (const auto& c : j.value("case_numbers", json::array())) cases.insert(c.value("dnr", ""));
    for (const auto& c : j.value("references", json::array())) refs.insert(c.value("ref", ""));
    r.case_numbers.assign(cases.begin(), cases.end());
    r.references.assign(refs.begin(), refs.end());
    const json meta = j.value("meta", json::object());
    r.meta.title = meta.value("title", "");
    r.meta.author = meta.value("author", "");
    r.meta.subject = meta.value("subject", "");
    r.meta.keywords = meta.value("keywords", "");
    r.meta.creator = meta.value("creator", "");
    r.meta.producer = meta.value("producer", "");
    for (const auto& d : j.value("diagnostics", json::array())) {
      Diagnostic diag;
      std::string kind = d.value("kind", "");
      for (int k = 0; k <= static_cast<int>(DiagKind::kPageNoText); ++k)
        if (kind == diag_key(static_cast<DiagKind>(k))) diag.kind = static_cast<DiagKind>(k);
      diag.detail = d.value("detail", "");
      diag.page = d.value("page", 0);
      r.diagnostics.push_back(diag);
    }
    for (const auto& s : j.value("pages", json::array())) r.pages.push_back(doc.get_value(schema::page_slot(s[0].get<int>())));
    return r;
  } catch (const Xapian::Error& e) {
    throw IndexError("lookup failed: " + e.get_description());
  }
}

Timeline Searcher::timeline(const std::string& query, std::size_t max_records) const {
  Xapian::Query q(Xapian::Query::OP_FILTER, impl_->parse(query),
                  Xapian::Query(std::string(schema::kPrefixStatus) + schema::kStatusOk));
  Timeline tl;
  std::vector<TimelineEvent>& events = tl.events;
  try {
    Xapian::Enquire enq(impl_->db);
    enq.set_query(q);
    Xapian::MSet mset = enq.get_mset(0, static_cast<Xapian::doccount>(max_records));
    for (auto m = mset.begin(); m != mset.end(); ++m) {
      const Xapian::Document doc = m.get_document();
      json j = json::parse(doc.get_data(), nullptr, false);
      if (j.is_discarded()) continue;
      // Offsets are into the whole text; each page's text is its own value.
      std::map<int, std::pair<std::size_t, std::string>> pages;  // number -> (begin, text)
      for (const auto& s : j.value("pages", json::array())) pages[s[0].get<int>()].first = s[1].get<std::size_t>();
      for (const auto& d : j.value("dates", json::array())) {
        TimelineEvent ev;
        ev.start = d.value("start", "");
        ev.end = d.value("end", "");
        ev.precision = d.value("precision", "");
        ev.page = d.value("page", 0);
        auto pg = pages.find(ev.page);
        if (pg == pages.end()) continue;
        if (pg->second.second.empty()) pg->second.second = doc.get_value(schema::page_slot(ev.page));
        const std::string& text = pg->second.second;
        std::size_t b = d.value("b", std::size_t{0}) - pg->second.first;
        std::size_t e = d.value("e", std::size_t{0}) - pg->second.first;
        if (e > text.size() || b > e) continue;
        ev.surface = text.substr(b, e - b);
        ev.text = analyze::sentence_at(text, b);
        ev.path = j.value("path", "");
        ev.title = j.value("title", "");
        ev.record_date = j.value("record_date", "");
        (d.value("resolved", true) && !ev.start.empty() ? events : tl.unresolved).push_back(std::move(ev));
      }
    }
  } catch (const Xapian::Error& e) {
    throw IndexError("timeline failed: " + e.get_description());
  }
  std::stable_sort(events.begin(), events.end(), [](const TimelineEvent& a, const TimelineEvent& b) {
    if (a.start != b.start) return a.start < b.start;
    return a.end < b.end;
  });
  return tl;
}

std::vector<CaseRecord> Searcher::case_records(const std::string& dnr) const {
  std::string canon = analyze::normalize_case_number(dnr);
  if (canon.empty()) canon = dnr;
  std::vector<CaseRecord> out;
  try {
    Xapian::Enquire enq(impl_->db);
    enq.set_query(Xapian::Query(std::string(schema::kPrefixCase) + canon));
    auto* keys = new Xapian::MultiValueKeyMaker();
    keys->add_value(schema::kSlotDate, false, "9999-99-99");
    enq.set_sort_by_key(keys->release(), false);
    Xapian::MSet mset = enq.get_mset(0, impl_->db.get_doccount());
    for (auto m = mset.begin(); m != mset.end(); ++m) {
      // The hit summary has all a case listing shows; the record data may
      // be large.
      json j = json::parse(m.get_document().get_value(schema::kSlotHit), nullptr, false);
      if (j.is_discarded()) continue;
      out.push_back({j.value("id", ""), j.value("path", ""), j.value("title", ""), j.value("type", ""),
                     j.value("date", "")});
    }
  } catch (const Xapian::Error& e) {
    throw IndexError("case lookup failed: " + e.get_description());
  }
  return out;
}

IndexStats Searcher::stats() const {
  IndexStats s;
  s.indexes = impl_->locations;
  try {
    const Xapian::Database& db = impl_->db;
    s.records = db.get_termfreq(std::string(schema::kPrefixStatus) + schema::kStatusOk);
    s.failed = db.get_doccount() - s.records;
    for (auto v = db.valuestream_begin(schema::kSlotPages); v != db.valuestream_end(schema::kSlotPages); ++v)
      s.pages += static_cast<std::size_t>(Xapian::sortable_unserialise(*v));
    for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t) ++s.terms;
    s.last_indexed = db.get_metadata(schema::kMetaLastIndexed);
  } catch (const Xapian::Error& e) {
    throw IndexError("cannot read index statistics: " + e.get_description());
  }
  for (const auto& loc : impl_->locations) {
    std::error_code ec;
    if (!fs::is_directory(loc, ec)) continue;
    for (const auto& e : fs::directory_iterator(loc, ec))
      if (e.is_regular_file(ec)) s.bytes_on_disk += e.file_size(ec);
  }
  return s;
}

}  // namespace arkiv
