// The bounds on the work the indexing process does on one record after
// extraction (issue 21 item 2): a record's text is cut at
// IndexOptions::max_record_text_bytes, its analysis stops at its deadline,
// and either way the record is indexed with what was kept, says so in its
// diagnostics (what `arkiv show` prints), and is found by its words.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <string>

#include "../scratch.h"
#include "arkiv/analysis.h"
#include "arkiv/pipeline.h"

namespace arkiv {
namespace {

using std::chrono::steady_clock;
using test::Scratch;

const Diagnostic* find_diag(const std::vector<Diagnostic>& diags, DiagKind kind) {
  auto it = std::find_if(diags.begin(), diags.end(), [&](const Diagnostic& d) { return d.kind == kind; });
  return it == diags.end() ? nullptr : &*it;
}

NormalizedDoc normalized(const std::string& text) {
  ExtractedDoc ex;
  ex.source.path = ex.source.abspath = "beslut.txt";
  ex.source.id = "0";
  ex.format = "text";
  ex.pages.push_back({1, text});
  ex.page_count = 1;
  return normalize::normalize(std::move(ex), {});
}

TEST(AnalysisDeadline, StopsBeforeTheFirstStepPastItAndSaysWhere) {
  const NormalizedDoc doc = normalized(
      "Kommunstyrelsen beslutade den 15 mars 2019, dnr KS 2019/123, personnummer 19811218-9876.\n");
  struct {
    const char* name;
    steady_clock::time_point deadline;
    bool stopped;
  } cases[] = {
      {"no deadline", steady_clock::time_point::max(), false},
      {"an hour away", steady_clock::now() + std::chrono::hours(1), false},
      {"passed", steady_clock::now() - std::chrono::seconds(1), true},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const AnalyzedDoc a = analyze::analyze(doc, c.deadline);
    const Diagnostic* d = find_diag(a.diagnostics, DiagKind::kAnalysisStopped);
    EXPECT_EQ(d != nullptr, c.stopped);
    EXPECT_EQ(a.dates.empty(), c.stopped);
    EXPECT_EQ(a.case_numbers.empty(), c.stopped);
    EXPECT_EQ(a.personal_numbers.empty(), c.stopped);
    if (d) {
      EXPECT_EQ(d->detail, "analysis stopped at the file's time limit before finding the record's date (" +
                               std::to_string(doc.text.size()) + " bytes of text)");
      EXPECT_FALSE(diag_is_fatal(d->kind));
      EXPECT_STREQ(diag_key(d->kind), "analysis-stopped");
    }
  }
  // Without a deadline, the same as the one-argument analyze().
  EXPECT_EQ(analyze::analyze(doc).dates.size(), analyze::analyze(doc, steady_clock::time_point::max()).dates.size());
}

// Page `n` of a text file: its own word ("sidord<n>"), padded with prose
// to `bytes` bytes, pages separated by form feeds.
std::string pages(int count, std::size_t bytes) {
  std::string out;
  for (int n = 1; n <= count; ++n) {
    std::string page = "sidord" + std::to_string(n) + " ";
    while (page.size() + 40 <= bytes) page += "Kommunstyrelsen beslutade att bifalla. ";
    page.resize(bytes, 'a');  // no trailing blank a reader might trim
    out += page;
    if (n < count) out += '\f';
  }
  return out;
}

TEST(RecordTextLimit, CutsTheTextAndKeepsTheRecordFoundByWhatWasKept) {
  struct {
    const char* name;
    int pages;
    std::size_t page_bytes;
    std::size_t limit;
    int last_found;  // the last page whose word is found; the rest are not
    const char* detail;  // of the record-text-cut diagnostic; nullptr: none
  } cases[] = {
      {"under the limit", 3, 1000, 4000, 3, nullptr},
      {"exactly the limit", 4, 1000, 4000, 4, nullptr},
      {"cut in page 3", 5, 1000, 2500, 3, "record text cut at 2500 bytes, in page 3 of 5"},
      {"cut in the only page", 1, 4000, 10, 1, "record text cut at 10 bytes, in page 1 of 1"},
      {"cut at a page's start", 3, 1000, 1000, 1, "record text cut at 1000 bytes, in page 2 of 3"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    Scratch s;
    s.write("rapport.txt", pages(c.pages, c.page_bytes));
    IndexOptions opts;
    opts.max_record_text_bytes = c.limit;
    const IndexSummary sum = s.index(opts);
    EXPECT_EQ(sum.indexed, 1u);
    EXPECT_TRUE(sum.skipped.empty());
    const auto rec = Searcher(s.search_options()).find(s.path("rapport.txt"));
    ASSERT_TRUE(rec);
    EXPECT_EQ(rec->status, "ok");
    const Diagnostic* d = find_diag(rec->diagnostics, DiagKind::kRecordTextCut);
    EXPECT_EQ(d != nullptr, c.detail != nullptr);
    if (d && c.detail) {
      EXPECT_EQ(d->detail, c.detail);
      EXPECT_STREQ(diag_key(d->kind), "record-text-cut");
    }
    std::size_t text = 0;
    for (const std::string& p : rec->pages) text += p.size();
    EXPECT_LE(text, c.limit);
    for (int n = 1; n <= c.pages; ++n)
      EXPECT_EQ(s.search("sidord" + std::to_string(n)).hits.size(), n <= c.last_found ? 1u : 0u) << "page " << n;
  }
}

TEST(RecordTextLimit, ACutNeverSplitsACharacter) {
  Scratch s;
  s.write("å.txt", "ååå åäö");  // two bytes each; a limit of 5 falls inside the third
  IndexOptions opts;
  opts.max_record_text_bytes = 5;
  s.index(opts);
  const auto rec = Searcher(s.search_options()).find(s.path("å.txt"));
  ASSERT_TRUE(rec);
  ASSERT_EQ(rec->pages.size(), 1u);
  EXPECT_EQ(rec->pages[0], "åå");
}

TEST(AnalysisDeadline, ARecordPastItIsIndexedWithItsWordsAndSaysItStopped) {
  Scratch s;
  // A quarter MiB: normalizing it alone takes longer than the 1 ms given.
  s.write("lang.txt", "unikaordet " + pages(1, 256 << 10) + " 15 mars 2019");
  IndexOptions opts;
  opts.max_analysis_time = std::chrono::milliseconds(1);
  const IndexSummary sum = s.index(opts);
  EXPECT_EQ(sum.indexed, 1u);
  EXPECT_TRUE(sum.skipped.empty());
  const auto rec = Searcher(s.search_options()).find(s.path("lang.txt"));
  ASSERT_TRUE(rec);
  EXPECT_EQ(rec->status, "ok");
  const Diagnostic* d = find_diag(rec->diagnostics, DiagKind::kAnalysisStopped);
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->detail.rfind("analysis stopped at the file's time limit before finding ", 0), 0u) << d->detail;
  EXPECT_EQ(s.search("unikaordet").hits.size(), 1u);
  // The default budget (the file's time limit) lets the same record through.
  Scratch t;
  t.write("lang.txt", "unikaordet " + pages(1, 256 << 10) + " 15 mars 2019");
  t.index();
  const auto whole = Searcher(t.search_options()).find(t.path("lang.txt"));
  ASSERT_TRUE(whole);
  EXPECT_EQ(find_diag(whole->diagnostics, DiagKind::kAnalysisStopped), nullptr);
}

}  // namespace
}  // namespace arkiv
