// arkiv-bench-stages: where ingestion's CPU time goes, stage by stage.
// Extracts every file under PATH... once (Poppler in-process, one thread,
// nested files flattened as the indexer does), then runs each later stage
// `--rounds` times over the whole set on one thread and prints the median
// seconds per stage as JSON. Single-threaded CPU work on data already in
// memory is far steadier on a shared machine than whole runs are, so this
// is what to read when deciding what to make faster; tools/bench/run still
// gives the figures that count. "plain_document" and "plain_write" are the
// reference of issue 27 on the same texts: the plainest Xapian index
// (arkiv-bench-extract --xapian), against which make_document_* and
// write/write_snowball are arkiv's index content.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "analyze/acronyms.h"
#include "analyze/finders.h"
#include "arkiv/actors.h"
#include "arkiv/analysis.h"
#include "arkiv/pipeline.h"
#include "index/document.h"
#include "index/writer.h"
#include "reference.h"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_of(const std::function<void()>& f) {
  auto t0 = Clock::now();
  f();
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

double median_of(int rounds, const std::function<void()>& f) {
  std::vector<double> s;
  for (int i = 0; i < rounds; ++i) s.push_back(seconds_of(f));
  std::sort(s.begin(), s.end());
  return s[s.size() / 2];
}

void flatten(arkiv::ExtractedDoc&& d, std::vector<arkiv::ExtractedDoc>& out) {
  std::vector<arkiv::ExtractedDoc> children = std::move(d.children);
  out.push_back(std::move(d));
  for (auto& c : children) flatten(std::move(c), out);
}

}  // namespace

int main(int argc, char** argv) {
  int rounds = 3;
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--rounds") && i + 1 < argc) {
      rounds = std::max(1, std::atoi(argv[++i]));
    } else {
      paths.emplace_back(argv[i]);
    }
  }
  if (paths.empty()) {
    std::fprintf(stderr, "usage: arkiv-bench-stages [--rounds N] PATH...\n");
    return 2;
  }
  using namespace arkiv;
  ingest::DiscoverResult found = ingest::discover(paths);
  std::vector<ExtractedDoc> extracted;
  const double extract_s = seconds_of([&] {
    for (const SourceFile& f : found.files) flatten(extract::extract(f), extracted);
  });
  std::vector<NormalizedDoc> docs;
  const double normalize_s = seconds_of([&] {
    for (ExtractedDoc& e : extracted) docs.push_back(normalize::normalize(ExtractedDoc(e)));
  });
  std::size_t bytes = 0, pages = 0;
  for (const auto& d : docs) bytes += d.text.size(), pages += d.pages.size();

  struct Stage {
    const char* name;
    std::function<void(const NormalizedDoc&)> run;
  };
  std::vector<AnalyzedDoc> analysed(docs.size());
  const std::vector<Stage> stages = {
      {"icu_subject", [](const NormalizedDoc& d) { analyze::Subject s(d.text); }},
      {"dates", [](const NormalizedDoc& d) { analyze::find_dates(analyze::Subject(d.text), "2020-01-01"); }},
      {"case_numbers", [](const NormalizedDoc& d) { analyze::find_case_numbers(analyze::Subject(d.text)); }},
      {"references", [](const NormalizedDoc& d) { analyze::find_references(analyze::Subject(d.text)); }},
      {"actors", [](const NormalizedDoc& d) { actors::find(d.text); }},
      {"acronyms", [](const NormalizedDoc& d) { analyze::find_acronyms(d.text); }},
      {"attachment_refs", [](const NormalizedDoc& d) { analyze::find_attachment_refs(d.text); }},
      {"record_date_type", [](const NormalizedDoc& d) { analyze::record_date(d), analyze::record_type(d); }},
  };
  std::printf("{\"files\": %zu, \"records\": %zu, \"pages\": %zu, \"text_bytes\": %zu, \"rounds\": %d,\n", found.files.size(),
              docs.size(), pages, bytes, rounds);
  std::printf(" \"seconds\": {\"extract\": %.3f, \"normalize\": %.3f", extract_s, normalize_s);
  for (const Stage& s : stages)
    std::printf(", \"%s\": %.3f", s.name, median_of(rounds, [&] {
                  for (const auto& d : docs) s.run(d);
                }));
  std::printf(", \"analyze\": %.3f", median_of(rounds, [&] {
                for (std::size_t i = 0; i < docs.size(); ++i) analysed[i] = analyze::analyze(docs[i]);
              }));
  // The reference: what the bench's "plainest Xapian index" row builds
  // (tools/bench/extract_floor.cc): each page through a TermGenerator with
  // Snowball, STEM_SOME, no record data or values, then written by one
  // writer. arkiv's make_document and write are measured against these.
  {
    std::vector<Xapian::Document> plain(docs.size());
    std::printf(", \"plain_document\": %.3f", median_of(rounds, [&] {
                  Xapian::TermGenerator tg = bench::plain_term_generator();
                  for (std::size_t i = 0; i < docs.size(); ++i) {
                    plain[i] = Xapian::Document();
                    tg.set_document(plain[i]);
                    for (const auto& p : extracted[i].pages) tg.index_text(p.text);
                  }
                }));
    const std::string dir = (std::filesystem::temp_directory_path() / "arkiv-bench-stages-plain").string();
    std::printf(", \"plain_write\": %.3f", median_of(rounds, [&] {
                  std::filesystem::remove_all(dir);
                  Xapian::WritableDatabase db(dir, Xapian::DB_CREATE_OR_OVERWRITE);
                  for (const auto& d : plain) db.add_document(d);
                  db.commit();
                }));
    std::filesystem::remove_all(dir);
  }
  for (TextAnalysis text : {TextAnalysis::kSwedish, TextAnalysis::kSnowball}) {
    std::vector<Xapian::Document> built(docs.size());
    std::printf(", \"make_document_%s\": %.3f", text == TextAnalysis::kSwedish ? "swedish" : "snowball",
                median_of(rounds, [&] {
                  for (std::size_t i = 0; i < docs.size(); ++i) built[i] = index::make_document(docs[i], analysed[i], text);
                }));
    const std::string dir = (std::filesystem::temp_directory_path() / "arkiv-bench-stages").string();
    std::printf(", \"%s\": %.3f", text == TextAnalysis::kSwedish ? "write" : "write_snowball", median_of(rounds, [&] {
                  std::filesystem::remove_all(dir);
                  index::Writer w(dir);
                  w.begin_batch();
                  for (std::size_t i = 0; i < docs.size(); ++i) w.replace(docs[i].source.id, built[i]);
                  w.commit_batch();
                }));
    std::filesystem::remove_all(dir);
  }
  std::printf("}}\n");
  return 0;
}
