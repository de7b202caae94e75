// Swedish case mapping on UTF-8 ("ÅR" -> "år"), shared by the stages that
// compare words with fixed vocabularies (normalize, analyze).
#pragma once

#include <string>
#include <string_view>

namespace arkiv::util {

std::string lower_sv(std::string_view s);
std::string upper_sv(std::string_view s);

}  // namespace arkiv::util
