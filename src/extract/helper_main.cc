// arkiv-extract: the extraction helper. `arkiv index` starts one per
// extraction thread (extract/isolate.cc) as
//   arkiv-extract MAX_MEMORY_BYTES MAX_SECONDS PARENT_PID
// with its standard input and output as the pipe (extract/wire.h) and its
// environment decided by helper_environment(). `arkiv serve` starts a
// few as page helpers (extract/page_words.h, serve/helper.h) as
//   arkiv-extract --pages KEEP_OPEN
// answering page requests on standard input and output while the server
// runs, with up to KEEP_OPEN documents open. It is the only program
// that links the readers; it is not for people, but says what it is when
// asked with --version.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <iostream>

#include "arkiv/pipeline.h"
#include "arkiv/version.h"
#include "extract/page_words.h"
#include "extract/wire.h"

namespace {

// The page helper's loop: ends when the server closes its end (or dies),
// exit status 0; 1 for a request it cannot read.
int page_helper(const char* keep_open) {
  // A page of a hostile PDF is read here as in extraction: within a
  // memory limit, so that a page that makes Poppler allocate without end
  // ends this process and not the server.
  arkiv::extract::limit_worker_memory(std::uint64_t{2} << 30);
  return arkiv::extract::serve_pages(0, 1, std::strtoul(keep_open, nullptr, 10));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 2 && std::strcmp(argv[1], "--version") == 0) {
    std::cout << "arkiv-extract " << arkiv::kVersion << " (wire format " << arkiv::extract::wire::kWireVersion
              << ", " << arkiv::extract::pdf_backend_version() << ")\n";
    return 0;
  }
  if (argc == 3 && std::strcmp(argv[1], "--pages") == 0) return page_helper(argv[2]);
  if (argc != 4) {
    std::cerr << "arkiv-extract: the extraction helper of `arkiv index`, not for people "
                 "(usage: arkiv-extract MAX_MEMORY_BYTES MAX_SECONDS PARENT_PID)\n";
    return 2;
  }
  arkiv::extract::bind_worker_to_parent(static_cast<pid_t>(std::strtol(argv[3], nullptr, 10)));
  arkiv::extract::limit_worker_memory(std::strtoull(argv[1], nullptr, 10));
  return arkiv::extract::serve_worker(0, 1, static_cast<unsigned>(std::strtoul(argv[2], nullptr, 10)));
}
