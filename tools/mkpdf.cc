// arkiv-mkpdf: writes a text-layer PDF from plain text, one printed line per
// input line and a page per form feed, with cairo + pango. The tests and
// the benchmark generator use it to make corpora on the fly, so it is
// deterministic (no reflow, no hyphenation, fixed metadata) and quick to
// start.
//
//   arkiv-mkpdf [--title T] [--author A] [--subject S] [--keywords K]
//               [--creator C] [--date YYYY-MM-DD|none] [--font NAME] [--size PT]
//               [--lines-per-page N] [--blank-pages N] INPUT.txt|- OUTPUT.pdf
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

constexpr double kPageWidth = 595.276;   // A4 in points
constexpr double kPageHeight = 841.89;
constexpr double kMargin = 56.693;       // 2 cm

struct Options {
  std::string title, author, subject, keywords, creator = "arkiv-mkpdf", date;
  std::string font = "DejaVu Serif";
  double size = 10;
  int lines_per_page = 0;  // 0 = as many as fit
  int blank_pages = 0;
  std::string input, output;
};

[[noreturn]] void fail(const std::string& file, const std::string& why) {
  std::cerr << "arkiv-mkpdf: " << file << ": " << why << '\n';
  std::exit(1);
}

void usage() {
  std::cout << "usage: arkiv-mkpdf [--title T] [--author A] [--subject S] [--keywords K] [--creator C]\n"
               "                   [--date YYYY-MM-DD|none] [--font NAME] [--size PT] [--lines-per-page N]\n"
               "                   [--blank-pages N] INPUT.txt|- OUTPUT.pdf\n"
               "Each input line is printed as one line; a form feed starts a new page.\n"
               "--blank-pages N appends N pages without text (like scanned pages).\n";
}

Options parse(int argc, char** argv) {
  Options o;
  std::vector<std::string> pos;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) fail(a, "missing value");
      return argv[++i];
    };
    if (a == "--help" || a == "-h") {
      usage();
      std::exit(0);
    } else if (a == "--title") o.title = value();
    else if (a == "--author") o.author = value();
    else if (a == "--subject") o.subject = value();
    else if (a == "--keywords") o.keywords = value();
    else if (a == "--creator") o.creator = value();
    else if (a == "--date") o.date = value();
    else if (a == "--font") o.font = value();
    else if (a == "--size") o.size = std::atof(value().c_str());
    else if (a == "--lines-per-page") o.lines_per_page = std::atoi(value().c_str());
    else if (a == "--blank-pages") o.blank_pages = std::atoi(value().c_str());
    else if (a.size() > 1 && a[0] == '-' && a != "-") fail(a, "unknown option (see --help)");
    else pos.push_back(a);
  }
  if (pos.size() != 2) {
    usage();
    std::exit(1);
  }
  if (o.size <= 0) fail("--size", "must be positive");
  o.input = pos[0];
  o.output = pos[1];
  return o;
}

std::string read_input(const std::string& path) {
  std::ostringstream ss;
  if (path == "-") {
    ss << std::cin.rdbuf();
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) fail(path, std::strerror(errno));
    ss << in.rdbuf();
  }
  return ss.str();
}

// Splits into pages (form feed) of lines ('\n'), then cuts pages that are
// too long for the paper.
std::vector<std::vector<std::string>> paginate(const std::string& text, int per_page) {
  std::vector<std::vector<std::string>> pages(1);
  std::string line;
  auto end_line = [&] {
    pages.back().push_back(line);
    line.clear();
  };
  for (char c : text) {
    if (c == '\n') {
      end_line();
    } else if (c == '\f') {
      if (!line.empty()) end_line();
      pages.emplace_back();
    } else if (c != '\r') {
      line += c;
    }
  }
  if (!line.empty()) end_line();
  std::vector<std::vector<std::string>> out;
  for (auto& p : pages) {
    if (p.empty()) {
      out.emplace_back();
      continue;
    }
    for (std::size_t i = 0; i < p.size(); i += static_cast<std::size_t>(per_page))
      out.emplace_back(p.begin() + static_cast<long>(i),
                       p.begin() + static_cast<long>(std::min(p.size(), i + static_cast<std::size_t>(per_page))));
  }
  // An empty input makes no text page at all (only --blank-pages, if any).
  if (out.size() == 1 && out[0].empty()) out.clear();
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  Options o = parse(argc, argv);
  std::string text = read_input(o.input);
  const double line_height = o.size * 1.35;
  int fit = static_cast<int>((kPageHeight - 2 * kMargin) / line_height);
  int per_page = o.lines_per_page > 0 ? o.lines_per_page : fit;
  auto pages = paginate(text, per_page);
  if (pages.empty() && o.blank_pages == 0) fail(o.input, "no text and no --blank-pages: nothing to print");

  cairo_surface_t* surface = cairo_pdf_surface_create(o.output.c_str(), kPageWidth, kPageHeight);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS)
    fail(o.output, cairo_status_to_string(cairo_surface_status(surface)));
  auto meta = [&](cairo_pdf_metadata_t key, const std::string& v) {
    if (!v.empty()) cairo_pdf_surface_set_metadata(surface, key, v.c_str());
  };
  meta(CAIRO_PDF_METADATA_TITLE, o.title);
  meta(CAIRO_PDF_METADATA_AUTHOR, o.author);
  meta(CAIRO_PDF_METADATA_SUBJECT, o.subject);
  meta(CAIRO_PDF_METADATA_KEYWORDS, o.keywords);
  meta(CAIRO_PDF_METADATA_CREATOR, o.creator);
  // A fixed date keeps output reproducible; cairo would use "now". "none"
  // writes no dates at all (an empty value makes cairo leave them out), for
  // records whose date must come from their text or from nowhere.
  std::string date = o.date == "none" ? "" : (o.date.empty() ? "2020-01-01" : o.date) + "T00:00:00Z";
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, date.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, date.c_str());

  cairo_t* cr = cairo_create(surface);
  PangoLayout* layout = pango_cairo_create_layout(cr);
  PangoFontDescription* font = pango_font_description_from_string(o.font.c_str());
  pango_font_description_set_absolute_size(font, o.size * PANGO_SCALE);
  pango_layout_set_font_description(layout, font);
  pango_layout_set_width(layout, -1);  // never wrap: one input line, one printed line

  for (const auto& page : pages) {
    double y = kMargin;
    for (const auto& line : page) {
      if (!line.empty()) {
        pango_layout_set_text(layout, line.c_str(), static_cast<int>(line.size()));
        cairo_move_to(cr, kMargin, y);
        pango_cairo_show_layout(cr, layout);
      }
      y += line_height;
    }
    cairo_show_page(cr);
  }
  for (int i = 0; i < o.blank_pages; ++i) {
    // A filled rectangle stands in for a scanned image: the page has
    // content but no text.
    cairo_set_source_rgb(cr, 0.85, 0.85, 0.85);
    cairo_rectangle(cr, kMargin, kMargin, kPageWidth - 2 * kMargin, 200);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_show_page(cr);
  }

  pango_font_description_free(font);
  g_object_unref(layout);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  cairo_status_t st = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (st != CAIRO_STATUS_SUCCESS) fail(o.output, cairo_status_to_string(st));
  return 0;
}
