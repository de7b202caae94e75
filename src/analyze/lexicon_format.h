// The on-disk layout of arkiv's Swedish lexicon, shared by its builder
// (mklexicon.cc) and its reader (lexicon.cc).
//
//   "ARKLEX1\n"  uint32 n  uint32 offset[n]  blob
//
// offset[i] points into blob at entry i; entries are sorted by form (byte
// order). An entry is: form '\0', flags (1 byte), k (1 byte), suffix '\0';
// the lemma is the first k bytes of the form followed by suffix.
#pragma once

#include <cstdint>

namespace arkiv::analyze::lexicon_format {

inline constexpr char kMagic[9] = "ARKLEX1\n";

// Flags of a form.
inline constexpr std::uint8_t kWord = 1;    // a word on its own (not only inside compounds)
inline constexpr std::uint8_t kBegin = 2;   // may begin a compound ("partnerskaps", "miljö")
inline constexpr std::uint8_t kMiddle = 4;  // may stand inside a compound
inline constexpr std::uint8_t kEnd = 8;     // may end a compound, inflected ("avtalet")
inline constexpr std::uint8_t kName = 16;   // a form of a capitalised root: a name ("Gävle", "Bergström")

}  // namespace arkiv::analyze::lexicon_format
