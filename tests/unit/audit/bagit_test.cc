// BagIt validation against the Library of Congress conformance suite
// (tests/data/bagit/, a copy of /work/shared/data/bagit-conformance), and
// arkiv's own bags against the validator and against RFC 8493's rules
// checked here by hand.
#include "arkiv/bagit.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "arkiv/audit.h"
#include "arkiv/error.h"
#include "arkiv/pipeline.h"

namespace fs = std::filesystem;

namespace arkiv {
namespace {

const fs::path kSuite = fs::path(ARKIV_SOURCE_DIR) / "tests" / "data" / "bagit";
const fs::path kShared = fs::path(ARKIV_SOURCE_DIR) / ".." / "shared" / "data" / "bagit-conformance";

// What each invalid and warning case of the suite is about: the problem code
// the bag must get (as an error for invalid/, linux-only/ and windows-only/,
// as a warning for warning/).
const std::map<std::string, std::string> kExpected = {
    {"v0.97/invalid/baginfo-missing-encoding", "bagit-txt"},
    {"v0.97/invalid/bom-in-bagit.txt", "bagit-txt"},
    {"v0.97/invalid/corrupt-data-file", "checksum"},
    {"v0.97/invalid/corrupt-tag-file", "checksum"},
    {"v0.97/invalid/extra-file-in-bag", "not-listed"},
    {"v0.97/invalid/invalid-version-number", "bagit-txt"},
    {"v0.97/invalid/missing-baginfo", "missing"},
    {"v0.97/invalid/missing-bagit.txt", "no-bagit-txt"},
    {"v0.97/invalid/out-of-scope-file-paths-using-dot-notation", "outside-payload"},
    {"v0.97/invalid/out-of-scope-file-paths-using-dot-notation-for-fetch", "outside-payload"},
    {"v0.97/invalid/same-filename-listed-twice-with-different-hashes", "duplicate-entry"},
    {"v1.0/invalid/bagit-with-invalid-whitespace", "bagit-txt"},
    {"v1.0/invalid/notAllManifestsListAllFiles", "not-listed"},
    {"v1.0/invalid/same-filename-listed-twice-with-different-hashes", "duplicate-entry"},
    {"v1.0/invalid/same-filename-listed-twice-with-the-same-hash", "duplicate-entry"},
    {"v0.97/warning/duplicate-file-with-different-case", "case-variant"},
    {"v0.97/warning/made-with-md5sum-tools", "md5sum-star"},
    {"v0.97/warning/relative-path", "dot-slash"},
    {"v0.97/warning/same-filename-listed-twice-with-different-normalization", "normalization-variant"},
    {"v0.97/warning/same-filename-listed-twice-with-the-same-hash", "duplicate-entry"},
    {"v0.97/warning/special-system-files", "system-file"},
};

bool has(const BagReport& r, BagSeverity sev, const std::string& code) {
  for (const auto& p : r.problems)
    if (p.severity == sev && p.code == code) return true;
  return false;
}

std::string dump(const BagReport& r) {
  std::string s;
  for (const auto& p : r.problems)
    s += std::string(p.severity == BagSeverity::kError ? "error " : "warning ") + p.code + " " + p.path + ": " +
         p.detail + "\n";
  return s;
}

struct SuiteCounts {
  std::map<std::string, std::pair<int, int>> by_category;  // category -> (as expected, total)
};

// Runs every bag of a copy of the suite; the linux-only and windows-only
// cases are invalid here too: their paths are outside the payload on any
// system.
SuiteCounts run_suite(const fs::path& root) {
  SuiteCounts counts;
  std::vector<fs::path> bags;
  for (const auto& version : fs::directory_iterator(root)) {
    if (!version.is_directory() || version.path().filename().string()[0] != 'v') continue;
    for (const auto& category : fs::directory_iterator(version.path())) {
      if (!category.is_directory()) continue;
      for (const auto& bag : fs::directory_iterator(category.path()))
        if (bag.is_directory()) bags.push_back(bag.path());
    }
  }
  std::sort(bags.begin(), bags.end());
  for (const auto& bag : bags) {
    const std::string category = bag.parent_path().filename().string();
    const std::string name = fs::relative(bag, root).generic_string();
    SCOPED_TRACE(name);
    BagReport r = validate_bag(bag.string());
    bool ok = false;
    auto it = kExpected.find(name);
    if (category == "valid") {
      ok = r.valid();
      EXPECT_TRUE(r.valid()) << dump(r);
    } else if (category == "warning") {
      const std::string code = it != kExpected.end() ? it->second : "(a warning case without an expected code)";
      ok = r.valid() && has(r, BagSeverity::kWarning, code);
      EXPECT_TRUE(r.valid()) << dump(r);
      EXPECT_TRUE(has(r, BagSeverity::kWarning, code)) << dump(r);
    } else {
      const std::string code = it != kExpected.end() ? it->second : "outside-payload";
      ok = !r.valid() && has(r, BagSeverity::kError, code);
      EXPECT_FALSE(r.valid());
      EXPECT_TRUE(has(r, BagSeverity::kError, code)) << dump(r);
    }
    auto& c = counts.by_category[category];
    c.first += ok;
    c.second += 1;
  }
  return counts;
}

TEST(BagitConformance, CopyInTestsData) {
  SuiteCounts c = run_suite(kSuite);
  // The copy is whole: 27 valid, 15 invalid, 6 warning, 6 + 6 platform cases.
  EXPECT_EQ(c.by_category["valid"], std::make_pair(27, 27));
  EXPECT_EQ(c.by_category["invalid"], std::make_pair(15, 15));
  EXPECT_EQ(c.by_category["warning"], std::make_pair(6, 6));
  EXPECT_EQ(c.by_category["linux-only"], std::make_pair(6, 6));
  EXPECT_EQ(c.by_category["windows-only"], std::make_pair(6, 6));
}

TEST(BagitConformance, SharedSuite) {
  if (!fs::is_directory(kShared)) GTEST_SKIP() << kShared << " is absent";
  SuiteCounts c = run_suite(kShared);
  for (const auto& [category, n] : c.by_category) EXPECT_EQ(n.first, n.second) << category;
  EXPECT_GT(c.by_category["valid"].second, 0);
}

// The message names the file and the reason.
TEST(BagitConformance, ProblemsNameTheFileAndReason) {
  struct Case {
    const char* bag;
    const char* code;
    const char* path;
    const char* detail_part;
  };
  const Case cases[] = {
      {"v0.97/invalid/corrupt-data-file", "checksum", "data/bare-filename", "md5 checksum differs"},
      {"v0.97/invalid/extra-file-in-bag", "not-listed", "data/bar", "not listed in manifest-md5.txt"},
      {"v0.97/invalid/missing-baginfo", "missing", "bag-info.txt", "listed in tagmanifest-md5.txt"},
      {"v0.97/invalid/bom-in-bagit.txt", "bagit-txt", "bagit.txt", "byte order mark"},
      {"v0.97/invalid/invalid-version-number", "bagit-txt", "bagit.txt", "\".97\" is not MAJOR.MINOR"},
      {"v0.97/linux-only/out-of-scope-file-paths-using-absolute-path", "outside-payload", "manifest-md5.txt",
       "/tmp/foo, an absolute path"},
      {"v0.97/warning/relative-path", "dot-slash", "manifest-sha512.txt", "./data/hello.txt"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.bag);
    BagReport r = validate_bag((kSuite / c.bag).string());
    bool found = false;
    for (const auto& p : r.problems)
      if (p.code == c.code && p.path == c.path && p.detail.find(c.detail_part) != std::string::npos) found = true;
    EXPECT_TRUE(found) << dump(r);
  }
}

TEST(BagitConformance, NotAFolderThrows) { EXPECT_THROW(validate_bag("/nonexistent/bag"), Error); }

class BagWriteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("bag-unit-" + std::to_string(::getpid()));
    fs::remove_all(root_);
    for (const char* f : {"KS/beslut.txt", "KS/Bilaga 1.txt", "100% klar.txt", "tom.txt"}) {
      fs::create_directories((root_ / "src" / f).parent_path());
      std::ofstream(root_ / "src" / f) << (std::string(f) == "tom.txt" ? "" : f);
    }
  }
  void TearDown() override { fs::remove_all(root_); }
  BagWriteRequest request() {
    BagWriteRequest req;
    req.out_dir = (root_ / "bag").string();
    for (const char* f : {"KS/beslut.txt", "KS/Bilaga 1.txt", "100% klar.txt", "tom.txt"})
      req.files.push_back({(root_ / "src" / f).string(), f});
    req.info = {{"Source-Organization", "Exempel kommun"}, {"External-Description", "Ärende KS 2015/456\nrad två"}};
    return req;
  }
  static std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }
  fs::path root_;
};

