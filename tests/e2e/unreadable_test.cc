// Issue 21: what cannot be read is not deleted. As a user the permission
// bits apply to, "chmod 000 corpus/sub" then `arkiv index` printed "2
// removed", exit 0, and the audit said "No findings"; "chmod 000 corpus"
// removed every record. Now the folder is named with the reason, the run
// ends with status 3, its records stay (found, marked unreadable) until it
// can be read again or is gone, and the audit names it.
//
// Root reads a chmod 000 folder all the same, so arkiv must not run as
// root here: a test run by root runs arkiv through setpriv as nobody (the
// folder given to nobody first); one run by another user runs it directly.
#include <grp.h>
#include <gtest/gtest.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "arkiv_folder.h"
#include "process.h"

namespace fs = std::filesystem;
using nlohmann::json;
using arkiv::test::RunResult;

namespace {

constexpr const char* kSetpriv = "/usr/bin/setpriv";

class Unreadable : public arkiv::test::ArkivFolder {
 protected:
  void SetUp() override {
    arkiv::test::write_file(dir / "c/a.txt", "Beslut om avtal med leverantören.\n");
    arkiv::test::write_file(dir / "c/sub/b.txt", "Protokoll från nämndens sammanträde.\n");
    arkiv::test::write_file(dir / "c/sub/c.txt", "Mer protokoll, från utskottet.\n");
    if (::geteuid() != 0) return;
    if (!fs::exists(kSetpriv))
      GTEST_SKIP() << "running as root without " << kSetpriv
                   << ": root reads a chmod 000 folder, and arkiv cannot be run as another user";
    const passwd* nobody = ::getpwnam("nobody");
    const group* nogroup = ::getgrnam("nogroup");
    if (!nobody || !nogroup) GTEST_SKIP() << "running as root, and there is no user nobody or group nogroup";
    for (const auto& e : fs::recursive_directory_iterator(dir.path()))
      ASSERT_EQ(::chown(e.path().c_str(), nobody->pw_uid, nogroup->gr_gid), 0);
    ASSERT_EQ(::chown(dir.path().c_str(), nobody->pw_uid, nogroup->gr_gid), 0);
    run_as = {kSetpriv, "--reuid=nobody", "--regid=nogroup", "--clear-groups"};
    const RunResult probe = arkiv::test::run({kSetpriv, "--reuid=nobody", "--regid=nogroup", "--clear-groups", "/bin/true"});
    if (probe.status != 0) GTEST_SKIP() << "running as root, and setpriv cannot drop privileges: " << probe.err;
  }

  void chmod(const std::string& rel, mode_t mode) { ASSERT_EQ(::chmod((dir / rel).c_str(), mode), 0); }

