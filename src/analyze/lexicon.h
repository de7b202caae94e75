// arkiv's Swedish lexicon: every word form of Debian's hunspell-sv with its
// lemma and its compound flags, built at build time by arkiv-mklexicon
// (mklexicon.cc) and compiled into the binary, so a search process reads it
// in place without loading anything.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace arkiv::analyze::lexicon {

struct Entry {
  std::string lemma;        // "högskola" for "högskolan", "partnerskap" for "partnerskaps"
  std::uint8_t flags = 0;   // lexicon_format::kWord, kBegin, kMiddle, kEnd
};

// The entry of a lower-case form, if the lexicon has it.
std::optional<Entry> find(std::string_view form);

// Flags of a lower-case form, 0 if the lexicon does not have it (no lemma
// copied: the decompounder asks this for many substrings).
std::uint8_t flags(std::string_view form);

// Identifies the lexicon's content ("hunspell-sv:831160:16841577"); stored
// with each record, so records analysed with another lexicon are analysed
// again.
const std::string& version();

// Number of forms (0 if the binary was built without a lexicon).
std::size_t size();

}  // namespace arkiv::analyze::lexicon
