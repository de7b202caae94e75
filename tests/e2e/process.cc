#include "process.h"

#include <fcntl.h>
#include <pty.h>
#include <spawn.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace arkiv::test {
namespace {

std::vector<std::string> make_env(const RunOptions& opts) {
  std::map<std::string, std::string> vars;
  for (char** e = environ; *e; ++e) {
    std::string kv = *e;
    auto eq = kv.find('=');
    if (eq != std::string::npos) vars[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  for (const auto& u : opts.unset) vars.erase(u);
  for (const auto& [k, v] : opts.env) vars[k] = v;
  std::vector<std::string> out;
  for (const auto& [k, v] : vars) out.push_back(k + "=" + v);
  return out;
}

// `err_fd` >= 0: stderr is that descriptor (a terminal), not the file `err`.
pid_t start(const std::vector<std::string>& argv, const RunOptions& opts, const std::string& out,
            const std::string& err, bool own_group, int err_fd = -1) {
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (err_fd >= 0)
    posix_spawn_file_actions_adddup2(&fa, err_fd, 2);
  else
    posix_spawn_file_actions_addopen(&fa, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (!opts.cwd.empty()) posix_spawn_file_actions_addchdir_np(&fa, opts.cwd.c_str());
  std::vector<std::string> env = make_env(opts);
  std::vector<char*> cargv, cenv;
  for (const auto& a : argv) cargv.push_back(const_cast<char*>(a.c_str()));
  cargv.push_back(nullptr);
  for (const auto& e : env) cenv.push_back(const_cast<char*>(e.c_str()));
  cenv.push_back(nullptr);
  // A background process gets a process group of its own: xapian-tcpsrv
  // answers SIGTERM by signalling its whole group, which would otherwise
  // be the test runner's.
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  if (own_group) {
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&attr, 0);
  }
  pid_t pid = 0;
  int rc = posix_spawn(&pid, cargv[0], &fa, &attr, cargv.data(), cenv.data());
  posix_spawnattr_destroy(&attr);
  posix_spawn_file_actions_destroy(&fa);
  if (rc != 0) throw std::runtime_error("cannot start " + argv[0]);
  return pid;
}

}  // namespace

RunResult run(const std::vector<std::string>& argv, const RunOptions& opts) {
  TempDir tmp;
  RunResult r;
  pid_t pid = 0;
  if (opts.terminal_columns > 0) {
    int terminal = -1, side = -1;
    winsize size{};
    size.ws_row = 24;
    size.ws_col = opts.terminal_columns;
    if (::openpty(&terminal, &side, nullptr, nullptr, &size) != 0) throw std::runtime_error("no pseudo-terminal");
    ::fcntl(terminal, F_SETFD, FD_CLOEXEC);
    ::fcntl(side, F_SETFD, FD_CLOEXEC);
    pid = start(argv, opts, tmp / "out", "", false, side);
    ::close(side);
    // Read while it runs (a terminal holds a few KiB); EIO once the
    // program, the last holder of its side, has closed it.
    char buf[4096];
    for (ssize_t n; (n = ::read(terminal, buf, sizeof buf)) != 0;) {
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) break;
      r.err.append(buf, static_cast<std::size_t>(n));
    }
    ::close(terminal);
  } else {
    pid = start(argv, opts, tmp / "out", tmp / "err", false);
  }
  int ws = 0;
  waitpid(pid, &ws, 0);
  r.status = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
  r.out = read_file(tmp / "out");
  if (opts.terminal_columns == 0) r.err = read_file(tmp / "err");
  return r;
}

pid_t spawn(const std::vector<std::string>& argv, const RunOptions& opts) {
  return start(argv, opts, "/dev/null", "/dev/null", true);
}

std::string spawn_until(const std::vector<std::string>& argv, const std::string& out, const std::string& marker,
                        pid_t& pid, const RunOptions& opts, std::chrono::milliseconds timeout) {
  pid = start(argv, opts, out, out + ".err", true);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const std::string printed = read_file(out);
    if (const std::size_t at = printed.find(marker); at != std::string::npos) {
      const std::size_t end = printed.find('\n', at);
      if (end != std::string::npos) {
        const std::size_t begin = printed.rfind('\n', at) + 1;  // npos + 1 == 0: the first line
        return printed.substr(begin, end - begin);
      }
    }
    int status = 0;
    if (::waitpid(pid, &status, WNOHANG) == pid) {
      pid = -1;  // it ended without the line, and is waited for
      return "";
    }
    if (std::chrono::steady_clock::now() > deadline) return "";
    ::usleep(10000);
  }
}

TempDir::TempDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "arkiv-test-XXXXXX").string();
  if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

void write_file(const std::string& path, const std::string& content) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << content;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace arkiv::test
