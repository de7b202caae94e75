// The document readers (Poppler, libarchive, pugixml, GMime, libxml2) as a
// loadable module, arkiv-readers.so. The CLI loads it on the first
// extraction (extract/load.cc) instead of linking those libraries: they
// are 47 of the 62 shared objects a process linked with them maps at
// start, which made every `arkiv search` cost 20 ms before it did any work
// (glibc's loader, measured with a bare main(): 20 ms with them, 6 ms
// without). The tests and tools link the readers directly (arkiv_core).
#pragma once

#include <string>

#include "arkiv/options.h"
#include "arkiv/record.h"

namespace arkiv::extract {

// What the module provides: extract() and pdf_backend_version() of
// arkiv/pipeline.h. `abi` must equal kReadersAbi, so a stale module left
// beside a newer binary is refused, not called.
struct ReadersApi {
  int abi;
  ExtractedDoc (*extract)(const SourceFile& file, const ExtractOptions& opts);
  std::string (*pdf_backend_version)();
};

// Raise whenever ReadersApi, SourceFile, ExtractOptions or ExtractedDoc
// change shape.
inline constexpr int kReadersAbi = 1;

// The symbol the module exports: `const ReadersApi* arkiv_readers()`.
inline constexpr const char* kReadersSymbol = "arkiv_readers";

}  // namespace arkiv::extract
