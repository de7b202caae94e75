// A PDF page's text rebuilt from the words of Poppler's reading order, and
// the decoding of fonts whose codes are glyph indices. Pure functions of
// the words (no Poppler types), so they are tested on tables. Internal to
// src/extract/.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace arkiv::extract::pdf {

// One word as Poppler's text_list() gives it, in reading order.
struct Word {
  std::string text;                       // UTF-8, a line-end hyphen still on it ("Soci-")
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // bounding box, page coordinates (y grows down)
  int rotation = 0;                       // 0..3: quarter turns of the text direction
  bool space_after = false;               // Poppler saw a blank after it on its line
  int font = -1;                          // index of its font in the caller's table; -1 unknown
};

// Where a word landed in the page text: bytes [begin, end).
struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
};

// The page text: words of one line joined by a blank where Poppler saw one
// (or where the gap is a blank's width), lines by '\n'. The line structure
// is kept, a line-end hyphen included, so that normalize decides with its
// Swedish rules whether "Soci-\nalstyrelsen" or "IT-\navdelningen" is one
// word. `spans`, when given, gets one entry per word.
std::string page_text(const std::vector<Word>& words, std::vector<Span>* spans = nullptr);

// Fonts whose codes are glyph indices in the standard TrueType (Macintosh)
// glyph order: Acrobat Distiller 3.01 wrote such fonts without a usable
// encoding, so Poppler prints each code as if it were a character. The
// code of a letter is then 29 below it ("3HUVVRQ" for "Persson") and å, ä,
// ö come out as "n", "l", "|" ("*|UDQ" for "Göran"); the blank is code 3,
// a control character. Decodes such a text; characters outside the code
// range are kept.
std::string decode_glyph_order(std::string_view raw);

// Evidence, summed over a font's words, of whether its text reads as
// Swedish as printed or only once decoded with decode_glyph_order().
class ShiftEvidence {
 public:
  void add(std::string_view raw);
  // True if the decoded text reads as text and the printed one does not:
  // enough letters, mostly lower-case with vowels once decoded, while as
  // printed it is capitals without lower-case vowels ("PHOODQ" for
  // "mellan") with code 3 for its blanks.
  bool decode() const;

 private:
  struct Counts {
    std::size_t letters = 0, lower = 0, vowels = 0, common_words = 0, glyph_blanks = 0;
  };
  static void count(std::string_view text, Counts& c);
  Counts raw_, decoded_;
};

// True if a word printed this way may come from such a font: code 3 (the
// font's blank) inside, letters, no lower-case ASCII vowel as printed, and
// vowels once decoded. Cheap; used
// to decide whether a page is worth asking Poppler for font names.
bool may_be_shifted(std::string_view raw);

// Replaces, in place, the control characters left in a page text (all of
// C0 but '\t', '\n', '\f', '\r') by a blank. Poppler prints a code of a
// font without a Unicode map as the code itself, and a subset font that
// numbers its glyphs in order of use gives its blank a low code: pdf.js
// issue19802 has "\x01" between its words ("OHFM\x01QJEJ"). Dropped (as
// normalization drops stray controls), the words of a line were glued into
// one term; a blank keeps them apart. Runs after decode_glyph_order(),
// which reads code 3 as the blank of its fonts.
void blank_controls(std::string& text);

}  // namespace arkiv::extract::pdf
