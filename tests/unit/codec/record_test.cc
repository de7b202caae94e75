// The codec (codec/record.h): what is written reads back the same, keys on
// disk never change, and what older versions wrote still reads.
#include "codec/record.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <set>
#include <string>

#include "util/time.h"

using nlohmann::json;

namespace arkiv::codec {
namespace {

std::set<std::string> keys_of(const std::string& object) {
  std::set<std::string> out;
  const json parsed = json::parse(object);  // kept: items() is a view (a temporary here died before the loop)
  for (const auto& [k, v] : parsed.items()) out.insert(k);
  return out;
}

TEST(CodecState, RoundTrip) {
  for (const State& s : {State{7, "abc+swedish-2", "ok", "", false},
                         State{7, "abc+swedish-2", "unreadable", "extraction did not finish in 60 s (stopped)", true},
                         State{6, "x+snowball", "encrypted", "encrypted: a password is needed", false}}) {
    const State got = parse_state(encode_state(s));
    EXPECT_EQ(got.schema, s.schema);
    EXPECT_EQ(got.stamp, s.stamp);
    EXPECT_EQ(got.status, s.status);
    EXPECT_EQ(got.detail, s.detail);
    EXPECT_EQ(got.transient, s.transient);
  }
}

TEST(CodecState, ReadsWhatSchemaSevenWroteAndToleratesDamage) {
  // As main's document.cc wrote it, without the may-pass flag.
  State s = parse_state("7/0123456789abcdef+swedish-2/hunspell-sv\tcorrupt\tPoppler cannot parse it as a PDF");
  EXPECT_EQ(s.schema, 7);
  EXPECT_EQ(s.stamp, "0123456789abcdef+swedish-2/hunspell-sv");
  EXPECT_EQ(s.status, "corrupt");
  EXPECT_EQ(s.detail, "Poppler cannot parse it as a PDF");
  EXPECT_FALSE(s.transient);
  EXPECT_EQ(encode_state(s), "7/0123456789abcdef+swedish-2/hunspell-sv\tcorrupt\tPoppler cannot parse it as a PDF");
  for (const char* bad : {"", "7", "7/x\tok", "garbage"}) EXPECT_EQ(parse_state(bad).schema, 0) << bad;
}

HitSummary sample_hit() {
  HitSummary h;
  h.id = "0123456789abcdef0123456789abcdef";
  h.path = "corpus/Bilaga 1 avtal.pdf";
  h.title = "Avtal om \"samverkan\"";
  h.date = "2016-05-12";
  h.type = RecordType::kAgreement;
  h.pos = {1, 412, 980};
  h.parent = "fedcba9876543210fedcba9876543210";
  h.bilaga = 1;
  h.folder = "00112233445566778899aabbccddeeff";
  h.keys = {"dnr:KS 2015/456", "fs:livsfs/2006/22"};
  h.ocr = {3};
  h.cases = std::vector<std::string>{"KS 2015/456", "KS 2016/12"};
  h.org = "gavle-kommun";
  return h;
}

TEST(CodecHit, RoundTripAndKeysOnDisk) {
  const HitSummary h = sample_hit();
  const std::string v = encode_hit(h);
  // DO NOT CHANGE: the keys of kSlotHit in every index ("ocr" since the
  // search snippets say which pages OCR read, "names" since names are
  // escaped, "cases" since a hit's diarienummer are read from it, "org"
  // since the facets read organisations from it; added, none renamed).
  EXPECT_EQ(keys_of(v), (std::set<std::string>{"id", "path", "title", "date", "type", "pos", "parent", "bilaga",
                                                "folder", "keys", "ocr", "names", "cases", "org"}));
  const std::optional<HitSummary> got = parse_hit(v);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->id, h.id);
  EXPECT_EQ(got->path, h.path);
  EXPECT_EQ(got->title, h.title);
  EXPECT_EQ(got->date, h.date);
  EXPECT_EQ(got->type, h.type);
  EXPECT_EQ(got->pos, h.pos);
  EXPECT_EQ(got->parent, h.parent);
  EXPECT_EQ(got->bilaga, h.bilaga);
  EXPECT_EQ(got->folder, h.folder);
  EXPECT_EQ(got->keys, h.keys);
  EXPECT_EQ(got->ocr, h.ocr);
  EXPECT_EQ(got->cases, h.cases);
  EXPECT_EQ(got->org, h.org);
  // None found is an empty list, not the "not recorded" of older records.
  HitSummary none = h;
  none.cases = std::vector<std::string>{};
  EXPECT_EQ(parse_hit(encode_hit(none))->cases, std::vector<std::string>{});
}

TEST(CodecHit, MissingKeysReadAsDefaultsAndDamageAsNone) {
  // A summary of before "folder", "keys" and "ocr" existed.
  const std::optional<HitSummary> old = parse_hit(R"({"id":"a","path":"p.pdf","pos":[1],"bilaga":"x"})");
  ASSERT_TRUE(old);
  EXPECT_EQ(old->id, "a");
  EXPECT_EQ(old->pos, std::vector<std::uint32_t>{1});
  EXPECT_EQ(old->bilaga, 0);  // wrong type: the default
  EXPECT_TRUE(old->folder.empty());
  EXPECT_TRUE(old->keys.empty());
  EXPECT_TRUE(old->ocr.empty());
  EXPECT_FALSE(old->cases);  // not recorded: read from the record's terms
  EXPECT_FALSE(old->org);
  EXPECT_FALSE(parse_hit(R"({"id":"a","cases":null})")->cases);
  // A value of the wrong type is damage: as if not recorded.
  EXPECT_FALSE(parse_hit(R"({"id":"a","cases":"KS 2016/12","org":5})")->cases);
  EXPECT_FALSE(parse_hit(R"({"id":"a","cases":"KS 2016/12","org":5})")->org);
  EXPECT_FALSE(parse_hit(""));
  EXPECT_FALSE(parse_hit("{\"id\":"));
  EXPECT_FALSE(parse_hit("[1,2]"));
}

TEST(CodecHit, TypeStoredByItsKey) {
  // DO NOT CHANGE: the type is its Swedish key on disk, as before
  // RecordType ("avtal"); none is "".
  EXPECT_EQ(json::parse(encode_hit(sample_hit()))["type"], "avtal");
  HitSummary none = sample_hit();
  none.type.reset();
  EXPECT_EQ(json::parse(encode_hit(none))["type"], "");
  EXPECT_FALSE(parse_hit(encode_hit(none))->type);
  // A word an older index holds from a Markdown record's front matter
  // ("typ: anteckning"): not a type this version knows, so kOther.
  EXPECT_EQ(parse_hit(R"({"id":"a","type":"anteckning"})")->type, RecordType::kOther);
  EXPECT_EQ(parse_hit(R"({"id":"a","type":"allmänna råd"})")->type, RecordType::kGuidance);
  EXPECT_EQ(parse_hit(R"({"id":"a","type":"bilaga"})")->type, RecordType::kAttachment);
  EXPECT_FALSE(parse_hit(R"({"id":"a"})")->type);   // not recorded
  EXPECT_FALSE(parse_hit(R"({"id":"a","type":7})")->type);  // wrong JSON type: the default
  EXPECT_EQ(type_key(RecordType::kEmail), "e-post");
  EXPECT_EQ(type_key(std::nullopt), "");
}

TEST(CodecActors, RoundTripAndKeysOnDisk) {
  const std::vector<StoredActor> actors = {{"gavle-kommun", "Gävle kommun", "kommun", {}, 3},
                                           {"fpx", "Föreningen Pixel", "organisation", {"FPX", "Pixel"}, 2}};
  const std::string v = encode_actors(actors);
  EXPECT_EQ(keys_of(json::parse(v)[0].dump()), (std::set<std::string>{"id", "name", "type", "aliases", "mentions"}));
  // parse_actors() reads them back; parse_actor_names(), what a hit row
  // reads, the same actors in the same order without their aliases.
  for (const bool with_aliases : {true, false}) {
    const std::vector<StoredActor> got = with_aliases ? parse_actors(v) : parse_actor_names(v);
    ASSERT_EQ(got.size(), 2u);
    for (std::size_t i = 0; i < got.size(); ++i) {
      EXPECT_EQ(got[i].id, actors[i].id);
      EXPECT_EQ(got[i].name, actors[i].name);
      EXPECT_EQ(got[i].type, actors[i].type);
      EXPECT_EQ(got[i].aliases, with_aliases ? actors[i].aliases : std::vector<std::string>{});
      EXPECT_EQ(got[i].mentions, actors[i].mentions);
    }
  }
  EXPECT_TRUE(parse_actors("").empty());
  EXPECT_TRUE(parse_actors("{}").empty());
  EXPECT_TRUE(parse_actor_names("").empty());
  EXPECT_TRUE(parse_actor_names("[1,\"x\"]").empty());
}

RecordData sample_data() {
  RecordData d;
  d.schema = 7;
  d.source.id = "0123456789abcdef0123456789abcdef";
  d.source.path = "corpus/beslut.pdf!/bilaga 1.docx";
  d.source.abspath = "/srv/corpus/beslut.pdf!/bilaga 1.docx";
  d.source.size = 12345;
  d.source.sha256 = std::string(64, 'a');
  d.source.parent_id = "p";
  d.source.container_id = "c";
  d.source.member = "bilaga 1.docx";
  d.format = "docx";
  d.extractor = "pugixml";
  d.arkiv_version = "0.9.0";
  d.indexed_at = "2026-12-04T12:00:00Z";
  d.page_count = 2;
  d.meta.title = "Avtal";
  d.meta.author = "Anna";
  d.meta.created = util::parse_iso8601("2016-05-12T09:30:00Z");
  d.meta.recipients = "Bo";
  d.diagnostics = {{DiagKind::kPageNoText, "no text layer on this page", 2, false},
                   {DiagKind::kPageTextCut, "page text cut at 1000 bytes", 1, false}};
  d.title = "Avtal om samverkan";
  d.pages = {{1, 0, 100}, {2, 101, 250}};
  d.attachment_number = 1;
  d.attachment_refs = {2, 3};
  d.attachment_pages = {{2, 2}};
  d.link_keys = {"dnr:KS 2015/456"};
  d.type = RecordType::kAgreement;
  d.record_date = "2016-05-12";
  d.record_date_rule = "date-line";
  d.case_numbers = {{"Dnr KS 2015/0456", "KS 2015/456", 1}};
  d.references = {{"SOU 2007:10", "sou", "SOU 2007:10", 2}};
  d.actor_mentions = {{"gavle-kommun", {{10, 22, "gazetteer"}, {130, 142, "pattern"}}}};
  d.dates = {{40, 50, "2016-05-12", "2016-05-12", DatePrecision::kDay, true}};
  d.personal_data = {{2, 3, {"personnummer", "samordningsnummer"}}};
  return d;
}

TEST(CodecData, RoundTrip) {
  const RecordData d = sample_data();
  const std::optional<RecordData> got = parse_data(encode_data(d));
  ASSERT_TRUE(got);
  EXPECT_EQ(got->schema, d.schema);
  EXPECT_EQ(got->source.id, d.source.id);
  EXPECT_EQ(got->source.path, d.source.path);
  EXPECT_EQ(got->source.abspath, d.source.abspath);
  EXPECT_EQ(got->source.size, d.source.size);
  EXPECT_EQ(got->source.sha256, d.source.sha256);
  EXPECT_EQ(got->source.parent_id, d.source.parent_id);
  EXPECT_EQ(got->source.container_id, d.source.container_id);
  EXPECT_EQ(got->source.member, d.source.member);
  EXPECT_EQ(got->format, d.format);
  EXPECT_EQ(got->extractor, d.extractor);
  EXPECT_EQ(got->arkiv_version, d.arkiv_version);
  EXPECT_EQ(got->indexed_at, d.indexed_at);
  EXPECT_EQ(got->page_count, d.page_count);
  EXPECT_EQ(got->meta.title, d.meta.title);
  EXPECT_EQ(got->meta.author, d.meta.author);
  EXPECT_EQ(got->meta.created, d.meta.created);
  EXPECT_FALSE(got->meta.modified);
  EXPECT_EQ(got->meta.recipients, d.meta.recipients);
  ASSERT_EQ(got->diagnostics.size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(got->diagnostics[i].kind, d.diagnostics[i].kind);
    EXPECT_EQ(got->diagnostics[i].detail, d.diagnostics[i].detail);
    EXPECT_EQ(got->diagnostics[i].page, d.diagnostics[i].page);
  }
  EXPECT_EQ(got->title, d.title);
  ASSERT_EQ(got->pages.size(), 2u);
  EXPECT_EQ(got->pages[1].number, 2);
  EXPECT_EQ(got->pages[1].begin, 101u);
  EXPECT_EQ(got->pages[1].end, 250u);
  EXPECT_EQ(got->attachment_number, 1);
  EXPECT_EQ(got->attachment_refs, d.attachment_refs);
  ASSERT_EQ(got->attachment_pages.size(), 1u);
  EXPECT_EQ(got->attachment_pages[0].number, 2);
  EXPECT_EQ(got->link_keys, d.link_keys);
  EXPECT_EQ(got->type, d.type);
  EXPECT_EQ(got->record_date, d.record_date);
  EXPECT_EQ(got->record_date_rule, d.record_date_rule);
  ASSERT_EQ(got->case_numbers.size(), 1u);
  EXPECT_EQ(got->case_numbers[0].dnr, "KS 2015/456");
  EXPECT_EQ(got->case_numbers[0].text, "Dnr KS 2015/0456");
  ASSERT_EQ(got->references.size(), 1u);
  EXPECT_EQ(got->references[0].kind, "sou");
  EXPECT_EQ(got->references[0].page, 2);
  ASSERT_EQ(got->mentions_of("gavle-kommun").size(), 2u);
  EXPECT_EQ(got->mentions_of("gavle-kommun")[1].rule, "pattern");
  EXPECT_TRUE(got->mentions_of("icld").empty());
  ASSERT_EQ(got->dates.size(), 1u);
  EXPECT_EQ(got->dates[0].precision, DatePrecision::kDay);
  ASSERT_EQ(got->personal_data.size(), 1u);
  EXPECT_EQ(got->personal_data[0].page, 2);
  EXPECT_EQ(got->personal_data[0].count, 3);
  EXPECT_EQ(got->personal_data[0].kinds, (std::vector<std::string>{"personnummer", "samordningsnummer"}));
}

TEST(CodecRoundTrip, EncodeParseEncodeGivesTheSameBytes) {
  // Whatever the field lists hold, a field added included: what is read
  // back writes the same bytes again.
  const std::string hit = encode_hit(sample_hit());
  EXPECT_EQ(encode_hit(*parse_hit(hit)), hit);
  const std::string data = encode_data(sample_data());
  EXPECT_EQ(encode_data(*parse_data(data)), data);
  const std::string actors = encode_actors({{"a", "A", "kommun", {"x"}, 1}});
  EXPECT_EQ(encode_actors(parse_actors(actors)), actors);
}

TEST(CodecData, KeysOnDiskAndMtimeStatusStoredOnce) {
  // DO NOT CHANGE: the keys of the record data in every index. "mtime",
  // "status" and "status_detail" are no longer written (their slots hold
  // them) but older records have them.
  EXPECT_EQ(keys_of(encode_data(sample_data())),
            (std::set<std::string>{"schema", "id", "path", "abspath", "size", "sha256", "parent_id", "container_id",
                                   "member", "format", "extractor", "arkiv_version", "indexed_at", "page_count",
                                   "meta", "diagnostics", "title", "pages", "attachment_number", "attachment_refs",
                                   "attachment_pages", "link_keys", "type", "record_date", "record_date_rule",
                                   "case_numbers", "references", "actor_mention_rules", "actor_mentions",
                                   "dates", "personal_data", "names"}));
}

TEST(CodecData, OlderRecordsRead) {
  // Shaped as main's document.cc wrote a failed record (schema 7), and a
  // page cut before it had a kind of its own.
  const std::optional<RecordData> d = parse_data(R"({"schema":7,"id":"x","path":"a.pdf","mtime":"2020-01-01T00:00:00Z",
    "size":3,"status":"encrypted","status_detail":"a password is needed","title":"",
    "diagnostics":[{"kind":"encrypted","detail":"a password is needed","page":0},
                   {"kind":"page-no-text","detail":"page text cut at 65536 bytes","page":3},
                   {"kind":"some-future-kind","detail":"?","page":1}],
    "meta":{"title":"T","created":""}})");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->source.path, "a.pdf");
  EXPECT_EQ(d->source.size, 3u);
  EXPECT_EQ(d->legacy_status, "encrypted");
  EXPECT_EQ(d->legacy_status_detail, "a password is needed");
  ASSERT_EQ(d->diagnostics.size(), 3u);
  EXPECT_EQ(d->diagnostics[0].kind, DiagKind::kEncrypted);
  EXPECT_EQ(d->diagnostics[1].kind, DiagKind::kPageTextCut);
  EXPECT_EQ(d->diagnostics[2].kind, Diagnostic{}.kind);  // unknown: the default, as before
  EXPECT_EQ(d->meta.title, "T");
  EXPECT_FALSE(d->meta.created);
  EXPECT_TRUE(d->pages.empty());
  EXPECT_TRUE(d->personal_data.empty());  // written before schema 8: none found
  EXPECT_FALSE(parse_data("not json"));
  EXPECT_FALSE(parse_data("[]"));
}

