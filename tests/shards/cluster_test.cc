// A cluster of shards on loopback, as #26 asks: a generated corpus indexed
// by `arkiv index` into 3 and into 8 shards and into one merged index; the
// shards served by xapian-tcpsrv on 127.0.0.1 and named in shard lists
// (stub files); every query of a set of 200+ (the corpus's words, pairs,
// ORs, NOTs, wildcards, phrases, filters, date orders) answered over the
// shards as over the merged index, top 10 ids and scores; a dead shard, a
// hung one and one of an older schema; and each command that reads the
// index run once over a shard list.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "arkiv/search.h"
#include "codec/format.h"
#include "process.h"
#include "../loopback.h"

namespace fs = std::filesystem;
using arkiv::test::RunResult;
using json = nlohmann::json;

namespace arkiv {
namespace {

// The corpus's words: council business, with shared beginnings for the
// wildcards ("samverk*", "skol*", "bygg*").
const std::vector<std::string> kWords = {
    "kommunstyrelsen", "samverkan",     "samverka",        "samverkansavtal", "avtal",         "beslut",
    "budget",          "skola",         "skolskjuts",      "skolgård",        "förskola",      "vatten",
    "avlopp",          "detaljplan",    "bygglov",         "byggnadsnämnden", "byggnad",       "miljö",
    "trafik",          "cykelväg",      "upphandling",     "ekonomi",         "personal",      "revision",
    "partnerskap",     "vänort",        "delegation",      "yttrande",        "remiss",        "motion",
    "interpellation",  "taxa",          "avgift",          "renhållning",     "bibliotek",     "kultur",
    "idrott",          "simhall",       "äldreomsorg",     "hemtjänst",       "socialnämnden", "förvaltning",
    "riktlinjer",      "policy",        "handlingsplan",   "uppföljning",     "rapport",       "årsredovisning",
    "investering",     "fastighet",     "lärare",          "elever",          "integration",   "bostäder",
    "exploatering",    "markanvisning", "energi",          "solceller",       "klimat",        "krisberedskap",
    "brandskydd",      "folkhälsa",     "ungdomar",        "fritidsgård",     "näringsliv",    "turism",
    "besöksnäring",    "hamn",          "järnväg",         "kollektivtrafik", "parkering",     "gatubelysning",
    "snöröjning",      "vinterväghållning", "digitalisering", "bredband",     "arkiv",         "diarium"};
const std::vector<std::string> kCases = {"KS 2015/456", "KS 2016/12", "BN 2017/88", "SN 2018/301", "KS 2019/7"};
const std::vector<std::string> kActors = {"Trafikverket", "Sveriges Kommuner och Regioner (SKR)", "Gävle kommun"};
constexpr int kRecords = 240;

std::string record_text(int i, std::mt19937& rng) {
  auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
  std::string t = "Protokoll " + std::to_string(i) + " om " + kWords[pick(kWords.size())] + "\n\n";
  if (i % 5 != 0) {  // every fifth record undated
    const int year = 2015 + static_cast<int>(pick(6));
    char date[16];
    std::snprintf(date, sizeof date, "%d-%02d-%02d", year, 1 + static_cast<int>(pick(12)), 1 + static_cast<int>(pick(28)));
    t += std::string("Sammanträdesdatum ") + date + "\n\n";
  }
  if (i % 3 == 0) t += "Dnr " + kCases[pick(kCases.size())] + "\n\n";
  if (i % 4 == 0) t += kActors[pick(kActors.size())] + " har yttrat sig i ärendet.\n\n";
  if (i % 6 == 0) t += "Den 12 maj 2018 beslutade kommunstyrelsen om " + kWords[pick(kWords.size())] + ".\n\n";
  const std::size_t n = 30 + pick(120);
  for (std::size_t w = 0; w < n; ++w) {
    t += kWords[pick(w % 7 == 0 ? kWords.size() : 20 + kWords.size() / 3)];
    t += (w % 12 == 11) ? ".\n" : " ";
  }
  return t + "\n";
}


using arkiv::test::accepts_on_loopback;


RunResult arkiv(const std::vector<std::string>& args, const std::string& cwd) {
  std::vector<std::string> argv{ARKIV_BIN};
  argv.insert(argv.end(), args.begin(), args.end());
  arkiv::test::RunOptions o;
  o.cwd = cwd;
  o.env = {{"LANG", "C.UTF-8"}, {"LC_ALL", "C.UTF-8"}};
  o.unset = {"ARKIV_INDEX", "LANGUAGE"};
  return arkiv::test::run(argv, o);
}

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

// The corpus, its indexes and the servers, made once for the suite.
class Cluster : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!fs::exists("/usr/bin/xapian-tcpsrv")) return;
    dir_ = new arkiv::test::TempDir();
    const std::string root = dir_->path();
    std::mt19937 rng(26);
    // Record i is in part i % 8; the 3-shard split takes the same files
    // by i % 3, through folders of links.
    for (int i = 0; i < kRecords; ++i) {
      const std::string name = "r" + std::to_string(1000 + i) + ".txt";
      arkiv::test::write_file(root + "/c8/p" + std::to_string(i % 8) + "/" + name, record_text(i, rng));
    }
    auto index = [&](const std::string& into, const std::vector<std::string>& paths) {
      std::vector<std::string> args{"--index", into, "index"};
      args.insert(args.end(), paths.begin(), paths.end());
      const RunResult r = arkiv(args, root);
      ASSERT_EQ(r.status, 0) << r.err;
    };
    std::vector<std::string> all;
    for (int k = 0; k < 8; ++k) all.push_back("c8/p" + std::to_string(k));
    index("merged", all);
    for (int k = 0; k < 8; ++k) index("s8/" + std::to_string(k), {"c8/p" + std::to_string(k)});
    // Three shards: parts {0,3,6}, {1,4,7}, {2,5}.
    for (int k = 0; k < 3; ++k) {
      std::vector<std::string> parts;
      for (int p = k; p < 8; p += 3) parts.push_back("c8/p" + std::to_string(p));
      index("s3/" + std::to_string(k), parts);
    }
    std::string stub3 = "# three shards on loopback\n", stub8, mixed = "glass s3/0\n";
    for (int k = 0; k < 3; ++k) {
      const unsigned port = serve(root + "/s3/" + std::to_string(k));
      ports3_.push_back(port);
      stub3 += "remote 127.0.0.1:" + std::to_string(port) + "\n";
      if (k > 0) mixed += "remote 127.0.0.1:" + std::to_string(port) + "\n";
    }
    for (int k = 0; k < 8; ++k) stub8 += "remote 127.0.0.1:" + std::to_string(serve(root + "/s8/" + std::to_string(k))) + "\n";
    arkiv::test::write_file(root + "/three.stub", stub3);
    arkiv::test::write_file(root + "/eight.stub", stub8);
    arkiv::test::write_file(root + "/lists/mixed.stub", "# a local shard beside remote ones\n" +
                                                            std::string("glass ../s3/0\n") + mixed.substr(mixed.find('\n') + 1));
  }

  static void TearDownTestSuite() {
    for (pid_t p : servers_) {
      ::kill(-p, SIGTERM);  // the server and the processes it forked
      ::waitpid(p, nullptr, 0);
    }
    servers_.clear();
    delete dir_;
    dir_ = nullptr;
  }

  void SetUp() override {
    if (!dir_) GTEST_SKIP() << "xapian-tcpsrv not installed";
  }

  // Serves `db` on a free loopback port (another one if the port was
  // taken meanwhile); its port.
  static unsigned serve(const std::string& db) {
    for (int attempt = 0; attempt < 10; ++attempt) {
      const unsigned port = arkiv::test::unused_loopback_port();
      const pid_t p = arkiv::test::spawn(
          {"/usr/bin/xapian-tcpsrv", "--interface", "127.0.0.1", "--port", std::to_string(port), db});
      for (int wait = 0; wait < 100; ++wait) {
        if (accepts_on_loopback(port)) {
          servers_.push_back(p);
          return port;
        }
        if (::waitpid(p, nullptr, WNOHANG) == p) break;  // exited: the port was taken
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
      ::kill(p, SIGTERM);
      ::waitpid(p, nullptr, 0);
    }
    ADD_FAILURE() << "xapian-tcpsrv would not start for " << db;
    return 0;
  }

  static std::string path(const std::string& name) { return dir_->path() + "/" + name; }

  // A run of each command that reads the index (but stats, compared on
  // its own), with what it reads; r1003 is in shard s3/0.
  static std::vector<std::vector<std::string>> reading_commands() {
    return {{"search", "samverkan"}, {"search", "--sort", "date", "beslut"},
            {"show", path("c8/p3/r1003.txt")},
            {"actors"}, {"refs", "Trafikverket"}, {"timeline", "kommunstyrelsen"},
            {"cases"}, {"case", kCases[0]}};
  }

  static inline arkiv::test::TempDir* dir_ = nullptr;
  static inline std::vector<pid_t> servers_;
  static inline std::vector<unsigned> ports3_;
};

