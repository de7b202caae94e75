#include <gtest/gtest.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "../permissions.h"
#include "arkiv/pipeline.h"

namespace fs = std::filesystem;

namespace arkiv::ingest {
namespace {

class DiscoverTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("arkiv-discover-" + std::to_string(::getpid()));
    fs::remove_all(root_);
    for (const char* f : {"a.pdf", "B.PDF", "sub/c.pdf", "sub/notes.txt", "sub/remiss.md", "sub/skanning.TIF", "sub/ljud.mp3", ".hidden/d.pdf",
                          "sub/.e.pdf"}) {
      fs::create_directories((root_ / f).parent_path());
      std::ofstream(root_ / f) << f;
    }
  }
  void TearDown() override { fs::remove_all(root_); }
  fs::path root_;
};

// Every regular file, whatever its name: its format is told by content
// when it is read, and one arkiv does not read (the sound file here) is a
// record "not read" with its type (issue #23: a list of extensions passed
// over .doc, .msg, .rtf and .xml without a word). Hidden files and folders
// are left out, and so is arkiv's own manifest.
TEST_F(DiscoverTest, WalksFoldersForEveryFileButHiddenOnes) {
  std::ofstream(root_ / "sub/manifest-sha256.txt")
      << "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  c.pdf\n";
  DiscoverResult r = discover({root_.string()});
  std::vector<std::string> names;
  for (const auto& f : r.files) names.push_back(fs::path(f.abspath).lexically_relative(root_).string());
  EXPECT_EQ(names, (std::vector<std::string>{"B.PDF", "a.pdf", "sub/c.pdf", "sub/ljud.mp3", "sub/notes.txt",
                                              "sub/remiss.md", "sub/skanning.TIF"}));
  EXPECT_TRUE(r.problems.empty());
  ASSERT_EQ(r.roots.size(), 1u);
  EXPECT_EQ(r.roots[0], root_.string());
}

TEST_F(DiscoverTest, NamedFileIsTakenWhateverItsExtension) {
  DiscoverResult r = discover({(root_ / "sub/notes.txt").string()});
  ASSERT_EQ(r.files.size(), 1u);
  EXPECT_EQ(r.files[0].size, std::string("sub/notes.txt").size());
  EXPECT_TRUE(r.roots.empty());
}

TEST_F(DiscoverTest, IdentityIsStableAndPathStaysAsGiven) {
  fs::path cwd = fs::current_path();
  fs::current_path(root_);
  DiscoverResult r = discover({"sub/../a.pdf", "./a.pdf"});  // the same file twice
  fs::current_path(cwd);
  ASSERT_EQ(r.files.size(), 1u);
  EXPECT_EQ(r.files[0].path, "a.pdf");
  EXPECT_EQ(r.files[0].abspath, (root_ / "a.pdf").string());
  EXPECT_EQ(r.files[0].id, record_id((root_ / "a.pdf").string()));
  EXPECT_EQ(r.files[0].id.size(), 32u);
  EXPECT_TRUE(r.files[0].sha256.empty());
}

TEST_F(DiscoverTest, MissingPathIsAProblemNotAnException) {
  DiscoverResult r = discover({(root_ / "nope").string(), (root_ / "a.pdf").string()});
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].diag.kind, DiagKind::kNotFound);
  EXPECT_EQ(r.files.size(), 1u);
}

std::vector<std::string> relative_names(const DiscoverResult& r, const fs::path& root) {
  std::vector<std::string> names;
  for (const auto& f : r.files) names.push_back(fs::path(f.abspath).lexically_relative(root).string());
  return names;
}

// "chmod 000 corpus/sub" made std::filesystem's walk pass over sub without
// a word, and the indexer removed every record in it as gone. The folder
// is a problem now, unreadable (not "not found"), and the walk goes on
// past it.
TEST_F(DiscoverTest, AFolderThatCannotBeReadIsAProblemAndTheWalkGoesOn) {
  test::PermissionsApply as_user;
  if (!as_user.ok()) GTEST_SKIP() << "cannot make permissions apply: " << as_user.why();
  std::ofstream(root_ / "z.pdf") << "after";  // read after sub
  test::NoAccess closed(root_ / "sub");
  const DiscoverResult r = discover({root_.string()});
  EXPECT_EQ(relative_names(r, root_), (std::vector<std::string>{"B.PDF", "a.pdf", "z.pdf"}));
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].path, (root_ / "sub").string());
  EXPECT_EQ(r.problems[0].abspath, (root_ / "sub").string());
  EXPECT_EQ(r.problems[0].diag.kind, DiagKind::kUnreadable);
  EXPECT_EQ(r.problems[0].diag.detail, std::strerror(EACCES));
  EXPECT_TRUE(r.problems[0].diag.transient);
  ASSERT_EQ(r.roots.size(), 1u);
}

