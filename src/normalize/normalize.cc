// Normalization: turns the text an extractor printed into the text arkiv
// stores, searches and quotes. Every later offset (tokens, snippets, page
// numbers) points into its output, and queries go through it too, so it is
// deterministic and idempotent: normalize_text(normalize_text(x)) ==
// normalize_text(x).
//
// Two passes. The first works on code points (ICU): bad UTF-8, control and
// invisible characters, spaces, quotes, hyphens, compatibility forms, NFC.
// The second works on lines of UTF-8: blanks, blank lines at the page edges,
// and line-break hyphenation. Splitting the work keeps the hyphenation rules
// readable; the second pass only ever looks for ASCII ' ', '-', '\n' and
// '\f', which never occur inside a multi-byte UTF-8 sequence.
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "arkiv/error.h"
#include "arkiv/pipeline.h"
#include "normalize/title.h"
#include "util/text.h"

namespace arkiv::normalize {
namespace {

// A failing ICU call here means missing ICU data or a broken build, not a
// bad document: it would fail for every record, so it stops the run.
[[noreturn]] void icu_failure(const char* what, UErrorCode status) {
  throw Error(std::string("ICU ") + what + " failed: " + u_errorName(status));
}

const icu::Normalizer2& nfc() {
  static const icu::Normalizer2& instance = [] () -> const icu::Normalizer2& {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status) || n == nullptr) icu_failure("getNFCInstance", status);
    return *n;
  }();
  return instance;
}

const icu::Normalizer2& nfkc() {
  static const icu::Normalizer2& instance = [] () -> const icu::Normalizer2& {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKCInstance(status);
    if (U_FAILURE(status) || n == nullptr) icu_failure("getNFKCInstance", status);
    return *n;
  }();
  return instance;
}

// ---------------------------------------------------------------------------
// Pass 1: code points.

// Compatibility characters folded with NFKC. Only these ranges: NFKC on the
// whole text would turn "½" into "1⁄2", "m²" into "m2" and "…" into "...",
// which changes what a record says. Ligatures come from typeset PDFs
// ("ﬁnansiering" with U+FB01), full-width ASCII from East Asian fonts in
// documents exchanged with partner cities such as Zhuhai.
bool folds_compat(UChar32 c) { return (c >= 0xFB00 && c <= 0xFB06) || (c >= 0xFF01 && c <= 0xFF5E); }

// Invisible characters that only steer line breaking or joining. Word and
// InDesign leave soft hyphens in PDFs ("av\u00ADslag" must be found as
// "avslag"); zero-width spaces and joiners would split or glue words
// without the reader seeing anything.
bool is_invisible(UChar32 c) {
  switch (c) {
    case 0x00AD:  // soft hyphen
    case 0x200B:  // zero-width space
    case 0x200C:  // zero-width non-joiner
    case 0x200D:  // zero-width joiner
    case 0x2060:  // word joiner
    case 0xFEFF:  // byte order mark / zero-width no-break space
      return true;
    default:
      return false;
  }
}

// Control characters other than the line and page structure. C1 controls
// (U+0080-U+009F) and DEL go too: in extracted text they are debris from
// broken font encodings and would end up inside index terms.
bool is_stray_control(UChar32 c) {
  if (c < 0x20) return c != '\n' && c != '\t' && c != '\f' && c != '\r';
  return c >= 0x7F && c < 0xA0;
}

// The ASCII replacement of a typographic character, or 0 to keep it. Word
// turns "Innovative citizen dialogue" into ”Innovative citizen dialogue”
// (the seed record); the query "innovative citizen dialogue" typed with
// ASCII quotes must match it as a phrase.
UChar32 ascii_replacement(UChar32 c) {
  switch (c) {
    case '\t':
      return ' ';
    case 0x201C: case 0x201D: case 0x201E: case 0x201F:  // “ ” „ ‟
    case 0x00AB: case 0x00BB:                            // « »
      return '"';
    case 0x2018: case 0x2019: case 0x201A: case 0x201B:  // ‘ ’ ‚ ‛
      return '\'';
    // Hyphen, non-breaking hyphen, minus sign. En dash and em dash stay:
    // they are punctuation in Swedish ("Medborgardialog – ”Innovative"),
    // not part of words like "ICLD-Internationellt".
    case 0x2010: case 0x2011: case 0x2212:
      return '-';
    // Line and paragraph separators end a line like '\n' does.
    case 0x2028: case 0x2029:
      return '\n';
    default:
      break;
  }
  // All space separators (Zs): no-break space as in "§\u00A012", narrow
  // no-break space as in "10\u202F000 kr", figure space, U+2000-U+200A,
  // ideographic space U+3000. A search must not depend on which one the
  // typesetter chose.
  if (c != ' ' && u_charType(c) == U_SPACE_SEPARATOR) return ' ';
  return 0;
}

