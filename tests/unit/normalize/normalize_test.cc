// Normalization, table-driven: raw page text as Poppler prints it (raw
// order, line breaks and hyphens as on paper) -> the text arkiv stores.
// Most inputs are lines of the seed record (Gävle's follow-up of the Zhuhai
// partnership), copied with their trailing blanks.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "arkiv/pipeline.h"

namespace arkiv::normalize {
namespace {

struct Case {
  const char* name;
  std::string raw;
  std::string expected;
};

const std::vector<Case>& cases() {
  static const std::vector<Case> kCases = {
      // Line-break hyphenation.
      {"typesetter's hyphen is removed",
       "bedriver \nutlands-\npolitik, det gör UD/regeringen", "bedriver\nutlandspolitik, det gör UD/regeringen"},
      {"compound split at a line end", "personuppgifter på områden som faller utanför gemenskaps-\nrätten, t.ex.",
       "personuppgifter på områden som faller utanför gemenskapsrätten, t.ex."},
      {"acronym keeps its hyphen", "Ansvarig är IT-\navdelningen.", "Ansvarig är IT-avdelningen."},
      {"name keeps its hyphen", "ett Linnéus Palme-\nutbyte inom industriell", "ett Linnéus Palme-utbyte inom industriell"},
      {"single letter keeps its hyphen", "skicka e-\npost till registrator", "skicka e-post till registrator"},
      {"elliptic compound keeps hyphen and space", "lärar-\noch studentutbyte", "lärar- och studentutbyte"},
      {"elliptic with eller", "miljö-\neller klimatområdet", "miljö- eller klimatområdet"},
      {"digits are not a broken word", "Aktiviteter 2016-\n2020", "Aktiviteter 2016-\n2020"},
      {"capital after hyphen is not a broken word", "samarbete Gävle-\nZhuhai", "samarbete Gävle-\nZhuhai"},
      {"the seed's broken URL is rejoined, hyphen kept",
       "https://www.regeringen.se/4ad5e5/contentassets/8a6d4e54b01d48ed9c196a252d09aff4/arbetet-i- \n"
       "fragor-som-ror-kina-skr-2019-20-18.pdf) och regeringen skriver på hemsida att  ",
       "https://www.regeringen.se/4ad5e5/contentassets/8a6d4e54b01d48ed9c196a252d09aff4/"
       "arbetet-i-fragor-som-ror-kina-skr-2019-20-18.pdf) och regeringen skriver på hemsida att"},
      {"URL wrapped before digits", "(se https://www.regeringen.se/kina-skr-\n2019-20-18.pdf)",
       "(se https://www.regeringen.se/kina-skr-2019-20-18.pdf)"},
      {"hyphens inside a line are never touched",
       "ICLD-Internationellt Centrum för Lokal Demokrati en förstudie (2015-16), miljö-/klimatområdet",
       "ICLD-Internationellt Centrum för Lokal Demokrati en förstudie (2015-16), miljö-/klimatområdet"},
      {"hyphen before a blank line stays", "slutet av raden-\n\nNy paragraf", "slutet av raden-\n\nNy paragraf"},
      {"chained breaks", "kommun-\nstyrelse-\nordföranden", "kommunstyrelseordföranden"},
      // Characters.
      {"curly quotes to ASCII",
       "Medborgardialog – \u201DInnovative citizen dialogue as a tool for sustainable development\u201D",
       "Medborgardialog – \"Innovative citizen dialogue as a tool for sustainable development\""},
      {"single curly quotes", "\u2018citat\u2019 och SKR\u2019s", "'citat' och SKR's"},
      {"low quote", "\u201Enågot\u201C", "\"något\""},
      {"soft hyphen removed", "av\u00ADslag", "avslag"},
      {"ligatures folded", "\uFB01nansiering och \uFB02öde", "finansiering och flöde"},
      {"full-width forms folded", "\uFF2B\uFF33 2015", "KS 2015"},
      {"no-break spaces", "§\u00A012 och 10\u202F000\u00A0kr", "§ 12 och 10 000 kr"},
      {"zero-width characters removed", "Gäv\u200Ble\uFEFF", "Gävle"},
      {"unicode hyphen and minus", "Gävle\u2010Zhuhai \u22125", "Gävle-Zhuhai -5"},
      {"dashes kept", "2016 – 2020 — klart", "2016 – 2020 — klart"},
      {"decomposed å ä ö composed (NFC)", "Ga\u0308vle ha\u030Ar", "Gävle hår"},
      {"Swedish letters are never stripped", "Kina får allt större betydelse", "Kina får allt större betydelse"},
      {"S:t kept", "S:t Eriks gata", "S:t Eriks gata"},
      {"compatibility characters outside the list kept", "½ m² ²", "½ m² ²"},
      // Layout.
      {"CRLF and CR", "rad ett\r\nrad två\rrad tre", "rad ett\nrad två\nrad tre"},
      {"trailing blanks trimmed, spaces collapsed", "Gävle  kommun   har \t sedan 2010 \n", "Gävle kommun har sedan 2010"},
      {"blank lines at page edges dropped", "\n\n  \nBakgrund \n\nText\n\n\n", "Bakgrund\n\nText"},
      {"control characters removed", std::string("Gävle\x01\x7F kommun\x1B"), "Gävle kommun"},
      {"invalid UTF-8 replaced", std::string("Gävle \xFF kommun"), "Gävle \uFFFD kommun"},
      {"empty", "", ""},
  };
  return kCases;
}

TEST(NormalizeText, Table) {
  for (const Case& c : cases()) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(normalize_text(c.raw), c.expected);
  }
}

TEST(NormalizeText, Idempotent) {
  for (const Case& c : cases()) {
    SCOPED_TRACE(c.name);
    std::string once = normalize_text(c.raw);
    EXPECT_EQ(normalize_text(once), once);
  }
}

TEST(NormalizeText, DehyphenationCanBeTurnedOff) {
  NormalizeOptions opts;
  opts.dehyphenate = false;
  EXPECT_EQ(normalize_text("utlands-\npolitik", opts), "utlands-\npolitik");
}

ExtractedDoc doc_with_pages(std::vector<std::string> pages, std::string title = "") {
  ExtractedDoc d;
  d.source.path = "corpus/protokoll_2020-06-15.pdf";
  d.format = "pdf";
  d.meta.title = std::move(title);
  int n = 0;
  for (auto& p : pages) d.pages.push_back({++n, std::move(p)});
  d.page_count = n;
  return d;
}

TEST(Normalize, PagesAreJoinedWithFormFeedsAndSpansPointIntoText) {
  NormalizedDoc d = normalize(doc_with_pages({"Sida ett \n", "", "Sida tre\nutlands-\npolitik"}));
  EXPECT_EQ(d.text, "Sida ett\f\fSida tre\nutlandspolitik");
  ASSERT_EQ(d.pages.size(), 3u);
  EXPECT_EQ(d.page_text(1), "Sida ett");
  EXPECT_EQ(d.page_text(2), "");
  EXPECT_EQ(d.page_text(3), "Sida tre\nutlandspolitik");
  EXPECT_EQ(d.page_text(4), "");
  EXPECT_EQ(d.page_at(0), 1);
  EXPECT_EQ(d.page_at(d.text.find("utlandspolitik")), 3);
  EXPECT_EQ(d.page_at(d.text.size() + 10), 0);
  EXPECT_EQ(d.page_count, 3);
}

TEST(Normalize, TitleChoice) {
  struct {
    const char* meta_title;
    std::vector<std::string> pages;
    const char* expected;
  } cases[] = {
      {"Uppföljning partnerskap med Zhuhai", {"Bakgrund"}, "Uppföljning partnerskap med Zhuhai"},
      {"Microsoft Word - KS protokoll.docx", {"\nProtokoll Kommunstyrelsen \n§ 1"}, "Protokoll Kommunstyrelsen"},
      {"protokoll.pdf", {"Beslut"}, "Beslut"},
      {"Untitled", {"", "Andra sidan"}, "Andra sidan"},
      {"", {"", ""}, "protokoll_2020-06-15.pdf"},
      {"  \u201DCitat\u201D\u00A0i titeln ", {"x"}, "\"Citat\" i titeln"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.meta_title);
    EXPECT_EQ(normalize(doc_with_pages(c.pages, c.meta_title)).title, c.expected);
  }
}

TEST(Normalize, LongFirstLineTitleIsCutOnACharacterBoundary) {
  std::string line;
  for (int i = 0; i < 150; ++i) line += "å";  // 300 bytes
  std::string title = normalize(doc_with_pages({line})).title;
  EXPECT_LE(title.size(), 200u);
  EXPECT_EQ(title.size() % 2, 0u);
}

// The whole seed record, line by line as in ../shared (skipped without it).
TEST(NormalizeSeed, WholeRecord) {
  const char* env = std::getenv("ARKIV_SHARED_DIR");
  std::filesystem::path shared = env ? env : std::string(ARKIV_SOURCE_DIR) + "/../shared";
  std::ifstream in(shared / "seed/000_9c845c6fc26ea55d.txt");
  if (!in) GTEST_SKIP() << "no ../shared/seed here";
  std::stringstream ss;
  ss << in.rdbuf();
  std::string out = normalize_text(ss.str());
  const std::string url =
      "https://www.regeringen.se/4ad5e5/contentassets/8a6d4e54b01d48ed9c196a252d09aff4/"
      "arbetet-i-fragor-som-ror-kina-skr-2019-20-18.pdf";
  int urls = 0;
  for (auto p = out.find(url); p != std::string::npos; p = out.find(url, p + 1)) ++urls;
  EXPECT_EQ(urls, 3);
  EXPECT_NE(out.find("utlandspolitik"), std::string::npos);
  EXPECT_NE(out.find("ICLD-Internationellt Centrum för Lokal Demokrati"), std::string::npos);
  EXPECT_NE(out.find("miljö-/klimatområdet"), std::string::npos);
  EXPECT_NE(out.find("Medborgardialog – \"Innovative"), std::string::npos);
  EXPECT_EQ(out.find("\u201D"), std::string::npos);
  EXPECT_EQ(out.find(" \n"), std::string::npos) << "no line ends with a blank";
  EXPECT_EQ(normalize_text(out), out);
}

}  // namespace
}  // namespace arkiv::normalize
