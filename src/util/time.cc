#include "util/time.h"

#include <cctype>
#include <cstdio>
#include <ctime>

namespace arkiv::util {

std::string iso8601_utc(FileTime t) {
  std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string iso8601_utc_ms(FileTime t) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count() % 1000;
  std::string s = iso8601_utc(t);
  char frac[8];
  std::snprintf(frac, sizeof frac, ".%03d", static_cast<int>(ms < 0 ? ms + 1000 : ms));
  s.insert(s.size() - 1, frac);
  return s;
}

std::int64_t to_unix_ns(FileTime t) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
}

FileTime from_unix_ns(std::int64_t ns) {
  return FileTime(std::chrono::duration_cast<FileTime::duration>(std::chrono::nanoseconds(ns)));
}

FileTime now() { return std::chrono::system_clock::now(); }

std::optional<FileTime> parse_iso8601(const std::string& s) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0, n = 0;
  if (std::sscanf(s.c_str(), "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || n != 10) return std::nullopt;
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return std::nullopt;
  std::size_t at = 10;
  long offset = 0;
  if (at < s.size() && (s[at] == 'T' || s[at] == ' ')) {
    int m = 0;
    if (std::sscanf(s.c_str() + at + 1, "%2d:%2d%n", &h, &mi, &m) != 2) return std::nullopt;
    at += 1 + static_cast<std::size_t>(m);
    if (at < s.size() && s[at] == ':' && std::sscanf(s.c_str() + at + 1, "%2d%n", &sec, &m) == 1)
      at += 1 + static_cast<std::size_t>(m);
    while (at < s.size() && (s[at] == '.' || std::isdigit(static_cast<unsigned char>(s[at])))) ++at;
    int oh = 0, om = 0;
    if (at < s.size() && (s[at] == '+' || s[at] == '-') &&
        std::sscanf(s.c_str() + at + 1, "%2d:%2d", &oh, &om) >= 1)
      offset = (s[at] == '-' ? -1 : 1) * (oh * 3600L + om * 60L);
  }
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = sec;
  return from_time_t(timegm(&tm) - offset);
}

std::optional<FileTime> from_time_t(std::time_t secs) {
  using std::chrono::seconds;
  constexpr auto lo = std::chrono::duration_cast<seconds>(FileTime::duration::min()).count() + 1;
  constexpr auto hi = std::chrono::duration_cast<seconds>(FileTime::duration::max()).count() - 1;
  if (secs < lo || secs > hi) return std::nullopt;
  return std::chrono::system_clock::from_time_t(secs);
}

}  // namespace arkiv::util
