// The read side: opens one or several databases as one (local folders and
// remote "tcp://HOST:PORT" shards alike), parses queries with the same
// analysis as the index side, and turns matches into hits that cite pages.
#include <algorithm>
#include <chrono>
#include <thread>
#include <filesystem>
#include <cmath>
#include <map>
#include <exception>
#include <set>
#include <sstream>
#include <cctype>
#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <xapian.h>

#include "analyze/analyzer.h"
#include "codec/record.h"
#include "query/facets.h"
#include "query/front_end.h"
#include "query/lexer.h"
#include "query/open.h"
#include "arkiv/analysis.h"
#include "arkiv/error.h"
#include "arkiv/personal_data.h"
#include "util/fault.h"
#include "arkiv/pipeline.h"
#include "codec/format.h"
#include "arkiv/search.h"
#include "util/text.h"
#include "util/time.h"

namespace fs = std::filesystem;

namespace arkiv {
namespace {

constexpr char kMarkStart = '\x02';
constexpr char kMarkEnd = '\x03';
constexpr const char* kOmit = "…";

// Converts Xapian's snippet with marker bytes into plain text plus
// highlight ranges, and puts it on one line.
// Xapian 1.4's MSet::snippet() always escapes '&', '<' and '>' for HTML
// (no flag turns it off), so the terminal and --json showed "AT&amp;T";
// those three are read back here, one pass, so a record's own "&lt;"
// (escaped to "&amp;lt;") stays as written.
void unmark(const std::string& marked, std::string& text, std::vector<Highlight>& hl) {
  static constexpr std::pair<std::string_view, char> kEntities[] = {{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}};
  text.clear();
  std::size_t start = 0;
  for (std::size_t i = 0; i < marked.size(); ++i) {
    const char c = marked[i];
    if (c == '&') {
      bool decoded = false;
      for (const auto& [entity, ch] : kEntities) {
        if (marked.compare(i, entity.size(), entity) != 0) continue;
        text += ch;
        i += entity.size() - 1;
        decoded = true;
        break;
      }
      if (decoded) continue;
    }
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

// Where words `ks` (0-based, ascending) of `page` are, as byte ranges,
// counting words about as TermGenerator does: runs of letters, digits and
// marks, "3,5" and "don't" whole, each ideograph a word of its own (CJK
// n-grams). Used to place and mark a snippet, so a small drift (an
// acronym "U.S.A.") only moves it a word or two. Words past the page's
// end are left out.
std::vector<std::pair<std::size_t, std::size_t>> word_spans(std::string_view page, const std::vector<std::size_t>& ks) {
  using util::ascii_alnum;
  // Whether a word character starts at i (the next character's offset in
  // *next), and whether it is an ideograph.
  auto word_at = [&](std::size_t i, std::size_t* next, bool* ideograph) {
    const unsigned char b = static_cast<unsigned char>(page[i]);
    *ideograph = false;
    if (b < 0x80) {
      *next = i + 1;
      return ascii_alnum(b) || b == '_';
    }
    int32_t j = static_cast<int32_t>(i);
    UChar32 c;
    U8_NEXT(page.data(), j, static_cast<int32_t>(page.size()), c);
    *next = static_cast<std::size_t>(j);
    if (c < 0) return false;
    *ideograph = u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC);
    return u_isalnum(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0;
  };
  std::vector<std::pair<std::size_t, std::size_t>> out;
  std::size_t words = 0, want = 0;
  bool in_word = false, open = false;
  for (std::size_t i = 0, next = 0; i < page.size() && want < ks.size(); i = next) {
    bool ideo = false, after_ideo = false;
    const bool w = word_at(i, &next, &ideo);
    if (w && in_word && !ideo) continue;
    if (!w && in_word && next < page.size() && (page[i] == ',' || page[i] == '.' || page[i] == '\'')) {
      // Inside a number or word: "3,5", "1.000", "don't".
      std::size_t after;
      const unsigned char prev = static_cast<unsigned char>(page[i - 1]);
      const unsigned char follow = static_cast<unsigned char>(page[next]);
      if (word_at(next, &after, &after_ideo) && ascii_alnum(prev) &&
          (page[i] == '\'' ? ascii_alnum(follow) : (follow >= '0' && follow <= '9'))) {
        next = after;
        continue;
      }
    }
    if (open && (!w || ideo)) {  // the word asked for ends here
      out.back().second = i;
      open = false;
      ++want;
    }
    if (w) {
      while (want < ks.size() && ks[want] < words) ++want;  // duplicates
      if (want < ks.size() && ks[want] == words) {
        out.emplace_back(i, page.size());
        open = true;
      }
      ++words;
    }
    in_word = w;
  }
  return out;
}

// The snippet of a hit from its page's text. Xapian's snippet reads every
// word it is given (about 175 instructions a byte: a quarter of a
// one-word search process went to ten 3-KB pages), so it is given a
// window of the page around the densest run of `positions` (the query's,
// on this page, sorted; `page_start` is the page's first position): twice
// the snippet's length and a little, where it had been four times, a
// fifth of a search's instructions.
std::string snippet(const Xapian::MSet& mset, const std::string& page, const std::vector<Xapian::termpos>& positions,
                  Xapian::termpos page_start, std::size_t bytes, const Xapian::Stem& quote_stem) {
  auto run = [&](const std::string& text) {
    return mset.snippet(text, bytes, quote_stem, 0, std::string(1, kMarkStart), std::string(1, kMarkEnd), kOmit);
  };
  // What Xapian is given: the page, or a window of it.
  const std::size_t window = 2 * bytes + 200;
  // Whole words, whole characters.
  auto word_end = [&](std::size_t e) {
    while (e < page.size() && page[e] != ' ' && page[e] != '\n') ++e;
    return e;
  };
  // No query word on the page (a title: or path: match): its beginning,
  // where a record names itself, escaped as Xapian's snippets are. Xapian,
  // given no match, quoted some later part of what it was given (the end
  // of a 3-KB page).
  if (positions.empty()) {
    const std::size_t e = page.size() <= bytes ? page.size() : word_end(bytes);
    std::string out;
    for (std::size_t i = 0; i < e; ++i) {
      const char c = page[i];
      out += c == '&' ? "&amp;" : c == '<' ? "&lt;" : c == '>' ? "&gt;" : std::string(1, c);
    }
    return e < page.size() ? out + kOmit : out;
  }
  // The densest run: the position with most others in the next words of
  // a snippet's length (about 7 bytes a word).
  const Xapian::termpos span = static_cast<Xapian::termpos>(bytes / 7 + 1);
  std::size_t best = 0, best_n = 0;
  for (std::size_t i = 0, j = 0; i < positions.size(); ++i) {
    while (j < positions.size() && positions[j] < positions[i] + span) ++j;
    if (j - i > best_n) best = i, best_n = j - i;
  }
  std::vector<std::size_t> ks;
  for (std::size_t i = best; i < best + best_n; ++i)
    if (positions[i] >= page_start) ks.push_back(positions[i] - page_start);
  const auto words = word_spans(page, ks);
  const std::size_t at = words.empty() ? 0 : words.front().first;
  std::size_t b = 0, e = page.size();
  if (page.size() > window) {
    b = at > window / 4 ? at - window / 4 : 0;
    e = word_end(std::min(page.size(), b + window));
    while (b > 0 && page[b - 1] != ' ' && page[b - 1] != '\n') --b;
  }
  std::string marked = run(page.substr(b, e - b));
  if (marked.find(kMarkStart) == std::string::npos && !words.empty()) {
    // The matches are parts of compounds ("samverkansavtal" for "avtal"),
    // which Xapian's snippet marks nowhere; unmarked, it quotes the end
    // of what it is given. Quote from the start of the sentence or line
    // the run begins in instead, whole words, its words marked.
    b = at;
    while (b > 0 && at - b < bytes / 3 && page[b - 1] != '.' && page[b - 1] != '\n') --b;
    // Stopped by the length inside a word: back to its start, so the
    // snippet never opens mid-word ("…konomiadministrativa").
    while (b > 0 && page[b - 1] != ' ' && page[b - 1] != '\n' && page[b - 1] != '.') --b;
    while (b < at && page[b] == ' ') ++b;
    e = std::min(page.size(), b + bytes);
    if (e < page.size()) {
      const std::size_t space = page.find_last_of(" \n", e);
      if (space != std::string::npos && space > words.front().second) e = space;
    }
    marked = b > 0 ? kOmit : "";
    std::size_t from = b;
    for (auto [wb, we] : words) {
      if (we > e) break;
      marked.append(page, from, wb - from);
      marked += kMarkStart;
      marked.append(page, wb, we - wb);
      marked += kMarkEnd;
      from = we;
    }
    marked.append(page, from, e - from);
    if (e < page.size()) marked += kOmit;
    return marked;
  }
  // The window's edges are no edges of the page.
  if (b > 0 && marked.rfind(kOmit, 0) != 0) marked.insert(0, kOmit);
  return marked;
}

// An actor as a record's kSlotActors lists it (query/facets.h).
Actor actor_of(const codec::StoredActor& a) { return query::stored_actor(a); }

// The pages of one record, each read from its value slot on first use, and
// where an offset into the record's whole text (as analysis stored it) falls
// on its page.
class PageTexts {
 public:
  PageTexts(const Xapian::Document& doc, const codec::RecordData& data) : doc_(doc), spans_(data.pages) {}
  // The page holding byte `offset` of the record's text (as make_document
  // found it for schema 5's mentions); 0 if none does.
  int page_of(std::size_t offset) const { return page_at(spans_, offset); }
  // Page `page`'s text, with [b, e) turned into offsets within it; nullptr
  // if the page or the range is not there.
  const std::string* at(int page, std::size_t& b, std::size_t& e) {
    auto span = std::find_if(spans_.begin(), spans_.end(), [&](const PageSpan& s) { return s.number == page; });
    if (span == spans_.end() || b < span->begin) return nullptr;
    auto [t, fresh] = text_.try_emplace(page);
    if (fresh) t->second = codec::get_page_text(doc_, page);
    b -= span->begin;
    e -= span->begin;
    return e <= t->second.size() && b <= e ? &t->second : nullptr;
  }

 private:
  const Xapian::Document& doc_;
  std::vector<PageSpan> spans_;  // ascending, as stored
  std::map<int, std::string> text_;
};

// Xapian prefixes start with an upper-case ASCII letter; body terms do not.
bool is_body_term(const std::string& t) { return !t.empty() && !(t[0] >= 'A' && t[0] <= 'Z'); }

}  // namespace

namespace {

// Personal identity numbers masked in what a Searcher hands out, unless
// SearchOptions::show_personal_data: one overload per result type, each
// called once on the way out, so no text leaves unmasked. A record's
// numbers are read with its own year, as the index side read them.
void mask(std::string& s, int year) { s = mask_personal_numbers(s, year); }
void mask(std::optional<ParentRef>& p) {
  if (p) mask(p->title, personal_data_year(""));
}
void mask(Hit& h) {
  const int year = personal_data_year(h.date);
  mask(h.title, year);
  mask_personal_numbers(h.snippet, year, h.highlights);
  mask(h.parent);
}
void mask(RecordInfo& r) {
  const int year = personal_data_year(r.record_date);
  mask(r.title, year);
  for (std::string& page : r.pages) mask(page, year);
  for (std::string* m : {&r.meta.title, &r.meta.author, &r.meta.subject, &r.meta.keywords, &r.meta.recipients})
    mask(*m, year);
  for (AttachmentRef& a : r.attachments) mask(a.title, personal_data_year(""));
  mask(r.parent);
}
void mask(TimelineEvent& ev) {
  const int year = personal_data_year(ev.record_date);
  for (std::string* s : {&ev.surface, &ev.text, &ev.title}) mask(*s, year);
}
void mask(ActorReference& r) {
  const int year = personal_data_year(r.date);
  mask(r.title, year);
  std::vector<Highlight> hl{r.highlight};
  mask_personal_numbers(r.context, year, hl);
  r.highlight = hl[0];
}
void mask(CaseRecord& c) { mask(c.title, personal_data_year(c.date)); }

// A snippet is cut from a page at word boundaries, and "811218-9876" is two
// words: masked afterwards, a snippet opening "…-9876 kvartersgården" kept
// the last four digits. So the page is masked before it is quoted, each
// number by a mask of as many words as the index counted in it (term
// positions place the snippet): "811218-9876" by "19811218-XXXX", the one
// word "8112189876" by "19811218XXXX", which unquoted() then writes as
// the others.
std::string quotable(const std::string& page, int year) {
  std::string out;
  std::size_t at = 0;
  for (const PersonalNumber& n : find_personal_numbers(page, year)) {
    out.append(page, at, n.begin - at);
    const bool one_word = page.find_first_of("-+", n.begin) >= n.end;
    out += one_word ? n.masked.substr(0, 8) + n.masked.substr(9) : n.masked;
    at = n.end;
  }
  out.append(page, at);
  return out;
}

// The one-word masks of quotable() in a snippet as every mask is written,
// "19811218-XXXX", its highlights moved along.
void unquoted(std::string& snippet, std::vector<Highlight>& highlights) {
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  for (std::size_t x = snippet.find("XXXX", 8); x != std::string::npos; x = snippet.find("XXXX", x + 4)) {
    const std::size_t b = x - 8;
    if ((b > 0 && (digit(snippet[b - 1]) || snippet[b - 1] == '-')) ||
        !std::all_of(snippet.begin() + static_cast<std::ptrdiff_t>(b), snippet.begin() + static_cast<std::ptrdiff_t>(x), digit))
      continue;
    snippet.insert(x, 1, '-');
    for (Highlight& h : highlights) {
      if (h.first >= x) ++h.first;
      if (h.second > x) ++h.second;
    }
    ++x;
  }
}

}  // namespace

struct Searcher::Impl {
  Xapian::Database db;
  // The shards as opened (db is those that answered, as one): their report,
  // each one alone (for what Xapian keeps per shard: metadata), and whether
  // one is remote (the remote protocol has no KeyMaker).
  query::OpenShards shards;
  SearchOptions options;  // as the Searcher was made: to open the shards again
  bool show_personal_data = false;  // SearchOptions::show_personal_data
  // Counts db's reopenings at another revision: what the facet counts
  // read once per revision are read again at (query::FacetCounter).
  std::uint64_t generation = 0;
  query::FacetCounter facets;

  // Opens every shard again (open_shards()): the ones that stopped
  // answering are left out and reported, the ones back are searched again;
  // `lost`, the one a read just lost, is left out without a second try (a
  // hung shard would cost the operation timeout twice).
  void reopen_shards(const ShardFailure& lost = {}) {
    shards = query::open_shards(options.indexes, {options.shard_connect_timeout_ms, options.shard_timeout_ms},
                                lost.shard.empty() ? std::vector<ShardFailure>() : std::vector<ShardFailure>{lost});
    db = shards.db;
    ++generation;
    if (shards.report.partial() && options.on_partial) options.on_partial(shards.report);
  }

  // Runs a read, again after reopening when an index run committed
  // meanwhile and the revision being read was discarded (Xapian's
  // DatabaseModifiedError): a search during indexing sees the newer state.
  // Glass keeps one older revision, so a read slower than two commits of
  // `arkiv index --batch 5` on a loaded machine loses its revision again;
  // the reopen itself can lose it too (seen in CI: a raw
  // DatabaseModifiedError out of reopen() ended the process). Each attempt
  // reopens inside the guard and waits a little longer before reading
  // again; after kAttempts the failure is an IndexModifiedError naming
  // the cause, never a Xapian type.
  // A shard that stops answering during a read (ShardLostError) is left
  // out the same way, once a read: the shards are opened again and the
  // read runs over those that answer, the report saying which did not.
  template <typename F>
  auto retry(F read) const {
    constexpr int kAttempts = 12;  // waits 0, 5, 10, ... 55 ms: 330 ms in all
    bool shards_reopened = false;
    for (int attempt = 0; attempt < kAttempts; ++attempt) {
      try {
        if (attempt > 0) {
          std::this_thread::sleep_for(std::chrono::milliseconds(5 * (attempt - 1)));
          if (const_cast<Xapian::Database&>(db).reopen()) ++const_cast<Impl*>(this)->generation;
        }
        if (util::fault_modified()) throw Xapian::DatabaseModifiedError("ARKIV_FAULT=search.modified");
        return read();
      } catch (const Xapian::DatabaseModifiedError&) {
      } catch (const IndexModifiedError&) {  // the same, caught and typed by arkiv::query::throw_index_error
      } catch (const query::ShardLostError& e) {
        if (shards_reopened) throw;
        shards_reopened = true;
        const_cast<Impl*>(this)->reopen_shards(e.lost());
      } catch (const Xapian::NetworkError& e) {  // the same, met outside a read's own handler
        if (shards_reopened) throw IndexError("a shard stopped answering during the read: " + e.get_description());
        shards_reopened = true;
        const_cast<Impl*>(this)->reopen_shards(query::lost_shard(e));
      }
    }
    throw IndexModifiedError("the index changed " + std::to_string(kAttempts) +
                             " times while it was being read (an index run is committing); try again");
  }
  std::vector<std::string> locations;
  // The analysis the index was built with: queries are analysed the same way.
  TextAnalysis analysis = TextAnalysis::kSwedish;
  Xapian::Stem stem;

  // `text` as the QueryParser reads it (arkiv::query::prepare_query); a filter
  // that cannot mean anything is a QueryFilterError naming the query.
  std::string prepared(const std::string& text) const {
    if (text.size() > kMaxQueryBytes)
      throw QueryLimitError("the query is " + std::to_string(text.size()) + " bytes long; at most " +
                       std::to_string(kMaxQueryBytes) + " are accepted");
    std::size_t words = 0;
    for (std::size_t i = 0; i < text.size(); ++i)
      if (!std::isspace(static_cast<unsigned char>(text[i])) && (i == 0 || std::isspace(static_cast<unsigned char>(text[i - 1]))))
        ++words;
    if (words > kMaxQueryWords)
      throw QueryLimitError("the query has " + std::to_string(words) + " words; at most " + std::to_string(kMaxQueryWords) +
                       " are accepted");
    // An acronym a record defined ("NOAT"): the long forms records gave it
    // (the first three), read from the index.
    return arkiv::query::prepare_query(text, analysis, [this](const std::string& key) {
      std::vector<std::string> long_forms;
      const std::string prefix = std::string(schema::kPrefixAcronymDefinition) + key + ":";
      for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix) && long_forms.size() < 3; ++t)
        long_forms.push_back((*t).substr(prefix.size()));
      return long_forms;
    });
  }

