#include "extract/pdf_lines.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>

namespace arkiv::extract::pdf {
namespace {

// The extent of a word across its text direction (`lo`, `hi`) and where it
// starts and ends along it, for Poppler's four rotations.
struct Extent {
  double lo, hi, start, end;
};

Extent extent(const Word& w) {
  switch (w.rotation & 3) {
    case 1:  // top to bottom
      return {w.x0, w.x1, w.y0, w.y1};
    case 2:  // right to left, upside down
      return {w.y0, w.y1, -w.x1, -w.x0};
    case 3:  // bottom to top
      return {w.x0, w.x1, -w.y1, -w.y0};
    default:
      return {w.y0, w.y1, w.x0, w.x1};
  }
}

// What goes between word `a` and the next word `b` of the reading order.
// Poppler's text_list() gives words, not lines: two words are on one line
// if they share the baseline band and `b` does not start left of where `a`
// ends (a new column or the next line starts to the left or below).
const char* separator(const Word& a, const Word& b) {
  if (a.rotation != b.rotation) return "\n";
  const Extent ea = extent(a);
  const Extent eb = extent(b);
  const double height = std::min(ea.hi - ea.lo, eb.hi - eb.lo);
  const double overlap = std::min(ea.hi, eb.hi) - std::max(ea.lo, eb.lo);
  const double gap = eb.start - ea.end;
  if (height <= 0 || overlap < 0.5 * height || gap < -0.5 * height) return "\n";
  if (a.space_after) return " ";
  // A footnote mark is a word of its own, set smaller and without a blank
  // ("föreskriver1 följande", "1Jfr prop." in Boverket's BFS 1991:36):
  // glued, neither "föreskriver" nor "Jfr" could be found.
  const double taller = std::max(ea.hi - ea.lo, eb.hi - eb.lo);
  if (height < 0.8 * taller) return " ";
  // Poppler ends a word where the next glyph overlaps it: text printed
  // twice or over other text (Tika's testOverlappingText.pdf sets "time"
  // a sixth of its width into "time") is two words, not "timetime".
  // Kerning between the parts of a word split at a font change overlaps
  // far less.
  if (gap < -0.15 * height) return " ";
  // Poppler ends a word where the baseline moves, even by half a point.
  // Two words of one height (one font and size) set on baselines a fifth
  // of a line apart are two words: pdf.js's Type3WordSpacing sets "ab",
  // "ba", "abba" in a Type 3 font on baselines 10 units apart, and gluing
  // them lost most of its words ("abbaba").
  const double dy = ea.lo - eb.lo;
  const bool same_height = std::abs((ea.hi - ea.lo) - (eb.hi - eb.lo)) < 0.02 * taller;
  if (same_height && std::abs(dy) > 0.2 * height && std::abs((ea.hi - eb.hi) - dy) < 0.02 * taller) return " ";
  // Poppler ends a word on one baseline, in one size, with the next glyph
  // exactly where the last one ended, only at a blank printed with no
  // width (a space code a font has no glyph for): the same pdf.js file
  // prints "( ab ba abba) Tj" with 0 Tw, and gluing gave "abbaabba". A
  // font change inside a word does not end it in Poppler unless the size
  // changes too, and then the boxes' heights differ.
  if (same_height && std::abs(dy) < 0.01 * height && std::abs(gap) < 0.01 * height) return " ";
  // Poppler splits a word where the font changes ("§" in a symbol font)
  // and sets no blank between the parts; a gap of a blank's width is one.
  return gap < 0.2 * height ? "" : " ";
}

// Appends the UTF-8 of code point `c`.
void append_utf8(std::string& out, std::uint32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

// Glyphs 98..127 of the standard Macintosh glyph order: the letters of Mac
// Roman 0x80..0x9D (Adieresis, Aring, Ccedilla, ... ugrave).
constexpr std::array<std::uint16_t, 30> kMacRomanHigh = {
    0xC4, 0xC5, 0xC7, 0xC9, 0xD1, 0xD6, 0xDC, 0xE1, 0xE0, 0xE2, 0xE4, 0xE3, 0xE5, 0xE7, 0xE9,
    0xE8, 0xEA, 0xEB, 0xED, 0xEC, 0xEE, 0xEF, 0xF1, 0xF3, 0xF2, 0xF4, 0xF6, 0xF5, 0xFA, 0xF9};

// The character glyph index `code` stands for, 0 if none.
std::uint32_t glyph_char(unsigned char code) {
  if (code == 3) return ' ';
  if (code >= 4 && code <= 97) return code + 29u;
  if (code >= 98 && code <= 127) return kMacRomanHigh[code - 98];
  return 0;
}

bool is_vowel(std::uint32_t c) {
  switch (c) {
    case 'a': case 'e': case 'i': case 'o': case 'u': case 'y':
    case 'A': case 'E': case 'I': case 'O': case 'U': case 'Y':
    case 0xE5: case 0xE4: case 0xF6: case 0xC5: case 0xC4: case 0xD6: case 0xE9:
      return true;
    default:
      return false;
  }
}

// The most frequent Swedish words of running text (Språkbanken's
// frequency lists begin with them): a text that holds none of them in a
// few dozen words is not Swedish prose.
constexpr std::array<std::string_view, 24> kCommonWords = {
    "och", "i", "att", "det", "som", "en", "på", "är", "av", "för", "med", "till",
    "den", "har", "de", "inte", "om", "ett", "han", "men", "var", "mellan", "vid", "eller"};

// Decodes UTF-8 `s` into code points, 0xFFFD for bad bytes.
template <typename F>
void for_each_code_point(std::string_view s, F f) {
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    std::uint32_t c = 0xFFFD;
    std::size_t n = 1;
    if (b < 0x80) {
      c = b;
    } else if ((b & 0xE0) == 0xC0 && i + 1 < s.size()) {
      c = ((b & 0x1Fu) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3Fu);
      n = 2;
    } else if ((b & 0xF0) == 0xE0 && i + 2 < s.size()) {
      c = ((b & 0x0Fu) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 6) |
          (static_cast<unsigned char>(s[i + 2]) & 0x3Fu);
      n = 3;
    } else if ((b & 0xF8) == 0xF0 && i + 3 < s.size()) {
      n = 4;
    }
    f(c);
    i += n;
  }
}

bool is_letter(std::uint32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xFF && c != 0xD7 && c != 0xF7);
}

bool is_lower(std::uint32_t c) { return (c >= 'a' && c <= 'z') || (c >= 0xDF && c <= 0xFF && c != 0xF7); }

}  // namespace

