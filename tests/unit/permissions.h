// Tests of what arkiv does with a folder or file it may not read. Root
// reads a chmod 000 folder all the same (CAP_DAC_OVERRIDE,
// CAP_DAC_READ_SEARCH), so as root the test thread drops those two
// capabilities from its effective set while it runs, and threads it starts
// inherit that; as any other user the permission bits apply already.
#pragma once

#include <linux/capability.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <string>

namespace arkiv::test {

// While alive, the permission bits apply to this thread. ok() false (and
// why() says) when they cannot be made to: the test should skip.
class PermissionsApply {
 public:
  PermissionsApply() {
    if (::geteuid() != 0) {
      ok_ = true;
      return;
    }
    if (::syscall(SYS_capget, &header_, saved_) != 0) {
      why_ = std::string("capget: ") + std::strerror(errno);
      return;
    }
    __user_cap_data_struct less[2];
    std::memcpy(less, saved_, sizeof less);
    less[0].effective &= ~((1u << CAP_DAC_OVERRIDE) | (1u << CAP_DAC_READ_SEARCH));
    if (::syscall(SYS_capset, &header_, less) != 0) {
      why_ = std::string("capset: ") + std::strerror(errno);
      return;
    }
    dropped_ = ok_ = true;
  }
  ~PermissionsApply() {
    if (dropped_) ::syscall(SYS_capset, &header_, saved_);
  }
  PermissionsApply(const PermissionsApply&) = delete;
  PermissionsApply& operator=(const PermissionsApply&) = delete;

  bool ok() const { return ok_; }
  const std::string& why() const { return why_; }

 private:
  __user_cap_header_struct header_{_LINUX_CAPABILITY_VERSION_3, 0};
  __user_cap_data_struct saved_[2]{};
  bool ok_ = false;
  bool dropped_ = false;
  std::string why_;
};

// chmod 000 on `path` for as long as it lives; then 0755 (a folder) or
// 0644 (a file) again, so that the test's folder can be removed.
class NoAccess {
 public:
  explicit NoAccess(std::filesystem::path path) : path_(std::move(path)) { ::chmod(path_.c_str(), 0); }
  ~NoAccess() { restore(); }
  NoAccess(const NoAccess&) = delete;
  NoAccess& operator=(const NoAccess&) = delete;
  void restore() {
    if (path_.empty()) return;
    std::error_code ec;
    ::chmod(path_.c_str(), std::filesystem::is_directory(path_, ec) ? 0755 : 0644);
    path_.clear();
  }

 private:
  std::filesystem::path path_;
};

}  // namespace arkiv::test