TEST_F(BagWriteTest, WrittenBagIsValidAndFollowsTheRfc) {
  BagWriteResult res = write_bag(request());
  EXPECT_EQ(res.files, 4u);
  const fs::path bag = root_ / "bag";
  BagReport r = validate_bag(bag.string());
  EXPECT_TRUE(r.valid()) << dump(r);
  EXPECT_TRUE(r.problems.empty()) << dump(r);
  EXPECT_EQ(r.algorithms, (std::vector<std::string>{"sha256", "sha512"}));
  EXPECT_EQ(r.checked, 4u * 2 + 4u * 2);  // payload and tag files, two algorithms each

  // RFC 8493 by hand: bagit.txt exactly; every payload file in each payload
  // manifest once, % encoded; every tag file in the tag manifests; Oxum.
  EXPECT_EQ(read(bag / "bagit.txt"), "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n");
  for (const char* m : {"manifest-sha256.txt", "manifest-sha512.txt"}) {
    std::string text = read(bag / m);
    const std::regex line(std::string("^[0-9a-f]{") + (std::string(m).find("512") != std::string::npos ? "128" : "64") +
                          "}  data/.+$");
    std::istringstream in(text);
    std::set<std::string> listed;
    for (std::string l; std::getline(in, l);) {
      EXPECT_TRUE(std::regex_match(l, line)) << l;
      listed.insert(l.substr(l.find("  ") + 2));
    }
    EXPECT_EQ(listed, (std::set<std::string>{"data/100%25 klar.txt", "data/KS/Bilaga 1.txt", "data/KS/beslut.txt",
                                             "data/tom.txt"}));
  }
  std::string tags = read(bag / "tagmanifest-sha256.txt");
  for (const char* t : {"  bagit.txt\n", "  bag-info.txt\n", "  manifest-sha256.txt\n", "  manifest-sha512.txt\n"})
    EXPECT_NE(tags.find(t), std::string::npos) << t;
  std::string info = read(bag / "bag-info.txt");
  std::uint64_t bytes = 0;
  for (const auto& f : request().files) bytes += fs::file_size(f.source);
  EXPECT_NE(info.find("Payload-Oxum: " + std::to_string(bytes) + ".4\n"), std::string::npos) << info;
  EXPECT_NE(info.find("Source-Organization: Exempel kommun\n"), std::string::npos);
  EXPECT_NE(info.find("External-Description: Ärende KS 2015/456\n  rad två\n"), std::string::npos) << info;
  EXPECT_NE(info.find("Bag-Software-Agent: arkiv "), std::string::npos);
  EXPECT_TRUE(std::regex_search(info, std::regex("Bagging-Date: \\d{4}-\\d\\d-\\d\\d\n")));
}