// "chmod 000 corpus" removed every record: the root given is a problem
// too, and still a root (the indexer keeps what is below it).
TEST_F(DiscoverTest, ARootThatCannotBeReadIsAProblemAndStillARoot) {
  test::PermissionsApply as_user;
  if (!as_user.ok()) GTEST_SKIP() << "cannot make permissions apply: " << as_user.why();
  test::NoAccess closed(root_);
  const DiscoverResult r = discover({root_.string()});
  EXPECT_TRUE(r.files.empty());
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].abspath, root_.string());
  EXPECT_EQ(r.problems[0].diag.kind, DiagKind::kUnreadable);
  EXPECT_EQ(r.roots, (std::vector<std::string>{root_.string()}));
}

// A file keeps its size and mtime when it is made unreadable: it is a
// problem, not a file to take as unchanged. So is one named below a folder
// that cannot be searched: it is there, not "not found".
TEST_F(DiscoverTest, AFileThatCannotBeReadIsAProblemNotNotFound) {
  test::PermissionsApply as_user;
  if (!as_user.ok()) GTEST_SKIP() << "cannot make permissions apply: " << as_user.why();
  {
    test::NoAccess closed(root_ / "a.pdf");
    const DiscoverResult r = discover({root_.string()});
    EXPECT_EQ(relative_names(r, root_), (std::vector<std::string>{"B.PDF", "sub/c.pdf", "sub/ljud.mp3",
                                                                  "sub/notes.txt", "sub/remiss.md", "sub/skanning.TIF"}));
    ASSERT_EQ(r.problems.size(), 1u);
    EXPECT_EQ(r.problems[0].abspath, (root_ / "a.pdf").string());
    EXPECT_EQ(r.problems[0].diag.kind, DiagKind::kUnreadable);
  }
  test::NoAccess closed(root_ / "sub");
  const DiscoverResult r = discover({(root_ / "sub/c.pdf").string()});
  EXPECT_TRUE(r.files.empty());
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].diag.kind, DiagKind::kUnreadable);
  EXPECT_EQ(r.problems[0].abspath, (root_ / "sub/c.pdf").string());
}

// With --follow-symlinks, a link to a folder the walk is in would be
// walked round until the path grew too long; it is reported once instead,
// and every file is found once.
// A link back up to a folder inside the walk, followed or not, is passed
// over: that folder is walked by its own path, each file once (a loop
// through a link out of the walk is cut where it comes round, walk()).
TEST_F(DiscoverTest, AFollowedLinkBackUpIsNotWalkedRound) {
  fs::create_directory_symlink("..", root_ / "sub" / "up");
  DiscoverOptions opts;
  opts.follow_symlinks = true;
  const DiscoverResult r = discover({root_.string()}, opts);
  EXPECT_EQ(relative_names(r, root_), (std::vector<std::string>{"B.PDF", "a.pdf", "sub/c.pdf", "sub/ljud.mp3",
                                                                "sub/notes.txt", "sub/remiss.md", "sub/skanning.TIF"}));
  EXPECT_TRUE(r.problems.empty());
}

TEST(HashFile, KnownSha256) {
  fs::path p = fs::temp_directory_path() / ("arkiv-hash-" + std::to_string(::getpid()));
  std::ofstream(p) << "abc";
  std::string hex;
  Diagnostic d;
  ASSERT_TRUE(hash_file(p.string(), hex, d));
  EXPECT_EQ(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  fs::remove(p);
  EXPECT_FALSE(hash_file(p.string(), hex, d));
  EXPECT_EQ(d.kind, DiagKind::kNotFound);
}

}  // namespace
}  // namespace arkiv::ingest
