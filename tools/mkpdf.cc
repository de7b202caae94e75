// arkiv-mkpdf: writes a text-layer PDF from plain text with cairo + pango,
// one printed line per input line and a new page per form feed. The tests
// and the benchmark generator call it to make PDF corpora on the fly, so it
// is deterministic (fixed metadata dates, no reflow, no hyphenation) and
// quick to start (one process, no work beyond fontconfig's cached setup).
//
//   arkiv-mkpdf [options] INPUT.txt|- OUTPUT.pdf      (see --help)
//
// Layout: A4 portrait, 2 cm margins, lines at 1.35 × the font size. Each
// input line is printed exactly as given, never wrapped; a line wider than
// the text area is printed smaller to fit, so all of its text stays on the
// page (text off the page would be lost to text extraction). A form
// feed starts a new page ("a\f\fb" gives a page with no text between), a
// form feed at the very end does not add an empty page, and pages also
// break when full. Empty input gives one page with no text, or only the
// --blank-pages pages when that option is given.
//
// Text the chosen font lacks is drawn by pango's font fallback. Debian's
// fonts-dejavu-core and fonts-liberation have no CJK glyphs: without a CJK
// font (e.g. fonts-wqy-microhei or fonts-noto-cjk), CJK text such as 珠海
// prints as empty boxes (the font's .notdef glyph), but the text layer still
// has the characters, so text extraction gives them back.
//
// Errors: one line "arkiv-mkpdf: <file>: <reason>" on stderr, exit 1, and no
// output file (the PDF is written to a temporary file and renamed).
#include <cairo-pdf.h>
#include <fcntl.h>
#include <pango/pangocairo.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace {

constexpr double kPageWidth = 595.276;  // A4 in points
constexpr double kPageHeight = 841.89;
constexpr double kMargin = 56.693;  // 2 cm
constexpr double kLineSpacing = 1.35;  // line advance, in font sizes
constexpr const char* kDefaultDate = "2020-01-01";

struct Options {
  std::string title, author, subject, keywords, creator = "arkiv-mkpdf";
  std::string date = kDefaultDate;  // YYYY-MM-DD, or "none" for no dates
  std::string font = "DejaVu Serif";
  double size = 10;
  long lines_per_page = 0;  // 0 = as many as fit
  long blank_pages = 0;
  std::string input, output;
};

std::string g_temp;  // temporary output, removed on failure

[[noreturn]] void fail(const std::string& file, const std::string& why) {
  if (!g_temp.empty()) unlink(g_temp.c_str());
  std::fprintf(stderr, "arkiv-mkpdf: %s: %s\n", file.c_str(), why.c_str());
  std::exit(1);
}

void usage() {
  std::fputs(
      "usage: arkiv-mkpdf [options] INPUT.txt OUTPUT.pdf    (INPUT - reads stdin, OUTPUT - writes stdout)\n"
      "Writes a text-layer PDF (A4, 2 cm margins): each input line is printed as one line,\n"
      "exactly as given and never wrapped; a form feed starts a new page.\n"
      "\n"
      "options:\n"
      "  --title T, --author A, --subject S, --keywords K, --creator C\n"
      "                       document metadata (creator defaults to arkiv-mkpdf)\n"
      "  --date YYYY-MM-DD    creation and modification date, as YYYY-MM-DDT00:00:00Z\n"
      "                       (default 2020-01-01, so output is reproducible; none = no dates)\n"
      "  --font NAME          font family (default \"DejaVu Serif\")\n"
      "  --size PT            font size in points (default 10)\n"
      "  --lines-per-page N   lines per page (default: as many as fit)\n"
      "  --blank-pages N      append N pages without text, like scanned pages\n"
      "  --help               show this help\n",
      stdout);
}

bool parse_long(const std::string& s, long lo, long hi, long& out) {
  if (s.empty()) return false;
  errno = 0;
  char* end = nullptr;
  long v = std::strtol(s.c_str(), &end, 10);
  if (errno != 0 || *end != '\0' || v < lo || v > hi) return false;
  out = v;
  return true;
}

