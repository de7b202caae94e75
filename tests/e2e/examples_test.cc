// Every example a user is shown, run against the sample corpus: the
// README's `$ build/arkiv ...` lines and the "Examples:" of every
// subcommand's --help. An example that returns nothing, fails, or prints
// something else than the README shows under it fails here, so the
// documentation cannot drift from the program (issue 19 item 7: before,
// `typ:avtal`, `type:minutes` and `dnr:"KS 2015/456"` were shown and found
// nothing on the sample, and the `index` example's counts were stale).
//
// The README's rules, which this test enforces:
// - in a ```sh block, a line "$ build/arkiv ARGS  # comment" is a command;
//   the lines under it, up to the next "$" line or the block's end, are
//   output it must print (each line's parts between "…" in order, on one
//   line of stdout or stderr);
// - a command must exit 0, unless its comment says "exit N";
// - arguments are split as a POSIX shell does for words, '...' and "..."
//   (no pipes, redirections or variables: a reader copies these lines).
// The commands run in order in one folder holding a copy of corpus/ and
// nothing else; --help examples run, per subcommand, in a fresh such
// folder whose corpus/ is indexed first.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "process.h"

namespace fs = std::filesystem;

namespace {

struct Example {
  int line = 0;                        // in its source, for the failure message
  std::string text;                    // as written
  std::vector<std::string> args;       // after "arkiv"
  int status = 0;                      // expected exit status
  std::vector<std::string> expected;   // output lines shown under it
};

// Splits `s` into words as a shell does for plain words and quotes; a '#'
// that starts a word starts a comment, returned in `comment`.
std::vector<std::string> shell_words(const std::string& s, std::string& comment) {
  std::vector<std::string> words;
  std::string w;
  bool in_word = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '\'' || c == '"') {
      const std::size_t end = s.find(c, i + 1);
      if (end == std::string::npos) throw std::runtime_error("unbalanced quote");
      w += s.substr(i + 1, end - i - 1);
      in_word = true;
      i = end;
    } else if (c == ' ' || c == '\t') {
      if (in_word) words.push_back(w), w.clear(), in_word = false;
    } else if (c == '#' && !in_word) {
      comment = s.substr(i + 1);
      break;
    } else if (c == '|' || c == '>' || c == '<' || c == '$' || c == '`' || c == ';' || c == '&') {
      throw std::runtime_error(std::string("shell syntax '") + c + "' in an example");
    } else {
      w += c;
      in_word = true;
    }
  }
  if (in_word) words.push_back(w);
  return words;
}

Example make_example(int line, const std::string& text, const std::string& program_prefix) {
  Example e;
  e.line = line;
  e.text = text;
  std::string comment;
  std::vector<std::string> words = shell_words(text, comment);
  if (words.empty() || words[0] != program_prefix) throw std::runtime_error("not an arkiv command");
  e.args.assign(words.begin() + 1, words.end());
  std::smatch m;
  if (std::regex_search(comment, m, std::regex("exit (\\d)"))) e.status = std::stoi(m[1]);
  return e;
}

// The README's examples: `$ build/arkiv` lines in ```sh blocks.
std::vector<Example> readme_examples(const std::string& readme) {
  std::vector<Example> out;
  std::istringstream in(readme);
  std::string line;
  bool in_sh = false;
  Example* current = nullptr;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.rfind("```", 0) == 0) {
      in_sh = !in_sh && line == "```sh";
      current = nullptr;
      continue;
    }
    if (!in_sh) continue;
    if (line.rfind("$ ", 0) == 0) {
      current = nullptr;
      if (line.rfind("$ build/arkiv ", 0) != 0) continue;  // another tool's command
      out.push_back(make_example(n, line.substr(2), "build/arkiv"));
      current = &out.back();
    } else if (current && !line.empty()) {
      current->expected.push_back(line);
    }
  }
  return out;
}

