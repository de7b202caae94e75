// Personal identity numbers (arkiv/personal_data.h): every written form,
// the check digit and the date, and what must not be taken for a person.
// Also run over the personnummer/meta test data in ../shared when present.
#include "arkiv/personal_data.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

namespace arkiv {
namespace {

struct Case {
  const char* text;
  const char* normalized;  // "" = no number found
  PersonalNumberKind kind;
};

TEST(PersonalNumbers, WrittenFormsTable) {
  const Case cases[] = {
      {"090527+1474", "190905271474", PersonalNumberKind::kPersonnummer},   // "+": 100 or older
      {"19090527-1474", "190905271474", PersonalNumberKind::kPersonnummer},
      {"190905271474", "190905271474", PersonalNumberKind::kPersonnummer},
      {"000229-2399", "200002292399", PersonalNumberKind::kPersonnummer},   // 2000 was a leap year
      {"0002292399", "200002292399", PersonalNumberKind::kPersonnummer},
      {"730288-9931", "197302889931", PersonalNumberKind::kSamordningsnummer},
      {"000101-T220", "20000101T220", PersonalNumberKind::kInterim},
      {"20000101t220", "20000101T220", PersonalNumberKind::kInterim},
      {"700428-9895", "", PersonalNumberKind::kPersonnummer},   // wrong check digit
      {"420566-9899", "", PersonalNumberKind::kPersonnummer},   // day 66-60 fine, check digit wrong
      {"721086-9924", "", PersonalNumberKind::kPersonnummer},   // month 10, day 86-60 = 26: check digit wrong
      {"802005-1952", "", PersonalNumberKind::kPersonnummer},   // organisationsnummer: "month" 20
      {"857209-0606", "", PersonalNumberKind::kPersonnummer},   // organisationsnummer
      {"090527 1474", "", PersonalNumberKind::kPersonnummer},   // a blank inside: not one number
      {"000101-E221", "", PersonalNumberKind::kPersonnummer},   // E is no interim letter
      {"19090527+1474", "190905271474", PersonalNumberKind::kPersonnummer},  // "+" beside a century: no news
      {"150916-0006", "", PersonalNumberKind::kPersonnummer},   // birth number 000 is never given out
  };
  for (const Case& c : cases) {
    const auto found = find_personal_numbers(c.text, 2026);
    if (*c.normalized == '\0') {
      EXPECT_TRUE(found.empty()) << c.text;
      continue;
    }
    ASSERT_EQ(found.size(), 1u) << c.text;
    EXPECT_EQ(found[0].normalized, c.normalized) << c.text;
    EXPECT_EQ(found[0].kind, c.kind) << c.text;
    EXPECT_EQ(found[0].masked, std::string(c.normalized).substr(0, 8) + "-XXXX") << c.text;
    EXPECT_EQ(normalize_personal_number(c.text, 2026), c.normalized) << c.text;
  }
}

TEST(PersonalNumbers, InTextStandAloneOnly) {
  const std::string text =
      "Sökande: Anna Berg, 460823-9986, och Per Berg (19570428-9999). Dnr 2015/460823-9986-1, "
      "tel 0701234567, faktura 14608239986.";
  const auto found = find_personal_numbers(text, 2026);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(text.substr(found[0].begin, found[0].end - found[0].begin), "460823-9986");
  EXPECT_EQ(found[1].normalized, "195704289999");
  EXPECT_EQ(mask_personal_numbers(text, 2026),
            "Sökande: Anna Berg, 19460823-XXXX, och Per Berg (19570428-XXXX). Dnr 2015/460823-9986-1, "
            "tel 0701234567, faktura 14608239986.");
}

// Masking a snippet moves its highlights: a range before a number stays,
// one after it shifts by what the mask added, one touching a number covers
// its whole mask.
TEST(PersonalNumbers, MaskingMovesHighlights) {
  using Ranges = std::vector<std::pair<std::size_t, std::size_t>>;
  struct MaskCase {
    const char* text;
    Ranges ranges;
    const char* masked;
    Ranges moved;
  };
  const MaskCase cases[] = {
      // "Anna 811218-9876 bor i Gävle": "Anna" [0,4), "Gävle" [23,29).
      {"Anna 811218-9876 bor i Gävle", {{0, 4}, {23, 29}}, "Anna 19811218-XXXX bor i Gävle", {{0, 4}, {25, 31}}},
      // A highlight on the number, or on part of it: the whole mask.
      {"Anna 811218-9876 bor", {{5, 16}, {12, 16}}, "Anna 19811218-XXXX bor", {{5, 18}, {5, 18}}},
      // Twelve digits grow by one; two numbers add up.
      {"198112189876 och 811218-9876 x", {{29, 30}}, "19811218-XXXX och 19811218-XXXX x", {{32, 33}}},
      // Nothing to mask: nothing moves.
      {"org.nr 802005-1952", {{0, 6}}, "org.nr 802005-1952", {{0, 6}}},
  };
  for (const MaskCase& c : cases) {
    std::string text = c.text;
    Ranges ranges = c.ranges;
    mask_personal_numbers(text, 2026, ranges);
    EXPECT_EQ(text, c.masked) << c.text;
    EXPECT_EQ(ranges, c.moved) << c.text;
    EXPECT_EQ(text, mask_personal_numbers(c.text, 2026)) << c.text;
  }
}

TEST(PersonalNumbers, ReferenceYearOfARecord) {
  EXPECT_EQ(personal_data_year("1999-05-01"), 1999);
  const int now = personal_data_year("");
  EXPECT_GE(now, 2024);
  EXPECT_EQ(personal_data_year("2999-01-01"), now);  // never later than now
  EXPECT_EQ(personal_data_year("okänt"), now);
}

TEST(PersonalNumbers, CenturyFromTheReferenceYear) {
  // Written without a century: the hundred years up to the record's year.
  EXPECT_EQ(normalize_personal_number("000405-9937", 2026), "200004059937");
  EXPECT_EQ(normalize_personal_number("000405-9937", 1999), "190004059937");
  EXPECT_EQ(normalize_personal_number("210791-9967", 2026), "202107919967");
  EXPECT_EQ(normalize_personal_number("  090121+9931 ", 2026), "190901219931");
  EXPECT_EQ(normalize_personal_number("090121+9931 extra", 2026), "");
}

// The personnummer/meta test data: every form of every valid number is
// found, every invalid one (and every organisationsnummer) is not.
TEST(PersonalNumbers, SharedTestData) {
  const std::filesystem::path dir = std::filesystem::path(ARKIV_SOURCE_DIR) / ".." / "shared" / "data" / "personnummer";
  if (!std::filesystem::exists(dir / "list.json")) GTEST_SKIP() << "no ../shared/data/personnummer";
  int checked = 0;
  for (const char* file : {"list.json", "interim.json", "orgnumber.json"}) {
    std::ifstream in(dir / file);
    const nlohmann::json all = nlohmann::json::parse(in);
    for (const auto& e : all) {
      const bool valid = e.value("valid", false);
      for (const char* form : {"long_format", "short_format", "separated_format", "separated_long"}) {
        if (!e.contains(form)) continue;
        const std::string written = e[form];
        const std::string got = normalize_personal_number(written, 2026);
        ++checked;
        if (valid && std::string(form) == "short_format") {
          // Ten digits carry no "+": a person of 100 is read as born this century.
          EXPECT_EQ(got.substr(4), std::string(e["long_format"]).substr(4)) << file << " " << form << " " << written;
        } else if (valid) {
          EXPECT_EQ(got, std::string(e["long_format"])) << file << " " << form << " " << written;
        } else {
          EXPECT_EQ(got, "") << file << " " << form << " " << written;
        }
      }
    }
  }
  EXPECT_GE(checked, 100);
}

}  // namespace
}  // namespace arkiv