struct Query {
  std::string text;
  SortOrder sort = SortOrder::kRelevance;
};

// 200+ queries from the corpus's vocabulary, its filters and its orders.
std::vector<Query> query_set() {
  std::vector<Query> out;
  std::mt19937 rng(2026);
  auto word = [&] { return kWords[rng() % kWords.size()]; };
  for (const std::string& w : kWords) out.push_back({w});
  for (int i = 0; i < 40; ++i) out.push_back({word() + " " + word()});
  for (int i = 0; i < 20; ++i) out.push_back({word() + " OR " + word()});
  for (int i = 0; i < 10; ++i) out.push_back({word() + " NOT " + word()});
  for (int i = 0; i < 10; ++i) out.push_back({"\"" + word() + " " + word() + "\""});
  for (const char* w : {"samverk*", "skol*", "bygg*", "sam*", "för*", "ä*", "bud*", "kommun*", "tra*", "b*",
                        "vinter* snöröjning", "avtal OR samverk*", "trafik*", "soc*", "hem*"})
    out.push_back({w});
  for (int y = 2015; y <= 2020; ++y) out.push_back({word() + " år:" + std::to_string(y)});
  for (const std::string& c : kCases) out.push_back({word() + " OR dnr:\"" + c + "\""});
  out.push_back({"aktör:Trafikverket"});
  out.push_back({"aktör:SKR beslut"});
  for (int i = 0; i < 12; ++i) out.push_back({word(), SortOrder::kDate});
  for (int i = 0; i < 12; ++i) out.push_back({word(), SortOrder::kDateDesc});
  out.push_back({"skol*", SortOrder::kDate});
  return out;
}

