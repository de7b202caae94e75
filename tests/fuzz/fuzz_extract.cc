// libFuzzer targets: one extractor on any bytes, chosen at compile time by
// ARKIV_FUZZ_FORMAT ("pdf", "office", "mail", "text", "html", "zip";
// "any" dispatches by content as `arkiv index` does). A bad file must give
// a diagnostic, never a crash, a hang or an exception; the limits of
// ExtractOptions must hold.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

#include "arkiv/pipeline.h"
#include "extract/formats.h"

namespace {

void check(const arkiv::ExtractedDoc& d, int depth) {
  if (depth > 8) __builtin_trap();  // nesting must stop at max_depth (+1 recorded)
  for (const auto& c : d.children) check(c, depth + 1);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const arkiv::ExtractOptions opts = [] {
    arkiv::ExtractOptions o;
    o.max_unpacked_bytes = 64u << 20;  // keep the fuzzer's memory bounded
    o.max_members = 500;
    return o;
  }();
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  arkiv::ExtractedDoc doc;
  doc.source.path = doc.source.abspath = "fuzz-input";
  doc.source.id = "0";
  doc.source.size = size;
  arkiv::extract::Budget budget{opts};
  const char* f = ARKIV_FUZZ_FORMAT;
  if (std::strcmp(f, "pdf") == 0) {
    arkiv::extract::extract_pdf(doc, &bytes, budget);
  } else if (std::strcmp(f, "office") == 0) {
    static const char* kFormats[] = {"docx", "xlsx", "odt", "ods"};
    doc.format = kFormats[size % 4];
    arkiv::extract::extract_office(doc, bytes, budget);
  } else if (std::strcmp(f, "mail") == 0) {
    arkiv::extract::extract_mail(doc, bytes, budget);
  } else if (std::strcmp(f, "text") == 0) {
    arkiv::extract::extract_text(doc, bytes);
  } else if (std::strcmp(f, "html") == 0) {
    arkiv::extract::extract_html(doc, bytes);
  } else if (std::strcmp(f, "zip") == 0) {
    arkiv::extract::extract_zip(doc, bytes, budget);
  } else {
    arkiv::extract::extract_bytes(doc, bytes, budget);
  }
  check(doc, 0);
  return 0;
}
