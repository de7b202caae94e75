// A failure that may pass (Diagnostic::transient: the extraction helper
// timed out, crashed, ran out of memory) is stored in the record's state.
// One that a reading of the file recorded (its history's last event) waits
// for the file to change or for IndexOptions::retry_failed, as a permanent
// failure waits for a change (issue 23 item 7: a file that killed the
// helper cost the file timeout on every nightly run); one set without
// reading the file (marked unreadable with its folder) is read again by
// the next run that finds the file.
#include <gtest/gtest.h>
#include <unistd.h>
#include <xapian.h>

#include <filesystem>
#include <fstream>

#include "arkiv/indexer.h"
#include "codec/format.h"
#include "codec/record.h"
#include "index/document.h"
#include "index/writer.h"

namespace fs = std::filesystem;

namespace arkiv {
namespace {

struct TempCorpus {
  fs::path dir = fs::temp_directory_path() / ("arkiv-transient-" + std::to_string(::getpid()));
  TempCorpus() {
    fs::remove_all(dir);
    fs::create_directories(dir / "records");
    std::ofstream(dir / "records" / "beslut.txt") << "Kommunstyrelsen beslutade den 3 mars 2020 att bifalla.\n";
  }
  ~TempCorpus() { fs::remove_all(dir); }
  IndexOptions options() const {
    IndexOptions o;
    o.index_dir = (dir / "db").string();
    o.threads = 1;
    return o;
  }
};

// Marks the only record of the index as failed with `detail`, as an
// extraction that failed that way would have left it when `read` (the
// failure is its history's last event), as a folder that could not be
// read would have otherwise.
void mark_failed(const std::string& db_dir, bool transient, bool read = true) {
  Xapian::WritableDatabase db(db_dir, Xapian::DB_OPEN);
  const Xapian::docid did = *db.postlist_begin("");
  Xapian::Document d = db.get_document(did);
  codec::State s = codec::get_state(d);
  s.status = "unreadable";
  s.detail = transient ? "extraction did not finish in 120 s (stopped)" : "Permission denied";
  s.transient = transient;
  codec::put_state(d, s);
  if (read) {
    std::vector<RecordEvent> events = codec::get_events(d);
    events.push_back({EventKind::kExtractionFailed, "2026-12-05T00:00:00Z", {}, {}, s.status + ": " + s.detail});
    codec::put_events(d, events);
  }
  db.replace_document(did, d);
  db.commit();
}

TEST(TransientFailure, WaitsForRetryFailed) {
  TempCorpus c;
  const std::vector<std::string> paths = {(c.dir / "records").string()};
  EXPECT_EQ(index_paths(paths, c.options()).indexed, 1u);
  mark_failed(c.options().index_dir, true);
  // Not read: counted as a known problem that may pass.
  const IndexSummary again = index_paths(paths, c.options());
  EXPECT_EQ(again.updated, 0u);
  ASSERT_EQ(again.skipped.size(), 1u);
  EXPECT_EQ(again.skipped[0].reason, "unreadable");
  EXPECT_TRUE(again.skipped[0].known);
  EXPECT_TRUE(again.skipped[0].may_pass);
  // Asked to: read, it is a record like any other.
  IndexOptions retry = c.options();
  retry.retry_failed = true;
  const IndexSummary retried = index_paths(paths, retry);
  EXPECT_EQ(retried.updated, 1u);
  EXPECT_EQ(retried.unchanged, 0u);
  EXPECT_TRUE(retried.skipped.empty());
  Xapian::Database db(c.options().index_dir);
  EXPECT_EQ(codec::get_state(db.get_document(*db.postlist_begin(""))).status, schema::kStatusOk);
}

TEST(TransientFailure, NotFromAReadingIsTriedAgainByTheNextRun) {
  TempCorpus c;
  const std::vector<std::string> paths = {(c.dir / "records").string()};
  EXPECT_EQ(index_paths(paths, c.options()).indexed, 1u);
  mark_failed(c.options().index_dir, true, false);
  const IndexSummary again = index_paths(paths, c.options());
  EXPECT_EQ(again.updated, 1u);
  EXPECT_EQ(again.unchanged, 0u);
  EXPECT_TRUE(again.skipped.empty());
  Xapian::Database db(c.options().index_dir);
  EXPECT_EQ(codec::get_state(db.get_document(*db.postlist_begin(""))).status, schema::kStatusOk);
}

TEST(TransientFailure, APermanentOneWaitsForAChange) {
  TempCorpus c;
  const std::vector<std::string> paths = {(c.dir / "records").string()};
  EXPECT_EQ(index_paths(paths, c.options()).indexed, 1u);
  mark_failed(c.options().index_dir, false);
  // Not even with retry_failed: only a change reads it again.
  IndexOptions retry = c.options();
  retry.retry_failed = true;
  const IndexSummary again = index_paths(paths, retry);
  EXPECT_EQ(again.updated, 0u);
  ASSERT_EQ(again.skipped.size(), 1u);
  EXPECT_EQ(again.skipped[0].reason, "unreadable");
  EXPECT_TRUE(again.skipped[0].known);
  EXPECT_FALSE(again.skipped[0].may_pass);
}

TEST(TransientFailure, TheFlagGoesFromTheDiagnosticToTheWritersSignature) {
  TempCorpus c;
  for (bool transient : {true, false}) {
    ExtractedDoc doc;
    doc.source.id = transient ? "aa" : "bb";
    doc.source.path = doc.source.abspath = "/x/" + doc.source.id + ".pdf";
    doc.diagnostics.push_back({DiagKind::kUnreadable, "the extractor crashed (signal 11)", 0, transient});
    index::Writer w(c.options().index_dir);
    w.replace(doc.source.id, index::make_failed_document(doc, TextAnalysis::kSwedish));
    const std::optional<index::Signature> sig = w.lookup(doc.source.id);
    ASSERT_TRUE(sig);
    EXPECT_EQ(sig->status, "unreadable");
    EXPECT_EQ(sig->detail, "the extractor crashed (signal 11)");
    EXPECT_EQ(sig->transient, transient);
  }
}

}  // namespace
}  // namespace arkiv
