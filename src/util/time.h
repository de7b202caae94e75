// Time formatting shared by the stages: ISO 8601 in UTC, the form stored in
// the index and printed in --json output.
#pragma once

#include <cstdint>
#include <ctime>
#include <optional>
#include <string>

#include "arkiv/record.h"

namespace arkiv::util {

// "2020-09-01T12:00:00Z". Seconds precision.
std::string iso8601_utc(FileTime t);
// The same with milliseconds, "2026-12-05T07:04:00.123Z": the time of a
// record's history events, which orders records ingested by runs that
// began within one second (the duplicates' original).
std::string iso8601_utc_ms(FileTime t);

// Nanoseconds since the Unix epoch, for exact mtime comparison.
std::int64_t to_unix_ns(FileTime t);
FileTime from_unix_ns(std::int64_t ns);

FileTime now();
// Seconds since the Unix epoch as a FileTime, or std::nullopt outside what
// FileTime holds: it counts nanoseconds in 64 bits, 1677 to 2262, and a
// file may claim any year (a mail "Tue, 14 Mar 9997", a PDF whose
// CreationDate is D:61180101...; both found by the fuzzers).
std::optional<FileTime> from_time_t(std::time_t secs);
// Parses an ISO 8601 date or date-time as office files and e-mail
// converters write it ("2015-11-26", "2015-11-26T09:30:00Z", with or without
// seconds, fraction or offset). std::nullopt if it is not one, or if it
// lies outside what FileTime holds (1677 to 2262).
std::optional<FileTime> parse_iso8601(const std::string& s);

}  // namespace arkiv::util
