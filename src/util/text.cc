#include "util/text.h"

#include <unicode/locid.h>
#include <unicode/unistr.h>

namespace arkiv::util {
namespace {

std::string change_case(std::string_view s, bool up) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  static const icu::Locale kSwedish("sv");
  if (up) {
    u.toUpper(kSwedish);
  } else {
    u.toLower(kSwedish);
  }
  std::string out;
  u.toUTF8String(out);
  return out;
}

}  // namespace

std::string lower_sv(std::string_view s) { return change_case(s, false); }
std::string upper_sv(std::string_view s) { return change_case(s, true); }

}  // namespace arkiv::util