// Whether `sharded` (the top 10) is what `merged` (the top 40, same
// query) ranks first: the same score (1e-9 relative) and date at each
// rank, and at each (date, score) the same records, but for the last such
// group, cut by the page, where they need only be among the merged ones:
// equal scores are ordered by document number, which sharding changes.
::testing::AssertionResult same_ranking(const SearchResult& sharded, const SearchResult& merged, bool by_date) {
  const std::size_t n = std::min<std::size_t>(10, merged.hits.size());
  if (sharded.hits.size() != n)
    return ::testing::AssertionFailure() << sharded.hits.size() << " hits, merged " << n;
  if (sharded.matched != merged.matched) return ::testing::AssertionFailure() << "matched differs";
  auto key = [&](const Hit& h) { return (by_date ? h.date : std::string()) + "|"; };
  auto close = [](double a, double b) { return std::fabs(a - b) <= 1e-9 * std::max(std::fabs(a), std::fabs(b)); };
  std::map<std::string, std::vector<std::pair<double, std::string>>> merged_groups;
  for (const Hit& h : merged.hits) merged_groups[key(h)].push_back({h.score, h.id});
  for (std::size_t i = 0; i < n; ++i) {
    const Hit& s = sharded.hits[i];
    const Hit& m = merged.hits[i];
    if (!close(s.score, m.score) || s.date != (by_date ? m.date : s.date))
      return ::testing::AssertionFailure() << "rank " << i + 1 << ": " << s.id << " " << s.score << " " << s.date
                                           << ", merged " << m.id << " " << m.score << " " << m.date;
    // The same score among the merged hits, this record.
    bool found = false;
    for (const auto& [score, id] : merged_groups[key(s)]) found = found || (id == s.id && close(score, s.score));
    if (!found) return ::testing::AssertionFailure() << "rank " << i + 1 << ": " << s.id << " not ranked so merged";
  }
  // Below the last tie group, the records themselves agree.
  std::set<std::string> a, b;
  std::size_t cut = n;
  while (cut > 0 && close(sharded.hits[cut - 1].score, sharded.hits[n - 1].score)) --cut;
  for (std::size_t i = 0; i < cut; ++i) a.insert(sharded.hits[i].id), b.insert(merged.hits[i].id);
  if (a != b) return ::testing::AssertionFailure() << "the records above the last tie differ";
  return ::testing::AssertionSuccess();
}

