// The progress line while OCR reads a scan (cli/output.h,
// ocr_progress_text): what it says at each stage of a run, and that it
// stays one terminal line however long the path. In English (the tests
// load no catalog); data/po/sv.po has the Swedish.
#include <gtest/gtest.h>

#include <string>

#include "cli/output.h"

namespace arkiv::cli {
namespace {

std::size_t code_points(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

OcrProgress at(std::size_t pages_read, double busy, double page_seconds, std::string path, std::size_t page,
               std::size_t pages_to_read, double page_elapsed = 0) {
  OcrProgress p;
  p.pages_read = pages_read;
  p.busy_seconds = busy;
  p.page_seconds = page_seconds;
  p.path = std::move(path);
  p.page = page;
  p.pages_to_read = pages_to_read;
  p.page_elapsed = page_elapsed;
  return p;
}

TEST(ProgressText, OcrSaysPagesRateAndTimeLeftWhereKnown) {
  const std::string deep = "arkiv/kommunstyrelsen/2019/protokoll_2019-03-14_skannad.pdf";
  struct Case {
    const char* what;
    OcrProgress ocr;
    std::size_t columns;
    std::string line;
  };
  const Case cases[] = {
      {"the first page: no rate yet", at(0, 0, 0, "a/skanning.pdf", 1, 0), 100,
       "OCR: 0 pages read; page 1 of a/skanning.pdf"},
      {"pages read: the rate, over the time OCR was busy", at(12, 15, 24, "a/beslut.pdf", 3, 0), 100,
       "OCR: 12 pages read, 0.8 pages/s; page 3 of a/beslut.pdf"},
      {"one page", at(1, 2, 2, "a/beslut.pdf", 2, 0), 100, "OCR: 1 page read, 0.5 pages/s; page 2 of a/beslut.pdf"},
      // 11 pages after this one at 2 s each, and 1.5 s of this one.
      {"a count of pages: the time left", at(12, 15, 24, "a/beslut.pdf", 3, 14, 0.5), 100,
       "OCR: 12 pages read, 0.8 pages/s; page 3 of 14 of a/beslut.pdf, about 24 s left"},
      {"a long scan: minutes", at(1, 2, 2, "a/b.pdf", 2, 100), 100,
       "OCR: 1 page read, 0.5 pages/s; page 2 of 100 of a/b.pdf, about 3 min left"},
      {"the last page, slower than the others: never 0 s", at(4, 8, 8, "x.pdf", 5, 5, 3), 100,
       "OCR: 4 pages read, 0.5 pages/s; page 5 of 5 of x.pdf, about 1 s left"},
      {"a count, but no page read to time", at(0, 0, 0, "x.pdf", 1, 3, 0.2), 100,
       "OCR: 0 pages read; page 1 of 3 of x.pdf"},
      {"a name that would drive the terminal is escaped", at(0, 0, 0, "a/x\x1b]0;y.pdf", 1, 0), 100,
       "OCR: 0 pages read; page 1 of a/x\\x1b]0;y.pdf"},
      {"a path that fits exactly is whole", at(12, 15, 24, "å/ä/ö.pdf", 3, 0), 52,
       "OCR: 12 pages read, 0.8 pages/s; page 3 of å/ä/ö.pdf"},
      {"a path too long loses its beginning", at(12, 15, 24, deep, 3, 0), 60,
       "OCR: 12 pages read, 0.8 pages/s; page 3 of …3-14_skannad.pdf"},
      {"it keeps at least its last 8 characters", at(12, 15, 24, deep, 3, 0), 52,
       "OCR: 12 pages read, 0.8 pages/s; page 3 of …nnad.pdf"},
      {"a terminal narrower than that loses the line's end", at(12, 15, 24, deep, 3, 0), 20,
       "OCR: 12 pages read, "},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    const std::string line = ocr_progress_text(c.ocr, c.columns);
    EXPECT_EQ(line, c.line);
    EXPECT_LE(code_points(line), c.columns);
  }
}

}  // namespace
}  // namespace arkiv::cli