std::string page_text(const std::vector<Word>& words, std::vector<Span>* spans) {
  std::string out;
  if (spans) spans->clear();
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += separator(words[i - 1], words[i]);
    if (spans) spans->push_back({out.size(), out.size() + words[i].text.size()});
    out += words[i].text;
  }
  return out;
}

std::string decode_glyph_order(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for_each_code_point(raw, [&](std::uint32_t c) {
    const std::uint32_t d = c < 0x80 ? glyph_char(static_cast<unsigned char>(c)) : 0;
    append_utf8(out, d ? d : c);
  });
  return out;
}

void ShiftEvidence::count(std::string_view text, Counts& c) {
  std::string word;
  auto end_word = [&] {
    if (!word.empty() && std::find(kCommonWords.begin(), kCommonWords.end(), word) != kCommonWords.end())
      ++c.common_words;
    word.clear();
  };
  for_each_code_point(text, [&](std::uint32_t cp) {
    if (cp == 3) ++c.glyph_blanks;
    if (!is_letter(cp)) {
      end_word();
      return;
    }
    ++c.letters;
    if (is_lower(cp)) ++c.lower;
    if (is_vowel(cp)) ++c.vowels;
    append_utf8(word, cp);
  });
  end_word();
}

void ShiftEvidence::add(std::string_view raw) {
  count(raw, raw_);
  count(decode_glyph_order(raw), decoded_);
}

bool ShiftEvidence::decode() const {
  // Two signature lines ("Göran Persson", "Bosse Ringholm": 24 letters)
  // are the smallest sample worth deciding on.
  if (decoded_.letters < 20) return false;
  const auto share = [](std::size_t part, std::size_t whole) { return whole ? double(part) / whole : 0.0; };
  const bool decoded_reads = share(decoded_.lower, decoded_.letters) >= 0.6 &&
                             share(decoded_.vowels, decoded_.letters) >= 0.25 &&
                             share(decoded_.vowels, decoded_.letters) <= 0.6;
  const bool raw_reads = share(raw_.lower, raw_.letters) >= 0.5 && share(raw_.vowels, raw_.letters) >= 0.2;
  // The blank of such a font is code 3, a control character no real text
  // has inside a word: without one, an all-capitals heading font
  // ("INNEHÅLL") could pass for a shifted one.
  if (!decoded_reads || raw_reads || raw_.glyph_blanks == 0) return false;
  // Longer samples must hold Swedish words; names alone need not.
  return decoded_.letters < 200 || decoded_.common_words > raw_.common_words;
}

void blank_controls(std::string& text) {
  for (char& ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\f' && c != '\r') ch = ' ';
  }
}

bool may_be_shifted(std::string_view raw) {
  // Poppler does not split words at code 3, so a run of several words in
  // such a font is one "word" with code 3 inside; acronyms ("SKR" decodes
  // to "pho") never have one.
  if (raw.find('\x03') == std::string_view::npos) return false;
  std::size_t letters = 0, lower_vowels = 0;
  for_each_code_point(raw, [&](std::uint32_t c) {
    if (is_letter(c)) ++letters;
    if (c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y') ++lower_vowels;
  });
  if (letters < 3 || lower_vowels > 0) return false;
  std::size_t vowels = 0;
  for_each_code_point(decode_glyph_order(raw), [&](std::uint32_t c) { vowels += is_vowel(c); });
  return vowels > 0;
}

}  // namespace arkiv::extract::pdf
