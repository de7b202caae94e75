// Whether OCR can run here (arkiv/options.h ocr_available()): asked by the
// CLI, which does not link Tesseract itself (the readers do), so the
// answer comes from how arkiv was built and from the model file on disk.
#include <cstdlib>
#include <filesystem>
#include <string>

#include "arkiv/options.h"

namespace arkiv {

bool ocr_available(std::string* why) {
#ifdef ARKIV_HAVE_TESSERACT
  // Where Tesseract looks for its models: TESSDATA_PREFIX, else the path
  // Debian's libtesseract5 was built with.
  std::filesystem::path dir = "/usr/share/tesseract-ocr/5/tessdata";
  if (const char* prefix = std::getenv("TESSDATA_PREFIX"); prefix && *prefix) dir = prefix;
  std::error_code ec;
  if (std::filesystem::exists(dir / "swe.traineddata", ec)) return true;
  if (why)
    *why = "Tesseract's Swedish model is not installed (" + (dir / "swe.traineddata").string() +
           "): install tesseract-ocr-swe (tools/install-deps)";
  return false;
#else
  if (why)
    *why = "this arkiv was built without Tesseract: install libtesseract-dev, libleptonica-dev and "
           "tesseract-ocr-swe (tools/install-deps), then build again";
  return false;
#endif
}

}  // namespace arkiv
