// The shard list (query/open.h): the stub-file lines arkiv reads, each bad
// line named by file, line and what is accepted; and opening shards of
// which some do not answer: refused, or accepting and never answering.
#include "query/open.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "arkiv/error.h"
#include "arkiv/search.h"
#include "codec/format.h"
#include "../scratch.h"
#include "../../loopback.h"

namespace arkiv::query {
namespace {

// The shards a list names, compact: "L(path)" local, "R(host:port)" remote.
std::string shape(const std::vector<ShardLocation>& shards) {
  std::string out;
  for (const ShardLocation& s : shards) {
    if (!out.empty()) out += ' ';
    out += s.remote() ? "R(" + s.host + ":" + std::to_string(s.port) + ")" : "L(" + s.path + ")";
  }
  return out;
}

TEST(ShardList, ReadsXapiansStubLines) {
  const struct {
    const char* text;
    const char* shards;
  } cases[] = {
      {"glass shard0\n", "L(/lists/shard0)"},
      {"auto /srv/arkiv/s1\n", "L(/srv/arkiv/s1)"},
      {"auto ../other/s2", "L(/other/s2)"},                         // relative to the list's folder; no last newline
      {"remote 127.0.0.1:5001\n", "R(127.0.0.1:5001)"},
      {"remote shard3.lan:65535\n", "R(shard3.lan:65535)"},
      {"# three shards\n\n  glass a  \r\n\tremote h:1\n#remote x:2\n", "L(/lists/a) R(h:1)"},  // comments, blanks, CRLF
      {"glass   spaced\n", "L(/lists/spaced)"},
  };
  for (const auto& c : cases) EXPECT_EQ(shape(parse_shard_list(c.text, "shards.stub", "/lists")), c.shards) << c.text;
}

TEST(ShardList, EveryBadLineNamesFileLineAndWhatIsAccepted) {
  const struct {
    const char* text;
    const char* where;  // "FILE:LINE"
    const char* what;   // part of the message
  } cases[] = {
      {"glass a\nchert b\n", "shards.stub:2", "\"chert\" is no shard type"},
      {"inmemory\n", "shards.stub:1", "\"inmemory\" is no shard type"},
      {"# x\nglass\n", "shards.stub:2", "without a path"},
      {"remote 127.0.0.1\n", "shards.stub:1", "no HOST:PORT"},
      {"remote :5001\n", "shards.stub:1", "runs a program"},
      {"remote :xapian-progsrv db\n", "shards.stub:1", "runs a program"},
      {"remote h:0\n", "shards.stub:1", "PORT of 1-65535"},
      {"remote h:65536\n", "shards.stub:1", "PORT of 1-65535"},
      {"remote h:12a\n", "shards.stub:1", "PORT of 1-65535"},
      {"remote\n", "shards.stub:1", "no HOST:PORT"},
      {"tcp://h:1\n", "shards.stub:1", "no shard type"},
      {"# only a comment\n\n", "shards.stub", "names no shard"},
  };
  for (const auto& c : cases) {
    try {
      parse_shard_list(c.text, "shards.stub", "/lists");
      ADD_FAILURE() << "accepted: " << c.text;
    } catch (const IndexError& e) {
      const std::string m = e.what();
      EXPECT_EQ(m.rfind(std::string(c.where) + ":", 0), 0u) << m;
      EXPECT_NE(m.find(c.what), std::string::npos) << m;
      EXPECT_NE(m.find("\"remote HOST:PORT\""), std::string::npos) << m;
    }
  }
}

TEST(ShardList, LocationsAreFoldersTcpAndListFiles) {
  test::Scratch s;
  const std::filesystem::path list = std::filesystem::path(s.corpus()) / "shards.stub";
  std::ofstream(list) << "glass one\nremote 10.0.0.7:33333\n";
  EXPECT_EQ(shape(shard_locations({"idx", "tcp://h:7", list.string()})),
            "L(idx) R(h:7) L(" + (list.parent_path() / "one").string() + ") R(10.0.0.7:33333)");
  EXPECT_THROW(shard_locations({"tcp://h"}), IndexError);
  EXPECT_THROW(shard_locations({"tcp://h:99999"}), IndexError);
}



double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

TEST(OpenShards, SearchesTheShardsThatAnswerAndSaysWhichDidNot) {
  test::Scratch s;
  s.write("a.txt", "Beslut om samverkan med Zhuhai.\n");
  s.index();
  const std::string dead = "tcp://127.0.0.1:" + std::to_string(arkiv::test::unused_loopback_port());
  test::HungServer hung;
  ASSERT_TRUE(hung.listening());
  const std::string stuck = "tcp://127.0.0.1:" + std::to_string(hung.port());

  const auto t0 = std::chrono::steady_clock::now();
  OpenShards open = open_shards({s.index_dir(), dead, stuck, s.index_dir() + "-none"}, {200, 400});
  const double took = seconds_since(t0);
  EXPECT_EQ(open.report.answered, 1u);
  ASSERT_EQ(open.report.failed.size(), 3u);
  EXPECT_EQ(open.report.failed[0].shard, dead);
  EXPECT_NE(open.report.failed[0].reason.find("refused"), std::string::npos) << open.report.failed[0].reason;
  EXPECT_EQ(open.report.failed[1].shard, stuck);
  EXPECT_NE(open.report.failed[1].reason.find("no answer in time"), std::string::npos) << open.report.failed[1].reason;
  EXPECT_EQ(open.report.failed[2].reason, "no index here");
  // In parallel: the hung shard's operation timeout, not the sum.
  EXPECT_GE(took, 0.4);
  EXPECT_LT(took, 0.4 + 1.0);

  // The Searcher over them: the hits of the one that answered, the report
  // with them, and on_partial called once.
  SearchOptions o{{s.index_dir(), dead}};
  int called = 0;
  o.on_partial = [&](const ShardReport& r) { called += r.partial() ? 1 : 0; };
  Searcher searcher(o);
  EXPECT_EQ(called, 1);
  SearchRequest req;
  req.query = "Zhuhai";
  const SearchResult res = searcher.search(req);
  EXPECT_EQ(res.total, 1u);
  EXPECT_TRUE(res.shards.partial());
  EXPECT_EQ(res.shards.answered, 1u);
}

TEST(OpenShards, NoShardAnsweringIsTheShardsOwnError) {
  test::Scratch s;
  EXPECT_THROW(open_shards({s.index_dir()}, {}), IndexNotFoundError);
  try {
    open_shards({s.index_dir(), "tcp://127.0.0.1:" + std::to_string(arkiv::test::unused_loopback_port())}, {});
    ADD_FAILURE();
  } catch (const IndexError& e) {
    EXPECT_NE(std::string(e.what()).find("no shard answered"), std::string::npos) << e.what();
  }
}

// A shard whose words were analysed by another version or analysis would
// match where the others do not: no read over it, the shards named.
TEST(OpenShards, ShardsMustAgreeOnSchemaAndAnalysis) {
  test::Scratch a, b;
  a.write("a.txt", "Beslut om samverkan.\n");
  b.write("b.txt", "Beslut om avtal.\n");
  a.index();
  b.index();
  EXPECT_EQ(open_shards({a.index_dir(), b.index_dir()}, {}).report.answered, 2u);
  const std::string old_schema = Xapian::Database(b.index_dir()).get_metadata(schema::kMetaSchema);
  {
    Xapian::WritableDatabase w(b.index_dir());
    w.set_metadata(schema::kMetaSchema, "1");
    w.commit();
  }
  try {
    open_shards({a.index_dir(), b.index_dir()}, {});
    ADD_FAILURE();
  } catch (const IndexError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("different schema versions"), std::string::npos) << m;
    EXPECT_NE(m.find(b.index_dir()), std::string::npos) << m;
    EXPECT_NE(m.find(a.index_dir()), std::string::npos) << m;
  }
  {
    Xapian::WritableDatabase w(b.index_dir());
    w.set_metadata(schema::kMetaSchema, old_schema);
    w.set_metadata(schema::kMetaAnalysis, "snowball-0");
    w.commit();
  }
  try {
    open_shards({a.index_dir(), b.index_dir()}, {});
    ADD_FAILURE();
  } catch (const IndexError& e) {
    EXPECT_NE(std::string(e.what()).find("different analyses"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace arkiv::query