  Xapian::Query parse(const std::string& text) const { return parse_prepared(text, prepared(text)); }

  // Parses `q`, which is prepared(text). `some_words`: the words ORed,
  // Swedish function words dropped: the ranked fallback for a question no
  // record answers with all its words.
  Xapian::Query parse_prepared(const std::string& text, const std::string& q, bool some_words = false) const {
    Xapian::QueryParser qp;
    arkiv::query::configure_query_parser(qp, analysis);
    qp.set_database(db);
    // Xapian expands a wildcard when the query runs and throws
    // WildcardError there (see wildcard_error).
    qp.set_max_expansion(kMaxWildcardTerms, Xapian::Query::WILDCARD_LIMIT_ERROR);
    if (some_words) {
      qp.set_default_op(Xapian::Query::OP_OR);
      qp.set_stopper(analyze::function_words());
    }
    try {
      Xapian::Query parsed = qp.parse_query(q, arkiv::query::query_flags(analysis));
      if (parsed.empty()) throw QueryError("\"" + text + "\": empty query");
      return parsed;
    } catch (const Xapian::QueryParserError& e) {
      throw QueryError("\"" + text + "\": " + e.get_msg());
    }
  }

  // The terms whose occurrences mark a hit on a page, a group per query
  // term: a group's positions are read together, each once. Under
  // kSwedish a stem's group is the stem and, when the stem is a word that
  // is its own stem, that word: the index keeps such a word's positions
  // once, under the word (analyze::own_stem), so "avtal" on page 1 and
  // "avtalen" on page 3 cite pages 1 and 3 for `avtal`. Under kSnowball
  // stems carry no positions (STEM_SOME), so a stem stands for the index's
  // words with that stem: "kommunerna" asks for Zkommun, the page says
  // "kommuner". Snowball only strips endings, so those words all start
  // with the stem, and one walk of the vocabulary per query finds them.
  std::vector<std::vector<std::string>> positional_terms(const Xapian::Query& q) const {
    std::set<std::vector<std::string>> out;
    for (auto t = q.get_unique_terms_begin(); t != q.get_unique_terms_end(); ++t) {
      const std::string& term = *t;
      if (term.size() > 1 && term[0] == 'Z' && analysis == TextAnalysis::kSwedish) {
        const std::string s = term.substr(1);
        out.insert(analyze::own_stem(s) ? std::vector<std::string>{term, s} : std::vector<std::string>{term});
      } else if (term.size() > 1 && term[0] == 'Z') {
        const std::string s = term.substr(1);
        int looked = 0;
        for (auto w = db.allterms_begin(s); w != db.allterms_end(s) && looked < 2000; ++w, ++looked)
          if (stem(*w) == s) out.insert({*w});
      } else if (is_body_term(term) || term.rfind(schema::kPrefixActor, 0) == 0 ||
                 term.rfind(schema::kPrefixAcronym, 0) == 0) {
        out.insert({term});
      }
    }
    // An acronym's places (XACRONYM<key>: where a record names it or its
    // long form) are the same query word as the acronym typed ("DSB"): one
    // word on a page, not two, when a page is chosen by its distinct words.
    std::vector<std::vector<std::string>> groups(out.begin(), out.end());
    const std::string acronym = schema::kPrefixAcronym;
    for (auto g = groups.begin(); g != groups.end();) {
      if (g->size() != 1 || g->front().rfind(acronym, 0) != 0) {
        ++g;
        continue;
      }
      const std::string word = util::lower_sv(g->front().substr(acronym.size()));
      auto typed = std::find_if(groups.begin(), groups.end(), [&](const std::vector<std::string>& o) {
        return &o != &*g && std::any_of(o.begin(), o.end(), [&](const std::string& t) { return t == word || t == "Z" + word; });
      });
      if (typed == groups.end()) {
        ++g;
        continue;
      }
      typed->push_back(g->front());
      g = groups.erase(g);
    }
    return groups;
  }

  // "Did you mean": each plain word of `query` that the index has neither
  // as a word nor as a stem is replaced by the index word closest to it
  // (edit distance 1 for words of up to four letters, else 2; of those the
  // most frequent), read from the vocabulary of the words that start with
  // the same letter. Empty when no word needs it or none is close.
  std::string suggest(const std::string& query) const {
    std::string typed = normalize::normalize_text(query);
    std::replace(typed.begin(), typed.end(), '\n', ' ');
    std::vector<arkiv::query::Token> tokens = arkiv::query::lex(typed);
    bool changed = false;
    std::size_t looked_up = 0;  // unknown words looked up: each reads a slice of the vocabulary
    for (arkiv::query::Token& token : tokens) {
      if (token.kind != arkiv::query::TokenKind::kWord || token.sign) continue;
      std::string word = token.text;
      while (!word.empty() && std::ispunct(static_cast<unsigned char>(word.back()))) word.pop_back();
      const bool plain = !word.empty() && word.find_first_of(":*+") == std::string::npos &&
                         !std::isdigit(static_cast<unsigned char>(word[0]));
      const std::string lower = util::lower_sv(word);
      std::string better;
      // A function word is no misspelling to correct, even where a small
      // index lacks it ("Vilka ..." must not become "via ...").
      // An acronym typed in capitals is no misspelling of a word ("HFD"
      // became "hud"), and a capitalised word of a name's length may be a
      // name the index lacks, not a common word misspelt ("Bildtt" became
      // "bildat"); a long one is a word typed first ("Partnerskapsavtl").
      const bool acronym = word.size() >= 2 && lower != word && util::upper_sv(word) == word;
      // A surname typed in lower case is still a name when the lexicon
      // knows it as one ("lindqvist" must not become a common word).
      const bool name_like =
          !acronym && (lower != word || swedish_word(lower).name) && util::to_u32(word).size() <= 10;
      // Nor is an acronym typed in lower case that the query reads as one
      // ("ud" is UD: "u" was offered).
      if (plain && !acronym && looked_up < kMaxSuggestedWords && !(*analyze::function_words())(lower) &&
          !(lower == word && arkiv::query::read_as_acronym(lower)) &&
          db.get_termfreq(lower) == 0 && db.get_termfreq("Z" + stem(lower)) == 0) {
        ++looked_up;
        better = closest_word(lower, name_like);
      }
      if (!better.empty()) {
        token.text = better + token.text.substr(word.size());
        changed = true;
      }
    }
    return changed ? arkiv::query::render(tokens) : std::string();
  }

