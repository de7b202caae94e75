// Loopback helpers for the shard tests. A TCP port on 127.0.0.1 that nobody listens on, for tests that start a
// server there (xapian-tcpsrv shards) or need a connection refused (a
// dead shard): bound to port 0, read back, closed. Another process could
// take it before the test does; on a test machine that is rare, and a
// test that then fails says which port.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace arkiv::test {

inline unsigned unused_loopback_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof a;
  ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  ::close(fd);
  return ntohs(a.sin_port);
}

// Whether something accepts connections on 127.0.0.1:`port` (a server
// started there is up).
inline bool accepts_on_loopback(unsigned port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(static_cast<uint16_t>(port));
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  ::close(fd);
  return ok;
}

// A server on 127.0.0.1 that accepts connections and never answers (a
// hung xapian-tcpsrv): the kernel accepts for it; nothing is ever read.
class HungServer {
 public:
  HungServer() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    listening_ = ::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 && ::listen(fd_, 16) == 0;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
  }
  ~HungServer() { ::close(fd_); }
  HungServer(const HungServer&) = delete;
  HungServer& operator=(const HungServer&) = delete;
  unsigned port() const { return port_; }
  bool listening() const { return listening_; }

 private:
  int fd_ = -1;
  unsigned port_ = 0;
  bool listening_ = false;
};

}  // namespace arkiv::test