// Whether the top 10 of `sharded` have the merged scores within 5%, rank
// by rank.
bool near_scores(const SearchResult& sharded, const SearchResult& merged) {
  const std::size_t n = std::min<std::size_t>(10, merged.hits.size());
  if (sharded.hits.size() != n) return false;
  for (std::size_t i = 0; i < n; ++i)
    if (std::fabs(sharded.hits[i].score - merged.hits[i].score) > 0.05 * merged.hits[i].score) return false;
  return true;
}

void expect_identity(const std::string& stub, std::size_t expected_shards, const std::string& merged_path) {
  SearchOptions so{{stub}};
  so.show_personal_data = true;
  SearchOptions mo{{merged_path}};
  mo.show_personal_data = true;
  const Searcher sharded(so), merged(mo);
  ASSERT_EQ(sharded.shards().answered, expected_shards);
  ASSERT_FALSE(sharded.shards().partial());
  std::size_t n = 0, equal = 0, near = 0, with_hits = 0;
  std::vector<double> sharded_s, merged_s;  // seconds a search took, for the figure below
  for (const Query& q : query_set()) {
    SearchRequest req;
    req.query = q.text;
    req.sort = q.sort;
    auto t0 = std::chrono::steady_clock::now();
    const SearchResult s = sharded.search(req);
    sharded_s.push_back(seconds_since(t0));
    req.limit = 40;
    t0 = std::chrono::steady_clock::now();
    const SearchResult m = merged.search(req);
    merged_s.push_back(seconds_since(t0));
    ++n;
    with_hits += m.hits.empty() ? 0 : 1;
    const auto same = same_ranking(s, m, q.sort != SortOrder::kRelevance);
    equal += same ? 1 : 0;
    if (!same && q.text.find('*') != std::string::npos && near_scores(s, m)) {
      // A wildcard's words, expanded from all shards, are one SYNONYM in
      // each; Xapian estimates a synonym's frequency pairwise, in integers,
      // pairing the words by their frequency in the shard, so where two tie
      // in one shard ("kommun" and "kommunstyrelsen", 78 records each) the
      // estimate rounds otherwise: the best "kommun*" hit weighs 0.7% less
      // over 3 shards, 1.5% over 8, here. Counted apart.
      ++near;
      continue;
    }
    EXPECT_TRUE(same) << q.text;
  }
  std::cout << stub << ": " << equal << " of " << n << " queries ranked as merged, " << near
            << " wildcards within 5% (" << with_hits << " with hits)\n";
  EXPECT_LE(near, 2u);
  // A figure, not a test: the median search over the shards against the
  // merged index's, in this run (the merged one asks for 40 hits).
  auto median = [](std::vector<double> v) {
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2), v.end());
    return v[v.size() / 2];
  };
  std::cout << "median search " << median(sharded_s) * 1000 << " ms over the shards, " << median(merged_s) * 1000
            << " ms merged (ratio " << median(sharded_s) / median(merged_s) << ")\n";
  EXPECT_GE(n, 200u);
  EXPECT_GE(with_hits, 180u);
}

TEST_F(Cluster, ThreeRemoteShardsRankAsOneMergedIndex) { expect_identity(path("three.stub"), 3, path("merged")); }

TEST_F(Cluster, EightRemoteShardsRankAsOneMergedIndex) { expect_identity(path("eight.stub"), 8, path("merged")); }

