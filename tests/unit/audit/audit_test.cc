// The audit through its public API on a small index: a file gone from
// disk, a file changed since ingest (found by size and mtime, or only by
// its hash with verify), a scan without a text layer, and a clean folder.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>

#include "../scratch.h"
#include "arkiv/audit.h"

namespace arkiv {
namespace {

namespace fs = std::filesystem;
using test::Scratch;

const std::string kNoTextPdf = std::string(ARKIV_SOURCE_DIR) + "/tests/data/pdf/no_text_layer.pdf";

AuditReport run_audit(const Scratch& s, bool verify = false) {
  AuditOptions opts;
  opts.paths = {s.corpus()};
  opts.verify = verify;
  return audit(s.search_options(), opts);
}

std::vector<std::pair<std::string, std::string>> kinds_and_paths(const AuditReport& r) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const Finding& f : r.findings) out.emplace_back(finding_key(f.kind), f.path);
  return out;
}

TEST(Audit, AFolderAsIndexedHasNoFindings) {
  Scratch s;
  s.write("a.txt", "Kommunstyrelsen beslutade.\n");
  s.write("b.txt", "Kommunfullmäktige beslutade.\n");
  ASSERT_EQ(s.index().indexed, 2u);
  const AuditReport r = run_audit(s, true);
  EXPECT_EQ(r.files_on_disk, 2u);
  EXPECT_EQ(r.records, 2u);
  EXPECT_EQ(r.verified, 2u);
  EXPECT_TRUE(r.findings.empty());
  EXPECT_FALSE(r.fixity_failed());
  for (const auto& [kind, n] : r.counts()) EXPECT_EQ(n, 0u) << kind;
}

TEST(Audit, MissingChangedAndNewFilesAreNamed) {
  Scratch s;
  s.write("borta.txt", "Ett beslut som sedan försvann.\n");
  s.write("andrad.txt", "Ursprunglig lydelse.\n");
  s.write("kvar.txt", "Oförändrad handling.\n");
  ASSERT_EQ(s.index().indexed, 3u);
  fs::remove(s.path("borta.txt"));
  s.write("andrad.txt", "Ändrad lydelse, längre än förut.\n");
  s.write("ny.txt", "En handling som aldrig indexerats.\n");

  const AuditReport r = run_audit(s);
  EXPECT_EQ(r.files_on_disk, 3u);
  EXPECT_EQ(r.records, 3u);
  EXPECT_EQ(kinds_and_paths(r), (std::vector<std::pair<std::string, std::string>>{
                                    {"new", s.path("ny.txt")},
                                    {"changed", s.path("andrad.txt")},
                                    {"missing", s.path("borta.txt")}}));
  EXPECT_EQ(r.findings[1].detail.rfind("size differs: ingested 21 bytes, now 37", 0), 0u) << r.findings[1].detail;
  EXPECT_TRUE(r.fixity_failed());
  EXPECT_EQ(r.counts().at("changed"), 1u);
  EXPECT_EQ(r.counts().at("missing"), 1u);
  EXPECT_EQ(r.counts().at("new"), 1u);
}

// The same size and mtime with other bytes pass the quick audit; only
// verify, which hashes, finds them.
TEST(Audit, OnlyVerifyFindsAChangeThatKeptSizeAndMtime) {
  Scratch s;
  s.write("a.txt", "Beslut nummer 1.\n");
  ASSERT_EQ(s.index().indexed, 1u);
  const auto mtime = fs::last_write_time(s.path("a.txt"));
  s.write("a.txt", "Beslut nummer 2.\n");
  fs::last_write_time(s.path("a.txt"), mtime);

  EXPECT_TRUE(run_audit(s).findings.empty());
  const AuditReport r = run_audit(s, true);
  EXPECT_EQ(r.verified, 1u);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].kind, FindingKind::kChanged);
  EXPECT_EQ(r.findings[0].path, s.path("a.txt"));
  EXPECT_EQ(r.findings[0].detail.rfind("SHA-256 differs", 0), 0u) << r.findings[0].detail;
  EXPECT_TRUE(r.fixity_failed());
}

// A scan without a text layer is a record (found by title and path) and
// an OCR candidate, not a fixity failure; an unreadable file is named with
// its reason.
TEST(Audit, AScanWithoutTextAndAnUnreadableFileAreNamed) {
  Scratch s;
  fs::copy_file(kNoTextPdf, s.path("skannad.pdf"));
  s.write("trasig.pdf", "%PDF-1.4\nthis is no PDF\n");
  s.write("bra.txt", "Kommunstyrelsen beslutade.\n");
  const IndexSummary sum = s.index();
  ASSERT_EQ(sum.needs_ocr.size(), 1u);
  ASSERT_EQ(sum.skipped.size(), 1u);

  const AuditReport r = run_audit(s);
  EXPECT_EQ(kinds_and_paths(r), (std::vector<std::pair<std::string, std::string>>{
                                    {"unreadable", s.path("trasig.pdf")},
                                    {"no-text", s.path("skannad.pdf")}}));
  EXPECT_EQ(r.findings[1].detail, "no text layer on any of its 2 pages (scanned? needs OCR)");
  EXPECT_FALSE(r.fixity_failed());
  EXPECT_EQ(r.counts().at("no-text"), 1u);
  EXPECT_EQ(r.counts().at("unreadable"), 1u);
}

}  // namespace
}  // namespace arkiv