bool valid_date(const std::string& d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
    if (d[i] < '0' || d[i] > '9') return false;
  int month = (d[5] - '0') * 10 + (d[6] - '0');
  int day = (d[8] - '0') * 10 + (d[9] - '0');
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

Options parse(int argc, char** argv) {
  Options o;
  std::vector<std::string> pos;
  bool options_done = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (options_done || a == "-" || a.size() < 2 || a[0] != '-') {
      pos.push_back(a);
      continue;
    }
    if (a == "--") {
      options_done = true;
      continue;
    }
    if (a == "--help" || a == "-h") {
      usage();
      std::exit(0);
    }
    std::string name = a, value;
    bool has_value = false;
    if (auto eq = a.find('='); a.rfind("--", 0) == 0 && eq != std::string::npos) {
      name = a.substr(0, eq);
      value = a.substr(eq + 1);
      has_value = true;
    }
    auto take = [&]() -> std::string {
      if (has_value) return value;
      if (i + 1 >= argc) fail(name, "missing value");
      return argv[++i];
    };
    if (name == "--title") o.title = take();
    else if (name == "--author") o.author = take();
    else if (name == "--subject") o.subject = take();
    else if (name == "--keywords") o.keywords = take();
    else if (name == "--creator") o.creator = take();
    else if (name == "--date") {
      o.date = take();
      if (o.date != "none" && !valid_date(o.date)) fail(name, "not a date YYYY-MM-DD (or none): '" + o.date + "'");
    } else if (name == "--font") {
      o.font = take();
      if (o.font.empty()) fail(name, "empty font name");
    } else if (name == "--size") {
      std::string v = take();
      char* end = nullptr;
      errno = 0;
      o.size = std::strtod(v.c_str(), &end);
      if (v.empty() || errno != 0 || *end != '\0' || !(o.size >= 1 && o.size <= 500))
        fail(name, "not a size in points between 1 and 500: '" + v + "'");
    } else if (name == "--lines-per-page") {
      std::string v = take();
      if (!parse_long(v, 1, 100000, o.lines_per_page)) fail(name, "not a number from 1 to 100000: '" + v + "'");
    } else if (name == "--blank-pages") {
      std::string v = take();
      if (!parse_long(v, 0, 100000, o.blank_pages)) fail(name, "not a number from 0 to 100000: '" + v + "'");
    } else {
      fail(name, "unknown option (see --help)");
    }
  }
  if (pos.size() < 2) fail(pos.empty() ? "INPUT.txt" : "OUTPUT.pdf", "missing (usage: arkiv-mkpdf [options] INPUT.txt OUTPUT.pdf)");
  if (pos.size() > 2) fail(pos[2], "unexpected argument (usage: arkiv-mkpdf [options] INPUT.txt OUTPUT.pdf)");
  o.input = pos[0];
  o.output = pos[1];
  return o;
}

std::string read_all(const std::string& path) {
  int fd = path == "-" ? STDIN_FILENO : open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) fail(path, std::strerror(errno));
  struct stat st {};
  if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) fail(path, std::strerror(EISDIR));
  std::string data;
  if (S_ISREG(st.st_mode) && st.st_size > 0) data.reserve(static_cast<std::size_t>(st.st_size));
  char buf[65536];
  for (;;) {
    ssize_t n = read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail(path, std::strerror(errno));
    if (n == 0) break;
    data.append(buf, static_cast<std::size_t>(n));
  }
  if (fd != STDIN_FILENO) close(fd);
  return data;
}

using Page = std::vector<std::string>;

