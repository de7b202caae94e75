// `arkiv serve` as a user runs it: the real binary on a fresh index, the
// address it prints, curl for the HTTP checks and Debian's headless
// Chromium for the pages as a browser draws them (issue 25).
#include <signal.h>
#include <sys/wait.h>

#include <filesystem>

#include "arkiv_folder.h"

namespace fs = std::filesystem;
using arkiv::test::RunResult;
using nlohmann::json;

namespace {

class Serve : public arkiv::test::ArkivFolder {
 protected:
  void TearDown() override { stop(); }

  void make_pdf(const std::string& rel, const std::string& text) {
    const std::string txt = dir / (rel + ".txt.in");
    arkiv::test::write_file(txt, text);
    fs::create_directories(fs::path(dir / rel).parent_path());
    RunResult r = arkiv::test::run({ARKIV_MKPDF, txt, dir / rel});
    ASSERT_EQ(r.status, 0) << r.err;
    fs::remove(txt);
  }

  // Starts `arkiv serve --port 0` in the test's folder and reads the
  // address it prints ("http://127.0.0.1:PORT/?token=...").
  void start() {
    const std::string line =
        arkiv::test::spawn_until({ARKIV_BIN, "serve", "--port", "0"}, dir / "serve.out", "token=", pid_,
                                 {.cwd = dir.path(), .env = {{"LANG", "C.UTF-8"}}, .unset = {"ARKIV_INDEX"}});
    const std::size_t at = line.find("http://127.0.0.1:");
    ASSERT_NE(at, std::string::npos) << arkiv::test::read_file(dir / "serve.out")
                                     << arkiv::test::read_file(dir / "serve.out.err");
    url_ = line.substr(at);
    base_ = url_.substr(0, url_.find("/?token="));
    token_ = url_.substr(url_.find("token=") + 6);
  }

  // Ctrl-C's signal: the server stops and exits 0.
  int stop() {
    if (pid_ <= 0) return -1;
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }

  // curl's status code and body for `target` (with the token).
  std::pair<int, std::string> curl(const std::string& target) {
    const std::string sep = target.find('?') == std::string::npos ? "?" : "&";
    RunResult r = arkiv::test::run({"/usr/bin/curl", "-s", "-o", dir / "body", "-w", "%{http_code}",
                                    base_ + target + sep + "token=" + token_});
    return {std::atoi(r.out.c_str()), arkiv::test::read_file(dir / "body")};
  }