// A subcommand's --help examples: the "  arkiv ..." lines after "Examples:".
std::vector<Example> help_examples(const std::string& help) {
  std::vector<Example> out;
  std::istringstream in(help);
  std::string line;
  bool in_examples = false;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.rfind("Examples:", 0) == 0) in_examples = true;
    else if (in_examples && line.rfind("  arkiv ", 0) == 0) out.push_back(make_example(n, line.substr(2), "arkiv"));
    else if (in_examples && line.find_first_not_of(' ') != std::string::npos && line.rfind("  ", 0) != 0) in_examples = false;
  }
  return out;
}

// True when some line of `output` holds the parts of `expected` that lie
// between "…", in order.
bool shows(const std::string& output, const std::string& expected) {
  std::vector<std::string> parts;
  for (std::size_t at = 0;;) {
    const std::size_t e = expected.find("…", at);
    std::string p = expected.substr(at, e == std::string::npos ? std::string::npos : e - at);
    p.erase(0, p.find_first_not_of(' '));
    p.erase(p.find_last_not_of(' ') + 1);
    if (!p.empty()) parts.push_back(p);
    if (e == std::string::npos) break;
    at = e + std::string("…").size();
  }
  std::istringstream in(output);
  for (std::string line; std::getline(in, line);) {
    std::size_t at = 0;
    bool all = true;
    for (const std::string& p : parts) {
      at = line.find(p, at);
      if (at == std::string::npos) {
        all = false;
        break;
      }
      at += p.size();
    }
    if (all) return true;
  }
  return false;
}

class Examples : public ::testing::Test {
 protected:
  arkiv::test::TempDir tmp;
  std::string sandbox;

  void fresh_sandbox(const std::string& name) {
    sandbox = tmp / name;
    fs::create_directories(sandbox);
    fs::copy(std::string(ARKIV_SOURCE_DIR) + "/corpus", sandbox + "/corpus", fs::copy_options::recursive);
  }
  arkiv::test::RunResult arkiv(const std::vector<std::string>& args) {
    std::vector<std::string> argv{ARKIV_BIN};
    argv.insert(argv.end(), args.begin(), args.end());
    arkiv::test::RunOptions o;
    o.cwd = sandbox;
    o.env = {{"LANG", "C.UTF-8"}, {"NO_COLOR", "1"}};
    o.unset = {"LC_ALL", "LC_MESSAGES", "ARKIV_INDEX"};
    return arkiv::test::run(argv, o);
  }
  void check(const std::string& where, const Example& e) {
    const arkiv::test::RunResult r = arkiv(e.args);
    const std::string said = "\n$ " + e.text + "\n--- stdout:\n" + r.out + "--- stderr:\n" + r.err;
    EXPECT_EQ(r.status, e.status) << where << ":" << e.line << said;
    EXPECT_FALSE(r.out.empty() && r.err.empty()) << where << ":" << e.line << ": prints nothing" << said;
    for (const std::string& x : e.expected)
      EXPECT_TRUE(shows(r.out + r.err, x)) << where << ":" << e.line << ": does not show \"" << x << "\"" << said;
  }
};

TEST(ExampleParsing, ShellWordsCommentsAndShownLines) {
  std::string comment;
  EXPECT_EQ(shell_words("search 'kommunerna NOT Kina' --json  # exit 1", comment),
            (std::vector<std::string>{"search", "kommunerna NOT Kina", "--json"}));
  EXPECT_EQ(comment, " exit 1");
  EXPECT_EQ(shell_words("search dnr:\"KS 2015/456\"", comment), (std::vector<std::string>{"search", "dnr:KS 2015/456"}));
  EXPECT_THROW(shell_words("search x | head", comment), std::runtime_error);
  EXPECT_TRUE(shows("a\n1. Bilaga 2 Underlag för beslut\n", "1. Bilaga 2 … beslut"));
  EXPECT_FALSE(shows("1. Bilaga 2\nUnderlag för beslut\n", "Bilaga 2 … beslut"));
  const auto ex = readme_examples("x\n```sh\n$ build/arkiv index corpus/\n5 indexed\n\n$ ls\n```\n$ build/arkiv no\n");
  ASSERT_EQ(ex.size(), 1u);
  EXPECT_EQ(ex[0].args, (std::vector<std::string>{"index", "corpus/"}));
  EXPECT_EQ(ex[0].expected, std::vector<std::string>{"5 indexed"});
}