TEST(CodecNames, NamesThatAreNotUtf8ComeBackAsTheirBytes) {
  // A Latin-1 file name and a CP437 member name (issue 21): stored with
  // U+FFFD before, so the audit called the file both missing and new.
  RecordData d = sample_data();
  d.source.path = "c/caf\xe9.zip!/r\x84kning.pdf";
  d.source.abspath = "/srv/c/caf\xe9.zip!/r\x84kning.pdf";
  d.source.member = "r\x84kning.pdf";
  const std::string data = encode_data(d);
  const json j = json::parse(data);  // strict: valid UTF-8 JSON
  EXPECT_EQ(j["path"], "c/caf\\xe9.zip!/r\\x84kning.pdf");
  EXPECT_EQ(j["member"], "r\\x84kning.pdf");
  EXPECT_EQ(j["names"], 1);
  const std::optional<RecordData> got = parse_data(data);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->source.path, d.source.path);
  EXPECT_EQ(got->source.abspath, d.source.abspath);
  EXPECT_EQ(got->source.member, d.source.member);
  EXPECT_EQ(encode_data(*got), data);

  HitSummary h = sample_hit();
  h.path = "c/caf\xe9.txt";
  const std::string hit = encode_hit(h);
  EXPECT_EQ(json::parse(hit)["path"], "c/caf\\xe9.txt");
  ASSERT_TRUE(parse_hit(hit));
  EXPECT_EQ(parse_hit(hit)->path, h.path);

  // A UTF-8 name that holds the text "\x41" is a name like any other.
  h.path = "c/a\\x41.txt";
  EXPECT_EQ(parse_hit(encode_hit(h))->path, h.path);
}

