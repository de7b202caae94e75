#include "analyze/regex.h"

#include <unicode/locid.h>
#include <unicode/utext.h>

#include <stdexcept>

namespace arkiv::analyze {

Regex::Regex(const std::string& pattern, bool case_insensitive) {
  UErrorCode status = U_ZERO_ERROR;
  UParseError pe;
  pattern_.reset(icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(pattern),
                                            case_insensitive ? UREGEX_CASE_INSENSITIVE : 0, pe, status));
  if (U_FAILURE(status)) throw std::logic_error("bad pattern: " + pattern + ": " + u_errorName(status));
}

std::vector<Match> Regex::find_all(std::string_view text) const {
  std::vector<Match> out;
  UErrorCode status = U_ZERO_ERROR;
  // UText over the UTF-8 bytes: the matcher's native indexes are byte
  // offsets, so no UTF-16 offset mapping is needed.
  std::unique_ptr<UText, decltype(&utext_close)> ut(
      utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status), utext_close);
  if (U_FAILURE(status)) return out;
  std::unique_ptr<icu::RegexMatcher> m(pattern_->matcher(status));
  if (U_FAILURE(status)) return out;
  m->reset(ut.get());
  while (m->find(status) && U_SUCCESS(status)) {
    Match match;
    match.begin = static_cast<std::size_t>(m->start64(status));
    match.end = static_cast<std::size_t>(m->end64(status));
    for (int g = 0; g <= m->groupCount(); ++g) {
      int64_t b = m->start64(g, status), e = m->end64(g, status);
      match.groups.push_back(b >= 0 && e >= b ? std::string(text.substr(static_cast<std::size_t>(b),
                                                                         static_cast<std::size_t>(e - b)))
                                              : std::string());
    }
    out.push_back(std::move(match));
  }
  return out;
}

namespace {

std::string change_case(std::string_view s, bool up) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  if (up) {
    u.toUpper(icu::Locale("sv"));
  } else {
    u.toLower(icu::Locale("sv"));
  }
  std::string out;
  u.toUTF8String(out);
  return out;
}

}  // namespace

std::string lower_sv(std::string_view s) { return change_case(s, false); }
std::string upper_sv(std::string_view s) { return change_case(s, true); }

}  // namespace arkiv::analyze