TEST_F(BagWriteTest, TamperedBagFailsNamingTheFile) {
  write_bag(request());
  const fs::path bag = root_ / "bag";
  std::ofstream(bag / "data" / "KS" / "beslut.txt", std::ios::app) << "ändrat";
  std::ofstream(bag / "data" / "extra.txt") << "x";
  fs::remove(bag / "data" / "tom.txt");
  BagReport r = validate_bag(bag.string());
  EXPECT_FALSE(r.valid());
  EXPECT_TRUE(r.fixity_failed());
  std::set<std::string> got;
  for (const auto& p : r.problems) got.insert(p.code + " " + p.path);
  EXPECT_TRUE(got.count("checksum data/KS/beslut.txt")) << dump(r);
  EXPECT_TRUE(got.count("not-listed data/extra.txt")) << dump(r);
  EXPECT_TRUE(got.count("missing data/tom.txt")) << dump(r);
  EXPECT_TRUE(got.count("oxum bag-info.txt")) << dump(r);
}

TEST_F(BagWriteTest, RefusesANonEmptyFolderAndUnsafeNames) {
  fs::create_directories(root_ / "bag");
  std::ofstream(root_ / "bag" / "x") << "x";
  EXPECT_THROW(write_bag(request()), Error);
  EXPECT_TRUE(fs::exists(root_ / "bag" / "x"));
  BagWriteRequest req = request();
  req.out_dir = (root_ / "bag2").string();
  req.files[0].name = "../utanför.txt";
  EXPECT_THROW(write_bag(req), Error);
  EXPECT_FALSE(fs::exists(root_ / "bag2"));
  // An empty folder is fine.
  fs::create_directories(root_ / "bag3");
  req = request();
  req.out_dir = (root_ / "bag3").string();
  EXPECT_NO_THROW(write_bag(req));
  EXPECT_TRUE(validate_bag(req.out_dir).valid());
}