TEST_F(Cluster, ALocalShardBesideRemoteOnesRanksAsOneMergedIndex) {
  expect_identity(path("lists/mixed.stub"), 3, path("merged"));
}

// A shard nobody listens on and one that accepts and never answers: the
// others are searched, each one left out named, exit status 8, and the
// hung one costs the operation timeout, not a hang.
TEST_F(Cluster, DeadAndHungShardsLeaveAPartialAnswer) {
  test::HungServer hung;
  const unsigned dead = arkiv::test::unused_loopback_port();
  arkiv::test::write_file(path("broken.stub"), "remote 127.0.0.1:" + std::to_string(ports3_[0]) + "\nremote 127.0.0.1:" +
                                                   std::to_string(ports3_[1]) + "\nremote 127.0.0.1:" +
                                                   std::to_string(dead) + "\nremote 127.0.0.1:" +
                                                   std::to_string(hung.port()) + "\n");
  arkiv::test::write_file(path("dead.stub"), "remote 127.0.0.1:" + std::to_string(ports3_[0]) + "\nremote 127.0.0.1:" +
                                                 std::to_string(ports3_[1]) + "\nremote 127.0.0.1:" +
                                                 std::to_string(dead) + "\n");
  arkiv::test::write_file(path("two.stub"), "remote 127.0.0.1:" + std::to_string(ports3_[0]) + "\nremote 127.0.0.1:" +
                                                std::to_string(ports3_[1]) + "\n");
  const std::vector<std::string> query = {"--json", "search", "beslut"};
  auto timed = [&](const std::string& stub, const std::vector<std::string>& extra) {
    std::vector<std::string> args{"--index", stub};
    args.insert(args.end(), extra.begin(), extra.end());
    args.insert(args.end(), query.begin(), query.end());
    const auto t0 = std::chrono::steady_clock::now();
    RunResult r = arkiv(args, dir_->path());
    return std::make_pair(r, seconds_since(t0));
  };
  const auto [normal, t_normal] = timed(path("two.stub"), {});
  ASSERT_EQ(normal.status, 0) << normal.err;
  EXPECT_EQ(json::parse(normal.out)["shards"], json({{"answered", 2}, {"failed", json::array()}}));

  const auto [one_dead, t_dead] = timed(path("dead.stub"), {});
  EXPECT_EQ(one_dead.status, 8) << one_dead.err;
  const json d = json::parse(one_dead.out);
  EXPECT_EQ(d["hits"], json::parse(normal.out)["hits"]);
  EXPECT_EQ(d["shards"]["answered"], 2);
  ASSERT_EQ(d["shards"]["failed"].size(), 1u);
  EXPECT_EQ(d["shards"]["failed"][0]["shard"], "tcp://127.0.0.1:" + std::to_string(dead));
  EXPECT_NE(one_dead.err.find("did not answer"), std::string::npos) << one_dead.err;

  const auto [both, t_hung] = timed(path("broken.stub"), {"--shard-timeout", "1000"});
  EXPECT_EQ(both.status, 8) << both.err;
  const json b = json::parse(both.out);
  EXPECT_EQ(b["hits"], json::parse(normal.out)["hits"]);
  EXPECT_EQ(b["shards"]["answered"], 2);
  EXPECT_EQ(b["shards"]["failed"].size(), 2u);
  // One line a shard left out.
  EXPECT_EQ(std::count(both.err.begin(), both.err.end(), '\n'), 2) << both.err;
  // Not a hang: the operation timeout (1 s) bounds it, with room for a
  // loaded machine.
  EXPECT_GE(t_hung, 1.0);
  EXPECT_LT(t_hung, 1.0 + 5.0);
  std::cout << "search over 2 shards: " << t_normal << " s; with a dead third: " << t_dead
            << " s; with a dead and a hung (--shard-timeout 1000): " << t_hung << " s\n";

  // Every shard dead: an error, exit 2.
  arkiv::test::write_file(path("none.stub"), "remote 127.0.0.1:" + std::to_string(dead) + "\n");
  EXPECT_EQ(arkiv({"--index", path("none.stub"), "search", "beslut"}, dir_->path()).status, 2);
}

