// Issue 23 item 2: every file on disk is counted. Folder walks took a list
// of extensions and passed over everything else without a word: .doc,
// .xls, .msg, .rtf and .xml were never mentioned by `index` or `audit`
// ("70 files on disk" where there were 78; 2,000 .xml files gave "0
// indexed ... 0 skipped" and "No findings"). Now every regular file is read
// (its format told by content: a DOCX named .doc is read) or is a record
// "not read" with its type, listed by `index` once, counted by `index`
// after that, and reported by `audit` as a finding of its own kind.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <vector>

#include "arkiv_folder.h"
#include "process.h"

namespace fs = std::filesystem;
using nlohmann::json;
using arkiv::test::RunResult;

namespace {

// An OLE compound file naming an Outlook property stream, as a .msg does
// (its signature, then the stream's name in UTF-16).
std::string msg_like() {
  std::string s("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  s += std::string(504, '\0');
  for (char c : std::string("__substg1.0_0037001F")) {
    s += c;
    s += '\0';
  }
  return s + std::string(64, '\0');
}

class NotRead : public arkiv::test::ArkivFolder {
 protected:
  void SetUp() override {
    // A DOCX as Word writes it, renamed .doc as case folders have them.
    fs::create_directories(dir / "c");
    fs::copy_file(fs::path(ARKIV_SOURCE_DIR) / "tests/data/attachments/protokoll.docx", dir / "c/protokoll.doc");
    arkiv::test::write_file(dir / "c/beslut.txt", "Beslut om bygglov för fastigheten Gävle Brynäs 1:2.\n");
    arkiv::test::write_file(dir / "c/notering.md", "# Notering\n\nVänortsavtalet förlängs.\n");
    arkiv::test::write_file(dir / "c/metadata.xml",
                            "<?xml version=\"1.0\"?>\n<arende><titel>Bygglov</titel></arende>\n");
    arkiv::test::write_file(dir / "c/brev.rtf", "{\\rtf1\\ansi\\deff0 {\\fonttbl{\\f0 Times;}}Hej}\n");
    arkiv::test::write_file(dir / "c/sub/meddelande.msg", msg_like());
    arkiv::test::write_file(dir / "c/data.bin", std::string("\x01\x02\x00\x03\x04garbage", 12));
    // Left out as before, and said so in the docs: hidden files.
    arkiv::test::write_file(dir / "c/.hidden.txt", "Dold fil.\n");
  }
};

TEST_F(NotRead, IndexListsEachFileNotReadWithItsTypeOnce) {
  ASSERT_TRUE(fs::exists(dir / "c/protokoll.doc"));
  RunResult r = arkiv({"index", "c"});
  // Files not read, new in this run: the run is not complete (exit 3).
  EXPECT_EQ(r.status, 3) << r.out << r.err;
  EXPECT_NE(r.err.find("c/metadata.xml: not read: XML\n"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("c/brev.rtf: not read: RTF\n"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("c/sub/meddelande.msg: not read: Outlook message (.msg)\n"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("c/data.bin: not read: unknown type\n"), std::string::npos) << r.err;
  // Read, by content: the DOCX named .doc, the text, the Markdown.
  EXPECT_EQ(r.err.find("protokoll.doc"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("notering.md"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find(".hidden"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("3 indexed, 0 unchanged, 0 updated, 0 removed, 0 skipped\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("4 files not read (formats arkiv does not read): 4 new, 0 known before\n"), std::string::npos)
      << r.out;
  json found = arkiv_json({"search", "Förlängning"});
  EXPECT_NE(found.dump().find("protokoll.doc"), std::string::npos) << found.dump();

  // Again, nothing changed: known, counted, not listed, not exit 3.
  RunResult again = arkiv({"index", "c"});
  EXPECT_EQ(again.status, 0) << again.out << again.err;
  EXPECT_EQ(again.err.find("not read"), std::string::npos) << again.err;
  EXPECT_NE(again.out.find("0 indexed, 3 unchanged"), std::string::npos) << again.out;
  EXPECT_NE(again.out.find("4 files not read (formats arkiv does not read): 0 new, 4 known before\n"),
            std::string::npos)
      << again.out;
  json j = arkiv_json({"index", "c"});
  EXPECT_EQ(j["not_read"], json::array()) << j.dump();
  EXPECT_EQ(j["not_read_known"], 4) << j.dump();

  // In Swedish.
  RunResult sv = arkiv({"index", "c"}, {{"LANG", "sv_SE.UTF-8"}});
  EXPECT_EQ(sv.status, 0) << sv.err;
  EXPECT_NE(sv.out.find("4 filer inte lästa"), std::string::npos) << sv.out;
}

TEST_F(NotRead, IndexJsonNamesEachTypeNewInThisRun) {
  json j = arkiv_json({"index", "c"}, 3);
  ASSERT_TRUE(j["not_read"].is_array()) << j.dump();
  std::map<std::string, std::string> types;
  for (const json& f : j["not_read"]) types[f["path"]] = f["type"];
  EXPECT_EQ(types, (std::map<std::string, std::string>{{"c/brev.rtf", "RTF"},
                                                       {"c/data.bin", "unknown type"},
                                                       {"c/metadata.xml", "XML"},
                                                       {"c/sub/meddelande.msg", "Outlook message (.msg)"}}));
  EXPECT_EQ(j["skipped"], json::array()) << j.dump();
  EXPECT_EQ(j["indexed"], 3) << j.dump();
  EXPECT_EQ(j["not_read_known"], 0) << j.dump();
}

TEST_F(NotRead, AuditCountsEveryFileAndReportsThoseNotRead) {
  arkiv({"index", "c"});
  json j = arkiv_json({"audit"}, 6);
  EXPECT_EQ(j["summary"]["files_on_disk"], 7) << j.dump();
  EXPECT_EQ(j["summary"]["records"], 7) << j.dump();
  EXPECT_EQ(j["summary"]["not-read"], 4) << j.dump();
  EXPECT_EQ(j["summary"]["new"], 0) << j.dump();
  EXPECT_EQ(j["summary"]["unreadable"], 0) << j.dump();
  std::map<std::string, std::string> found;
  for (const json& f : j["findings"])
    if (f["kind"] == "not-read") found[f["path"]] = f["detail"];
  EXPECT_EQ(found, (std::map<std::string, std::string>{{"c/brev.rtf", "RTF"},
                                                       {"c/data.bin", "unknown type"},
                                                       {"c/metadata.xml", "XML"},
                                                       {"c/sub/meddelande.msg", "Outlook message (.msg)"}}));
  RunResult text = arkiv({"audit"});
  EXPECT_EQ(text.status, 6) << text.out << text.err;
  EXPECT_EQ(text.out.find("No findings"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("7 files on disk, 7 records checked"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("not read (a format arkiv does not read): c/metadata.xml: XML\n"),
            std::string::npos)
      << text.out;

  // A file put there since, not indexed yet: on disk, counted, new.
  arkiv::test::write_file(dir / "c/ny.pdf", "%PDF-1.4\n");
  json later = arkiv_json({"audit"}, 6);
  EXPECT_EQ(later["summary"]["files_on_disk"], 8) << later.dump();
  EXPECT_EQ(later["summary"]["new"], 1) << later.dump();
}

// A folder of XML alone: 2,000 files gave "0 indexed ... 0 skipped" and
// "No findings". (Twenty stand for them.)
TEST_F(NotRead, AFolderOfXmlIsNeverNoFindings) {
  for (int i = 0; i < 20; ++i)
    arkiv::test::write_file(dir / ("x/post-" + std::to_string(i) + ".xml"), "<?xml version=\"1.0\"?><post/>\n");
  RunResult r = arkiv({"index", "x"});
  EXPECT_EQ(r.status, 3) << r.out << r.err;
  EXPECT_NE(r.out.find("20 files not read (formats arkiv does not read): 20 new, 0 known before"), std::string::npos)
      << r.out;
  RunResult a = arkiv({"audit"});
  EXPECT_EQ(a.status, 6) << a.out;
  EXPECT_NE(a.out.find("20 files on disk, 20 records checked"), std::string::npos) << a.out;
  EXPECT_EQ(a.out.find("No findings"), std::string::npos) << a.out;
}

// The real archive material in ../shared: the audit counts every regular
// file on disk, as std::filesystem counts them (hidden files and BagIt tag
// files left out, as arkiv leaves them out).
TEST(NotReadRealworld, AuditCountsEveryFileOnDisk) {
  const fs::path folder = fs::path(ARKIV_SOURCE_DIR) / ".." / "shared" / "data" / "realworld";
  if (!fs::is_directory(folder)) GTEST_SKIP() << "no " << folder << " (only in the project's shared material)";
  std::size_t on_disk = 0;
  const std::regex bag_file(R"(^((tag)?manifest-[A-Za-z0-9]+\.txt|bagit\.txt|bag-info\.txt)$)");
  for (auto it = fs::recursive_directory_iterator(folder); it != fs::recursive_directory_iterator(); ++it) {
    const std::string name = it->path().filename().string();
    if (name.starts_with(".")) {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (it->is_symlink() || !it->is_regular_file()) continue;
    if (std::regex_match(name, bag_file)) continue;
    ++on_disk;
  }
  ASSERT_GT(on_disk, 0u);
  arkiv::test::TempDir tmp;
  arkiv::test::RunOptions o;
  o.env = {{"LANG", "C.UTF-8"}, {"NO_COLOR", "1"}};
  o.unset = {"LC_ALL", "LC_MESSAGES", "ARKIV_INDEX", "ARKIV_FAULT"};
  // Against an index of nothing (made from an empty folder): every file
  // the walk finds is a "new" finding, so the count is checked twice,
  // without reading 300 files (two minutes, longer under ASan).
  const std::string index = tmp / "index";
  const std::string empty = tmp / "empty";
  fs::create_directories(empty);
  RunResult r = arkiv::test::run({ARKIV_BIN, "--index", index, "index", empty}, o);
  ASSERT_EQ(r.status, 0) << r.out << r.err;
  RunResult a = arkiv::test::run({ARKIV_BIN, "--index", index, "audit", folder.string(), "--json"}, o);
  ASSERT_EQ(a.status, 6) << a.out << a.err;
  json j = json::parse(a.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << a.out;
  EXPECT_EQ(j["summary"]["files_on_disk"], on_disk) << j["summary"].dump();
  EXPECT_EQ(j["summary"]["new"], on_disk) << j["summary"].dump();
}

}  // namespace