  pid_t pid_ = -1;
  std::string url_, base_, token_;
};

TEST_F(Serve, PrintsItsAddressAndServesTheSearchPage) {
  make_pdf("c/beslut.pdf", "Protokoll Kommunstyrelsen\n§ 12 Partnerskap med Zhuhai\nBeslutet gäller Gävle kommun.\n");
  make_pdf("c/budget.pdf", "Budget 2021\nNämnden fastställer budgeten.\n");
  ASSERT_EQ(arkiv({"index", "c"}).status, 0);
  start();
  EXPECT_EQ(token_.size(), 32u);
  auto [status, body] = curl("/search?q=Zhuhai");
  EXPECT_EQ(status, 200);
  EXPECT_NE(body.find("Protokoll Kommunstyrelsen"), std::string::npos) << body;
  EXPECT_EQ(body.find("Budget 2021"), std::string::npos);
  // Without the token: refused.
  RunResult bare = arkiv::test::run({"/usr/bin/curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", base_ + "/search?q=Zhuhai"});
  EXPECT_EQ(bare.out, "403");
  // CSV as the CLI's --json keys.
  auto [csv_status, csv] = curl("/search?q=Zhuhai&format=csv");
  EXPECT_EQ(csv_status, 200);
  EXPECT_EQ(csv.rfind("rank,id,path,title,", 0), 0u) << csv;
  EXPECT_EQ(stop(), 0);
}

TEST_F(Serve, ChromiumDrawsTheHitsPageWithItsHighlights) {
  make_pdf("c/beslut.pdf", "Protokoll Kommunstyrelsen\n§ 12 Partnerskap med Zhuhai\nBeslutet gäller Gävle kommun "
                           "och Zhuhai.\n<script>alert(1)</script> </svg>\n");
  ASSERT_EQ(arkiv({"index", "c"}).status, 0);
  json hits = arkiv_json({"search", "Zhuhai"})["hits"];
  ASSERT_EQ(hits.size(), 1u);
  start();
  std::string id;
  for (char c : hits[0]["id"].get<std::string>()) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_') id += c;
    else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", static_cast<unsigned char>(c));
      id += buf;
    }
  }
  const std::string page = base_ + "/doc/" + id + "/page/1?q=Zhuhai&hits=1&token=" + token_;

  const std::string chromium = "/usr/bin/chromium";
  if (!fs::exists(chromium)) GTEST_SKIP() << "chromium is not installed (tools/install-deps installs it)";
  std::vector<std::string> flags = {chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                                    "--no-first-run", "--disable-background-networking", "--disable-component-update",
                                    "--disable-sync", "--user-data-dir=" + (dir / "chrome")};
  std::vector<std::string> dump = flags;
  dump.push_back("--dump-dom");
  dump.push_back(page);
  RunResult dom = arkiv::test::run(dump);
  ASSERT_EQ(dom.status, 0) << dom.err;
  // Two words "Zhuhai" on the page: two boxes over the image.
  std::size_t boxes = 0;
  for (auto p = dom.out.find("<rect class=\"hl\""); p != std::string::npos; p = dom.out.find("<rect class=\"hl\"", p + 1))
    ++boxes;
  EXPECT_EQ(boxes, 2u) << dom.out;
  // The record's markup is text in the browser too: no element was made of it.
  EXPECT_EQ(dom.out.find("<script>alert"), std::string::npos);
  EXPECT_NE(dom.out.find("&lt;script&gt;alert(1)&lt;/script&gt; &lt;/svg&gt;"), std::string::npos);

  std::vector<std::string> shot = flags;
  shot.push_back("--window-size=1400,1000");
  shot.push_back("--screenshot=" + (dir / "page.png"));
  shot.push_back(page);
  RunResult png = arkiv::test::run(shot);
  ASSERT_EQ(png.status, 0) << png.err;
  const std::string bytes = arkiv::test::read_file(dir / "page.png");
  ASSERT_GT(bytes.size(), 8u);
  EXPECT_EQ(bytes.substr(1, 3), "PNG");
  // The page image was drawn (a page without it compresses to a few KB).
  EXPECT_GT(bytes.size(), 30000u);
  // ARKIV_TEST_SCREENSHOTS: a folder to keep the screenshot in, to look at.
  if (const char* keep = std::getenv("ARKIV_TEST_SCREENSHOTS"); keep && *keep)
    fs::copy_file(dir / "page.png", fs::path(keep) / "serve-page.png", fs::copy_options::overwrite_existing);
  EXPECT_EQ(stop(), 0);
}

// The views a user follows from a search, in the browser: a facet of the
// year histogram, an actor, a case, a timeline event, and the CSV export.
// Headless Chromium takes no clicks from the command line: each step reads
// the link from the document Chromium built (--dump-dom) and opens it, as
// a click would, and a screenshot of each page is written.
class ServeViews : public Serve {
 protected:
  // The page at `target` as Chromium's document, or "" without Chromium.
  std::string dom(const std::string& target) {
    std::vector<std::string> cmd = flags();
    cmd.push_back("--dump-dom");
    cmd.push_back(with_token(target));
    RunResult r = arkiv::test::run(cmd);
    EXPECT_EQ(r.status, 0) << r.err;
    return r.out;
  }
  // A screenshot of `target` as `name`.png; its size in bytes.
  std::size_t screenshot(const std::string& target, const std::string& name) {
    std::vector<std::string> cmd = flags();
    cmd.push_back("--window-size=1400,1000");
    cmd.push_back("--screenshot=" + (dir / (name + ".png")));
    cmd.push_back(with_token(target));
    RunResult r = arkiv::test::run(cmd);
    EXPECT_EQ(r.status, 0) << r.err;
    if (const char* keep = std::getenv("ARKIV_TEST_SCREENSHOTS"); keep && *keep)
      fs::copy_file(dir / (name + ".png"), fs::path(keep) / ("serve-" + name + ".png"), fs::copy_options::overwrite_existing);
    return arkiv::test::read_file(dir / (name + ".png")).size();
  }
  // The href of the link (<a ...>) whose start tag or text holds `marker`,
  // as the document has it (&amp; read back); "" if none.
  static std::string href_of(const std::string& dom, const std::string& marker) {
    const std::size_t at = dom.find(marker);
    if (at == std::string::npos) return {};
    const std::size_t a = dom.rfind("<a ", at);
    if (a == std::string::npos) return {};
    const std::size_t h = dom.find("href=\"", a);
    if (h == std::string::npos || h > std::max(at + marker.size(), dom.find('>', a))) return {};
    std::string href = dom.substr(h + 6, dom.find('"', h + 6) - h - 6);
    for (std::size_t p; (p = href.find("&amp;")) != std::string::npos;) href.replace(p, 5, "&");
    return href;
  }
  std::string with_token(const std::string& target) const {
    return base_ + target + (target.find('?') == std::string::npos ? "?" : "&") + "token=" + token_;
  }
  std::vector<std::string> flags() const {
    return {"/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--user-data-dir=" + (dir / "chrome")};
  }
};

