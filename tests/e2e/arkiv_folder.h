// The fixture most end-to-end tests share: a fresh folder, and the real
// `arkiv` run in it, in English unless a test says otherwise.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "process.h"

namespace arkiv::test {

class ArkivFolder : public ::testing::Test {
 protected:
  TempDir dir;
  // Put before every arkiv run: a command that runs arkiv as another user
  // (`setpriv --reuid=nobody ...`, unreadable_test.cc). Default: none.
  std::vector<std::string> run_as;

  // Runs arkiv in the test's folder; `env` adds to or overrides LANG and
  // NO_COLOR.
  RunResult arkiv(std::vector<std::string> args, std::map<std::string, std::string> env = {}) {
    args.insert(args.begin(), ARKIV_BIN);
    args.insert(args.begin(), run_as.begin(), run_as.end());
    RunOptions o;
    o.cwd = dir.path();
    o.env = {{"LANG", "C.UTF-8"}, {"NO_COLOR", "1"}};
    // ARKIV_FAULT only where a test sets it (src/util/fault.h).
    o.unset = {"LC_ALL", "LC_MESSAGES", "ARKIV_INDEX", "ARKIV_FAULT", "ARKIV_FAULT_MARK"};
    for (auto& [k, v] : env) o.env[k] = v;
    return run(args, o);
  }

  // Runs with --json and parses stdout; expect_status -1 accepts 0 and 1.
  nlohmann::json arkiv_json(std::vector<std::string> args, int expect_status = 0,
                            std::map<std::string, std::string> env = {}) {
    args.push_back("--json");
    RunResult r = arkiv(args, std::move(env));
    if (expect_status < 0) {
      EXPECT_TRUE(r.status == 0 || r.status == 1) << r.err;
    } else {
      EXPECT_EQ(r.status, expect_status) << r.err;
    }
    nlohmann::json j = nlohmann::json::parse(r.out, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << "not JSON: " << r.out;
    return j;
  }
};

}  // namespace arkiv::test
