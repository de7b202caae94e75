// The real-needs judged set (tests/data/realworld/needs.tsv, issue 22 item
// 7): searches a reader of the 45 real Swedish authority PDFs in
// ../shared/data/realworld/swedish/ makes, written and judged by reading the
// PDFs before arkiv was run on them. The folder's PDFs are indexed once
// (Swedish analysis, the default; OCR for the scans), every need goes
// through `arkiv search --json`, and the figures are held to floors
// a little under what arkiv achieves today, so that a change that loses
// recall, rank or the page that answers fails here. A negative (a need no
// file answers) must come back empty; a failure names the need.
//
// tools/realworld-needs measures the same set for the default analysis and
// for --analysis snowball and lists every miss; this test holds the default
// one, in one test so that the index is made once. It is not the golden
// test's index: that one is the whole folder, text/ included, without OCR.
// Skipped when ../shared is not there (a clone without the project's shared
// material), as realworld_golden_test.cc is.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "process.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const fs::path kFolder = fs::path(ARKIV_SOURCE_DIR) / ".." / "shared" / "data" / "realworld" / "swedish";
const fs::path kNeeds = fs::path(ARKIV_SOURCE_DIR) / "tests" / "data" / "realworld" / "needs.tsv";
constexpr std::size_t kLimit = 10;

// One line of needs.tsv: relevant file name -> the pages that answer (empty:
// the file as a whole; empty map: a negative).
struct Need {
  std::string id, kind, query;
  std::map<std::string, std::set<int>> relevant;
  bool paged() const {
    return !relevant.empty() &&
           std::all_of(relevant.begin(), relevant.end(), [](const auto& r) { return !r.second.empty(); });
  }
};

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string x; std::getline(in, x, sep);) out.push_back(x);
  return out;
}

std::vector<Need> read_needs() {
  std::ifstream in(kNeeds);
  std::vector<Need> needs;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    const std::vector<std::string> f = split(line, '\t');
    EXPECT_EQ(f.size(), 5u) << line;
    if (f.size() != 5) continue;
    Need n{f[0], f[1], f[2], {}};
    for (const std::string& item : split(f[3], ',')) {
      const std::size_t colon = item.find(':');
      std::set<int>& pages = n.relevant[item.substr(0, colon)];
      if (colon != std::string::npos)
        for (const std::string& p : split(item.substr(colon + 1), '/')) pages.insert(std::stoi(p));
    }
    needs.push_back(std::move(n));
  }
  return needs;
}

// The file a hit is in: an attachment's path is "<container>#<member>".
std::string file_of(const json& hit) {
  const std::string path = hit.value("path", "");
  return fs::path(path.substr(0, path.find('#'))).filename().string();
}

struct Score {
  int n = 0;  // needs with relevant files
  double recall = 0, rr = 0;
  int paged = 0, page_right = 0;
};

arkiv::test::RunResult run_arkiv(const std::string& index, std::vector<std::string> args) {
  args.insert(args.begin(), {ARKIV_BIN, "--index", index});
  arkiv::test::RunOptions o;
  o.env = {{"LANG", "C.UTF-8"}, {"NO_COLOR", "1"}};
  o.unset = {"LC_ALL", "LC_MESSAGES", "ARKIV_INDEX", "OMP_THREAD_LIMIT"};
  return arkiv::test::run(args, o);
}

// Today's figures less 0.02 (one need more lost in a kind of 4 to 14 needs
// takes off 0.07 or more): a regression in any kind fails, a gain passes.
// Measured 2026-12-05 with this test's index (below); tools/realworld-needs
// prints the same table (its index also reads the SJVFS forms by OCR, which
// moves one page, qst06).
struct KindFloor {
  const char* kind;
  double recall, mrr;
};
constexpr KindFloor kFloors[] = {
    {"inflection", 0.98, 0.98},    // 1.000 1.000
    {"compound", 0.98, 0.98},      // 1.000 1.000 (0.600 before the query side split compounds)
    {"hyphen", 0.98, 0.98},        // 1.000 1.000
    {"acronym", 0.86, 0.79},       // 0.889 0.815: OVK (no such name in the text), SKL's series code first
    {"nodiacritics", 0.98, 0.98},  // 1.000 1.000 (0.833 before a folded word had the folded stem)
    {"numbers", 0.98, 0.98},       // 1.000 1.000
    {"question", 0.98, 0.98},      // 1.000 1.000
    {"actor", 0.93, 0.98},         // 0.952 1.000: "Freivalds" alone in prop. 1999/2000:17
    {"phrase", 0.98, 0.98},        // 1.000 1.000
};
// All 73 needs: recall@10 0.982, MRR 0.977, page 0.967 (58 of 60; 54
// when pages counted expansions as words of their own and words apart
// as together, 41 when the first page with one of the words was cited
// first); negatives: all 7 empty (6 while "licensjakt varg" fell back to
// the records with "varg").
constexpr double kFloorRecall = 0.96, kFloorMrr = 0.96, kFloorPage = 0.95;
constexpr int kFloorEmptyNegatives = 7;