// Decodes `raw` (bad bytes become U+FFFD), applies the per-character rules
// and returns the result in NFC.
icu::UnicodeString clean_code_points(std::string_view raw) {
  // fromUTF8 replaces every ill-formed sequence by U+FFFD; it has no error
  // code to check.
  const icu::UnicodeString in =
      icu::UnicodeString::fromUTF8(icu::StringPiece(raw.data(), static_cast<int32_t>(raw.size())));
  icu::UnicodeString out;
  const int32_t n = in.length();
  const char16_t* units = in.getBuffer();
  // Runs of characters no rule touches (printable ASCII, line and page
  // breaks, Latin-1 letters such as å, ä, ö) are copied whole: appending
  // them one by one was most of this pass.
  auto untouched = [](char16_t u) { return (u >= 0x20 && u < 0x7F) || u == '\n' || u == '\f' || (u >= 0xC0 && u <= 0xFF); };
  int32_t run = 0;
  for (int32_t i = 0; i < n;) {
    if (untouched(units[i])) {
      ++i;
      continue;
    }
    out.append(in, run, i - run);
    const UChar32 c = in.char32At(i);
    i += U16_LENGTH(c);
    run = i;
    if (c == '\r') {
      // CR LF and lone CR (old Mac exports) are both one line break.
      if (i < n && in.charAt(i) == '\n') continue;
      out.append(static_cast<UChar>('\n'));
    } else if (is_invisible(c) || is_stray_control(c)) {
      continue;
    } else if (folds_compat(c)) {
      UErrorCode status = U_ZERO_ERROR;
      nfkc().normalizeSecondAndAppend(out, icu::UnicodeString(c), status);
      if (U_FAILURE(status)) icu_failure("NFKC", status);
    } else if (UChar32 r = ascii_replacement(c); r != 0) {
      out.append(r);
    } else {
      out.append(c);
    }
  }
  out.append(in, run, n - run);
  // NFC after the removals, so that "a\u00AD\u0308" (soft hyphen between a
  // letter and its combining diaeresis) composes to "ä", and so that a
  // decomposed "Ga\u0308vle" from a Mac-made PDF matches "Gävle".
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString result = nfc().normalize(out, status);
  if (U_FAILURE(status)) icu_failure("NFC", status);
  return result;
}

// ---------------------------------------------------------------------------
// Pass 2: lines.

// Splits one page into lines; each line has its runs of spaces collapsed
// and no blank at either end. Poppler ends most lines of Word-made PDFs with
// a blank ("Bakgrund \n" in the seed record), and lines holding only a blank
// mark empty paragraphs. Leading blanks carry no meaning in raw-order text
// and would hide the lowercase letter that dehyphenation looks for
// ("miljö-\n och klimat").
std::vector<std::string> split_lines(std::string_view page) {
  std::vector<std::string> lines;
  std::string cur;
  for (char ch : page) {
    if (ch == '\n') {
      if (!cur.empty() && cur.back() == ' ') cur.pop_back();
      lines.push_back(std::move(cur));
      cur.clear();
    } else if (ch == ' ') {
      if (!cur.empty() && cur.back() != ' ') cur += ' ';
    } else {
      cur += ch;
    }
  }
  if (!cur.empty() && cur.back() == ' ') cur.pop_back();
  lines.push_back(std::move(cur));
  return lines;
}

