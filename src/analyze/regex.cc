#include "analyze/regex.h"

#include <unicode/utf8.h>

#include <stdexcept>

namespace arkiv::analyze {

Regex::Regex(const std::string& pattern, bool case_insensitive) {
  UErrorCode status = U_ZERO_ERROR;
  UParseError pe;
  pattern_.reset(icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(pattern),
                                            case_insensitive ? UREGEX_CASE_INSENSITIVE : 0, pe, status));
  if (U_FAILURE(status)) throw std::logic_error("bad pattern: " + pattern + ": " + u_errorName(status));
}

Subject::Subject(std::string_view utf8) : text_(utf8) {
  bytes_.reserve(utf8.size() + 1);
  // Fast path for valid UTF-8 (normalized text always is): one bulk
  // conversion, and the byte offset of each UTF-16 unit from the lead
  // bytes (a 4-byte sequence is two UTF-16 units).
  utf16_ = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(utf8[i]);
    if ((c & 0xC0) == 0x80) continue;
    bytes_.push_back(i);
    if (c >= 0xF0) bytes_.push_back(i);
  }
  bytes_.push_back(utf8.size());
  if (bytes_.size() == static_cast<std::size_t>(utf16_.length()) + 1) return;
  // Invalid UTF-8: decode code point by code point so offsets stay exact.
  utf16_.remove();
  bytes_.clear();
  std::size_t i = 0;
  while (i < utf8.size()) {
    UChar32 c;
    std::size_t start = i;
    int32_t len = static_cast<int32_t>(utf8.size());
    int32_t at = static_cast<int32_t>(i);
    U8_NEXT(utf8.data(), at, len, c);
    if (c < 0) c = 0xFFFD;  // invalid UTF-8: one replacement character per bad sequence
    i = static_cast<std::size_t>(at);
    utf16_.append(c);
    bytes_.push_back(start);
    if (U16_LENGTH(c) == 2) bytes_.push_back(start);
  }
  bytes_.push_back(utf8.size());
}

namespace {

Match match_of(const Subject& subject, icu::RegexMatcher& m, UErrorCode& status) {
  const std::string_view text = subject.text();
  Match match;
  match.begin = subject.byte_offset(m.start(status));
  match.end = subject.byte_offset(m.end(status));
  for (int g = 0; g <= m.groupCount(); ++g) {
    int32_t b = m.start(g, status), e = m.end(g, status);
    if (b < 0 || e < b) {
      match.groups.emplace_back();
      continue;
    }
    std::size_t bb = subject.byte_offset(b), be = subject.byte_offset(e);
    match.groups.emplace_back(text.substr(bb, be - bb));
  }
  return match;
}

}  // namespace

std::optional<Match> Regex::match_at(const Subject& subject, int32_t at) const {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::RegexMatcher> m(pattern_->matcher(subject.utf16(), status));
  if (U_FAILURE(status)) return std::nullopt;
  m->region(at, subject.utf16().length(), status);
  m->useTransparentBounds(true);
  m->useAnchoringBounds(false);
  if (!m->lookingAt(status) || U_FAILURE(status)) return std::nullopt;
  Match match = match_of(subject, *m, status);
  if (U_FAILURE(status)) return std::nullopt;
  return match;
}

std::vector<Match> Regex::find_all(const Subject& subject) const {
  return find_all(subject, 0, subject.utf16().length());
}

std::vector<Match> Regex::find_all(const Subject& subject, int32_t begin, int32_t end) const {
  return find_all(subject, {{begin, end}});
}

std::vector<Match> Regex::find_all(const Subject& subject,
                                   const std::vector<std::pair<int32_t, int32_t>>& regions) const {
  std::vector<Match> out;
  if (regions.empty()) return out;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::RegexMatcher> m(pattern_->matcher(subject.utf16(), status));
  if (U_FAILURE(status)) return out;
  const int32_t length = subject.utf16().length();
  for (auto [begin, end] : regions) {
    if (begin != 0 || end != length) {
      m->region(begin, end, status);
      m->useTransparentBounds(true);
      m->useAnchoringBounds(false);
    }
    while (m->find(status) && U_SUCCESS(status)) out.push_back(match_of(subject, *m, status));
    if (U_FAILURE(status)) break;
  }
  return out;
}

}  // namespace arkiv::analyze