TEST(CodecNames, NamesOfOlderRecordsReadAsStored) {
  // Written before "names": nothing is unescaped, so a name holding the
  // text "\x41" stays that text, and a lost byte stays U+FFFD.
  const std::optional<RecordData> d =
      parse_data(R"({"schema":8,"id":"x","path":"c/a\\x41.txt","abspath":"/c/caf\ufffd.txt","member":""})");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->source.path, "c/a\\x41.txt");
  EXPECT_EQ(d->source.abspath, "/c/caf\xef\xbf\xbd.txt");
  EXPECT_EQ(parse_hit(R"({"id":"x","path":"c/a\\x41.txt"})")->path, "c/a\\x41.txt");
}

TEST(CodecNames, ExactUnlessAnOlderRecordLostTheBytesOfItsName) {
  RecordData d = sample_data();
  d.source.container_id.clear();
  d.source.path = "c/caf\xe9.txt";
  d.source.abspath = "/c/caf\xe9.txt";
  Xapian::Document now;
  put_signature(now, d.source);
  put_data(now, d);
  EXPECT_EQ(get_abspath(now), "/c/caf\xe9.txt");  // the raw bytes
  EXPECT_TRUE(names_exact(now));
  // As schema 8 wrote it: the JSON has U+FFFD, the value the bytes.
  Xapian::Document old;
  put_signature(old, d.source);
  old.set_data(R"({"schema":8,"id":"x","path":"c/caf\ufffd.txt","abspath":"/c/caf\ufffd.txt"})");
  EXPECT_FALSE(names_exact(old));
  // A UTF-8 name lost nothing, whenever it was written.
  d.source.abspath = "/c/cafe.txt";
  Xapian::Document utf8;
  put_signature(utf8, d.source);
  utf8.set_data(R"({"schema":8,"id":"x","path":"c/cafe.txt","abspath":"/c/cafe.txt"})");
  EXPECT_TRUE(names_exact(utf8));
}