UChar32 first_code_point(std::string_view s) {
  if (s.empty()) return U_SENTINEL;
  int32_t i = 0;
  UChar32 c;
  U8_NEXT(s.data(), i, static_cast<int32_t>(s.size()), c);
  return c;
}

UChar32 last_code_point(std::string_view s) {
  if (s.empty()) return U_SENTINEL;
  int32_t i = static_cast<int32_t>(s.size());
  UChar32 c;
  U8_PREV(s.data(), 0, i, c);
  return c;
}

// Drops opening punctuation in front of a word: "(se https://..." or
// "(e-\npost)" must be judged by "https://..." and "e".
std::string_view strip_leading_punct(std::string_view s) {
  while (!s.empty()) {
    int32_t i = 0;
    UChar32 c;
    U8_NEXT(s.data(), i, static_cast<int32_t>(s.size()), c);
    if (c < 0 || !u_ispunct(c)) break;
    s.remove_prefix(static_cast<std::size_t>(i));
  }
  return s;
}

bool starts_with_ascii_ci(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char a = s[i];
    if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
    if (a != prefix[i]) return false;
  }
  return true;
}

bool looks_like_url(std::string_view word) {
  return starts_with_ascii_ci(word, "http://") || starts_with_ascii_ci(word, "https://") ||
         starts_with_ascii_ci(word, "www.");
}

// The letters a line starts with: "och" in "och studentutbyte", "resp" in
// "resp. kultur".
std::string_view leading_letters(std::string_view s) {
  int32_t i = 0;
  const auto n = static_cast<int32_t>(s.size());
  while (i < n) {
    int32_t next = i;
    UChar32 c;
    U8_NEXT(s.data(), next, n, c);
    if (c < 0 || !u_isalpha(c)) break;
    i = next;
  }
  return s.substr(0, static_cast<std::size_t>(i));
}

// Words that, after a line-final hyphen, mark an elliptic compound whose
// hyphen is real and stands for the shared last part: "lärar-\noch
// studentutbyte" is "lärar- och studentutbyte", "miljö-\neller klimat" is
// "miljö- eller klimat".
constexpr std::array<std::string_view, 7> kEllipsisWords = {"och", "eller", "samt", "resp", "respektive",
                                                            "som", "till"};

// Ordinary words made of a prefix and one of kEllipsisWords. Broken at a
// line end ("efter-\nsom", "där-\ntill") they are typesetter's hyphens, not
// elliptic compounds: without this list they would come out "efter- som".
constexpr std::array<std::string_view, 10> kClosedCompounds = {
    "eftersom", "liksom", "såsom", "varsom", "därtill", "härtill", "intill", "vartill", "framtill", "upptill"};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& words, std::string_view w) {
  return std::find(words.begin(), words.end(), w) != words.end();
}

// True if the hyphen ending `part` is part of the word by its letters
// alone: `part` holds a digit or a capital past its first letter (an
// acronym: "IT-\navdelningen", "ÅVC-\nstationen", "2000-\ntalet") or is
// a single letter ("e-\npost").
bool hyphen_is_real(std::string_view part) {
  int letters = 0;
  int others = 0;
  const auto n = static_cast<int32_t>(part.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(part.data(), i, n, c);
    if (c >= 0 && (u_isdigit(c) || (letters > 0 && (u_isupper(c) || u_istitle(c))))) return true;
    if (c >= 0 && u_isalpha(c)) {
      ++letters;
    } else {
      ++others;
    }
  }
  return letters == 1 && others == 0;
}

// True if `part` starts with a capital: "Soci", "Palme", "Änd".
bool is_capitalised(std::string_view part) {
  const UChar32 c = first_code_point(part);
  return c >= 0 && (u_isupper(c) || u_istitle(c));
}

