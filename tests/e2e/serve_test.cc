// `arkiv serve` as a user runs it: the real binary on a fresh index, the
// address it prints, curl for the HTTP checks and Debian's headless
// Chromium for the pages as a browser draws them (issue 25).
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
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
    int out[2];
    ASSERT_EQ(::pipe(out), 0);
    pid_ = ::fork();
    ASSERT_GE(pid_, 0);
    if (pid_ == 0) {
      ::dup2(out[1], 1);
      ::close(out[0]);
      ::close(out[1]);
      if (::chdir(dir.path().c_str()) != 0) ::_exit(127);
      ::setenv("LANG", "C.UTF-8", 1);
      ::unsetenv("ARKIV_INDEX");
      ::execl(ARKIV_BIN, ARKIV_BIN, "serve", "--port", "0", static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::close(out[1]);
    std::string printed;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (printed.find("token=") == std::string::npos || printed.find('\n', printed.find("token=")) == std::string::npos) {
      pollfd p{out[0], POLLIN, 0};
      if (std::chrono::steady_clock::now() > deadline || ::poll(&p, 1, 1000) < 0) break;
      char buf[512];
      const ssize_t n = ::read(out[0], buf, sizeof buf);
      if (n <= 0) break;
      printed.append(buf, static_cast<std::size_t>(n));
    }
    ::close(out[0]);
    const std::size_t at = printed.find("http://127.0.0.1:");
    ASSERT_NE(at, std::string::npos) << printed;
    url_ = printed.substr(at, printed.find('\n', at) - at);
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

}  // namespace