// One rule each, on a bag arkiv wrote and then changed the way another
// tool (or time) would: the problem found, its severity and its file.
TEST_F(BagWriteTest, EachRuleOnAChangedBag) {
  struct Case {
    const char* name;
    std::function<void(const fs::path&)> change;
    BagSeverity severity;  // of the problem expected
    const char* code;
    const char* path;
    bool valid;  // the bag as a whole afterwards
  };
  auto put = [](const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; };
  auto manifest_only = [&](const fs::path& bag, const std::string& m256) {
    // Tag manifests would vouch for the manifest as written: drop them.
    fs::remove(bag / "tagmanifest-sha256.txt");
    fs::remove(bag / "tagmanifest-sha512.txt");
    fs::remove(bag / "manifest-sha512.txt");
    put(bag / "manifest-sha256.txt", m256);
  };
  auto sha256 = [](const fs::path& p) {
    std::string hex;
    Diagnostic d;
    ingest::hash_file(p.string(), hex, d);
    return hex;
  };
  const Case cases[] = {
      {"CR line endings and a name with a newline, %0A-encoded",
       [&](const fs::path& bag) {
         put(bag / "data" / "rad\nbrytning.txt", "x");
         std::string m;
         for (const char* f : {"KS/beslut.txt", "KS/Bilaga 1.txt", "100% klar.txt", "tom.txt"})
           m += sha256(bag / "data" / f) + "  data/" + std::regex_replace(f, std::regex("%"), "%25") + "\r";
         m += sha256(bag / "data" / "rad\nbrytning.txt") + "  data/rad%0Abrytning.txt\r";
         manifest_only(bag, m);
         fs::remove(bag / "bag-info.txt");
       },
       BagSeverity::kError, "", "", true},
      {"bag-info.txt: continuation lines are fine, a line without a label is not",
       [&](const fs::path& bag) {
         put(bag / "bag-info.txt", "External-Description: två\n  rader\nutan etikett\n");
         fs::remove(bag / "tagmanifest-sha256.txt");
         fs::remove(bag / "tagmanifest-sha512.txt");
       },
       BagSeverity::kError, "bag-info-line", "bag-info.txt", false},
      {"bag-info.txt: whitespace before the colon is an error in 1.0",
       [&](const fs::path& bag) {
         put(bag / "bag-info.txt", "Contact-Name : Anna\n");
         fs::remove(bag / "tagmanifest-sha256.txt");
         fs::remove(bag / "tagmanifest-sha512.txt");
       },
       BagSeverity::kError, "bag-info-label", "bag-info.txt", false},
      {"a malformed Payload-Oxum",
       [&](const fs::path& bag) {
         put(bag / "bag-info.txt", "Payload-Oxum: många\n");
         fs::remove(bag / "tagmanifest-sha256.txt");
         fs::remove(bag / "tagmanifest-sha512.txt");
       },
       BagSeverity::kError, "oxum", "bag-info.txt", false},
      {"fetch.txt lists a file that is not there",
       [&](const fs::path& bag) {
         put(bag / "fetch.txt", "https://example.org/tom.txt 0 data/tom.txt\n");
         fs::remove(bag / "data" / "tom.txt");
       },
       BagSeverity::kError, "not-fetched", "data/tom.txt", false},
      {"a manifest line without a path",
       [&](const fs::path& bag) {
         std::ofstream(bag / "manifest-sha256.txt", std::ios::app) << "abcdef\n";
         fs::remove(bag / "tagmanifest-sha256.txt");
         fs::remove(bag / "tagmanifest-sha512.txt");
       },
       BagSeverity::kError, "manifest-line", "manifest-sha256.txt", false},
      {"a checksum of the wrong length", [&](const fs::path& bag) { manifest_only(bag, "abcdef  data/tom.txt\n"); },
       BagSeverity::kError, "bad-checksum", "manifest-sha256.txt", false},
      {"an algorithm OpenSSL does not have, beside one it has",
       [&](const fs::path& bag) { put(bag / "manifest-foo999.txt", ""); }, BagSeverity::kWarning, "unknown-algorithm",
       "manifest-foo999.txt", false},
      {"only an algorithm OpenSSL does not have",
       [&](const fs::path& bag) {
         fs::rename(bag / "manifest-sha256.txt", bag / "manifest-foo999.txt");
         fs::remove(bag / "manifest-sha512.txt");
         fs::remove(bag / "tagmanifest-sha256.txt");
         fs::remove(bag / "tagmanifest-sha512.txt");
       },
       BagSeverity::kError, "unknown-algorithm", "manifest-foo999.txt", false},
      {"a symbolic link out of the bag",
       [&](const fs::path& bag) {
         fs::remove(bag / "data" / "tom.txt");
         fs::create_symlink("/etc/hostname", bag / "data" / "tom.txt");
       },
       BagSeverity::kError, "outside-payload", "data/tom.txt", false},
      {"no data/ folder", [&](const fs::path& bag) { fs::remove_all(bag / "data"); }, BagSeverity::kError, "no-data",
       "data/", false},
      {"ISO-8859-1 tag files are read as declared",
       [&](const fs::path& bag) {
         put(bag / "bagit.txt", "BagIt-Version: 1.0\nTag-File-Character-Encoding: ISO-8859-1\n");
         put(bag / "bag-info.txt", "Source-Organization: G\xe4vle kommun\n");
         fs::remove(bag / "tagmanifest-sha256.txt");
         fs::remove(bag / "tagmanifest-sha512.txt");
       },
       BagSeverity::kError, "", "", true},
      {"UTF-8 declared, not UTF-8 written",
       [&](const fs::path& bag) {
         put(bag / "bag-info.txt", "Source-Organization: G\xe4vle kommun\n");
         fs::remove(bag / "tagmanifest-sha256.txt");
         fs::remove(bag / "tagmanifest-sha512.txt");
       },
       BagSeverity::kError, "encoding", "bag-info.txt", false},
  };
  int n = 0;
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    BagWriteRequest req = request();
    req.out_dir = (root_ / ("rule-" + std::to_string(n++))).string();
    write_bag(req);
    c.change(req.out_dir);
    BagReport r = validate_bag(req.out_dir);
    EXPECT_EQ(r.valid(), c.valid) << dump(r);
    if (std::string(c.code).empty()) {
      EXPECT_TRUE(r.problems.empty()) << dump(r);
      continue;
    }
    bool found = false;
    for (const auto& p : r.problems)
      if (p.severity == c.severity && p.code == c.code && p.path == c.path) found = true;
    EXPECT_TRUE(found) << dump(r);
  }
}