// A shard that stops answering after the open (its server gone): the read
// runs again over the others, the report naming it.
TEST_F(Cluster, AShardLostAfterTheOpenIsLeftOut) {
  const unsigned port = arkiv::test::unused_loopback_port();
  const pid_t p = arkiv::test::spawn(
      {"/usr/bin/xapian-tcpsrv", "--interface", "127.0.0.1", "--port", std::to_string(port), path("s3/2")});
  for (int wait = 0; wait < 100 && !accepts_on_loopback(port); ++wait) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  SearchOptions o{{"tcp://127.0.0.1:" + std::to_string(ports3_[0]), "tcp://127.0.0.1:" + std::to_string(ports3_[1]),
                   "tcp://127.0.0.1:" + std::to_string(port)}};
  int told = 0;
  o.on_partial = [&](const ShardReport&) { ++told; };
  Searcher s(o);
  ASSERT_EQ(s.shards().answered, 3u);
  SearchRequest req;
  req.query = "beslut";
  const std::size_t all = s.search(req).total;
  // The server and the process it forked for this connection.
  ::kill(-p, SIGKILL);
  ::waitpid(p, nullptr, 0);
  const SearchResult after = s.search(req);
  EXPECT_EQ(told, 1);
  EXPECT_EQ(after.shards.answered, 2u);
  ASSERT_EQ(after.shards.failed.size(), 1u);
  EXPECT_EQ(after.shards.failed[0].shard, "tcp://127.0.0.1:" + std::to_string(port));
  // Named from Xapian's error, and not tried again within the read.
  EXPECT_EQ(after.shards.failed[0].reason.rfind("stopped answering", 0), 0u) << after.shards.failed[0].reason;
  EXPECT_LT(after.total, all);
  EXPECT_GT(after.total, 0u);
}

// A shard of an older schema analysed its words otherwise: no answer mixed
// from it, the shards named.
TEST_F(Cluster, AShardOfAnOlderSchemaIsRefusedByName) {
  fs::copy(path("s3/2"), path("old"), fs::copy_options::recursive);
  {
    Xapian::WritableDatabase w(path("old"));
    w.set_metadata(schema::kMetaSchema, "3");
    w.commit();
  }
  arkiv::test::write_file(path("old.stub"), "remote 127.0.0.1:" + std::to_string(ports3_[0]) + "\nglass old\n");
  const RunResult r = arkiv({"--index", path("old.stub"), "search", "beslut"}, dir_->path());
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("different schema versions"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(path("old")), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("tcp://127.0.0.1:" + std::to_string(ports3_[0])), std::string::npos) << r.err;
}

// Each command that reads the index, once over the shard list: what the
// merged index answers.
TEST_F(Cluster, EveryReadingCommandWorksOverAShardList) {
  const std::string stub = path("three.stub"), merged = path("merged");
  for (const auto& c : reading_commands()) {
    std::vector<std::string> a{"--index", stub, "--json"}, b{"--index", merged, "--json"};
    a.insert(a.end(), c.begin(), c.end());
    b.insert(b.end(), c.begin(), c.end());
    const RunResult over = arkiv(a, dir_->path()), one = arkiv(b, dir_->path());
    EXPECT_EQ(over.status, 0) << c[0] << ": " << over.err;
    EXPECT_EQ(one.status, 0) << c[0] << ": " << one.err;
    json x = json::parse(over.out, nullptr, false), y = json::parse(one.out, nullptr, false);
    if (c[0] == "show") {
      // Indexed at another time than the merged index.
      for (json* j : {&x, &y}) j->erase("events"), j->erase("indexed_at");
    }
    // Every reading command says which shards answered; one index does not.
    EXPECT_EQ(x["shards"], json({{"answered", 3}, {"failed", json::array()}})) << c[0];
    EXPECT_FALSE(y.contains("shards")) << c[0];
    x.erase("shards");
    if (c[0] == "search") {
      // Scores and percentages aside (compared above), the same records.
      for (json* j : {&x, &y})
        for (json& h : (*j)["hits"]) h.erase("score"), h.erase("percent");
    }
    EXPECT_EQ(x, y) << c[0];
  }
  // "Did you mean" reads the vocabulary of all shards, as of one index.
  const RunResult typo = arkiv({"--index", stub, "--json", "search", "samverkann"}, dir_->path());
  const RunResult typo_one = arkiv({"--index", merged, "--json", "search", "samverkann"}, dir_->path());
  EXPECT_EQ(typo.status, 1) << typo.err;
  EXPECT_EQ(json::parse(typo.out)["suggestion"], "samverkan");
  EXPECT_EQ(json::parse(typo.out)["suggestion"], json::parse(typo_one.out)["suggestion"]);

  const RunResult stats = arkiv({"--index", stub, "--json", "stats"}, dir_->path());
  const RunResult one = arkiv({"--index", merged, "--json", "stats"}, dir_->path());
  ASSERT_EQ(stats.status, 0) << stats.err;
  EXPECT_EQ(json::parse(stats.out)["records"], json::parse(one.out)["records"]);
  EXPECT_EQ(json::parse(stats.out)["records"], kRecords);
  EXPECT_EQ(json::parse(stats.out)["pages"], json::parse(one.out)["pages"]);
}

