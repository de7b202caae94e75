// A folder or file that cannot be read is not gone: "chmod 000 corpus/sub"
// then `arkiv index` removed every record in it, "chmod 000 corpus" every
// record, and the audit found nothing to say. Through the public API, as
// a user the permission bits apply to (permissions.h): the records are
// kept and marked until the folder can be read again (then read again as
// usual) or is gone (then removed); the audit names the folder.
#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "../permissions.h"
#include "../scratch.h"
#include "arkiv/audit.h"
#include "arkiv/pipeline.h"
#include "codec/format.h"
#include "codec/record.h"

namespace arkiv {
namespace {

namespace fs = std::filesystem;
using test::NoAccess;
using test::PermissionsApply;
using test::Scratch;

// The state stored with the record of c/<name>.
codec::State state_of(const Scratch& s, const std::string& name) {
  Xapian::Database db(s.index_dir());
  const std::string term = std::string(schema::kPrefixId) + ingest::record_id(s.path(name));
  auto it = db.postlist_begin(term);
  if (it == db.postlist_end(term)) return {};
  return codec::get_state(db.get_document(*it));
}

std::size_t hits(const Scratch& s, const std::string& query) { return s.search(query).hits.size(); }

class Unreadable : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!as_user_.ok()) GTEST_SKIP() << "cannot make permissions apply: " << as_user_.why();
    s_.write("a.txt", "Beslut om avtal.\n");
    s_.write("sub/b.txt", "Protokoll från nämnden.\n");
    s_.write("sub/c.txt", "Mer protokoll.\n");
    ASSERT_EQ(s_.index().indexed, 3u);
  }
  Scratch s_;  // declared first: removed after the capabilities are back
  PermissionsApply as_user_;
};

TEST_F(Unreadable, AFolderKeepsItsRecordsMarkedUntilItCanBeReadOrIsGone) {
  {
    NoAccess closed(s_.path("sub"));
    const IndexSummary sum = s_.index();
    EXPECT_EQ(sum.removed, 0u);
    EXPECT_EQ(sum.unchanged, 1u);
    EXPECT_TRUE(sum.skipped.empty());
    ASSERT_EQ(sum.unreadable.size(), 1u);
    EXPECT_EQ(sum.unreadable[0].path, s_.path("sub"));
    EXPECT_EQ(sum.unreadable[0].detail, std::strerror(EACCES));
    EXPECT_EQ(sum.unreadable[0].kept, 2u);
    EXPECT_FALSE(sum.unreadable[0].known);  // new in this run: its records marked now
    const codec::State st = state_of(s_, "sub/b.txt");
    EXPECT_EQ(st.status, "unreadable");
    EXPECT_EQ(st.detail, std::strerror(EACCES));
    EXPECT_TRUE(st.transient);
    EXPECT_EQ(state_of(s_, "a.txt").status, "ok");
    EXPECT_EQ(hits(s_, "protokoll"), 2u);  // still found
    // A second run while it stays closed: the same, nothing removed.
    const IndexSummary again = s_.index();
    EXPECT_EQ(again.removed, 0u);
    ASSERT_EQ(again.unreadable.size(), 1u);
    EXPECT_EQ(again.unreadable[0].kept, 2u);
    EXPECT_TRUE(again.unreadable[0].known);  // issue 23 item 7: not new, the run need not fail
  }
  // Readable again: read again, as any record marked "may pass".
  const IndexSummary open = s_.index();
  EXPECT_EQ(open.removed, 0u);
  EXPECT_EQ(open.updated, 2u);
  EXPECT_EQ(open.unchanged, 1u);
  EXPECT_TRUE(open.unreadable.empty());
  EXPECT_EQ(state_of(s_, "sub/b.txt").status, "ok");
  EXPECT_FALSE(state_of(s_, "sub/b.txt").transient);
  // Gone: removed as before.
  {
    NoAccess closed(s_.path("sub"));
    s_.index();
  }
  fs::remove_all(s_.path("sub"));
  const IndexSummary gone = s_.index();
  EXPECT_EQ(gone.removed, 2u);
  EXPECT_TRUE(gone.unreadable.empty());
  EXPECT_EQ(hits(s_, "protokoll"), 0u);
}

TEST_F(Unreadable, ARootThatCannotBeReadKeepsEveryRecord) {
  NoAccess closed(s_.corpus());
  const IndexSummary sum = s_.index();
  EXPECT_EQ(sum.removed, 0u);
  ASSERT_EQ(sum.unreadable.size(), 1u);
  EXPECT_EQ(sum.unreadable[0].path, s_.corpus());
  EXPECT_EQ(sum.unreadable[0].kept, 3u);
  closed.restore();
  EXPECT_EQ(hits(s_, "protokoll"), 2u);
  EXPECT_EQ(hits(s_, "avtal"), 1u);
}

// A file made unreadable keeps its size and mtime: it passed as unchanged.
TEST_F(Unreadable, AFileThatCannotBeReadIsKeptAndMarked) {
  NoAccess closed(s_.path("a.txt"));
  const IndexSummary sum = s_.index();
  EXPECT_EQ(sum.unchanged, 2u);
  EXPECT_EQ(sum.removed, 0u);
  ASSERT_EQ(sum.unreadable.size(), 1u);
  EXPECT_EQ(sum.unreadable[0].path, s_.path("a.txt"));
  EXPECT_EQ(sum.unreadable[0].kept, 1u);
  EXPECT_EQ(state_of(s_, "a.txt").status, "unreadable");
  EXPECT_EQ(hits(s_, "avtal"), 1u);
  AuditOptions opts;
  opts.paths = {s_.corpus()};
  const AuditReport r = audit(s_.search_options(), opts);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].kind, FindingKind::kUnreadable);
  EXPECT_EQ(r.findings[0].path, s_.path("a.txt"));
  EXPECT_EQ(r.findings[0].detail,
            "cannot be read (" + std::string(std::strerror(EACCES)) + "): not checked; its record is in the index");
}

TEST_F(Unreadable, TheAuditNamesTheFolderAndNoRecordAsMissing) {
  NoAccess closed(s_.path("sub"));
  for (bool indexed_since : {false, true}) {
    if (indexed_since) s_.index();  // the records now marked unreadable
    AuditOptions opts;
    opts.paths = {s_.corpus()};
    const AuditReport r = audit(s_.search_options(), opts);
    std::string said;
    for (const Finding& f : r.findings) said += std::string(finding_key(f.kind)) + " " + f.path + ": " + f.detail + "\n";
    ASSERT_EQ(r.findings.size(), 1u) << "indexed since: " << indexed_since << "\n" << said;
    EXPECT_EQ(finding_key(r.findings[0].kind), std::string("unreadable"));
    EXPECT_EQ(r.findings[0].path, s_.path("sub"));
    EXPECT_EQ(r.findings[0].detail,
              "cannot be read (" + std::string(std::strerror(EACCES)) + "): not checked; 2 records in the index below it");
    EXPECT_FALSE(r.fixity_failed());
  }
  // Readable again before the next index run: each record says what the
  // last run found, and that the next one reads it again.
  closed.restore();
  AuditOptions opts;
  opts.paths = {s_.corpus()};
  const AuditReport r = audit(s_.search_options(), opts);
  ASSERT_EQ(r.findings.size(), 2u);
  for (const Finding& f : r.findings) {
    EXPECT_EQ(f.kind, FindingKind::kUnreadable);
    EXPECT_NE(f.detail.find("may pass"), std::string::npos) << f.detail;
  }
}

}  // namespace
}  // namespace arkiv
