// Golden file over the real Swedish authority PDFs in
// ../shared/data/realworld/swedish/ (regulations, directives, propositions,
// a Supreme Court ruling, an ARN decision, a remissvar): per file the title,
// the record date and the rule that found it, the type, the role, and the
// attachments arkiv links to it. The expected values were checked by eye
// against the PDFs themselves (tests/data/realworld/README.md says how), so
// every later change to extraction or analysis shows up here as a diff a
// reviewer reads, file by file.
//
// Skipped when ../shared is not there (a clone without the project's shared
// material). ARKIV_UPDATE_GOLDEN=1 rewrites the golden file from the
// current output instead of comparing; review the diff before committing.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "process.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const fs::path kShared = fs::path(ARKIV_SOURCE_DIR) / ".." / "shared";
const fs::path kFolder = kShared / "data" / "realworld" / "swedish";
const fs::path kGolden = fs::path(ARKIV_SOURCE_DIR) / "tests" / "data" / "realworld" / "swedish-golden.tsv";

arkiv::test::RunResult run_arkiv(const std::string& index, std::vector<std::string> args) {
  args.insert(args.begin(), {ARKIV_BIN, "--index", index});
  arkiv::test::RunOptions o;
  o.env = {{"LANG", "C.UTF-8"}, {"NO_COLOR", "1"}};
  o.unset = {"LC_ALL", "LC_MESSAGES", "ARKIV_INDEX"};
  return arkiv::test::run(args, o);
}

// One record as a line of the golden file: tab-separated, no tabs or line
// breaks inside a field.
std::string golden_line(const std::string& name, const json& r) {
  auto field = [](std::string s) {
    std::replace(s.begin(), s.end(), '\t', ' ');
    std::replace(s.begin(), s.end(), '\n', ' ');
    return s;
  };
  auto str = [&](const json& j, const char* key) {
    return j.contains(key) && j[key].is_string() ? field(j[key].get<std::string>()) : std::string();
  };
  // Attachments as "N:route:name", names relative to the folder, so the
  // line does not depend on where ../shared is.
  std::vector<std::string> atts;
  if (r.contains("attachments") && r["attachments"].is_array()) {
    for (const json& a : r["attachments"]) {
      std::string path = a.value("path", "");
      const std::string folder = fs::weakly_canonical(kFolder).string() + "/";
      if (path.rfind(folder, 0) == 0) path = path.substr(folder.size());
      std::string one = std::to_string(a.value("number", 0)) + ":" + a.value("route", "") + ":" + field(path);
      if (a.contains("page") && a["page"].is_number()) one += ":p" + std::to_string(a["page"].get<int>());
      atts.push_back(one);
    }
  }
  std::sort(atts.begin(), atts.end());
  std::string joined;
  for (const auto& a : atts) joined += (joined.empty() ? "" : ", ") + a;
  std::string unresolved;
  if (r.contains("unresolved_attachments") && r["unresolved_attachments"].is_array()) {
    for (const json& n : r["unresolved_attachments"]) unresolved += (unresolved.empty() ? "" : ",") + n.dump();
  }
  std::string parent;
  if (r.contains("parent") && r["parent"].is_object()) parent = fs::path(r["parent"].value("path", "")).filename();
  return name + "\t" + str(r, "title") + "\t" + str(r, "record_date") + "\t" + str(r, "record_date_rule") + "\t" +
         str(r, "type") + "\t" + str(r, "status") + "\t" + parent + "\t" + joined + "\t" + unresolved;
}

TEST(RealWorldGolden, SwedishAuthorityPdfsReadAsAReaderSeesThem) {
  if (!fs::is_directory(kFolder)) GTEST_SKIP() << "no " << kFolder << " (only in the project's shared material)";
  arkiv::test::TempDir dir;
  const std::string index = dir / "index";
  // --ocr never: reading the folder's 30 scanned pages would cost a
  // minute of CPU (tests/e2e/ocr_test.cc reads one); the scans stay
  // "no-text" here.
  arkiv::test::RunResult idx =
      run_arkiv(index, {"index", fs::weakly_canonical(kFolder).string(), "--ocr", "never"});
  ASSERT_TRUE(idx.status == 0 || idx.status == 3) << idx.err;

  std::vector<fs::path> pdfs;
  for (const auto& e : fs::directory_iterator(kFolder)) {
    std::string ext = e.path().extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    if (e.is_regular_file() && ext == ".pdf") pdfs.push_back(e.path());
  }
  std::sort(pdfs.begin(), pdfs.end());
  ASSERT_GE(pdfs.size(), 45u);

  std::map<std::string, std::string> got;
  for (const fs::path& p : pdfs) {
    arkiv::test::RunResult r = run_arkiv(index, {"show", p.string(), "--json"});
    ASSERT_EQ(r.status, 0) << p << ": " << r.err;
    json j = json::parse(r.out, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << r.out;
    got[p.filename().string()] = golden_line(p.filename().string(), j);
  }

  if (const char* update = std::getenv("ARKIV_UPDATE_GOLDEN"); update != nullptr && std::string(update) == "1") {
    fs::create_directories(kGolden.parent_path());
    std::ofstream out(kGolden);
    out << "# file\ttitle\trecord date\tdate rule\ttype\tstatus\tparent\tattachments (number:route:path)\tunresolved\n";
    for (const auto& [name, line] : got) out << line << '\n';
    GTEST_SKIP() << "rewrote " << kGolden;
  }

  std::ifstream in(kGolden);
  ASSERT_TRUE(in) << "no golden file " << kGolden << " (ARKIV_UPDATE_GOLDEN=1 writes it)";
  std::map<std::string, std::string> want;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    want[line.substr(0, line.find('\t'))] = line;
  }
  for (const auto& [name, line] : want) {
    auto it = got.find(name);
    if (it == got.end()) {
      ADD_FAILURE() << name << ": in the golden file, not in the folder";
      continue;
    }
    EXPECT_EQ(it->second, line) << "  (got above, golden below) for " << name;
  }
  for (const auto& [name, line] : got) EXPECT_TRUE(want.count(name)) << name << ": not in the golden file:\n" << line;
}

}  // namespace
