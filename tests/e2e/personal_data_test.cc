// Personal data end to end (issue 23, item 8): records holding a
// personnummer in different written forms, beside an organisationsnummer
// of the same shape. The audit reports each record holding numbers with
// its pages and counts; a search for the number in any written form finds
// the records that hold it (a subject access request); every command's
// output shows the numbers masked unless --show-personal-data; in English
// and in Swedish.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "arkiv_folder.h"
#include "process.h"

namespace fs = std::filesystem;
using nlohmann::json;
using arkiv::test::RunResult;

namespace {

// The person of the test: 1981-12-18, written as "811218-9876" in one
// record and "8112189876" in another; a person born 1918, written
// "19181218-1004"; and Gävle kommun's organisationsnummer "212000-2379"
// and a company's "802005-1952", which share the shape and the check digit
// and are no one's.
constexpr const char* kMasked = "19811218-XXXX";

class E2EPersonalData : public arkiv::test::ArkivFolder {
 protected:
  std::set<std::string> hit_paths(const std::string& query) {
    json j = arkiv_json({"search", query}, -1);
    std::set<std::string> out;
    for (const auto& h : j["hits"]) out.insert(h["path"].get<std::string>());
    return out;
  }

  void SetUp() override {
    fs::create_directories(dir / "c");
    // A two-page PDF decision, its title naming the person.
    arkiv::test::write_file(dir / "beslut.txt",
                            "Beslut om bistånd\nDatum: 2021-11-04\nDnr KS 2021/123\n"
                            "Sökande: Anna Berg, 811218-9876, Storgatan 1.\n"
                            "Gävle kommun, organisationsnummer 212000-2379, har prövat ansökan.\n"
                            "\fDen 15 mars 2021 ansökte 19811218-9876 om bistånd.\n"
                            "Medsökande har samordningsnummer 730288-9931.\n");
    RunResult mk = arkiv::test::run({ARKIV_MKPDF, "--title", "Bistånd till 811218-9876", dir / "beslut.txt",
                                     dir / "c/beslut.pdf"});
    ASSERT_EQ(mk.status, 0) << mk.err;
    // A letter with the number in its ten-digit form and a person of 1918.
    arkiv::test::write_file(dir / "c/brev.txt",
                            "Brev om bistånd\nGävle kommun har beviljat 8112189876 bistånd.\n"
                            "Tyra Ek, 19181218-1004, har avlidit.\n");
    // A company: an organisationsnummer only.
    arkiv::test::write_file(dir / "c/bolag.txt",
                            "Avtal om bistånd\nLeverantör: Bolaget AB, organisationsnummer 802005-1952.\n");
    RunResult idx = arkiv({"index", "c"});
    ASSERT_EQ(idx.status, 0) << idx.out << idx.err;
  }
};

TEST_F(E2EPersonalData, AuditReportsEachRecordWithPagesAndCount) {
  json j = arkiv_json({"audit", "c"}, 6);  // a finding, not a fixity failure
  std::map<std::string, std::string> found;
  for (const auto& f : j["findings"]) {
    ASSERT_EQ(f["kind"], "personal-data") << j.dump(2);
    found[f["path"]] = f["detail"];
  }
  ASSERT_EQ(found.size(), 2u) << j.dump(2);  // not bolag.txt: an organisationsnummer is no one's
  EXPECT_EQ(found["c/beslut.pdf"],
            "3 personal identity numbers (personnummer, samordningsnummer): page 1: 1, page 2: 2");
  EXPECT_EQ(found["c/brev.txt"], "2 personal identity numbers (personnummer): page 1: 2");
  EXPECT_EQ(j["summary"]["personal-data"], 2);
  EXPECT_EQ(j["summary"]["fixity_failed"], false);

  RunResult en = arkiv({"audit", "c"});
  EXPECT_EQ(en.status, 6);
  EXPECT_NE(en.out.find("personal data: c/beslut.pdf: 3 personal identity numbers"), std::string::npos) << en.out;
  EXPECT_NE(en.out.find("  personal data: 2"), std::string::npos) << en.out;
  RunResult sv = arkiv({"audit", "c"}, {{"LANG", "sv_SE.UTF-8"}});
  EXPECT_EQ(sv.status, 6);
  EXPECT_NE(sv.out.find("personuppgifter: c/brev.txt: 2 personal identity numbers"), std::string::npos) << sv.out;
  EXPECT_NE(sv.out.find("  personuppgifter: 2"), std::string::npos) << sv.out;
}

TEST_F(E2EPersonalData, ASearchInAnyWrittenFormFindsEveryRecordHoldingIt) {
  const std::set<std::string> both = {"c/beslut.pdf", "c/brev.txt"};
  for (const char* form : {"811218-9876", "8112189876", "19811218-9876", "198112189876", "pnr:811218-9876",
                           "personnummer:198112189876", "\"811218-9876\""})
    EXPECT_EQ(hit_paths(form), both) << form;
  // With other words: the records holding both.
  EXPECT_EQ(hit_paths("811218-9876 avlidit"), std::set<std::string>{"c/brev.txt"});
  // "+": a hundred years or more; 181218+1004 is the person of 1918.
  EXPECT_EQ(hit_paths("181218+1004"), std::set<std::string>{"c/brev.txt"});
  EXPECT_EQ(hit_paths("181218-1004").size(), 0u);  // 2018: someone else
  // Records holding any number, or a samordningsnummer.
  EXPECT_EQ(hit_paths("personuppgifter:ja"), both);
  EXPECT_EQ(hit_paths("personaldata:yes bistånd"), both);
  EXPECT_EQ(hit_paths("personuppgifter:samordningsnummer"), std::set<std::string>{"c/beslut.pdf"});
  // An organisationsnummer is not one: an error that says what pnr: takes
  // (exit 2), in English and in Swedish.
  RunResult en = arkiv({"search", "pnr:802005-1952"});
  EXPECT_EQ(en.status, 2);
  EXPECT_NE(en.err.find("pnr: takes a personnummer or samordningsnummer with a valid date and check digit"),
            std::string::npos)
      << en.err;
  RunResult sv = arkiv({"search", "pnr:811218-9875"}, {{"LANG", "sv_SE.UTF-8"}});
  EXPECT_EQ(sv.status, 2);
  EXPECT_NE(sv.err.find("ett personnummer eller samordningsnummer med giltigt datum och kontrollsiffra"),
            std::string::npos)
      << sv.err;
}

TEST_F(E2EPersonalData, EveryOutputIsMaskedUnlessAskedFor) {
  // Each command that shows record text, as text and as JSON.
  const std::vector<std::vector<std::string>> commands = {
      {"search", "bistånd"},
      {"search", "811218-9876"},
      {"search", "Anna Berg"},
      {"show", "c/beslut.pdf"},
      {"show", "c/beslut.pdf", "--page", "1"},
      {"show", "c/beslut.pdf", "--page", "2"},
      {"show", "c/brev.txt", "--page", "1"},
      {"timeline", "bistånd"},
      {"refs", "Gävle kommun"},
      {"case", "KS-2021-123"},
      {"audit", "c"},
      {"actors", "bistånd"},
  };
  for (const auto& base : commands) {
    for (bool as_json : {false, true}) {
      std::vector<std::string> args = base;
      if (as_json) args.push_back("--json");
      RunResult r = arkiv(args);
      std::string what;
      for (const std::string& a : args) what += a + " ";
      EXPECT_TRUE(r.status == 0 || r.status == 6) << what << ": " << r.err;
      for (const char* digits : {"9876", "1004", "9931"})
        EXPECT_EQ(r.out.find(digits), std::string::npos) << what << " shows " << digits << ":\n" << r.out;
      // The audit's details and the actors' list quote no text.
      if (base[0] != "audit" && base[0] != "actors") {
        EXPECT_NE(r.out.find(kMasked), std::string::npos) << what << ":\n" << r.out;
      }
      if (as_json) {
        EXPECT_FALSE(json::parse(r.out, nullptr, false).is_discarded()) << what;
      }
    }
  }
  // The organisationsnummer is shown: it is no one's.
  EXPECT_NE(arkiv({"show", "c/bolag.txt", "--page", "1"}).out.find("802005-1952"), std::string::npos);

  // Highlights still mark the words they matched, after the mask.
  json s = arkiv_json({"search", "Anna Berg"}, 0);
  ASSERT_EQ(s["hits"].size(), 1u);
  const std::string snippet = s["hits"][0]["snippet"];
  EXPECT_NE(snippet.find(kMasked), std::string::npos) << snippet;
  EXPECT_NE(s["hits"][0]["title"].get<std::string>().find(kMasked), std::string::npos);
  ASSERT_FALSE(s["hits"][0]["highlights"].empty());
  for (const auto& h : s["hits"][0]["highlights"]) {
    const std::string marked = snippet.substr(h[0].get<std::size_t>(), h[1].get<std::size_t>() - h[0].get<std::size_t>());
    EXPECT_TRUE(marked == "Anna" || marked == "Berg") << marked;
  }

  // --show-personal-data shows them as written, wherever it is typed.
  RunResult shown = arkiv({"--show-personal-data", "show", "c/beslut.pdf", "--page", "2"});
  EXPECT_NE(shown.out.find("Bistånd till 811218-9876"), std::string::npos) << shown.out;  // its title
  EXPECT_NE(shown.out.find("19811218-9876"), std::string::npos) << shown.out;
  RunResult hits = arkiv({"search", "8112189876", "--show-personal-data", "--json"});
  EXPECT_NE(hits.out.find("8112189876"), std::string::npos) << hits.out;
  RunResult sv = arkiv({"timeline", "bistånd", "--show-personal-data"}, {{"LANG", "sv_SE.UTF-8"}});
  EXPECT_NE(sv.out.find("19811218-9876"), std::string::npos) << sv.out;
}

// A snippet is cut from a long page at word boundaries, and "811218-9876"
// is two words: masked after the cut, "…-9876 kvartersgården" kept the
// last four digits (searching for them, or for the next word). The page is
// masked before it is quoted.
TEST_F(E2EPersonalData, ASnippetCutNextToANumberKeepsNoDigitOfIt) {
  std::string filler;
  for (int i = 0; i < 80; ++i) filler += " ord" + std::to_string(i);
  arkiv::test::write_file(dir / "c/lang.txt", "Lång handling\n" + filler + " Anna 811218-9876 kvartersgården" +
                                                   filler + "\n" + filler + " 8112189876 fritidsgården" + filler + "\n");
  ASSERT_EQ(arkiv({"index", "c"}).status, 0);
  for (const char* query : {"9876", "kvartersgården", "fritidsgården", "8112189876", "ord79"}) {
    for (bool as_json : {false, true}) {
      RunResult r = as_json ? arkiv({"search", query, "--json"}) : arkiv({"search", query});
      EXPECT_TRUE(r.status == 0 || r.status == 1) << query << ": " << r.err;
      // The query "9876" is repeated as typed: four digits are no number.
      const std::string quoted = as_json ? json::parse(r.out)["hits"].dump()
                                         : r.out.substr(std::min(r.out.size(), r.out.find("\n\n")));
      EXPECT_EQ(quoted.find("9876"), std::string::npos) << query << ":\n" << r.out;
    }
  }
  json before = arkiv_json({"search", "ord79"}, 0);
  ASSERT_EQ(before["hits"].size(), 1u);
  EXPECT_NE(before["hits"][0]["snippet"].get<std::string>().find("Anna 19811218-XXXX kvartersgården"), std::string::npos)
      << before.dump(2);
  for (const char* word : {"kvartersgården", "fritidsgården"}) {
    json j = arkiv_json({"search", word}, 0);
    ASSERT_EQ(j["hits"].size(), 1u) << word;
    const std::string snippet = j["hits"][0]["snippet"];
    ASSERT_EQ(j["hits"][0]["highlights"].size(), 1u) << snippet;
    const auto& h = j["hits"][0]["highlights"][0];
    EXPECT_EQ(snippet.substr(h[0].get<std::size_t>(), h[1].get<std::size_t>() - h[0].get<std::size_t>()), word);
  }
}

}  // namespace