// For a capitalised part, whether the hyphen is real; the lexicon decides.
// Word-processed reports break long names at line ends like any word
// ("Soci-\nalstyrelsen", "Finansin-\nspektionens", "Änd-\nringen"), and
// tables break column headers inside their cells ("Cyper-\nmetrin" in
// LIVSFS 2006:22 bilaga 1), while a name put before a word keeps its
// hyphen ("Palme-\nutbyte", "Zhuhai-\nsamarbetet").
bool capitalised_hyphen_is_real(std::string_view part, std::string_view next_word, const NormalizeOptions& opts) {
  if (opts.words == nullptr) return true;
  const std::string head = util::lower_sv(part);
  const std::string tail = util::lower_sv(next_word);
  if (opts.words(head + tail).word) return false;  // "socialstyrelsen", "ändringen"
  // A compound the lexicon builds from a word ("miljö" + "nämnden") or a
  // joining form with its -s ("arbets" + "förmedlingens"); not from a
  // name ("Palme" + "utbyte").
  const WordKnowledge h = opts.words(head);
  if (!h.name && opts.words(tail).compound_end && (h.word || (h.compound_begin && head.back() == 's')))
    return false;
  // A name or an abbreviation before a word: "Palme" + "utbyte".
  return opts.words(tail).word;
}

enum class Join {
  kNone,             // keep the line break
  kKeepHyphen,       // "IT-" + "avdelningen"   -> "IT-avdelningen"
  kKeepHyphenSpace,  // "lärar-" + "och ..."     -> "lärar- och ..."
  kDropHyphen,       // "utlands-" + "politik"   -> "utlandspolitik"
};

// True unless the page `lines` is in English: at least 10 of English's
// commonest words ("the", "and", "of" ...) and more than three times as
// many as of Swedish's ("och", "att", "som" ...). On such a page the Swedish
// lexicon cannot judge a capitalised part's hyphen: hunspell-sv knows
// "ity", "ting", "gate" and "ment", so the English test files'
// "Secur-\nity", "Get-\nting", "Aggre-\ngate" and "Pay-\nment" (378 words in
// ../shared's PDFs) kept their hyphens as if a name met a word
// ("Palme-\nutbyte"). Counting words the lexicon knows does not tell the
// languages apart: it knows "tax", "service", "federal", "premium".
bool reads_as_swedish(const std::vector<std::string_view>& lines) {
  static constexpr std::array<std::string_view, 16> kSwedish = {
      "och", "att", "det", "som", "är", "på", "för", "med", "till", "den", "har", "inte", "ett", "av", "eller", "från"};
  static constexpr std::array<std::string_view, 16> kEnglish = {
      "the", "and", "of", "to", "is", "that", "for", "with", "are", "this", "be", "by", "on", "or", "from", "not"};
  int swedish = 0;
  int english = 0;
  for (std::string_view line : lines) {
    std::string_view rest = line;
    while (!rest.empty()) {
      const std::string_view w = leading_letters(rest);
      if (w.empty()) {
        rest.remove_prefix(1);
        continue;
      }
      rest.remove_prefix(w.size());
      if (w.size() > 6) continue;
      const std::string lower = util::lower_sv(w);
      swedish += contains(kSwedish, lower);
      english += contains(kEnglish, lower);
    }
  }
  return english < 10 || english <= 3 * swedish;
}

