#include "serve/helper.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <vector>

#include "arkiv/pipeline.h"

namespace arkiv::serve {
namespace {

// A page image at screen resolution is a few hundred KB; a page's words a
// few tens of KB. Anything past this is not a page.
constexpr std::size_t kMaxOutputBytes = 64u << 20;
constexpr std::chrono::seconds kHelperTime{20};

// The helper's standard output, if it exits 0 in time.
std::optional<std::string> run_helper(const std::vector<std::string>& args) {
  int out[2];
  if (::pipe2(out, O_CLOEXEC) != 0) return std::nullopt;
  std::vector<std::string> argv_s{extract::find_helper()};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_s = extract::helper_environment();
  std::vector<char*> envp;
  for (auto& e : env_s) envp.push_back(e.data());
  envp.push_back(nullptr);

  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&fa, out[1], 1);
  posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = -1;
  const int rc = ::posix_spawn(&pid, argv[0], &fa, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&fa);
  ::close(out[1]);
  if (rc != 0) {
    ::close(out[0]);
    return std::nullopt;
  }
  std::string data;
  bool ok = true;
  const auto deadline = std::chrono::steady_clock::now() + kHelperTime;
  char buf[65536];
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    pollfd p{out[0], POLLIN, 0};
    if (left.count() <= 0 || ::poll(&p, 1, static_cast<int>(left.count())) <= 0) {
      ok = false;
      break;
    }
    const ssize_t n = ::read(out[0], buf, sizeof buf);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      ok = false;
      break;
    }
    data.append(buf, static_cast<std::size_t>(n));
    if (data.size() > kMaxOutputBytes) {
      ok = false;
      break;
    }
  }
  ::close(out[0]);
  if (!ok) ::kill(pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!ok || !WIFEXITED(status) || WEXITSTATUS(status) != 0) return std::nullopt;
  return data;
}

}  // namespace

std::optional<extract::PageWords> helper_page_words(const std::string& path, int page) {
  std::optional<std::string> text = run_helper({"--page-words", path, std::to_string(page)});
  if (!text) return std::nullopt;
  return extract::parse_page_words(*text);
}

std::optional<std::string> helper_page_png(const std::string& path, int page, int dpi) {
  return run_helper({"--page-png", path, std::to_string(page), std::to_string(dpi)});
}

}  // namespace arkiv::serve