// Each command that reads the index, over three shards of which one is
// dead: the answer of the two that answer (what a list of those two
// gives), a line on stderr naming the dead one, "shards" in --json, and
// exit status 8, as `search` has.
TEST_F(Cluster, EveryReadingCommandAnswersFromTheShardsThatAnswer) {
  const unsigned dead = arkiv::test::unused_loopback_port();
  const std::string dead_name = "tcp://127.0.0.1:" + std::to_string(dead);
  const std::string live = "remote 127.0.0.1:" + std::to_string(ports3_[0]) + "\nremote 127.0.0.1:" +
                           std::to_string(ports3_[1]) + "\n";
  arkiv::test::write_file(path("live.stub"), live);
  arkiv::test::write_file(path("one-dead.stub"), live + "remote 127.0.0.1:" + std::to_string(dead) + "\n");
  // r1002 is in s3/2, which is not in the list: not found, but said to be
  // maybe in the shard that did not answer.
  std::vector<std::vector<std::string>> commands = reading_commands();
  commands.push_back({"stats"});
  commands.push_back({"show", path("c8/p2/r1002.txt")});
  for (const auto& c : commands) {
    const std::string what = c[0] + (c.size() > 1 ? " " + c[1] : "");
    auto run = [&](const std::string& stub, bool as_json) {
      std::vector<std::string> a{"--index", path(stub)};
      if (as_json) a.push_back("--json");
      a.insert(a.end(), c.begin(), c.end());
      return arkiv(a, dir_->path());
    };
    const RunResult text = run("one-dead.stub", false), partial = run("one-dead.stub", true),
                    two = run("live.stub", true);
    const bool found = c.size() < 2 || c[1] != path("c8/p2/r1002.txt");
    EXPECT_EQ(two.status, found ? 0 : 1) << what << ": " << two.err;
    EXPECT_EQ(partial.status, 8) << what << ": " << partial.err;
    EXPECT_EQ(text.status, 8) << what << ": " << text.err;
    // The line naming the shard left out, in text and with --json.
    for (const RunResult* r : {&text, &partial})
      EXPECT_NE(r->err.find("shard " + dead_name + " did not answer"), std::string::npos) << what << ": " << r->err;
    if (!found) {
      EXPECT_NE(text.err.find("not in the shards that answered"), std::string::npos) << text.err;
      continue;
    }
    EXPECT_FALSE(text.out.empty()) << what;
    json x = json::parse(partial.out, nullptr, false), y = json::parse(two.out, nullptr, false);
    ASSERT_TRUE(x.is_object()) << what << ": " << partial.out;
    EXPECT_EQ(x["shards"]["answered"], 2) << what;
    ASSERT_EQ(x["shards"]["failed"].size(), 1u) << what;
    EXPECT_EQ(x["shards"]["failed"][0]["shard"], dead_name) << what;
    EXPECT_FALSE(x["shards"]["failed"][0]["reason"].get<std::string>().empty()) << what;
    EXPECT_EQ(y["shards"], json({{"answered", 2}, {"failed", json::array()}})) << what;
    for (json* j : {&x, &y}) j->erase("shards");
    if (c[0] == "stats") x.erase("indexes"), y.erase("indexes");  // the lists' own names
    EXPECT_EQ(x, y) << what;
  }
}