TEST(CodecDiag, EveryKindHasOneKeyBothWays) {
  for (int k = 0; k <= static_cast<int>(DiagKind::kPageTextCut); ++k) {
    const DiagKind kind = static_cast<DiagKind>(k);
    EXPECT_NE(std::string(diag_key(kind)), "unknown");
    EXPECT_EQ(diag_from_key(diag_key(kind)), kind);
  }
  EXPECT_FALSE(diag_from_key("no-such-kind"));
  // DO NOT CHANGE: on disk and in --json.
  EXPECT_STREQ(diag_key(DiagKind::kPageNoText), "page-no-text");
  EXPECT_STREQ(diag_key(DiagKind::kPageTextCut), "page-text-cut");
  EXPECT_FALSE(diag_is_fatal(DiagKind::kPageTextCut));
}

}  // namespace
}  // namespace arkiv::codec

namespace arkiv {
namespace {

// The index's sources and the last run's walk problems (schema::
// kMetaSources, kMetaWalkProblems): paths may hold '\n' and bytes that are
// not UTF-8, never '\0'.
TEST(CodecMeta, SourcesAndWalkProblemsRoundTrip) {
  EXPECT_EQ(codec::split_sources(codec::join_sources({"/a/b c", "/a/b/c", "/a/b", "/x\ny"})),
            (std::vector<std::string>{"/a/b", "/a/b c", "/x\ny"}));
  EXPECT_TRUE(codec::split_sources("").empty());
  EXPECT_TRUE(codec::at_or_below("/a/b", "/a/b"));
  EXPECT_TRUE(codec::at_or_below("/a/b/c", "/a/b"));
  EXPECT_TRUE(codec::at_or_below("/a", "/"));
  EXPECT_FALSE(codec::at_or_below("/a/b c", "/a/b"));
  EXPECT_FALSE(codec::at_or_below("/a", "/a/b"));

  const std::vector<codec::WalkProblem> problems = {
      {"/c/sub", "unreadable", "Permission denied"},
      {"/c/caf\xe9\nx", "unsupported", "a symbolic link to /etc, out of the folder"},
      {"/c/tom", "not-found", ""},
  };
  EXPECT_EQ(codec::split_walk_problems(codec::join_walk_problems(problems)), problems);
  EXPECT_TRUE(codec::split_walk_problems("").empty());
  // Damaged: an incomplete last entry is left out.
  std::string cut = codec::join_walk_problems(problems);
  cut.resize(cut.rfind('\0'));
  cut.resize(cut.rfind('\0'));
  EXPECT_EQ(codec::split_walk_problems(cut).size(), 2u);
}

}  // namespace
}  // namespace arkiv