// Decides how a line ending in '-' continues onto `next` (non-empty).
// `swedish` says whether the page reads as Swedish (asked only when a
// capitalised part needs the lexicon).
Join decide_join(std::string_view line, std::string_view next, const NormalizeOptions& opts,
                 const std::function<bool()>& swedish) {
  // The word that ends the line, without its hyphen. Lines are collapsed,
  // so the last blank separates words.
  const std::size_t space = line.rfind(' ');
  std::string_view word = line.substr(space == std::string_view::npos ? 0 : space + 1);
  word.remove_suffix(1);  // the '-'
  word = strip_leading_punct(word);
  if (word.empty()) return Join::kNone;  // "Summa -", a bullet "-"
  const UChar32 before = last_code_point(word);
  const UChar32 after = first_code_point(next);
  const bool before_ok = before >= 0 && (u_isalpha(before) || u_isdigit(before));

  // The seed record breaks a URL after "arbetet-i-": the same URL appears
  // whole further down, so the hyphen belongs to it. Checked first: a URL
  // is lowercase ASCII and may go on with digits ("kina-skr-\n2019-20-18.pdf").
  if (looks_like_url(word)) {
    return before_ok && after >= 0 && (u_islower(after) || u_isdigit(after)) ? Join::kKeepHyphen : Join::kNone;
  }
  // "Aktiviteter 2016-\n2020", "Gävle-\nZhuhai": the next line does not go
  // on with the same word.
  if (!before_ok || after < 0 || !u_islower(after)) return Join::kNone;

  // The part after an earlier hyphen or slash decides: in
  // "ICLD-finansierings-\nprojektet" the break is in "finansierings", a
  // lowercase word, so the result is "ICLD-finansieringsprojektet"; in
  // "miljö-/klimat-\nområdet" it is "klimat".
  const std::size_t cut = word.find_last_of("-/");
  const std::string_view part = cut == std::string_view::npos ? word : word.substr(cut + 1);
  if (part.empty()) return Join::kNone;

  const std::string_view next_word = leading_letters(next);
  if (contains(kClosedCompounds, util::lower_sv(std::string(part) + std::string(next_word)))) {
    return Join::kDropHyphen;
  }
  if (contains(kEllipsisWords, next_word)) return Join::kKeepHyphenSpace;
  if (hyphen_is_real(part)) return Join::kKeepHyphen;
  if (is_capitalised(part) && capitalised_hyphen_is_real(part, next_word, opts) && (!opts.words || swedish()))
    return Join::kKeepHyphen;
  // A typesetter's hyphen: "utlands-\npolitik", "gemenskaps-\nrätten".
  return Join::kDropHyphen;
}

// Repairs line-break hyphenation (NormalizeOptions::dehyphenate). The rest
// of the next line moves up onto the joined line; blank lines between the
// two halves of a word go with it.
std::vector<std::string> dehyphenate(std::vector<std::string> lines, const NormalizeOptions& opts) {
  std::vector<std::string> out;
  out.reserve(lines.size());
  std::string line;
  std::size_t i = 0;
  // The page's language, judged once, when a capitalised part first asks:
  // its text is then in `out`, `line` and the lines after the i-th.
  std::optional<bool> is_swedish;
  const std::function<bool()> swedish = [&] {
    if (!is_swedish) {
      std::vector<std::string_view> page(out.begin(), out.end());
      page.push_back(line);
      page.insert(page.end(), lines.begin() + static_cast<std::ptrdiff_t>(i) + 1, lines.end());
      is_swedish = reads_as_swedish(page);
    }
    return *is_swedish;
  };
  for (; i < lines.size(); ++i) {
    line = std::move(lines[i]);
    while (!line.empty() && line.back() == '-') {
      std::size_t j = i + 1;
      while (j < lines.size() && lines[j].empty()) ++j;
      if (j == lines.size()) break;
      const Join join = decide_join(line, lines[j], opts, swedish);
      if (join == Join::kNone) break;
      if (join == Join::kDropHyphen) line.pop_back();
      if (join == Join::kKeepHyphenSpace) line += ' ';
      line += lines[j];
      i = j;
    }
    out.push_back(std::move(line));
  }
  return out;
}

// Rejoins a word whose capital Å, Ä or Ö stands apart: Acrobat PDFWriter
// 3.0 gives them a wide advance, so Ds 1998:10 prints "Ä ven", "Ö vriga",
// "Å tminstone", "Ä rendet" with a gap Poppler takes for a blank. Joined
// when the lexicon knows the whole word; "Å" and "Ö" are words of their
// own (a river, an island), so for them the rest must be none ("Ö kad",
// but not "Ö ven" -> "Öven").
void join_split_capitals(std::string& line, const NormalizeOptions& opts) {
  if (opts.words == nullptr) return;
  for (std::size_t i = 0; i + 3 < line.size(); ++i) {
    if (line[i] != '\xC3' || line[i + 2] != ' ') continue;
    const char c = line[i + 1];
    const bool ae = c == '\x84';              // Ä
    if (!ae && c != '\x85' && c != '\x96') continue;  // Å, Ö
    if (i > 0 && line[i - 1] != ' ' && line[i - 1] != '(' && line[i - 1] != '"') continue;
    const std::string_view rest = leading_letters(std::string_view(line).substr(i + 3));
    if (rest.size() < 2 || !u_islower(first_code_point(rest))) continue;
    const std::string tail = util::lower_sv(rest);
    const std::string whole = util::lower_sv(std::string_view(line).substr(i, 2)) + tail;
    if (!opts.words(whole).word || (!ae && opts.words(tail).word)) continue;
    line.erase(i + 2, 1);
  }
}

