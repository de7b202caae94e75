// Page text from Poppler's reading-order words (extract/pdf_lines.h), on
// tables of words placed as the real PDFs place them, and the decoding of
// fonts printed as glyph indices; then the same on the real records of
// ../shared/data/realworld/swedish/ when they are there.
#include "extract/pdf_lines.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "arkiv/pipeline.h"

namespace fs = std::filesystem;

namespace arkiv::extract::pdf {
namespace {

// A word at (x0, y) of width w and height h, on rotation 0.
Word at(std::string text, double x0, double y, double w, bool space_after = true, double h = 10) {
  Word out;
  out.text = std::move(text);
  out.x0 = x0;
  out.x1 = x0 + w;
  out.y0 = y;
  out.y1 = y + h;
  out.space_after = space_after;
  return out;
}

struct LinesCase {
  const char* name;
  std::vector<Word> words;
  std::string expected;
};

TEST(PdfPageText, Table) {
  const LinesCase kCases[] = {
      {"one line", {at("Arbetsgruppens", 55, 197, 69), at("förslag", 127, 197, 30, false)},
       "Arbetsgruppens förslag"},
      // Ds 1998:10 (Acrobat PDFWriter 3.0): reading order gives the word
      // whole; the next line starts left of where the line ended.
      {"next line starts left",
       {at("till", 160, 197, 12), at("rättsinformationsförordning", 175, 197, 120, false),
        at("1", 55, 229, 5)},
       "till rättsinformationsförordning\n1"},
      {"line-end hyphen kept for normalize",
       {at("Soci-", 300, 100, 25, false), at("alstyrelsen", 55, 112, 50, false)}, "Soci-\nalstyrelsen"},
      // LIVSFS 2006:22 bilaga 1: a header cell hyphenated inside the cell;
      // the next column's cell follows in reading order on a new line.
      {"table header cell", {at("Cyper-", 400, 50, 30, false), at("metrin", 400, 60, 28, false),
                             at("(D)", 402, 70, 12, false), at("Bromoxi-", 120, 50, 38, false)},
       "Cyper-\nmetrin\n(D)\nBromoxi-"},
      {"no blank between parts of one word", {at("§", 55, 100, 5, false), at("12", 60.2, 100, 9, false)},
       "§12"},
      {"a blank's gap without a blank flag", {at("Dnr", 55, 100, 16, false), at("2020", 74, 100, 20, false)},
       "Dnr 2020"},
      // Boverket BFS 1991:36: "föreskriver1 följande", the 1 a footnote.
      {"footnote mark set apart",
       {at("föreskriver", 100, 100, 50, false), at("1", 150, 99, 3, true, 6), at("följande", 156, 100, 35)},
       "föreskriver 1 följande"},
      {"same line further right in another block", {at("Ds", 40, 28, 12), at("1998:10", 55, 28, 36, false),
                                                  at("3", 361, 28, 5, false)},
       "Ds 1998:10 3"},
      // pdf.js Type3WordSpacing: words of one Type 3 font touching each
      // other on baselines 10 units apart (Poppler split them there).
      {"one font on another baseline is another word",
       {at("ab", 0, 1, 20, false, 26), at("ba", 20, 11, 20, false, 26), at("abba", 40, 1, 40, false, 26)},
       "ab ba abba"},
      // The same file's last line, with 0 Tw: "( ab ba abba) Tj" with a
      // space code the Type 3 font has no glyph for, so the words touch.
      {"a blank printed without width ends a word",
       {at("ab", 0, 1, 20, false, 26), at("ba", 20, 1, 20, false, 26), at("abba", 40, 1, 40, false, 26)},
       "ab ba abba"},
      // Tika's testOverlappingText.pdf: "time" printed over "time", 6.6 pt
      // into it at 24 pt.
      {"overlapping words are two words",
       {at("first", 193.4, 74.8, 38.7, true, 22.2), at("time", 238.7, 74.8, 45.3, false, 22.2),
        at("time", 277.4, 74.8, 45.3, false, 22.2)},
       "first time time"},
      {"a symbol font's part on the same baseline stays glued",
       {at("§", 55, 99, 5, false, 12), at("12", 60.2, 100, 9, false)}, "§12"},
      {"empty page", {}, ""},
  };
  for (const LinesCase& c : kCases) {
    SCOPED_TRACE(c.name);
    std::vector<Span> spans;
    EXPECT_EQ(page_text(c.words, &spans), c.expected);
    ASSERT_EQ(spans.size(), c.words.size());
    const std::string text = page_text(c.words);
    for (std::size_t i = 0; i < spans.size(); ++i)
      EXPECT_EQ(text.substr(spans[i].begin, spans[i].end - spans[i].begin), c.words[i].text);
  }
}

TEST(PdfPageText, RotatedWordsFormLinesAlongTheirDirection) {
  // Text running bottom to top (rotation 3), as in a page's margin note.
  Word a = at("Dnr", 20, 300, 10, true, 30);
  a.rotation = 3;
  a.y0 = 270, a.y1 = 300, a.x0 = 20, a.x1 = 30;
  Word b = a;
  b.text = "2020:1";
  b.y0 = 230, b.y1 = 265;
  EXPECT_EQ(page_text({a, b}), "Dnr 2020:1");
  Word c = at("Beslut", 55, 100, 30);
  EXPECT_EQ(page_text({b, c}), "2020:1\nBeslut");
}

struct ControlsCase {
  const char* name;
  std::string in;
  std::string expected;
};

TEST(PdfPageText, ControlCharactersAreBlanks) {
  const ControlsCase kCases[] = {
      // pdf.js issue19802: a subset font's blank is code 1.
      {"code 1 between words", "OHFM\x01QJEJ\x01" "B", "OHFM QJEJ B"},
      // prop. 1999/2000:17, a glyph-index font not decoded (too little
      // evidence): its blank is code 3.
      {"code 3 between words", "*|UDQ\x03" "3HUVVRQ", "*|UDQ 3HUVVRQ"},
      {"line and page structure kept", "a\tb\nc\fd", "a\tb\nc\fd"},
      {"UTF-8 untouched", "Göran Persson", "Göran Persson"},
  };
  for (const ControlsCase& c : kCases) {
    SCOPED_TRACE(c.name);
    std::string text = c.in;
    blank_controls(text);
    EXPECT_EQ(text, c.expected);
  }
}

struct DecodeCase {
  const char* name;
  std::string raw;
  std::string expected;
};

TEST(PdfGlyphOrder, Decode) {
  // prop. 1999/2000:17 (Acrobat Distiller 3.01): the signature lines.
  const DecodeCase kCases[] = {
      {"Göran Persson", "*|UDQ\x03" "3HUVVRQ", "Göran Persson"},
      {"Bosse Ringholm", "%RVVH\x03" "5LQJKROP", "Bosse Ringholm"},
      {"å and ä", "DQVWlOOGD\x03" "RPERUG\x03" "Sn\x03" "IlUMRU", "anställda ombord på färjor"},
      {"capital Å Ä Ö", "cQJHUPDQODQG\x03" "bQJHOKROP\x03" "gUHEUR", "Ångermanland Ängelholm Örebro"},
      {"non-ASCII kept", "é", "é"},
  };
  for (const DecodeCase& c : kCases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(decode_glyph_order(c.raw), c.expected);
  }
}

struct EvidenceCase {
  const char* name;
  std::vector<std::string> words;
  bool decode;
};

TEST(PdfGlyphOrder, DecidesByWhetherTheTextReads) {
  const EvidenceCase kCases[] = {
      {"two signature lines", {"*|UDQ\x03" "3HUVVRQ", "%RVVH\x03" "5LQJKROP"}, true},
      {"a bold heading line",
       {"PHOODQ\x03.RQXQJDULNHW\x03" "6YHULJHV\x03UHJHULQJ\x03RFK\x03.RQXQJDULNHW\x03'DQPDUNV", "UHJHULQJ", "RP",
        "EHVNDWWQLQJ", "DY", "DQVWlOOGD", "RPERUG", "Sn", "IlUMRU", "RFK", "WnJ"},
       true},
      {"Swedish prose", {"I", "propositionen", "föreslås", "att", "riksdagen", "godkänner", "ett", "avtal",
                         "mellan", "Sverige", "och", "Danmark"},
       false},
      {"an all-capitals heading font", {"BOVERKETS", "FÖRFATTNINGSSAMLING", "GÖSTA", "BLÜCHER", "INNEHÅLL"},
       false},
      {"acronyms", {"SFS", "LIVSFS", "EU", "SKR", "ICLD", "KPMG", "BFS", "EMFS", "RFS"}, false},
      {"too little to judge", {"*|UDQ"}, false},
  };
  for (const EvidenceCase& c : kCases) {
    SCOPED_TRACE(c.name);
    ShiftEvidence e;
    for (const std::string& w : c.words) e.add(w);
    EXPECT_EQ(e.decode(), c.decode);
  }
}

TEST(PdfGlyphOrder, MayBeShifted) {
  EXPECT_TRUE(may_be_shifted("PHOODQ\x03" "DQVWlOOGD"));
  EXPECT_FALSE(may_be_shifted("PHOODQ"));  // alone: no sign of the font's blank
  EXPECT_TRUE(may_be_shifted("*|UDQ\x03" "3HUVVRQ"));
  EXPECT_FALSE(may_be_shifted("mellan"));
  EXPECT_FALSE(may_be_shifted("SFS"));
  EXPECT_FALSE(may_be_shifted("12"));
}

// --- The real records ------------------------------------------------------

fs::path realworld(const char* name) {
  return fs::path(ARKIV_SOURCE_DIR) / ".." / "shared" / "data" / "realworld" / "swedish" / name;
}

// The record's normalized text as indexed: extraction, then normalize.
NormalizedDoc read_record(const fs::path& path) {
  SourceFile f;
  f.path = path.string();
  f.abspath = fs::absolute(path).string();
  f.size = fs::file_size(path);
  return normalize::normalize(extract(f));
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

#define REQUIRE_REAL(path) \
  if (!fs::exists(path)) GTEST_SKIP() << "no " << (path) << " (only in the project's shared material)"

TEST(RealPdfWords, PdfWriterDiacriticsStayInTheirWords) {
  const fs::path p = realworld("rinfo_Ds-1998_10.pdf");
  REQUIRE_REAL(p);
  const NormalizedDoc d = read_record(p);
  // pdftotext finds "rättsdatasystem" 27 times; raw order found it
  // nowhere, and broke 715 words after "rä" alone.
  EXPECT_EQ(count(d.text, "rättsdatasystem"), 27u);
  EXPECT_EQ(count(d.text, "rä\ntt"), 0u);
  for (const char* split : {"tillsä\ntta", "lä\nmna", "förbä\nttra", "åtgä\nrder", "sä\ntt"}) {
    SCOPED_TRACE(split);
    EXPECT_EQ(count(d.text, split), 0u);
  }
  EXPECT_NE(d.page_text(3).find("Arbetsgruppens förslag till rättsinformationsförordning"), std::string_view::npos)
      << d.page_text(3);
}

TEST(RealPdfWords, TableHeadersHyphenatedInTheirCells) {
  const fs::path p = realworld("rinfo_LIVSFS-2006_22bil1.pdf");
  REQUIRE_REAL(p);
  const NormalizedDoc d = read_record(p);
  for (const char* word : {"Cypermetrin", "Bromopropylat", "Benfurakarb"}) {
    SCOPED_TRACE(word);
    EXPECT_GT(count(d.text, word), 0u);
  }
  EXPECT_EQ(count(d.text, "Hepta- exempel"), 0u);
  EXPECT_EQ(count(d.text, "Cyper-metrin"), 0u);
}

TEST(RealPdfWords, GlyphIndexFontIsDecoded) {
  const fs::path p = realworld("ferenda_prop-1999-2000-17_custom-encoding.pdf");
  REQUIRE_REAL(p);
  const NormalizedDoc d = read_record(p);
  EXPECT_NE(d.page_text(1).find("Göran Persson"), std::string_view::npos) << d.page_text(1);
  EXPECT_NE(d.page_text(1).find("Bosse Ringholm"), std::string_view::npos);
  EXPECT_EQ(count(d.text, "3HUVVRQ"), 0u);
  EXPECT_EQ(count(d.text, "PHOODQ"), 0u);
  // The body text, in ordinary fonts, is as it was.
  EXPECT_NE(d.text.find("Regeringen överlämnar denna proposition till riksdagen."), std::string::npos);
}

TEST(RealPdfWords, ShortRecordsKeepTheirText) {
  const fs::path p = realworld("rinfo_BFS-1991-36_boverket.pdf");
  REQUIRE_REAL(p);
  const NormalizedDoc d = read_record(p);
  EXPECT_NE(d.text.find("Boverket föreskriver 1 följande med stöd av 2 § förordningen (1991:1273) om"),
            std::string::npos)
      << d.text;
  EXPECT_NE(d.text.find("Kravet på funktionskontroll gäller inte en- och tvåbostadshus med"), std::string::npos);
}

}  // namespace
}  // namespace arkiv::extract::pdf
