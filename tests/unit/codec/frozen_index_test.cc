// The index under tests/data/index_v7/ was written by arkiv at schema 7
// from three small files (tests/data/README.md says how). Every later
// version must still read it, or upgrade it: its records, hit summaries,
// actors, dates and a search, as that version of arkiv read them. If a
// change makes this test fail, the change breaks every index in use.
// tests/data/index_v8/ (schema 8) adds personal data; its tests are below.
#include <gtest/gtest.h>
#include <xapian.h>

#include <unistd.h>

#include <filesystem>
#include <string>

#include "arkiv/search.h"
#include "codec/format.h"
#include "codec/record.h"
#include "index/writer.h"

namespace fs = std::filesystem;

namespace arkiv {
namespace {

const std::string kIndex = std::string(ARKIV_SOURCE_DIR) + "/tests/data/index_v7";
// Record ids: from the absolute paths the files had when indexed.
constexpr const char* kTwoPages = "732ac738c3bfb53f860d19037290f287";     // records/two_pages.pdf
constexpr const char* kBilaga = "527a7789cb9a9817e170249392b2cae8";       // records/Bilaga 2 underlag.txt
constexpr const char* kEncrypted = "3aea3719d38d47e520045bffe204b070";    // records/encrypted.pdf

TEST(FrozenIndexV7, RecordsReadAsWritten) {
  Searcher s(SearchOptions{{kIndex}});
  const std::optional<RecordInfo> pdf = s.find(kTwoPages);
  ASSERT_TRUE(pdf);
  EXPECT_EQ(pdf->path, "records/two_pages.pdf");
  EXPECT_EQ(pdf->status, "ok");
  EXPECT_EQ(pdf->format, "pdf");
  EXPECT_EQ(pdf->title, "Protokollsutdrag Kommunstyrelsen");
  EXPECT_EQ(pdf->meta.author, "Gävle kommun");
  EXPECT_EQ(pdf->page_count, 2);
  ASSERT_EQ(pdf->pages.size(), 2u);
  EXPECT_NE(pdf->pages[0].find("Zhuhai"), std::string::npos);
  EXPECT_EQ(pdf->record_date, "2020-06-15");
  EXPECT_EQ(pdf->type, "protokollsutdrag");
  EXPECT_EQ(pdf->sha256.size(), 64u);
  EXPECT_EQ(pdf->mtime.size(), 20u);  // "2026-12-04T21:48:57Z"

  const std::optional<RecordInfo> txt = s.find(kBilaga);
  ASSERT_TRUE(txt);
  EXPECT_EQ(txt->path, "records/Bilaga 2 underlag.txt");
  EXPECT_EQ(txt->attachment_number, 2);
  EXPECT_EQ(txt->type, "beslut");
  EXPECT_EQ(txt->size, 309u);
  bool zhuhai = false;
  for (const ActorCount& a : txt->actors) zhuhai = zhuhai || a.actor.id == "zhuhai";
  EXPECT_TRUE(zhuhai);

  const std::optional<RecordInfo> locked = s.find(kEncrypted);
  ASSERT_TRUE(locked);
  EXPECT_EQ(locked->status, "encrypted");
  ASSERT_EQ(locked->diagnostics.size(), 1u);
  EXPECT_EQ(locked->diagnostics[0].kind, DiagKind::kEncrypted);
  EXPECT_TRUE(locked->pages.empty());
}

TEST(FrozenIndexV7, SearchTimelineAndActors) {
  Searcher s(SearchOptions{{kIndex}});
  SearchRequest req;
  req.query = "Zhuhai";
  const SearchResult r = s.search(req);
  ASSERT_EQ(r.hits.size(), 2u);
  for (const Hit& h : r.hits) {
    EXPECT_FALSE(h.snippet.empty());
    EXPECT_EQ(h.pages, std::vector<int>{1});
    EXPECT_FALSE(h.highlights.empty());
  }
  req.query = "typ:protokollsutdrag";
  const SearchResult typed = s.search(req);
  ASSERT_EQ(typed.hits.size(), 1u);
  EXPECT_EQ(typed.hits[0].id, kTwoPages);
  EXPECT_EQ(typed.hits[0].date, "2020-06-15");

  const Timeline tl = s.timeline("Zhuhai");
  ASSERT_GE(tl.events.size(), 3u);
  EXPECT_EQ(tl.events[0].start, "2010-01-01");
  EXPECT_EQ(tl.events[0].precision, DatePrecision::kPeriod);

  bool gavle = false;
  for (const ActorCount& a : s.actors()) gavle = gavle || (a.actor.id == "gavle-kommun" && a.records == 1);
  EXPECT_TRUE(gavle);
  const std::optional<ActorReferences> refs = s.actor_references("Zhuhai");
  ASSERT_TRUE(refs);
  ASSERT_FALSE(refs->mentions.empty());
  EXPECT_EQ(refs->mentions[0].surface, "Zhuhai");
  EXPECT_EQ(s.stats().records, 2u);
  EXPECT_EQ(s.stats().failed, 1u);
}

TEST(FrozenIndexV7, EveryStoredShapeParses) {
  Xapian::Database db(kIndex);
  ASSERT_EQ(db.get_metadata(schema::kMetaSchema), "7");
  int hits = 0;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    const Xapian::Document d = db.get_document(*it);
    const std::optional<codec::RecordData> data = codec::get_data(d);
    ASSERT_TRUE(data);
    EXPECT_EQ(data->schema, 7);
    const codec::State state = codec::get_state(d, &*data);
    EXPECT_EQ(state.schema, 7);
    EXPECT_FALSE(state.stamp.empty());
    EXPECT_FALSE(state.transient);
    EXPECT_GT(codec::get_mtime_ns(d), 0);
    EXPECT_EQ(codec::get_size(d), data->source.size);
    if (const std::optional<codec::HitSummary> hit = codec::get_hit(d)) {
      ++hits;
      EXPECT_EQ(hit->id, data->source.id);
      EXPECT_EQ(codec::get_hit_id(d), hit->id);  // read alone, as apart filters read it
      EXPECT_EQ(hit->pos.size(), data->pages.size());
      EXPECT_EQ(hit->folder.size(), 32u);
      EXPECT_FALSE(codec::get_actors(d).empty());
      EXPECT_TRUE(data->personal_data.empty());  // no "personal_data" key before schema 8: none found
    } else {
      EXPECT_EQ(codec::get_hit_id(d), "");
      EXPECT_EQ(state.status, "encrypted");
    }
  }
  EXPECT_EQ(hits, 2);
}

TEST(FrozenIndexV7, AWriterOpensItAndSeesItsSignatures) {
  // A copy: the fixture itself is never opened for writing.
  const fs::path copy = fs::temp_directory_path() / ("arkiv-frozen-v7-" + std::to_string(::getpid()));
  fs::remove_all(copy);
  fs::copy(kIndex, copy);
  {
    index::Writer w(copy.string());
    const std::optional<index::Signature> sig = w.lookup(kTwoPages);
    ASSERT_TRUE(sig);
    EXPECT_EQ(sig->schema, 7);
    EXPECT_EQ(sig->status, "ok");
    EXPECT_GT(sig->size, 0u);
    EXPECT_EQ(sig->sha256.size(), 64u);
    EXPECT_TRUE(sig->names_exact);  // written before "names", but UTF-8: nothing to read again
    const std::optional<index::Signature> locked = w.lookup(kEncrypted);
    ASSERT_TRUE(locked);
    EXPECT_EQ(locked->status, "encrypted");
    EXPECT_FALSE(locked->transient);
    // touch() sets the mtime alone; the record reads as before.
    w.touch(*sig, 1'600'000'000'000'000'000);
    w.commit_batch();
    w.mark_run_complete();
  }
  Searcher s(SearchOptions{{copy.string()}});
  const std::optional<RecordInfo> pdf = s.find(kTwoPages);
  ASSERT_TRUE(pdf);
  EXPECT_EQ(pdf->mtime, "2020-09-13T12:26:40Z");
  EXPECT_EQ(pdf->title, "Protokollsutdrag Kommunstyrelsen");
  fs::remove_all(copy);
}

// tests/data/index_v8/: the same three files and a record holding a
// personnummer, a samordningsnummer and an organisationsnummer, written at
// schema 8 (tests/data/README.md). Every later version must read its
// personal data as written.
const std::string kIndexV8 = std::string(ARKIV_SOURCE_DIR) + "/tests/data/index_v8";
constexpr const char* kPersonal = "105f4f155b5187c6ef57f4fcdbec9c1d";  // records/personuppgifter.txt

TEST(FrozenIndexV8, PersonalDataReadsAsWritten) {
  Xapian::Database db(kIndexV8);
  ASSERT_EQ(db.get_metadata(schema::kMetaSchema), "8");
  int with = 0;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    const std::optional<codec::RecordData> data = codec::get_data(db.get_document(*it));
    ASSERT_TRUE(data);
    EXPECT_EQ(data->schema, 8);
    if (data->source.id != kPersonal) {
      EXPECT_TRUE(data->personal_data.empty()) << data->source.path;
      continue;
    }
    ++with;
    ASSERT_EQ(data->personal_data.size(), 1u);
    EXPECT_EQ(data->personal_data[0].page, 1);
    EXPECT_EQ(data->personal_data[0].count, 2);  // not the organisationsnummer
    EXPECT_EQ(data->personal_data[0].kinds, (std::vector<std::string>{"personnummer", "samordningsnummer"}));
    // Never the numbers themselves in the record data.
    EXPECT_EQ(db.get_document(*it).get_data().find("9876"), std::string::npos);
  }
  EXPECT_EQ(with, 1);
  EXPECT_EQ(db.get_termfreq(std::string(schema::kPrefixPersonalNumber) + "198112189876"), 1u);
  EXPECT_EQ(db.get_termfreq(std::string(schema::kPrefixPersonalData) + "samordningsnummer"), 1u);
}