// The audit over the local shards of one split (`index --shards 3`) with
// shard 3 out of reach: the files of shards 1 and 2 checked, shard 3's
// counted as not checked (never "new"), exit status 8; a new file is found
// in a shard that answered and not in the one that did not.
TEST_F(Cluster, TheAuditOverShardsThatDoNotAllAnswerChecksTheOthersFiles) {
  const RunResult index = arkiv({"--index", "split", "--json", "index", "--shards", "3", "c8"}, dir_->path());
  ASSERT_EQ(index.status, 0) << index.err;
  const unsigned dead = arkiv::test::unused_loopback_port();
  arkiv::test::write_file(path("split-dead.stub"),
                          "glass split/shard-1\nglass split/shard-2\nremote 127.0.0.1:" + std::to_string(dead) + "\n");
  // By the routing rule, folders p1, p4 and p7 are shard 3's: 90 files.
  const std::size_t third = Xapian::Database(path("split/shard-3")).get_doccount();
  ASSERT_EQ(third, 90u);

  const RunResult all = arkiv({"--index", "split", "--json", "audit"}, dir_->path());
  EXPECT_EQ(all.status, 0) << all.err << all.out;
  EXPECT_EQ(json::parse(all.out)["summary"]["not_checked"], 0);

  RunResult r = arkiv({"--index", path("split-dead.stub"), "--json", "audit"}, dir_->path());
  EXPECT_EQ(r.status, 8) << r.err << r.out;
  EXPECT_NE(r.err.find("shard tcp://127.0.0.1:" + std::to_string(dead) + " did not answer"), std::string::npos) << r.err;
  json j = json::parse(r.out);
  EXPECT_EQ(j["summary"]["files_on_disk"], kRecords);
  EXPECT_EQ(j["summary"]["records"], kRecords - third);
  EXPECT_EQ(j["summary"]["not_checked"], third);
  EXPECT_EQ(j["findings"], json::array());
  EXPECT_EQ(j["shards"]["answered"], 2);
  EXPECT_EQ(j["shards"]["failed"][0]["shard"], "tcp://127.0.0.1:" + std::to_string(dead));
  const RunResult text = arkiv({"--index", path("split-dead.stub"), "audit"}, dir_->path());
  EXPECT_EQ(text.status, 8);
  EXPECT_NE(text.out.find("90 files on disk not checked: their shard did not answer"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("No findings in the shards that answered."), std::string::npos) << text.out;

  // A file added to shard 1's folder p0 is new; one added to shard 3's p1
  // is not looked at.
  arkiv::test::write_file(path("c8/p0/zz-new.txt"), "Protokoll om budget\n");
  arkiv::test::write_file(path("c8/p1/zz-new.txt"), "Protokoll om budget\n");
  r = arkiv({"--index", path("split-dead.stub"), "--json", "audit"}, dir_->path());
  fs::remove(path("c8/p0/zz-new.txt"));
  fs::remove(path("c8/p1/zz-new.txt"));
  EXPECT_EQ(r.status, 6) << r.err;
  j = json::parse(r.out);
  ASSERT_EQ(j["findings"].size(), 1u) << r.out;
  EXPECT_EQ(j["findings"][0]["kind"], "new");
  EXPECT_EQ(j["findings"][0]["path"], "c8/p0/zz-new.txt");
  EXPECT_EQ(j["summary"]["not_checked"], third + 1);

  // Shards that are no split (each indexed alone): which files the dead
  // one holds is unknown, so the audit says it cannot, exit 2.
  arkiv::test::write_file(path("plain-dead.stub"), "glass s3/0\nremote 127.0.0.1:" + std::to_string(dead) + "\n");
  const RunResult plain = arkiv({"--index", path("plain-dead.stub"), "audit"}, dir_->path());
  EXPECT_EQ(plain.status, 2);
  EXPECT_NE(plain.err.find("shards of one split"), std::string::npos) << plain.err;
}

}  // namespace
}  // namespace arkiv
