#include "serve/helper.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <deque>

#include "arkiv/pipeline.h"
#include "extract/wire.h"

namespace arkiv::serve {
namespace {

// A page image at screen resolution is a few hundred KB; a page's words a
// few tens of KB. Anything past this is not a page.
constexpr std::uint64_t kMaxOutputBytes = 64u << 20;
// What one request may take, document load included.
constexpr std::chrono::seconds kHelperTime{20};

using Clock = std::chrono::steady_clock;

// Sends all of `s`; false if the helper is gone. MSG_NOSIGNAL: a helper
// that died is an answer, not a SIGPIPE that ends the server.
bool send_all(int fd, const std::string& s) {
  for (std::size_t at = 0; at < s.size();) {
    const ssize_t n = ::send(fd, s.data() + at, s.size() - at, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    at += static_cast<std::size_t>(n);
  }
  return true;
}

// Reads exactly n bytes by `deadline`; false at the end of the input, an
// error or the deadline.
bool recv_exact(int fd, std::string& out, std::size_t n, Clock::time_point deadline) {
  out.resize(n);
  for (std::size_t at = 0; at < n;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return false;
    pollfd p{fd, POLLIN, 0};
    const int rc = ::poll(&p, 1, static_cast<int>(left.count()));
    if (rc < 0 && errno == EINTR) continue;
    if (rc <= 0) return false;
    const ssize_t got = ::recv(fd, out.data() + at, n - at, 0);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return false;
    at += static_cast<std::size_t>(got);
  }
  return true;
}

}  // namespace

struct PageHelpers::Helper {
  std::atomic<pid_t> pid{0};
  int fd = -1;  // our end of the socket pair: the helper's standard input and output
  bool ready = false;  // its first frame read: Poppler set up
  bool busy = false;
  std::size_t last_use = 0;
  // The documents it was last asked for, most recent first: those it keeps
  // open (extract::serve_pages keeps as many).
  std::deque<std::string> recent;

  ~Helper() { stop(); }

  // Starts the helper; false if it cannot be started.
  bool start(std::size_t keep_open) {
    int sv[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) return false;
    std::vector<std::string> argv_s{extract::find_helper(), "--pages", std::to_string(keep_open)};
    std::vector<char*> argv;
    for (auto& a : argv_s) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::vector<std::string> env_s = extract::helper_environment();
    std::vector<char*> envp;
    for (auto& e : env_s) envp.push_back(e.data());
    envp.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, sv[1], 0);
    posix_spawn_file_actions_adddup2(&fa, sv[1], 1);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    pid_t child = 0;
    const int rc = ::posix_spawn(&child, argv[0], &fa, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&fa);
    // The helper holds its end; when ours closes (the server ends or dies)
    // it reads the end of its input and exits.
    ::close(sv[1]);
    if (rc != 0) {
      ::close(sv[0]);
      return false;
    }
    pid = child;
    fd = sv[0];
    return true;
  }

  // Whether it ended since its last answer (killed from outside, say): its
  // end of the socket is closed (an idle helper sends nothing), or it was
  // reaped here.
  bool exited() {
    if (pid <= 0) return false;
    pollfd p{fd, POLLIN | POLLRDHUP, 0};
    if (::poll(&p, 1, 0) > 0) return true;
    if (::waitpid(pid, nullptr, WNOHANG) != pid) return false;
    pid = 0;
    return true;
  }

  void stop() {
    if (fd >= 0) ::close(fd);
    fd = -1;
    if (pid > 0) {
      ::kill(pid, SIGKILL);
      while (::waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
      }
    }
    pid = 0;
    ready = false;
    recent.clear();
  }

  // Waits for the helper's first frame, sent once it has set Poppler up
  // (extract::serve_pages()); false, with the helper stopped, if none came
  // by `deadline`.
  bool await_ready(Clock::time_point deadline) {
    if (!ready) {
      const std::optional<std::string> hello = receive(deadline);
      ready = hello && *hello == std::string(1, extract::kPageAnswered);
      if (!ready) stop();
    }
    return ready;
  }

  // The answer's body, or nullopt with the helper stopped: it crashed,
  // overran kHelperTime or sent what is no answer.
  std::optional<std::string> exchange(const std::string& request, Clock::time_point deadline) {
    if (!await_ready(deadline)) return std::nullopt;
    if (!send_all(fd, request)) {
      stop();
      return std::nullopt;
    }
    return receive(deadline);
  }

