// Swedish case mapping on UTF-8 ("ÅR" -> "år"), shared by the stages that
// compare words with fixed vocabularies (normalize, analyze).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace arkiv::util {

std::string lower_sv(std::string_view s);
std::string upper_sv(std::string_view s);

// `s` with A-Z lowered and every other byte as it is: for finding ASCII
// literals in any case, at the same byte offsets.
std::string ascii_lower(std::string_view s);

// Whether every byte of `s` is ASCII: text whose case and classes need no
// ICU call.
constexpr bool is_ascii(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

// 0-9, A-Z, a-z: what ICU's u_isalnum says for ASCII, without a call.
constexpr bool ascii_alnum(char32_t c) { return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'); }

// `s` through ICU's transliterator `id` ("Han-Latin; ..."), one instance
// per thread and id; `s` itself if ICU has no such transliterator. The
// first one a process makes costs ICU's registry of every transliterator
// it has, 140 M instructions (40 ms): for the normal forms below, which a
// search or an audit needs at once, use nfc() and without_marks().
std::string transliterate(const char* id, const std::string& s);

// `s` in Unicode NFC: a name a bag made on macOS lists in NFD
// ("a\u0308" for "ä") as the same name written composed.
std::string nfc(std::string_view s);

// `s` without its nonspacing marks, composed again: what ICU's
// transliterator "NFD; [:Nonspacing Mark:] Remove; NFC" gives ("café" ->
// "cafe", "Müller" -> "Muller", and the Swedish "å", "ä", "ö" -> "a",
// "a", "o"), from ICU's normalizers alone.
std::string without_marks(std::string_view s);

// UTF-8 as code points (invalid bytes become U+FFFD).
std::u32string to_u32(std::string_view s);

// Bytes of the first UTF-8 character of `s` (0 for an empty string).
std::size_t first_char_bytes(std::string_view s);

// Damerau-Levenshtein distance (adjacent transpositions count one), or
// limit + 1 as soon as it must exceed `limit`.
int edit_distance(const std::u32string& a, const std::u32string& b, int limit);

}  // namespace arkiv::util