  // `name`: the word was typed capitalised; a word the lexicon knows only
  // as a common word is then no candidate.
  std::string closest_word(const std::string& word, bool name = false) const {
    const std::u32string w = util::to_u32(word);
    const int limit = w.size() <= 4 ? 1 : 2;
    const std::string first = word.substr(0, util::first_char_bytes(word));
    std::string best;
    int best_distance = limit + 1;
    Xapian::doccount best_freq = 0;
    int looked = 0;
    for (auto t = db.allterms_begin(first); t != db.allterms_end(first) && looked < 300000; ++t, ++looked) {
      const std::string& cand = *t;
      const std::u32string c = util::to_u32(cand);
      if (c.size() + limit < w.size() || c.size() > w.size() + limit) continue;
      // A word of one letter is never what was meant ("ud", the
      // acronym, became "u"), and a word of two or three letters (an
      // acronym, a short name) is offered only words of its own length:
      // one letter more or less makes another word of it.
      if (c.size() < 2 || (w.size() <= 3 && c.size() != w.size())) continue;
      const int d = util::edit_distance(w, c, limit);
      if (d > limit || d == 0) continue;
      if (name) {
        const WordKnowledge k = swedish_word(cand);
        if (k.word && !k.name) continue;
      }
      const Xapian::doccount f = t.get_termfreq();
      if (d < best_distance || (d == best_distance && f > best_freq)) best = cand, best_distance = d, best_freq = f;
    }
    return best;
  }

  // A query that is a person's name (SearchResult::matched): two or three
  // plain words, each capitalised ("Anna", "Carl-Johan"), none a common
  // word unless also a name, the first a name the lexicon knows, and no
  // gazetteer name among them. Its prepared words next to each other, in
  // either order or one word apart ("anna NEAR/2 svensson": "Anna
  // Svensson", "Svensson, Anna", "Anna Maria Svensson"); empty if the
  // query is no name.
  static std::string as_name(const std::string& typed, const std::vector<arkiv::query::Token>& tokens,
                             const std::string& prepared) {
    if (tokens.size() < 2 || tokens.size() > 3 || prepared.find_first_of("()\"") != std::string::npos) return "";
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      const std::string& w = tokens[i].text;
      const std::u32string u = util::to_u32(w);
      if (u.size() < 2 || !u_isupper(static_cast<UChar32>(u[0]))) return "";
      for (std::size_t k = 1; k < u.size(); ++k)
        if (!(u_islower(static_cast<UChar32>(u[k])) || u[k] == U'-')) return "";
      const WordKnowledge known = swedish_word(util::lower_sv(w));
      if ((known.word && !known.name) || (i == 0 && !known.name)) return "";
    }
    if (!actors::find_in_query(typed).empty()) return "";
    std::string out;
    std::istringstream words(prepared);
    for (std::string w; words >> w;) out += (out.empty() ? "" : " NEAR/2 ") + w;
    return out;
  }

  // ---- Over shards: what Xapian's remote backend cannot do, done so the
  // output is the one database's. The remote protocol has no KeyMaker
  // ("UnimplementedError: Xapian::KeyMaker not supported for the remote
  // backend" failed 17 of 20 searches over three xapian-tcpsrv shards,
  // #26), and Xapian 1.4.22 expands a wildcard in each shard on its own
  // ("samverk*" weighed 1.586 over three shards, 0.039 merged).

  // A hit of a page of hits, with the match set it is from (a date-ordered
  // page over remote shards is two: the dated records, then the undated).
  struct PageHit {
    const Xapian::MSet& mset;
    Xapian::MSetIterator m;
  };

  // Sorts `enq` by record date, oldest first, undated last, ties by
  // relevance if `then_relevance` and then by path if `then_path`. Locally
  // a MultiValueKeyMaker reads a missing date as "9999-99-99"; over a
  // remote shard the date value itself sorts (undated first), and
  // in_date_order() or date_page() put the undated last.
  void sort_by_date(Xapian::Enquire& enq, bool then_relevance, bool then_path = false) const {
    if (shards.any_remote) {
      if (then_relevance)
        enq.set_sort_by_value_then_relevance(schema::kSlotDate, false);
      else
        enq.set_sort_by_value(schema::kSlotDate, false);
      return;
    }
    auto* keys = new Xapian::MultiValueKeyMaker();
    keys->add_value(schema::kSlotDate, false, "9999-99-99");
    if (then_path) keys->add_value(schema::kSlotAbspath);
    if (then_relevance)
      enq.set_sort_by_key_then_relevance(keys->release(), false);
    else
      enq.set_sort_by_key(keys->release(), false);
  }

  // Positions of terms in one record, by term, read beforehand.
  using Positions = std::map<std::string, std::vector<Xapian::termpos>>;

  // A hit's document and the positions of the query's terms in it, read
  // before the hit is made (prefetch()).
  struct Prefetched {
    Xapian::Document doc;
    Positions positions;
  };

  // Record `it`'s document: from `read` when it holds it, else read now.
  static Xapian::Document document_of(const Xapian::MSetIterator& it,
                                      const std::map<Xapian::docid, Prefetched>* read) {
    if (read)
      if (const auto r = read->find(*it); r != read->end()) return r->second.doc;
    return it.get_document();
  }

  // What in_date_order() sorts a record by: its date, undated last, then
  // its path if `then_path`.
  static std::string date_key(const Xapian::Document& doc, bool then_path) {
    std::string key = doc.get_value(schema::kSlotDate);
    if (key.empty()) key = "9999-99-99";
    if (then_path) key += '\0' + doc.get_value(schema::kSlotAbspath);
    return key;
  }

  // Every hit of `m` (a whole listing sorted by sort_by_date()) oldest
  // first, undated last, then by path if `then_path`: as sorted locally,
  // and sorted here over remote shards, the keys read from the records
  // (from `read` for those it holds).
  std::vector<Xapian::MSetIterator> in_date_order(const Xapian::MSet& m, bool then_path = false,
                                                  const std::map<Xapian::docid, Prefetched>* read = nullptr) const {
    std::vector<Xapian::MSetIterator> out;
    for (auto it = m.begin(); it != m.end(); ++it) out.push_back(it);
    if (!shards.any_remote) return out;
    std::vector<std::pair<std::string, Xapian::MSetIterator>> keyed;
    for (const Xapian::MSetIterator& it : out) keyed.emplace_back(date_key(document_of(it, read), then_path), it);
    std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = keyed[i].second;
    return out;
  }