  // One frame from the helper: its body, or nullopt with the helper
  // stopped.
  std::optional<std::string> receive(Clock::time_point deadline) {
    std::string header, body;
    if (!recv_exact(fd, header, 8, deadline)) {
      stop();
      return std::nullopt;
    }
    std::uint64_t n = 0;
    try {
      n = extract::wire::frame_length(header, kMaxOutputBytes);
    } catch (const extract::wire::WireError&) {
      stop();
      return std::nullopt;
    }
    if (n == 0 || !recv_exact(fd, body, static_cast<std::size_t>(n), deadline)) {
      stop();
      return std::nullopt;
    }
    return body;
  }
};

PageHelpers::PageHelpers(std::size_t count, std::size_t keep_open) : keep_open_(std::max<std::size_t>(keep_open, 1)) {
  for (std::size_t i = 0; i < std::max<std::size_t>(count, 1); ++i) helpers_.push_back(std::make_unique<Helper>());
}

PageHelpers::~PageHelpers() = default;

PageHelpers::Helper& PageHelpers::acquire(const std::string& path) {
  std::unique_lock<std::mutex> lock(m_);
  Helper* chosen = nullptr;
  cv_.wait(lock, [&] {
    // A free helper that has the document open; else the free one used
    // least recently (one not started yet first).
    for (auto& h : helpers_)
      if (!h->busy && std::find(h->recent.begin(), h->recent.end(), path) != h->recent.end()) {
        chosen = h.get();
        return true;
      }
    for (auto& h : helpers_)
      if (!h->busy && (!chosen || h->last_use < chosen->last_use)) chosen = h.get();
    return chosen != nullptr;
  });
  chosen->busy = true;
  chosen->last_use = ++uses_;
  return *chosen;
}

void PageHelpers::release(Helper& h) {
  {
    std::lock_guard<std::mutex> lock(m_);
    h.busy = false;
  }
  cv_.notify_one();
}

std::optional<std::string> PageHelpers::ask(const extract::PageRequest& req) {
  const std::string request = extract::wire::frame(extract::encode_page_request(req));
  Helper& h = acquire(req.path);
  const Clock::time_point deadline = Clock::now() + kHelperTime;
  std::optional<std::string> body;
  // A helper that ended while idle is started again; one that fails on
  // this request (a hostile page) is stopped, and the request not tried
  // again.
  if (h.exited()) h.stop();
  if (h.fd >= 0 || h.start(keep_open_)) body = h.exchange(request, deadline);
  if (body) {
    std::erase(h.recent, req.path);
    h.recent.push_front(req.path);
    if (h.recent.size() > keep_open_) h.recent.pop_back();
  }
  release(h);
  if (!body || body->empty() || (*body)[0] != extract::kPageAnswered) return std::nullopt;
  return body->substr(1);
}

std::optional<extract::PageWords> PageHelpers::words(const std::string& path, int page) {
  extract::PageRequest req;
  req.ask = extract::PageAsk::kWords;
  req.path = path;
  req.page = page;
  std::optional<std::string> text = ask(req);
  if (!text) return std::nullopt;
  return extract::parse_page_words(*text);
}

std::optional<std::string> PageHelpers::png(const std::string& path, int page, int dpi) {
  extract::PageRequest req;
  req.ask = extract::PageAsk::kPng;
  req.path = path;
  req.page = page;
  req.dpi = dpi;
  return ask(req);
}

void PageHelpers::start_all() {
  std::lock_guard<std::mutex> lock(m_);
  // A helper not busy is in no request's hands (acquire() takes it under
  // the same lock). All start at once, then each is waited for.
  std::vector<Helper*> started;
  for (auto& h : helpers_)
    if (!h->busy && h->fd < 0 && h->start(keep_open_)) started.push_back(h.get());
  const Clock::time_point deadline = Clock::now() + kHelperTime;
  for (Helper* h : started) h->await_ready(deadline);
}

std::vector<pid_t> PageHelpers::pids() const {
  std::lock_guard<std::mutex> lock(m_);
  std::vector<pid_t> out;
  for (const auto& h : helpers_) out.push_back(h->pid);
  return out;
}

}  // namespace arkiv::serve
