// The writer as a user meets it through index_paths(): batches that commit
// as a whole, an unchanged file touched, deleted files removed, and an
// index left half-created by a kill during its creation.
#include <gtest/gtest.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include <xapian.h>

#include "../scratch.h"
#include "arkiv/audit.h"
#include "arkiv/error.h"

namespace arkiv {
namespace {

namespace fs = std::filesystem;
using test::Scratch;

std::string decision(int n) {
  return "Protokoll " + std::to_string(n) + "\nKommunstyrelsen beslutade att godkänna avtal nummer " +
         std::to_string(n) + ".\nRegistreringsord akt" + std::to_string(n) + "\n";
}

void write_decisions(const Scratch& s, int n) {
  // d0.txt, d1.txt, ... (appended, not "d" + ...: GCC 12 warns falsely
  // of an overlapping memcpy there, its bug 105329)
  for (int i = 0; i < n; ++i) s.write(std::string("d").append(std::to_string(i)).append(".txt"), decision(i));
}

std::size_t records(const Scratch& s) { return Searcher(s.search_options()).stats().records; }

TEST(Writer, EveryBatchIsCommittedAndSearchable) {
  Scratch s;
  write_decisions(s, 7);
  IndexOptions opts;
  opts.batch_size = 3;  // batches of 3, 3 and 1
  const IndexSummary sum = s.index(opts);
  EXPECT_EQ(sum.indexed, 7u);
  EXPECT_TRUE(sum.skipped.empty());
  EXPECT_EQ(records(s), 7u);
  EXPECT_EQ(s.search("kommunstyrelsen").total, 7u);
  EXPECT_EQ(s.search("akt6").total, 1u);
}

// A run stopped in the middle of a batch (here by an exception from the
// progress callback, which runs on the writing thread after each file)
// keeps the batches committed before and nothing of the one in progress;
// the next run indexes the rest.
TEST(Writer, ARunStoppedMidBatchKeepsTheCommittedBatchesOnly) {
  Scratch s;
  write_decisions(s, 7);
  IndexOptions opts;
  opts.batch_size = 2;
  opts.on_progress = [](const IndexProgress& p) {
    if (p.done == 5) throw std::runtime_error("stopped");  // files 1-4 committed, 5 in the third batch
  };
  EXPECT_THROW(s.index(opts), std::runtime_error);
  EXPECT_EQ(records(s), 4u);
  EXPECT_EQ(s.search("kommunstyrelsen").total, 4u);
  // One thread: files reach the writer in path order, d0 ... d3 committed.
  for (int i = 0; i < 7; ++i) EXPECT_EQ(s.search("akt" + std::to_string(i)).total, i < 4 ? 1u : 0u) << i;

  const IndexSummary rest = s.index();
  EXPECT_EQ(rest.indexed, 3u);
  EXPECT_EQ(rest.unchanged, 4u);
  EXPECT_EQ(records(s), 7u);
}

// A file whose mtime moved but whose content did not (`touch`, a copy
// that kept its bytes) is not read again; its stored mtime follows the
// file, so the audit does not call it changed.
TEST(Writer, ATouchedUnchangedFileIsNotReadAgain) {
  Scratch s;
  write_decisions(s, 2);
  ASSERT_EQ(s.index().indexed, 2u);
  const auto later = fs::last_write_time(s.path("d1.txt")) + std::chrono::hours(24 * 400);
  fs::last_write_time(s.path("d1.txt"), later);

  const IndexSummary again = s.index();
  EXPECT_EQ(again.unchanged, 2u);
  EXPECT_EQ(again.indexed + again.updated + again.removed, 0u);
  EXPECT_EQ(again.pages, 0u);  // nothing extracted

  const std::optional<RecordInfo> info = Searcher(s.search_options()).find(s.path("d1.txt"));
  ASSERT_TRUE(info);
  const auto sys = std::chrono::file_clock::to_sys(later);
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::time_point_cast<std::chrono::seconds>(sys));
  char iso[32];
  std::strftime(iso, sizeof iso, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  EXPECT_EQ(info->mtime, iso);
  EXPECT_EQ(s.search("akt1").total, 1u);

  AuditOptions audit_opts;
  audit_opts.paths = {s.corpus()};
  EXPECT_EQ(audit(s.search_options(), audit_opts).counts().at("changed"), 0u);

  // Other bytes of the same size under the same mtime are trusted to be
  // the same file (indexer.h: size and mtime decide, the hash only when
  // they differ); once the mtime moves, the hash tells the change.
  s.write("d1.txt", decision(7));
  fs::last_write_time(s.path("d1.txt"), later);
  EXPECT_EQ(s.index().unchanged, 2u);
  fs::last_write_time(s.path("d1.txt"), later + std::chrono::seconds(1));
  const IndexSummary reread = s.index();
  EXPECT_EQ(reread.updated, 1u);
  EXPECT_EQ(reread.unchanged, 1u);
  EXPECT_EQ(s.search("akt7").total, 1u);
  EXPECT_EQ(s.search("akt1").total, 0u);
}

TEST(Writer, DeletedFilesAreRemoved) {
  Scratch s;
  write_decisions(s, 3);
  ASSERT_EQ(s.index().indexed, 3u);
  fs::remove(s.path("d1.txt"));
  const IndexSummary again = s.index();
  EXPECT_EQ(again.removed, 1u);
  EXPECT_EQ(again.unchanged, 2u);
  EXPECT_EQ(records(s), 2u);
  EXPECT_EQ(s.search("akt1").total, 0u);
  EXPECT_FALSE(Searcher(s.search_options()).find(s.path("d1.txt")));

  // A file named on the command line that no longer exists: reported as
  // not found, and its record removed.
  IndexOptions opts;
  opts.index_dir = s.index_dir();
  opts.threads = 1;
  fs::remove(s.path("d2.txt"));
  const IndexSummary named = index_paths({s.path("d2.txt")}, opts);
  ASSERT_EQ(named.skipped.size(), 1u);
  EXPECT_EQ(named.skipped[0].path, s.path("d2.txt"));
  EXPECT_EQ(named.skipped[0].reason, std::string(diag_key(DiagKind::kNotFound)));
  EXPECT_EQ(named.removed, 1u);
  EXPECT_EQ(records(s), 1u);
}

// A kill while Xapian creates the index leaves its tables and perhaps
// "v.tmp", but no "iamglass": nothing was committed, so the next run
// creates the index afresh. Large tables without iamglass are a damaged
// index, and a folder of other files is not an index at all: both are
// refused, untouched.
TEST(Writer, AHalfCreatedIndexIsCreatedAfresh) {
  Scratch s;
  write_decisions(s, 2);
  fs::create_directories(s.index_dir());
  for (const char* name : {"postlist.glass", "termlist.glass", "v.tmp"})
    std::ofstream(s.index_dir() + "/" + name) << std::string(8192, '\0');
  EXPECT_EQ(s.index().indexed, 2u);
  EXPECT_EQ(records(s), 2u);
}

TEST(Writer, ADamagedOrForeignFolderIsRefused) {
  Scratch s;
  write_decisions(s, 1);
  fs::create_directories(s.index_dir());
  std::ofstream(s.index_dir() + "/postlist.glass") << std::string(2u << 20, 'x');
  try {
    s.index();
    ADD_FAILURE() << "a damaged index was accepted";
  } catch (const IndexError& e) {
    EXPECT_NE(std::string(e.what()).find("damaged index"), std::string::npos) << e.what();
  }
  EXPECT_EQ(fs::file_size(s.index_dir() + "/postlist.glass"), 2u << 20);  // left for a person to look at

  fs::remove(s.index_dir() + "/postlist.glass");
  std::ofstream(s.index_dir() + "/notes.txt") << "not an index\n";
  try {
    s.index();
    ADD_FAILURE() << "a folder of other files was accepted";
  } catch (const IndexError& e) {
    EXPECT_NE(std::string(e.what()).find("is not an arkiv index"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(fs::exists(s.index_dir() + "/notes.txt"));
}

// A file whose name is not UTF-8 (issue 21: a Latin-1 "café.txt") keeps
// its bytes: unchanged on the next run, nothing removed, audited clean.
// An index written before names were escaped holds U+FFFD in that
// record's JSON: the file is read again once, not on every run, and the
// audit matches it by its path's bytes meanwhile.
TEST(Writer, ANameThatIsNotUtf8IsKeptAndAnOldRecordOfItMended) {
  Scratch s;
  const std::string name = "caf\xe9.txt";
  s.write(name, decision(1));
  ASSERT_EQ(s.index().indexed, 1u);
  IndexSummary again = s.index();
  EXPECT_EQ(again.unchanged, 1u);
  EXPECT_EQ(again.indexed + again.updated + again.removed, 0u);
  AuditOptions audit_opts;
  audit_opts.paths = {s.corpus()};
  audit_opts.verify = true;
  EXPECT_TRUE(audit(s.search_options(), audit_opts).findings.empty());
  const std::optional<RecordInfo> info = Searcher(s.search_options()).find(s.path(name));
  ASSERT_TRUE(info);
  EXPECT_EQ(info->abspath, s.path(name));

  // The record as schema 8 wrote it: no "names", U+FFFD for the byte.
  {
    Xapian::WritableDatabase db(s.index_dir());
    const Xapian::docid did = *db.postlist_begin("Q" + info->id);
    Xapian::Document d = db.get_document(did);
    nlohmann::json j = nlohmann::json::parse(d.get_data());
    j.erase("names");
    j["path"] = s.corpus() + "/caf\uFFFD.txt";
    j["abspath"] = s.corpus() + "/caf\uFFFD.txt";
    d.set_data(j.dump());
    db.replace_document(did, d);
    db.commit();
  }
  EXPECT_TRUE(audit(s.search_options(), audit_opts).findings.empty());
  again = s.index();
  EXPECT_EQ(again.updated, 1u);
  EXPECT_EQ(again.removed, 0u);
  EXPECT_EQ(Searcher(s.search_options()).find(s.path(name))->path, s.path(name));
  again = s.index();
  EXPECT_EQ(again.unchanged, 1u);
  EXPECT_EQ(again.indexed + again.updated + again.removed, 0u);
}

}  // namespace
}  // namespace arkiv