// Splits the text into pages at form feeds and into lines at '\n' ("\r\n"
// counts as '\n'); checks that every line is UTF-8; cuts pages that are too
// long for the paper.
std::vector<Page> paginate(std::string_view text, const std::string& name, std::size_t per_page) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // byte order mark
  std::vector<Page> pages(1);
  std::string line;
  bool open_line = false;  // the current line has begun (maybe empty so far)
  long line_no = 1;
  auto end_line = [&] {
    if (!g_utf8_validate(line.data(), static_cast<gssize>(line.size()), nullptr))
      fail(name, "line " + std::to_string(line_no) + ": not valid UTF-8");
    pages.back().push_back(std::move(line));
    line.clear();
    open_line = false;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\n') {
      end_line();
      ++line_no;
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      continue;
    } else if (c == '\f') {
      if (open_line) end_line();
      pages.emplace_back();
    } else {
      line += c;
      open_line = true;
    }
  }
  if (open_line) end_line();
  // A form feed ends a page: one at the very end makes no empty page.
  if (pages.size() > 1 && pages.back().empty()) pages.pop_back();

  std::vector<Page> out;
  for (auto& p : pages) {
    if (p.empty()) {
      out.emplace_back();
      continue;
    }
    for (std::size_t i = 0; i < p.size(); i += per_page) {
      std::size_t end = std::min(p.size(), i + per_page);
      out.emplace_back(std::make_move_iterator(p.begin() + static_cast<long>(i)),
                       std::make_move_iterator(p.begin() + static_cast<long>(end)));
    }
  }
  if (out.size() == 1 && out[0].empty()) out.clear();  // empty input
  return out;
}

struct Sink {
  FILE* file = nullptr;
  int error = 0;  // errno of the first failed write
};

cairo_status_t write_to(void* closure, const unsigned char* data, unsigned int length) {
  auto* sink = static_cast<Sink*>(closure);
  if (sink->error != 0) return CAIRO_STATUS_WRITE_ERROR;
  if (std::fwrite(data, 1, length, sink->file) != length) {
    sink->error = errno != 0 ? errno : EIO;
    return CAIRO_STATUS_WRITE_ERROR;
  }
  return CAIRO_STATUS_SUCCESS;
}

// Opens the output: a temporary file beside OUTPUT (renamed over it at the
// end, so a failed run leaves no half-written PDF), or stdout for "-".
FILE* open_output(const std::string& out) {
  if (out == "-") return stdout;
  g_temp = out + ".tmp.XXXXXX";
  int fd = mkstemp(g_temp.data());
  if (fd < 0) {
    int err = errno;
    g_temp.clear();
    fail(out, std::strerror(err));
  }
  mode_t mask = umask(0);
  umask(mask);
  fchmod(fd, 0666 & ~mask);
  FILE* f = fdopen(fd, "wb");
  if (f == nullptr) fail(out, std::strerror(errno));
  return f;
}

void close_output(const std::string& out, Sink& sink) {
  if (out == "-") {
    if (std::fflush(stdout) != 0 && sink.error == 0) sink.error = errno;
    if (sink.error != 0) fail(out, std::strerror(sink.error));
    return;
  }
  if (std::fclose(sink.file) != 0 && sink.error == 0) sink.error = errno;
  if (sink.error != 0) fail(out, std::strerror(sink.error));
  if (std::rename(g_temp.c_str(), out.c_str()) != 0) fail(out, std::strerror(errno));
  g_temp.clear();
}

// Warns (and goes on) when fontconfig substitutes another family for the
// one asked for, since the PDF then differs from machine to machine.
void check_font(PangoContext* context, const PangoFontDescription* want, const std::string& name) {
  PangoFont* font = pango_context_load_font(context, want);
  if (font == nullptr) return;
  PangoFontDescription* got = pango_font_describe(font);
  const char* family = pango_font_description_get_family(got);
  const char* asked = pango_font_description_get_family(want);
  if (family != nullptr && asked != nullptr && g_ascii_strcasecmp(family, asked) != 0)
    std::fprintf(stderr, "arkiv-mkpdf: warning: font \"%s\" is not installed; using \"%s\"\n", name.c_str(), family);
  pango_font_description_free(got);
  g_object_unref(font);
}

