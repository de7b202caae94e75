// ICU regular expressions over UTF-8 text, reporting byte offsets: the
// patterns of the analysis steps (dates, diarienummer, references) all run
// through this, so their offsets point into NormalizedDoc::text.
#pragma once

#include <unicode/regex.h>
#include <unicode/uchar.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace arkiv::analyze {

// A text prepared for matching: ICU's regex engine is several times faster
// on UTF-16 than through a UTF-8 UText, so the text is converted once and
// every pattern runs on the copy; matches are mapped back to UTF-8 byte
// offsets.
class Subject {
 public:
  explicit Subject(std::string_view utf8);
  const icu::UnicodeString& utf16() const { return utf16_; }
  std::size_t byte_offset(int32_t utf16_index) const { return bytes_[static_cast<std::size_t>(utf16_index)]; }
  std::string_view text() const { return text_; }

 private:
  std::string_view text_;
  icu::UnicodeString utf16_;
  std::vector<std::size_t> bytes_;  // UTF-16 index -> byte offset, one past the end included
};

// What the patterns' \\d matches, for one UTF-16 unit of a Subject, with no
// ICU call for ASCII: for the finders that look for digits before they run
// a pattern.
inline bool is_digit_unit(char16_t u) { return u < 0x80 ? (u >= '0' && u <= '9') : u_isdigit(u); }

struct Match {
  std::size_t begin = 0, end = 0;   // bytes
  std::vector<std::string> groups;  // [0] = the whole match; "" for an unmatched group
};

class Regex {
 public:
  // Compiles `pattern` (ICU syntax), case-insensitive by default. Throws
  // std::logic_error for a bad pattern: patterns are constants, so that is
  // a bug.
  explicit Regex(const std::string& pattern, bool case_insensitive = true);
  // Every non-overlapping match, left to right. Thread-safe.
  std::vector<Match> find_all(const Subject& subject) const;
  // Matches that lie within [begin, end) (UTF-16 indexes); context
  // outside the region still counts for \\b and look-behind.
  std::vector<Match> find_all(const Subject& subject, int32_t begin, int32_t end) const;
  // The matches within each of `regions` (sorted, disjoint), as above, with
  // one matcher for them all.
  std::vector<Match> find_all(const Subject& subject, const std::vector<std::pair<int32_t, int32_t>>& regions) const;
  std::vector<Match> find_all(std::string_view text) const { return find_all(Subject(text)); }
  // The match that starts exactly at `at` (a UTF-16 index), if any, with
  // the text before `at` as context for \\b and look-behind: what find()
  // tries at `at`, for a caller that knows where matches can start.
  std::optional<Match> match_at(const Subject& subject, int32_t at) const;

 private:
  std::unique_ptr<icu::RegexPattern> pattern_;
};

}  // namespace arkiv::analyze
