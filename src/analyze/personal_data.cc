// Personal identity numbers (arkiv/personal_data.h). One pass over the
// text: at each run of ASCII digits that starts at a boundary, try the
// written forms, longest first, and keep the first that is a real number.
#include "arkiv/personal_data.h"

#include <array>
#include <chrono>
#include <optional>

namespace arkiv {
namespace {

bool digit(char c) { return c >= '0' && c <= '9'; }
bool ascii_alnum(char c) { return digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

// A number must stand alone: "Dnr 20150916000612" or "ab150916-0006" is
// something else. Bytes >= 0x80 (the start of "ä", "–") are boundaries.
bool boundary_before(std::string_view t, std::size_t at) { return at == 0 || !ascii_alnum(t[at - 1]); }
bool boundary_after(std::string_view t, std::size_t at) {
  // "150916-0006." and "150916-0006," end a sentence; "150916-0006-1" does not.
  if (at >= t.size()) return true;
  if (ascii_alnum(t[at])) return false;
  return !((t[at] == '-' || t[at] == '/' || t[at] == '.' || t[at] == ',') && at + 1 < t.size() && digit(t[at + 1]));
}

int days_in(int year, int month) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

int num(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

// The interim letters (Skatteverket's list): they take the place of the
// first of the last four digits and count as 1 in the check sum.
bool interim_letter(char c) {
  switch (c & ~0x20) {
    case 'T': case 'R': case 'S': case 'U': case 'W': case 'X': case 'J': case 'K': case 'L': case 'M': case 'N':
      return true;
    default:
      return false;
  }
}

// Luhn over the ten characters YYMMDDNNNC, an interim letter as 1.
bool luhn_ok(std::string_view ten) {
  int sum = 0;
  for (std::size_t i = 0; i < 10; ++i) {
    int d = digit(ten[i]) ? ten[i] - '0' : 1;
    if (i % 2 == 0) d *= 2;
    sum += d > 9 ? d - 9 : d;
  }
  return sum % 10 == 0;
}

// A candidate: the date part (6 or 8 digits), a separator ('-', '+' or
// none) and the last four characters.
std::optional<PersonalNumber> check(std::string_view date, char sep, std::string_view last4, int reference_year) {
  if (!digit(last4[1]) || !digit(last4[2]) || !digit(last4[3])) return std::nullopt;
  const bool interim = !digit(last4[0]);
  if (interim && !interim_letter(last4[0])) return std::nullopt;
  int year;
  if (date.size() == 8) {
    year = num(date.substr(0, 4));
    if (year < 1800 || year > reference_year) return std::nullopt;
    // A "+" beside a written century says nothing more ("19090527+1474").
  } else {
    const int yy = num(date.substr(0, 2));
    year = reference_year / 100 * 100 + yy;
    if (year > reference_year) year -= 100;
    if (sep == '+') year -= 100;
  }
  const std::string_view md = date.substr(date.size() - 4);
  const int month = num(md.substr(0, 2));
  int day = num(md.substr(2, 2));
  if (month < 1 || month > 12) return std::nullopt;  // organisationsnummer: "month" 20 or more
  PersonalNumberKind kind = interim ? PersonalNumberKind::kInterim : PersonalNumberKind::kPersonnummer;
  if (day > 60) {
    if (interim) return std::nullopt;
    kind = PersonalNumberKind::kSamordningsnummer;
    day -= 60;
  }
  if (day < 1 || day > days_in(year, month)) return std::nullopt;
  // Birth number 000 is never given out: "150916-0006" has a right check
  // digit and is still no one's.
  if (last4.substr(0, 3) == "000") return std::nullopt;
  std::string ten(date.substr(date.size() - 6));
  ten += last4;
  if (!luhn_ok(ten)) return std::nullopt;
  PersonalNumber p;
  p.kind = kind;
  const std::string full = std::to_string(year) + std::string(md);
  p.normalized = full + std::string(last4);
  if (interim) p.normalized[8] = static_cast<char>(p.normalized[8] & ~0x20);
  p.masked = full + "-XXXX";
  return p;
}

// The number starting at `at` (a boundary, a digit), and its length.
std::optional<PersonalNumber> at_position(std::string_view t, std::size_t at, int reference_year) {
  std::size_t run = at;
  while (run < t.size() && digit(t[run])) ++run;
  const std::size_t digits = run - at;
  auto try_form = [&](std::size_t date_len, bool with_sep) -> std::optional<PersonalNumber> {
    if (digits < date_len) return std::nullopt;
    std::size_t p = at + date_len;
    char sep = 0;
    if (with_sep) {
      if (digits != date_len || p >= t.size() || (t[p] != '-' && t[p] != '+')) return std::nullopt;
      sep = t[p++];
    } else if (digits != date_len + 4 && !(digits == date_len && p < t.size() && interim_letter(t[p]))) {
      return std::nullopt;
    }
    if (p + 4 > t.size() || !boundary_after(t, p + 4)) return std::nullopt;
    auto n = check(t.substr(at, date_len), sep, t.substr(p, 4), reference_year);
    if (n) n->begin = at, n->end = p + 4;
    return n;
  };
  for (auto [len, sep] : {std::pair{8u, true}, {8u, false}, {6u, true}, {6u, false}})
    if (auto n = try_form(len, sep)) return n;
  return std::nullopt;
}

}  // namespace

const char* personal_number_key(PersonalNumberKind kind) {
  switch (kind) {
    case PersonalNumberKind::kPersonnummer: return "personnummer";
    case PersonalNumberKind::kSamordningsnummer: return "samordningsnummer";
    case PersonalNumberKind::kInterim: return "interim";
  }
  return "personnummer";
}

std::vector<PersonalNumber> find_personal_numbers(std::string_view text, int reference_year) {
  std::vector<PersonalNumber> out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!digit(text[i]) || !boundary_before(text, i)) continue;
    if (auto n = at_position(text, i, reference_year)) {
      i = n->end - 1;
      out.push_back(std::move(*n));
    } else {
      while (i + 1 < text.size() && digit(text[i + 1])) ++i;  // not inside this run either
    }
  }
  return out;
}

std::string mask_personal_numbers(std::string_view text, int reference_year) {
  std::string out;
  std::size_t at = 0;
  for (const PersonalNumber& n : find_personal_numbers(text, reference_year)) {
    out.append(text.substr(at, n.begin - at));
    out += n.masked;
    at = n.end;
  }
  out.append(text.substr(at));
  return out;
}

void mask_personal_numbers(std::string& text, int reference_year,
                           std::vector<std::pair<std::size_t, std::size_t>>& ranges) {
  const std::vector<PersonalNumber> found = find_personal_numbers(text, reference_year);
  if (found.empty()) return;
  // Where byte `at` of the text lands: at or before a number, it moves by
  // what the masks before it added; inside one, to its mask's begin (a
  // range's begin) or end (a range's end).
  auto moved = [&](std::size_t at, bool end) {
    std::size_t grown = 0;  // masks are never shorter than what they replace
    for (const PersonalNumber& n : found) {
      if (at <= n.begin) break;
      if (at < n.end) return n.begin + grown + (end ? n.masked.size() : 0);
      grown += n.masked.size() - (n.end - n.begin);
    }
    return at + grown;
  };
  for (auto& [b, e] : ranges) {
    const std::size_t nb = moved(b, false), ne = moved(e, true);
    b = nb;
    e = ne;
  }
  std::string out;
  std::size_t at = 0;
  for (const PersonalNumber& n : found) {
    out.append(text, at, n.begin - at);
    out += n.masked;
    at = n.end;
  }
  out.append(text, at);
  text = std::move(out);
}

int personal_data_year(std::string_view record_date) {
  const auto today = std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()));
  const int now = static_cast<int>(today.year());
  if (record_date.size() < 4) return now;
  for (std::size_t i = 0; i < 4; ++i)
    if (!digit(record_date[i])) return now;
  const int year = num(record_date.substr(0, 4));
  return year < now ? year : now;
}

std::string normalize_personal_number(std::string_view query, int reference_year) {
  while (!query.empty() && query.front() == ' ') query.remove_prefix(1);
  while (!query.empty() && query.back() == ' ') query.remove_suffix(1);
  const auto found = find_personal_numbers(query, reference_year);
  if (found.size() != 1 || found[0].begin != 0 || found[0].end != query.size()) return {};
  return found[0].normalized;
}

}  // namespace arkiv