  // The records a date value range can tell have a date ("YYYY-MM-DD" is
  // at least "0"; a missing value is empty).
  static Xapian::Query dated() { return Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::kSlotDate, "0"); }

  // Hits [offset, offset + limit) of `enq`'s query in date order, undated
  // last, ties by relevance: `m` itself locally (sort_by_date() sorted
  // it), and over remote shards the dated records' page, sorted by date,
  // followed by as many undated ones, by relevance, as the page has room
  // for. `enq` is left as it was given.
  std::vector<Xapian::MSet> date_page(Xapian::Enquire& enq, const Xapian::MSet& m, std::size_t offset,
                                      std::size_t limit) const {
    if (!shards.any_remote) return {m};
    const Xapian::Query q = enq.get_query();
    enq.set_query(Xapian::Query(Xapian::Query::OP_FILTER, q, dated()));
    std::vector<Xapian::MSet> out{enq.get_mset(static_cast<Xapian::doccount>(offset), static_cast<Xapian::doccount>(limit))};
    if (out[0].size() < limit) {
      // Short of the page: how many dated records there are, exactly, to
      // place the page among the undated.
      const Xapian::doccount n_dated = enq.get_mset(0, 0, db.get_doccount()).get_matches_estimated();
      enq.set_query(Xapian::Query(Xapian::Query::OP_AND_NOT, q, dated()));
      enq.set_sort_by_relevance();
      out.push_back(enq.get_mset(static_cast<Xapian::doccount>(offset > n_dated ? offset - n_dated : 0),
                                 static_cast<Xapian::doccount>(limit - out[0].size())));
      sort_by_date(enq, true);
    }
    enq.set_query(q);
    return out;
  }

  // The hits of `parts` (date_page()), in order.
  static std::vector<PageHit> hits_of(const std::vector<Xapian::MSet>& parts) {
    std::vector<PageHit> out;
    for (const Xapian::MSet& part : parts)
      for (auto it = part.begin(); it != part.end(); ++it) out.push_back({part, it});
    return out;
  }

  // `q` as `enq` should run it: over several shards each wildcard is
  // expanded here, from the vocabulary of all of them, to the same
  // SYNONYM (or OR, MAX) of words Xapian makes of it in one database, so
  // it weighs the same (one database runs it as parsed); over local
  // indexes a compound's parts apart are looked for in the records
  // already known to have them (apart_filter()). The same records match,
  // with the same weights and percentages; the terms of `q` stay in it.
  // `twice`: this search runs the query twice (its facets count every
  // match), so a compound's records are read at once (apart_filter()).
  void set_query(Xapian::Enquire& enq, const Xapian::Query& q, bool twice = false) const {
    const bool wildcards = shards.opened.size() > 1, compounds = !shards.any_remote;
    const std::optional<Xapian::Query> run = rewritten(q, [&](const Xapian::Query& node) -> std::optional<Xapian::Query> {
      if (wildcards && node.get_type() == Xapian::Query::OP_WILDCARD) return expanded_wildcard(node);
      if (compounds && node.get_type() == Xapian::Query::OP_FILTER && node.get_num_subqueries() == 2 &&
          node.get_subquery(0).get_type() == Xapian::Query::OP_NEAR &&
          node.get_subquery(1).get_type() == Xapian::Query::OP_AND_NOT)
        return apart_filter(node, twice);
      return std::nullopt;
    });
    enq.set_query(run ? *run : q);
  }

  // `q` with each node `replace` gives a query for replaced by it (nullopt
  // if none was): the rest of the tree is kept as it is, a node rebuilt
  // only on the way to a replaced one. Xapian 1.4 shows a scaled query's
  // factor only in the description ("2.5 * ...").
  template <typename Replace>
  static std::optional<Xapian::Query> rewritten(const Xapian::Query& q, const Replace& replace) {
    if (std::optional<Xapian::Query> r = replace(q)) return r;
    const std::size_t n = q.get_num_subqueries();
    std::vector<Xapian::Query> subs;
    bool changed = false;
    for (std::size_t i = 0; i < n; ++i) {
      std::optional<Xapian::Query> sub = rewritten(q.get_subquery(i), replace);
      changed = changed || sub.has_value();
      subs.push_back(sub ? std::move(*sub) : q.get_subquery(i));
    }
    if (!changed) return std::nullopt;
    const Xapian::Query::op op = q.get_type();
    switch (op) {
      case Xapian::Query::OP_SCALE_WEIGHT: {
        const std::string d = q.get_description();
        return Xapian::Query(op, subs[0], std::strtod(d.c_str() + d.find('(') + 1, nullptr));
      }
      case Xapian::Query::OP_AND: case Xapian::Query::OP_OR: case Xapian::Query::OP_AND_NOT:
      case Xapian::Query::OP_XOR: case Xapian::Query::OP_AND_MAYBE: case Xapian::Query::OP_FILTER:
      case Xapian::Query::OP_SYNONYM: case Xapian::Query::OP_MAX:
        return Xapian::Query(op, subs.begin(), subs.end());
      default:
        // A phrase or NEAR of wildcards (the parser makes none), or an
        // operator with a parameter: left to Xapian.
        return std::nullopt;
    }
  }

  // An OP_WILDCARD node replaced by its words in `db`. Xapian 1.4 shows a
  // wildcard's pattern only in the description ("WILDCARD SYNONYM
  // samverk"). Throws Xapian::WildcardError past kMaxWildcardTerms words,
  // as the parser's WILDCARD_LIMIT_ERROR does.
  Xapian::Query expanded_wildcard(const Xapian::Query& q) const {
    std::string d = q.get_description();  // "Query(WILDCARD SYNONYM samverk)"
    d = d.substr(d.find(' ') + 1);
    const std::size_t space = d.find(' ');
    const std::string combiner = d.substr(0, space);
    const std::string pattern = d.substr(space + 1, d.size() - space - 2);
    std::vector<std::string> words;
    for (auto t = db.allterms_begin(pattern); t != db.allterms_end(pattern); ++t) {
      if (words.size() == kMaxWildcardTerms) throw Xapian::WildcardError("too many words for " + pattern + "*");
      words.push_back(*t);
    }
    if (words.empty()) return Xapian::Query::MatchNothing;
    const Xapian::Query::op as = combiner == "OR"    ? Xapian::Query::OP_OR
                                 : combiner == "MAX" ? Xapian::Query::OP_MAX
                                                     : Xapian::Query::OP_SYNONYM;
    return Xapian::Query(as, words.begin(), words.end());
  }

  // A compound's parts apart (query/compounds.cc): FILTER(parts NEAR,
  // first part AND_NOT compound), with its filter replaced by the records
  // the whole node admits: none, a term no record has (kTermInNoRecord);
  // up to kApartListed, their id terms; more, left as it is. Xapian 1.4
  // walks the filter's postings in every search, every record holding the
  // parts: for "kommunstyrelsen detaljplan" on the bench corpus 5.7 M of a
  // 7.7 M instruction match, for no record at all. The NEAR stays, so the
  // records that match and their weights are the same, and so are the
  // query's terms, which choose a hit's pages and its snippet's words.
  // The records are read at a node's second search in an index revision,
  // or at its first when that search runs it twice (`now`: a search page
  // with facets): reading them costs about what the filter did, so a
  // process that searches once, `arkiv search`, runs the node as parsed.
  // Not for two threads at once, as the Searcher.
  Xapian::Query apart_filter(const Xapian::Query& node, bool now) const {
    static constexpr Xapian::doccount kApartListed = 64;
    if (apart.generation != generation || apart.filters.size() >= 1000) {
      apart.filters.clear();
      apart.generation = generation;
    }
    auto [known, first] = apart.filters.try_emplace(node.get_description());
    if (first && !now) return node;
    ApartFilter& f = known->second;
    if (!f.read) {
      f.read = true;
      Xapian::Enquire enq(db);
      enq.set_query(node);
      enq.set_weighting_scheme(Xapian::BoolWeight());
      const Xapian::MSet m = enq.get_mset(0, kApartListed + 1);
      if (m.empty()) {
        f.filter = Xapian::Query(schema::kTermInNoRecord);
      } else if (m.size() <= kApartListed) {
        std::vector<Xapian::Query> ids;
        for (auto it = m.begin(); it != m.end(); ++it) {
          const std::string hit_id = codec::get_hit_id(it.get_document());
          const std::string id = hit_id.empty() ? std::string() : std::string(schema::kPrefixId) + hit_id;
          if (id.empty() || db.get_termfreq(id) != 1) {
            ids.clear();  // a record without a readable id of its own: the filter stays
            break;
          }
          ids.emplace_back(id);
        }
        if (!ids.empty()) f.filter = Xapian::Query(Xapian::Query::OP_OR, ids.begin(), ids.end());
      }
    }
    if (!f.filter) return node;
    return Xapian::Query(Xapian::Query::OP_FILTER, node.get_subquery(0), *f.filter);
  }
  // apart_filter()'s nodes by their description, for the index revision
  // `generation` counts: whether their records were read, and the filter
  // that names them (none: the node's own).
  struct ApartFilter {
    bool read = false;
    std::optional<Xapian::Query> filter;
  };
  struct ApartFilters {
    std::uint64_t generation = 0;
    std::map<std::string, ApartFilter> filters;
  };
  mutable ApartFilters apart;

  static Xapian::Query term(const char* prefix, const std::string& value) {
    return Xapian::Query(std::string(prefix) + value);
  }

  // The records a search may return: those with text, and scans without
  // a text layer, found by their title and path words.
  static Xapian::Query searchable() {
    return Xapian::Query(Xapian::Query::OP_OR, term(schema::kPrefixStatus, schema::kStatusOk),
                         term(schema::kPrefixStatus, diag_key(DiagKind::kNoText)));
  }

  // The records of a folder that are no attachments, in date order, with
  // the bilaga numbers each refers to: what folder_parent() chooses from.
  struct FolderMain {
    codec::HitSummary hit;
    std::vector<int> refs;
    std::string sha256;
  };
  // What one search (or show) has read of its hits' decisions: each
  // folder's main records by folder id, each container by record id.
  struct FolderCache {
    std::map<std::string, std::vector<FolderMain>> folders;
    std::map<std::string, std::optional<codec::HitSummary>> records;
  };

  // The decision an attachment belongs to: the file it is inside, or for a
  // "Bilaga N" file in a case folder, the record in the same folder that
  // refers to bilaga N and is not an attachment itself.
  std::optional<ParentRef> parent_of(const codec::HitSummary& hit, FolderCache& cache) const {
    read_parents({&hit}, cache);
    std::optional<codec::HitSummary> p;
    if (!hit.parent.empty()) {
      p = cache.records[hit.parent];
    } else {
      p = folder_parent(hit, cache);
    }
    if (!p) return std::nullopt;
    return ParentRef{p->id, p->path, p->title};
  }

  // Reads what `cache` lacks of the containers (by record id) and the
  // folders' main records that `hits` may belong to: one match for the
  // containers and one for the folders, however many hits. A match over
  // remote shards is a round trip to every shard: read hit by hit, a page
  // of bilagor in eight folders made sixteen matches over the national
  // bench's 8 xapian-tcpsrv shards ("återremitterar": 230 ms).
  void read_parents(const std::vector<const codec::HitSummary*>& hits, FolderCache& cache) const {
    std::vector<std::string> ids, folders;
    for (const codec::HitSummary* h : hits) {
      if (!h->parent.empty())
        ids.push_back(h->parent);
      else if (h->bilaga > 0)
        folders.push_back(h->folder);
    }
    read_records(ids, cache);
    read_folders(folders, cache);
  }

  // The records `ids` (containers) `cache` lacks, with one match. A record
  // id is unique in an index; should two shards both hold one, the oldest
  // is the container.
  void read_records(const std::vector<std::string>& ids, FolderCache& cache) const {
    std::vector<Xapian::Query> wanted;
    for (const std::string& id : ids)
      if (cache.records.try_emplace(id).second) wanted.push_back(term(schema::kPrefixId, id));
    if (wanted.empty()) return;
    for_each_in_date_order(Xapian::Query(Xapian::Query::OP_OR, wanted.begin(), wanted.end()),
                           [&](const Xapian::Document& d) {
                             std::optional<codec::HitSummary> hit = codec::get_hit(d);
                             if (!hit) return;
                             auto slot = cache.records.find(hit->id);
                             if (slot != cache.records.end() && !slot->second) slot->second = std::move(*hit);
                           });
  }

  // The main records (no attachments) of the folders `cache` lacks, each
  // folder's in date order, with one match.
  void read_folders(const std::vector<std::string>& folders, FolderCache& cache) const {
    std::vector<Xapian::Query> wanted;
    for (const std::string& f : folders)
      if (cache.folders.try_emplace(f).second) wanted.push_back(term(schema::kPrefixFolder, f));
    if (wanted.empty()) return;
    const Xapian::Query mains(Xapian::Query::OP_AND, Xapian::Query(Xapian::Query::OP_OR, wanted.begin(), wanted.end()),
                              term(schema::kPrefixRole, "huvud"));
    for_each_in_date_order(mains, [&](const Xapian::Document& d) {
      FolderMain f;
      std::optional<codec::HitSummary> hit = codec::get_hit(d);
      if (!hit) return;
      f.hit = std::move(*hit);
      f.refs = attachment_refs(d);
      f.sha256 = codec::get_sha256(d);
      if (auto at = cache.folders.find(f.hit.folder); at != cache.folders.end()) at->second.push_back(std::move(f));
    });
  }

  const std::vector<FolderMain>& mains_of(const std::string& folder, FolderCache& cache) const {
    read_folders({folder}, cache);
    return cache.folders[folder];
  }

  // Calls `each` with every record `q` matches, oldest first, undated last.
  template <class F>
  void for_each_in_date_order(const Xapian::Query& q, F&& each) const {
    Xapian::Enquire enq(db);
    enq.set_query(q);
    sort_by_date(enq, false);
    const Xapian::MSet m = enq.get_mset(0, db.get_doccount());
    // Over remote shards the records are read first, a thread a shard
    // (prefetch()), and sorted by their dates here.
    std::vector<Xapian::docid> dids;
    for (auto it = m.begin(); it != m.end(); ++it) dids.push_back(*it);
    const std::map<Xapian::docid, Prefetched> read = prefetch(dids, {});
    for (const Xapian::MSetIterator& it : in_date_order(m, false, &read)) each(document_of(it, &read));
  }

  // The bilaga numbers a record refers to: its kPrefixAttachmentRef terms
  // on a local database, its record data over a remote shard (a remote
  // term list is a message a term; the data came with the document).
  std::vector<int> attachment_refs(const Xapian::Document& d) const {
    std::vector<int> refs;
    if (shards.any_remote) {
      if (const std::optional<codec::RecordData> data = codec::get_data(d)) refs = data->attachment_refs;
      return refs;
    }
    const std::string ref = schema::kPrefixAttachmentRef;
    Xapian::TermIterator t = d.termlist_begin();
    for (t.skip_to(ref); t != d.termlist_end() && (*t).compare(0, ref.size(), ref) == 0; ++t)
      refs.push_back(std::atoi((*t).c_str() + ref.size()));
    return refs;
  }

  // Of `mains`, the one a "Bilaga N" file (its hit summary) belongs to.
  static const FolderMain* choose_parent(const std::vector<FolderMain>& mains, const codec::HitSummary& hit) {
    const int n = hit.bilaga;
    if (n <= 0 || !hit.parent.empty()) return nullptr;
    std::vector<analyze::LinkSide> sides;
    for (const FolderMain& m : mains)
      sides.push_back({m.hit.path, m.hit.keys, std::find(m.refs.begin(), m.refs.end(), n) != m.refs.end(), m.sha256});
    const analyze::LinkSide self{hit.path, hit.keys, true, ""};
    const int chosen = analyze::choose_attachment_parent(self, sides);
    return chosen < 0 ? nullptr : &mains[static_cast<std::size_t>(chosen)];
  }

  // The record in the same folder a "Bilaga N" file belongs to. A folder
  // may hold many unrelated records that each have a bilaga 1 (a folder of
  // författningar): among those that refer to bilaga N, the one its file
  // name or first lines tie it to ("rinfo_LIVSFS-2006_22bil1.pdf", "Bilaga
  // 1 ... LIVSFS 2006:22"), or the only one (analyze's
  // choose_attachment_parent()).
  std::optional<codec::HitSummary> folder_parent(const codec::HitSummary& hit, FolderCache& cache) const {
    if (hit.bilaga <= 0 || !hit.parent.empty()) return std::nullopt;
    const FolderMain* m = choose_parent(mains_of(hit.folder, cache), hit);
    if (!m) return std::nullopt;
    return m->hit;
  }

  // The words of a plain query that are no function word and find no
  // record on their own (`ok`: the records a search may return), as
  // typed. Records with some of the words say something only about words
  // the index has apart ("Zhuhai Stockholm"); for a word no record holds,
  // they answer another question: "licensjakt varg" found NFS 2007:10's
  // inventering of varg, though no record holds "licensjakt". Then the
  // honest answer is none, naming the word, with "Did you mean" for it.
  std::vector<std::string> words_in_no_record(const std::vector<arkiv::query::Token>& tokens,
                                              const Xapian::Query& ok) const {
    std::vector<std::string> missing;
    for (const arkiv::query::Token& t : tokens) {
      if (t.kind != arkiv::query::TokenKind::kWord || (*analyze::function_words())(util::lower_sv(t.text))) continue;
      Xapian::Query word;
      try {
        word = parse(t.text);
      } catch (const QueryError&) {
        continue;  // nothing to look for ("–")
      }
      Xapian::Enquire enq(db);
      enq.set_query(Xapian::Query(Xapian::Query::OP_FILTER, word, ok));
      if (enq.get_mset(0, 1).empty() && std::find(missing.begin(), missing.end(), t.text) == missing.end())
        missing.push_back(t.text);
    }
    return missing;
  }

  // A phrase or NEAR of the query: for each of its places the terms that
  // can stand there (a word, or its variants ORed), and how close they
  // must be. Xapian 1.4 shows the window only in the description
  // ("(a PHRASE 3 b c)", "(a NEAR 10 b)").
  struct Proximity {
    std::vector<std::vector<std::string>> places;
    Xapian::termpos window = 0;
    bool ordered = true;
  };

  static void leaf_terms(const Xapian::Query& q, std::vector<std::string>& out) {
    for (auto t = q.get_unique_terms_begin(); t != q.get_unique_terms_end(); ++t) out.push_back(*t);
  }

  static void proximities(const Xapian::Query& q, std::vector<Proximity>& out) {
    const Xapian::Query::op type = q.get_type();
    if (type == Xapian::Query::OP_PHRASE || type == Xapian::Query::OP_NEAR) {
      Proximity p;
      p.ordered = type == Xapian::Query::OP_PHRASE;
      for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) {
        p.places.emplace_back();
        leaf_terms(q.get_subquery(i), p.places.back());
      }
      const std::string d = q.get_description();
      const std::size_t at = d.find(p.ordered ? " PHRASE " : " NEAR ");
      p.window = at == std::string::npos ? 0 : static_cast<Xapian::termpos>(std::atoi(d.c_str() + d.find(' ', at + 1) + 1));
      if (p.window < p.places.size()) p.window = static_cast<Xapian::termpos>(p.places.size());
      if (p.places.size() > 1) out.push_back(std::move(p));
      return;
    }
    for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) proximities(q.get_subquery(i), out);
  }

  // The positions of `term` in record `did` of `from`, at most 10,000 (a
  // page is placed by its first ones).
  static std::vector<Xapian::termpos> read_positions(const Xapian::Database& from, Xapian::docid did,
                                                     const std::string& term) {
    std::vector<Xapian::termpos> out;
    int seen = 0;
    for (auto it = from.positionlist_begin(did, term); it != from.positionlist_end(did, term) && seen < 10000;
         ++it, ++seen)
      out.push_back(*it);
    return out;
  }
  // The same for record `did` of the index, from `known` when it holds it.
  std::vector<Xapian::termpos> positions(Xapian::docid did, const std::string& term, const Positions* known) const {
    if (known)
      if (auto it = known->find(term); it != known->end()) return it->second;
    return read_positions(db, did, term);
  }

  // Over remote shards: the documents `dids` and the positions of `terms`
  // in each, read with one thread a shard, each through its shard's own
  // handle (the merged index numbers shard k's record d as (d-1)*n+k+1, so
  // record m is shard (m-1)%n's (m-1)/n+1). A remote read is a round trip,
  // and read hit by hit they came one after another: a document a hit and a
  // position list a hit and term, over a hundred for "kommunstyrelsen
  // detaljplan" over 8 xapian-tcpsrv shards. Empty for a local index. A
  // shard's error is thrown here, as the read itself would have.
  std::map<Xapian::docid, Prefetched> prefetch(const std::vector<Xapian::docid>& dids,
                                               const std::vector<std::string>& terms) const {
    std::map<Xapian::docid, Prefetched> out;
    const std::size_t n = shards.opened.size();
    if (!shards.any_remote || n < 2 || dids.empty()) return out;
    std::vector<std::vector<std::pair<Xapian::docid, Prefetched*>>> by_shard(n);
    for (Xapian::docid d : dids) by_shard[(d - 1) % n].emplace_back((d - 1) / n + 1, &out[d]);
    std::vector<std::exception_ptr> errors(n);
    std::vector<std::thread> readers;
    for (std::size_t k = 0; k < n; ++k) {
      if (by_shard[k].empty()) continue;
      readers.emplace_back([&, k] {
        try {
          const Xapian::Database& shard = shards.opened[k];
          for (auto& [local, p] : by_shard[k]) {
            p->doc = shard.get_document(local);
            for (const std::string& t : terms) p->positions[t] = read_positions(shard, local, t);
          }
        } catch (...) {
          errors[k] = std::current_exception();
        }
      });
    }
    for (std::thread& t : readers) t.join();
    for (const std::exception_ptr& e : errors)
      if (e) std::rethrow_exception(e);
    return out;
  }

  // The positions where `p` matches in record `did`: its first place's
  // position, with every other place within the window (in order, for a
  // phrase), and those positions too.
  std::vector<Xapian::termpos> proximity_matches(Xapian::docid did, const Proximity& p,
                                                 const Positions* known = nullptr) const {
    std::vector<std::vector<Xapian::termpos>> at(p.places.size());
    for (std::size_t i = 0; i < p.places.size(); ++i) {
      for (const std::string& term : p.places[i]) {
        const std::vector<Xapian::termpos> more = positions(did, term, known);
        at[i].insert(at[i].end(), more.begin(), more.end());
      }
      std::sort(at[i].begin(), at[i].end());
    }
    std::vector<Xapian::termpos> out;
    for (const Xapian::termpos first : at[0]) {
      std::vector<Xapian::termpos> found{first};
      Xapian::termpos last = first;
      bool ok = true;
      for (std::size_t i = 1; i < at.size() && ok; ++i) {
        // A phrase: the next place after the last one, inside the window;
        // NEAR: anywhere inside the window around the first.
        const Xapian::termpos lo = p.ordered ? last + 1 : (first > p.window ? first - p.window + 1 : 1);
        const Xapian::termpos hi = first + p.window - 1;
        auto it = std::lower_bound(at[i].begin(), at[i].end(), lo);
        ok = it != at[i].end() && *it <= hi;
        if (ok) found.push_back(last = *it);
      }
      if (ok) out.insert(out.end(), found.begin(), found.end());
    }
    return out;
  }

  // What a page holds of the query: the positions of its words, sorted,
  // and which query words (QueryWords; function words not counted: "Hur",
  // "ska", "ett" of a question) it holds, each as typed or only through an
  // expansion, with where.
  struct PageMatch {
    std::vector<Xapian::termpos> positions;
    std::set<std::size_t> words;   // the query words the page holds (QueryWords::word)
    std::set<std::size_t> direct;  // of those, the ones held as typed, not only by an expansion
    // (position, member of QueryWords) of every counted match, sorted
    std::vector<std::pair<Xapian::termpos, std::size_t>> marks;
  };

  // How much finding each query word on a page says (its inverse document
  // frequency), by its place in `groups`, then the phrases and NEARs (as
  // much as their rarest word, and one more: a phrase found whole). A
  // question's page is the one with its rare words, not its common ones:
  // "var beskattas den som jobbar på tåg för DSB" is answered where
  // "beskattas" and "DSB" are, not where "jobbar" and "tåg" are.
  // The frequencies are the match's own (`m`'s statistics, summed over
  // shards), read from the database only for a term the match did not
  // weigh: Database::get_termfreq() is a round trip to every remote shard,
  // 32 of them for "kommunstyrelsen detaljplan" over 8 xapian-tcpsrv shards.
  std::vector<double> word_weights(const std::vector<std::vector<std::string>>& groups,
                                   const std::vector<Proximity>& near, const Xapian::MSet& m) const {
    const double n = static_cast<double>(db.get_doccount()) + 1;
    auto idf = [&](const std::string& term) { return std::log(n / (static_cast<double>(m.get_termfreq(term)) + 1)); };
    std::vector<double> out;
    // A group's first term is the one the query asks for (the stem); the
    // others only hold positions for it (a word that is its own stem) or
    // are its places (an acronym's). Their rarity is not the word's: the
    // stem "läng" of "länge" is no word of any record, and weighed as the
    // rarest term of the index it outweighed every other word.
    for (const auto& terms : groups) out.push_back(idf(terms.front()));
    for (const Proximity& p : near) {
      double w = 0;
      for (const auto& place : p.places)
        for (const std::string& t : place) w = std::max(w, idf(t));
      out.push_back(w + 1);
    }
    return out;
  }

  // The words of a query as the user typed them, and what stands for each:
  // the members (the `groups` of positional_terms(), then the phrases and
  // NEARs of proximities(), indexed as word_weights() indexes them) are
  // each a typed word itself or one of its expansions. "DSB" is one word
  // whether a page writes "DSB", holds the acronym's place
  // (XACRONYMdsb) or writes "Danske Statsbaner"; "arbetsmiljöuppgifterna"
  // is one word whether a page writes the compound or its parts near each
  // other. Counted as three words, a page of a prop. naming Danske
  // Statsbaner (DSB) once beat the page that answers "var beskattas den
  // som jobbar på tåg för DSB" (prop. 1999/2000:17, page 9).
  struct QueryWords {
    std::vector<std::size_t> word;  // by member: the typed word it stands for
    std::vector<bool> expansion;    // by member: an expansion of it, not it as typed
    std::vector<bool> function;     // by member: a function word's ("hur", "länge"): not counted on a page
    std::vector<double> weight;     // by word: the weight of its members as typed (else of all)
  };

  // An expansion is weighted down in the query (Xapian's OP_SCALE_WEIGHT
  // below 1: an acronym's places and long form, 0.05; a compound's parts
  // apart, 0.25); Xapian 1.4 shows the factor only in the description
  // ("0.05 * XACRONYMdsb").
  static double scale_of(const Xapian::Query& q) {
    const std::string d = q.get_description();
    const std::size_t open = d.find('(');
    return open == std::string::npos ? 1.0 : std::strtod(d.c_str() + open + 1, nullptr);
  }
  static bool scaled_down(const Xapian::Query& q) {
    return q.get_type() == Xapian::Query::OP_SCALE_WEIGHT && scale_of(q) < 1.0;
  }

  // Whether `q` stands for one typed word: a term, a phrase or NEAR, a
  // compound and its parts (OP_MAX), or a word ORed with what it expands
  // to (weighted-down terms, actor ids): "(DSB OR akronym:dsb OR
  // akronymnamn:danske_statsbaner)", "(PRV OR aktörid:...)". An OR of two
  // typed words, or the parser's OR of a question's words, is not one.
  static bool one_word(const Xapian::Query& q) {
    switch (q.get_type()) {
      case Xapian::Query::LEAF_TERM:
      case Xapian::Query::OP_PHRASE:
      case Xapian::Query::OP_NEAR:
      case Xapian::Query::OP_MAX:
      case Xapian::Query::OP_SYNONYM:
        return true;
      case Xapian::Query::OP_OR: {
        std::size_t typed = 0;
        for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) {
          const Xapian::Query s = q.get_subquery(i);
          const std::string t = s.get_type() == Xapian::Query::LEAF_TERM && s.get_terms_begin() != s.get_terms_end()
                                    ? *s.get_terms_begin()
                                    : std::string();
          const bool expansion = scaled_down(s) || (!t.empty() && !is_body_term(t) && t[0] != 'Z');
          typed += !expansion;
        }
        return typed <= 1;
      }
      default:
        return false;
    }
  }

  // Walks `q`: each term and each phrase or NEAR (in proximities()'s
  // order) with the typed word it belongs to (words by their description:
  // a question's words appear twice, all of them ANDed and some ORed) and
  // whether an expansion holds it.
  static void walk_words(const Xapian::Query& q, std::map<std::string, std::size_t>& words, std::size_t word,
                         bool expansion, std::map<std::string, std::pair<std::size_t, bool>>& terms,
                         std::vector<std::pair<std::size_t, bool>>& near) {
    constexpr std::size_t kNone = static_cast<std::size_t>(-1);
    if (word == kNone && one_word(q)) word = words.emplace(q.get_description(), words.size()).first->second;
    if (scaled_down(q)) expansion = true;
    const Xapian::Query::op type = q.get_type();
    if (type == Xapian::Query::LEAF_TERM) {
      if (q.get_terms_begin() == q.get_terms_end()) return;
      if (word == kNone) word = words.emplace(q.get_description(), words.size()).first->second;
      auto [at, fresh] = terms.emplace(*q.get_terms_begin(), std::make_pair(word, expansion));
      if (!fresh && at->second.second && !expansion) at->second = {word, expansion};  // as typed wins
      return;
    }
    if ((type == Xapian::Query::OP_PHRASE || type == Xapian::Query::OP_NEAR) && q.get_num_subqueries() > 1)
      near.emplace_back(word, expansion);
    if (type == Xapian::Query::OP_PHRASE || type == Xapian::Query::OP_NEAR) {
      // Its terms belong to it (pages_of() counts a phrase's words only where the phrase is).
      for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) {
        std::vector<std::pair<std::size_t, bool>> inner;
        walk_words(q.get_subquery(i), words, word, expansion, terms, inner);
      }
      return;
    }
    for (std::size_t i = 0; i < q.get_num_subqueries(); ++i)
      walk_words(q.get_subquery(i), words, word, expansion, terms, near);
  }

  // The typed words of `q` and the word each member stands for; `weights`
  // are word_weights(groups, near); `typed` the query as lexed. A
  // function word is known by its stem too: "länge" asks for Zläng, and
  // "hur länge ska ..." must not choose a page for saying "länge"; by the
  // stems of the function words typed, so that "varor" (stem "var", as the
  // function word "var") still counts.
  QueryWords query_words(const Xapian::Query& q, const std::vector<std::vector<std::string>>& groups,
                         const std::vector<Proximity>& near, const std::vector<double>& weights,
                         const std::vector<arkiv::query::Token>& typed) const {
    const Xapian::Stopper& function_word = *analyze::function_words();
    std::set<std::string> function_stems;
    for (const arkiv::query::Token& t : typed) {
      if (t.kind != arkiv::query::TokenKind::kWord || t.sign) continue;
      const std::string w = util::lower_sv(t.text);
      if (function_word(w)) function_stems.insert(stem(w));
    }
    auto is_function = [&](const std::vector<std::string>& group) {
      const std::string& first = group.front();
      const std::string x = first.size() > 1 && first[0] == 'Z' ? first.substr(1) : first;
      return function_word(x) || function_stems.count(x) > 0 ||
             (analysis == TextAnalysis::kSnowball && function_stems.count(stem(x)) > 0);
    };
    std::map<std::string, std::size_t> words;
    std::map<std::string, std::pair<std::size_t, bool>> terms;
    std::vector<std::pair<std::size_t, bool>> places;
    walk_words(q, words, static_cast<std::size_t>(-1), false, terms, places);
    QueryWords out;
    std::size_t count = words.size();
    auto add = [&](std::pair<std::size_t, bool> owner) {
      out.word.push_back(owner.first);
      out.expansion.push_back(owner.second);
    };
    for (const auto& group : groups) {
      // Under kSnowball a group is an index word with the stem the query
      // asks for ("kommuner" for Zkommun): that stem's word.
      auto owner_of = [&](const std::string& t) {
        auto it = terms.find(t);
        if (it == terms.end() && analysis == TextAnalysis::kSnowball && is_body_term(t)) it = terms.find("Z" + stem(t));
        return it;
      };
      auto owner = std::find_if(group.begin(), group.end(), [&](const std::string& t) { return owner_of(t) != terms.end(); });
      // A group of terms the query does not hold as such (none should be):
      // a word of its own.
      add(owner == group.end() ? std::make_pair(count++, false) : owner_of(*owner)->second);
      out.function.push_back(is_function(group));
    }
    for (std::size_t i = 0; i < near.size(); ++i) {
      add(i < places.size() ? places[i] : std::make_pair(count++, false));
      out.function.push_back(false);
    }
    out.weight.assign(count, 0.0);
    std::vector<bool> as_typed(count, false);
    for (std::size_t m = 0; m < out.word.size() && m < weights.size(); ++m) {
      const std::size_t w = out.word[m];
      if (!out.expansion[m] && !as_typed[w]) as_typed[w] = true, out.weight[w] = 0;
      if (!out.expansion[m] || !as_typed[w]) out.weight[w] = std::max(out.weight[w], weights[m]);
    }
    return out;
  }

  // The matches of `groups` (positional_terms()) and of the query's
  // phrases and NEARs (`near`) in record `did`, by page; `starts` are the
  // pages' first positions; `words` (query_words()) says which typed word
  // each stands for. A word of a phrase counts only where the phrase is:
  // "ansökan om registrering" cites the HD ruling's page 7, not its 18
  // pages holding "ansökan".
  std::map<int, PageMatch> pages_of(Xapian::docid did, const std::vector<std::vector<std::string>>& groups,
                                    const std::vector<Proximity>& near, const std::vector<Xapian::termpos>& starts,
                                    const QueryWords& words, const Positions* known = nullptr) const {
    std::map<int, PageMatch> hits;
    if (starts.empty()) return hits;
    auto add = [&](Xapian::termpos p, std::size_t member, bool counts) {
      auto it = std::upper_bound(starts.begin(), starts.end(), p);
      if (it == starts.begin()) return;
      PageMatch& m = hits[static_cast<int>(it - starts.begin())];
      m.positions.push_back(p);
      if (!counts) return;
      m.words.insert(words.word[member]);
      if (!words.expansion[member]) m.direct.insert(words.word[member]);
      m.marks.emplace_back(p, member);
    };
    std::set<std::string> in_phrase;
    for (const Proximity& p : near)
      for (const auto& place : p.places) in_phrase.insert(place.begin(), place.end());
    std::vector<Xapian::termpos> group;
    for (std::size_t g = 0; g < groups.size(); ++g) {
      const std::vector<std::string>& terms = groups[g];
      if (std::any_of(terms.begin(), terms.end(), [&](const std::string& t) { return in_phrase.count(t) > 0; }))
        continue;
      group.clear();
      for (const std::string& term : terms) {
        const std::vector<Xapian::termpos> at = positions(did, term, known);
        group.insert(group.end(), at.begin(), at.end());
      }
      if (terms.size() > 1) {
        std::sort(group.begin(), group.end());
        group.erase(std::unique(group.begin(), group.end()), group.end());
      }
      for (Xapian::termpos p : group) add(p, g, !words.function[g]);
    }
    for (std::size_t i = 0; i < near.size(); ++i)
      for (Xapian::termpos p : proximity_matches(did, near[i], known)) add(p, groups.size() + i, true);
    for (auto& [page, m] : hits) {
      std::sort(m.positions.begin(), m.positions.end());
      m.positions.erase(std::unique(m.positions.begin(), m.positions.end()), m.positions.end());
      std::sort(m.marks.begin(), m.marks.end());
    }
    return hits;
  }

  // How far apart (in words) the query words of a page may stand to count
  // as said together: about a sentence of a regulation. "anställd av DSB
  // på ett tåg i reguljär trafik mellan Sverige och Danmark beskattas"
  // (prop. 1999/2000:17, page 9) spans 13.
  static constexpr Xapian::termpos kTogetherWindow = 16;
  // What a query word found only through an expansion (a compound's parts
  // apart, an acronym's long form) counts on a page, of what it counts as
  // typed.
  static constexpr double kExpansionShare = 0.5;

  // How well a page answers the query: the weights (QueryWords::weight,
  // the rare words more) of the distinct query words it holds, an
  // expansion's at kExpansionShare, plus the same sum over the words it
  // holds within kTogetherWindow words of each other at best, so that the
  // page saying the words together beats a page that holds them apart
  // (as Xapian's snippet and Recoll's abstract prefer a window dense in
  // query terms): "kan man förvärva en immaterialrätt i god tro" is
  // answered on page 5 of the HD ruling ("En immaterialrätt kan inte vara
  // föremål för godtrosförvärv"), not on page 11, which holds the same
  // words (more often) spread over the page.
  static double page_score(const PageMatch& m, const QueryWords& words) {
    auto credit = [&](std::size_t w, bool direct) { return words.weight[w] * (direct ? 1.0 : kExpansionShare); };
    double all = 0;
    for (std::size_t w : m.words) all += credit(w, m.direct.count(w) > 0);
    // A window over the marks: per word, how many of its marks in the
    // window are as typed and how many expansions.
    std::map<std::size_t, std::pair<int, int>> in;
    double together = 0;
    for (std::size_t lo = 0, hi = 0; lo < m.marks.size(); ++lo) {
      for (; hi < m.marks.size() && m.marks[hi].first < m.marks[lo].first + kTogetherWindow; ++hi) {
        const std::size_t member = m.marks[hi].second;
        auto& n = in[words.word[member]];
        ++(words.expansion[member] ? n.second : n.first);
      }
      double sum = 0;
      for (const auto& [w, n] : in)
        if (n.first + n.second > 0) sum += credit(w, n.first > 0);
      together = std::max(together, sum);
      const std::size_t member = m.marks[lo].second;
      auto& n = in[words.word[member]];
      --(words.expansion[member] ? n.second : n.first);
    }
    return all + together;
  }
};

