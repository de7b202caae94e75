// End-to-end tests: the real `arkiv` binary on small corpora made in each
// test (PDFs written by arkiv-mkpdf, damaged ones by hand or by qpdf), plus
// the repository's own corpus/. They assert what a user sees: the record,
// the page, the snippet, the counts and the exit status.
#include <gtest/gtest.h>

#include <regex>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <thread>

#include "arkiv_folder.h"
#include "process.h"
#include "../zip_of_one.h"

namespace fs = std::filesystem;
using nlohmann::json;
using arkiv::test::RunResult;
using arkiv::test::TempDir;

namespace {

const std::string kSeedPdf = "uppfoljning-partnerskap-zhuhai-2016-2020.pdf";

class E2E : public arkiv::test::ArkivFolder {
 protected:
  // The paths of the hits of a search run with --json (exit 0 or 1).
  std::vector<std::string> hit_paths(std::vector<std::string> args) {
    json j = arkiv_json(std::move(args), -1);
    std::vector<std::string> out;
    for (const auto& h : j["hits"]) out.push_back(h["path"]);
    return out;
  }

  // Writes a text-layer PDF with one line per '\n' and a page per '\f'.
  void make_pdf(const std::string& rel, const std::string& text, std::vector<std::string> extra = {}) {
    std::string txt = dir / (rel + ".txt.in");
    arkiv::test::write_file(txt, text);
    fs::create_directories(fs::path(dir / rel).parent_path());
    std::vector<std::string> argv = {ARKIV_MKPDF};
    argv.insert(argv.end(), extra.begin(), extra.end());
    argv.push_back(txt);
    argv.push_back(dir / rel);
    RunResult r = arkiv::test::run(argv);
    ASSERT_EQ(r.status, 0) << r.err;
    fs::remove(txt);
  }

  void copy_seed(const std::string& to = "corpus") {
    fs::create_directories(dir / to);
    fs::copy_file(std::string(ARKIV_SOURCE_DIR) + "/corpus/" + kSeedPdf, dir / (to + "/" + kSeedPdf));
  }

