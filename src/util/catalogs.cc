#include "util/catalogs.h"

#include <cstdlib>
#include <filesystem>

namespace arkiv::util {

std::vector<std::string> catalog_dirs() {
  std::vector<std::string> dirs;
  const char* env = std::getenv("ARKIV_LOCALEDIR");
  if (env && *env) dirs.push_back(env);
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    dirs.push_back((exe.parent_path() / "locale").string());
    dirs.push_back((exe.parent_path().parent_path() / "share" / "locale").string());
  }
  return dirs;
}

}  // namespace arkiv::util
