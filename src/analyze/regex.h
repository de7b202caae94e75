// ICU regular expressions over UTF-8 text, reporting byte offsets: the
// patterns of the analysis steps (dates, diarienummer, references) all run
// through this, so their offsets point into NormalizedDoc::text.
#pragma once

#include <unicode/regex.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace arkiv::analyze {

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
  std::vector<Match> find_all(std::string_view text) const;

 private:
  std::unique_ptr<icu::RegexPattern> pattern_;
};

// Swedish lower and upper case ("ÅR" -> "år"), for comparing matched
// words with the patterns' vocabularies.
std::string lower_sv(std::string_view s);
std::string upper_sv(std::string_view s);

}  // namespace arkiv::analyze
