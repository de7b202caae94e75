// Swedish date expressions. Each pattern is an ICU regular expression run
// on the text's UTF-16 copy (Subject), which maps match positions back to
// byte offsets into the normalized text. Candidates from all patterns are then resolved:
// the longest wins where two overlap ("den 3 juni 2020" over "juni 2020"),
// and nothing inside a URL counts (the seed record's
// ".../arbetet-i-fragor-som-ror-kina-skr-2019-20-18.pdf" holds no date).

#include <unicode/uchar.h>

#include <algorithm>
#include <map>
#include <cstdio>

#include "analyze/finders.h"
#include "arkiv/analysis.h"
#include "util/text.h"

namespace arkiv {

const char* precision_key(DatePrecision p) {
  switch (p) {
    case DatePrecision::kDay: return "day";
    case DatePrecision::kMonth: return "month";
    case DatePrecision::kSeason: return "season";
    case DatePrecision::kYear: return "year";
    case DatePrecision::kPeriod: return "period";
    case DatePrecision::kDecade: return "decade";
  }
  return "year";
}

namespace analyze {
namespace {

enum class Kind { kIso, kDayMonthYear, kMonthYear, kSeason, kPartOfYear, kDecade, kSince, kRange, kYear, kRelative, kUrl };

// Month names and the abbreviations Swedish records use ("3 sept. 2019"),
// and the seasons ("hösten 2019"), in the order the patterns try them.
constexpr std::string_view kMonthWords[] = {"januari", "februari", "mars", "april",   "maj",      "juni",
                                            "juli",    "augusti",  "september", "oktober", "november", "december",
                                            "jan",     "feb",      "mar",  "apr",     "jun",      "jul",
                                            "aug",     "sept",     "sep",  "okt",     "nov",      "dec"};
constexpr std::string_view kSeasonWords[] = {"vårvintern", "våren",   "vårterminen", "försommaren",
                                             "sommaren",   "hösten",  "höstterminen", "vintern"};

template <std::size_t N>
std::string alternation(const std::string_view (&words)[N]) {
  std::string out = "(";
  for (std::string_view w : words) (out += w) += '|';
  out.back() = ')';
  return out;
}

template <std::size_t N>
bool one_of(const std::string& w, const std::string_view (&words)[N]) {
  return std::find(std::begin(words), std::end(words), w) != std::end(words);
}

// A place where date expressions may be: a four-digit number, or "år" and
// "fjol" for the relative ones, with what sits around it.
struct Anchor {
  int32_t at, len;              // UTF-16 units
  std::string word_before;      // the letters before it and its white space, case-folded as the patterns match
  bool dot_before = false;      // "sept. 2019"
  char16_t after = 0, after2 = 0;  // the two units after it, 0 past the end
};

bool is_dash(char16_t c) { return c == '-' || c == u'–'; }

// What a four-digit number at `at` has around it. The word before it is
// folded with ICU's full case folding, as the case-insensitive patterns
// compare: "SEPT.", "Hösten", and "augu\uFB06i" (the "st" ligature) all
// still name their month or season.
Anchor year_anchor(const icu::UnicodeString& s, int32_t at) {
  Anchor a{at, 4, {}, false, 0, 0};
  const int32_t n = s.length();
  if (at + 4 < n) a.after = s.charAt(at + 4);
  if (at + 5 < n) a.after2 = s.charAt(at + 5);
  int32_t j = at;
  while (j > 0 && u_isUWhiteSpace(s.char32At(j - 1))) j = s.getChar32Start(j - 1);
  if (j == at) return a;  // every word-before pattern has white space here
  if (j > 0 && s.charAt(j - 1) == '.') --j, a.dot_before = true;
  const int32_t end = j;
  // No keyword is longer than 12 letters; a longer run cannot fold to one.
  while (j > 0 && end - j <= 32 && u_isalpha(s.char32At(j - 1))) j = s.getChar32Start(j - 1);
  if (end - j > 32) return a;
  icu::UnicodeString w(s, j, end - j);
  w.foldCase();
  w.toUTF8String(a.word_before);
  return a;
}

// Where a match can lie around its anchor: a pattern only runs in the
// windows [anchor - before, anchor end + after) (UTF-16 units) of the
// anchors that pass `fits`. For all but the URL and relative patterns the
// anchor is a four-digit number, which every such expression holds; the
// margins are the longest text the expression puts before and after it
// ("den 12:e september " before "2020", "-talet" after "1990"), with room
// for doubled spaces. `fits` asks for what the expression must have next
// to its number: a month before "2019", "-" after "2015" in "2015-16".
// Most numbers in a record pass only the year pattern's.
struct Pattern {
  Kind kind;
  std::string regex;
  int32_t before = 0, after = 0;
  bool (*fits)(const Anchor&) = [](const Anchor&) { return true; };
};

bool month_before(const Anchor& a) { return one_of(a.word_before, kMonthWords); }
bool season_before(const Anchor& a) { return !a.dot_before && one_of(a.word_before, kSeasonWords); }
bool dash_after(const Anchor& a) { return a.after == '-'; }

const std::vector<Pattern>& patterns() {
  static const std::vector<Pattern> kPatterns = {
      {Kind::kUrl, "(?:https?://|www\\.)\\S+"},
      {Kind::kIso, "(?<![\\d/:.-])(\\d{4})-(\\d{2})-(\\d{2})(?![\\d-])", 0, 8, dash_after},
      {Kind::kDayMonthYear,
       "\\b(?:den\\s+)?(\\d{1,2})(?::[ae])?\\s+" + alternation(kMonthWords) + "\\.?\\s+(\\d{4})\\b", 36, 0,
       month_before},
      {Kind::kMonthYear, "\\b" + alternation(kMonthWords) + "\\.?\\s+(\\d{4})\\b", 20, 0, month_before},
      {Kind::kSeason, "\\b" + alternation(kSeasonWords) + "\\s+(\\d{4})\\b", 24, 0, season_before},
      {Kind::kPartOfYear, "\\b(början|mitten|slutet)\\s+av\\s+((?:19|20)\\d{2})\\b(?![-–/:]\\d)", 24, 0,
       [](const Anchor& a) { return !a.dot_before && a.word_before == "av"; }},
      {Kind::kDecade, "\\b(?:i\\s+)?(?:(början|mitten|slutet)\\s+av\\s+)?(1[89]\\d0|20\\d0)-talet\\b", 24, 8,
       dash_after},
      {Kind::kSince, "\\bsedan\\s+(?:år\\s+)?((?:19|20)\\d{2})\\b(?![-–/:]\\d)", 20, 0,
       [](const Anchor& a) { return !a.dot_before && (a.word_before == "sedan" || a.word_before == "år"); }},
      {Kind::kRange, "(?<![\\d/:.-])((?:19|20)\\d{2})\\s?[-–]\\s?(\\d{4}|\\d{2})(?![\\d/:]|-\\d)", 0, 12,
       [](const Anchor& a) { return is_dash(a.after) || (u_isUWhiteSpace(a.after) && is_dash(a.after2)); }},
      {Kind::kYear, "(?<![\\d/:.,-])((?:19|20)\\d{2})(?![\\d/:]|[-–]\\d|,\\d)", 0, 0},
      {Kind::kRelative, "\\b(i år|förra året|i fjol|nästa år|innevarande år)\\b", 16, 8},
  };
  return kPatterns;
}

// "https://", "www.": in ASCII any case, as the URL pattern matches; the
// "s" of "https" needs no check, "://" has no letters.
bool may_hold_url(std::string_view text) {
  if (text.find("://") != std::string_view::npos) return true;
  for (std::size_t i = text.find('.'); i != std::string_view::npos; i = text.find('.', i + 1)) {
    if (i >= 3 && (text[i - 1] | 0x20) == 'w' && (text[i - 2] | 0x20) == 'w' && (text[i - 3] | 0x20) == 'w') return true;
  }
  return false;
}

int month_number(std::string m) {
  std::transform(m.begin(), m.end(), m.begin(), [](unsigned char c) { return std::tolower(c); });
  if (!m.empty() && m.back() == '.') m.pop_back();
  static const char* kNames[] = {"jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"};
  for (int i = 0; i < 12; ++i)
    if (m.rfind(kNames[i], 0) == 0) return i + 1;
  return 0;
}

int days_in_month(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

std::string ymd(int y, int m, int d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

struct Candidate {
  Kind kind;
  DateMention m;
};

// Fills start/end/precision from the match groups; false if the numbers
// do not make a date (month 13, "2020-06" read as a range).
bool interpret(Kind kind, const std::vector<std::string>& g, std::string_view reference, DateMention& m) {
  auto num = [](const std::string& s) { return s.empty() ? 0 : std::stoi(s); };
  switch (kind) {
    case Kind::kIso: {
      int y = num(g[1]), mo = num(g[2]), d = num(g[3]);
      if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo)) return false;
      m.start = m.end_date = ymd(y, mo, d);
      m.precision = DatePrecision::kDay;
      return true;
    }
    case Kind::kDayMonthYear: {
      int d = num(g[1]), mo = month_number(g[2]), y = num(g[3]);
      if (mo == 0 || d < 1 || d > days_in_month(y, mo)) return false;
      m.start = m.end_date = ymd(y, mo, d);
      m.precision = DatePrecision::kDay;
      return true;
    }
    case Kind::kMonthYear: {
      int mo = month_number(g[1]), y = num(g[2]);
      if (mo == 0) return false;
      m.start = ymd(y, mo, 1);
      m.end_date = ymd(y, mo, days_in_month(y, mo));
      m.precision = DatePrecision::kMonth;
      return true;
    }
    case Kind::kSeason: {
      std::string s = g[1];
      int y = num(g[2]);
      m.precision = DatePrecision::kSeason;
      // Seasons as Swedish public bodies use them: spring term January to
      // June, autumn term August to December; the seasons themselves as
      // the meteorological ones.
      if (s == "vårterminen") m.start = ymd(y, 1, 1), m.end_date = ymd(y, 6, 30);
      else if (s == "höstterminen") m.start = ymd(y, 8, 1), m.end_date = ymd(y, 12, 31);
      else if (s == "vårvintern") m.start = ymd(y, 2, 1), m.end_date = ymd(y, 3, 31);
      else if (s == "våren") m.start = ymd(y, 3, 1), m.end_date = ymd(y, 5, 31);
      else if (s == "försommaren") m.start = ymd(y, 5, 15), m.end_date = ymd(y, 6, 30);
      else if (s == "sommaren") m.start = ymd(y, 6, 1), m.end_date = ymd(y, 8, 31);
      else if (s == "hösten") m.start = ymd(y, 9, 1), m.end_date = ymd(y, 11, 30);
      else m.start = ymd(y, 12, 1), m.end_date = ymd(y + 1, 2, days_in_month(y + 1, 2));  // vintern
      return true;
    }
    case Kind::kPartOfYear: {
      // "i början av 2018": the first third of the year, and so on.
      int y = num(g[2]);
      int from = g[1] == "början" ? 1 : g[1] == "mitten" ? 5 : 9;
      m.start = ymd(y, from, 1);
      m.end_date = ymd(y, from + 3, days_in_month(y, from + 3));
      m.precision = DatePrecision::kPeriod;
      return true;
    }
    case Kind::kDecade: {
      int d = num(g[2]);
      int from = d, to = d + 9;
      if (g[1] == "början") to = d + 3;
      else if (g[1] == "mitten") from = d + 3, to = d + 6;
      else if (g[1] == "slutet") from = d + 7;
      m.start = ymd(from, 1, 1);
      m.end_date = ymd(to, 12, 31);
      m.precision = DatePrecision::kDecade;
      return true;
    }
    case Kind::kSince: {
      int y = num(g[1]);
      m.start = ymd(y, 1, 1);
      // "sedan 2010" runs until the record was written, when we know that.
      m.end_date = reference.size() >= 10 ? std::string(reference.substr(0, 10)) : "";
      m.precision = DatePrecision::kPeriod;
      return true;
    }
    case Kind::kRange: {
      int a = num(g[1]);
      int b = num(g[2]);
      if (g[2].size() == 2) b = a / 100 * 100 + b;  // "2015-16"
      if (b <= a || b - a > 50) return false;
      m.start = ymd(a, 1, 1);
      m.end_date = ymd(b, 12, 31);
      m.precision = DatePrecision::kPeriod;
      return true;
    }
    case Kind::kYear: {
      int y = num(g[1]);
      m.start = ymd(y, 1, 1);
      m.end_date = ymd(y, 12, 31);
      m.precision = DatePrecision::kYear;
      return true;
    }
    case Kind::kRelative: {
      m.precision = DatePrecision::kYear;
      if (reference.size() < 4) {
        m.resolved = false;
        return true;
      }
      int y = std::stoi(std::string(reference.substr(0, 4)));
      if (g[1] == "förra året" || g[1] == "i fjol") --y;
      if (g[1] == "nästa år") ++y;
      m.start = ymd(y, 1, 1);
      m.end_date = ymd(y, 12, 31);
      return true;
    }
    case Kind::kUrl:
      return false;
  }
  return false;
}

const std::vector<Regex>& compiled() {
  static const std::vector<Regex> kCompiled = [] {
    std::vector<Regex> v;
    for (const Pattern& p : patterns()) v.emplace_back(p.regex);
    return v;
  }();
  return kCompiled;
}

}  // namespace

std::vector<DateMention> find_dates(std::string_view text, std::string_view reference_date) {
  return find_dates(Subject(text), reference_date);
}

std::vector<DateMention> find_dates(const Subject& subject, std::string_view reference_date) {
  const std::string_view text = subject.text();
  std::vector<std::pair<std::size_t, std::size_t>> urls;
  std::vector<Candidate> cands;
  const auto& pats = patterns();
  // Every expression but the URL and relative ones holds a four-digit
  // year or decade ("1990-talet"), so those patterns only run in windows
  // around such numbers, the relative ones around "år" and "fjol": most of
  // a record is prose without them, and scanning all of it with ten
  // patterns cost more than extracting it with Poppler.
  const icu::UnicodeString& utf16 = subject.utf16();
  const int32_t n = utf16.length();
  std::vector<Anchor> years, relative;
  // Read through the buffer: this loop sees every character of the text.
  const char16_t* units = utf16.getBuffer();
  auto lower = [&](int32_t i) { return static_cast<char16_t>(u_tolower(units[i])); };
  auto digit = [&](int32_t i) { return is_digit_unit(units[i]); };
  for (int32_t i = 0; i + 2 <= n; ++i) {
    const char16_t c = units[i];
    if (c == u'å' || c == u'Å' || c == 0x212B) {  // U+212B ANGSTROM SIGN folds to å
      // "i år", "förra året", "i fjol": the word follows a space in every
      // relative expression, which rules out "får", "vår" and "svår".
      if (i > 0 && units[i - 1] == ' ' && lower(i + 1) == 'r') relative.push_back({i, 2, {}, false, 0, 0});
      continue;
    }
    if ((c == 'f' || c == 'F') && i + 4 <= n && lower(i + 1) == 'j' && lower(i + 2) == 'o' && lower(i + 3) == 'l') {
      if (i > 0 && units[i - 1] == ' ') relative.push_back({i, 4, {}, false, 0, 0});
      continue;
    }
    if ((c != '1' && c != '2') || i + 4 > n || (i > 0 && digit(i - 1))) continue;
    if (!digit(i + 1) || !digit(i + 2) || !digit(i + 3)) continue;
    years.push_back(year_anchor(utf16, i));
    i += 3;
  }
  // Each pattern runs in the windows of the years that pass its test.
  auto windows = [n](const std::vector<Anchor>& anchors, const Pattern& p) {
    std::vector<std::pair<int32_t, int32_t>> out;
    for (const Anchor& a : anchors) {
      if (!p.fits(a)) continue;
      const int32_t b = std::max(0, a.at - p.before), e = std::min(n, a.at + a.len + p.after);
      if (!out.empty() && b <= out.back().second) {
        out.back().second = e;
      } else {
        out.emplace_back(b, e);
      }
    }
    return out;
  };
  for (std::size_t i = 0; i < pats.size(); ++i) {
    std::vector<Match> found;
    if (pats[i].kind == Kind::kUrl) {
      // Only a text with "://" or "www." holds a URL ("https" may be
      // spelt with a long s, which the case-insensitive pattern folds).
      if (may_hold_url(text)) found = compiled()[i].find_all(subject);
    } else {
      found = compiled()[i].find_all(subject, windows(pats[i].kind == Kind::kRelative ? relative : years, pats[i]));
    }
    for (Match& mt : found) {
      if (pats[i].kind == Kind::kUrl) {
        urls.emplace_back(mt.begin, mt.end);
        continue;
      }
      // Month and season words compared in lower case ("Februari 2024").
      for (std::size_t g = 1; g < mt.groups.size(); ++g) mt.groups[g] = util::lower_sv(mt.groups[g]);
      Candidate c;
      c.kind = pats[i].kind;
      c.m.begin = mt.begin;
      c.m.end = mt.end;
      c.m.surface = std::string(text.substr(mt.begin, mt.end - mt.begin));
      if (interpret(c.kind, mt.groups, reference_date, c.m)) cands.push_back(std::move(c));
    }
  }
  // Longest first, then earliest; keep those that overlap nothing kept and
  // no URL.
  std::stable_sort(cands.begin(), cands.end(), [](const Candidate& a, const Candidate& b) {
    std::size_t la = a.m.end - a.m.begin, lb = b.m.end - b.m.begin;
    return la != lb ? la > lb : a.m.begin < b.m.begin;
  });
  // What is taken so far (URLs, dates kept), as disjoint [begin, end) by
  // begin: a clash is found among a candidate's two neighbours, not by a
  // scan of everything kept. The scan made the check quadratic: "2019 "
  // repeated over 1 MB of text (200,000 candidates) took 70 s of CPU.
  std::map<std::size_t, std::size_t> taken(urls.begin(), urls.end());
  auto clashes = [&](std::size_t b, std::size_t e) {
    auto next = taken.lower_bound(b);
    if (next != taken.end() && next->first < e) return true;
    return next != taken.begin() && std::prev(next)->second > b;
  };
  std::vector<DateMention> out;
  for (auto& c : cands) {
    if (clashes(c.m.begin, c.m.end)) continue;
    taken.emplace(c.m.begin, c.m.end);
    out.push_back(std::move(c.m));
  }
  std::sort(out.begin(), out.end(), [](const DateMention& a, const DateMention& b) { return a.begin < b.begin; });
  return out;
}

}  // namespace analyze
}  // namespace arkiv