  // A short Swedish decision, different for each n.
  static std::string decision(int n, const std::string& extra = "") {
    return "Protokoll " + std::to_string(n) + "\nKommunstyrelsen beslutade att godkänna avtal nummer " +
           std::to_string(n) + ".\nÄrendet gäller samarbete med Zhuhai.\nRegistreringsord akt" +
           std::to_string(n) + "\n" + extra;
  }
};

TEST_F(E2E, SeedRecordIsFoundWithPageAndSnippet) {
  copy_seed();
  RunResult idx = arkiv({"index", "corpus"});
  ASSERT_EQ(idx.status, 0) << idx.err;
  EXPECT_NE(idx.out.find("1 indexed"), std::string::npos) << idx.out;

  json res = arkiv_json({"search", "Jilin University"});
  ASSERT_GE(res["hits"].size(), 1u);
  const json& hit = res["hits"][0];
  EXPECT_EQ(hit["path"], "corpus/" + kSeedPdf);
  EXPECT_EQ(hit["rank"], 1);
  EXPECT_NE(hit["snippet"].get<std::string>().find("Jilin University Zhuhai College"), std::string::npos)
      << hit["snippet"];
  ASSERT_FALSE(hit["pages"].empty());
  // Every page the hit cites really says it, as `show --page` prints it.
  for (int page : hit["pages"]) {
    json shown = arkiv_json({"show", "corpus/" + kSeedPdf, "--page", std::to_string(page)});
    EXPECT_NE(shown["page"]["text"].get<std::string>().find("Jilin"), std::string::npos) << page;
  }
  // And the snippet's page is one of them.
  EXPECT_NE(std::find(hit["pages"].begin(), hit["pages"].end(), hit["snippet_page"]), hit["pages"].end());
}

TEST_F(E2E, SearchMovexumJsonFirstHitIsSeed) {
  copy_seed();
  ASSERT_EQ(arkiv({"index", "corpus"}).status, 0);
  json res = arkiv_json({"search", "Movexum"});
  EXPECT_EQ(res["query"], "Movexum");
  EXPECT_GE(res["total"].get<int>(), 1);
  ASSERT_FALSE(res["hits"].empty());
  EXPECT_EQ(res["hits"][0]["path"], "corpus/" + kSeedPdf);
  EXPECT_FALSE(res["hits"][0]["pages"].empty());
  EXPECT_NE(res["hits"][0]["snippet"].get<std::string>().find("Movexum"), std::string::npos);
  EXPECT_GT(res["hits"][0]["score"].get<double>(), 0.0);
}

TEST_F(E2E, PhraseMatchesOnlyInOrder) {
  copy_seed();
  ASSERT_EQ(arkiv({"index", "corpus"}).status, 0);
  json yes = arkiv_json({"search", "\"Internationellt Centrum för Lokal Demokrati\""});
  ASSERT_EQ(yes["hits"].size(), 1u);
  EXPECT_EQ(yes["hits"][0]["path"], "corpus/" + kSeedPdf);
  json no = arkiv_json({"search", "\"Demokrati Lokal för Centrum Internationellt\""}, 1);
  EXPECT_EQ(no["total"], 0);
}

TEST_F(E2E, StemmingFindsInflectedForms) {
  make_pdf("c/a.pdf", "Samarbetet mellan svenska kommuner fortsätter.\n");
  make_pdf("c/b.pdf", "Ett ärende om vägar och broar.\n");
  ASSERT_EQ(arkiv({"index", "c"}).status, 0);
  json res = arkiv_json({"search", "kommunerna"});
  ASSERT_EQ(res["hits"].size(), 1u);
  EXPECT_EQ(res["hits"][0]["path"], "c/a.pdf");
  EXPECT_EQ(res["hits"][0]["pages"], json::array({1}));
}

// A snippet that starts inside a long sentence starts at a word, never
// mid-word ("…konomiadministrativa" was quoted for "ekonomiadministrativa").
TEST_F(E2E, SnippetStartsAtAWord) {
  std::string filler;
  for (int i = 0; i < 40; ++i) filler += "Styrgruppen har träffats vid fyra tillfällen under året " + std::to_string(i) + ".\n";
  const std::vector<std::string> words = {
      "Förvaltningen", "ekonomiadministrativa", "samordningsfunktionerna", "verksamhetsutvecklingsprojektet",
      "förvaltningsorganisationen", "handläggningsrutinerna", "dokumenthanteringssystemet",
      "kvalitetsledningssystemet", "upphandlingsavtalet"};
  std::string line;
  for (const std::string& w : words) line += (line.empty() ? "" : " ") + w;
  for (int width : {0, 1, 2, 3}) {
    SCOPED_TRACE(width);
    // A prefix of varying length moves where a byte count lands.
    make_pdf("s/lang" + std::to_string(width) + ".pdf", filler + std::string(width, 'x') + " " + line + "\n" + filler);
  }
  ASSERT_EQ(arkiv({"index", "s"}).status, 0);
  json res = arkiv_json({"search", "avtal"});
  ASSERT_EQ(res["total"], 4);
  for (const auto& hit : res["hits"]) {
    SCOPED_TRACE(hit.dump());
    std::string snippet = hit["snippet"];
    ASSERT_EQ(snippet.rfind("…", 0), 0u);
    snippet.erase(0, std::string("…").size());
    const std::string first = snippet.substr(0, snippet.find(' '));
    EXPECT_TRUE(std::find(words.begin(), words.end(), first) != words.end() || first.rfind("x", 0) == 0 ||
                first == "Styrgruppen" || first == "har" || first == "träffats" || first == "vid" || first == "fyra" ||
                first == "tillfällen" || first == "under" || first == "året")
        << first;
  }
}

// A snippet quotes where the matches are, also late on a long page and
// when the only match is part of a compound, and marks the words matched.
TEST_F(E2E, SnippetsQuoteAndMarkTheMatchesOnTheirPage) {
  std::string filler;
  for (int i = 0; i < 60; ++i) filler += "Styrgruppen har träffats vid fyra tillfällen under året " + std::to_string(i) + ".\n";
  make_pdf("c/lang.pdf", filler + "Kommunstyrelsen godkänner partnerskapsavtalet med Zhuhai för perioden 2016-2020.\n" + filler +
                             "\fSida två nämner inget.\n");
  make_pdf("c/hel.pdf", filler + "Ett nytt avtal med Tartu tecknades.\n" + filler);
  ASSERT_EQ(arkiv({"index", "c"}).status, 0);
  auto marked = [](const json& hit) {
    std::vector<std::string> out;
    const std::string s = hit["snippet"];
    for (const auto& h : hit["highlights"]) out.push_back(s.substr(h[0].get<std::size_t>(), h[1].get<std::size_t>() - h[0].get<std::size_t>()));
    return out;
  };
  // The compound "partnerskapsavtalet" matches "avtal" by its part only.
  json res = arkiv_json({"search", "avtal"});
  ASSERT_EQ(res["total"], 2);
  for (const auto& hit : res["hits"]) {
    SCOPED_TRACE(hit.dump());
    EXPECT_EQ(hit["pages"], json::array({hit["snippet_page"]}));  // the page the match is on
    const std::string snippet = hit["snippet"];
    EXPECT_LT(snippet.size(), 400u);
    if (hit["path"] == "c/lang.pdf") {
      EXPECT_NE(snippet.find("godkänner partnerskapsavtalet med Zhuhai"), std::string::npos);
      EXPECT_EQ(marked(hit), std::vector<std::string>{"partnerskapsavtalet"});
    } else {
      EXPECT_NE(snippet.find("avtal med Tartu tecknades"), std::string::npos);
      EXPECT_EQ(marked(hit), std::vector<std::string>{"avtal"});
    }
    EXPECT_EQ(snippet.rfind("…", 0), 0u);  // quoted from inside the page
  }
  json z = arkiv_json({"search", "\"med Zhuhai\""});
  ASSERT_EQ(z["total"], 1);
  EXPECT_EQ(marked(z["hits"][0]), std::vector<std::string>{"med Zhuhai"});
}

TEST_F(E2E, BooleanOperatorsAndFields) {
  make_pdf("c/zhuhai.pdf", "Partnerskap med Zhuhai\nUtbyte av studenter.\n", {"--title", "Partnerskap Zhuhai"});
  make_pdf("c/vasteras.pdf", "Partnerskap med Västerås\nUtbyte av lärare.\n", {"--title", "Partnerskap Västerås"});
  ASSERT_EQ(arkiv({"index", "c"}).status, 0);
  EXPECT_EQ(arkiv_json({"search", "partnerskap"})["total"], 2);
  EXPECT_EQ(arkiv_json({"search", "partnerskap NOT zhuhai"})["hits"][0]["path"], "c/vasteras.pdf");
  EXPECT_EQ(arkiv_json({"search", "studenter OR lärare"})["total"], 2);
  EXPECT_EQ(arkiv_json({"search", "(studenter OR lärare) zhuhai"})["total"], 1);
  EXPECT_EQ(arkiv_json({"search", "title:zhuhai"})["hits"][0]["path"], "c/zhuhai.pdf");
  EXPECT_EQ(arkiv_json({"search", "path:vasteras"})["hits"][0]["path"], "c/vasteras.pdf");
}

// A hit by its title or path alone has no query word on its page: its
// snippet is the page's beginning, where a record names itself, not a
// passage from further down.
TEST_F(E2E, ASnippetWithoutQueryWordsQuotesThePagesBeginning) {
  std::string body = "Partnerskap med Zhuhai\nInledning: avtal mellan Gävle & Zhuhai <2016>.\n";
  for (int i = 0; i < 30; ++i) body += "Styrgruppen har träffats vid fyra tillfällen under året " + std::to_string(i) + ".\n";
  make_pdf("c/avtal.pdf", body, {"--title", "Partnerskap Zhuhai"});
  ASSERT_EQ(arkiv({"index", "c"}).status, 0);
  const json hit = arkiv_json({"search", "title:partnerskap"})["hits"][0];
  const std::string snippet = hit["snippet"];
  EXPECT_EQ(snippet.rfind("Partnerskap med Zhuhai Inledning: avtal mellan Gävle & Zhuhai <2016>. Styrgruppen", 0), 0u)
      << snippet;
  EXPECT_EQ(snippet.size() - snippet.rfind("…"), std::string("…").size()) << snippet;  // cut at the end only
  EXPECT_LT(snippet.size(), 300u);
  EXPECT_EQ(hit["snippet_page"], 1);
}

TEST_F(E2E, HitsNameTheirPages) {
  make_pdf("c/three.pdf", "Sida ett handlar om budget.\n\fSida två handlar om Zhuhai.\n\fSida tre: budget igen.\n");
  ASSERT_EQ(arkiv({"index", "c"}).status, 0);
  json z = arkiv_json({"search", "zhuhai"});
  EXPECT_EQ(z["hits"][0]["pages"], json::array({2}));
  EXPECT_EQ(z["hits"][0]["snippet_page"], 2);
  json b = arkiv_json({"search", "budget"});
  EXPECT_EQ(b["hits"][0]["pages"], json::array({1, 3}));
  // A stem's pages: "avtal" is its own stem, and the index keeps its
  // positions under the word only; "Avtalen" and "avtalets" are inflected.
  make_pdf("c/avtal.pdf", "Avtalen gäller.\n\fEtt avtal tecknades.\n\fInget här.\n\fMed avtalets villkor.\n");
  ASSERT_EQ(arkiv({"index", "c"}).status, 0);
  json a = arkiv_json({"search", "avtal"});
  ASSERT_EQ(a["total"], 1);
  EXPECT_EQ(a["hits"][0]["pages"], json::array({1, 2, 4}));
  json show = arkiv_json({"show", "c/three.pdf"});
  EXPECT_EQ(show["page_count"], 3);
  EXPECT_EQ(arkiv({"show", "c/three.pdf", "--page", "4"}).status, 2);
  // A hit on twelve pages lists eight besides the first, then how many
  // more; --json has every page.
  std::string twelve;
  for (int p = 1; p <= 12; ++p) twelve += "Sida " + std::to_string(p) + " om taxor.\n\f";
  make_pdf("c/tolv.pdf", twelve);
  ASSERT_EQ(arkiv({"index", "c"}).status, 0);
  EXPECT_EQ(arkiv_json({"search", "taxor"})["hits"][0]["pages"].size(), 12u);
  const std::string text = arkiv({"search", "taxor"}).out;
  EXPECT_NE(text.find("page 1 (also 2, 3, 4, 5, 6, 7, 8, 9 and 3 more)"), std::string::npos) << text;
  const std::string sv = arkiv({"search", "taxor"}, {{"LANG", "sv_SE.UTF-8"}}).out;
  EXPECT_NE(sv.find("sida 1 (även 2, 3, 4, 5, 6, 7, 8, 9 och 3 till)"), std::string::npos) << sv;
}

// The page that holds the answer (issue 22 item 4): a phrase or NEAR
// cites the pages holding it, not every page with one of its words; a
// query of several words quotes the page holding the most of them,
// function words not counted.
TEST_F(E2E, HitsCiteThePageThatHoldsTheAnswer) {
  make_pdf("c/dom.pdf",
           "Ansökan kom in i mars. Ansökan var ofullständig.\n\f"
           "Vid en ansökan om registrering av mönster prövas nyheten.\n\f"
           "Registrering sker hos verket. Ansökan avslogs.\n\f"
           "Hur ska ett ärende handläggas? Hur ska ett beslut skrivas? Hur ska ett svar ges?\n\f"
           "Fartyget anmäls till hamnkaptenen före ankomst.\n\f"
           "Avgift avgift avgift avgift tas ut.\n\f"
           "Tillstånd, avgift och hamn prövas samlat.\n");
  ASSERT_EQ(arkiv({"index", "c"}).status, 0);
  json phrase = arkiv_json({"search", "\"ansökan om registrering\""});
  ASSERT_EQ(phrase["total"], 1);
  EXPECT_EQ(phrase["hits"][0]["pages"], json::array({2}));
  EXPECT_EQ(phrase["hits"][0]["snippet_page"], 2);
  json near = arkiv_json({"search", "registrering NEAR/6 avslogs"});
  EXPECT_EQ(near["hits"][0]["pages"], json::array({3}));
  // A question: the page with "anmäls" and "hamnkaptenen", not the page
  // full of "Hur ska ett".
  json question = arkiv_json({"search", "Hur ska ett fartyg anmälas till hamnkaptenen?"});
  EXPECT_EQ(question["hits"][0]["snippet_page"], 5) << question.dump(2);
  // Three words: the page with all three over the page with four of one.
  json three = arkiv_json({"search", "tillstånd avgift hamn"});
  EXPECT_EQ(three["hits"][0]["snippet_page"], 7) << three.dump(2);
}

// Of the pages holding a query's words, the one that says them together
// answers (page_score() in searcher.cc): the HD ruling T 170-08 answers
// "kan man förvärva en immaterialrätt i god tro" on page 5, where the
// words stand in one sentence, not on page 11, which holds as many of
// them (more often) far apart. A function word asked for by its stem
// ("länge" -> Zläng) does not choose the page.
TEST_F(E2E, HitsCiteThePageThatSaysTheWordsTogether) {
  make_pdf("c/dom.pdf",
           "Förvärv av immaterialrätt regleras i lag. Ett förvärv kan ske\n"
           "på många sätt, och en immaterialrätt kan överlåtas eller upplåtas\n"
           "till den som vill använda den i sin verksamhet under en längre tid.\n"
           "Den som köper något i god tro skyddas ofta, men en tro räcker\n"
           "inte alltid.\n\f"
           "En immaterialrätt kan inte förvärvas i god tro.\n\f"
           "Hur länge ärendet ska pågå vet ingen.\n\f"
           "Tillståndet beviljas för tre år.\n");
  // "tillstånd" in another record too: as a word it says less than
  // "länge" would, as AFS 2011:19's "arbetstillstånd" said less than its
  // one "länge" ("hur länge ska ett arbetstillstånd sparas", page 11).
  arkiv::test::write_file(dir / "c/annat.txt", "Ett annat tillstånd.\n");
  ASSERT_EQ(arkiv({"index", "c"}).status, 0);
  for (const char* q : {"förvärv immaterialrätt god tro", "kan man förvärva en immaterialrätt i god tro"}) {
    json together = arkiv_json({"search", q});
    ASSERT_FALSE(together["hits"].empty()) << q;
    EXPECT_EQ(together["hits"][0]["snippet_page"], 2) << q << "\n" << together.dump(2);
    EXPECT_EQ(together["hits"][0]["pages"][0], 2) << q;
  }
  json how_long = arkiv_json({"search", "hur länge tillstånd"});
  ASSERT_EQ(how_long["hits"].size(), 1u) << how_long.dump(2);
  EXPECT_EQ(how_long["hits"][0]["snippet_page"], 4) << how_long.dump(2);
}

// Case numbers as agencies, departments and courts write them (issue 22
// item 3): each is found by `dnr:` however it is typed, and `cases` lists
// them with their record counts.
TEST_F(E2E, CaseNumbersInTheirWrittenFormsAreFoundAndListed) {
  fs::create_directories(dir / "c");
  arkiv::test::write_file(dir / "c/remissvar.txt", "REMISSVAR\n2026-06-24\nDnr 3.1-4788-2026\n");
  arkiv::test::write_file(dir / "c/beslut.txt", "Beslut om bidrag (AB2026/00123)\n");
  arkiv::test::write_file(dir / "c/beslut2.txt", "Komplettering i ärende AB 2026/123\n");
  arkiv::test::write_file(dir / "c/departement.txt", "Finansdepartementet Fi2019/01234/S3\n");
  arkiv::test::write_file(dir / "c/dom.txt", "Förvaltningsrätten i Stockholm\nDOM\nMål nr B 1234-19\n");
  arkiv::test::write_file(dir / "c/nämnd.txt", "Byggnadsnämnden SBN 2019.123\n");
  ASSERT_EQ(arkiv({"index", "c"}).status, 0);
  const std::pair<const char*, const char*> typed[] = {
      {"dnr:3.1-4788-2026", "c/remissvar.txt"},   {"dnr:Fi2019/01234/S3", "c/departement.txt"},
      {"dnr:\"Fi 2019/1234\"", "c/departement.txt"}, {"dnr:B1234-19", "c/dom.txt"},
      {"dnr:\"B 1234-19\"", "c/dom.txt"},         {"dnr:\"SBN 2019.123\"", "c/nämnd.txt"},
  };
  for (const auto& [query, path] : typed) EXPECT_EQ(hit_paths({"search", query}), std::vector<std::string>{path}) << query;
  std::vector<std::string> ab = hit_paths({"search", "dnr:AB2026/123"});
  std::sort(ab.begin(), ab.end());
  EXPECT_EQ(ab, (std::vector<std::string>{"c/beslut.txt", "c/beslut2.txt"}));
  json cases = arkiv_json({"cases"});
  EXPECT_EQ(cases["cases"], json::parse(R"([
      {"dnr": "3.1-4788-2026", "organisation": null, "records": 1},
      {"dnr": "AB 2026/123", "organisation": null, "records": 2},
      {"dnr": "B 1234-19", "organisation": null, "records": 1},
      {"dnr": "FI 2019/1234", "organisation": null, "records": 1},
      {"dnr": "SBN 2019/123", "organisation": null, "records": 1}])"))
      << cases.dump(2);
  EXPECT_EQ(arkiv_json({"cases", "--min-records", "2"})["cases"].size(), 1u);
  for (const char* bad : {"0", "-1"}) {
    RunResult r = arkiv({"cases", "--min-records", bad});
    EXPECT_EQ(r.status, 2) << bad;
    EXPECT_NE(r.err.find("--min-records must be a whole number, at least 1"), std::string::npos) << r.err;
  }
  RunResult listed = arkiv({"cases"}, {{"LANG", "sv_SE.UTF-8"}});
  EXPECT_NE(listed.out.find("AB 2026/123  2 poster\n"), std::string::npos) << listed.out;
  EXPECT_EQ(arkiv_json({"case", "Mål nr B 1234-19"})["records"].size(), 1u);
}

// A case number is scoped by its organisation (issue 22 item 3): "KS
// 2020/123" in Gävle's and in Kungsbacka's protocols are two cases, listed
// and shown apart; `dnr:` still finds both, and a record of no known
// organisation is counted apart.
TEST_F(E2E, CaseNumbersAreScopedByTheirOrganisation) {
  fs::create_directories(dir / "c");
  arkiv::test::write_file(dir / "c/gavle.txt", "Gävle kommun\nKommunstyrelsen\nProtokoll 2020-03-01\nDnr KS 2020/123\n");
  arkiv::test::write_file(dir / "c/gavle2.txt", "Gävle kommun\nKommunstyrelsen\nBeslut 2020-05-01\nKS-2020-0123\n");
  arkiv::test::write_file(dir / "c/kungsbacka.txt", "Kungsbacka kommun\nProtokoll 2020-04-01\nDnr KS 2020/123\n");
  arkiv::test::write_file(dir / "c/okand.txt", "Kommunstyrelsen\nProtokoll 2020-02-01\nDnr KS 2020/123\n");
  // A number one organisation uses: a record naming none is in its case.
  arkiv::test::write_file(dir / "c/avtal.txt", "Gävle kommun\nAvtal 2021-01-10\nDnr KS 2021/9\n");
  arkiv::test::write_file(dir / "c/bilaga.txt", "Bilaga 1\nUnderlag 2021-01-05\nDnr KS 2021/9\n");
  ASSERT_EQ(arkiv({"index", "c"}).status, 0);
  json cases = arkiv_json({"cases"});
  EXPECT_EQ(cases["cases"], json::parse(R"([
      {"dnr": "KS 2020/123", "organisation": {"id": "gavle-kommun", "name": "Gävle kommun"}, "records": 2},
      {"dnr": "KS 2020/123", "organisation": {"id": "kungsbacka-kommun", "name": "Kungsbacka kommun"}, "records": 1},
      {"dnr": "KS 2020/123", "organisation": null, "records": 1},
      {"dnr": "KS 2021/9", "organisation": {"id": "gavle-kommun", "name": "Gävle kommun"}, "records": 2}])"))
      << cases.dump(2);
  EXPECT_EQ(arkiv_json({"case", "KS 2021/9"})["records"][0]["organisation"]["id"], "gavle-kommun");
  RunResult listed = arkiv({"cases"}, {{"LANG", "sv_SE.UTF-8"}});
  EXPECT_EQ(listed.out,
            "KS 2020/123  Gävle kommun  2 poster\n"
            "KS 2020/123  Kungsbacka kommun  1 post\n"
            "KS 2020/123  1 post\n"
            "KS 2021/9  Gävle kommun  2 poster\n");
  RunResult one = arkiv({"case", "KS 2020/123"});
  EXPECT_EQ(one.status, 0);
  EXPECT_EQ(one.out,
            "Gävle kommun:\n"
            "2020-03-01  protokoll  Gävle kommun\n            c/gavle.txt\n"
            "2020-05-01  beslut  Gävle kommun\n            c/gavle2.txt\n"
            "\nKungsbacka kommun:\n"
            "2020-04-01  protokoll  Kungsbacka kommun\n            c/kungsbacka.txt\n"
            "\nOf no known organisation:\n"
            "2020-02-01  protokoll  Protokoll 2020-02-01\n            c/okand.txt\n");
  EXPECT_EQ(hit_paths({"search", "dnr:\"KS 2020/123\"", "--limit", "10"}).size(), 4u);
}

// "Did you mean" is honest about names and acronyms (issue 22 item 6): an
// acronym typed in capitals is not turned into a word, a capitalised word
// of a name's length is offered names, not common words; a long one typed
// first is still corrected.
TEST_F(E2E, DidYouMeanLeavesAcronymsAndNamesAlone) {
  fs::create_directories(dir / "c");
  arkiv::test::write_file(dir / "c/a.txt",
                          "Föreningen har bildat ett råd. Carl Bildt talade om hud och hår.\n"
                          "Partnerskapsavtal tecknades.\n");
  ASSERT_EQ(arkiv({"index", "c"}).status, 0);
  EXPECT_EQ(arkiv_json({"search", "Bildtt"}, 1)["suggestion"], "bildt");
  EXPECT_TRUE(arkiv_json({"search", "HFD"}, 1)["suggestion"].is_null());
  // The query reads "hfd" as HFD, the gazetteer's acronym: no word for it.
  EXPECT_TRUE(arkiv_json({"search", "hfd"}, 1)["suggestion"].is_null());
  EXPECT_EQ(arkiv_json({"search", "Partnerskapsavtl"}, 1)["suggestion"], "partnerskapsavtal");
}

// Nor is a two-letter acronym offered a one-letter word, in capitals or
// in lower case (issue 22 item 6: "UD" -> "u"); a short word is offered
// words of its own length only.
TEST_F(E2E, DidYouMeanOffersNoOneLetterWord) {
  fs::create_directories(dir / "c");
  arkiv::test::write_file(dir / "c/a.txt", "Se punkt u i bilagan. Vi gick ut.\n");
  ASSERT_EQ(arkiv({"index", "c"}).status, 0);
  for (const char* typed : {"UD", "ud"}) {
    json j = arkiv_json({"search", typed}, 1);
    EXPECT_TRUE(j["suggestion"].is_null()) << typed << ": " << j.dump();
    RunResult text = arkiv({"search", typed});
    EXPECT_EQ(text.status, 1);
    EXPECT_EQ(text.out.find("Did you mean"), std::string::npos) << text.out;
  }
  EXPECT_EQ(arkiv_json({"search", "uj"}, 1)["suggestion"], "ut");  // not "u"
}

// Acronyms beyond the gazetteer (issue 22 item 5): `PUL` finds the record
// that only writes "personuppgiftslagen", below the one that writes "PUL",
// and the other way round; a record's own definition binds its long form
// to its acronym; a definition of a thing makes no actor.
TEST_F(E2E, AcronymsFindTheirLongFormsRankedBelowTheTypedForm) {
  fs::create_directories(dir / "c");
  arkiv::test::write_file(dir / "c/typed.txt", "Behandlingen följer PUL. Samtycke krävs.\n");
  make_pdf("c/long.pdf", "Inledning.\fBehandlingen följer personuppgiftslagen (1998:204). Samtycke krävs.\n");
  arkiv::test::write_file(dir / "c/lou.txt", "Upphandlingen sker enligt lagen (2016:1145) om offentlig upphandling.\n");
  arkiv::test::write_file(dir / "c/sgml.txt",
                          "Dokumenten skrivs i Standard Generalized Markup Language (SGML). Märkningen följer "
                          "standarden.\n");
  arkiv::test::write_file(dir / "c/other.txt", "Ett protokoll utan förkortningar.\n");
  arkiv::test::write_file(dir / "c/gdpr.txt", "Registret följer dataskyddsförordningen.\n");
  arkiv::test::write_file(dir / "c/markup.txt", "Märkspråket Standard Generalized Markup Language används.\n");
  ASSERT_EQ(arkiv({"index", "c"}).status, 0);

  json pul = arkiv_json({"search", "PUL"});
  ASSERT_EQ(pul["hits"].size(), 2u) << pul.dump(2);
  EXPECT_EQ(pul["hits"][0]["path"], "c/typed.txt");
  EXPECT_EQ(pul["hits"][1]["path"], "c/long.pdf");
  // The long form's page is cited and quoted.
  EXPECT_EQ(pul["hits"][1]["pages"], json::array({2}));
  EXPECT_NE(pul["hits"][1]["snippet"].get<std::string>().find("personuppgiftslagen"), std::string::npos);
  EXPECT_EQ(pul["matched"], "all");
  RunResult text = arkiv({"search", "PUL"});
  ASSERT_NE(text.out.find("c/long.pdf  page 2\n"), std::string::npos) << text.out;
  EXPECT_LT(text.out.find("c/typed.txt"), text.out.find("c/long.pdf")) << text.out;
  // Typed in lower case, an acronym that is no word ("pul" is one: pula);
  // with another word, both.
  EXPECT_EQ(hit_paths({"search", "gdpr"}), std::vector<std::string>{"c/gdpr.txt"});
  EXPECT_EQ(hit_paths({"search", "PUL samtycke"}), (std::vector<std::string>{"c/typed.txt", "c/long.pdf"}));
  // The other way round.
  EXPECT_EQ(hit_paths({"search", "personuppgiftslagen"}), (std::vector<std::string>{"c/long.pdf", "c/typed.txt"}));
  EXPECT_EQ(hit_paths({"search", "LOU"}), std::vector<std::string>{"c/lou.txt"});
  // A record's own definition, and through it a record that only writes
  // the long form out, second; a thing is no actor.
  EXPECT_EQ(hit_paths({"search", "SGML"}), (std::vector<std::string>{"c/sgml.txt", "c/markup.txt"}));
  // These records name no actor at all: `actors` lists none (exit 1).
  RunResult actors = arkiv({"actors"});
  EXPECT_EQ(actors.status, 1) << actors.out;
  EXPECT_EQ(actors.out.find("Markup"), std::string::npos) << actors.out;
  EXPECT_TRUE(arkiv_json({"actors"}, 1)["actors"].empty());
  // An acronym no record names or defines: nothing, no correction.
  EXPECT_EQ(arkiv({"search", "NOAT"}).status, 1);
}

// A two-word name (issue 22 item 6) finds the records with that person,
// however the record writes the name, not those with only the first name
// or both names of two people; apart is said so; none is "some".
TEST_F(E2E, NamesAreFoundAsWritten) {
  fs::create_directories(dir / "c");
  arkiv::test::write_file(dir / "c/svensson.txt", "Anna Svensson, ordförande, öppnade mötet.\n");
  arkiv::test::write_file(dir / "c/lista.txt", "Närvarande: Svensson, Anna; Berglund, Per.\n");
  arkiv::test::write_file(dir / "c/anna.txt", "Anna deltog i mötet.\n");
  arkiv::test::write_file(dir / "c/tva.txt",
                          "Maria Berglund skrev protokollet. Beslutet fattades av nämnden sedan Erik Ek "
                          "föredragit ärendet och Anna Lund svarat.\n");
  ASSERT_EQ(arkiv({"index", "c"}).status, 0);

  json name = arkiv_json({"search", "Anna Svensson"});
  EXPECT_EQ(name["matched"], "all");
  std::vector<std::string> paths;
  for (const auto& h : name["hits"]) paths.push_back(h["path"]);
  std::sort(paths.begin(), paths.end());
  EXPECT_EQ(paths, (std::vector<std::string>{"c/lista.txt", "c/svensson.txt"})) << name.dump(2);
  RunResult text = arkiv({"search", "Anna Svensson"});
  EXPECT_EQ(text.out.find("anna.txt"), std::string::npos) << text.out;
  EXPECT_EQ(text.out.find("No record has"), std::string::npos) << text.out;

  // Both names, of two people: apart, and said so.
  json apart = arkiv_json({"search", "Erik Berglund"});
  EXPECT_EQ(apart["matched"], "apart") << apart.dump(2);
  paths.clear();
  for (const auto& h : apart["hits"]) paths.push_back(h["path"]);
  std::sort(paths.begin(), paths.end());
  EXPECT_EQ(paths, std::vector<std::string>{"c/tva.txt"});
  RunResult apart_text = arkiv({"search", "Erik Berglund"});
  EXPECT_NE(apart_text.out.find("No record has the name as written; these have its words apart.\n"),
            std::string::npos)
      << apart_text.out;

  // No record names Lindh: none, not the records of another Anna
  // (searcher.cc, words_in_no_record()).
  json none = arkiv_json({"search", "Anna Lindh"}, 1);
  EXPECT_TRUE(none["hits"].empty()) << none.dump(2);
  EXPECT_EQ(none["words_in_no_record"], json::array({"Lindh"})) << none.dump(2);
  // After "Did you mean" for the word, if the index has one like it.
  const std::string lindh = arkiv({"search", "Anna Lindh"}).out;
  EXPECT_TRUE(lindh.ends_with("No hits for Anna Lindh.\nNo record holds the word Lindh.\n")) << lindh;
  const std::string palme = arkiv({"search", "Anna Lindh", "Palme"}, {{"LANG", "sv_SE.UTF-8"}}).out;
  EXPECT_TRUE(palme.ends_with("Inga träffar för Anna Lindh Palme.\nIngen post innehåller orden Lindh, Palme.\n"))
      << palme;
  // No record has both, each has records of its own: those with some of
  // the words, said so.
  json some = arkiv_json({"search", "Maria Svensson"});
  EXPECT_EQ(some["matched"], "some") << some.dump(2);
  EXPECT_EQ(some["words_in_no_record"], json::array());
  EXPECT_FALSE(some["hits"].empty());
  EXPECT_NE(arkiv({"search", "Maria Svensson"}).out.find("No record has all the words; these have some of them."),
            std::string::npos);
}

// "Records with all the words first" only when a record has them all
// (issue 22 item 6): `Zhuhai Stockholm` over records that never name both.
TEST_F(E2E, AllTheWordsFirstOnlyWhenSomeRecordHasThemAll) {
  fs::create_directories(dir / "c");
  arkiv::test::write_file(dir / "c/zhuhai.txt", "Delegationen från Zhuhai besökte Gävle.\n");
  arkiv::test::write_file(dir / "c/stockholm.txt", "Konferensen hölls i Stockholm.\n");
  ASSERT_EQ(arkiv({"index", "c"}).status, 0);
  for (const char* query : {"Zhuhai Stockholm", "Vilka besök har gjorts i Zhuhai och Stockholm?"}) {
    json j = arkiv_json({"search", query});
    EXPECT_EQ(j["matched"], "some") << query << ": " << j.dump(2);
    EXPECT_EQ(j["hits"].size(), 2u) << query;
    RunResult text = arkiv({"search", query});
    EXPECT_NE(text.out.find("No record has all the words; these have some of them.\n"), std::string::npos)
        << text.out;
    EXPECT_EQ(text.out.find("all the words first"), std::string::npos) << text.out;
  }
  // A question some record answers with all its words: those first.
  json q = arkiv_json({"search", "Delegationen från Zhuhai besökte?"});
  EXPECT_EQ(q["matched"], "all-then-some") << q.dump(2);
  EXPECT_EQ(q["hits"][0]["path"], "c/zhuhai.txt");
  EXPECT_NE(arkiv({"search", "Delegationen från Zhuhai besökte?"})
                .out.find("Records with all the words first, then those with some of them.\n"),
            std::string::npos);
}

TEST_F(E2E, ReindexIsNoOpAndDetectsChanges) {
  for (int i = 0; i < 200; ++i) make_pdf("c/d" + std::to_string(i) + ".pdf", decision(i));
  json first = arkiv_json({"index", "c"});
  EXPECT_EQ(first["indexed"], 200);
  EXPECT_EQ(first["skipped"].size(), 0u);

  json again = arkiv_json({"index", "c"});
  EXPECT_EQ(again["indexed"], 0);
  EXPECT_EQ(again["unchanged"], 200);
  EXPECT_EQ(again["updated"], 0);
  EXPECT_EQ(again["pages"], 0) << "nothing may be extracted again";
  RunResult text = arkiv({"index", "c"});
  EXPECT_NE(text.out.find("up to date"), std::string::npos) << text.out;

  // Change one file's content, touch another, delete a third.
  make_pdf("c/d7.pdf", decision(7, "Tillägg: nytt villkor om solceller.\n"));
  fs::last_write_time(dir / "c/d8.pdf", fs::file_time_type::clock::now() + std::chrono::seconds(5));
  fs::remove(dir / "c/d9.pdf");
  json third = arkiv_json({"index", "c"});
  EXPECT_EQ(third["updated"], 1);
  EXPECT_EQ(third["indexed"], 0);
  EXPECT_EQ(third["unchanged"], 198);
  EXPECT_EQ(third["removed"], 1);
  EXPECT_EQ(third["pages"], 1);

  EXPECT_EQ(arkiv_json({"search", "solceller"})["hits"][0]["path"], "c/d7.pdf");
  EXPECT_EQ(arkiv_json({"search", "akt9"}, 1)["total"], 0);
  EXPECT_EQ(arkiv_json({"stats"})["records"], 199);
}

TEST_F(E2E, BadFilesAreReportedAndOthersIndexed) {
  make_pdf("c/good1.pdf", decision(1));
  make_pdf("c/good2.pdf", decision(2));
  // Truncated: the first 300 bytes of a real PDF.
  make_pdf("c/whole.pdf", decision(3));
  std::string whole = arkiv::test::read_file(dir / "c/whole.pdf");
  arkiv::test::write_file(dir / "c/truncated.pdf", whole.substr(0, 300));
  fs::remove(dir / "c/whole.pdf");
  arkiv::test::write_file(dir / "c/garbage.pdf", "%PDF-1.7\nthis is not a PDF body at all\n");
  arkiv::test::write_file(dir / "c/empty.pdf", "");
  // A text file named .pdf is read as text (the type comes from the
  // content); binary data of no known type is not read, and listed so
  // with its type (issue #23 item 2).
  arkiv::test::write_file(dir / "c/letter.pdf", "Hej! Detta är ett brev i ren text, inte en PDF.\n");
  arkiv::test::write_file(dir / "c/binary.pdf", std::string("\x00\x01\x02\x03 binärt", 12));
  make_pdf("c/scanned.pdf", "", {"--blank-pages", "2"});
  // Encrypted with a user password.
  make_pdf("c/plain.pdf", decision(4));
  RunResult enc = arkiv::test::run({"/usr/bin/qpdf", "--encrypt", "hemligt", "hemligt", "256", "--",
                                    dir / "c/plain.pdf", dir / "c/encrypted.pdf"});
  ASSERT_EQ(enc.status, 0) << enc.err;
  fs::remove(dir / "c/plain.pdf");

  RunResult r = arkiv({"index", "c", "missing-folder"});
  EXPECT_EQ(r.status, 3) << r.err;
  const std::map<std::string, std::string> expected = {
      {"c/truncated.pdf", "corrupt"}, {"c/garbage.pdf", "corrupt"},     {"c/empty.pdf", "empty"},
      {"c/encrypted.pdf", "encrypted"},
      {"missing-folder", "not-found"}};
  // One line per bad file on stderr, naming it.
  for (const auto& [path, reason] : expected) {
    EXPECT_NE(r.err.find("arkiv: " + path + ": skipped: "), std::string::npos) << path << "\n" << r.err;
  }
  // The scan is indexed, by its title and path only, and needs OCR.
  EXPECT_NE(r.err.find("arkiv: c/scanned.pdf: no text layer (scanned? needs OCR): found by its title and path only"),
            std::string::npos) << r.err;
  EXPECT_NE(r.out.find("4 indexed"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("arkiv: c/binary.pdf: not read: unknown type\n"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("5 skipped"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("1 file not read (a format arkiv does not read): 1 new, 0 known before"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("1 file without a text layer, found by its title and path only: needs OCR"), std::string::npos)
      << r.out;

  // The JSON summary names each skipped file with its reason.
  json j = arkiv_json({"index", "c", "missing-folder"}, 3);
  std::map<std::string, std::string> got;
  for (const auto& s : j["skipped"]) got[s["path"]] = s["reason"];
  EXPECT_EQ(got, expected);
  ASSERT_EQ(j["needs_ocr"].size(), 1u) << j.dump(2);
  EXPECT_EQ(j["needs_ocr"][0]["path"], "c/scanned.pdf");
  EXPECT_EQ(j["unchanged"], 4);
  EXPECT_EQ(j["not_read"], json::array());  // known from the first run: counted, not new
  EXPECT_EQ(j["not_read_known"], 1);

  // The good files are searchable; the bad ones are recorded for the audit.
  EXPECT_EQ(arkiv_json({"search", "kommunstyrelsen"})["total"], 2);
  EXPECT_EQ(arkiv_json({"search", "brev"})["hits"][0]["path"], "c/letter.pdf");
  json stats = arkiv_json({"stats"});
  // The scan is a record (found by its title and path), needing OCR.
  EXPECT_EQ(stats["records"], 4);
  EXPECT_EQ(stats["failed"], 5);
  json enc_show = arkiv_json({"show", "c/encrypted.pdf"});
  EXPECT_EQ(enc_show["status"], "encrypted");
}

TEST_F(E2E, MalformedQueryIsAClearError) {
  copy_seed();
  ASSERT_EQ(arkiv({"index", "corpus"}).status, 0);
  // "-i:b?ilagor från:anna": a bad filter value after "-" made Xapian's
  // parser free memory it did not own (found by fuzz_query).
  for (const char* q : {"Zhuhai AND", "NOT", "OR Kina", "-i:b?ilagor från:anna", "i:bilagr", "datum:2016..igår"}) {
    RunResult r = arkiv({"search", "--", q});
    EXPECT_EQ(r.status, 2) << q;
    EXPECT_NE(r.err.find("arkiv: "), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(q), std::string::npos) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  }
}

// A filter that cannot mean anything is an error naming the filter and
// what it takes, one line, exit status 2, in the user's language; never
// "No hits" (issue 22: "aktr:" made a journalist conclude "nothing there").
TEST_F(E2E, FilterMistakesAreErrors) {
  copy_seed();
  ASSERT_EQ(arkiv({"index", "corpus"}).status, 0);
  struct Case {
    const char* query;
    const char* en;  // a part of the English line
    const char* sv;  // a part of the Swedish line
  };
  const Case cases[] = {
      {"aktr:ICLD", "there is no filter aktr: in \"aktr:ICLD\"; the filters are datum:, date:, år:, year:",
       "det finns inget filter aktr: i \"aktr:ICLD\"; filtren är datum:, date:, år:, year:"},
      {"Zhuhai tyyp:avtal", "there is no filter tyyp:", "det finns inget filter tyyp:"},
      {"datun:2020", "there is no filter datun:", "det finns inget filter datun:"},
      {"format:pdf", "there is no filter format:", "det finns inget filter format:"},
      {"typ:okänd", "typ:okänd in \"typ:okänd\" cannot mean anything; typ: takes a record type: protokoll",
       "typ:okänd i \"typ:okänd\" kan inte betyda något; typ: tar en dokumenttyp: protokoll"},
      {"år:abc", "år:abc in \"år:abc\" cannot mean anything; år: takes a year, four digits",
       "år:abc i \"år:abc\" kan inte betyda något; år: tar ett år, fyra siffror"},
      {"datum:2020-13", "datum:2020-13 in", "datum:2020-13 i"},
      {"datum:2021..2019", "cannot mean anything; datum: takes a date or a range of dates",
       "kan inte betyda något; datum: tar ett datum eller ett intervall av datum"},
  };
  for (const Case& c : cases) {
    for (bool swedish : {false, true}) {
      RunResult r = swedish ? arkiv({"search", "--", c.query}, {{"LANG", "sv_SE.UTF-8"}})
                            : arkiv({"search", "--", c.query});
      EXPECT_EQ(r.status, 2) << c.query << r.out;
      EXPECT_EQ(r.out, "") << c.query;
      EXPECT_EQ(r.err.rfind("arkiv: ", 0), 0u) << r.err;
      EXPECT_NE(r.err.find(swedish ? c.sv : c.en), std::string::npos) << r.err;
      EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    }
  }
  // A colon in ordinary text is no filter.
  for (const char* q : {"kl. 10:30", "SFS 2018:218", "prop. 1999/2000:17", "Dir. 2019:12", "https://www.gavle.se",
                        "S:t Eriks"}) {
    RunResult r = arkiv({"search", "--", q});
    EXPECT_TRUE(r.status == 0 || r.status == 1) << q << r.err;
  }
  // Filters are listed from the one table, for people and for the README.
  RunResult list = arkiv({"search", "--filters"});
  EXPECT_EQ(list.status, 0) << list.err;
  EXPECT_NE(list.out.find("aktör:A  (actor:)"), std::string::npos) << list.out;
  RunResult md = arkiv({"search", "--filters", "--markdown"});
  EXPECT_EQ(md.out.rfind("| filter | matches records whose | example |\n", 0), 0u) << md.out;
  RunResult help = arkiv({"search", "--help"});
  EXPECT_NE(help.out.find("aktör:, actor:"), std::string::npos) << help.out;
  EXPECT_EQ(arkiv({"search"}).status, 2);
}

// `-Kina` and `NOT Kina` mean the same: the records without Kina.
TEST_F(E2E, ExcludedWordMeansNot) {
  fs::copy(std::string(ARKIV_SOURCE_DIR) + "/corpus", dir / "corpus", fs::copy_options::recursive);
  ASSERT_EQ(arkiv({"index", "corpus"}).status, 0);
  RunResult r = arkiv({"search", "--json", "--", "-Kina"});
  ASSERT_EQ(r.status, 0) << r.err;
  const json minus = json::parse(r.out);
  const json not_kina = arkiv_json({"search", "NOT Kina"}, -1);
  const json kina = arkiv_json({"search", "Kina"}, -1);
  EXPECT_GT(minus["total"].get<int>(), 0);
  EXPECT_EQ(minus["total"], not_kina["total"]);
  EXPECT_EQ(minus["hits"].size(), not_kina["hits"].size());
  for (std::size_t i = 0; i < minus["hits"].size() && i < not_kina["hits"].size(); ++i)
    EXPECT_EQ(minus["hits"][i]["id"], not_kina["hits"][i]["id"]);
  for (const auto& h : minus["hits"])
    for (const auto& k : kina["hits"]) EXPECT_NE(h["id"], k["id"]);
  EXPECT_GT(kina["total"].get<int>(), 0);
}

TEST_F(E2E, MissingIndexIsAClearError) {
  RunResult r = arkiv({"search", "Zhuhai"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("index"), std::string::npos) << r.err;
}

// The CLI links no document reader (Poppler and the rest): it reads files
// through its helper, arkiv-extract, beside it or in ../lib/arkiv. A
// binary without its helper still searches, and an indexing run without
// it, or with a helper of another build, stops before reading any file,
// in one line naming the helper.
TEST_F(E2E, ExtractionHelperIsNeededOnlyToReadFiles) {
  copy_seed();
  ASSERT_EQ(arkiv({"index", "corpus"}).status, 0);
  fs::create_directories(dir / "bin");
  const std::string lone = dir / "bin/arkiv";
  fs::copy_file(ARKIV_BIN, lone);
  auto run_lone = [&](std::vector<std::string> args, std::map<std::string, std::string> env = {}) {
    args.insert(args.begin(), lone);
    arkiv::test::RunOptions o;
    o.cwd = dir.path();
    o.env = {{"LANG", "C.UTF-8"}, {"NO_COLOR", "1"}};
    o.unset = {"LC_ALL", "LC_MESSAGES", "ARKIV_INDEX", "ARKIV_EXTRACT"};
    for (auto& [k, v] : env) o.env[k] = v;
    return arkiv::test::run(args, o);
  };
  RunResult found = run_lone({"search", "Jilin University"});
  EXPECT_EQ(found.status, 0) << found.err;
  EXPECT_NE(found.out.find(kSeedPdf), std::string::npos) << found.out;

  make_pdf("more/beslut.pdf", decision(1));
  RunResult idx = run_lone({"index", "more"});
  EXPECT_EQ(idx.status, 2);
  EXPECT_NE(idx.err.find("extraction helper " + (dir / "bin/arkiv-extract") + ": not found"), std::string::npos)
      << idx.err;
  EXPECT_EQ(std::count(idx.err.begin(), idx.err.end(), '\n'), 1) << idx.err;
  EXPECT_EQ(run_lone({"search", "akt1"}).status, 1);  // nothing of that run was written
  EXPECT_EQ(run_lone({"search", "Jilin University"}).status, 0);

  // A helper of another build answers with another hello (extract/wire.h).
  const std::string stale = dir / "stale-arkiv-extract";
  arkiv::test::write_file(stale, "#!/bin/sh\nprintf 'ARKIVEX\\001\\377\\000\\000\\000xxxxxxxx'\nexec sleep 5\n");
  fs::permissions(stale, fs::perms::owner_all);
  RunResult old = run_lone({"index", "more"}, {{"ARKIV_EXTRACT", stale}});
  EXPECT_EQ(old.status, 2);
  EXPECT_NE(old.err.find("extraction helper " + stale + ": built for another version of arkiv (wire format 255"),
            std::string::npos)
      << old.err;
  EXPECT_EQ(std::count(old.err.begin(), old.err.end(), '\n'), 1) << old.err;
  EXPECT_EQ(run_lone({"search", "akt1"}).status, 1);

  const std::string helper = (fs::path(ARKIV_BIN).parent_path() / "arkiv-extract").string();
  RunResult with = run_lone({"index", "more"}, {{"ARKIV_EXTRACT", helper}});
  EXPECT_EQ(with.status, 0) << with.err;
  EXPECT_EQ(run_lone({"search", "akt1"}).status, 0);
  // An installed layout: bin/arkiv and lib/arkiv/arkiv-extract.
  fs::create_directories(dir / "lib/arkiv");
  fs::copy_file(helper, dir / "lib/arkiv/arkiv-extract");
  make_pdf("more/beslut2.pdf", decision(2));
  RunResult installed = run_lone({"index", "more"});
  EXPECT_EQ(installed.status, 0) << installed.err;
  EXPECT_EQ(run_lone({"search", "akt2"}).status, 0);
}

// What `arkiv search` loads at start: none of the readers' libraries
// (they were 47 of the 62 shared objects, 20 ms of every start).
TEST_F(E2E, TheCliLinksNoDocumentReader) {
  RunResult ldd = arkiv::test::run({"/usr/bin/ldd", ARKIV_BIN});
  ASSERT_EQ(ldd.status, 0) << ldd.err;
  for (const char* lib : {"libpoppler", "libgmime", "libarchive", "libxml2", "libpugixml", "libglib"})
    EXPECT_EQ(ldd.out.find(lib), std::string::npos) << lib << " in\n" << ldd.out;
}

TEST_F(E2E, LockedIndexRefusesSecondWriterButServesSearches) {
  copy_seed();
  ASSERT_EQ(arkiv({"index", "corpus"}).status, 0);
  make_pdf("corpus/ny.pdf", decision(5));
  {
    Xapian::WritableDatabase holder(dir / "index", Xapian::DB_OPEN);  // holds the write lock
    RunResult r = arkiv({"index", "corpus"});
    EXPECT_EQ(r.status, 4) << r.err;
    EXPECT_NE(r.err.find("locked"), std::string::npos) << r.err;
    EXPECT_EQ(arkiv({"search", "Movexum"}).status, 0);
  }
  EXPECT_EQ(arkiv_json({"index", "corpus"})["indexed"], 1);
}

// Issue 19: kills that land where the test says, by fault points
// (src/util/fault.h: ARKIV_FAULT=<point>:<n> kills the process with
// SIGKILL on the n-th pass), not at random moments that may never land
// after a commit. Ten files in batches of 4 commit three times (after d3,
// d7 and d9). After each kill the index opens, holds exactly the records
// of the batches committed before it, all searchable, and the next run
// indexes the rest.
TEST_F(E2E, KillsBeforeDuringAndAfterCommitsKeepExactlyTheCommittedBatches) {
  const int n = 10;
  fs::create_directories(dir / "c");
  for (int i = 0; i < n; ++i) arkiv::test::write_file(dir / ("c/d" + std::to_string(i) + ".txt"), decision(i));
  struct Case {
    std::string fault;
    int committed;  // records in the index after the kill: d0 ... d<committed - 1>
  };
  // Each point once after a commit (its first pass proves nothing more),
  // and the first commit killed during it: an index that never committed.
  const Case cases[] = {
      {"index.commit.during:1", 0},  // the first batch's revision written and synced, not yet made current
      {"index.commit.after:1", 4},
      {"index.extracted:6", 4},      // d5 read and built, d4 handed to Xapian: the second batch open
      {"index.commit.before:2", 4},  // the second batch handed to Xapian, commit not begun
      {"index.commit.during:2", 4},
      {"index.commit.during:3", 8},  // the last, short batch
      {"index.commit.after:3", 10},  // everything committed, the run not yet marked complete
  };
  // Hit paths of `search kommunstyrelsen`, sorted.
  auto records_found = [&] {
    std::vector<std::string> p = hit_paths({"search", "kommunstyrelsen", "--limit", "100"});
    std::sort(p.begin(), p.end());
    return p;
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.fault);
    fs::remove_all(dir / "index");
    RunResult killed = arkiv({"index", "c", "--batch", "4", "--threads", "1"}, {{"ARKIV_FAULT", c.fault}});
    ASSERT_EQ(killed.status, 128 + SIGKILL) << killed.err;  // the fault fired
    std::vector<std::string> expected;
    for (int i = 0; i < c.committed; ++i) expected.push_back("c/d" + std::to_string(i) + ".txt");
    json stats = arkiv_json({"stats"});
    EXPECT_EQ(stats["records"], c.committed);
    EXPECT_EQ(stats["last_indexed"], "");  // the run never completed
    EXPECT_EQ(records_found(), expected);
    json rerun = arkiv_json({"index", "c", "--batch", "4", "--threads", "1"});
    EXPECT_EQ(rerun["unchanged"], c.committed);
    EXPECT_EQ(rerun["indexed"], n - c.committed);
  }
  EXPECT_EQ(arkiv_json({"stats"})["records"], n);

  // A rerun's first commit holds its removals: killed during it, the
  // deleted file's record is still there; the next run removes it.
  fs::remove(dir / "c/d9.txt");
  arkiv::test::write_file(dir / "c/d0.txt", decision(0, "Tillägg om Movexum.\n"));
  RunResult killed = arkiv({"index", "c", "--batch", "4", "--threads", "1"}, {{"ARKIV_FAULT", "index.commit.during:1"}});
  ASSERT_EQ(killed.status, 128 + SIGKILL) << killed.err;
  EXPECT_EQ(arkiv_json({"stats"})["records"], n);
  EXPECT_EQ(hit_paths({"search", "akt9"}), std::vector<std::string>{"c/d9.txt"});
  EXPECT_EQ(arkiv_json({"search", "movexum"}, 1)["total"], 0);
  json rerun = arkiv_json({"index", "c", "--batch", "4", "--threads", "1"});
  EXPECT_EQ(rerun["removed"], 1);
  EXPECT_EQ(rerun["updated"], 1);
  EXPECT_EQ(arkiv_json({"stats"})["records"], n - 1);
  EXPECT_EQ(hit_paths({"search", "movexum"}), std::vector<std::string>{"c/d0.txt"});
}

// Issue 21: one record Xapian refuses to store (a term over 245 bytes
// here, by ARKIV_FAULT=index.refuse; "Can't handle insanely large tags"
// for an oversized record) stopped the run: the open batch was lost, the
// file not named, and every rerun stopped at the same place. Now the
// batch is written again one record at a time: the refused record is
// stored as not indexable and reported by name, the rest of its batch and
// the batches after it are in, and the run ends with status 3.
TEST_F(E2E, ARecordTheIndexRefusesIsReportedAndItsBatchKept) {
  const int n = 6;
  fs::create_directories(dir / "c");
  for (int i = 0; i < n; ++i) arkiv::test::write_file(dir / ("c/d" + std::to_string(i) + ".txt"), decision(i));
  auto records_found = [&] {
    std::vector<std::string> p = hit_paths({"search", "kommunstyrelsen", "--limit", "100"});
    std::sort(p.begin(), p.end());
    return p;
  };
  const std::vector<std::string> but_d2 = {"c/d0.txt", "c/d1.txt", "c/d3.txt", "c/d4.txt", "c/d5.txt"};
  const std::string reason = "c/d2.txt: skipped: too large (the index cannot store its record (InvalidArgumentError: ";
  // d2 in the first batch of 4 (d0-d3), refused when it is handed over.
  RunResult r = arkiv({"index", "c", "--batch", "4", "--threads", "1"}, {{"ARKIV_FAULT", "index.refuse:d2.txt"}});
  EXPECT_EQ(r.status, 3) << r.err;
  EXPECT_NE(r.out.find("5 indexed"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find(reason), std::string::npos) << r.err;
  EXPECT_EQ(records_found(), but_d2);
  json stats = arkiv_json({"stats"});
  EXPECT_EQ(stats["records"], n - 1);
  EXPECT_EQ(stats["failed"], 1);  // d2 is a record: not indexable, with its reason
  json shown = arkiv_json({"show", "c/d2.txt", "--json"});
  EXPECT_EQ(shown["status"], "too-large") << shown.dump();

  // Unchanged, it is a known problem (issue 23 item 7): counted, not
  // named again, and the run does not fail for it; changed, it is indexed.
  RunResult again = arkiv({"index", "c", "--batch", "4", "--threads", "1"});
  EXPECT_EQ(again.status, 0) << again.err;
  EXPECT_EQ(again.err, "");
  EXPECT_NE(again.out.find("1 known problem from an earlier run: `arkiv audit` lists it\n"), std::string::npos)
      << again.out;
  EXPECT_NE(arkiv({"audit", "c"}).out.find("c/d2.txt"), std::string::npos);
  arkiv::test::write_file(dir / "c/d2.txt", decision(2, "Tillägg.\n"));
  json fixed = arkiv_json({"index", "c", "--batch", "4", "--threads", "1"});
  EXPECT_EQ(fixed["updated"], 1);
  EXPECT_EQ(records_found().size(), static_cast<std::size_t>(n));

  // A record that existed is refused in a later run: the others of its
  // batch are updated all the same, and the old text of the refused one
  // is not searchable as if it were current.
  for (int i : {1, 2, 3}) arkiv::test::write_file(dir / ("c/d" + std::to_string(i) + ".txt"), decision(i, "Ändrad.\n"));
  RunResult later = arkiv({"index", "c", "--batch", "4", "--threads", "1"}, {{"ARKIV_FAULT", "index.refuse:d2.txt"}});
  EXPECT_EQ(later.status, 3) << later.err;
  EXPECT_NE(later.out.find("2 updated"), std::string::npos) << later.out;
  EXPECT_EQ(hit_paths({"search", "akt2"}), std::vector<std::string>{});
  std::vector<std::string> changed = hit_paths({"search", "ändrad"});
  std::sort(changed.begin(), changed.end());
  EXPECT_EQ(changed, (std::vector<std::string>{"c/d1.txt", "c/d3.txt"}));
}

// A fault point that names no point is said at once, not silently
// ignored (a misspelt point would let the tests above pass unhurt).
TEST_F(E2E, AnUnknownFaultPointIsReported) {
  fs::create_directories(dir / "c");
  arkiv::test::write_file(dir / "c/a.txt", decision(1));
  RunResult r = arkiv({"index", "c"}, {{"ARKIV_FAULT", "index.comit.after"}});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find("ARKIV_FAULT=index.comit.after names no fault point"), std::string::npos) << r.err;
}

// A run killed while Xapian creates the index leaves its tables without
// the revision file iamglass (written last). Every later run was refused
// ("folder is not empty and is not an arkiv index"); the next run now
// creates the index afresh, as nothing in it was ever committed.
TEST_F(E2E, IndexKilledWhileBeingCreatedIsCreatedAgain) {
  make_pdf("c/a.pdf", decision(1));
  ASSERT_EQ(arkiv({"index", "c"}).status, 0);
  ASSERT_TRUE(fs::exists(dir / "index/postlist.glass"));
  // The state a kill during creation leaves: the tables, and the revision
  // file still under the name Xapian writes it as.
  fs::rename(dir / "index/iamglass", dir / "index/v.tmp");
  RunResult again = arkiv({"index", "c"});
  EXPECT_EQ(again.status, 0) << again.err;
  EXPECT_NE(again.out.find("1 indexed"), std::string::npos) << again.out;
  EXPECT_EQ(arkiv_json({"search", "kommunstyrelsen"})["total"], 1);
}

TEST_F(E2E, SeveralIndexesSearchAsOne) {
  make_pdf("a/one.pdf", "Beslut om Zhuhai i kommun A.\n");
  make_pdf("b/two.pdf", "Beslut om Zhuhai i kommun B.\n");
  ASSERT_EQ(arkiv({"--index", "ia", "index", "a"}).status, 0);
  ASSERT_EQ(arkiv({"--index", "ib", "index", "b"}).status, 0);
  json both = arkiv_json({"--index", "ia", "--index", "ib", "search", "zhuhai"});
  EXPECT_EQ(both["total"], 2);
  json env_both = json::parse(arkiv({"search", "zhuhai", "--json"}, {{"ARKIV_INDEX", "ia,ib"}}).out);
  EXPECT_EQ(env_both["total"], 2);

  // A remote shard served by xapian-tcpsrv on loopback joins a local one.
  const char* tcpsrv = "/usr/bin/xapian-tcpsrv";
  if (!fs::exists(tcpsrv)) GTEST_SKIP() << "xapian-tcpsrv not installed";
  int port = 20000 + static_cast<int>(getpid() % 20000);
  pid_t srv = arkiv::test::spawn({tcpsrv, "--interface", "127.0.0.1", "--port", std::to_string(port),
                                  dir / "ib"});
  json remote;
  for (int attempt = 0; attempt < 50; ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    RunResult r = arkiv({"--index", "ia", "--index", "tcp://127.0.0.1:" + std::to_string(port), "search",
                         "zhuhai", "--json"});
    if (r.status == 0) {
      remote = json::parse(r.out);
      break;
    }
  }
  kill(srv, SIGTERM);
  waitpid(srv, nullptr, 0);
  ASSERT_FALSE(remote.is_null()) << "remote search never answered";
  EXPECT_EQ(remote["total"], 2);
  std::set<std::string> paths;
  for (const auto& h : remote["hits"]) paths.insert(h["path"]);
  EXPECT_EQ(paths, (std::set<std::string>{"a/one.pdf", "b/two.pdf"}));
}

TEST_F(E2E, SpeaksSwedishUnderSwedishLocale) {
  copy_seed();
  RunResult sv = arkiv({"index", "corpus"}, {{"LANG", "sv_SE.UTF-8"}});
  EXPECT_EQ(sv.status, 0);
  EXPECT_NE(sv.out.find("1 indexerade"), std::string::npos) << sv.out;
  RunResult en = arkiv({"index", "corpus"}, {{"LANG", "en_GB.UTF-8"}});
  EXPECT_NE(en.out.find("1 unchanged"), std::string::npos) << en.out;
  RunResult lc = arkiv({"search", "Movexum"}, {{"LC_ALL", "sv_SE.UTF-8"}, {"LANG", "C"}});
  EXPECT_NE(lc.out.find("1 träff för Movexum"), std::string::npos) << lc.out;
  RunResult none = arkiv({"search", "finnsinte"}, {{"LANG", "sv_SE.UTF-8"}});
  EXPECT_EQ(none.status, 1);
  EXPECT_NE(none.out.find("Inga träffar"), std::string::npos) << none.out;
}

// Counts are grouped as the language writes them from 1,000 up, and dates
// are the locale's: the seed PDF is 42,408 bytes and has 3 pages.
TEST_F(E2E, CountsAndDatesAreFormattedForTheLocale) {
  copy_seed();
  ASSERT_EQ(arkiv({"index", "corpus"}).status, 0);
  const std::string seed = "corpus/" + kSeedPdf;
  RunResult en = arkiv({"show", seed});
  EXPECT_NE(en.out.find("Size: 42,408 bytes"), std::string::npos) << en.out;
  EXPECT_NE(en.out.find("Pages: 3\n"), std::string::npos) << en.out;
  RunResult sv = arkiv({"show", seed}, {{"LANG", "sv_SE.UTF-8"}});
  EXPECT_NE(sv.out.find("42\u00a0408 byte"), std::string::npos) << sv.out;  // no-break space
  EXPECT_NE(sv.out.find("Sidor: 3\n"), std::string::npos) << sv.out;
  RunResult stats = arkiv({"stats"}, {{"LANG", "sv_SE.UTF-8"}});
  EXPECT_NE(stats.out.find(" KiB\n"), std::string::npos) << stats.out;
  // "Senast indexerat: 2 dec. 2026 03:31:27": a Swedish month, a 24-hour clock.
  const std::regex swedish_date("Senast indexerat: \\d{1,2} (jan|feb|mars|apr|maj|juni|juli|aug|sep|okt|nov|dec)\\.? "
                                "\\d{4} \\d{2}:\\d{2}:\\d{2}");
  EXPECT_TRUE(std::regex_search(stats.out, swedish_date)) << stats.out;
}

TEST_F(E2E, StatsAndShowJson) {
  copy_seed();
  ASSERT_EQ(arkiv({"index", "corpus"}).status, 0);
  json s = arkiv_json({"stats"});
  EXPECT_EQ(s["records"], 1);
  EXPECT_GE(s["pages"].get<int>(), 2);
  EXPECT_GT(s["terms"].get<int>(), 300);
  EXPECT_GT(s["bytes_on_disk"].get<long>(), 0);
  EXPECT_FALSE(s["last_indexed"].get<std::string>().empty());
  json show = arkiv_json({"show", "corpus/" + kSeedPdf});
  EXPECT_EQ(show["title"], "Uppföljning partnerskap med Zhuhai, Kina 2016-2020");
  EXPECT_EQ(show["format"], "pdf");
  EXPECT_EQ(show["sha256"].get<std::string>().size(), 64u);
  json by_id = arkiv_json({"show", show["id"]});
  EXPECT_EQ(by_id["path"], show["path"]);
  EXPECT_EQ(arkiv({"show", "corpus/nope.pdf"}).status, 1);
}

TEST_F(E2E, TimelineOfZhuhaiInOrderWithSentencesAndPages) {
  copy_seed();
  ASSERT_EQ(arkiv({"index", "corpus"}).status, 0);
  json tl = arkiv_json({"timeline", "Zhuhai"});
  const json& ev = tl["events"];
  ASSERT_GE(ev.size(), 5u);
  // The agreement since 2010, the extension in 2015, the pre-study
  // 2015-16, the staff member leaving in spring 2017, the Kinacentrum
  // decision in June 2020: in this order, each with its sentence and page.
  struct Want {
    const char* date_text;
    const char* in_sentence;
  } wants[] = {{"sedan 2010", "partnerskapsavtal med Zhuhai"},
               {"2015", "förlängning"},
               {"2015-16", "förstudie"},
               {"våren 2017", "slutade"},
               {"juni 2020", "Kinacentrum"}};
  std::size_t last = 0;
  bool first = true;
  for (const Want& w : wants) {
    SCOPED_TRACE(w.date_text);
    std::size_t at = ev.size();
    for (std::size_t i = 0; i < ev.size(); ++i) {
      if (ev[i]["date_text"] == w.date_text && ev[i]["text"].get<std::string>().find(w.in_sentence) != std::string::npos) {
        at = i;
        break;
      }
    }
    ASSERT_LT(at, ev.size());
    if (!first) {
      EXPECT_GT(at, last);
    }
    first = false;
    last = at;
    EXPECT_GE(ev[at]["page"].get<int>(), 1);
    EXPECT_EQ(ev[at]["path"], "corpus/" + kSeedPdf);
    // The page cited holds the statement.
    json page = arkiv_json({"show", "corpus/" + kSeedPdf, "--page", std::to_string(ev[at]["page"].get<int>())});
    EXPECT_NE(page["page"]["text"].get<std::string>().find(w.date_text), std::string::npos);
  }
  for (std::size_t i = 1; i < ev.size(); ++i) EXPECT_LE(ev[i - 1]["start"], ev[i]["start"]);
  // Nothing from inside the URL ("...-skr-2019-20-18.pdf") is a date.
  for (const auto& e : ev) EXPECT_NE(e["date_text"], "2019");
}

TEST_F(E2E, TimelineHtmlIsDrawnByChromium) {
  copy_seed();
  ASSERT_EQ(arkiv({"index", "corpus"}).status, 0);
  RunResult r = arkiv({"timeline", "Zhuhai", "--html", "zhuhai.html"});
  ASSERT_EQ(r.status, 0) << r.err;
  std::string page = arkiv::test::read_file(dir / "zhuhai.html");
  ASSERT_NE(page.find("<svg"), std::string::npos);
  // Self-contained: no scripts, styles or fonts from elsewhere.
  EXPECT_EQ(page.find("src=\"http"), std::string::npos);
  EXPECT_EQ(page.find("<link"), std::string::npos);
  json events = arkiv_json({"timeline", "Zhuhai"})["events"];

  const std::string chromium = "/usr/bin/chromium";
  if (!fs::exists(chromium)) GTEST_SKIP() << "chromium is not installed (tools/install-deps installs it)";
  std::vector<std::string> flags = {chromium,        "--headless",         "--no-sandbox", "--disable-gpu",
                                    "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking",
                                    "--disable-component-update", "--disable-sync", "--user-data-dir=" + (dir / "chrome")};
  // The script ran and drew one mark per statement.
  std::vector<std::string> dump = flags;
  dump.push_back("--dump-dom");
  dump.push_back("file://" + (dir / "zhuhai.html"));
  RunResult dom = arkiv::test::run(dump);
  ASSERT_EQ(dom.status, 0) << dom.err;
  EXPECT_NE(dom.out.find("data-drawn=\"" + std::to_string(events.size()) + "\""), std::string::npos);
  std::size_t marks = 0;
  for (auto p = dom.out.find("class=\"event\""); p != std::string::npos; p = dom.out.find("class=\"event\"", p + 1))
    ++marks;
  EXPECT_EQ(marks, events.size());
  // And it looks like something: a screenshot with the bars drawn.
  std::vector<std::string> shot = flags;
  shot.push_back("--window-size=1280,900");
  shot.push_back("--screenshot=" + (dir / "zhuhai.png"));
  shot.push_back("file://" + (dir / "zhuhai.html"));
  RunResult png = arkiv::test::run(shot);
  ASSERT_EQ(png.status, 0) << png.err;
  std::string bytes = arkiv::test::read_file(dir / "zhuhai.png");
  ASSERT_GT(bytes.size(), 8u);
  EXPECT_EQ(bytes.substr(1, 3), "PNG");
  EXPECT_GT(bytes.size(), 20000u) << "a blank page compresses to a few KB";
}

// Issue 21: a record's text is data in the page, never markup or a
// placeholder. "__LIST__" in a sentence received the whole list again
// (3,000 dated sentences gave a 964 MB page), and "<!--<script>" in the
// JSON stopped the chart.
TEST_F(E2E, TimelineHtmlKeepsRecordTextAsData) {
  std::string text = "Protokoll\nDen 3 mars 2019 beslutade nämnden om __LIST__ och __DATA__ i Zhuhai.\n"
                     "Den 4 mars 2019 kom <!--<script> in i texten om Zhuhai.\n"
                     "Den 5 mars 2019 stod </script><b>fet</b> & annat om Zhuhai.\n";
  for (int i = 1; i <= 200; ++i) text += "Den " + std::to_string(i % 28 + 1) + " maj 2018 hölls möte " + std::to_string(i) + " om Zhuhai.\n";
  make_pdf("c/farlig.pdf", text);
  ASSERT_EQ(arkiv({"index", "c"}).status, 0);
  RunResult r = arkiv({"timeline", "Zhuhai", "--records", "10", "--html", "t.html"});
  ASSERT_EQ(r.status, 0) << r.err;
  json events = arkiv_json({"timeline", "Zhuhai", "--records", "10"})["events"];
  ASSERT_GE(events.size(), 200u);
  const std::string page = arkiv::test::read_file(dir / "t.html");
  // Linear: the list and the data, each event a few hundred bytes.
  EXPECT_LT(page.size(), 10000 + events.size() * 1000) << page.size();
  auto count = [&](const std::string& needle) {
    std::size_t n = 0;
    for (auto p = page.find(needle); p != std::string::npos; p = page.find(needle, p + 1)) ++n;
    return n;
  };
  EXPECT_EQ(count("<ol>"), 1u);
  EXPECT_EQ(count("</script>"), 2u);  // the data element's and the chart's own
  EXPECT_EQ(count("<!--"), 0u);
  EXPECT_NE(page.find("&lt;/script&gt;&lt;b&gt;fet&lt;/b&gt; &amp; annat"), std::string::npos);
  EXPECT_NE(page.find("om __LIST__ och __DATA__ i Zhuhai"), std::string::npos);

  const std::string chromium = "/usr/bin/chromium";
  if (!fs::exists(chromium)) GTEST_SKIP() << "chromium is not installed (tools/install-deps installs it)";
  RunResult dom = arkiv::test::run({chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                                    "--no-first-run", "--disable-background-networking", "--disable-component-update",
                                    "--disable-sync", "--user-data-dir=" + (dir / "chrome"), "--dump-dom",
                                    "file://" + (dir / "t.html")});
  ASSERT_EQ(dom.status, 0) << dom.err;
  EXPECT_NE(dom.out.find("data-drawn=\"" + std::to_string(events.size()) + "\""), std::string::npos);
}

// An attachment has its own kind and its role: the agreement attached as
// "Bilaga 1" is typ:avtal and i:bilagor, and typ:bilaga still finds it.
TEST_F(E2E, AnAttachedAgreementIsBothAgreementAndAttachment) {
  make_pdf("c/ks.pdf", "Protokoll Kommunstyrelsen\nSammanträdesdatum 2019-03-15\n§ 45 Förlängning av avtalet med "
                       "Zhuhai (bilaga 1).\n");
  make_pdf("c/Bilaga 1 Partnerskapsavtal.pdf", "Bilaga 1\nPartnerskapsavtal mellan Gävle kommun och Zhuhai\n"
                                               "Avtalet gäller i fem år.\n");
  ASSERT_EQ(arkiv({"index", "c"}).status, 0);
  auto paths = [&](std::vector<std::string> args) { return hit_paths(std::move(args)); };
  using V = std::vector<std::string>;
  const V attachment{"c/Bilaga 1 Partnerskapsavtal.pdf"};
  EXPECT_EQ(paths({"search", "Zhuhai typ:avtal"}), attachment);
  EXPECT_EQ(paths({"search", "Zhuhai type:agreement"}), attachment);
  EXPECT_EQ(paths({"search", "Zhuhai i:bilagor"}), attachment);
  EXPECT_EQ(paths({"search", "Zhuhai typ:bilaga"}), attachment);
  EXPECT_EQ(paths({"search", "Zhuhai typ:protokoll"}), (V{"c/ks.pdf"}));
  json show = arkiv_json({"show", "c/Bilaga 1 Partnerskapsavtal.pdf"});
  EXPECT_EQ(show["type"], "avtal");
  EXPECT_EQ(show["title"], "Bilaga 1 Partnerskapsavtal mellan Gävle kommun och Zhuhai");
}

// The real authority records in ../shared (skipped when absent): the
// title a reader recognises, the record date and its rule, the type.
TEST_F(E2E, RealAuthorityRecordsReadRight) {
  const fs::path real = fs::path(ARKIV_SOURCE_DIR) / ".." / "shared" / "data" / "realworld" / "swedish";
  if (!fs::exists(real / "rinfo_BFS-1987-4_bostadsstyrelsen.pdf"))
    GTEST_SKIP() << "no ../shared/data/realworld (only in the project's shared material)";
  const char* files[] = {"rinfo_BFS-1987-4_bostadsstyrelsen.pdf", "rinfo_HD_dom_T_170-08.pdf",
                         "ferenda_prop-1999-2000-17_custom-encoding.pdf", "ferenda_remissvar_kammarkollegiet.pdf",
                         "rinfo_SFS-2000_80.pdf", "rinfo_dir-2009_71.pdf", "rinfo_Ds-1998_10.pdf",
                         "rinfo_VervaFS-2007_2AR.pdf", "ferenda_nfs-2007-10_naturvardsverket.pdf",
                         "fst_FST_info_verksamhetsansvarig.pdf"};
  fs::create_directories(dir / "r");
  for (const char* f : files) fs::copy_file(real / f, fs::path(dir / "r") / f);
  ASSERT_EQ(arkiv({"index", "r"}).status, 0);
  struct {
    const char* file;
    const char* title;
    const char* date;
    const char* rule;
    const char* type;
  } cases[] = {
      {"rinfo_BFS-1987-4_bostadsstyrelsen.pdf",
       "Bostadsstyrelsens föreskrifter och information om ändring av föreskrifterna och informationen till "
       "förordningen (1983:1021) om tilläggslån för ombyggnad av bostadshus m m",
       "1987-01-15", "decided", "föreskrift"},
      {"rinfo_HD_dom_T_170-08.pdf", "Högsta domstolens dom i mål T 170-08: Överföring av mönsterregistrering",
       "2009-11-04", "decided", "dom"},
      {"ferenda_prop-1999-2000-17_custom-encoding.pdf",
       "Avtal mellan Sverige och Danmark om beskattning av anställda ombord på färjor och tåg m.m.", "1999-10-14",
       "signed", "proposition"},
      {"ferenda_remissvar_kammarkollegiet.pdf",
       "Remissvar gällande betänkandet En moderniserad reglering av handel med ädelmetallarbeten (SOU 2026:14)",
       "2026-06-24", "date-line", "remissvar"},
      {"rinfo_SFS-2000_80.pdf", "Förordning om ändring i rättsinformationsförordningen (1999:175)", "2000-02-24",
       "decided", "föreskrift"},
      {"rinfo_dir-2009_71.pdf", "Rätt till skolgång m.m. för barn som vistas i landet utan tillstånd", "2009-08-13",
       "decided", "kommittédirektiv"},
      {"rinfo_Ds-1998_10.pdf", "Ds 1998:10", "1998-02-17", "metadata", "ds"},
      {"rinfo_VervaFS-2007_2AR.pdf",
       "Vervas allmänna råd till föreskrift om statliga myndigheters arbete med säkert elektroniskt "
       "informationsutbyte, VERVAFS 2007:2",
       "2007-11-19", "published", "allmänna råd"},
      {"ferenda_nfs-2007-10_naturvardsverket.pdf",
       "Naturvårdsverkets föreskrifter och allmänna råd om inventering av björn, varg, järv, lodjur och kungsörn",
       nullptr, nullptr, "föreskrift"},
      {"fst_FST_info_verksamhetsansvarig.pdf",
       "Pröva och utvärdera FST på din myndighet – information till projektledare/verksamhetsansvarig", "2016-12-16",
       "date-line", "other"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.file);
    json show = arkiv_json({"show", std::string("r/") + c.file});
    EXPECT_EQ(show["title"], c.title);
    if (c.date) {
      EXPECT_EQ(show["record_date"], c.date);
    }
    if (c.rule) {
      EXPECT_EQ(show["record_date_rule"], c.rule);
    }
    EXPECT_EQ(show["type"], c.type);
  }
  json hits = arkiv_json({"search", "typ:föreskrift år:1987"});
  ASSERT_EQ(hits["hits"].size(), 1u);
  EXPECT_EQ(hits["hits"][0]["path"], "r/rinfo_BFS-1987-4_bostadsstyrelsen.pdf");
  EXPECT_EQ(arkiv_json({"search", "type:judgment"})["hits"].size(), 1u);
}

TEST_F(E2E, DateTypeAndCaseFilters) {
  make_pdf("c/ks-2019.pdf", "Protokoll Kommunstyrelsen\nSammanträdesdatum 2019-03-15\n§ 45 Dnr KS 2018/1123\n"
                            "Förlängning av partnerskapsavtal med Zhuhai.\n");
  make_pdf("c/tj-2018.pdf", "Tjänsteskrivelse\nDatum: 2018-11-02\nDiarienummer: KS-2018-1123\n"
                            "Förslag om förlängning av avtalet med Zhuhai.\n");
  make_pdf("c/avtal-2010.pdf", "Samarbetsavtal\nUndertecknat den 14 maj 2010\nAvtal mellan Gävle och Zhuhai.\n",
           {"--title", "Samarbetsavtal Gävle Zhuhai"});
  make_pdf("c/odaterad.pdf", "Minnesanteckningar om Zhuhai.\nBesöket i år var kort.\n", {"--date", "none"});
  ASSERT_EQ(arkiv({"index", "c"}).status, 0);

  auto paths = [&](std::vector<std::string> args) { return hit_paths(std::move(args)); };
  using V = std::vector<std::string>;
  EXPECT_EQ(paths({"search", "Zhuhai", "--sort", "date"}), (V{"c/avtal-2010.pdf", "c/tj-2018.pdf", "c/ks-2019.pdf",
                                                               "c/odaterad.pdf"}));
  EXPECT_EQ(paths({"search", "Zhuhai", "--sort", "-date"})[0], "c/ks-2019.pdf");
  EXPECT_EQ(paths({"search", "Zhuhai datum:2017..2020", "--sort", "date"}), (V{"c/tj-2018.pdf", "c/ks-2019.pdf"}));
  EXPECT_EQ(paths({"search", "Zhuhai date:2019-03..2019-03"}), (V{"c/ks-2019.pdf"}));
  EXPECT_EQ(paths({"search", "Zhuhai datum:..2011"}), (V{"c/avtal-2010.pdf"}));
  EXPECT_EQ(paths({"search", "Zhuhai år:2018"}), (V{"c/tj-2018.pdf"}));
  EXPECT_EQ(paths({"search", "Zhuhai typ:avtal"}), (V{"c/avtal-2010.pdf"}));
  EXPECT_EQ(paths({"search", "Zhuhai type:minutes"}), (V{"c/ks-2019.pdf"}));
  EXPECT_EQ(paths({"search", "dnr:KS-2018-01123", "--sort", "date"}), (V{"c/tj-2018.pdf", "c/ks-2019.pdf"}));
  EXPECT_EQ(paths({"search", "dnr:\"KS 2018/1123\" typ:protokoll"}), (V{"c/ks-2019.pdf"}));

  json c = arkiv_json({"case", "KS 2018/1123"});
  ASSERT_EQ(c["records"].size(), 2u);
  EXPECT_EQ(c["records"][0]["path"], "c/tj-2018.pdf");
  EXPECT_EQ(c["records"][0]["date"], "2018-11-02");
  EXPECT_EQ(c["records"][0]["type"], "tjänsteskrivelse");
  EXPECT_EQ(c["records"][1]["path"], "c/ks-2019.pdf");
  EXPECT_EQ(arkiv({"case", "KS 1999/1"}).status, 1);
  RunResult bad = arkiv({"search", "Zhuhai datum:igår..imorgon"});
  EXPECT_EQ(bad.status, 2) << bad.out;

  // "i år" in an undated record cannot be placed, and the timeline says so.
  json tl = arkiv_json({"timeline", "Zhuhai"});
  ASSERT_EQ(tl["unresolved"].size(), 1u);
  EXPECT_EQ(tl["unresolved"][0]["date_text"], "i år");
  EXPECT_EQ(tl["unresolved"][0]["path"], "c/odaterad.pdf");
  for (const auto& e : tl["events"]) EXPECT_NE(e["path"], "c/odaterad.pdf");

  json show = arkiv_json({"show", "c/ks-2019.pdf"});
  EXPECT_EQ(show["record_date"], "2019-03-15");
  EXPECT_EQ(show["record_date_rule"], "date-line");
  EXPECT_EQ(show["case_numbers"], json::array({"KS 2018/1123"}));
}

}  // namespace

// Issue 5: the actors of the seed record, every form of ICLD, aktör:.
TEST_F(E2E, ActorsOfTheSeedRecordInSwedishOrder) {
  copy_seed();
  make_pdf("corpus/samverkan.pdf", "Samverkan\nÖrebro kommun, Ängelholms kommun och Åtvidabergs kommun\n");
  ASSERT_EQ(arkiv({"index", "corpus"}).status, 0);
  json j = arkiv_json({"actors"});
  std::vector<std::string> names;
  for (const auto& a : j["actors"]) names.push_back(a["name"]);
  for (const char* want : {"Gävle kommun", "Zhuhai", "Högskolan i Gävle", "Jilin University Zhuhai College",
                           "Teknikparken", "Future Position X", "Movexum", "Vallbacksskolan"})
    EXPECT_NE(std::find(names.begin(), names.end(), want), names.end()) << want;
  // ICLD, UD, SKR, regeringen, Utrikespolitiska institutet, Kinacentrum and
  // EU by id: their canonical names are the gazetteer's.
  std::set<std::string> ids;
  for (const auto& a : j["actors"]) ids.insert(a["id"].get<std::string>());
  for (const char* want : {"internationellt-centrum-for-lokal-demokrati", "utrikesdepartementet",
                           "sveriges-kommuner-och-regioner", "regeringen", "utrikespolitiska-institutet",
                           "nationellt-kunskapscentrum-om-kina", "europeiska-unionen"})
    EXPECT_TRUE(ids.count(want)) << want;
  // Swedish order: Å, Ä, Ö after Z ("Zhuhai" before "Östersund" would be;
  // here: "Utrikesdepartementet" < "Vallbacksskolan" < "Zhuhai").
  auto pos = [&](const std::string& n) { return std::find(names.begin(), names.end(), n) - names.begin(); };
  EXPECT_LT(pos("Vallbacksskolan"), pos("Zhuhai"));
  EXPECT_LT(pos("Zhuhai"), pos("Åtvidabergs kommun"));
  EXPECT_LT(pos("Åtvidabergs kommun"), pos("Ängelholms kommun"));
  EXPECT_LT(pos("Ängelholms kommun"), pos("Örebro kommun"));
  EXPECT_EQ(pos("Örebro kommun") + 1, static_cast<long>(names.size()));
  for (const auto& a : j["actors"]) {
    EXPECT_GE(a["records"].get<int>(), 1);
    EXPECT_GE(a["mentions"].get<int>(), a["records"].get<int>());
    EXPECT_TRUE(a["aliases"].is_array());
  }
  // --type keeps one kind; an unknown type is a usage error.
  json unis = arkiv_json({"actors", "--type", "university"});
  for (const auto& a : unis["actors"]) EXPECT_EQ(a["type"], "universitet");
  EXPECT_GE(unis["actors"].size(), 2u);
  EXPECT_EQ(arkiv({"actors", "--type", "planet"}).status, 2);
  // CSV: a header and one row per actor.
  RunResult csv = arkiv({"actors", "--csv"});
  EXPECT_EQ(csv.status, 0);
  EXPECT_EQ(csv.out.rfind("id,name,type,records,mentions,aliases\n", 0), 0u);
  EXPECT_EQ(static_cast<std::size_t>(std::count(csv.out.begin(), csv.out.end(), '\n')), j["actors"].size() + 1);
}

TEST_F(E2E, RefsListsEveryFormOfIcldWithPageAndSentence) {
  copy_seed();
  ASSERT_EQ(arkiv({"index", "corpus"}).status, 0);
  json j = arkiv_json({"refs", "ICLD"});
  EXPECT_EQ(j["actor"]["id"], "internationellt-centrum-for-lokal-demokrati");
  std::vector<std::string> surfaces;
  for (const auto& m : j["mentions"]) {
    surfaces.push_back(m["surface"]);
    const std::string context = m["context"];
    // The sentence holds the mention where the highlight says.
    const std::size_t b = m["highlight"][0], e = m["highlight"][1];
    EXPECT_EQ(context.substr(b, e - b), m["surface"].get<std::string>());
    EXPECT_EQ(m["path"], "corpus/" + kSeedPdf);
    // The cited page's text has the mention.
    RunResult page = arkiv({"show", "corpus/" + kSeedPdf, "--page", std::to_string(m["page"].get<int>())});
    EXPECT_NE(page.out.find(m["surface"].get<std::string>().substr(0, 4)), std::string::npos);
  }
  // "ICLD-Internationellt Centrum för Lokal Demokrati" twice (pages 2 and
  // 3), "ICLD-finansiering", "ICLDs krav", "hänvisar till ICLD".
  EXPECT_EQ(std::count(surfaces.begin(), surfaces.end(), "ICLD-Internationellt Centrum för Lokal Demokrati"), 2);
  EXPECT_GE(std::count(surfaces.begin(), surfaces.end(), "ICLD"), 3);
  // In record, then page order.
  for (std::size_t i = 1; i < j["mentions"].size(); ++i)
    EXPECT_LE(j["mentions"][i - 1]["page"].get<int>(), j["mentions"][i]["page"].get<int>());
  // The spelled-out name and the id find the same actor.
  EXPECT_EQ(arkiv_json({"refs", "Internationellt", "Centrum", "för", "Lokal", "Demokrati"})["mentions"].size(),
            j["mentions"].size());
  // Text: the record, then "p. N: sentence"; an unknown actor exits 1.
  RunResult text = arkiv({"refs", "ICLD"});
  EXPECT_EQ(text.status, 0);
  EXPECT_NE(text.out.find("p. 3: SKR hänvisar till ICLD"), std::string::npos) << text.out;
  EXPECT_EQ(arkiv({"refs", "Ingen Sådan Aktör"}).status, 1);
  RunResult csv = arkiv({"refs", "ICLD", "--csv"});
  EXPECT_EQ(csv.out.rfind("path,page,date,surface,context\n", 0), 0u);
}

TEST_F(E2E, ActorFilterAndAliasSearch) {
  copy_seed();
  // A record that spells ICLD out but never writes the acronym, and one
  // that mentions neither.
  make_pdf("corpus/utskick.pdf", "Utskick\nInternationellt centrum för lokal demokrati bjuder in till seminarium.\n");
  make_pdf("corpus/annat.pdf", "Annat\nKommunstyrelsen beslutade om bredband.\n");
  ASSERT_EQ(arkiv({"index", "corpus"}).status, 0);
  auto paths = [&](const std::string& q) {
    std::vector<std::string> out;
    const json res = arkiv_json({"search", q}, -1);  // kept: a range-for over a temporary's member dangles
    for (const auto& h : res["hits"]) out.push_back(h["path"]);
    return out;
  };
  // aktör:FPX: the seed defines "Future Position X (FPX)".
  EXPECT_EQ(paths("aktör:FPX"), std::vector<std::string>{"corpus/" + kSeedPdf});
  EXPECT_EQ(paths("actor:FPX"), std::vector<std::string>{"corpus/" + kSeedPdf});
  // Free-text ICLD finds the spelled-out record too, after the one saying "ICLD".
  EXPECT_EQ(paths("ICLD"), (std::vector<std::string>{"corpus/" + kSeedPdf, "corpus/utskick.pdf"}));
  EXPECT_EQ(paths("aktör:ICLD").size(), 2u);
  // A filter narrows: only the seed mentions both ICLD and Movexum.
  EXPECT_EQ(paths("aktör:ICLD aktör:Movexum"), std::vector<std::string>{"corpus/" + kSeedPdf});
  // Hits of an actor filter cite the pages of the mentions.
  json hit = arkiv_json({"search", "aktör:Vallbacksskolan"})["hits"][0];
  EXPECT_EQ(hit["pages"], json::array({2}));
  // The actors of the matching records only.
  json a = arkiv_json({"actors", "seminarium"});
  ASSERT_EQ(a["actors"].size(), 1u);
  EXPECT_EQ(a["actors"][0]["id"], "internationellt-centrum-for-lokal-demokrati");
}

// Issue 4: attachments.
namespace {
const std::string kAttachments = std::string(ARKIV_SOURCE_DIR) + "/tests/data/attachments/";
}

// A folder of unrelated regulations, as authorities publish them: each has
// its own bilaga 1, so a "Bilaga 1" file belongs to the one its name ties
// it to (rinfo_LIVSFS-2006_22bil1.pdf), a "Bilaga 2" page belongs to its
// own record, embedded Distiller settings are no attachment, and a scan
// without a text layer is found by its title and path words.
TEST_F(E2E, FolderOfUnrelatedRecordsLinksByName) {
  make_pdf("regs/rinfo_LIVSFS-2006_22.pdf",
           "Livsmedelsverkets föreskrifter om bekämpningsmedelsrester\nLIVSFS 2006:22\n"
           "Gränsvärden finns i bilaga 1 och bilaga 2.\n\fAndra sidan om ikraftträdande.\n"
           "\fLIVSFS 2006:22\nBilaga 2\nTabell över särskilda gränsvärden\n");
  make_pdf("regs/rinfo_AFFS-2008_8.pdf",
           "Arbetsförmedlingens föreskrifter om arbetsmiljöuppgifter\nAFFS 2008:8\nFormulär finns i bilaga 1.\n");
  make_pdf("regs/rinfo_LIVSFS-2006_22bil1.pdf",
           "Bilaga 1 till LIVSFS 2006:22\nGränsvärden för bekämpningsmedelsrester i frukt\n");
  make_pdf("regs/skannad_RA-FS-2004_2.pdf", "", {"--blank-pages", "1", "--title", "Riksarkivets föreskrifter om gallring"});
  // Acrobat embeds Distiller's settings in the PDFs it makes.
  arkiv::test::write_file(dir / "RK Webboptimerad.joboptions",
                          "<<\n  /ASCII85EncodePages false\n  /AllowTransparency false\n>> setdistillerparams\n");
  RunResult q = arkiv::test::run({"/usr/bin/qpdf", "--add-attachment", dir / "RK Webboptimerad.joboptions",
                                  "--filename=RK Webboptimerad.joboptions", "--", dir / "regs/rinfo_AFFS-2008_8.pdf",
                                  dir / "affs.pdf"});
  ASSERT_EQ(q.status, 0) << q.err;
  fs::rename(dir / "affs.pdf", dir / "regs/rinfo_AFFS-2008_8.pdf");
  RunResult r = arkiv({"index", "regs"});
  EXPECT_EQ(r.status, 3) << r.err;  // the scan needs OCR
  EXPECT_NE(r.err.find("skannad_RA-FS-2004_2.pdf: no text layer"), std::string::npos) << r.err;

  // The bilaga file names its regulation; the other regulation's bilaga 1
  // is not it.
  json bil = arkiv_json({"show", "regs/rinfo_LIVSFS-2006_22bil1.pdf"});
  EXPECT_EQ(bil["attachment_number"], 1);
  ASSERT_TRUE(bil["parent"].is_object()) << bil.dump(2);
  EXPECT_EQ(bil["parent"]["path"], "regs/rinfo_LIVSFS-2006_22.pdf");
  json liv = arkiv_json({"show", "regs/rinfo_LIVSFS-2006_22.pdf"});
  ASSERT_EQ(liv["attachments"].size(), 2u) << liv.dump(2);
  EXPECT_EQ(liv["attachments"][0]["path"], "regs/rinfo_LIVSFS-2006_22bil1.pdf");
  EXPECT_EQ(liv["attachments"][0]["route"], "folder");
  EXPECT_EQ(liv["attachments"][1]["number"], 2);  // printed in it, from page 3
  EXPECT_EQ(liv["attachments"][1]["route"], "page");
  EXPECT_EQ(liv["attachments"][1]["page"], 3);
  EXPECT_EQ(liv["unresolved_attachments"], json::array());
  RunResult shown = arkiv({"show", "regs/rinfo_LIVSFS-2006_22.pdf"});
  EXPECT_NE(shown.out.find("Attachment 2: in this record, from page 3"), std::string::npos) << shown.out;

  // AFFS 2008:8: its bilaga 1 is nowhere; the settings inside it are
  // listed as a file that is no record, not as an attachment.
  json affs = arkiv_json({"show", "regs/rinfo_AFFS-2008_8.pdf"});
  EXPECT_EQ(affs["unresolved_attachments"], json::array({1}));
  ASSERT_EQ(affs["attachments"].size(), 1u) << affs.dump(2);
  EXPECT_EQ(affs["attachments"][0]["route"], "file");
  EXPECT_EQ(affs["attachments"][0]["number"], 0);
  EXPECT_EQ(affs["attachments"][0]["path"], "regs/rinfo_AFFS-2008_8.pdf!/RK Webboptimerad.joboptions");
  EXPECT_EQ(arkiv_json({"search", "setdistillerparams"}, 1)["total"], 0);

  // The scan: found by path and title words, reported as needing OCR.
  json scan = arkiv_json({"search", "path:skannad"});
  ASSERT_EQ(scan["total"], 1) << scan.dump(2);
  EXPECT_EQ(scan["hits"][0]["path"], "regs/skannad_RA-FS-2004_2.pdf");
  EXPECT_EQ(arkiv_json({"search", "gallring"})["hits"][0]["path"], "regs/skannad_RA-FS-2004_2.pdf");
  // Its number, from its file name, as a phrase.
  EXPECT_EQ(arkiv_json({"search", "RA-FS 2004:2"})["hits"][0]["path"], "regs/skannad_RA-FS-2004_2.pdf");
  EXPECT_EQ(arkiv_json({"show", "regs/skannad_RA-FS-2004_2.pdf"})["status"], "no-text");

  // The audit: AFFS's bilaga 1 missing, nothing about LIVSFS; the scan
  // needs OCR.
  json a = arkiv_json({"audit", "regs"}, 6);
  std::map<std::string, std::vector<std::string>> by_kind;
  for (const auto& f : a["findings"]) by_kind[f["kind"]].push_back(f["path"]);
  EXPECT_EQ(by_kind["missing-attachment"], std::vector<std::string>{"regs/rinfo_AFFS-2008_8.pdf"}) << a.dump(2);
  EXPECT_EQ(by_kind["no-text"], std::vector<std::string>{"regs/skannad_RA-FS-2004_2.pdf"});
  EXPECT_TRUE(by_kind["orphan-attachment"].empty()) << a.dump(2);
}

// The real folder of 45 authority PDFs (skipped without /work/shared):
// the links the issue found wrong, and the scans it promised.
TEST_F(E2E, RealFolderLinksOnlyWhatBelongsTogether) {
  const fs::path real = fs::path(ARKIV_SOURCE_DIR) / ".." / "shared" / "data" / "realworld" / "swedish";
  if (!fs::exists(real / "rinfo_LIVSFS-2006_22bil1.pdf")) GTEST_SKIP() << real << " is not here";
  fs::create_directories(dir / "sv");
  for (const auto& e : fs::directory_iterator(real))
    if (e.is_regular_file()) fs::copy_file(e.path(), dir / "sv" / e.path().filename());
  // Without OCR (its own test reads one page: tests/e2e/ocr_test.cc), so
  // the four scans need it.
  EXPECT_EQ(arkiv({"index", "sv", "--ocr", "never"}).status, 3);
  json bil = arkiv_json({"show", "sv/rinfo_LIVSFS-2006_22bil1.pdf"});
  ASSERT_TRUE(bil["parent"].is_object()) << bil.dump(2);
  EXPECT_EQ(bil["parent"]["path"], "sv/rinfo_LIVSFS-2006_22.pdf");
  // The Distiller settings in dir. 2017:29 are no attachment of anyone.
  json dir17 = arkiv_json({"show", "sv/ferenda_dir-2017-29.pdf"});
  ASSERT_EQ(dir17["attachments"].size(), 1u) << dir17.dump(2);
  EXPECT_EQ(dir17["attachments"][0]["route"], "file");
  EXPECT_EQ(dir17["attachments"][0]["path"], "sv/ferenda_dir-2017-29.pdf!/RK Webboptimerad.joboptions");
  for (const char* other : {"sv/rinfo_AFFS-2008_8.pdf", "sv/rinfo_EMFS-2011_39.pdf", "sv/rinfo_SJVFS-2009_26.pdf"}) {
    json o = arkiv_json({"show", other});
    for (const auto& a : o["attachments"]) EXPECT_EQ(a["route"], "page") << other << ": " << a.dump();
    EXPECT_EQ(o["unresolved_attachments"], json::array()) << other;
  }
  // AFFS 2008:8 prints bilagor 1-2 as its pages 3-4.
  json affs = arkiv_json({"show", "sv/rinfo_AFFS-2008_8.pdf"});
  ASSERT_EQ(affs["attachments"].size(), 2u) << affs.dump(2);
  EXPECT_EQ(affs["attachments"][0]["page"], 3);
  EXPECT_EQ(affs["attachments"][1]["page"], 4);
  // No missing attachment the audit reports is a page of its own record.
  json audit = arkiv_json({"audit", "sv"}, 6);
  std::size_t missing = 0;
  for (const auto& f : audit["findings"]) {
    if (f["kind"] != "missing-attachment") continue;
    ++missing;
    const std::string path = f["path"];
    const json rec = arkiv_json({"show", path});
    for (const auto& a : rec["attachments"])
      EXPECT_EQ(f["detail"].get<std::string>().find("bilaga " + std::to_string(a["number"].get<int>()) + ","),
                std::string::npos)
          << path;
  }
  // Nine that are really not in the folder (see the attach notes in the
  // README); two of them are prop. 1999/2000:17's "bilaga 1 och 2 till
  // denna lag", readable since its shifted font is decoded: the law's own
  // annexes, which the excerpt does not hold.
  EXPECT_LE(missing, 9u) << audit.dump(2);
  EXPECT_EQ(audit["summary"]["no-text"], 4);
  json scans = arkiv_json({"search", "path:scanned"});
  EXPECT_EQ(scans["total"], 4) << scans.dump(2);
  // A scan by the number in its file name.
  EXPECT_EQ(arkiv_json({"search", "prop 1991/92:43"})["hits"][0]["path"], "sv/ferenda_prop-1991-92-43_scanned.pdf");
}

// The issue's case: a decision that embeds one file, two "Bilaga N" files
// beside it (a DOCX and a Windows-1252 text file), and a reference to a
// bilaga 4 that does not exist.
TEST_F(E2E, CaseFolderLinksAttachmentsToTheirDecision) {
  make_pdf("arende/beslut.pdf",
           "Protokollsutdrag Kommunstyrelsen\nDatum: 2015-11-26\n§ 212 Förlängning av avtal med Zhuhai\n"
           "Kommunstyrelsen beslutar att förlänga avtalet (bilaga 1) enligt underlaget i bilaga 2.\n"
           "Se bilagorna 3-4 för sammanställningen.\n");
  fs::copy_file(kAttachments + "protokoll.docx", dir / "bilaga1.docx");
  RunResult q = arkiv::test::run({"/usr/bin/qpdf", "--add-attachment", dir / "bilaga1.docx",
                                  "--key=Bilaga 1 Avtal.docx", "--filename=Bilaga 1 Avtal.docx", "--",
                                  dir / "arende/beslut.pdf", dir / "beslut2.pdf"});
  ASSERT_EQ(q.status, 0) << q.err;
  fs::rename(dir / "beslut2.pdf", dir / "arende/beslut.pdf");
  fs::copy_file(kAttachments + "rapport.odt", dir / "arende/Bilaga 2 Underlag.odt");
  fs::copy_file(kAttachments + "anteckning-cp1252.txt", dir / "arende/bilaga_3_sammanstallning.txt");
  RunResult r = arkiv({"index", "arende"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("3 indexed"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("1 file found inside other files"), std::string::npos) << r.out;

  // Every attachment is searchable and names its decision, in JSON and text.
  const std::pair<const char*, const char*> hits[] = {
      {"Anna Andersson", "arende/beslut.pdf!/Bilaga 1 Avtal.docx"},  // embedded DOCX (its table)
      {"Lärarutbytet", "arende/Bilaga 2 Underlag.odt"},             // separate ODT
      {"Åtgärder", "arende/bilaga_3_sammanstallning.txt"},           // Windows-1252, typed as is
      {"åtgärder sammanställning", "arende/bilaga_3_sammanstallning.txt"},
  };
  for (const auto& [query, path] : hits) {
    json h = arkiv_json({"search", query})["hits"][0];
    EXPECT_EQ(h["path"], path) << query;
    ASSERT_TRUE(h["parent"].is_object()) << query;
    EXPECT_EQ(h["parent"]["path"], "arende/beslut.pdf") << query;
    EXPECT_EQ(h["parent"]["title"], "Protokollsutdrag Kommunstyrelsen") << query;
  }
  RunResult text = arkiv({"search", "Lärarutbytet"});
  EXPECT_NE(text.out.find("Attachment 2 to Protokollsutdrag Kommunstyrelsen"), std::string::npos) << text.out;
  RunResult sv = arkiv({"search", "Lärarutbytet"}, {{"LANG", "sv_SE.UTF-8"}});
  EXPECT_NE(sv.out.find("Bilaga 2 till Protokollsutdrag Kommunstyrelsen"), std::string::npos) << sv.out;

  // show on the decision: three attachments, and the missing bilaga 4.
  json d = arkiv_json({"show", "arende/beslut.pdf"});
  ASSERT_EQ(d["attachments"].size(), 3u) << d.dump(2);
  EXPECT_EQ(d["attachments"][0]["number"], 1);
  EXPECT_EQ(d["attachments"][0]["route"], "embedded");
  EXPECT_EQ(d["attachments"][1]["path"], "arende/Bilaga 2 Underlag.odt");
  EXPECT_EQ(d["attachments"][2]["path"], "arende/bilaga_3_sammanstallning.txt");
  EXPECT_EQ(d["unresolved_attachments"], json::array({4}));
  RunResult shown = arkiv({"show", "arende/beslut.pdf"});
  EXPECT_NE(shown.out.find("Attachment 4: referred to, but not found"), std::string::npos) << shown.out;
  // show on an attachment names its decision.
  json a = arkiv_json({"show", "arende/Bilaga 2 Underlag.odt"});
  EXPECT_EQ(a["parent"]["path"], "arende/beslut.pdf");
  EXPECT_EQ(a["attachment_number"], 2);

  // i:bilagor / i:beslut (in:attachments / in:decisions).
  auto paths = [&](const std::string& query) {
    std::set<std::string> out;
    const json res = arkiv_json({"search", query}, -1);  // kept: a range-for over a temporary's member dangles
    for (const auto& h : res["hits"]) out.insert(h["path"].get<std::string>());
    return out;
  };
  EXPECT_EQ(paths("Zhuhai i:beslut"), std::set<std::string>{"arende/beslut.pdf"});
  EXPECT_EQ(paths("Zhuhai in:decisions"), std::set<std::string>{"arende/beslut.pdf"});
  EXPECT_EQ(paths("Zhuhai i:bilagor"),
            (std::set<std::string>{"arende/beslut.pdf!/Bilaga 1 Avtal.docx", "arende/Bilaga 2 Underlag.odt",
                                   "arende/bilaga_3_sammanstallning.txt"}));
  EXPECT_EQ(arkiv({"search", "i:planeter"}).status, 2);
}

// Every format, and every route an attachment takes: embedded in a PDF,
// attached to an e-mail, a member of a ZIP (also nested).
TEST_F(E2E, EveryFormatIsSearchable) {
  fs::create_directories(dir / "a");
  for (const char* f : {"protokoll.docx", "rapport.odt", "aktiviteter.xlsx", "budget.ods", "anteckning-cp1252.txt",
                        "anteckning-latin1.txt", "anteckning-utf16.txt", "sida.html", "brev.eml", "arkiv.zip"})
    fs::copy_file(kAttachments + f, dir / (std::string("a/") + f));
  RunResult r = arkiv({"index", "a"});
  ASSERT_EQ(r.status, 0) << r.err;
  const std::pair<const char*, const char*> cases[] = {
      {"Parti", "a/protokoll.docx"},                 // DOCX table cell
      {"\"förlänga avtalet\"", "a/protokoll.docx"},   // DOCX paragraph
      {"Skolförvaltningen", "a/rapport.odt"},         // ODT
      {"Delegationsbesök", "a/aktiviteter.xlsx"},     // XLSX, sheet 1
      {"Översättning", "a/budget.ods"},               // ODS
      {"sammanställning", "a/anteckning-cp1252.txt"}, // Windows-1252
      {"Överenskommelse", "a/anteckning-latin1.txt"}, // ISO-8859-1
      {"vänortsföreningen", "a/anteckning-utf16.txt"},  // UTF-16 with BOM
      {"Kommunfullmäktige", "a/sida.html"},           // HTML (declared windows-1252)
      {"lärarutbyte", "a/brev.eml!/avtal-lararutbyte.pdf"},  // PDF attached to an e-mail
      {"djupfynd", "a/arkiv.zip!/handlingar/inre.zip!/inre/anteckning.txt"},  // ZIP in a ZIP
  };
  for (const auto& [query, path] : cases) {
    json hits = arkiv_json({"search", query}, -1)["hits"];
    std::set<std::string> got;
    for (const auto& h : hits) got.insert(h["path"].get<std::string>());
    EXPECT_TRUE(got.count(path)) << query << " -> " << hits.dump();
  }
  // What HTML hides is not text; e-mail headers are fields.
  EXPECT_EQ(arkiv({"search", "skriptord"}).status, 1);
  EXPECT_EQ(arkiv_json({"search", "från:anna"})["hits"][0]["path"], "a/brev.eml");
  EXPECT_EQ(arkiv_json({"search", "till:registrator"})["hits"][0]["path"], "a/brev.eml");
  json mail = arkiv_json({"show", "a/brev.eml"});
  EXPECT_EQ(mail["title"], "Svar angående vänortsavtalet");
  EXPECT_EQ(mail["record_date"], "2017-03-14");
  EXPECT_EQ(mail["type"], "e-post");
  EXPECT_EQ(mail["attachments"].size(), 2u);
  // The e-mail's attachment names the e-mail as its parent.
  json att = arkiv_json({"search", "lärarutbyte"})["hits"];
  for (const auto& h : att)
    if (h["path"] == "a/brev.eml!/avtal-lararutbyte.pdf") {
      EXPECT_EQ(h["parent"]["path"], "a/brev.eml");
    }
  // Changing a container replaces its members: the old ones are gone.
  fs::remove(dir / "a/arkiv.zip");
  fs::copy_file(kAttachments + "brev.eml", dir / "a/arkiv.zip");  // now an e-mail, named .zip
  ASSERT_EQ(arkiv({"index", "a"}).status, 0);
  EXPECT_EQ(arkiv({"search", "djupfynd"}).status, 1);
  fs::remove(dir / "a/arkiv.zip");
  ASSERT_EQ(arkiv({"index", "a"}).status, 0);
  const json left = arkiv_json({"search", "lärarutbyte"});
  for (const auto& h : left["hits"]) EXPECT_EQ(h["path"].get<std::string>().rfind("a/arkiv.zip", 0), std::string::npos);
}

// Bombs, deep nesting, passwords, truncation, wrong names: one line each,
// naming the file and the member, and the run goes on.
TEST_F(E2E, BadAttachmentsAreReportedAndTheRunGoesOn) {
  fs::create_directories(dir / "b");
  for (const char* f : {"bomb.zip", "djup.zip", "krypterad.zip", "avkortad.docx", "egentligen-docx.pdf", "rapport.odt"})
    fs::copy_file(kAttachments + f, dir / (std::string("b/") + f));
  RunResult r = arkiv({"index", "b"});
  EXPECT_EQ(r.status, 3) << r.err;
  const std::pair<const char*, const char*> lines[] = {
      {"arkiv: b/bomb.zip: skipped: too large", "ZIP bomb"},
      {"arkiv: b/djup.zip!/niva5.zip!/niva4.zip!/niva3.zip!/niva2.zip!/niva1.zip: skipped: too large", "levels"},
      {"arkiv: b/krypterad.zip!/_hemlig.txt: skipped: encrypted", ""},
      {"arkiv: b/avkortad.docx: skipped: corrupt or truncated", "word/document.xml"},
  };
  for (const auto& [line, detail] : lines) {
    std::size_t at = r.err.find(line);
    ASSERT_NE(at, std::string::npos) << line << "\n" << r.err;
    std::string rest = r.err.substr(at, r.err.find('\n', at) - at);
    EXPECT_NE(rest.find(detail), std::string::npos) << rest;
  }
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 4) << r.err;
  // A DOCX named .pdf is read as the DOCX it is; the good file is there.
  EXPECT_EQ(arkiv_json({"search", "Parti"})["hits"][0]["path"], "b/egentligen-docx.pdf");
  EXPECT_EQ(arkiv_json({"search", "Skolförvaltningen"})["hits"].size(), 1u);
}

// Issue 7: the audit on a copy of the sample corpus.
TEST_F(E2E, AuditFindsEachKindOfProblem) {
  fs::copy(std::string(ARKIV_SOURCE_DIR) + "/corpus", dir / "c", fs::copy_options::recursive);
  ASSERT_EQ(arkiv({"index", "c"}).status, 0);
  // Right after indexing: clean, also when every file is re-hashed.
  RunResult clean = arkiv({"audit", "c", "--verify"});
  EXPECT_EQ(clean.status, 0) << clean.out;
  EXPECT_NE(clean.out.find("No findings"), std::string::npos) << clean.out;
  // Change one byte of an attachment (same size, same mtime), delete a
  // file, add a duplicate and an image-only PDF (and index those two).
  const std::string b2 = "c/Bilaga 2 Underlag beslut förlängning 2015.txt";
  auto mtime = fs::last_write_time(dir / b2);
  std::string text = arkiv::test::read_file(dir / b2);
  text[10] = text[10] == 'x' ? 'y' : 'x';
  arkiv::test::write_file(dir / b2, text);
  fs::last_write_time(dir / b2, mtime);
  fs::remove(dir / "c/Bilaga 1 Partnerskapsavtal Gävle-Zhuhai.docx");
  fs::copy_file(dir / ("c/" + kSeedPdf), dir / "c/kopia.pdf");
  make_pdf("c/skannad.pdf", "", {"--blank-pages", "2"});
  ASSERT_EQ(arkiv({"index", "c/kopia.pdf", "c/skannad.pdf"}).status, 3);  // skannad.pdf: no text
  // The quick audit trusts size and mtime, so it misses the changed byte.
  json quick = arkiv_json({"audit", "c"}, 5);
  EXPECT_EQ(quick["summary"]["changed"], 0);
  json j = arkiv_json({"audit", "c", "--verify"}, 5);
  std::map<std::string, std::vector<std::string>> by_kind;
  for (const auto& f : j["findings"]) by_kind[f["kind"]].push_back(f["path"]);
  EXPECT_EQ(by_kind["changed"], std::vector<std::string>{b2});
  EXPECT_EQ(by_kind["missing"], std::vector<std::string>{"c/Bilaga 1 Partnerskapsavtal Gävle-Zhuhai.docx"});
  EXPECT_EQ(by_kind["duplicate"], std::vector<std::string>{"c/kopia.pdf"});  // the later copy
  EXPECT_EQ(by_kind["no-text"], std::vector<std::string>{"c/skannad.pdf"});
  EXPECT_EQ(by_kind.size(), 4u) << j.dump(2);
  EXPECT_EQ(j["summary"]["verified"], 6);  // the files on disk
  EXPECT_EQ(j["summary"]["fixity_failed"], true);
  for (const auto& f : j["findings"]) EXPECT_FALSE(f["detail"].get<std::string>().empty());
  // CSV: a header and a row per finding; text: a line per finding.
  RunResult csv = arkiv({"audit", "c", "--verify", "--csv"});
  EXPECT_EQ(csv.status, 5);
  EXPECT_EQ(csv.out.rfind("kind,path,detail\n", 0), 0u);
  EXPECT_EQ(std::count(csv.out.begin(), csv.out.end(), '\n'), 5);
  // Attachments: a referred-to bilaga with no record, and a bilaga nobody
  // refers to.
  fs::create_directories(dir / "d");
  make_pdf("d/beslut.pdf", "Beslut\nSe bilaga 1 och bilaga 5.\n");
  make_pdf("d/Bilaga 1 Avtal.pdf", "Bilaga 1\nAvtal\n");
  make_pdf("d/Bilaga 7 Karta.pdf", "Bilaga 7\nKarta\n");
  fs::create_directories(dir / "d/ny");
  make_pdf("d/ny/oindexerad.pdf", "Ny handling\n");
  ASSERT_EQ(arkiv({"index", "d/beslut.pdf", "d/Bilaga 1 Avtal.pdf", "d/Bilaga 7 Karta.pdf"}).status, 0);
  json att = arkiv_json({"audit", "d"}, 6);
  std::map<std::string, std::string> kinds;
  for (const auto& f : att["findings"]) kinds[f["kind"]] = f["path"];
  EXPECT_EQ(kinds["missing-attachment"], "d/beslut.pdf");
  EXPECT_EQ(kinds["orphan-attachment"], "d/Bilaga 7 Karta.pdf");
  EXPECT_EQ(kinds["new"], "d/ny/oindexerad.pdf");
  EXPECT_EQ(att["findings"].size(), 3u) << att.dump(2);
}

// Issue 23: `arkiv --index X audit` run from another folder, and `arkiv
// audit /nonexistent`, both said "0 files on disk, 0 records checked ...
// No findings" (exit 0): the audit checked corpus/ of the folder it ran
// in. With no path it checks what the index was built from, wherever it
// runs; a path that is not there is an error, as is nothing to check.
TEST_F(E2E, AuditWithoutAPathChecksWhatWasIndexedWhereverItRuns) {
  fs::create_directories(dir / "arkivet/a");
  fs::create_directories(dir / "elsewhere");
  arkiv::test::write_file(dir / "arkivet/a/beslut.txt", decision(1));
  arkiv::test::write_file(dir / "arkivet/a/avtal.txt", decision(2));
  arkiv::test::write_file(dir / "lose.txt", decision(3));
  ASSERT_EQ(arkiv({"index", "arkivet", "lose.txt"}).status, 0);
  ASSERT_EQ(arkiv({"index", "arkivet/a"}).status, 0);  // below a source: adds none
  fs::remove(dir / "arkivet/a/avtal.txt");
  arkiv::test::write_file(dir / "arkivet/a/ny.txt", decision(4));

  // In the folder it was indexed from: paths as they were given.
  json here = arkiv_json({"audit"}, 5);
  EXPECT_EQ(here["summary"]["files_on_disk"], 3);
  EXPECT_EQ(here["summary"]["records"], 3);
  std::map<std::string, std::string> kinds;
  for (const auto& f : here["findings"]) kinds[f["kind"]] = f["path"];
  EXPECT_EQ(kinds, (std::map<std::string, std::string>{{"missing", "arkivet/a/avtal.txt"}, {"new", "arkivet/a/ny.txt"}}));

  // From another folder, with the index named: the same files, by their
  // absolute paths.
  arkiv::test::RunOptions o;
  o.cwd = dir / "elsewhere";
  o.env = {{"LANG", "C.UTF-8"}, {"NO_COLOR", "1"}};
  o.unset = {"LC_ALL", "LC_MESSAGES", "ARKIV_INDEX"};
  RunResult away = arkiv::test::run({ARKIV_BIN, "--index", dir / "index", "audit"}, o);
  EXPECT_EQ(away.status, 5) << away.out << away.err;
  EXPECT_NE(away.out.find("missing: " + dir / "arkivet/a/avtal.txt" + ": in the index"), std::string::npos)
      << away.out;
  EXPECT_NE(away.out.find("3 files on disk, 3 records checked"), std::string::npos) << away.out;

  // A path that is not there and holds no record: an error, not "no findings".
  RunResult none = arkiv({"audit", "/nonexistent"});
  EXPECT_EQ(none.status, 2);
  EXPECT_EQ(none.out, "");
  EXPECT_NE(none.err.find("/nonexistent: no such file or folder, and no record of the index lies there"),
            std::string::npos) << none.err;
  // A file gone from disk, named: its record is missing, not an error.
  EXPECT_EQ(arkiv({"audit", "arkivet/a/avtal.txt"}).status, 5);
  // A folder with nothing to check is not "every record is there".
  fs::create_directories(dir / "tom");
  RunResult empty = arkiv({"audit", "tom"});
  EXPECT_EQ(empty.status, 2);
  EXPECT_NE(empty.err.find("nothing to check: tom holds no file arkiv reads and no record of the index"),
            std::string::npos) << empty.err;
  RunResult sv = arkiv({"audit", "tom"}, {{"LANG", "sv_SE.UTF-8"}});
  EXPECT_EQ(sv.status, 2);
  EXPECT_NE(sv.err.find("inget att kontrollera"), std::string::npos) << sv.err;
  // An index that does not record its sources (as an older arkiv wrote
  // it): the audit asks for a path.
  {
    Xapian::WritableDatabase db(dir / "index", Xapian::DB_OPEN);
    db.set_metadata("arkiv:sources", "");
    db.commit();
  }
  RunResult unknown = arkiv({"audit"});
  EXPECT_EQ(unknown.status, 2);
  EXPECT_NE(unknown.err.find("the index does not record which files and folders it was built from"), std::string::npos)
      << unknown.err;
}

// Issue 23: `audit --verify` reported a changed file (exit 5), then
// `arkiv index` said "1 updated" and the next audit "No findings": the
// SHA-256 the file was ingested with was gone. Now the index run says it
// read changed content, the record's history keeps both SHA-256s, and
// the audit reports the change until an archivist accepts it, which is
// an event of its own; `show --json` lists the events, `show --premis`
// gives them as PREMIS.
TEST_F(E2E, ATamperedFileStaysAFindingAfterReindexUntilAccepted) {
  fs::create_directories(dir / "c");
  arkiv::test::write_file(dir / "c/avtal.txt", decision(1));
  arkiv::test::write_file(dir / "c/annat.txt", decision(2));
  ASSERT_EQ(arkiv({"index", "c"}).status, 0);
  const std::string ingested = arkiv_json({"show", "c/avtal.txt"})["sha256"];
  arkiv::test::write_file(dir / "c/avtal.txt", decision(1, "Beloppet ändrat i efterhand.\n"));
  EXPECT_EQ(arkiv({"audit", "--verify"}).status, 5);

  RunResult idx = arkiv({"index", "c"});
  EXPECT_EQ(idx.status, 0) << idx.err;
  EXPECT_NE(idx.out.find("1 updated"), std::string::npos) << idx.out;
  EXPECT_NE(idx.out.find("changed content: 1, see `arkiv audit`"), std::string::npos) << idx.out;
  const std::string now = arkiv_json({"show", "c/avtal.txt"})["sha256"];
  ASSERT_NE(now, ingested);

  // Still reported, quick or verified, with the original SHA-256.
  for (const char* mode : {"--json", "--verify"}) {
    SCOPED_TRACE(mode);
    RunResult a = arkiv({"audit", mode});
    EXPECT_EQ(a.status, 5) << a.out;
    EXPECT_NE(a.out.find(ingested), std::string::npos) << a.out;
  }
  json a = arkiv_json({"audit"}, 5);
  ASSERT_EQ(a["findings"].size(), 1u) << a.dump(2);
  EXPECT_EQ(a["findings"][0]["kind"], "changed");
  EXPECT_EQ(a["findings"][0]["path"], "c/avtal.txt");
  EXPECT_NE(a["findings"][0]["detail"].get<std::string>().find("SHA-256 " + ingested + " before, " + now + " now"),
            std::string::npos);
  // A second index run changes nothing of that.
  EXPECT_EQ(arkiv({"index", "c"}).status, 0);
  EXPECT_EQ(arkiv({"audit"}).status, 5);

  // Accepting: only a file with a change; then the audit is clean.
  RunResult wrong = arkiv({"audit", "--accept", "c/annat.txt"});
  EXPECT_EQ(wrong.status, 2);
  EXPECT_NE(wrong.err.find("c/annat.txt: no content change to accept"), std::string::npos) << wrong.err;
  RunResult ok = arkiv({"audit", "--accept", "c/avtal.txt", "--note", "Ny version från nämnden"}, {{"USER", "arkivarie"}});
  EXPECT_EQ(ok.status, 0) << ok.err;
  EXPECT_EQ(ok.out, "c/avtal.txt: changes accepted\n");
  RunResult clean = arkiv({"audit", "--verify"});
  EXPECT_EQ(clean.status, 0) << clean.out;

  // The history, oldest first.
  json shown = arkiv_json({"show", "c/avtal.txt"});
  const json& ev = shown["events"];
  ASSERT_EQ(ev.size(), 3u) << ev.dump(2);
  EXPECT_EQ(ev[0]["type"], "ingested");
  EXPECT_EQ(ev[0]["sha256"], ingested);
  EXPECT_EQ(ev[1]["type"], "content-changed");
  EXPECT_EQ(ev[1]["before"], ingested);
  EXPECT_EQ(ev[1]["sha256"], now);
  EXPECT_EQ(ev[2]["type"], "changes-accepted");
  EXPECT_EQ(ev[2]["detail"], "accepted by arkivarie: Ny version från nämnden");
  for (const auto& e : ev) EXPECT_EQ(e["at"].get<std::string>().size(), 24u) << e.dump();  // 2026-12-05T07:04:00.123Z
  RunResult text = arkiv({"show", "c/avtal.txt"});
  EXPECT_NE(text.out.find("History:\n"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("content changed: SHA-256 " + ingested + " before, " + now + " after"), std::string::npos);
  RunResult sv = arkiv({"show", "c/avtal.txt"}, {{"LANG", "sv_SE.UTF-8"}});
  EXPECT_NE(sv.out.find("Historik:\n"), std::string::npos) << sv.out;
  EXPECT_NE(sv.out.find("innehållet ändrat: SHA-256 " + ingested), std::string::npos) << sv.out;

  // PREMIS: one event per entry, well-formed XML.
  RunResult premis = arkiv({"show", "c/avtal.txt", "--premis"});
  EXPECT_EQ(premis.status, 0);
  EXPECT_EQ(premis.out.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<premis:premis ", 0), 0u) << premis.out;
  std::size_t events = 0;
  for (std::size_t at = 0; (at = premis.out.find("<premis:event>", at)) != std::string::npos; ++at) ++events;
  EXPECT_EQ(events, 3u);
  EXPECT_NE(premis.out.find("<premis:eventType>fixity check</premis:eventType>"), std::string::npos);
  EXPECT_NE(premis.out.find("<premis:messageDigest>" + now + "</premis:messageDigest>"), std::string::npos);
  if (fs::exists("/usr/bin/xmllint")) {
    arkiv::test::write_file(dir / "premis.xml", premis.out);
    RunResult lint = arkiv::test::run({"/usr/bin/xmllint", "--noout", dir / "premis.xml"}, {});
    EXPECT_EQ(lint.status, 0) << lint.err;
  }
}

// Issue 23: which copy is "the duplicate" changed between identical runs
// with more threads (the record written first was the original, and
// threads finish in any order). Now the original is the copy ingested by
// the earliest run, then the first by path: the same on one thread or
// four, and a copy added by a later run is the duplicate wherever it
// sorts.
TEST_F(E2E, DuplicatesAreTheSameWhateverTheThreads) {
  fs::create_directories(dir / "c");
  for (const char* name : {"c/m.txt", "c/b.txt", "c/x.txt", "c/e.txt", "c/a.txt"})
    arkiv::test::write_file(dir / name, decision(7));
  for (int i = 0; i < 12; ++i) arkiv::test::write_file(dir / ("c/f" + std::to_string(i) + ".txt"), decision(i + 20));
  auto duplicates = [&] {
    std::vector<std::string> d;
    const json a = arkiv_json({"audit"}, 6);
    for (const auto& f : a["findings"])
      if (f["kind"] == "duplicate") d.push_back(f["path"].get<std::string>() + " <- " + f["detail"].get<std::string>());
    std::sort(d.begin(), d.end());
    return d;
  };
  const std::vector<std::string> expected = {
      "c/b.txt <- same content as c/a.txt", "c/e.txt <- same content as c/a.txt",
      "c/m.txt <- same content as c/a.txt", "c/x.txt <- same content as c/a.txt"};
  for (const char* threads : {"1", "4", "2"}) {
    SCOPED_TRACE(threads);
    fs::remove_all(dir / "index");
    ASSERT_EQ(arkiv({"index", "c", "--threads", threads, "--batch", "2"}).status, 0);
    EXPECT_EQ(duplicates(), expected);
  }
  arkiv::test::write_file(dir / "c/0.txt", decision(7));  // a later copy, first by name
  ASSERT_EQ(arkiv({"index", "c"}).status, 0);
  std::vector<std::string> later = expected;
  later.insert(later.begin(), "c/0.txt <- same content as c/a.txt");
  EXPECT_EQ(duplicates(), later);
}

// Issue 23: a folder renamed was "missing" plus "new", exit 5, even with
// --verify. The same content at a new path is one finding, "moved from
// X", exit 7; `arkiv index` moves the record, which keeps its history
// (with a "moved" event) and its place as the original of duplicates.
TEST_F(E2E, AFolderRenamedIsMovedNotMissingAndNew) {
  fs::create_directories(dir / "arkiv/2015");
  arkiv::test::write_file(dir / "arkiv/2015/avtal.txt", decision(1));
  arkiv::test::write_file(dir / "arkiv/2015/beslut.txt", decision(2));
  ASSERT_EQ(arkiv({"index", "arkiv"}).status, 0);
  const std::string sha = arkiv_json({"show", "arkiv/2015/avtal.txt"})["sha256"];
  arkiv::test::write_file(dir / "arkiv/kopia.txt", decision(1));  // a later copy: a duplicate
  ASSERT_EQ(arkiv({"index", "arkiv"}).status, 0);
  fs::rename(dir / "arkiv/2015", dir / "arkiv/2015-avslutade");

  for (bool verify : {false, true}) {
    SCOPED_TRACE(verify);
    std::vector<std::string> args = {"audit"};
    if (verify) args.push_back("--verify");
    RunResult a = arkiv(args);
    EXPECT_EQ(a.status, 7) << a.out;
    EXPECT_NE(a.out.find("moved: arkiv/2015-avslutade/avtal.txt: moved from arkiv/2015/avtal.txt, the same content "
                         "(SHA-256 " + sha + ")"),
              std::string::npos)
        << a.out;
    EXPECT_EQ(a.out.find("missing"), std::string::npos) << a.out;
    EXPECT_EQ(a.out.find("new (not indexed)"), std::string::npos) << a.out;
  }
  json a = arkiv_json({"audit"}, 7);
  EXPECT_EQ(a["summary"]["moved"], 2);

  RunResult idx = arkiv({"index", "arkiv"});
  EXPECT_EQ(idx.status, 0) << idx.err;
  EXPECT_NE(idx.out.find("0 indexed, 1 unchanged, 0 updated, 0 removed"), std::string::npos) << idx.out;
  EXPECT_NE(idx.out.find("moved: arkiv/2015/avtal.txt -> arkiv/2015-avslutade/avtal.txt"), std::string::npos)
      << idx.out;
  json shown = arkiv_json({"show", "arkiv/2015-avslutade/avtal.txt"});
  const json& ev = shown["events"];
  ASSERT_EQ(ev.size(), 2u) << ev.dump(2);
  EXPECT_EQ(ev[0]["type"], "ingested");
  EXPECT_EQ(ev[1]["type"], "moved");
  EXPECT_EQ(ev[1]["detail"], "arkiv/2015/avtal.txt");
  EXPECT_EQ(arkiv({"show", "arkiv/2015/avtal.txt"}).status, 1);  // no record at the old path
  // Still the original; the copy made later is the duplicate.
  json after = arkiv_json({"audit"}, 6);
  ASSERT_EQ(after["findings"].size(), 1u) << after.dump(2);
  EXPECT_EQ(after["findings"][0]["kind"], "duplicate");
  EXPECT_EQ(after["findings"][0]["path"], "arkiv/kopia.txt");
  EXPECT_EQ(after["findings"][0]["detail"], "same content as arkiv/2015-avslutade/avtal.txt");
  EXPECT_NE(arkiv({"show", "arkiv/2015-avslutade/avtal.txt", "--premis"}).out.find(
                "<premis:eventType>filename change</premis:eventType>"),
            std::string::npos);
}

// A run killed after it found a folder renamed and before the batch that
// moves its records was committed keeps the records at their old paths:
// the next run finds the move again. Removed first, the link was lost and
// the files came back "ingested" with no history.
TEST_F(E2E, AMoveKilledHalfwayIsFoundAgainByTheNextRun) {
  fs::create_directories(dir / "arkiv/2015");
  arkiv::test::write_file(dir / "arkiv/2015/avtal.txt", decision(1));
  arkiv::test::write_file(dir / "arkiv/2015/beslut.txt", decision(2));
  arkiv::test::write_file(dir / "arkiv/gallrad.txt", decision(3, "Gallras efter tio år.\n"));
  ASSERT_EQ(arkiv({"index", "arkiv"}).status, 0);
  fs::rename(dir / "arkiv/2015", dir / "arkiv/2015-avslutade");
  fs::remove(dir / "arkiv/gallrad.txt");  // gone, no file of its size is new: removed at once

  RunResult killed = arkiv({"index", "arkiv", "--threads", "1"}, {{"ARKIV_FAULT", "index.extracted:1"}});
  ASSERT_EQ(killed.status, 128 + SIGKILL) << killed.err;
  EXPECT_EQ(arkiv({"show", "arkiv/2015/avtal.txt"}).status, 0);  // kept until its move is committed
  EXPECT_EQ(arkiv({"show", "arkiv/gallrad.txt"}).status, 1);
  json a = arkiv_json({"audit"}, 7);
  EXPECT_EQ(a["summary"]["moved"], 2) << a.dump(2);

  json idx = arkiv_json({"index", "arkiv", "--threads", "1"});
  EXPECT_EQ(idx["indexed"], 0) << idx.dump(2);
  EXPECT_EQ(idx["removed"], 0) << idx.dump(2);
  EXPECT_EQ(idx["moved"].size(), 2u) << idx.dump(2);
  json shown = arkiv_json({"show", "arkiv/2015-avslutade/avtal.txt"});
  const json& ev = shown["events"];
  ASSERT_EQ(ev.size(), 2u) << ev.dump(2);
  EXPECT_EQ(ev[0]["type"], "ingested");
  EXPECT_EQ(ev[1]["type"], "moved");
  EXPECT_EQ(arkiv({"show", "arkiv/2015/avtal.txt"}).status, 1);
  EXPECT_EQ(arkiv_json({"stats"})["records"], 2);
  EXPECT_EQ(arkiv({"audit"}).status, 0);
}

TEST_F(E2E, ManifestWrittenAndChecked) {
  fs::copy(std::string(ARKIV_SOURCE_DIR) + "/corpus", dir / "c", fs::copy_options::recursive);
  json m = arkiv_json({"manifest", "c"});
  EXPECT_EQ(m["files"], 5);  // the seed, three bilagor and the e-mail
  std::string manifest = arkiv::test::read_file(dir / "c/manifest-sha256.txt");
  // BagIt: "<sha256>  <path>", sorted; the same sums as sha256sum's.
  EXPECT_NE(manifest.find("  uppfoljning-partnerskap-zhuhai-2016-2020.pdf\n"), std::string::npos);
  RunResult sums = arkiv::test::run({"/usr/bin/sha256sum", "-c", "manifest-sha256.txt"}, {dir / "c", {}, {}});
  EXPECT_EQ(sums.status, 0) << sums.out << sums.err;
  EXPECT_EQ(arkiv({"audit", "--manifest", "c/manifest-sha256.txt"}).status, 0);
  arkiv::test::write_file(dir / "c/Bilaga 2 Underlag beslut förlängning 2015.txt", "ändrad\n");
  fs::remove(dir / ("c/" + kSeedPdf));
  arkiv::test::write_file(dir / "c/ny.txt", "ny\n");
  json j = arkiv_json({"audit", "--manifest", "c/manifest-sha256.txt"}, 5);
  std::map<std::string, std::string> kinds;
  for (const auto& f : j["findings"]) kinds[f["kind"]] = f["path"];
  EXPECT_EQ(kinds, (std::map<std::string, std::string>{
                       {"changed", "Bilaga 2 Underlag beslut förlängning 2015.txt"},
                       {"missing", kSeedPdf},
                       {"new", "ny.txt"}}));
  arkiv::test::write_file(dir / "bad.txt", "not a manifest\n");
  RunResult bad = arkiv({"audit", "--manifest", "bad.txt"});
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.err.find("bad.txt:1"), std::string::npos) << bad.err;
}

// Issue item 6: a manifest arkiv wrote is never a record. Before, the second
// `index` made manifest-sha256.txt a record typed "avtal" and the next audit
// failed on it. And a manifest can be written elsewhere (a read-only share).
TEST_F(E2E, ManifestIsNeverIndexedAndCanBeWrittenElsewhere) {
  make_pdf("c/avtal.pdf", "Samarbetsavtal\nUndertecknat den 14 maj 2010\nAvtal mellan Gävle och Zhuhai.\n");
  arkiv::test::write_file(dir / "c/anteckning.txt", "Minnesanteckning om avtalet med Zhuhai.\n");
  ASSERT_EQ(arkiv({"index", "c"}).status, 0);
  ASSERT_EQ(arkiv({"manifest", "c"}).status, 0);
  ASSERT_TRUE(fs::exists(dir / "c/manifest-sha256.txt"));
  RunResult again = arkiv({"index", "c"});
  EXPECT_EQ(again.status, 0) << again.err;
  EXPECT_EQ(arkiv({"show", "c/manifest-sha256.txt"}).status, 1);
  json hits = arkiv_json({"search", "typ:avtal"}, -1);
  for (const auto& h : hits["hits"]) EXPECT_NE(h["path"], "c/manifest-sha256.txt");
  RunResult audit = arkiv({"audit", "c"});
  EXPECT_EQ(audit.status, 0) << audit.out;
  EXPECT_NE(audit.out.find("No findings"), std::string::npos) << audit.out;
  RunResult sv = arkiv({"audit", "c"}, {{"LANG", "sv_SE.UTF-8"}});
  EXPECT_EQ(sv.status, 0);
  EXPECT_NE(sv.out.find("Inga fynd"), std::string::npos) << sv.out;

  // --output: the folder is left as it is; audit --manifest FILE DIR checks it.
  fs::remove(dir / "c/manifest-sha256.txt");
  fs::create_directories(dir / "utanfor");
  RunResult m = arkiv({"manifest", "c", "--output", "utanfor/c.sha256"});
  EXPECT_EQ(m.status, 0) << m.err;
  EXPECT_NE(m.out.find("utanfor/c.sha256: 2 files listed"), std::string::npos) << m.out;
  EXPECT_FALSE(fs::exists(dir / "c/manifest-sha256.txt"));
  EXPECT_EQ(arkiv({"audit", "--manifest", "utanfor/c.sha256", "c"}).status, 0);
  arkiv::test::write_file(dir / "c/anteckning.txt", "Ändrad i efterhand.\n");
  RunResult changed = arkiv({"audit", "--manifest", "utanfor/c.sha256", "c"});
  EXPECT_EQ(changed.status, 5);
  EXPECT_NE(changed.out.find("changed (fixity): anteckning.txt: SHA-256 differs"), std::string::npos) << changed.out;
  RunResult changed_sv = arkiv({"audit", "--manifest", "utanfor/c.sha256", "c"}, {{"LANG", "sv_SE.UTF-8"}});
  EXPECT_EQ(changed_sv.status, 5);
  EXPECT_NE(changed_sv.out.find("ändrad (fixitet): anteckning.txt"), std::string::npos) << changed_sv.out;
}

// `arkiv bag`: a case, a query's records and a folder, each a valid bag;
// a tampered bag fails naming the file, in English and in Swedish.
TEST_F(E2E, BagOfCaseQueryAndFolderValidates) {
  make_pdf("c/ks-2019.pdf", "Protokoll Kommunstyrelsen\nSammanträdesdatum 2019-03-15\n§ 45 Dnr KS 2018/1123\n"
                            "Förlängning av partnerskapsavtal med Zhuhai.\n");
  make_pdf("c/tj-2018.pdf", "Tjänsteskrivelse\nDatum: 2018-11-02\nDiarienummer: KS-2018-1123\n"
                            "Förslag om förlängning av avtalet med Zhuhai.\n");
  make_pdf("c/avtal-2010.pdf", "Samarbetsavtal\nUndertecknat den 14 maj 2010\nAvtal mellan Gävle och Zhuhai.\n",
           {"--title", "Samarbetsavtal Gävle Zhuhai"});
  ASSERT_EQ(arkiv({"index", "c"}).status, 0);

  auto payload = [&](const std::string& bag) {
    std::set<std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(dir / (bag + "/data")))
      if (e.is_regular_file()) out.insert(fs::relative(e.path(), dir / (bag + "/data")).generic_string());
    return out;
  };
  using S = std::set<std::string>;

  RunResult cs = arkiv({"bag", "ut/case", "--case", "KS 2018/1123", "--source-organization", "Gävle kommun"});
  EXPECT_EQ(cs.status, 0) << cs.err;
  EXPECT_NE(cs.out.find("ut/case: bag written, 2 files"), std::string::npos) << cs.out;
  EXPECT_EQ(payload("ut/case"), (S{"c/ks-2019.pdf", "c/tj-2018.pdf"}));
  std::string info = arkiv::test::read_file(dir / "ut/case/bag-info.txt");
  EXPECT_NE(info.find("Source-Organization: Gävle kommun\n"), std::string::npos) << info;
  EXPECT_NE(info.find("External-Description: Records of case KS 2018/1123 (arkiv case)\n"), std::string::npos);
  EXPECT_NE(info.find("Bag-Software-Agent: arkiv "), std::string::npos);
  RunResult ok = arkiv({"bag", "--validate", "ut/case"});
  EXPECT_EQ(ok.status, 0) << ok.err;
  EXPECT_NE(ok.out.find("ut/case: valid bag (BagIt 1.0): 2 payload files, 12 checksums verified (sha256, sha512)"),
            std::string::npos)
      << ok.out;
  EXPECT_EQ(ok.err, "");
  // The same sums as sha256sum's.
  RunResult sums = arkiv::test::run({"/usr/bin/sha256sum", "-c", "manifest-sha256.txt"}, {dir / "ut/case", {}, {}});
  EXPECT_EQ(sums.status, 0) << sums.out << sums.err;

  EXPECT_EQ(arkiv({"bag", "ut/avtal", "--query", "typ:avtal"}).status, 0);
  EXPECT_EQ(payload("ut/avtal"), (S{"c/avtal-2010.pdf"}));
  EXPECT_EQ(arkiv({"bag", "ut/mapp", "--folder", "c"}).status, 0);
  EXPECT_EQ(payload("ut/mapp"), (S{"avtal-2010.pdf", "ks-2019.pdf", "tj-2018.pdf"}));
  EXPECT_EQ(arkiv({"bag", "--validate", "ut/mapp"}).status, 0);

  // Nothing to bag; a folder that is not empty is refused.
  RunResult none = arkiv({"bag", "ut/ingen", "--case", "KS 1999/1"});
  EXPECT_EQ(none.status, 1);
  EXPECT_FALSE(fs::exists(dir / "ut/ingen"));
  RunResult busy = arkiv({"bag", "ut/case", "--folder", "c"});
  EXPECT_EQ(busy.status, 2);
  EXPECT_NE(busy.err.find("ut/case: exists and is not an empty folder"), std::string::npos) << busy.err;

  // Tampered: a record changed after bagging. Exit 5, the file named.
  arkiv::test::write_file(dir / "ut/case/data/c/ks-2019.pdf", "inte längre en pdf\n");
  RunResult bad = arkiv({"bag", "--validate", "ut/case"});
  EXPECT_EQ(bad.status, 5);
  EXPECT_NE(bad.err.find("error: data/c/ks-2019.pdf: sha256 checksum differs: the manifest says "),
            std::string::npos)
      << bad.err;
  EXPECT_NE(bad.out.find("ut/case: invalid bag:"), std::string::npos) << bad.out;
  RunResult bad_sv = arkiv({"bag", "--validate", "ut/case"}, {{"LANG", "sv_SE.UTF-8"}});
  EXPECT_EQ(bad_sv.status, 5);
  EXPECT_NE(bad_sv.err.find("fel: data/c/ks-2019.pdf: sha256-kontrollsumman skiljer sig: manifestet säger "),
            std::string::npos)
      << bad_sv.err;
  EXPECT_NE(bad_sv.out.find("ut/case: ogiltig bag:"), std::string::npos) << bad_sv.out;
  json j = arkiv_json({"bag", "--validate", "ut/case"}, 5);
  EXPECT_EQ(j["valid"], false);
  bool named = false;
  for (const auto& p : j["problems"])
    if (p["code"] == "checksum" && p["path"] == "data/c/ks-2019.pdf" && p["severity"] == "error") named = true;
  EXPECT_TRUE(named) << j.dump(2);

  // A form error only: exit 6.
  arkiv::test::write_file(dir / "ut/avtal/bagit.txt", "BagIt-Version: .97\nTag-File-Character-Encoding: UTF-8\n");
  fs::remove(dir / "ut/avtal/tagmanifest-sha256.txt");
  fs::remove(dir / "ut/avtal/tagmanifest-sha512.txt");
  RunResult form = arkiv({"bag", "--validate", "ut/avtal"});
  EXPECT_EQ(form.status, 6) << form.err;
  EXPECT_NE(form.err.find("error: bagit.txt: malformed: BagIt-Version \".97\" is not MAJOR.MINOR"),
            std::string::npos)
      << form.err;
  RunResult form_sv = arkiv({"bag", "--validate", "ut/avtal"}, {{"LANG", "sv_SE.UTF-8"}});
  EXPECT_NE(form_sv.err.find("fel: bagit.txt: felaktig: BagIt-Version \".97\" is not MAJOR.MINOR"),
            std::string::npos)
      << form_sv.err;
}

// The Library of Congress suite through the CLI, as its own test-harness
// runs a validator: valid exits 0, invalid non-zero, warning 0 with a
// warning on stderr (tests/data/bagit is a copy of the suite).
TEST_F(E2E, BagitConformanceSuiteThroughTheCli) {
  const fs::path suite = fs::path(ARKIV_SOURCE_DIR) / "tests/data/bagit";
  int runs = 0;
  for (const auto& version : fs::directory_iterator(suite)) {
    if (!version.is_directory()) continue;
    for (const auto& category : fs::directory_iterator(version.path())) {
      if (!category.is_directory()) continue;
      const std::string cat = category.path().filename().string();
      for (const auto& bag : fs::directory_iterator(category.path())) {
        if (!bag.is_directory()) continue;
        SCOPED_TRACE(bag.path().string());
        RunResult r = arkiv({"bag", "--validate", bag.path().string()});
        ++runs;
        if (cat == "valid") {
          EXPECT_EQ(r.status, 0) << r.err;
        } else if (cat == "warning") {
          EXPECT_EQ(r.status, 0) << r.err;
          EXPECT_NE(r.err.find("warning: "), std::string::npos);
        } else {
          EXPECT_TRUE(r.status == 5 || r.status == 6) << r.status << r.err;
          EXPECT_NE(r.err.find("error: "), std::string::npos);
        }
      }
    }
  }
  EXPECT_EQ(runs, 60);
}

// A full disk (here: a file size limit) stops the run with a clear error;
// the index keeps what was committed and the next run completes.
TEST_F(E2E, FullDiskLeavesTheIndexIntact) {
  for (int i = 0; i < 20; ++i) make_pdf("c/d" + std::to_string(i) + ".pdf", decision(i));
  ASSERT_EQ(arkiv({"index", "c"}).status, 0);
  for (int i = 20; i < 200; ++i)
    arkiv::test::write_file(dir / ("c/t" + std::to_string(i) + ".txt"),
                            "Kommunstyrelsen " + std::to_string(i) + " ord" + std::to_string(i * 7919) + "\n");
  arkiv::test::RunOptions o;
  o.cwd = dir.path();
  o.env = {{"LANG", "C.UTF-8"}};
  RunResult full = arkiv::test::run(
      {"/bin/sh", "-c", std::string("ulimit -f 150; exec ") + ARKIV_BIN + " index c --batch 1000"}, o);
  EXPECT_EQ(full.status, 2) << full.out << full.err;
  EXPECT_NE(full.err.find("the disk is full or a file size limit was reached"), std::string::npos) << full.err;
  EXPECT_EQ(std::count(full.err.begin(), full.err.end(), '\n'), 1) << full.err;
  EXPECT_EQ(arkiv_json({"stats"})["records"], 20);
  EXPECT_EQ(arkiv_json({"search", "kommunstyrelsen", "--limit", "0"})["total"], 20);
  json fin = arkiv_json({"index", "c"});
  EXPECT_EQ(arkiv_json({"stats"})["records"], 200);
}

// Searches run while an index run writes: each sees a consistent index.
TEST_F(E2E, SearchesWhileIndexing) {
  for (int i = 0; i < 10; ++i) make_pdf("c/d" + std::to_string(i) + ".pdf", decision(i));
  ASSERT_EQ(arkiv({"index", "c"}).status, 0);
  for (int i = 10; i < 150; ++i) make_pdf("c/d" + std::to_string(i) + ".pdf", decision(i));
  arkiv::test::RunOptions o;
  o.cwd = dir.path();
  pid_t pid = arkiv::test::spawn({ARKIV_BIN, "index", "c", "--batch", "5", "--threads", "1"}, o);
  int searches = 0, last = 10;
  for (int ws = 0; waitpid(pid, &ws, WNOHANG) == 0; ++searches) {
    json j = arkiv_json({"search", "kommunstyrelsen", "--limit", "0"});
    int total = j["total"];
    EXPECT_GE(total, last);  // never fewer records than a moment ago
    last = total;
  }
  EXPECT_GT(searches, 0);
  EXPECT_EQ(arkiv_json({"search", "kommunstyrelsen", "--limit", "0"})["total"], 150);
}

// A path that does not exist, named alone, is the user's mistake: exit 2,
// one line naming it, no index created; `arkiv index /nonexistent` used to
// say "0 indexed ... 1 skipped", exit 3, and leave an empty index behind.
TEST_F(E2E, IndexOfOnlyMissingPathsIsAnError) {
  RunResult r = arkiv({"index", "/nonexistent", "saknas"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "arkiv: /nonexistent: no such file or folder; index takes files and folders that exist\n"
            "arkiv: saknas: no such file or folder; index takes files and folders that exist\n");
  EXPECT_FALSE(fs::exists(dir / "index"));
  RunResult sv = arkiv({"index", "saknas"}, {{"LANG", "sv_SE.UTF-8"}});
  EXPECT_EQ(sv.status, 2);
  EXPECT_EQ(sv.err, "arkiv: saknas: ingen sådan fil eller mapp; index tar filer och mappar som finns\n");
}

// A search whose revision an index run discards (Xapian's
// DatabaseModifiedError: the writer committed twice during the read)
// reads again, and when that keeps happening says so in one line, exit 2.
// CI once saw SearchesWhileIndexing end in std::terminate here: the reopen
// that was to recover threw the same error outside any handler. The fault
// point makes the race happen on every run instead of on a loaded machine.
TEST_F(E2E, ASearchWhoseRevisionIsDiscardedReadsAgainOrSaysWhy) {
  for (int i = 0; i < 3; ++i) make_pdf("c/d" + std::to_string(i) + ".pdf", decision(i));
  ASSERT_EQ(arkiv({"index", "c"}).status, 0);
  json j = arkiv_json({"search", "kommunstyrelsen", "--limit", "0"}, 0, {{"ARKIV_FAULT", "search.modified:5"}});
  EXPECT_EQ(j["total"], 3);
  RunResult r = arkiv({"search", "kommunstyrelsen"}, {{"ARKIV_FAULT", "search.modified:1000"}});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "arkiv: the index changed 12 times while it was being read (an index run is committing); try again\n");
}

// Issue 7: a file that hangs, crashes or exhausts the extractor is
// reported with the reason, and the run goes on. Issue 19: the file does
// so because a fault point says it must (ARKIV_FAULT=extract.<what>:<file
// name>, src/util/fault.h, reached inside the extraction helper), not
// because a slow file happens to be slow on this machine or a sampled
// /proc happens to show the helper at work.
TEST_F(E2E, HangingOrCrashingExtractionIsIsolated) {
  fs::create_directories(dir / "c");
  arkiv::test::write_file(dir / "c/a.txt", decision(1));
  arkiv::test::write_file(dir / "c/fel.txt", decision(2));
  arkiv::test::write_file(dir / "c/z.txt", decision(3));
  struct Case {
    std::string fault;
    std::vector<std::string> flags;
    std::string reason;  // the stored status the audit names
    std::string line;    // what the user reads on stderr
  };
  const Case cases[] = {
      {"extract.hang:fel.txt", {"--file-timeout", "1"}, "unreadable",
       "arkiv: c/fel.txt: skipped: cannot be read (extraction did not finish in 1 s (stopped)) (may pass: "
       "`arkiv index --retry-failed` tries it again)\n"},
      // abort(): SIGABRT (6), under AddressSanitizer too.
      {"extract.crash:fel.txt", {}, "unreadable",
       "arkiv: c/fel.txt: skipped: cannot be read (the extractor crashed (signal 6)) (may pass: "
       "`arkiv index --retry-failed` tries it again)\n"},
      {"extract.oom:fel.txt", {"--file-memory", "256"}, "too-large",
       "arkiv: c/fel.txt: skipped: too large (extraction ran out of memory (the helper's limit)) (may pass: "
       "`arkiv index --retry-failed` tries it again)\n"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.fault);
    fs::remove_all(dir / "index");
    std::vector<std::string> args = {"index", "c", "--threads", "1"};
    args.insert(args.end(), c.flags.begin(), c.flags.end());
    RunResult r = arkiv(args, {{"ARKIV_FAULT", c.fault}});
    EXPECT_EQ(r.status, 3) << r.err;  // done, some files skipped
    EXPECT_EQ(r.err, c.line);
    EXPECT_EQ(r.out, "2 indexed, 0 unchanged, 0 updated, 0 removed, 1 skipped\n");
    // The files before and after it are in, the file itself is named.
    EXPECT_EQ(hit_paths({"search", "kommunstyrelsen"}), (std::vector<std::string>{"c/a.txt", "c/z.txt"}));
    json audit = arkiv_json({"audit", "c"}, 6);
    ASSERT_EQ(audit["findings"].size(), 1u);
    EXPECT_EQ(audit["findings"][0]["kind"], "unreadable");
    EXPECT_EQ(audit["findings"][0]["path"], "c/fel.txt");
    EXPECT_EQ(audit["findings"][0]["detail"].get<std::string>().rfind(c.reason + ": ", 0), 0u) << audit;
  }
}

// Issue 23 item 7: a nightly run over files known to be unreadable does
// not fail every night. A problem is reported, and makes the exit status
// 3, by the run that finds it; while its file is unchanged the next runs
// count it as known (exit 0), until the file changes. --retry-failed does
// not read a permanent failure (encrypted, corrupt) of an unchanged file.
TEST_F(E2E, KnownProblemsDoNotFailTheNextRun) {
  make_pdf("c/a.pdf", decision(1));
  make_pdf("c/plain.pdf", decision(2));
  RunResult enc = arkiv::test::run({"/usr/bin/qpdf", "--encrypt", "hemligt", "hemligt", "256", "--",
                                    dir / "c/plain.pdf", dir / "c/encrypted.pdf"});
  ASSERT_EQ(enc.status, 0) << enc.err;
  fs::remove(dir / "c/plain.pdf");
  arkiv::test::write_file(dir / "c/trasig.pdf", "%PDF-1.7\nthis is not a PDF body at all\n");

  RunResult first = arkiv({"index", "c"});
  EXPECT_EQ(first.status, 3) << first.err;
  EXPECT_NE(first.err.find("arkiv: c/encrypted.pdf: skipped: encrypted, a password is required\n"), std::string::npos)
      << first.err;
  EXPECT_NE(first.err.find("arkiv: c/trasig.pdf: skipped: corrupt"), std::string::npos) << first.err;
  EXPECT_EQ(first.out, "1 indexed, 0 unchanged, 0 updated, 0 removed, 2 skipped\n");

  // Nothing changed: nothing new to report, the known problems counted.
  RunResult second = arkiv({"index", "c"});
  EXPECT_EQ(second.status, 0) << second.err;
  EXPECT_EQ(second.err, "");
  EXPECT_EQ(second.out,
            "0 indexed, 1 unchanged, 0 updated, 0 removed, 0 skipped\n"
            "2 known problems from earlier runs: `arkiv audit` lists them\n");
  RunResult sv = arkiv({"index", "c"}, {{"LANG", "sv_SE.UTF-8"}});
  EXPECT_EQ(sv.status, 0) << sv.err;
  EXPECT_EQ(sv.out,
            "0 indexerade, 1 oförändrade, 0 uppdaterade, 0 borttagna, 0 överhoppade\n"
            "2 kända problem från tidigare körningar: `arkiv audit` listar dem\n");
  // --json lists every problem as before, each marked new or known.
  json j = arkiv_json({"index", "c"}, 0);
  EXPECT_EQ(j["known_problems"], 2);
  ASSERT_EQ(j["skipped"].size(), 2u) << j.dump(2);
  std::map<std::string, std::string> reasons;
  for (const auto& s : j["skipped"]) {
    reasons[s["path"]] = s["reason"];
    EXPECT_EQ(s["known"], true) << s;
    EXPECT_EQ(s["may_pass"], false) << s;
  }
  EXPECT_EQ(reasons, (std::map<std::string, std::string>{{"c/encrypted.pdf", "encrypted"}, {"c/trasig.pdf", "corrupt"}}));
  // The audit still lists both.
  EXPECT_EQ(arkiv_json({"audit", "c"}, 6)["findings"].size(), 2u);

  // --retry-failed leaves permanent failures alone: a read of the
  // encrypted file here would crash the helper, a new problem.
  RunResult retry = arkiv({"index", "c", "--retry-failed"}, {{"ARKIV_FAULT", "extract.crash:encrypted.pdf"}});
  EXPECT_EQ(retry.status, 0) << retry.err;
  EXPECT_EQ(retry.err, "");

  // The corrupt file changes: read again, a problem of this run again.
  arkiv::test::write_file(dir / "c/trasig.pdf", "%PDF-1.7\nstill not a PDF body, and longer\n");
  RunResult changed = arkiv({"index", "c"});
  EXPECT_EQ(changed.status, 3) << changed.err;
  EXPECT_EQ(changed.err.find("encrypted.pdf"), std::string::npos) << changed.err;
  EXPECT_NE(changed.err.find("arkiv: c/trasig.pdf: skipped: corrupt"), std::string::npos) << changed.err;
  EXPECT_EQ(changed.out,
            "0 indexed, 1 unchanged, 0 updated, 0 removed, 1 skipped\n"
            "changed content: 1, see `arkiv audit`\n"
            "1 known problem from an earlier run: `arkiv audit` lists it\n");
  json after = arkiv_json({"index", "c"}, 0);
  EXPECT_EQ(after["known_problems"], 2);
}

// Issue 23 item 7: a failure that may pass (the helper crashed, timed
// out, ran out of memory) is said to, and waits for `index
// --retry-failed`: a file that crashes the helper every night is not read
// every night (the fault stays set in the second run: a read would crash
// again and be reported anew).
TEST_F(E2E, FailuresThatMayPassWaitForRetryFailed) {
  fs::create_directories(dir / "c");
  arkiv::test::write_file(dir / "c/a.txt", decision(1));
  arkiv::test::write_file(dir / "c/fel.txt", decision(2, "Ordet regnbågsforell finns bara här.\n"));
  const std::map<std::string, std::string> crash = {{"ARKIV_FAULT", "extract.crash:fel.txt"}};

  RunResult first = arkiv({"index", "c", "--threads", "1"}, crash);
  EXPECT_EQ(first.status, 3) << first.err;
  EXPECT_EQ(first.err,
            "arkiv: c/fel.txt: skipped: cannot be read (the extractor crashed (signal 6)) (may pass: "
            "`arkiv index --retry-failed` tries it again)\n");
  json show = arkiv_json({"show", "c/fel.txt"});
  ASSERT_EQ(show["diagnostics"].size(), 1u) << show.dump(2);
  EXPECT_EQ(show["diagnostics"][0]["may_pass"], true);
  RunResult shown = arkiv({"show", "c/fel.txt"});
  EXPECT_NE(shown.out.find("unreadable (the extractor crashed (signal 6)); may pass: `arkiv index --retry-failed` "
                           "tries it again\n"),
            std::string::npos)
      << shown.out;
  json audit = arkiv_json({"audit", "c"}, 6);
  ASSERT_EQ(audit["findings"].size(), 1u) << audit.dump(2);
  EXPECT_NE(audit["findings"][0]["detail"].get<std::string>().find(
                "(may pass: `arkiv index --retry-failed` tries it again)"),
            std::string::npos)
      << audit;

  RunResult second = arkiv({"index", "c", "--threads", "1"}, crash);
  EXPECT_EQ(second.status, 0) << second.err;
  EXPECT_EQ(second.err, "");
  EXPECT_EQ(second.out,
            "0 indexed, 1 unchanged, 0 updated, 0 removed, 0 skipped\n"
            "1 known problem from an earlier run: `arkiv audit` lists it\n"
            "1 of them may pass: `arkiv index --retry-failed` tries it again\n");
  RunResult sv = arkiv({"index", "c", "--threads", "1"}, {{"ARKIV_FAULT", "extract.crash:fel.txt"}, {"LANG", "sv_SE.UTF-8"}});
  EXPECT_EQ(sv.status, 0) << sv.err;
  EXPECT_NE(sv.out.find("1 av dem kan gå över: `arkiv index --retry-failed` försöker igen\n"), std::string::npos)
      << sv.out;
  json j = arkiv_json({"index", "c"}, 0);
  ASSERT_EQ(j["skipped"].size(), 1u) << j.dump(2);
  EXPECT_EQ(j["skipped"][0]["known"], true);
  EXPECT_EQ(j["skipped"][0]["may_pass"], true);
  EXPECT_TRUE(hit_paths({"search", "regnbågsforell"}).empty());

  // The cause is gone: --retry-failed reads the file, now indexed.
  RunResult retry = arkiv({"index", "c", "--threads", "1", "--retry-failed"});
  EXPECT_EQ(retry.status, 0) << retry.err;
  EXPECT_EQ(retry.err, "");
  EXPECT_EQ(retry.out, "0 indexed, 1 unchanged, 1 updated, 0 removed, 0 skipped\n");
  EXPECT_EQ(hit_paths({"search", "regnbågsforell"}), (std::vector<std::string>{"c/fel.txt"}));
  RunResult again = arkiv({"index", "c"});
  EXPECT_EQ(again.status, 0) << again.err;
  EXPECT_EQ(again.out, "0 indexed, 2 unchanged, 0 updated, 0 removed, 0 skipped\nNothing to do: the index is up to date.\n");
}

// Issue 21: a helper never outlives the run that started it. Killed while
// its helper is busy with a file, the parent takes the helper with it at
// once; before, the helper read the file to its end first (pdf.js's
// bomb_giant.pdf: five minutes at 1.2 GB). The helper is held in its
// extraction by a fault point (extract.hang: it never finishes by itself)
// that writes its pid to ARKIV_FAULT_MARK when reached; this test process
// becomes the helper's subreaper, so the orphaned helper becomes its child
// and its end can be waited for, with its cause.
TEST_F(E2E, ExtractionHelperDiesWithItsParent) {
  fs::create_directories(dir / "c");
  arkiv::test::write_file(dir / "c/fel.txt", decision(1));
  arkiv::test::RunOptions o;
  o.cwd = dir.path();
  o.env = {{"LANG", "C.UTF-8"}, {"ARKIV_FAULT", "extract.hang:fel.txt"}, {"ARKIV_FAULT_MARK", dir / "fault.log"}};
  o.unset = {"LC_ALL", "LC_MESSAGES", "ARKIV_INDEX"};
  ASSERT_EQ(::prctl(PR_SET_CHILD_SUBREAPER, 1), 0);
  const pid_t parent = arkiv::test::spawn({ARKIV_BIN, "index", "c", "--threads", "1", "--file-timeout", "600"}, o);
  ASSERT_GT(parent, 0);
  // Wait for the helper to reach the fault: "extract.hang <pid>". The
  // bound (a minute) is for a failing test, not a measure of speed.
  pid_t helper = -1;
  bool parent_ended = false;
  for (int i = 0; i < 6000 && helper < 0 && !parent_ended; ++i) {
    std::istringstream mark(fs::exists(dir / "fault.log") ? arkiv::test::read_file(dir / "fault.log") : "");
    std::string point;
    if (mark >> point >> helper && point == "extract.hang") break;
    helper = -1;
    parent_ended = ::waitpid(parent, nullptr, WNOHANG) != 0;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (helper < 0) {
    if (!parent_ended) ::kill(parent, SIGKILL), ::waitpid(parent, nullptr, 0);
    ::prctl(PR_SET_CHILD_SUBREAPER, 0);
    FAIL() << "the helper never reached extract.hang";
  }
  ASSERT_NE(helper, parent);
  ::kill(parent, SIGKILL);
  ::waitpid(parent, nullptr, 0);
  // The helper was killed with its parent (PR_SET_PDEATHSIG). It is given
  // ten seconds, a bound for a failing test, not a measure of speed.
  int ws = 0;
  pid_t done = 0;
  for (int i = 0; i < 1000 && (done = ::waitpid(helper, &ws, WNOHANG)) == 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  if (done == 0) ::kill(helper, SIGKILL), ::waitpid(helper, nullptr, 0);
  ::prctl(PR_SET_CHILD_SUBREAPER, 0);
  ASSERT_EQ(done, helper) << "the helper " << helper << " outlived its parent";
  EXPECT_TRUE(WIFSIGNALED(ws) && WTERMSIG(ws) == SIGKILL) << ws;
}

// Issue 21: nothing outside the corpus. A link in a folder pointing out
// of it is reported and not followed (before, "ln -s /etc/passwd
// corpus/x.pdf" made /etc/passwd a record that `search root` quoted); a
// link to a file inside the folder is passed over, the file itself being
// indexed; --follow-symlinks follows links wherever they point.
TEST_F(E2E, SymlinksAreNotFollowedOutOfTheCorpus) {
  make_pdf("c/beslut.pdf", decision(1));
  make_pdf("ute/hemlig.pdf", "Hemlig handling om lösenord.\n");
  fs::create_symlink(dir / "ute/hemlig.pdf", dir / "c/lank.pdf");
  fs::create_symlink(dir / "ute", dir / "c/mapp");
  fs::create_symlink(dir / "c/beslut.pdf", dir / "c/kopia.pdf");
  RunResult r = arkiv({"index", "c"});
  EXPECT_EQ(r.status, 3) << r.err;
  EXPECT_NE(r.err.find("arkiv: c/lank.pdf: skipped: unsupported format (a symbolic link to " + (dir / "ute/hemlig.pdf") +
                       ", out of the folder: not followed; --follow-symlinks follows it)"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("arkiv: c/mapp: skipped:"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("kopia.pdf"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("1 indexed"), std::string::npos) << r.out;
  EXPECT_EQ(arkiv_json({"search", "lösenord"}, 1)["total"], 0);
  EXPECT_EQ(arkiv_json({"search", "kommunstyrelsen"})["total"], 1);
  // Issue 23: the next run finds the same links; they are known problems,
  // counted, not named again, and the run does not fail for them.
  RunResult again = arkiv({"index", "c"});
  EXPECT_EQ(again.status, 0) << again.err;
  EXPECT_EQ(again.err, "");
  EXPECT_NE(again.out.find("2 known problems from earlier runs"), std::string::npos) << again.out;
  EXPECT_EQ(arkiv_json({"index", "c"})["known_problems"], 2);
  // The audit lists them, as the index run says.
  json audit = arkiv_json({"audit"}, 6);
  ASSERT_EQ(audit["findings"].size(), 2u) << audit.dump(2);
  EXPECT_EQ(audit["findings"][0]["kind"], "not-read");
  EXPECT_EQ(audit["findings"][0]["path"], "c/lank.pdf");
  EXPECT_EQ(audit["findings"][0]["detail"],
            "a symbolic link to " + (dir / "ute/hemlig.pdf") +
                ", out of the folder: not followed; --follow-symlinks follows it");

  RunResult followed = arkiv({"index", "c", "--follow-symlinks"});
  EXPECT_EQ(followed.status, 0) << followed.err;
  json hits = arkiv_json({"search", "lösenord"})["hits"];
  ASSERT_EQ(hits.size(), 2u);  // the link to the file and the one to its folder

  // Issue 23: a folder inside the corpus reached through a link as well is
  // indexed once, by its own path, followed or not (it was twice).
  fs::create_directories(dir / "c/a");
  make_pdf("c/a/protokoll.pdf", "Protokoll om Movexum.\n");
  fs::create_symlink("a", dir / "c/genvag");
  for (const char* follow : {"", "--follow-symlinks"}) {
    SCOPED_TRACE(follow);
    std::vector<std::string> args = {"index", "c"};
    if (*follow) args.push_back(follow);
    RunResult r2 = arkiv(args);
    EXPECT_EQ(r2.err.find("genvag"), std::string::npos) << r2.err;
    EXPECT_EQ(hit_paths({"search", "movexum"}), std::vector<std::string>{"c/a/protokoll.pdf"});
  }
}

// Issue 23: a record indexed in part (its page cut at the 4 MiB page
// limit) was said only by `show`; the run that indexes it says so, in the
// user's language, and exits 3. The next run, the file unchanged, has
// nothing new to say.
TEST_F(E2E, ARecordIndexedInPartIsSaidByTheRunThatIndexesIt) {
  std::string text;
  for (int i = 0; text.size() < 4300 * 1024; ++i)
    text += "Kommunstyrelsen beslutar om avtal " + std::to_string(i) + " med staden om vatten och avlopp.\n";
  arkiv::test::write_file(dir / "c/stor.txt", text);
  arkiv::test::write_file(dir / "c/liten.txt", decision(1));
  RunResult r = arkiv({"index", "c"}, {{"LANG", "sv_SE.UTF-8"}});
  EXPECT_EQ(r.status, 3) << r.err;
  EXPECT_EQ(r.err, "arkiv: c/stor.txt: delvis indexerad: texten på en sida kapades vid storleksgränsen\n");
  EXPECT_NE(r.out.find("1 fil delvis indexerad (texten kapad, eller OCR eller analys avbruten): `arkiv show` visar var"),
            std::string::npos)
      << r.out;
  fs::remove_all(dir / "index");
  json j = arkiv_json({"index", "c"}, 3);
  EXPECT_EQ(j["indexed"], 2);
  EXPECT_EQ(j["incomplete"], json::parse(R"([{"path": "c/stor.txt", "reason": "page-text-cut",
                                              "detail": "page text cut at 4194304 bytes"}])"));
  // Searchable up to the cut.
  EXPECT_EQ(hit_paths({"search", "avlopp"}), std::vector<std::string>{"c/stor.txt"});
  RunResult again = arkiv({"index", "c"});
  EXPECT_EQ(again.status, 0) << again.err;
  EXPECT_EQ(again.err, "");
}

// Issue 21: a file replaced by a symbolic link is an audit finding, a
// fixity failure naming the link's target, before and after an index run
// (which keeps the record as the evidence, and does not follow the link).
TEST_F(E2E, AFileReplacedByASymlinkIsAFinding) {
  fs::create_directories(dir / "c");
  arkiv::test::write_file(dir / "c/beslut.txt", decision(1));
  arkiv::test::write_file(dir / "c/avtal.txt", decision(2));
  ASSERT_EQ(arkiv({"index", "c"}).status, 0);
  const std::string ingested = arkiv_json({"show", "c/avtal.txt"})["sha256"];
  fs::remove(dir / "c/avtal.txt");
  fs::create_symlink("/etc/passwd", dir / "c/avtal.txt");
  const std::string finding =
      "changed (fixity): c/avtal.txt: replaced by a symbolic link to /etc/passwd (not followed); ingested SHA-256 " +
      ingested;
  RunResult before = arkiv({"audit"});
  EXPECT_EQ(before.status, 5);
  EXPECT_NE(before.out.find(finding), std::string::npos) << before.out;
  RunResult idx = arkiv({"index", "c"});
  EXPECT_EQ(idx.status, 3) << idx.err;
  EXPECT_NE(idx.out.find("0 removed"), std::string::npos) << idx.out;
  RunResult after = arkiv({"audit"});
  EXPECT_EQ(after.status, 5);
  EXPECT_NE(after.out.find(finding), std::string::npos) << after.out;
  EXPECT_EQ(arkiv_json({"search", "root"}, 1)["total"], 0);
  // The link gone, the file is gone: its record is removed.
  fs::remove(dir / "c/avtal.txt");
  EXPECT_NE(arkiv({"index", "c"}).out.find("1 removed"), std::string::npos);
  EXPECT_EQ(arkiv({"audit"}).status, 0);
}

// Issue 21: nothing forged on the terminal. A file name holding escape
// sequences or a line break reached the terminal raw: "\x1b]0;…\x07"
// retitled it, "\x1b[2J" cleared it, and a line break forged a "skipped"
// line of its own. Names are shown with control characters escaped.
TEST_F(E2E, ControlCharactersInNamesAreShownEscaped) {
  make_pdf("c/bra.pdf", decision(1));
  fs::rename(dir / "c/bra.pdf", dir / "c/titel\x1b]0;ägd\x07.pdf");
  arkiv::test::write_file(dir / "c/trasig\narkiv: c/falsk.pdf: skipped: encrypted.pdf", "%PDF-1.4 inget mer");
  RunResult idx = arkiv({"index", "c"});
  EXPECT_EQ(idx.status, 3) << idx.err;
  EXPECT_EQ(idx.err.find('\x1b'), std::string::npos) << idx.err;
  EXPECT_EQ(std::count(idx.err.begin(), idx.err.end(), '\n'), 1) << idx.err;  // one line for the one bad file
  EXPECT_NE(idx.err.find("arkiv: c/trasig\\narkiv: c/falsk.pdf: skipped: encrypted.pdf: skipped: corrupt"),
            std::string::npos)
      << idx.err;
  RunResult hit = arkiv({"search", "kommunstyrelsen"});
  EXPECT_EQ(hit.status, 0) << hit.err;
  EXPECT_EQ(hit.out.find('\x1b'), std::string::npos) << hit.out;
  EXPECT_EQ(hit.out.find('\x07'), std::string::npos) << hit.out;
  EXPECT_NE(hit.out.find("c/titel\\x1b]0;ägd\\x07.pdf"), std::string::npos) << hit.out;
  // --json keeps the real name: JSON escapes it, and a script gets it back.
  json j = arkiv_json({"search", "kommunstyrelsen"});
  EXPECT_EQ(j["hits"][0]["path"], "c/titel\x1b]0;ägd\x07.pdf");
}

// Issue 21: `--json` stays JSON whatever a name holds. A Latin-1 file
// name made `index --json` stop with nlohmann's type_error.316, exit 2 and
// no summary; bytes that are not UTF-8 now come out escaped, "\xe5"
// (escape_name(), arkiv/record.h).
TEST_F(E2E, JsonOutputIsValidWithNamesThatAreNotUtf8) {
  make_pdf("c/bra.pdf", decision(1));
  arkiv::test::write_file(dir / "c/trasig-\xe5\xe4\xf6.pdf", "%PDF-1.4 inget mer");
  RunResult r = arkiv({"index", "c", "--json"});
  EXPECT_EQ(r.status, 3) << r.err;
  json j = json::parse(r.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.out;
  EXPECT_EQ(j["indexed"], 1);
  ASSERT_EQ(j["skipped"].size(), 1u);
  EXPECT_EQ(j["skipped"][0]["path"], "c/trasig-\\xe5\\xe4\\xf6.pdf");
  EXPECT_NE(r.err.find("c/trasig-\\xe5\\xe4\\xf6.pdf"), std::string::npos) << r.err;  // the terminal: escaped
}

// Issue 21: a name that is not UTF-8 keeps its bytes. A Latin-1 "café.txt"
// was stored with U+FFFD for its é: every audit called it both missing and
// new, and a change to its bytes was never reported. It is shown escaped,
// "caf\xe9.txt", on the terminal and in --json (where escape_name()'s
// rule gives the bytes back), and found by its name as typed.
TEST_F(E2E, NamesThatAreNotUtf8KeepTheirBytes) {
  const std::string latin1 = "c/caf\xe9.txt";
  arkiv::test::write_file(dir / latin1, "Avtalet om kaffebryggare tecknades den 12 maj 2016.\n");
  // A ZIP member named in CP437 ("r\x84kning": räkning).
  arkiv::test::write_file(dir / "c/arkiv.zip", arkiv::test::zip_of_one("r\x84kning.txt", "Teservis till kansliet.\n"));  // CP437
  json first = arkiv_json({"index", "c"});
  EXPECT_EQ(first["indexed"], 2);
  RunResult again = arkiv({"index", "c"});
  EXPECT_EQ(again.status, 0) << again.err;
  EXPECT_NE(again.out.find("0 indexed, 2 unchanged, 0 updated, 0 removed, 0 skipped"), std::string::npos)
      << again.out;

  // The terminal: escaped, never the raw byte nor U+FFFD.
  for (const std::vector<std::string>& cmd : {std::vector<std::string>{"search", "kaffebryggare"},
                                              std::vector<std::string>{"timeline", "kaffebryggare"},
                                              std::vector<std::string>{"show", latin1}}) {
    RunResult r = arkiv(cmd);
    EXPECT_EQ(r.status, 0) << cmd[0] << r.err;
    EXPECT_NE(r.out.find("c/caf\\xe9.txt"), std::string::npos) << cmd[0] << r.out;
    EXPECT_EQ(r.out.find('\xe9'), std::string::npos) << cmd[0];
    EXPECT_EQ(r.out.find("\uFFFD"), std::string::npos) << cmd[0];
  }
  // --json: valid, the same escaped name.
  EXPECT_EQ(arkiv_json({"search", "kaffebryggare"})["hits"][0]["path"], "c/caf\\xe9.txt");
  EXPECT_EQ(arkiv_json({"timeline", "kaffebryggare"})["events"][0]["path"], "c/caf\\xe9.txt");
  json shown = arkiv_json({"show", latin1});
  EXPECT_EQ(shown["path"], "c/caf\\xe9.txt");
  EXPECT_EQ(shown["abspath"], (dir / "c/caf") + "\\xe9.txt");
  // The name as shown, copied from the search: the same record.
  EXPECT_EQ(arkiv_json({"show", "c/caf\\xe9.txt"})["id"], shown["id"]);

  // The member: the same rule.
  const std::string member = "c/arkiv.zip!/r\x84kning.txt";
  RunResult tea = arkiv({"search", "teservis"});
  EXPECT_NE(tea.out.find("c/arkiv.zip!/r\\x84kning.txt"), std::string::npos) << tea.out;
  EXPECT_EQ(arkiv_json({"search", "teservis"})["hits"][0]["path"], "c/arkiv.zip!/r\\x84kning.txt");
  json shown_member = arkiv_json({"show", member});
  EXPECT_EQ(shown_member["member"], "r\\x84kning.txt");

  // The audit: clean, then the changed file by its escaped name.
  RunResult clean = arkiv({"audit", "c", "--verify"});
  EXPECT_EQ(clean.status, 0) << clean.out;
  EXPECT_NE(clean.out.find("No findings"), std::string::npos) << clean.out;
  auto mtime = fs::last_write_time(dir / latin1);
  arkiv::test::write_file(dir / latin1, "Avtalet om kaffebryggare tecknades den 13 maj 2016.\n");
  fs::last_write_time(dir / latin1, mtime);
  json changed = arkiv_json({"audit", "c", "--verify"}, 5);
  ASSERT_EQ(changed["findings"].size(), 1u) << changed.dump(2);
  EXPECT_EQ(changed["findings"][0]["kind"], "changed");
  EXPECT_EQ(changed["findings"][0]["path"], "c/caf\\xe9.txt");
  RunResult told = arkiv({"audit", "c", "--verify"});
  EXPECT_NE(told.out.find("c/caf\\xe9.txt: SHA-256 differs"), std::string::npos) << told.out;
}

// Issue 21: a snippet quotes the record as written, not as HTML: Xapian
// escapes '&', '<' and '>', and the terminal and --json showed "AT&amp;T".
TEST_F(E2E, SnippetsAreTheRecordsTextNotHtml) {
  make_pdf("c/a.pdf", "Avtalet med AT&T och <Bolaget> gäller &lt;data&gt; i Zhuhai.\n");
  ASSERT_EQ(arkiv({"index", "c"}).status, 0);
  json hit = arkiv_json({"search", "Zhuhai"})["hits"][0];
  const std::string snippet = hit["snippet"];
  EXPECT_NE(snippet.find("Avtalet med AT&T och <Bolaget> gäller &lt;data&gt; i Zhuhai."), std::string::npos) << snippet;
  ASSERT_EQ(hit["highlights"].size(), 1u);
  const std::size_t b = hit["highlights"][0][0], e = hit["highlights"][0][1];
  EXPECT_EQ(snippet.substr(b, e - b), "Zhuhai");
  RunResult plain = arkiv({"search", "Zhuhai"});
  EXPECT_NE(plain.out.find("AT&T och <Bolaget>"), std::string::npos) << plain.out;
}

// Issue 21: a query has limits, and one over them is refused at once with
// the limit named (exit 2), where 100 KB of words or 5,000 ORs ran past
// 300 s and four "(a* OR b*)" took 51 s and 844 MB.
TEST_F(E2E, QueriesOverTheLimitsAreRefused) {
  std::string many;
  for (int i = 0; i < 2500; ++i) many += "ord" + std::to_string(10000 + i) + (i % 12 == 11 ? "\n" : " ");
  make_pdf("c/ord.pdf", "Kommunstyrelsen om orden.\n" + many);
  ASSERT_EQ(arkiv({"index", "c"}).status, 0);
  struct Case {
    std::string query;
    std::string says;
  };
  std::string ors = "kommunstyrelsen";
  for (int i = 0; i < 150; ++i) ors += " OR ord" + std::to_string(10000 + i);
  const Case cases[] = {
      {std::string(5000, 'a'), "query refused: the query is 5000 bytes long; at most 4096 are accepted"},
      {ors, "query refused: the query has 301 words; at most 100 are accepted"},
      {"ord*", "query refused: a prefix* stands for more than 2000 words of the index; make the prefix longer"},
  };
  for (const Case& c : cases) {
    RunResult r = arkiv({"search", c.query});
    EXPECT_EQ(r.status, 2) << c.says;
    EXPECT_NE(r.err.find(c.says), std::string::npos) << r.err;
    EXPECT_EQ(r.out, "");
  }
  RunResult sv = arkiv({"search", std::string(5000, 'a')}, {{"LANG", "sv_SE.UTF-8"}});
  EXPECT_NE(sv.err.find("frågan avvisas:"), std::string::npos) << sv.err;
  // Within the limits all is as before: a prefix of fewer words, and a
  // question of many unknown words whose suggestions are bounded.
  EXPECT_EQ(arkiv_json({"search", "ord1000*"})["total"], 1);
  EXPECT_EQ(arkiv_json({"search", "kommunstyrelsen"})["total"], 1);
}

// `show` says in words which rule dated the record; --json keeps the key.
TEST_F(E2E, ShowNamesTheDateRuleInTheReadersLanguage) {
  make_pdf("c/bfs.pdf", "Boverkets föreskrifter om funktionskontroll av ventilationssystem;\n"
                        "beslutade den 9 december 1991.\nBoverket föreskriver följande.\n");
  ASSERT_EQ(arkiv({"index", "c"}).status, 0);
  EXPECT_NE(arkiv({"show", "c/bfs.pdf"}).out.find("Date: 1991-12-09 (decision formula, \"beslutade den\")"),
            std::string::npos);
  EXPECT_NE(arkiv({"show", "c/bfs.pdf"}, {{"LANG", "sv_SE.UTF-8"}}).out.find("Datum: 1991-12-09 (beslutsformel"),
            std::string::npos);
  EXPECT_EQ(arkiv_json({"show", "c/bfs.pdf"})["record_date_rule"], "decided");
}

// There is no "unlimited": 0 seconds or 0 MiB per file is a mistake the
// user hears about, not a run without limits.
TEST_F(E2E, ZeroFileLimitsAreRefused) {
  make_pdf("c/a.pdf", decision(1));
  for (const char* opt : {"--file-timeout", "--file-memory"}) {
    RunResult r = arkiv({"index", "c", opt, "0"});
    EXPECT_EQ(r.status, 2) << opt;
    EXPECT_NE(r.err.find(std::string(opt) + " must be a whole number"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("at least 1"), std::string::npos) << r.err;
    RunResult sv = arkiv({"index", "c", opt, "0"}, {{"LANG", "sv_SE.UTF-8"}});
    EXPECT_EQ(sv.status, 2);
    EXPECT_NE(sv.err.find("minst 1"), std::string::npos) << sv.err;
  }
  EXPECT_FALSE(fs::exists(dir / "index"));
}

// Issue #3's must-show, on the sample corpus plus the judged records of
// tests/data/search-eval: what a Swedish reader types finds what they mean,
// and Snowball alone (the old analysis, `--analysis snowball`) does not.
class SwedishSearch : public E2E {
 protected:
  void SetUp() override {
    fs::copy(std::string(ARKIV_SOURCE_DIR) + "/corpus", dir / "corpus", fs::copy_options::recursive);
    fs::copy(std::string(ARKIV_SOURCE_DIR) + "/tests/data/search-eval/records", dir / "eval",
             fs::copy_options::recursive);
  }

  // Paths of the hits of `query`, best first (up to 50).
  std::vector<std::string> paths(const std::string& query) {
    json res = arkiv_json({"search", query, "--limit", "50"}, -1);
    std::vector<std::string> out;
    for (const json& h : res["hits"]) out.push_back(h["path"]);
    return out;
  }
  static bool has(const std::vector<std::string>& v, const std::string& p) {
    return std::find(v.begin(), v.end(), p) != v.end();
  }
  static std::size_t rank_of(const std::vector<std::string>& v, const std::string& p) {
    return static_cast<std::size_t>(std::find(v.begin(), v.end(), p) - v.begin());
  }
};

TEST_F(SwedishSearch, FindsWhatASwedishReaderMeans) {
  RunResult idx = arkiv({"index", "corpus", "eval"});
  ASSERT_TRUE(idx.status == 0 || idx.status == 3) << idx.err;
  const std::string seed = "corpus/" + kSeedPdf;
  // The seed says only "partnerskapsavtal" and "partnerskapsavtalet".
  for (const char* q : {"avtal", "avtalet"}) EXPECT_TRUE(has(paths(q), seed)) << q;
  json avtal = arkiv_json({"search", "avtal", "--limit", "50"});
  for (const json& h : avtal["hits"])
    if (h["path"] == seed) {
      EXPECT_FALSE(h["pages"].empty()) << "an avtal hit in the seed names its pages";
    }
  // "Högskolan i Gävle", typed as the base form and without diacritics.
  EXPECT_TRUE(has(paths("högskola"), seed));
  EXPECT_TRUE(has(paths("Gavle"), seed));
  EXPECT_TRUE(has(paths("hogskolan"), "eval/41-samverkansavtal-kommunen-hogskolan.txt"));
  // Chinese: the record that writes 珠海 first.
  const std::vector<std::string> zh = paths("珠海");
  ASSERT_FALSE(zh.empty());
  EXPECT_TRUE(zh[0] == "eval/03-epost-delegation-fran-zhuhai.txt" || zh[0] == "eval/04-avtal-hig-jilin-college.txt")
      << zh[0];
  // "miljö- och klimatområdet", "miljö-/klimatområdet": the full form as a phrase.
  const std::vector<std::string> env = paths("\"miljöområdet\"");
  EXPECT_TRUE(has(env, "eval/12-projektplan-miljo-klimat-zhuhai.txt"));
  EXPECT_TRUE(has(env, "eval/01-uppfoljning-partnerskap-zhuhai.txt"));
  // far (father) above får (sheep, may): every record about far first.
  const std::vector<std::string> far = paths("far");
  for (const char* father : {"eval/28-riktlinje-foraldraledighet-halleby.txt", "eval/29-svar-medborgarforslag-pappagrupper.txt",
                             "eval/30-epost-foraldrapenning-far.txt"}) {
    ASSERT_TRUE(has(far, father)) << father;
    EXPECT_LT(rank_of(far, father), 3u) << father;
  }
  EXPECT_TRUE(has(far, "eval/32-skotselplan-naturreservat-betesdjur.txt")) << "får, ranked lower";
}

TEST_F(SwedishSearch, QuestionsAndMisspellingsStillGetAnswers) {
  ASSERT_TRUE(arkiv({"index", "corpus", "eval"}).status <= 3);
  // A question no record answers in its own words: all-words first, then
  // some-words, ranked.
  json q = arkiv_json({"search", "Vilka aktiviteter har genomförts med Zhuhai sedan 2016?"});
  EXPECT_EQ(q["matched"], "some");
  ASSERT_GE(q["hits"].size(), 3u);
  // Two words no record has together: the hits have one of them, and the
  // output says so rather than "all the words first".
  json apart = arkiv_json({"search", "Zhuhai naturreservat"});
  EXPECT_EQ(apart["matched"], "some") << apart.dump(2);
  RunResult apart_text = arkiv({"search", "Zhuhai naturreservat"});
  EXPECT_NE(apart_text.out.find("No record has all the words; these have some of them."), std::string::npos)
      << apart_text.out;
  EXPECT_EQ(apart_text.out.find("all the words first"), std::string::npos) << apart_text.out;
  // A word no record holds: no hits, not the records of the other word
  // (the real-needs negative "licensjakt varg").
  RunResult unknown = arkiv({"search", "Zhuhai Oslo"});
  EXPECT_EQ(unknown.status, 1) << unknown.out;
  EXPECT_NE(unknown.out.find("No hits"), std::string::npos) << unknown.out;
  EXPECT_EQ(arkiv_json({"search", "Zhuhai Gävle"})["matched"], "all");
  const std::string first = q["hits"][0]["path"];
  EXPECT_NE(first.find("zhuhai"), std::string::npos) << first;
  // Did you mean: from the index's own words; none for a word it has.
  json typo = arkiv_json({"search", "partnerskapsavtl"}, 1);
  EXPECT_EQ(typo["suggestion"], "partnerskapsavtal");
  EXPECT_TRUE(arkiv_json({"search", "partnerskapsavtal"})["suggestion"].is_null());
  // Function words are never "corrected", even where the index lacks
  // them ("vem" became "ved").
  EXPECT_EQ(arkiv({"search", "vem"}).status, 1);  // no record has it
  EXPECT_EQ(arkiv_json({"search", "vem partnerskapsavtl"}, 1)["suggestion"], "vem partnerskapsavtal");
  RunResult sv = arkiv({"search", "partnerskapsavtl"}, {{"LANG", "sv_SE.UTF-8"}});
  EXPECT_EQ(sv.status, 1);
  EXPECT_NE(sv.out.find("Menade du: partnerskapsavtal?"), std::string::npos) << sv.out;
}

TEST_F(SwedishSearch, SnowballAloneMissesThem) {
  RunResult idx = arkiv({"index", "corpus", "eval", "--analysis", "snowball"});
  ASSERT_TRUE(idx.status == 0 || idx.status == 3) << idx.err;
  const std::string seed = "corpus/" + kSeedPdf;
  EXPECT_FALSE(has(paths("avtal"), seed));
  EXPECT_FALSE(has(paths("Gavle"), seed));
  EXPECT_TRUE(paths("\"miljöområdet\"").empty());
  // Indexing again with the Swedish analysis reads every record again.
  RunResult again = arkiv({"index", "corpus", "eval"});
  EXPECT_NE(again.out.find(" updated"), std::string::npos) << again.out;
  EXPECT_TRUE(has(paths("avtal"), seed));
}
