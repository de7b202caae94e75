// End-to-end tests: the real `arkiv` binary on small corpora made in each
// test (PDFs written by arkiv-mkpdf, damaged ones by hand or by qpdf), plus
// the repository's own corpus/. They assert what a user sees: the record,
// the page, the snippet, the counts and the exit status.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>

#include "process.h"

namespace fs = std::filesystem;
using nlohmann::json;
using arkiv::test::RunResult;
using arkiv::test::TempDir;

namespace {

const std::string kSeedPdf = "uppfoljning-partnerskap-zhuhai-2016-2020.pdf";

class E2E : public ::testing::Test {
 protected:
  TempDir dir;

  // Runs arkiv in the test's folder, in English unless env says otherwise.
  RunResult arkiv(std::vector<std::string> args, std::map<std::string, std::string> env = {}) {
    args.insert(args.begin(), ARKIV_BIN);
    arkiv::test::RunOptions o;
    o.cwd = dir.path();
    o.env = {{"LANG", "C.UTF-8"}, {"NO_COLOR", "1"}};
    o.unset = {"LC_ALL", "LC_MESSAGES", "ARKIV_INDEX"};
    for (auto& [k, v] : env) o.env[k] = v;
    return arkiv::test::run(args, o);
  }

  // Runs with --json and parses stdout; expect_status -1 accepts 0 and 1.
  json arkiv_json(std::vector<std::string> args, int expect_status = 0) {
    args.push_back("--json");
    RunResult r = arkiv(args);
    if (expect_status < 0) {
      EXPECT_TRUE(r.status == 0 || r.status == 1) << r.err;
    } else {
      EXPECT_EQ(r.status, expect_status) << r.err;
    }
    json j = json::parse(r.out, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << "not JSON: " << r.out;
    return j;
  }

  // Writes a text-layer PDF with one line per '\n' and a page per '\f'.
  void make_pdf(const std::string& rel, const std::string& text, std::vector<std::string> extra = {}) {
    std::string txt = dir / (rel + ".txt.in");
    arkiv::test::write_file(txt, text);
    fs::create_directories(fs::path(dir / rel).parent_path());
    std::vector<std::string> argv = {ARKIV_MKPDF};
    argv.insert(argv.end(), extra.begin(), extra.end());
    argv.push_back(txt);
    argv.push_back(dir / rel);
    RunResult r = arkiv::test::run(argv);
    ASSERT_EQ(r.status, 0) << r.err;
    fs::remove(txt);
  }

  void copy_seed(const std::string& to = "corpus") {
    fs::create_directories(dir / to);
    fs::copy_file(std::string(ARKIV_SOURCE_DIR) + "/corpus/" + kSeedPdf, dir / (to + "/" + kSeedPdf));
  }

  // A short Swedish decision, different for each n.
  static std::string decision(int n, const std::string& extra = "") {
    return "Protokoll " + std::to_string(n) + "\nKommunstyrelsen beslutade att godkänna avtal nummer " +
           std::to_string(n) + ".\nÄrendet gäller samarbete med Zhuhai.\nRegistreringsord akt" +
           std::to_string(n) + "\n" + extra;
  }
};

TEST_F(E2E, SeedRecordIsFoundWithPageAndSnippet) {
  copy_seed();
  RunResult idx = arkiv({"index", "corpus"});
  ASSERT_EQ(idx.status, 0) << idx.err;
  EXPECT_NE(idx.out.find("1 indexed"), std::string::npos) << idx.out;

  json res = arkiv_json({"search", "Jilin University"});
  ASSERT_GE(res["hits"].size(), 1u);
  const json& hit = res["hits"][0];
  EXPECT_EQ(hit["path"], "corpus/" + kSeedPdf);
  EXPECT_EQ(hit["rank"], 1);
  EXPECT_NE(hit["snippet"].get<std::string>().find("Jilin University Zhuhai College"), std::string::npos)
      << hit["snippet"];
  ASSERT_FALSE(hit["pages"].empty());
  // Every page the hit cites really says it, as `show --page` prints it.
  for (int page : hit["pages"]) {
    json shown = arkiv_json({"show", "corpus/" + kSeedPdf, "--page", std::to_string(page)});
    EXPECT_NE(shown["page"]["text"].get<std::string>().find("Jilin"), std::string::npos) << page;
  }
  // And the snippet's page is one of them.
  EXPECT_NE(std::find(hit["pages"].begin(), hit["pages"].end(), hit["snippet_page"]), hit["pages"].end());
}

TEST_F(E2E, SearchMovexumJsonFirstHitIsSeed) {
  copy_seed();
  ASSERT_EQ(arkiv({"index", "corpus"}).status, 0);
  json res = arkiv_json({"search", "Movexum"});
  EXPECT_EQ(res["query"], "Movexum");
  EXPECT_GE(res["total"].get<int>(), 1);
  ASSERT_FALSE(res["hits"].empty());
  EXPECT_EQ(res["hits"][0]["path"], "corpus/" + kSeedPdf);
  EXPECT_FALSE(res["hits"][0]["pages"].empty());
  EXPECT_NE(res["hits"][0]["snippet"].get<std::string>().find("Movexum"), std::string::npos);
  EXPECT_GT(res["hits"][0]["score"].get<double>(), 0.0);
}

TEST_F(E2E, PhraseMatchesOnlyInOrder) {
  copy_seed();
  ASSERT_EQ(arkiv({"index", "corpus"}).status, 0);
  json yes = arkiv_json({"search", "\"Internationellt Centrum för Lokal Demokrati\""});
  ASSERT_EQ(yes["hits"].size(), 1u);
  EXPECT_EQ(yes["hits"][0]["path"], "corpus/" + kSeedPdf);
  json no = arkiv_json({"search", "\"Demokrati Lokal för Centrum Internationellt\""}, 1);
  EXPECT_EQ(no["total"], 0);
}

TEST_F(E2E, StemmingFindsInflectedForms) {
  make_pdf("c/a.pdf", "Samarbetet mellan svenska kommuner fortsätter.\n");
  make_pdf("c/b.pdf", "Ett ärende om vägar och broar.\n");
  ASSERT_EQ(arkiv({"index", "c"}).status, 0);
  json res = arkiv_json({"search", "kommunerna"});
  ASSERT_EQ(res["hits"].size(), 1u);
  EXPECT_EQ(res["hits"][0]["path"], "c/a.pdf");
  EXPECT_EQ(res["hits"][0]["pages"], json::array({1}));
}

TEST_F(E2E, BooleanOperatorsAndFields) {
  make_pdf("c/zhuhai.pdf", "Partnerskap med Zhuhai\nUtbyte av studenter.\n", {"--title", "Partnerskap Zhuhai"});
  make_pdf("c/vasteras.pdf", "Partnerskap med Västerås\nUtbyte av lärare.\n", {"--title", "Partnerskap Västerås"});
  ASSERT_EQ(arkiv({"index", "c"}).status, 0);
  EXPECT_EQ(arkiv_json({"search", "partnerskap"})["total"], 2);
  EXPECT_EQ(arkiv_json({"search", "partnerskap NOT zhuhai"})["hits"][0]["path"], "c/vasteras.pdf");
  EXPECT_EQ(arkiv_json({"search", "studenter OR lärare"})["total"], 2);
  EXPECT_EQ(arkiv_json({"search", "(studenter OR lärare) zhuhai"})["total"], 1);
  EXPECT_EQ(arkiv_json({"search", "title:zhuhai"})["hits"][0]["path"], "c/zhuhai.pdf");
  EXPECT_EQ(arkiv_json({"search", "path:vasteras"})["hits"][0]["path"], "c/vasteras.pdf");
}

TEST_F(E2E, HitsNameTheirPages) {
  make_pdf("c/three.pdf", "Sida ett handlar om budget.\n\fSida två handlar om Zhuhai.\n\fSida tre: budget igen.\n");
  ASSERT_EQ(arkiv({"index", "c"}).status, 0);
  json z = arkiv_json({"search", "zhuhai"});
  EXPECT_EQ(z["hits"][0]["pages"], json::array({2}));
  EXPECT_EQ(z["hits"][0]["snippet_page"], 2);
  json b = arkiv_json({"search", "budget"});
  EXPECT_EQ(b["hits"][0]["pages"], json::array({1, 3}));
  json show = arkiv_json({"show", "c/three.pdf"});
  EXPECT_EQ(show["page_count"], 3);
  EXPECT_EQ(arkiv({"show", "c/three.pdf", "--page", "4"}).status, 2);
}

TEST_F(E2E, ReindexIsNoOpAndDetectsChanges) {
  for (int i = 0; i < 200; ++i) make_pdf("c/d" + std::to_string(i) + ".pdf", decision(i));
  json first = arkiv_json({"index", "c"});
  EXPECT_EQ(first["indexed"], 200);
  EXPECT_EQ(first["skipped"].size(), 0u);

  json again = arkiv_json({"index", "c"});
  EXPECT_EQ(again["indexed"], 0);
  EXPECT_EQ(again["unchanged"], 200);
  EXPECT_EQ(again["updated"], 0);
  EXPECT_EQ(again["pages"], 0) << "nothing may be extracted again";
  RunResult text = arkiv({"index", "c"});
  EXPECT_NE(text.out.find("up to date"), std::string::npos) << text.out;

  // Change one file's content, touch another, delete a third.
  make_pdf("c/d7.pdf", decision(7, "Tillägg: nytt villkor om solceller.\n"));
  fs::last_write_time(dir / "c/d8.pdf", fs::file_time_type::clock::now() + std::chrono::seconds(5));
  fs::remove(dir / "c/d9.pdf");
  json third = arkiv_json({"index", "c"});
  EXPECT_EQ(third["updated"], 1);
  EXPECT_EQ(third["indexed"], 0);
  EXPECT_EQ(third["unchanged"], 198);
  EXPECT_EQ(third["removed"], 1);
  EXPECT_EQ(third["pages"], 1);

  EXPECT_EQ(arkiv_json({"search", "solceller"})["hits"][0]["path"], "c/d7.pdf");
  EXPECT_EQ(arkiv_json({"search", "akt9"}, 1)["total"], 0);
  EXPECT_EQ(arkiv_json({"stats"})["records"], 199);
}

TEST_F(E2E, BadFilesAreReportedAndOthersIndexed) {
  make_pdf("c/good1.pdf", decision(1));
  make_pdf("c/good2.pdf", decision(2));
  // Truncated: the first 300 bytes of a real PDF.
  make_pdf("c/whole.pdf", decision(3));
  std::string whole = arkiv::test::read_file(dir / "c/whole.pdf");
  arkiv::test::write_file(dir / "c/truncated.pdf", whole.substr(0, 300));
  fs::remove(dir / "c/whole.pdf");
  arkiv::test::write_file(dir / "c/garbage.pdf", "%PDF-1.7\nthis is not a PDF body at all\n");
  arkiv::test::write_file(dir / "c/empty.pdf", "");
  arkiv::test::write_file(dir / "c/letter.pdf", "Hej! Detta är ett brev i ren text, inte en PDF.\n");
  make_pdf("c/scanned.pdf", "", {"--blank-pages", "2"});
  // Encrypted with a user password.
  make_pdf("c/plain.pdf", decision(4));
  RunResult enc = arkiv::test::run({"/usr/bin/qpdf", "--encrypt", "hemligt", "hemligt", "256", "--",
                                    dir / "c/plain.pdf", dir / "c/encrypted.pdf"});
  ASSERT_EQ(enc.status, 0) << enc.err;
  fs::remove(dir / "c/plain.pdf");

  RunResult r = arkiv({"index", "c", "missing-folder"});
  EXPECT_EQ(r.status, 3) << r.err;
  const std::map<std::string, std::string> expected = {
      {"c/truncated.pdf", "corrupt"}, {"c/garbage.pdf", "corrupt"},     {"c/empty.pdf", "empty"},
      {"c/letter.pdf", "unsupported"}, {"c/scanned.pdf", "no-text"},    {"c/encrypted.pdf", "encrypted"},
      {"missing-folder", "not-found"}};
  // One line per bad file on stderr, naming it.
  for (const auto& [path, reason] : expected) {
    EXPECT_NE(r.err.find("arkiv: " + path + ": skipped: "), std::string::npos) << path << "\n" << r.err;
  }
  EXPECT_NE(r.out.find("2 indexed"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("7 skipped"), std::string::npos) << r.out;

  // The JSON summary names each skipped file with its reason.
  json j = arkiv_json({"index", "c", "missing-folder"}, 3);
  std::map<std::string, std::string> got;
  for (const auto& s : j["skipped"]) got[s["path"]] = s["reason"];
  EXPECT_EQ(got, expected);
  EXPECT_EQ(j["unchanged"], 2);

  // The good files are searchable; the bad ones are recorded for the audit.
  EXPECT_EQ(arkiv_json({"search", "kommunstyrelsen"})["total"], 2);
  json stats = arkiv_json({"stats"});
  EXPECT_EQ(stats["records"], 2);
  EXPECT_EQ(stats["failed"], 6);
  json enc_show = arkiv_json({"show", "c/encrypted.pdf"});
  EXPECT_EQ(enc_show["status"], "encrypted");
}

TEST_F(E2E, MalformedQueryIsAClearError) {
  copy_seed();
  ASSERT_EQ(arkiv({"index", "corpus"}).status, 0);
  for (const char* q : {"Zhuhai AND", "NOT", "OR Kina"}) {
    RunResult r = arkiv({"search", q});
    EXPECT_EQ(r.status, 2) << q;
    EXPECT_NE(r.err.find("arkiv: "), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(q), std::string::npos) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  }
}

TEST_F(E2E, MissingIndexIsAClearError) {
  RunResult r = arkiv({"search", "Zhuhai"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("index"), std::string::npos) << r.err;
}

TEST_F(E2E, LockedIndexRefusesSecondWriterButServesSearches) {
  copy_seed();
  ASSERT_EQ(arkiv({"index", "corpus"}).status, 0);
  make_pdf("corpus/ny.pdf", decision(5));
  {
    Xapian::WritableDatabase holder(dir / "index", Xapian::DB_OPEN);  // holds the write lock
    RunResult r = arkiv({"index", "corpus"});
    EXPECT_EQ(r.status, 4) << r.err;
    EXPECT_NE(r.err.find("locked"), std::string::npos) << r.err;
    EXPECT_EQ(arkiv({"search", "Movexum"}).status, 0);
  }
  EXPECT_EQ(arkiv_json({"index", "corpus"})["indexed"], 1);
}

TEST_F(E2E, KilledRunLeavesSearchableIndex) {
  const int n = 120;
  for (int i = 0; i < n; ++i) make_pdf("c/d" + std::to_string(i) + ".pdf", decision(i));
  std::mt19937 rng(20261124);
  for (int trial = 0; trial < 3; ++trial) {
    arkiv::test::RunOptions o;
    o.cwd = dir.path();
    pid_t pid = arkiv::test::spawn({ARKIV_BIN, "index", "c", "--batch", "4", "--threads", "1"}, o);
    std::this_thread::sleep_for(std::chrono::milliseconds(30 + rng() % 250));
    kill(pid, SIGKILL);
    int ws = 0;
    waitpid(pid, &ws, 0);
    // The index opens, and every record it counts can be found.
    if (!fs::exists(dir / "index/iamglass")) continue;  // killed before the first commit
    json stats = arkiv_json({"stats"});
    int records = stats["records"];
    if (records == 0) continue;
    EXPECT_EQ(arkiv_json({"search", "kommunstyrelsen", "--limit", "0"})["total"], records);
  }
  json fin = arkiv_json({"index", "c"});
  EXPECT_EQ(fin["indexed"].get<int>() + fin["unchanged"].get<int>(), n);
  EXPECT_EQ(arkiv_json({"stats"})["records"], n);
}

TEST_F(E2E, SeveralIndexesSearchAsOne) {
  make_pdf("a/one.pdf", "Beslut om Zhuhai i kommun A.\n");
  make_pdf("b/two.pdf", "Beslut om Zhuhai i kommun B.\n");
  ASSERT_EQ(arkiv({"--index", "ia", "index", "a"}).status, 0);
  ASSERT_EQ(arkiv({"--index", "ib", "index", "b"}).status, 0);
  json both = arkiv_json({"--index", "ia", "--index", "ib", "search", "zhuhai"});
  EXPECT_EQ(both["total"], 2);
  json env_both = json::parse(arkiv({"search", "zhuhai", "--json"}, {{"ARKIV_INDEX", "ia,ib"}}).out);
  EXPECT_EQ(env_both["total"], 2);

  // A remote shard served by xapian-tcpsrv on loopback joins a local one.
  const char* tcpsrv = "/usr/bin/xapian-tcpsrv";
  if (!fs::exists(tcpsrv)) GTEST_SKIP() << "xapian-tcpsrv not installed";
  int port = 20000 + static_cast<int>(getpid() % 20000);
  pid_t srv = arkiv::test::spawn({tcpsrv, "--interface", "127.0.0.1", "--port", std::to_string(port),
                                  dir / "ib"});
  json remote;
  for (int attempt = 0; attempt < 50; ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    RunResult r = arkiv({"--index", "ia", "--index", "tcp://127.0.0.1:" + std::to_string(port), "search",
                         "zhuhai", "--json"});
    if (r.status == 0) {
      remote = json::parse(r.out);
      break;
    }
  }
  kill(srv, SIGTERM);
  waitpid(srv, nullptr, 0);
  ASSERT_FALSE(remote.is_null()) << "remote search never answered";
  EXPECT_EQ(remote["total"], 2);
  std::set<std::string> paths;
  for (const auto& h : remote["hits"]) paths.insert(h["path"]);
  EXPECT_EQ(paths, (std::set<std::string>{"a/one.pdf", "b/two.pdf"}));
}

TEST_F(E2E, SpeaksSwedishUnderSwedishLocale) {
  copy_seed();
  RunResult sv = arkiv({"index", "corpus"}, {{"LANG", "sv_SE.UTF-8"}});
  EXPECT_EQ(sv.status, 0);
  EXPECT_NE(sv.out.find("1 indexerade"), std::string::npos) << sv.out;
  RunResult en = arkiv({"index", "corpus"}, {{"LANG", "en_GB.UTF-8"}});
  EXPECT_NE(en.out.find("1 unchanged"), std::string::npos) << en.out;
  RunResult lc = arkiv({"search", "Movexum"}, {{"LC_ALL", "sv_SE.UTF-8"}, {"LANG", "C"}});
  EXPECT_NE(lc.out.find("1 träff för Movexum"), std::string::npos) << lc.out;
  RunResult none = arkiv({"search", "finnsinte"}, {{"LANG", "sv_SE.UTF-8"}});
  EXPECT_EQ(none.status, 1);
  EXPECT_NE(none.out.find("Inga träffar"), std::string::npos) << none.out;
}

TEST_F(E2E, StatsAndShowJson) {
  copy_seed();
  ASSERT_EQ(arkiv({"index", "corpus"}).status, 0);
  json s = arkiv_json({"stats"});
  EXPECT_EQ(s["records"], 1);
  EXPECT_GE(s["pages"].get<int>(), 2);
  EXPECT_GT(s["terms"].get<int>(), 300);
  EXPECT_GT(s["bytes_on_disk"].get<long>(), 0);
  EXPECT_FALSE(s["last_indexed"].get<std::string>().empty());
  json show = arkiv_json({"show", "corpus/" + kSeedPdf});
  EXPECT_EQ(show["title"], "Uppföljning partnerskap med Zhuhai, Kina 2016-2020");
  EXPECT_EQ(show["format"], "pdf");
  EXPECT_EQ(show["sha256"].get<std::string>().size(), 64u);
  json by_id = arkiv_json({"show", show["id"]});
  EXPECT_EQ(by_id["path"], show["path"]);
  EXPECT_EQ(arkiv({"show", "corpus/nope.pdf"}).status, 1);
}

TEST_F(E2E, TimelineOfZhuhaiInOrderWithSentencesAndPages) {
  copy_seed();
  ASSERT_EQ(arkiv({"index", "corpus"}).status, 0);
  json tl = arkiv_json({"timeline", "Zhuhai"});
  const json& ev = tl["events"];
  ASSERT_GE(ev.size(), 5u);
  // The agreement since 2010, the extension in 2015, the pre-study
  // 2015-16, the staff member leaving in spring 2017, the Kinacentrum
  // decision in June 2020: in this order, each with its sentence and page.
  struct Want {
    const char* date_text;
    const char* in_sentence;
  } wants[] = {{"sedan 2010", "partnerskapsavtal med Zhuhai"},
               {"2015", "förlängning"},
               {"2015-16", "förstudie"},
               {"våren 2017", "slutade"},
               {"juni 2020", "Kinacentrum"}};
  std::size_t last = 0;
  bool first = true;
  for (const Want& w : wants) {
    SCOPED_TRACE(w.date_text);
    std::size_t at = ev.size();
    for (std::size_t i = 0; i < ev.size(); ++i) {
      if (ev[i]["date_text"] == w.date_text && ev[i]["text"].get<std::string>().find(w.in_sentence) != std::string::npos) {
        at = i;
        break;
      }
    }
    ASSERT_LT(at, ev.size());
    if (!first) {
      EXPECT_GT(at, last);
    }
    first = false;
    last = at;
    EXPECT_GE(ev[at]["page"].get<int>(), 1);
    EXPECT_EQ(ev[at]["path"], "corpus/" + kSeedPdf);
    // The page cited holds the statement.
    json page = arkiv_json({"show", "corpus/" + kSeedPdf, "--page", std::to_string(ev[at]["page"].get<int>())});
    EXPECT_NE(page["page"]["text"].get<std::string>().find(w.date_text), std::string::npos);
  }
  for (std::size_t i = 1; i < ev.size(); ++i) EXPECT_LE(ev[i - 1]["start"], ev[i]["start"]);
  // Nothing from inside the URL ("...-skr-2019-20-18.pdf") is a date.
  for (const auto& e : ev) EXPECT_NE(e["date_text"], "2019");
}

TEST_F(E2E, TimelineHtmlIsDrawnByChromium) {
  copy_seed();
  ASSERT_EQ(arkiv({"index", "corpus"}).status, 0);
  RunResult r = arkiv({"timeline", "Zhuhai", "--html", "zhuhai.html"});
  ASSERT_EQ(r.status, 0) << r.err;
  std::string page = arkiv::test::read_file(dir / "zhuhai.html");
  ASSERT_NE(page.find("<svg"), std::string::npos);
  // Self-contained: no scripts, styles or fonts from elsewhere.
  EXPECT_EQ(page.find("src=\"http"), std::string::npos);
  EXPECT_EQ(page.find("<link"), std::string::npos);
  json events = arkiv_json({"timeline", "Zhuhai"})["events"];

  const std::string chromium = "/usr/bin/chromium";
  if (!fs::exists(chromium)) GTEST_SKIP() << "chromium is not installed (tools/install-deps installs it)";
  std::vector<std::string> flags = {chromium,        "--headless",         "--no-sandbox", "--disable-gpu",
                                    "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking",
                                    "--disable-component-update", "--disable-sync", "--user-data-dir=" + (dir / "chrome")};
  // The script ran and drew one mark per statement.
  std::vector<std::string> dump = flags;
  dump.push_back("--dump-dom");
  dump.push_back("file://" + (dir / "zhuhai.html"));
  RunResult dom = arkiv::test::run(dump);
  ASSERT_EQ(dom.status, 0) << dom.err;
  EXPECT_NE(dom.out.find("data-drawn=\"" + std::to_string(events.size()) + "\""), std::string::npos);
  std::size_t marks = 0;
  for (auto p = dom.out.find("class=\"event\""); p != std::string::npos; p = dom.out.find("class=\"event\"", p + 1))
    ++marks;
  EXPECT_EQ(marks, events.size());
  // And it looks like something: a screenshot with the bars drawn.
  std::vector<std::string> shot = flags;
  shot.push_back("--window-size=1280,900");
  shot.push_back("--screenshot=" + (dir / "zhuhai.png"));
  shot.push_back("file://" + (dir / "zhuhai.html"));
  RunResult png = arkiv::test::run(shot);
  ASSERT_EQ(png.status, 0) << png.err;
  std::string bytes = arkiv::test::read_file(dir / "zhuhai.png");
  ASSERT_GT(bytes.size(), 8u);
  EXPECT_EQ(bytes.substr(1, 3), "PNG");
  EXPECT_GT(bytes.size(), 20000u) << "a blank page compresses to a few KB";
}

TEST_F(E2E, DateTypeAndCaseFilters) {
  make_pdf("c/ks-2019.pdf", "Protokoll Kommunstyrelsen\nSammanträdesdatum 2019-03-15\n§ 45 Dnr KS 2018/1123\n"
                            "Förlängning av partnerskapsavtal med Zhuhai.\n");
  make_pdf("c/tj-2018.pdf", "Tjänsteskrivelse\nDatum: 2018-11-02\nDiarienummer: KS-2018-1123\n"
                            "Förslag om förlängning av avtalet med Zhuhai.\n");
  make_pdf("c/avtal-2010.pdf", "Samarbetsavtal\nUndertecknat den 14 maj 2010\nAvtal mellan Gävle och Zhuhai.\n",
           {"--title", "Samarbetsavtal Gävle Zhuhai"});
  make_pdf("c/odaterad.pdf", "Minnesanteckningar om Zhuhai.\nBesöket i år var kort.\n", {"--date", "none"});
  ASSERT_EQ(arkiv({"index", "c"}).status, 0);

  auto paths = [&](std::vector<std::string> args) {
    json j = arkiv_json(args, -1);
    std::vector<std::string> out;
    for (const auto& h : j["hits"]) out.push_back(h["path"]);
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(paths({"search", "Zhuhai", "--sort", "date"}), (V{"c/avtal-2010.pdf", "c/tj-2018.pdf", "c/ks-2019.pdf",
                                                               "c/odaterad.pdf"}));
  EXPECT_EQ(paths({"search", "Zhuhai", "--sort", "-date"})[0], "c/ks-2019.pdf");
  EXPECT_EQ(paths({"search", "Zhuhai datum:2017..2020", "--sort", "date"}), (V{"c/tj-2018.pdf", "c/ks-2019.pdf"}));
  EXPECT_EQ(paths({"search", "Zhuhai date:2019-03..2019-03"}), (V{"c/ks-2019.pdf"}));
  EXPECT_EQ(paths({"search", "Zhuhai datum:..2011"}), (V{"c/avtal-2010.pdf"}));
  EXPECT_EQ(paths({"search", "Zhuhai år:2018"}), (V{"c/tj-2018.pdf"}));
  EXPECT_EQ(paths({"search", "Zhuhai typ:avtal"}), (V{"c/avtal-2010.pdf"}));
  EXPECT_EQ(paths({"search", "Zhuhai type:minutes"}), (V{"c/ks-2019.pdf"}));
  EXPECT_EQ(paths({"search", "dnr:KS-2018-01123", "--sort", "date"}), (V{"c/tj-2018.pdf", "c/ks-2019.pdf"}));
  EXPECT_EQ(paths({"search", "dnr:\"KS 2018/1123\" typ:protokoll"}), (V{"c/ks-2019.pdf"}));

  json c = arkiv_json({"case", "KS 2018/1123"});
  ASSERT_EQ(c["records"].size(), 2u);
  EXPECT_EQ(c["records"][0]["path"], "c/tj-2018.pdf");
  EXPECT_EQ(c["records"][0]["date"], "2018-11-02");
  EXPECT_EQ(c["records"][0]["type"], "tjänsteskrivelse");
  EXPECT_EQ(c["records"][1]["path"], "c/ks-2019.pdf");
  EXPECT_EQ(arkiv({"case", "KS 1999/1"}).status, 1);
  RunResult bad = arkiv({"search", "Zhuhai datum:igår..imorgon"});
  EXPECT_EQ(bad.status, 2) << bad.out;

  // "i år" in an undated record cannot be placed, and the timeline says so.
  json tl = arkiv_json({"timeline", "Zhuhai"});
  ASSERT_EQ(tl["unresolved"].size(), 1u);
  EXPECT_EQ(tl["unresolved"][0]["date_text"], "i år");
  EXPECT_EQ(tl["unresolved"][0]["path"], "c/odaterad.pdf");
  for (const auto& e : tl["events"]) EXPECT_NE(e["path"], "c/odaterad.pdf");

  json show = arkiv_json({"show", "c/ks-2019.pdf"});
  EXPECT_EQ(show["record_date"], "2019-03-15");
  EXPECT_EQ(show["record_date_rule"], "date-line");
  EXPECT_EQ(show["case_numbers"], json::array({"KS 2018/1123"}));
}

}  // namespace
