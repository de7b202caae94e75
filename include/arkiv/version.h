// arkiv's own version, recorded with every record at ingest.
#pragma once

namespace arkiv {
inline constexpr const char* kVersion = "0.1.0";
}  // namespace arkiv