// Pango draws a character that no installed font has as a hex box whose
// digits are text of their own ("73E0" for 珠), and the character itself
// never reaches the PDF's text layer. Drawing the font's .notdef glyph
// (glyph 0, an empty box) instead keeps cairo's glyph-to-text mapping, so
// text extraction still gives the character back. Control characters (a
// tab aside, which pango spaces out) print as nothing.
void show_missing_as_notdef(PangoLayout* layout) {
  for (GSList* l = pango_layout_get_lines(layout); l != nullptr; l = l->next) {
    for (GSList* r = static_cast<PangoLayoutLine*>(l->data)->runs; r != nullptr; r = r->next) {
      PangoGlyphString* glyphs = static_cast<PangoGlyphItem*>(r->data)->glyphs;
      for (int i = 0; i < glyphs->num_glyphs; ++i) {
        PangoGlyphInfo& gi = glyphs->glyphs[i];
        if (gi.glyph == PANGO_GLYPH_EMPTY || gi.glyph == PANGO_GLYPH_INVALID_INPUT || !(gi.glyph & PANGO_GLYPH_UNKNOWN_FLAG))
          continue;
        gunichar c = gi.glyph & ~PANGO_GLYPH_UNKNOWN_FLAG;
        if (c < 0x20 || (c >= 0x7F && c < 0xA0)) {  // a control character: nothing, not even a gap
          gi.glyph = PANGO_GLYPH_EMPTY;
          gi.geometry.width = 0;
        } else if (c != 0x20) {
          gi.glyph = 0;
        }
      }
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  Options o = parse(argc, argv);
  const std::string in_name = o.input == "-" ? "<stdin>" : o.input;
  std::string text = read_all(o.input);

  const double line_height = o.size * kLineSpacing;
  const double text_width = kPageWidth - 2 * kMargin;
  long fit = std::max(1L, static_cast<long>(std::floor((kPageHeight - 2 * kMargin) / line_height)));
  std::size_t per_page = static_cast<std::size_t>(o.lines_per_page > 0 ? o.lines_per_page : fit);
  std::vector<Page> pages = paginate(text, in_name, per_page);
  text.clear();
  if (pages.empty() && o.blank_pages == 0) pages.emplace_back();  // one page with no text

  Sink sink;
  sink.file = open_output(o.output);
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(write_to, &sink, kPageWidth, kPageHeight);
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
  // Always set the dates: left alone, cairo writes the current time. An
  // empty value makes cairo write no date at all ("none").
  std::string date = o.date == "none" ? "" : o.date + "T00:00:00Z";
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, date.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, date.c_str());

  cairo_t* cr = cairo_create(surface);
  PangoLayout* layout = pango_cairo_create_layout(cr);
  PangoFontDescription* font = pango_font_description_from_string(o.font.c_str());
  pango_font_description_set_absolute_size(font, o.size * PANGO_SCALE);
  pango_layout_set_font_description(layout, font);
  // One input line, one printed line: no width (so no wrapping, no
  // ellipsis, no hyphenation), and U+2028/U+2029 do not break the line.
  pango_layout_set_width(layout, -1);
  pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_single_paragraph_mode(layout, TRUE);
  if (!pages.empty()) check_font(pango_layout_get_context(layout), font, o.font);

  for (const Page& page : pages) {
    double y = kMargin;
    for (const std::string& line : page) {
      if (!line.empty()) {
        pango_layout_set_text(layout, line.data(), static_cast<int>(line.size()));
        PangoRectangle logical;
        pango_layout_get_extents(layout, nullptr, &logical);
        double width = static_cast<double>(logical.x + logical.width) / PANGO_SCALE;
        show_missing_as_notdef(layout);
        cairo_save(cr);
        cairo_translate(cr, kMargin, y);
        // Too wide for the text area: print it smaller, never wrapped. (A
        // uniform scale keeps word gaps in proportion to the font size, so
        // text extraction still sees the spaces.)
        if (width > text_width) cairo_scale(cr, text_width / width, text_width / width);
        cairo_move_to(cr, 0, 0);
        pango_cairo_show_layout(cr, layout);
        cairo_restore(cr);
      }
      y += line_height;
    }
    cairo_show_page(cr);
  }
  for (long i = 0; i < o.blank_pages; ++i) {
    // A grey box stands in for a scanned image: the page has content but
    // no text.
    cairo_set_source_rgb(cr, 0.85, 0.85, 0.85);
    cairo_rectangle(cr, kMargin, kMargin, text_width, 200);
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
  if (st != CAIRO_STATUS_SUCCESS)
    fail(o.output, sink.error != 0 ? std::strerror(sink.error) : cairo_status_to_string(st));
  close_output(o.output, sink);
  return 0;
}