Searcher::Searcher(const SearchOptions& opts) : impl_(std::make_unique<Impl>()) {
  impl_->locations = opts.indexes;
  impl_->show_personal_data = opts.show_personal_data;
  impl_->options = opts;
  impl_->shards = query::open_shards(opts.indexes, {opts.shard_connect_timeout_ms, opts.shard_timeout_ms});
  impl_->db = impl_->shards.db;
  // The marker every shard that answered agrees on (open_shards()).
  impl_->analysis = analyze::analysis_from_id(impl_->shards.analysis);
  impl_->stem = analyze::stemmer(impl_->analysis);
  if (impl_->shards.report.partial() && opts.on_partial) opts.on_partial(impl_->shards.report);
}

Searcher::~Searcher() = default;

const ShardReport& Searcher::shards() const { return impl_->shards.report; }

void Searcher::refresh() {
  try {
    if (impl_->db.reopen()) ++impl_->generation;
  } catch (const Xapian::NetworkError& e) {
    // A shard stopped answering since: read without it from now on.
    impl_->reopen_shards(query::lost_shard(e));
  } catch (const Xapian::Error& e) {
    arkiv::query::throw_index_error("cannot reopen the index", e);
  }
}

SearchResult Searcher::search(const SearchRequest& req) const {
  return impl_->retry([&] {
    SearchResult res;
    res.query = req.query;
    res.shards = impl_->shards.report;
    // Prepared once: a widened query parses the same text again.
    const std::string prepared = impl_->prepared(req.query);
    Xapian::Query q = impl_->parse_prepared(req.query, prepared);
    // Only records with text: files that failed are kept for the audit, not
    // for search.
    const Xapian::Query ok = Impl::searchable();
    try {
      Xapian::Enquire enq(impl_->db);
      impl_->set_query(enq, Xapian::Query(Xapian::Query::OP_FILTER, q, ok), req.facets);
      // A query of plain words that no record matches with all its words
      // gets the records with some of them; a question (four words or
      // more, or a "?") gets those after the records with all of them:
      // "Vilka aktiviteter har genomförts med Zhuhai sedan 2016?" is rarely
      // answered in the words it asks with.
      // Only a question pays for a probe of its all-words query; any other
      // query learns that it matched nothing from its own result below.
      const std::vector<arkiv::query::Token> tokens = arkiv::query::lex(req.query);
      const bool plain = arkiv::query::plain_words(tokens);
      const bool question = plain && arkiv::query::question(tokens);
      bool none = false;
      // A person's name: its words together, or else apart, said so.
      bool apart = false;
      if (const std::string name = plain && !question ? Impl::as_name(req.query, tokens, prepared) : "";
          !name.empty()) {
        const Xapian::Query together = impl_->parse_prepared(req.query, name);
        impl_->set_query(enq, Xapian::Query(Xapian::Query::OP_FILTER, together, ok), req.facets);
        if (enq.get_mset(0, 1).empty()) {
          impl_->set_query(enq, Xapian::Query(Xapian::Query::OP_FILTER, q, ok), req.facets);
          apart = true;
        } else {
          q = together;
        }
      }
      auto widen = [&](bool all_words_first) {
        const Xapian::Query some = impl_->parse_prepared(req.query, prepared, true);
        // All-words matches first: their weight is scaled far above what
        // any some-words match can reach.
        q = all_words_first ? Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, 100.0), some)
                            : some;
        impl_->set_query(enq, Xapian::Query(Xapian::Query::OP_FILTER, q, ok));
        res.matched = all_words_first ? WordMatch::kAllThenSome : WordMatch::kSome;
      };
      if (question) {
        none = enq.get_mset(0, 1).empty();
        widen(!none);
      }
      // Dates are "YYYY-MM-DD" and sort as strings. Xapian sorts a missing
      // value first in ascending order; undated records should come last, so
      // ascending order uses a key that maps "" after every date.
      if (req.sort == SortOrder::kDate) {
        impl_->sort_by_date(enq, true);
      } else if (req.sort == SortOrder::kDateDesc) {
        enq.set_sort_by_value_then_relevance(schema::kSlotDate, true);
      }
      Xapian::MSet mset = enq.get_mset(static_cast<Xapian::doccount>(req.offset),
                                       static_cast<Xapian::doccount>(req.limit));
      // A match that found nothing has checked every candidate: the count
      // is exact, 0 means no record at all (not just none on this page).
      if (!question && mset.get_matches_estimated() == 0) {
        none = true;
        // Some of the words only where each finds records of its own
        // (words_in_no_record()).
        if (plain) res.words_in_no_record = impl_->words_in_no_record(tokens, ok);
        if (plain && res.words_in_no_record.empty()) {
          widen(false);
          mset = enq.get_mset(static_cast<Xapian::doccount>(req.offset), static_cast<Xapian::doccount>(req.limit));
        }
      } else if (apart) {
        res.matched = WordMatch::kApart;
      }
      if (none) res.suggestion = impl_->suggest(req.query);
      res.total = mset.get_matches_estimated();
      // Over remote shards, in date order: the dated page, then the undated.
      const std::vector<Xapian::MSet> parts =
          req.sort == SortOrder::kDate ? impl_->date_page(enq, mset, req.offset, req.limit) : std::vector<Xapian::MSet>{mset};
      const std::vector<std::vector<std::string>> terms =
          mset.empty() ? std::vector<std::vector<std::string>>{} : impl_->positional_terms(q);
      std::vector<Impl::Proximity> near;
      if (!mset.empty()) Impl::proximities(q, near);
      const std::vector<double> weights = mset.empty() ? std::vector<double>{} : impl_->word_weights(terms, near, mset);
      const Impl::QueryWords words = impl_->query_words(q, terms, near, weights, tokens);
      std::size_t rank = req.offset;
      const Xapian::Stem quote_stem =
          mset.empty() ? impl_->stem : analyze::snippet_stemmer(impl_->analysis, enq.get_query());
      // The decisions of the page's attachments, read together
      // (read_parents()). Not MSet::fetch() to ask for the page's documents
      // at once: Xapian 1.4.22 crashes in it for a page past the first
      // (ServeTest.PagingKeepsTheQueryInTheUrl).
      // Over remote shards the page's documents and positions are read
      // first, a thread a shard (prefetch()).
      std::map<Xapian::docid, Impl::Prefetched> read;
      if (!mset.empty()) {
        std::vector<Xapian::docid> dids;
        for (const auto& [hit_mset, m] : Impl::hits_of(parts)) dids.push_back(*m);
        std::set<std::string> wanted;
        for (const auto& group : terms) wanted.insert(group.begin(), group.end());
        for (const Impl::Proximity& p : near)
          for (const auto& place : p.places) wanted.insert(place.begin(), place.end());
        read = impl_->prefetch(dids, {wanted.begin(), wanted.end()});
      }
      Impl::FolderCache folders;
      // Each hit's summary, read once: first for its decision, then for the hit.
      std::vector<std::optional<codec::HitSummary>> summaries;
      {
        std::vector<const codec::HitSummary*> each;
        for (const auto& [hit_mset, m] : Impl::hits_of(parts))
          summaries.push_back(codec::get_hit(Impl::document_of(m, &read)));
        for (const auto& j : summaries)
          if (j) each.push_back(&*j);
        impl_->read_parents(each, folders);
      }
      std::size_t nth = 0;
      for (const auto& [hit_mset, m] : Impl::hits_of(parts)) {
        Hit h;
        h.rank = ++rank;
        const std::optional<codec::HitSummary>& j = summaries[nth++];
        if (!j) continue;
        h.score = m.get_weight();
        h.percent = m.get_percent();
        const Xapian::Document doc = Impl::document_of(m, &read);
        const auto known = read.find(*m);
        h.id = j->id;
        h.path = j->path;
        h.title = j->title;
        h.date = j->date;
        h.type = codec::type_key(j->type);
        if (req.record_facts) {
          h.case_numbers = query::hit_case_numbers(*j, doc, impl_->shards.any_remote);
          h.actors = query::record_actors(doc);
        }
        h.attachment_number = j->bilaga;
        h.parent = impl_->parent_of(*j, folders);
        const std::vector<Xapian::termpos>& starts = j->pos;
        const auto pages =
            impl_->pages_of(*m, terms, near, starts, words, known != read.end() ? &known->second.positions : nullptr);
        int best = 0;
        std::tuple<double, std::size_t, std::size_t> best_count{0, 0, 0};
        std::size_t most_words = 0;
        for (const auto& [pg, match] : pages) {
          const std::tuple<double, std::size_t, std::size_t> count{Impl::page_score(match, words), match.words.size(),
                                                                   match.positions.size()};
          if (count > best_count) best = pg, best_count = count;
          most_words = std::max(most_words, match.words.size());
        }
        // The pages cited: the snippet's page first, the page that answers
        // a question ("hur länge ska ett arbetstillstånd sparas": page 11
        // of AFS 2011:19, not page 2, the first with one of its words), then
        // the others holding a query word in page order. A page with only
        // function words ("Hur", "ska") is cited only if no page has more.
        if (best) h.pages.push_back(best);
        for (const auto& [pg, match] : pages)
          if (pg != best && (match.words.size() > 0 || most_words == 0)) h.pages.push_back(pg);
        // The snippet comes from the page that answers best (page_score():
        // its distinct query words, the rare ones more, and those said
        // together), then with most query words and most matches, so
        // the page a hit cites first is the page its snippet quotes: of a
        // three-word query, the page with all three over a page with four
        // of one.
        const int snippet_page = best ? best : (starts.empty() ? 0 : 1);
        h.snippet_page = snippet_page;
        h.snippet_ocr = std::find(j->ocr.begin(), j->ocr.end(), snippet_page) != j->ocr.end();
        const auto on_page = pages.find(snippet_page);
        std::string page = snippet_page ? codec::get_page_text(doc, snippet_page) : "";
        if (!impl_->show_personal_data) page = quotable(page, personal_data_year(h.date));
        const std::string marked =
            snippet(hit_mset, page,
                    on_page == pages.end() ? std::vector<Xapian::termpos>{} : on_page->second.positions,
                    snippet_page ? starts[static_cast<std::size_t>(snippet_page - 1)] : 0, req.snippet_bytes,
                    quote_stem);
        unmark(marked, h.snippet, h.highlights);
        if (!impl_->show_personal_data) {
          unquoted(h.snippet, h.highlights);
          mask(h);
        }
        res.hits.push_back(std::move(h));
      }
      // Last: the hits' snippets are made from this match, before another runs.
      if (req.facets && res.total > 0) {
        res.facets = impl_->facets.count(enq.get_query(), impl_->db, impl_->shards.any_remote, impl_->generation);
        res.total = res.facets.records;  // exact: every match was counted
      }
    } catch (const Xapian::WildcardError&) {
      throw QueryLimitError("a prefix* stands for more than " + std::to_string(kMaxWildcardTerms) +
                       " words of the index; make the prefix longer");
    } catch (const Xapian::Error& e) {
      arkiv::query::throw_index_error("search failed", e);
    }
    if (!impl_->show_personal_data) {
      mask(res.query, personal_data_year(""));
      mask(res.suggestion, personal_data_year(""));
      for (std::string& w : res.words_in_no_record) mask(w, personal_data_year(""));
    }
    return res;
  });
}

