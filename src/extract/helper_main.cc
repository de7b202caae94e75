// arkiv-extract: the extraction helper. `arkiv index` starts one per
// extraction thread (extract/isolate.cc) as
//   arkiv-extract MAX_MEMORY_BYTES MAX_SECONDS PARENT_PID
// with its standard input and output as the pipe (extract/wire.h) and its
// environment decided by helper_environment(). `arkiv serve` starts it for
// one page of a PDF (extract/page_words.h) as
//   arkiv-extract --page-words FILE PAGE      (size and words, as text)
//   arkiv-extract --page-png FILE PAGE DPI    (the page as a PNG image)
// writing the answer on its standard output. It is the only program
// that links the readers; it is not for people, but says what it is when
// asked with --version.
#include <cstdlib>
#include <cstring>
#include <iostream>

#include "arkiv/pipeline.h"
#include "arkiv/version.h"
#include "extract/page_words.h"
#include "extract/wire.h"

namespace {

// A page view request; exit status 0 with the answer on stdout, 1 if the
// page cannot be read.
int page_request(int argc, char** argv) {
  // A page of a hostile PDF is read here as in extraction: within a
  // memory limit, so that a page that makes Poppler allocate without end
  // ends this process and not the server.
  arkiv::extract::limit_worker_memory(std::uint64_t{2} << 30);
  const std::string path = argv[2];
  const int page = std::atoi(argv[3]);
  std::optional<std::string> out;
  if (std::strcmp(argv[1], "--page-words") == 0 && argc == 4) {
    if (auto words = arkiv::extract::read_page_words(path, page)) out = arkiv::extract::format_page_words(*words);
  } else if (std::strcmp(argv[1], "--page-png") == 0 && argc == 5) {
    out = arkiv::extract::render_page_png(path, page, std::atoi(argv[4]));
  } else {
    return 2;
  }
  if (!out) return 1;
  std::cout.write(out->data(), static_cast<std::streamsize>(out->size()));
  std::cout.flush();
  return std::cout ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 2 && std::strcmp(argv[1], "--version") == 0) {
    std::cout << "arkiv-extract " << arkiv::kVersion << " (wire format " << arkiv::extract::wire::kWireVersion
              << ", " << arkiv::extract::pdf_backend_version() << ")\n";
    return 0;
  }
  if (argc >= 4 && std::strncmp(argv[1], "--page-", 7) == 0) return page_request(argc, argv);
  if (argc != 4) {
    std::cerr << "arkiv-extract: the extraction helper of `arkiv index`, not for people "
                 "(usage: arkiv-extract MAX_MEMORY_BYTES MAX_SECONDS PARENT_PID)\n";
    return 2;
  }
  arkiv::extract::bind_worker_to_parent(static_cast<pid_t>(std::strtol(argv[3], nullptr, 10)));
  arkiv::extract::limit_worker_memory(std::strtoull(argv[1], nullptr, 10));
  return arkiv::extract::serve_worker(0, 1, static_cast<unsigned>(std::strtoul(argv[2], nullptr, 10)));
}