TEST_F(ServeViews, FacetActorCaseTimelineAndCsvInChromium) {
  make_pdf("c/avtal.pdf", "Avtal om partnerskap med Zhuhai\nGävle kommun\nDatum: 2016-03-01\nDnr KS 2016/101\n"
                          "Gävle kommun och Högskolan i Gävle tecknade avtalet med Zhuhai den 1 mars 2016.\n");
  make_pdf("c/uppfoljning.pdf", "Uppföljning av avtalet med Zhuhai\nGävle kommun\nDatum: 2017-05-10\nDnr KS 2016/101\n"
                                "Kommunstyrelsen i Gävle kommun följde upp avtalet med Zhuhai i april 2017.\n");
  ASSERT_EQ(arkiv({"index", "c"}).status, 0);
  start();
  if (!fs::exists("/usr/bin/chromium")) GTEST_SKIP() << "chromium is not installed (tools/install-deps installs it)";

  const std::string search = dom("/search?q=Zhuhai");
  EXPECT_NE(search.find("Avtal om partnerskap med Zhuhai"), std::string::npos) << search;
  EXPECT_NE(search.find("Uppföljning av avtalet med Zhuhai"), std::string::npos);
  EXPECT_GT(screenshot("/search?q=Zhuhai", "search"), 20000u);

  // The year histogram's bar for 2017: only the follow-up is left.
  const std::string bar = href_of(search, "data-year=\"2017\"");
  ASSERT_EQ(bar.rfind("/search?q=", 0), 0u) << search;
  const std::string in_2017 = dom(bar);
  EXPECT_NE(in_2017.find("Uppföljning av avtalet med Zhuhai"), std::string::npos) << in_2017;
  EXPECT_EQ(in_2017.find("Avtal om partnerskap med Zhuhai"), std::string::npos);

  // An actor of a hit: its page, its name and the other actor with it.
  const std::string actor = href_of(search, "class=\"actor\" href=\"/actor/gavle-kommun\"");
  ASSERT_EQ(actor.rfind("/actor/", 0), 0u) << search;
  const std::string actor_page = dom(actor);
  EXPECT_NE(actor_page.find("<h1>Gävle kommun</h1>"), std::string::npos) << actor_page;
  EXPECT_NE(actor_page.find("Högskolan i Gävle"), std::string::npos);
  EXPECT_GT(screenshot(actor, "actor"), 20000u);

  // The case of a hit: both records, oldest first.
  const std::string dnr = href_of(search, "class=\"dnr\"");
  ASSERT_EQ(dnr.rfind("/case/", 0), 0u) << search;
  const std::string case_page = dom(dnr);
  const std::size_t first = case_page.find("Avtal om partnerskap med Zhuhai");
  ASSERT_NE(first, std::string::npos) << case_page;
  EXPECT_LT(first, case_page.find("Uppföljning av avtalet med Zhuhai"));
  EXPECT_GT(screenshot(dnr, "case"), 20000u);

  // A timeline event: its link opens the record's page with the date boxed.
  const std::string timeline = dom("/timeline?q=Zhuhai");
  EXPECT_GT(screenshot("/timeline?q=Zhuhai", "timeline"), 20000u);
  const std::string event = href_of(timeline, "q=april%202017");
  ASSERT_EQ(event.rfind("/doc/", 0), 0u) << timeline;
  const std::string event_page = dom(event);
  EXPECT_NE(event_page.find("<h1>Uppföljning av avtalet med Zhuhai</h1>"), std::string::npos) << event_page;
  EXPECT_NE(event_page.find("<rect class=\"hl\""), std::string::npos);

  // The CSV export the page links to: the CLI's columns.
  const std::string csv_link = href_of(search, ">CSV</a>");
  ASSERT_NE(csv_link.find("format=csv"), std::string::npos) << search;
  auto [status, csv] = curl(csv_link);
  EXPECT_EQ(status, 200);
  EXPECT_EQ(csv.rfind("rank,id,path,title,", 0), 0u) << csv;
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 3);
  EXPECT_EQ(stop(), 0);
}

}  // namespace