// The files arkiv writes are told from records by name and shape.
TEST_F(BagWriteTest, BagMetadataFilesAreRecognised) {
  write_bag(request());
  const fs::path bag = root_ / "bag";
  for (const char* f :
       {"bagit.txt", "bag-info.txt", "manifest-sha256.txt", "manifest-sha512.txt", "tagmanifest-sha256.txt"})
    EXPECT_TRUE(is_bag_metadata_file((bag / f).string())) << f;
  EXPECT_FALSE(is_bag_metadata_file((bag / "data" / "KS" / "beslut.txt").string()));
  // A record that only has a manifest's name stays a record.
  std::ofstream(root_ / "manifest-sha256.txt") << "Manifest för utställningen 2016\nAvtal mellan parterna\n";
  EXPECT_FALSE(is_bag_metadata_file((root_ / "manifest-sha256.txt").string()));
  std::ofstream(root_ / "bagit.txt") << "Protokoll om bagit\n";
  EXPECT_FALSE(is_bag_metadata_file((root_ / "bagit.txt").string()));
}

// The case: `manifest` into the folder, then `index` again: the
// folder walk must not pick the manifest up.
TEST_F(BagWriteTest, DiscoveryLeavesManifestsOut) {
  write_manifest((root_ / "src").string());
  ASSERT_TRUE(fs::exists(root_ / "src" / "manifest-sha256.txt"));
  ingest::DiscoverResult d = ingest::discover({(root_ / "src").string()});
  std::set<std::string> names;
  for (const auto& f : d.files) names.insert(fs::path(f.abspath).filename().string());
  EXPECT_FALSE(names.count("manifest-sha256.txt"));
  EXPECT_TRUE(names.count("beslut.txt"));
}

TEST_F(BagWriteTest, ManifestOutputElsewhere) {
  const fs::path out = root_ / "annan" / "share.sha256";
  fs::create_directories(out.parent_path());
  EXPECT_EQ(write_manifest((root_ / "src").string(), {}, out.string()), 4u);
  EXPECT_FALSE(fs::exists(root_ / "src" / "manifest-sha256.txt"));
  AuditReport ok = check_manifest(out.string(), {}, (root_ / "src").string());
  EXPECT_TRUE(ok.findings.empty());
  EXPECT_EQ(ok.verified, 4u);
  std::ofstream(root_ / "src" / "tom.txt") << "nu inte tom";
  AuditReport bad = check_manifest(out.string(), {}, (root_ / "src").string());
  ASSERT_EQ(bad.findings.size(), 1u);
  EXPECT_EQ(bad.findings[0].kind, FindingKind::kChanged);
  EXPECT_EQ(bad.findings[0].path, "tom.txt");
  // A manifest written into the folder it lists leaves itself out.
  EXPECT_EQ(write_manifest((root_ / "src").string(), {}, (root_ / "src" / "own.sha256").string()), 4u);
}

}  // namespace
}  // namespace arkiv