void Searcher::prepare_facets() const {
  impl_->retry([&] {
    try {
      impl_->facets.prepare(impl_->db, impl_->shards.any_remote, impl_->generation);
    } catch (const Xapian::Error& e) {
      arkiv::query::throw_index_error("cannot read the facets", e);
    }
    return 0;
  });
}

std::optional<RecordInfo> Searcher::find(const std::string& id_or_path) const {
  return impl_->retry([&]() -> std::optional<RecordInfo> {
    bool is_id = id_or_path.size() == 32 &&
                 std::all_of(id_or_path.begin(), id_or_path.end(), [](char c) { return std::isxdigit(c); });
    auto term_of = [](const std::string& path) {
      return std::string(schema::kPrefixId) + ingest::record_id(fs::absolute(path).lexically_normal().string());
    };
    std::string term = is_id ? std::string(schema::kPrefixId) + id_or_path : term_of(id_or_path);
    try {
      // A name as arkiv shows it, "c/caf\xe9.txt" copied from a search,
      // names the file whose name has that byte (escape_name()); a file
      // really named with the text "\xe9" is found first.
      if (!is_id && impl_->db.postlist_begin(term) == impl_->db.postlist_end(term)) {
        const std::string bytes = unescape_name(id_or_path);
        if (bytes != id_or_path) term = term_of(bytes);
      }
      auto it = impl_->db.postlist_begin(term);
      if (it == impl_->db.postlist_end(term)) return std::nullopt;
      const Xapian::Document doc = impl_->db.get_document(*it);
      const std::optional<codec::RecordData> data = codec::get_data(doc);
      if (!data) return std::nullopt;
      const codec::RecordData& j = *data;
      RecordInfo r;
      r.id = j.source.id;
      r.path = j.source.path;
      r.abspath = j.source.abspath;
      r.title = j.title;
      r.format = j.format;
      r.extractor = j.extractor;
      r.status = codec::get_state(doc, &j).status;
      r.size = j.source.size;
      r.mtime = util::iso8601_utc(util::from_unix_ns(codec::get_mtime_ns(doc)));
      r.sha256 = j.source.sha256;
      r.indexed_at = j.indexed_at;
      r.events = codec::get_events(doc);
      r.page_count = j.page_count;
      r.record_date = j.record_date;
      r.record_date_rule = j.record_date_rule;
      r.type = codec::type_key(j.type);
      std::set<std::string> refs;
      for (const auto& c : j.references) refs.insert(c.ref);
      r.case_numbers = query::case_numbers(j);
      r.references.assign(refs.begin(), refs.end());
      r.meta = j.meta;
      r.diagnostics = j.diagnostics;
      for (const PageSpan& s : j.pages) r.pages.push_back(codec::get_page_text(doc, s.number));
      r.page_spans = j.pages;
      // Attachments: its own place, and for a decision, what it refers to.
      r.member = j.source.member;
      r.attachment_number = j.attachment_number;
      if (const std::optional<codec::HitSummary> hit = codec::get_hit(doc)) {
        Impl::FolderCache folders;
        r.parent = impl_->parent_of(*hit, folders);
        std::set<int> found;
        auto add = [&](const codec::HitSummary& a, const char* route) {
          AttachmentRef ar{a.bilaga, a.id, a.path, a.title, route};
          if (ar.id == r.id) return;
          for (const auto& known : r.attachments)
            if (known.id == ar.id) return;
          found.insert(ar.number);
          r.attachments.push_back(std::move(ar));
        };
        // Files inside it (embedded, attached, archived).
        const std::string children = std::string(schema::kPrefixParent) + r.id;
        for (auto p = impl_->db.postlist_begin(children); p != impl_->db.postlist_end(children); ++p) {
          const Xapian::Document child = impl_->db.get_document(*p);
          if (const std::optional<codec::HitSummary> a = codec::get_hit(child)) {
            add(*a, "embedded");
            continue;
          }
          // No record (no hit summary): not a document, or unreadable.
          // Listed all the same, so an archivist sees what the file holds.
          const std::optional<codec::RecordData> d = codec::get_data(child);
          if (!d) continue;
          const codec::State state = codec::get_state(child, &*d);
          r.attachments.push_back(
              {0, d->source.id, d->source.path, state.detail.empty() ? state.status : state.detail, "file", 0});
        }
        // Bilagor printed in it: a page that opens with "Bilaga N".
        for (const AttachmentPage& ap : j.attachment_pages) {
          AttachmentRef ar{ap.number, r.id, r.path, r.title, "page", ap.page};
          found.insert(ar.number);
          r.attachments.push_back(std::move(ar));
        }
        // "Bilaga N" files beside it that belong to it, not to another
        // record of the folder.
        const std::vector<Xapian::Query> both = {Impl::term(schema::kPrefixFolder, hit->folder),
                                                 Impl::term(schema::kPrefixRole, "bilaga")};
        Xapian::Enquire enq(impl_->db);
        enq.set_query(Xapian::Query(Xapian::Query::OP_AND, both.begin(), both.end()));
        Xapian::MSet m = enq.get_mset(0, impl_->db.get_doccount());
        for (auto a_it = m.begin(); a_it != m.end(); ++a_it) {
          const std::optional<codec::HitSummary> a = codec::get_hit(a_it.get_document());
          if (!a || a->bilaga <= 0 || !a->parent.empty()) continue;
          const Impl::FolderMain* owner = Impl::choose_parent(impl_->mains_of(hit->folder, folders), *a);
          // Its decision, or a copy of it (the same content).
          if (owner && (owner->hit.id == r.id || (!r.sha256.empty() && owner->sha256 == r.sha256))) add(*a, "folder");
        }
        for (int n : j.attachment_refs)
          if (!found.count(n)) r.unresolved.push_back(n);
        std::sort(r.attachments.begin(), r.attachments.end(), [](const AttachmentRef& a, const AttachmentRef& b) {
          if ((a.number == 0) != (b.number == 0)) return b.number == 0;
          if (a.number != b.number) return a.number < b.number;
          return a.path != b.path ? a.path < b.path : a.page < b.page;
        });
      }
      for (const codec::StoredActor& a : codec::get_actors(doc)) r.actors.push_back({actor_of(a), 1, a.mentions});
      if (!impl_->show_personal_data) mask(r);
      return r;
    } catch (const Xapian::Error& e) {
      arkiv::query::throw_index_error("lookup failed", e);
    }
  });
}

