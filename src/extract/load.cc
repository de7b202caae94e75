// extract() and pdf_backend_version() for the CLI, which does not link the
// readers: they are loaded from arkiv-readers.so on first use (readers.h
// says why). The module is looked for in $ARKIV_READERS, then next to the
// binary, then in ../lib/arkiv; a missing or mismatched module stops the
// run with one line, since no file could be read without it.
#include <dlfcn.h>

#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

#include "arkiv/error.h"
#include "arkiv/pipeline.h"
#include "extract/readers.h"

namespace arkiv::extract {
namespace {

const ReadersApi& readers() {
  static const ReadersApi* api = nullptr;
  static std::once_flag once;
  static std::string failure;
  std::call_once(once, [] {
    std::vector<std::string> candidates;
    if (const char* env = std::getenv("ARKIV_READERS"); env && *env) candidates.emplace_back(env);
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) {
      candidates.push_back((exe.parent_path() / "arkiv-readers.so").string());
      candidates.push_back((exe.parent_path().parent_path() / "lib" / "arkiv" / "arkiv-readers.so").string());
    }
    std::string why = "not found";
    for (const std::string& path : candidates) {
      if (!std::filesystem::exists(path, ec)) continue;
      void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
      if (!handle) {
        why = path + ": " + ::dlerror();
        continue;
      }
      auto entry = reinterpret_cast<const ReadersApi* (*)()>(::dlsym(handle, kReadersSymbol));
      const ReadersApi* found = entry ? entry() : nullptr;
      if (!found || found->abi != kReadersAbi) {
        why = path + ": built for another version of arkiv";
        continue;
      }
      api = found;  // never unloaded: its code runs until the process ends
      return;
    }
    failure = "cannot load the document readers (arkiv-readers.so): " + why;
  });
  if (!api) throw Error(failure);
  return *api;
}

}  // namespace

ExtractedDoc extract(const SourceFile& file, const ExtractOptions& opts) { return readers().extract(file, opts); }

std::string pdf_backend_version() { return readers().pdf_backend_version(); }

}  // namespace arkiv::extract
