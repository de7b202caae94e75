// Output helpers shared by the subcommands: terminal detection, highlighted
// snippets, progress lines and one-line errors.
#pragma once

#include <cstdio>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "arkiv/options.h"
#include "arkiv/search.h"
#include "util/markup.h"

namespace arkiv::cli {

// True if `stream` is a terminal (and, for colour, NO_COLOR is not set).
bool is_terminal(std::FILE* stream);
bool use_color(std::FILE* stream);

// The snippet with its highlights in bold (terminal) or as plain text.
std::string render_snippet(const std::string& snippet, const std::vector<Highlight>& hl, bool color);

// markup_escaped() and csv_field(): in the library (util/markup.h), where
// the pages of `arkiv serve` write record text through the same code.
using util::csv_field;
using util::markup_escaped;

// `s` as it may be shown on a terminal: control characters (C0 and C1,
// DEL) and the bidirectional overrides are written as escapes ("\n",
// "\x1b", "\u202e"), and bytes that are not UTF-8 as "\xNN". A file or
// member name such as "x\x1b]0;owned\x07.pdf" or one holding a line break
// would otherwise retitle the terminal or forge a line of output.
std::string printable(std::string_view s);

// `j` on stdout, indented, for --json. Names are put in it by
// escape_name() (arkiv/record.h: a Latin-1 "café.txt" is "caf\xe9.txt",
// and gives its bytes back); in any other string, bytes that are not
// UTF-8 become U+FFFD, so the output is always valid JSON: a member name
// used to make `index --json` stop with nlohmann's type_error.316, exit 2
// and no summary.
void print_json(const nlohmann::json& j);

// A subcommand's --help footer: "Examples:" (translated) and one command a
// line. Commands are not translated: a reader copies them as they are.
// tests/e2e/examples_test.cc runs every one of them on the sample corpus,
// so each must work there, return something and use no shell syntax.
std::string examples(std::initializer_list<const char*> commands);

// "arkiv: <message>" on stderr, the message made printable().
void print_error(const std::string& message);

// A read left out shards that did not answer: a line on stderr for each
// ("shard tcp://10.0.0.7:33333 did not answer (...); the output is from
// the 7 that did"), and main() exits kExitPartial where the command would
// have exited 0 or 1. SearchOptions::on_partial of every command.
void note_partial(const ShardReport& report);
// Whether note_partial() was called in this process.
bool read_was_partial();

// What the progress line says while OCR reads a scan (a page takes about
// 2 s, a 100-page scan minutes), at most `columns` characters wide:
//   OCR: 12 pages read, 0.8 pages/s; page 3 of 14 of a/beslut.pdf, about 24 s left
// The rate once a page is read; "of 14" when the helper tells how many
// pages the file needs, and the time left when both are known (the
// seconds a page took so far, for each page still to read). A path too
// long for `columns` loses its beginning ("…/beslut.pdf"); the path is
// made printable(). In the user's language (tr).
std::string ocr_progress_text(const OcrProgress& ocr, std::size_t columns);

// A self-erasing progress line on stderr, drawn only when stderr is a
// terminal, at most ten times a second, one terminal line wide.
class Progress {
 public:
  Progress();
  ~Progress();
  void update(std::size_t done, std::size_t total, const std::string& what);
  // Files done, or while OCR reads a scan, ocr_progress_text().
  void update(const IndexProgress& p);
  void clear();

 private:
  bool enabled_;
  bool drawn_ = false;
  bool ocr_drawn_ = false;  // the line shows OCR: replaced at once when it ends
  long long last_ms_ = 0;
};

}  // namespace arkiv::cli