Timeline Searcher::timeline(const std::string& query, std::size_t max_records) const {
  return impl_->retry([&] {
    Xapian::Query q(Xapian::Query::OP_FILTER, impl_->parse(query),
                    Xapian::Query(std::string(schema::kPrefixStatus) + schema::kStatusOk));
    Timeline tl;
    std::vector<TimelineEvent>& events = tl.events;
    try {
      Xapian::Enquire enq(impl_->db);
      impl_->set_query(enq, q);
      Xapian::MSet mset = enq.get_mset(0, static_cast<Xapian::doccount>(max_records));
      for (auto m = mset.begin(); m != mset.end(); ++m) {
        const Xapian::Document doc = m.get_document();
        std::optional<codec::RecordData> j = codec::get_data(doc);
        if (!j) continue;
        PageTexts pages(doc, *j);
        for (codec::StoredDate& d : j->dates) {
          TimelineEvent ev;
          ev.start = std::move(d.start);
          ev.end = std::move(d.end_date);
          ev.precision = d.precision;
          ev.page = pages.page_of(d.begin);
          std::size_t b = d.begin, e = d.end;
          const std::string* text = pages.at(ev.page, b, e);
          if (!text) continue;
          ev.surface = text->substr(b, e - b);
          ev.text = analyze::sentence_at(*text, b);
          ev.id = j->source.id;
          ev.path = j->source.path;
          ev.title = j->title;
          ev.record_date = j->record_date;
          if (!impl_->show_personal_data) mask(ev);
          (d.resolved && !ev.start.empty() ? events : tl.unresolved).push_back(std::move(ev));
        }
      }
    } catch (const Xapian::Error& e) {
      arkiv::query::throw_index_error("timeline failed", e);
    }
    std::stable_sort(events.begin(), events.end(), [](const TimelineEvent& a, const TimelineEvent& b) {
      if (a.start != b.start) return a.start < b.start;
      return a.end < b.end;
    });
    return tl;
  });
}