TEST_F(Examples, EveryReadmeExampleRunsAsShown) {
  std::ifstream f(std::string(ARKIV_SOURCE_DIR) + "/README.md");
  std::stringstream readme;
  readme << f.rdbuf();
  const std::vector<Example> examples = readme_examples(readme.str());
  ASSERT_GE(examples.size(), 20u) << "the README's walk-through and reference show their commands";
  fresh_sandbox("readme");
  for (const Example& e : examples) check("README.md", e);
}

// The examples of the README's filter table (generated from
// src/query/filters.cc by `arkiv search --filters --markdown`): its last
// column's `code` items, each a query.
std::vector<Example> filter_table_examples(const std::string& readme) {
  std::vector<Example> out;
  const std::size_t begin = readme.find("<!-- filters:begin -->"), end = readme.find("<!-- filters:end -->");
  if (begin == std::string::npos || end == std::string::npos) return out;
  std::istringstream in(readme.substr(begin, end - begin));
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.rfind("| `", 0) != 0) continue;
    const std::size_t last = line.rfind(" | ");
    const std::string cell = line.substr(last + 3);
    for (std::size_t a = cell.find('`'); a != std::string::npos; a = cell.find('`', a + 1)) {
      const std::size_t b = cell.find('`', a + 1);
      if (b == std::string::npos) break;
      Example e;
      e.line = n;
      e.text = "arkiv search '" + cell.substr(a + 1, b - a - 1) + "'";
      e.args = {"search", cell.substr(a + 1, b - a - 1)};
      out.push_back(e);
      a = b;
    }
  }
  return out;
}

TEST_F(Examples, EveryFilterTableExampleFindsSomething) {
  std::ifstream f(std::string(ARKIV_SOURCE_DIR) + "/README.md");
  std::stringstream readme;
  readme << f.rdbuf();
  const std::vector<Example> examples = filter_table_examples(readme.str());
  ASSERT_GE(examples.size(), 11u) << "one example or more per filter";
  fresh_sandbox("filters");
  ASSERT_EQ(arkiv({"index", "corpus/"}).status, 0);
  for (const Example& e : examples) check("README.md filter table", e);
}

TEST_F(Examples, EveryHelpExampleRuns) {
  fresh_sandbox("help");
  const arkiv::test::RunResult top = arkiv({"--help"});
  ASSERT_EQ(top.status, 0);
  // The subcommands, from the top-level help's "Subcommands:" list.
  std::vector<std::string> commands;
  std::istringstream in(top.out);
  bool listing = false;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("Subcommands:", 0) == 0) listing = true;
    else if (listing && line.rfind("  ", 0) == 0) commands.push_back(line.substr(2, line.find(' ', 2) - 2));
    else if (listing && !line.empty()) listing = false;
  }
  ASSERT_GE(commands.size(), 10u) << top.out;
  std::size_t seen = 0;
  for (const std::string& cmd : commands) {
    // `arkiv serve` answers until stopped, so no example of it can run to
    // its end here: tests/e2e/serve_test.cc runs it.
    if (cmd == "serve") continue;
    fresh_sandbox("help-" + cmd);
    ASSERT_EQ(arkiv({"index", "corpus/"}).status, 0);
    const arkiv::test::RunResult help = arkiv({cmd, "--help"});
    ASSERT_EQ(help.status, 0) << cmd;
    const std::vector<Example> examples = help_examples(help.out);
    EXPECT_FALSE(examples.empty()) << "arkiv " << cmd << " --help shows no example";
    for (const Example& e : examples) check("arkiv " + cmd + " --help", e);
    seen += examples.size();
  }
  std::printf("help examples run: %zu in %zu subcommands\n", seen, commands.size());
}

}  // namespace
