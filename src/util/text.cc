#include "util/text.h"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <map>
#include <memory>
#include <vector>

namespace arkiv::util {
namespace {

icu::UnicodeString unicode(std::string_view s) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
}

std::string utf8(const icu::UnicodeString& u) {
  std::string out;
  u.toUTF8String(out);
  return out;
}

std::string change_case(std::string_view s, bool up) {
  // ASCII text changes case letter by letter in Swedish as in any locale
  // but Turkish and Azeri; most of what the analysis lowers is ASCII
  // (digits, "Dnr", month names), and ICU costs a conversion each way.
  if (is_ascii(s)) {
    if (!up) return ascii_lower(s);
    std::string out(s);
    for (char& c : out)
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return out;
  }
  icu::UnicodeString u = unicode(s);
  static const icu::Locale kSwedish("sv");
  if (up) {
    u.toUpper(kSwedish);
  } else {
    u.toLower(kSwedish);
  }
  return utf8(u);
}

}  // namespace

std::string lower_sv(std::string_view s) { return change_case(s, false); }

std::string transliterate(const char* id, const std::string& s) {
  thread_local std::map<std::string, std::unique_ptr<icu::Transliterator>> by_id;
  auto it = by_id.find(id);
  if (it == by_id.end()) {
    UErrorCode err = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(id, UTRANS_FORWARD, err));
    it = by_id.emplace(id, U_SUCCESS(err) ? std::move(t) : nullptr).first;
  }
  if (!it->second) return s;
  icu::UnicodeString u = unicode(s);
  it->second->transliterate(u);
  return utf8(u);
}

std::string nfc(std::string_view s) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* composed = icu::Normalizer2::getNFCInstance(err);
  if (U_FAILURE(err)) return std::string(s);
  const icu::UnicodeString u = unicode(s);
  if (composed->isNormalized(u, err) && U_SUCCESS(err)) return std::string(s);
  err = U_ZERO_ERROR;
  const icu::UnicodeString out = composed->normalize(u, err);
  return U_SUCCESS(err) ? utf8(out) : std::string(s);
}

std::string without_marks(std::string_view s) {
  if (is_ascii(s)) return std::string(s);
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* decomposed = icu::Normalizer2::getNFDInstance(err);
  const icu::Normalizer2* composed = icu::Normalizer2::getNFCInstance(err);
  if (U_FAILURE(err)) return std::string(s);
  const icu::UnicodeString d = decomposed->normalize(unicode(s), err);
  if (U_FAILURE(err)) return std::string(s);
  icu::UnicodeString kept;
  for (int32_t i = 0; i < d.length();) {
    const UChar32 c = d.char32At(i);
    if (u_charType(c) != U_NON_SPACING_MARK) kept.append(c);
    i += U16_LENGTH(c);
  }
  const icu::UnicodeString out = composed->normalize(kept, err);
  return U_SUCCESS(err) ? utf8(out) : std::string(s);
}

std::u32string to_u32(std::string_view s) {
  std::u32string out;
  for (int32_t i = 0; i < static_cast<int32_t>(s.size());) {
    UChar32 c;
    U8_NEXT(s.data(), i, static_cast<int32_t>(s.size()), c);
    out.push_back(c < 0 ? U'\uFFFD' : static_cast<char32_t>(c));
  }
  return out;
}

std::size_t first_char_bytes(std::string_view s) {
  if (s.empty()) return 0;
  int32_t i = 0;
  UChar32 c;
  U8_NEXT(s.data(), i, static_cast<int32_t>(s.size()), c);
  (void)c;
  return static_cast<std::size_t>(i);
}

int edit_distance(const std::u32string& a, const std::u32string& b, int limit) {
  const std::size_t n = a.size(), m = b.size();
  if ((n > m ? n - m : m - n) > static_cast<std::size_t>(limit)) return limit + 1;
  std::vector<std::vector<int>> d(n + 1, std::vector<int>(m + 1));
  for (std::size_t i = 0; i <= n; ++i) d[i][0] = static_cast<int>(i);
  for (std::size_t j = 0; j <= m; ++j) d[0][j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= n; ++i) {
    int row_min = limit + 1;
    for (std::size_t j = 1; j <= m; ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      int v = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) v = std::min(v, d[i - 2][j - 2] + 1);
      d[i][j] = v;
      row_min = std::min(row_min, v);
    }
    if (row_min > limit) return limit + 1;
  }
  return std::min(d[n][m], limit + 1);
}
std::string upper_sv(std::string_view s) { return change_case(s, true); }

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace arkiv::util
