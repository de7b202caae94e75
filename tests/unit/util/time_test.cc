// ISO 8601 dates as office files and e-mail headers carry them: the ones
// FileTime can hold parse to the instant they name, the rest to nothing.
#include "util/time.h"

#include <gtest/gtest.h>

namespace arkiv::util {
namespace {

TEST(ParseIso8601, DatesBecomeTheirInstantOrNothing) {
  struct Case {
    const char* text;
    const char* utc;  // iso8601_utc of the result; nullptr: no date
  } cases[] = {
      {"2015-11-26", "2015-11-26T00:00:00Z"},
      {"2015-11-26T09:30:00Z", "2015-11-26T09:30:00Z"},
      {"2015-11-26T09:30", "2015-11-26T09:30:00Z"},
      {"2023-03-14T10:15:00+01:00", "2023-03-14T09:15:00Z"},
      {"2023-03-14T10:15:00.250-02:30", "2023-03-14T12:45:00Z"},
      {"1970-01-01", "1970-01-01T00:00:00Z"},
      {"2261-12-31", "2261-12-31T00:00:00Z"},
      {"1678-01-01", "1678-01-01T00:00:00Z"},
      // A mail header "Date: Tue, 14 Mar 9997" (fuzz_extract_mail): beyond
      // what 64-bit nanoseconds hold, so no date rather than an overflow.
      {"9997-03-14T10:15:00+01:00", nullptr},
      {"2263-01-01", nullptr},
      {"1600-06-01", nullptr},
      {"2015-13-01", nullptr},
      {"2015-11-00", nullptr},
      {"26/11/2015", nullptr},
      {"", nullptr},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    const std::optional<FileTime> t = parse_iso8601(c.text);
    if (!c.utc) {
      EXPECT_FALSE(t.has_value());
      continue;
    }
    ASSERT_TRUE(t.has_value());
    EXPECT_EQ(iso8601_utc(*t), c.utc);
  }
}

}  // namespace
}  // namespace arkiv::util
