// Attachment references, in pairs: what a decision refers to ("bilaga 2",
// "bilagorna 2-3") must meet what an attachment is ("Bilaga 2 ...").
#include <gtest/gtest.h>

#include "arkiv/analysis.h"

namespace arkiv::analyze {
namespace {

TEST(Attachments, ReferencesInADecision) {
  const std::pair<const char*, std::vector<int>> cases[] = {
      {"Gävle kommun har sedan 2010 ett partnerskapsavtal med Zhuhai i Kina (bilaga 1, samt underlag\n"
       "beslut förlängning 2015, bilaga 2).",
       {1, 2}},
      {"Sammanställning av aktiviteter Gävle och Zhuhai (bilaga 3) visar", {3}},
      {"se bilagorna 2-3", {2, 3}},
      {"Bilagor 1, 2 och 4 skickas separat.", {1, 2, 4}},
      {"enligt bil. 5 och Bilaga 6", {5, 6}},
      {"bilagan 7", {7}},
      {"Bilaga 3–1 är ingen rad", {3}},  // not a range backwards
      {"bilagt finns inget; en bilaga utan nummer", {}},
      {"Bilaga 2019/20:18 är ett skr.-nummer", {}},  // no "bilaga 2019"
  };
  for (const auto& [text, want] : cases) EXPECT_EQ(find_attachment_refs(text), want) << text;
}

TEST(Attachments, NumberOfAnAttachment) {
  const std::tuple<const char*, const char*, int> cases[] = {
      {"corpus/Bilaga 1 Partnerskapsavtal Gävle-Zhuhai.docx", "", 1},
      {"Bil. 2 underlag.pdf", "", 2},
      {"bilaga_3_sammanstallning.txt", "", 3},
      {"Bilaga 4 till KS 2015-123.pdf", "", 4},
      {"beslut.pdf!/Bilaga 1 Avtal.docx", "", 1},
      {"sammanstallning.pdf", "\nBilaga 3\nSammanställning av aktiviteter", 3},
      {"beslut.pdf", "Protokoll\nBilaga 2 bifogas", 0},   // only a first line counts
      {"bilagor.pdf", "", 0},
      {"bilaga-2019.pdf", "", 0},                          // a year is no number
  };
  for (const auto& [name, text, want] : cases) EXPECT_EQ(attachment_number(name, text), want) << name;
}

}  // namespace
}  // namespace arkiv::analyze
