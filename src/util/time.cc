#include "util/time.h"

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

std::int64_t to_unix_ns(FileTime t) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
}

FileTime from_unix_ns(std::int64_t ns) {
  return FileTime(std::chrono::duration_cast<FileTime::duration>(std::chrono::nanoseconds(ns)));
}

FileTime now() { return std::chrono::system_clock::now(); }

}  // namespace arkiv::util