  std::vector<std::string> hit_paths(const std::string& query) {
    std::vector<std::string> out;
    const json j = arkiv_json({"search", query}, -1);
    for (const auto& h : j["hits"]) out.push_back(h["path"]);
    std::sort(out.begin(), out.end());
    return out;
  }
};

TEST_F(Unreadable, AFolderThatCannotBeReadIsNamedAndItsRecordsKept) {
  RunResult r = arkiv({"index", "c"});
  ASSERT_EQ(r.status, 0) << r.err;
  ASSERT_EQ(r.out, "3 indexed, 0 unchanged, 0 updated, 0 removed, 0 skipped\n");

  chmod("c/sub", 0);
  r = arkiv({"index", "c"});
  EXPECT_EQ(r.status, 3) << r.err;  // done, but not everything was checked
  EXPECT_EQ(r.err, "arkiv: c/sub: cannot be read (Permission denied): not checked; its 2 records are kept\n");
  EXPECT_EQ(r.out,
            "0 indexed, 1 unchanged, 0 updated, 0 removed, 0 skipped\n"
            "1 folder or file could not be read: 2 records kept, marked unreadable\n");
  // Issue 23 item 7: the next run, nothing changed, has nothing new to
  // report: the folder is a known problem, and the run does not fail.
  r = arkiv({"index", "c"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out,
            "0 indexed, 1 unchanged, 0 updated, 0 removed, 0 skipped\n"
            "1 known problem from an earlier run: `arkiv audit` lists it\n");
  json j = arkiv_json({"index", "c"}, 0);
  EXPECT_EQ(j["removed"], 0);
  EXPECT_EQ(j["known_problems"], 1);
  EXPECT_EQ(j["unreadable"],
            json::parse(R"([{"path": "c/sub", "detail": "Permission denied", "kept": 2, "known": true}])"));
  // Still found, and marked.
  EXPECT_EQ(hit_paths("protokoll"), (std::vector<std::string>{"c/sub/b.txt", "c/sub/c.txt"}));
  EXPECT_EQ(arkiv_json({"show", "c/sub/b.txt"})["status"], "unreadable");
  // The audit names the folder; it never says "No findings" then.
  r = arkiv({"audit", "c"});
  EXPECT_EQ(r.status, 6) << r.err;  // findings other than fixity
  EXPECT_NE(r.out.find("unreadable: c/sub: cannot be read (Permission denied): not checked; 2 records in the "
                       "index below it\n"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("No findings"), std::string::npos) << r.out;
  j = arkiv_json({"audit", "c"}, 6);
  ASSERT_EQ(j["findings"].size(), 1u) << j;
  EXPECT_EQ(j["findings"][0]["kind"], "unreadable");
  EXPECT_EQ(j["findings"][0]["path"], "c/sub");
  EXPECT_EQ(j["summary"]["missing"], 0);

  // Readable again: read again, nothing removed, and all is well.
  chmod("c/sub", 0755);
  r = arkiv({"index", "c"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out, "0 indexed, 1 unchanged, 2 updated, 0 removed, 0 skipped\n");
  EXPECT_EQ(arkiv_json({"show", "c/sub/b.txt"})["status"], "ok");
  EXPECT_EQ(arkiv({"audit", "c"}).status, 0);

  // Really gone: removed, as always.
  fs::remove_all(dir / "c/sub");
  r = arkiv({"index", "c"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "0 indexed, 1 unchanged, 0 updated, 2 removed, 0 skipped\n");
  EXPECT_EQ(hit_paths("protokoll"), std::vector<std::string>{});
}

// Issue 23: a folder that could never be read holds no record; the index
// remembers that it reported it, so the next run counts it as known and
// does not exit 3 for it every night.
TEST_F(Unreadable, AFolderNeverReadIsAKnownProblemTheNextRun) {
  chmod("c/sub", 0);
  RunResult r = arkiv({"index", "c"});
  EXPECT_EQ(r.status, 3) << r.err;
  EXPECT_EQ(r.err, "arkiv: c/sub: cannot be read (Permission denied): not checked\n");
  r = arkiv({"index", "c"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out,
            "0 indexed, 1 unchanged, 0 updated, 0 removed, 0 skipped\n"
            "1 known problem from an earlier run: `arkiv audit` lists it\n");
  json j = arkiv_json({"index", "c"}, 0);
  EXPECT_EQ(j["unreadable"], json::parse(R"([{"path": "c/sub", "detail": "Permission denied", "kept": 0, "known": true}])"));
  // Read at last: indexed, and nothing is left to report.
  chmod("c/sub", 0755);
  r = arkiv({"index", "c"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "2 indexed, 1 unchanged, 0 updated, 0 removed, 0 skipped\n");
  // Unreadable again: its records are marked now, which is new.
  chmod("c/sub", 0);
  EXPECT_EQ(arkiv({"index", "c"}).status, 3);
  chmod("c/sub", 0755);
}

// The folder given itself: "chmod 000 corpus" removed every record.
TEST_F(Unreadable, ARootThatCannotBeReadKeepsEveryRecord) {
  ASSERT_EQ(arkiv({"index", "c"}).status, 0);
  chmod("c", 0);
  RunResult r = arkiv({"index", "c"});
  EXPECT_EQ(r.status, 3) << r.err;
  EXPECT_EQ(r.err, "arkiv: c: cannot be read (Permission denied): not checked; its 3 records are kept\n");
  EXPECT_EQ(r.out,
            "0 indexed, 0 unchanged, 0 updated, 0 removed, 0 skipped\n"
            "1 folder or file could not be read: 3 records kept, marked unreadable\n");
  EXPECT_EQ(hit_paths("avtal"), std::vector<std::string>{"c/a.txt"});
  json j = arkiv_json({"audit", "c"}, 6);
  ASSERT_EQ(j["findings"].size(), 1u) << j;
  EXPECT_EQ(j["findings"][0]["kind"], "unreadable");
  EXPECT_EQ(j["findings"][0]["path"], "c");
  chmod("c", 0755);
  r = arkiv({"index", "c"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "0 indexed, 0 unchanged, 3 updated, 0 removed, 0 skipped\n");
}

}  // namespace
