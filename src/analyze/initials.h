#pragma once
// What the actor finder (actors.cc) and the acronym finder (acronyms.cc)
// share to read an acronym from the initials of the words before it:
// "Post- och telestyrelsen (PTS)", "lagen om offentlig upphandling (LOU)",
// "Name Of A Thing (NOAT)". Internal to analyze/.

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace arkiv::analyze {

[[gnu::noinline]] inline UChar32 cp_at_decode(std::string_view s, std::size_t i, std::size_t* next) {
  int32_t j = static_cast<int32_t>(i);
  UChar32 c;
  U8_NEXT(s.data(), j, static_cast<int32_t>(s.size()), c);
  if (next) *next = static_cast<std::size_t>(j);
  return c;
}

// The code point at byte i (negative if ill-formed). Most of a Swedish
// text is ASCII; decoding it byte by byte, inline, is the tokenizers' and
// the word tests' inner loop.
[[gnu::always_inline]] inline UChar32 cp_at(std::string_view s, std::size_t i, std::size_t* next = nullptr) {
  if (i < s.size() && static_cast<unsigned char>(s[i]) < 0x80) {
    if (next) *next = i + 1;
    return static_cast<unsigned char>(s[i]);
  }
  return cp_at_decode(s, i, next);
}

// The code points of `w` in lower case: only its letters ("SoL" -> s, o,
// l; an acronym, or a word whose initials count letters only), or all of
// them.
inline std::vector<UChar32> lower_code_points(std::string_view w, bool letters_only) {
  std::vector<UChar32> out;
  for (std::size_t i = 0; i < w.size();) {
    std::size_t next;
    const UChar32 c = cp_at(w, i, &next);
    if (!letters_only || (c >= 0 && u_isalpha(c))) out.push_back(c >= 0 ? u_tolower(c) : c);
    i = next;
  }
  return out;
}

// Whether `word` (lower_code_points()) supplies acronym letters [from,
// to): it starts with letters[from] and has the rest in order after it
// ("personuppgiftslagen" supplies P, U and L of PUL; "telestyrelsen" T and
// S of PTS).
inline bool supplies(const std::vector<UChar32>& word, const std::vector<UChar32>& letters, std::size_t from,
                     std::size_t to) {
  if (word.empty() || word[0] != letters[from]) return false;
  std::size_t k = from + 1;
  for (std::size_t i = 1; i < word.size() && k < to; ++i)
    if (word[i] == letters[k]) ++k;
  return k == to;
}

// Reading a long form backwards with letters [0, to) still to spell: where
// the fewest letters `word` supplies, ending at `to`, begin; -1 if it
// supplies none.
inline std::ptrdiff_t supplied_before(const std::vector<UChar32>& word, const std::vector<UChar32>& letters,
                                      std::size_t to) {
  for (std::ptrdiff_t m = static_cast<std::ptrdiff_t>(to) - 1; m >= 0; --m)
    if (supplies(word, letters, static_cast<std::size_t>(m), to)) return m;
  return -1;
}

}  // namespace arkiv::analyze