// One page (no '\f' inside): lines, hyphenation, blank lines at the edges.
void append_page(std::string_view page, const NormalizeOptions& opts, std::string& out) {
  std::vector<std::string> lines = split_lines(page);
  for (std::string& line : lines) join_split_capitals(line, opts);
  if (opts.dehyphenate) lines = dehyphenate(std::move(lines), opts);
  // Blank lines at the top and bottom of a page are layout; inner ones
  // separate paragraphs and stay (snippets and sentence finding use them).
  std::size_t b = 0;
  std::size_t e = lines.size();
  while (b < e && lines[b].empty()) ++b;
  while (e > b && lines[e - 1].empty()) --e;
  for (std::size_t i = b; i < e; ++i) {
    if (i > b) out += '\n';
    out += lines[i];
  }
}

// ---------------------------------------------------------------------------
// Titles.

// The non-empty lines of normalized text joined by single blanks.
std::string one_line(std::string_view text) {
  std::string out;
  std::size_t b = 0;
  while (b <= text.size()) {
    std::size_t e = text.find_first_of("\n\f", b);
    if (e == std::string_view::npos) e = text.size();
    if (e > b) {
      if (!out.empty()) out += ' ';
      out.append(text.substr(b, e - b));
    }
    b = e + 1;
  }
  return out;
}

// Cuts to at most `max` bytes without splitting a UTF-8 sequence, then
// drops a blank left at the end.
std::string cut_utf8(std::string_view s, std::size_t max) {
  if (s.size() > max) {
    std::size_t n = max;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
    s = s.substr(0, n);
  }
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return std::string(s);
}

constexpr std::size_t kMaxTitleBytes = 200;

std::string title_of(const NormalizedDoc& doc, const NormalizeOptions& opts) {
  // Metadata titles are cut too: some producers put a whole abstract there.
  std::string meta = cut_utf8(one_line(normalize_text(doc.meta.title, opts)), kMaxTitleBytes);
  return choose_title(doc, meta, kMaxTitleBytes);
}

}  // namespace

std::string normalize_text(std::string_view raw, const NormalizeOptions& opts) {
  std::string text;
  clean_code_points(raw).toUTF8String(text);
  // A '\f' inside the input is a page break: each page gets its own edges
  // trimmed, and no word is joined across pages.
  std::string out;
  out.reserve(text.size());
  std::size_t b = 0;
  while (true) {
    const std::size_t e = text.find('\f', b);
    append_page(std::string_view(text).substr(b, e == std::string::npos ? std::string::npos : e - b), opts, out);
    if (e == std::string::npos) break;
    out += '\f';
    b = e + 1;
  }
  return out;
}

NormalizedDoc normalize(ExtractedDoc&& doc, const NormalizeOptions& opts) {
  NormalizedDoc out;
  out.source = std::move(doc.source);
  out.format = std::move(doc.format);
  out.extractor = std::move(doc.extractor);
  out.meta = std::move(doc.meta);
  out.page_count = doc.page_count;
  out.diagnostics = std::move(doc.diagnostics);
  out.pages.reserve(doc.pages.size());
  for (std::size_t i = 0; i < doc.pages.size(); ++i) {
    Page& page = doc.pages[i];
    // '\f' separates pages in NormalizedDoc::text; one inside a page's own
    // text (some extractors end a page with it) would shift every page
    // boundary after it, so it becomes a line break.
    std::replace(page.text.begin(), page.text.end(), '\f', '\n');
    if (i > 0) out.text += '\f';
    PageSpan span;
    span.number = page.number;
    span.source = page.source;
    span.confidence = page.confidence;
    span.begin = out.text.size();
    out.text += normalize_text(page.text, opts);
    span.end = out.text.size();
    out.pages.push_back(span);
    std::string().swap(page.text);  // the raw text is not needed any more
  }
  out.title = title_of(out, opts);
  return out;
}

}  // namespace arkiv::normalize