namespace {

// The name of actor `id`, from the gazetteer, or as record `did` stores it.
std::string actor_name(const Xapian::Database& db, const std::string& id, Xapian::docid did) {
  if (const Actor* known = actors::gazetteer_actor(id)) return known->name;
  for (const codec::StoredActor& a : codec::get_actors(db.get_document(did)))
    if (a.id == id) return a.name;
  return id;
}

}  // namespace

std::vector<CaseRecord> Searcher::case_records(const std::string& dnr) const {
  return impl_->retry([&] {
    std::string canon = analyze::normalize_case_number(dnr);
    if (canon.empty()) canon = dnr;
    std::vector<CaseRecord> out;
    try {
      Xapian::Enquire enq(impl_->db);
      enq.set_query(Xapian::Query(std::string(schema::kPrefixCase) + canon));
      impl_->sort_by_date(enq, false);
      Xapian::MSet mset = enq.get_mset(0, impl_->db.get_doccount());
      for (const Xapian::MSetIterator& m : impl_->in_date_order(mset)) {
        // The hit summary has all a case listing shows; the record data may
        // be large.
        const Xapian::Document doc = m.get_document();
        const std::optional<codec::HitSummary> j = codec::get_hit(doc);
        if (!j) continue;
        out.push_back({j->id, j->path, j->title, codec::type_key(j->type), j->date, {}, {}});
        // Its organisation: the one its scoped case term names.
        const std::string scoped = schema::kPrefixCaseOrg;
        auto t = doc.termlist_begin();
        for (t.skip_to(scoped); t != doc.termlist_end() && (*t).compare(0, scoped.size(), scoped) == 0; ++t) {
          const std::string term = *t;
          const std::size_t colon = term.find(':', scoped.size());
          if (colon != std::string::npos && term.compare(colon + 1, std::string::npos, canon) == 0) {
            out.back().organisation_id = term.substr(scoped.size(), colon - scoped.size());
            out.back().organisation = actor_name(impl_->db, out.back().organisation_id, *m);
            break;
          }
        }
        if (!impl_->show_personal_data) mask(out.back());
      }
      // A number one organisation uses is its case: a record of the number
      // whose first page names no organisation (a bilaga, a letter without
      // letterhead) belongs to it. Used by several, each organisation's
      // records together, those of no known organisation last; by date
      // within.
      std::set<std::string> orgs;
      for (const CaseRecord& r : out)
        if (!r.organisation_id.empty()) orgs.insert(r.organisation_id);
      if (orgs.size() == 1) {
        const auto named = std::find_if(out.begin(), out.end(), [](const CaseRecord& r) { return !r.organisation_id.empty(); });
        const std::string id = named->organisation_id, name = named->organisation;
        for (CaseRecord& r : out) r.organisation_id = id, r.organisation = name;
      }
      std::stable_sort(out.begin(), out.end(), [](const CaseRecord& a, const CaseRecord& b) {
        if (a.organisation_id.empty() != b.organisation_id.empty()) return b.organisation_id.empty();
        return a.organisation_id < b.organisation_id;
      });
    } catch (const Xapian::Error& e) {
      arkiv::query::throw_index_error("case lookup failed", e);
    }
    return out;
  });
}

std::vector<CaseCount> Searcher::cases() const {
  return impl_->retry([&] {
    std::vector<CaseCount> out;
    const std::string prefix = schema::kPrefixCase;
    try {
      // The case terms are boolean: a term's frequency is its records.
      // A number some organisations use is counted for each of them, and
      // the rest (records of no known organisation) apart.
      std::map<std::string, std::size_t> scoped_records;  // dnr -> records of some organisation
      const std::string scoped = schema::kPrefixCaseOrg;
      for (auto t = impl_->db.allterms_begin(scoped); t != impl_->db.allterms_end(scoped); ++t) {
        const std::string term = *t;
        const std::size_t colon = term.find(':', scoped.size());
        if (colon == std::string::npos) continue;
        CaseCount c{term.substr(colon + 1), t.get_termfreq(), term.substr(scoped.size(), colon - scoped.size()), {}};
        c.organisation = actor_name(impl_->db, c.organisation_id, *impl_->db.postlist_begin(term));
        scoped_records[c.dnr] += c.records;
        out.push_back(std::move(c));
      }
      // A number only one organisation uses is its case, its records of
      // no known organisation included (as case_records() lists them).
      std::map<std::string, std::size_t> only;  // dnr -> its place in out, if one organisation uses it
      for (std::size_t i = 0; i < out.size(); ++i)
        if (!only.emplace(out[i].dnr, i).second) only[out[i].dnr] = out.size();
      for (auto t = impl_->db.allterms_begin(prefix); t != impl_->db.allterms_end(prefix); ++t) {
        const std::string dnr = (*t).substr(prefix.size());
        const auto in_some = scoped_records.find(dnr);
        const std::size_t rest = t.get_termfreq() - (in_some == scoped_records.end() ? 0 : in_some->second);
        if (rest == 0) continue;
        if (const auto one = only.find(dnr); one != only.end() && one->second < out.size()) {
          out[one->second].records += rest;
        } else {
          out.push_back({dnr, rest, {}, {}});
        }
      }
    } catch (const Xapian::Error& e) {
      arkiv::query::throw_index_error("case listing failed", e);
    }
    return out;
  });
}

std::vector<ActorCount> Searcher::actors(const std::string& query, std::optional<ActorType> type) const {
  return impl_->retry([&] {
    std::map<std::string, ActorCount> counts;
    const Xapian::Database& db = impl_->db;
    try {
      if (query.empty()) {
        // The whole index: the vocabulary has it all. Records per actor is
        // the term's frequency, mentions its collection frequency (one
        // position per mention); name and type come from one record.
        const std::string prefix = schema::kPrefixActor;
        for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
          const std::string id = (*t).substr(prefix.size());
          ActorCount c;
          c.records = t.get_termfreq();
          c.mentions = db.get_collection_freq(*t);
          if (const Actor* known = actors::gazetteer_actor(id)) {
            c.actor = *known;
          } else {
            auto p = db.postlist_begin(*t);
            for (const codec::StoredActor& a : codec::get_actors(db.get_document(*p)))
              if (a.id == id) c.actor = actor_of(a);
            if (c.actor.id.empty()) c.actor.id = id;
          }
          counts.emplace(id, std::move(c));
        }
      } else {
        Xapian::Enquire enq(db);
        impl_->set_query(enq, Xapian::Query(Xapian::Query::OP_FILTER, impl_->parse(query),
                                            Xapian::Query(std::string(schema::kPrefixStatus) + schema::kStatusOk)));
        Xapian::MSet mset = enq.get_mset(0, db.get_doccount());
        for (auto m = mset.begin(); m != mset.end(); ++m) {
          for (const codec::StoredActor& a : codec::get_actors(m.get_document())) {
            auto [it, fresh] = counts.try_emplace(a.id);
            if (fresh) it->second.actor = actor_of(a);
            it->second.records += 1;
            it->second.mentions += a.mentions;
          }
        }
      }
    } catch (const Xapian::Error& e) {
      arkiv::query::throw_index_error("cannot list actors", e);
    }
    std::vector<ActorCount> out;
    for (auto& [id, c] : counts)
      if (!type || c.actor.type == *type) out.push_back(std::move(c));
    return out;
  });
}

std::optional<ActorReferences> Searcher::actor_references(const std::string& name) const {
  return impl_->retry([&]() -> std::optional<ActorReferences> {
    const Xapian::Database& db = impl_->db;
    const std::string prefix = schema::kPrefixActor;
    try {
      // The actor: the first id `name` resolves to that records mention, or
      // the actor of a form a record defined ("FPX").
      std::string id;
      for (const std::string& candidate : actors::resolve(name))
        if (id.empty() && db.get_termfreq(prefix + candidate) > 0) id = candidate;
      const std::string form = std::string(schema::kPrefixActorForm) + actors::slug(name);
      if (id.empty() && db.get_termfreq(form) > 0) {
        // A record that used the form knows which of its actors it named.
        for (const codec::StoredActor& a : codec::get_actors(db.get_document(*db.postlist_begin(form)))) {
          bool named = actors::slug(a.name) == actors::slug(name);
          for (const std::string& alias : a.aliases) named = named || actors::slug(alias) == actors::slug(name);
          if (named && id.empty()) id = a.id;
        }
      }
      if (id.empty()) return std::nullopt;

      ActorReferences out;
      Xapian::Enquire enq(db);
      enq.set_query(Xapian::Query(prefix + id));
      impl_->sort_by_date(enq, false, true);
      Xapian::MSet mset = enq.get_mset(0, db.get_doccount());
      for (const Xapian::MSetIterator& m : impl_->in_date_order(mset, true)) {
        const Xapian::Document doc = m.get_document();
        const std::optional<codec::RecordData> j = codec::get_data(doc);
        if (!j) continue;
        if (out.actor.id.empty()) {
          for (const codec::StoredActor& a : codec::get_actors(doc))
            if (a.id == id) out.actor = actor_of(a);
        }
        PageTexts pages(doc, *j);
        for (const codec::StoredMention& mention : j->mentions_of(id)) {
          ActorReference r;
          r.id = j->source.id;
          r.path = j->source.path;
          r.title = j->title;
          r.date = j->record_date;
          r.page = pages.page_of(mention.begin);
          std::size_t b = mention.begin, e = mention.end;
          const std::string* page = pages.at(r.page, b, e);
          if (!page) continue;
          const std::string& text = *page;
          r.surface = text.substr(b, e - b);
          std::replace(r.surface.begin(), r.surface.end(), '\n', ' ');
          std::size_t at = 0;
          r.context = analyze::sentence_at(text, b, &at);
          r.highlight = {std::min(at, r.context.size()), std::min(at + (e - b), r.context.size())};
          if (!impl_->show_personal_data) mask(r);
          out.mentions.push_back(std::move(r));
        }
      }
      if (out.actor.id.empty()) out.actor.id = id;
      return out;
    } catch (const Xapian::Error& e) {
      arkiv::query::throw_index_error("cannot list mentions", e);
    }
  });
}

IndexStats Searcher::stats() const {
  return impl_->retry([&] {
    IndexStats s;
    s.indexes = impl_->locations;
    try {
      const Xapian::Database& db = impl_->db;
      s.records = db.get_termfreq(std::string(schema::kPrefixStatus) + schema::kStatusOk) +
                  db.get_termfreq(std::string(schema::kPrefixStatus) + diag_key(DiagKind::kNoText));
      s.failed = db.get_doccount() - s.records;
      for (auto v = db.valuestream_begin(schema::kSlotPages); v != db.valuestream_end(schema::kSlotPages); ++v)
        s.pages += static_cast<std::size_t>(codec::parse_page_count(*v));
      for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t) ++s.terms;
      // Metadata is each shard's own (a database of several reads the
      // first one's): the latest of them. ISO 8601 UTC sorts as text.
      for (const Xapian::Database& shard : impl_->shards.opened)
        s.last_indexed = std::max(s.last_indexed, shard.get_metadata(schema::kMetaLastIndexed));
    } catch (const Xapian::Error& e) {
      arkiv::query::throw_index_error("cannot read index statistics", e);
    }
    for (const query::ShardLocation& shard : impl_->shards.all) {
      std::error_code ec;
      if (shard.remote() || !fs::is_directory(shard.path, ec)) continue;
      for (const auto& e : fs::directory_iterator(shard.path, ec))
        if (e.is_regular_file(ec)) s.bytes_on_disk += e.file_size(ec);
    }
    return s;
  });
}

}  // namespace arkiv
