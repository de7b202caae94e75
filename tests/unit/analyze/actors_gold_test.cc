// Quality of actor recognition on a hand-annotated gold set
// (tests/data/actors/gold/: the seed record, real Swedish public records and
// constructed ones; its README has the guidelines). Each mention is marked
// [[surface|Canonical name|type]]. Prints, over all records:
// - mentions: precision and recall of spans (same begin and end), and of
//   spans linked to the right actor;
// - actors: precision and recall of the set of actors each record mentions.
// Fails below the thresholds set from the measurements in the README.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include "arkiv/actors.h"

namespace fs = std::filesystem;

namespace arkiv::actors {
namespace {

struct Gold {
  std::size_t begin, end;
  std::string id;
};

// Strips the markup, returning the plain text and the gold mentions. The
// canonical name is turned into an id the way a user's aktör: would be.
std::string parse(const std::string& marked, std::vector<Gold>& gold) {
  std::string body;
  std::istringstream lines(marked);
  for (std::string line; std::getline(lines, line);)
    if (line.rfind("#", 0) != 0) body += line + "\n";
  std::string text;
  for (std::size_t i = 0; i < body.size();) {
    if (body.compare(i, 2, "[[") == 0) {
      std::size_t close = body.find("]]", i);
      std::string inner = body.substr(i + 2, close - i - 2);
      std::size_t bar1 = inner.find('|'), bar2 = inner.find('|', bar1 + 1);
      std::string surface = inner.substr(0, bar1);
      std::string canonical = inner.substr(bar1 + 1, bar2 - bar1 - 1);
      gold.push_back({text.size(), text.size() + surface.size(), resolve(canonical).front()});
      text += surface;
      i = close + 2;
    } else {
      text += body[i++];
    }
  }
  return text;
}

struct Ratio {
  int ok = 0, found = 0, gold = 0;
  double p() const { return found ? double(ok) / found : 0; }
  double r() const { return gold ? double(ok) / gold : 0; }
};

TEST(ActorsGold, PrecisionAndRecall) {
  const fs::path dir = fs::path(ARKIV_SOURCE_DIR) / "tests/data/actors/gold";
  Ratio spans, linked, actors;
  int files = 0;
  std::vector<fs::path> paths;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.path().extension() == ".txt") paths.push_back(entry.path());
  std::sort(paths.begin(), paths.end());
  for (const fs::path& path : paths) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    std::vector<Gold> gold;
    const std::string text = parse(ss.str(), gold);
    const ActorFindings found = find(text);
    const std::string name = path.filename().string();
    ++files;
    spans.found += static_cast<int>(found.mentions.size());
    spans.gold += static_cast<int>(gold.size());
    linked.found = spans.found;
    linked.gold = spans.gold;
    for (const auto& m : found.mentions) {
      auto g = std::find_if(gold.begin(), gold.end(), [&](const Gold& x) { return x.begin == m.begin && x.end == m.end; });
      if (g == gold.end()) {
        std::cout << name << ": extra \"" << m.surface << "\" (" << m.rule << ", " << m.actor_id << ")\n";
        continue;
      }
      ++spans.ok;
      if (g->id == m.actor_id)
        ++linked.ok;
      else
        std::cout << name << ": \"" << m.surface << "\" linked to " << m.actor_id << ", want " << g->id << "\n";
    }
    for (const auto& g : gold) {
      bool hit = std::any_of(found.mentions.begin(), found.mentions.end(),
                             [&](const ActorMention& m) { return m.begin == g.begin && m.end == g.end; });
      if (!hit) std::cout << name << ": missed \"" << text.substr(g.begin, g.end - g.begin) << "\" (" << g.id << ")\n";
    }
    std::set<std::string> want, got;
    for (const auto& g : gold) want.insert(g.id);
    for (const auto& a : found.actors) got.insert(a.id);
    actors.gold += static_cast<int>(want.size());
    actors.found += static_cast<int>(got.size());
    for (const auto& id : got) actors.ok += static_cast<int>(want.count(id));
  }
  std::printf("actors gold set: %d records, %d mentions, %d found\n", files, spans.gold, spans.found);
  std::printf("mentions (span):          precision %.3f recall %.3f\n", spans.p(), spans.r());
  std::printf("mentions (span + actor):  precision %.3f recall %.3f\n", linked.p(), linked.r());
  std::printf("actors per record:        precision %.3f recall %.3f\n", actors.p(), actors.r());
  EXPECT_GE(files, 11);
  // Thresholds a little under the measured figures (README).
  EXPECT_GE(spans.p(), 0.93);
  EXPECT_GE(spans.r(), 0.90);
  EXPECT_GE(linked.p(), 0.93);
  EXPECT_GE(linked.r(), 0.90);
  EXPECT_GE(actors.p(), 0.90);
  EXPECT_GE(actors.r(), 0.85);
}

}  // namespace
}  // namespace arkiv::actors