TEST(FrozenIndexV8, SearchedAndShownMasked) {
  Searcher s(SearchOptions{{kIndexV8}});
  SearchRequest req;
  for (const char* form : {"811218-9876", "198112189876", "pnr:8112189876", "personuppgifter:ja"}) {
    req.query = form;
    const SearchResult r = s.search(req);
    ASSERT_EQ(r.hits.size(), 1u) << form;
    EXPECT_EQ(r.hits[0].id, kPersonal) << form;
    EXPECT_EQ(r.hits[0].snippet.find("9876"), std::string::npos) << r.hits[0].snippet;
  }
  const std::optional<RecordInfo> masked = s.find(kPersonal);
  ASSERT_TRUE(masked);
  ASSERT_EQ(masked->pages.size(), 1u);
  EXPECT_NE(masked->pages[0].find("Anna Berg, 19811218-XXXX."), std::string::npos) << masked->pages[0];
  EXPECT_NE(masked->pages[0].find("212000-2379"), std::string::npos);  // an organisationsnummer is no one's
  SearchOptions shown{{kIndexV8}};
  shown.show_personal_data = true;
  const std::optional<RecordInfo> as_written = Searcher(shown).find(kPersonal);
  ASSERT_TRUE(as_written);
  EXPECT_NE(as_written->pages[0].find("Anna Berg, 811218-9876."), std::string::npos);
}

}  // namespace
}  // namespace arkiv