TEST(RealWorldNeeds, RecallRankAndPageOnTheJudgedSet) {
  if (!fs::is_directory(kFolder)) GTEST_SKIP() << "no " << kFolder << " (only in the project's shared material)";
  const std::vector<Need> needs = read_needs();
  ASSERT_GE(needs.size(), 48u);

  // The folder's 45 PDFs, not its text/ subfolder: the needs were judged on
  // those, and a negative checked against them. The four scans are read by
  // OCR, as `arkiv index` does by default; the text-layer files without it,
  // which leaves out only the 24 form pages of the two SJVFS files (no need
  // is on them) and saves three quarters of the OCR time. `--ocr force` on
  // the scans also says when this arkiv has no OCR.
  std::vector<std::string> text = {"index", "--ocr", "never"}, scans = {"index", "--ocr", "force"};
  for (const auto& e : fs::directory_iterator(kFolder)) {
    std::string ext = e.path().extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    if (!e.is_regular_file() || ext != ".pdf") continue;
    const std::string path = fs::weakly_canonical(e.path()).string();
    (e.path().filename().string().find("_scanned") != std::string::npos ? scans : text).push_back(path);
  }
  ASSERT_EQ(text.size() - 3 + scans.size() - 3, 45u);
  arkiv::test::TempDir dir;
  const std::string index = dir / "index";
  const arkiv::test::RunResult read_text = run_arkiv(index, text);
  ASSERT_TRUE(read_text.status == 0 || read_text.status == 3) << read_text.err;
  const arkiv::test::RunResult read_scans = run_arkiv(index, scans);
  if (read_scans.err.find("OCR is not available") != std::string::npos) GTEST_SKIP() << read_scans.err;
  ASSERT_TRUE(read_scans.status == 0 || read_scans.status == 3) << read_scans.err;

  std::map<std::string, Score> by_kind;
  int negatives = 0, empty = 0;
  std::string not_empty;  // the negatives with hits, named
  for (const Need& need : needs) {
    const arkiv::test::RunResult r =
        run_arkiv(index, {"search", need.query, "--json", "--limit", std::to_string(kLimit)});
    ASSERT_TRUE(r.status == 0 || r.status == 1) << need.id << ": " << r.err;
    const json j = json::parse(r.out, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << need.id << ": " << r.out;
    const json& hits = j.at("hits");
    if (need.relevant.empty()) {
      ++negatives;
      if (hits.empty()) {
        ++empty;
        continue;
      }
      not_empty += " " + need.id + " (" + need.query + ": " + file_of(hits[0]) + ")";
      // No record answers a negative: arkiv may offer records with some of
      // the words, said as such, never one as a match of the whole query.
      EXPECT_EQ(j.value("matched", ""), "some")
          << "negative " << need.id << " (" << need.query << ") is answered by " << file_of(hits[0]);
      continue;
    }
    std::set<std::string> found;
    std::size_t rank = 0;
    for (std::size_t i = 0; i < hits.size() && i < kLimit; ++i) {
      if (!need.relevant.count(file_of(hits[i]))) continue;
      found.insert(file_of(hits[i]));
      if (!rank) rank = i + 1;
    }
    for (const std::string& key : {need.kind, std::string("all")}) {
      Score& s = by_kind[key];
      ++s.n;
      s.recall += double(found.size()) / need.relevant.size();
      s.rr += rank ? 1.0 / rank : 0.0;
      if (!need.paged()) continue;
      ++s.paged;
      if (!rank) continue;
      // The page of a hit a reader is sent to first: the first it cites.
      const json& hit = hits[rank - 1];
      const int cited = hit.contains("pages") && !hit["pages"].empty() ? hit["pages"][0].get<int>() : 0;
      s.page_right += need.relevant.at(file_of(hit)).count(cited) > 0;
    }
  }

  std::printf("| kind | needs | recall@10 | MRR | page |\n|---|---|---|---|---|\n");
  for (auto& [kind, s] : by_kind) {
    s.recall /= s.n, s.rr /= s.n;
    std::printf("| %s | %d | %.3f | %.3f | %d/%d |\n", kind.c_str(), s.n, s.recall, s.rr, s.page_right, s.paged);
  }
  for (const KindFloor& f : kFloors) {
    ASSERT_TRUE(by_kind.count(f.kind)) << "no needs of kind " << f.kind;
    EXPECT_GE(by_kind.at(f.kind).recall, f.recall) << f.kind;
    EXPECT_GE(by_kind.at(f.kind).rr, f.mrr) << f.kind;
  }
  const Score& all = by_kind.at("all");
  EXPECT_GE(all.recall, kFloorRecall);
  EXPECT_GE(all.rr, kFloorMrr);
  EXPECT_GE(double(all.page_right) / all.paged, kFloorPage);
  EXPECT_GE(empty, kFloorEmptyNegatives) << "of " << negatives << " negatives; with hits:" << not_empty;
}

}  // namespace
