// Runs a program the way a user would, capturing stdout, stderr and the
// exit status, for the end-to-end tests.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace arkiv::test {

struct RunResult {
  int status = -1;  // exit status, or 128 + signal number
  std::string out;
  std::string err;
};

struct RunOptions {
  std::string cwd;                           // Default: the current directory
  std::map<std::string, std::string> env;    // added to (or replacing) the environment
  std::vector<std::string> unset;            // removed from the environment
  // Non-zero: stderr is a pseudo-terminal this many columns wide, and
  // RunResult::err what a person at it would have been sent, "\r" and
  // escape sequences included (the terminal turns "\n" into "\r\n").
  unsigned short terminal_columns = 0;
};

// Runs argv[0] (a path) with arguments, waits for it.
RunResult run(const std::vector<std::string>& argv, const RunOptions& opts = {});

// Starts argv without waiting, in a process group of its own; stdout and
// stderr go to /dev/null.
pid_t spawn(const std::vector<std::string>& argv, const RunOptions& opts = {});

// Starts argv as spawn() does, its standard output written to the file
// `out` (and its standard error to `out` + ".err"), and waits until a line
// of `out` holds `marker`, the process exits, or `timeout` passes. Returns
// that line without its newline, "" if none came; `pid` is the process
// (-1 if it ended without the line).
// For a server that prints its address once it is ready: `arkiv serve
// --port 0` and its "http://127.0.0.1:PORT/?token=..." line.
std::string spawn_until(const std::vector<std::string>& argv, const std::string& out, const std::string& marker,
                        pid_t& pid, const RunOptions& opts = {},
                        std::chrono::milliseconds timeout = std::chrono::seconds(30));

// A fresh temporary directory, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }
  std::string operator/(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

void write_file(const std::string& path, const std::string& content);
std::string read_file(const std::string& path);

}  // namespace arkiv::test
