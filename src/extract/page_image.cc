// The helper's page view requests (extract/page_words.h): Poppler renders
// the page and lists its words, as the PDF reader (pdf_poppler.cc) and OCR
// (ocr.cc) open the same files.
#include <poppler-document.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <list>
#include <memory>
#include <new>

#include "extract/page_words.h"
#include "extract/wire.h"

namespace arkiv::extract {
namespace {

// An open document, or null: an unreadable or encrypted one.
using Document = std::shared_ptr<poppler::document>;

Document load(const std::string& path) {
  Document doc(poppler::document::load_from_file(path));
  if (!doc || doc->is_locked()) return nullptr;
  return doc;
}

// Page `page` (1-based) of `doc`, or null: no such page.
std::unique_ptr<poppler::page> page_of(const Document& doc, int page) {
  if (!doc || page < 1 || page > doc->pages()) return nullptr;
  return std::unique_ptr<poppler::page>(doc->create_page(page - 1));
}

std::optional<PageWords> words_of(const poppler::page& page) {
  PageWords out;
  const poppler::rectf box = page.page_rect(poppler::crop_box);
  out.width = box.width();
  out.height = box.height();
  for (const poppler::text_box& b : page.text_list()) {
    const poppler::byte_array bytes = b.text().to_utf8();
    const poppler::rectf r = b.bbox();
    out.words.push_back({std::string(bytes.begin(), bytes.end()), r.x(), r.y(), r.right(), r.bottom()});
  }
  return out;
}

void put_u32(std::string& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xff);
}

// A PNG chunk: length, type, data, CRC-32 of type and data.
void put_chunk(std::string& out, const char* type, const std::string& data) {
  put_u32(out, static_cast<std::uint32_t>(data.size()));
  const std::size_t at = out.size();
  out.append(type, 4);
  out += data;
  const uLong crc =
      ::crc32(0L, reinterpret_cast<const Bytef*>(out.data() + at), static_cast<uInt>(out.size() - at));
  put_u32(out, static_cast<std::uint32_t>(crc));
}

// The image as an 8-bit RGB PNG, written here rather than by
// poppler::image::save(), which writes only to a named file and deflates
// at zlib's default level: 60% of a page's time at screen resolution.
// Each row is filtered by "Up" (the difference to the row above: a
// page's blank and repeated rows become zeros) and deflated at the
// fastest level; the image goes over loopback to a browser, where its
// size hardly matters. A page drawn in black, white and greys only (most
// of an archive's: text, antialiased) is written as a greyscale PNG,
// losslessly: a third of the bytes to filter and deflate, which had been
// a third of a first image's time in `arkiv serve`.
std::optional<std::string> png_of(const poppler::image& img) {
  const int w = img.width(), h = img.height();
  if (w <= 0 || h <= 0) return std::nullopt;
  const char* data = img.const_data();
  // poppler-cpp keeps format_rgb24 as packed R, G, B bytes.
  auto pixels = [&](int y) { return data + static_cast<std::size_t>(y) * static_cast<std::size_t>(img.bytes_per_row()); };
  bool grey = true;
  for (int y = 0; y < h && grey; ++y) {
    const char* p = pixels(y);
    for (int x = 0; x < w; ++x, p += 3)
      if (p[0] != p[1] || p[1] != p[2]) {
        grey = false;
        break;
      }
  }
  const std::size_t channels = grey ? 1 : 3;
  const std::size_t row = static_cast<std::size_t>(w) * channels;
  std::string raw;
  raw.resize((row + 1) * static_cast<std::size_t>(h));
  std::string prev(row, '\0'), cur(row, '\0');
  for (int y = 0; y < h; ++y) {
    if (grey) {
      const char* p = pixels(y);
      for (int x = 0; x < w; ++x) cur[static_cast<std::size_t>(x)] = p[3 * x];
    } else {
      std::memcpy(cur.data(), pixels(y), row);
    }
    char* out = raw.data() + static_cast<std::size_t>(y) * (row + 1);
    out[0] = 2;  // filter Up
    for (std::size_t i = 0; i < row; ++i) out[i + 1] = static_cast<char>(cur[i] - prev[i]);
    prev.swap(cur);
  }
  uLongf size = ::compressBound(static_cast<uLong>(raw.size()));
  std::string idat(size, '\0');
  if (::compress2(reinterpret_cast<Bytef*>(idat.data()), &size, reinterpret_cast<const Bytef*>(raw.data()),
                  static_cast<uLong>(raw.size()), Z_BEST_SPEED) != Z_OK)
    return std::nullopt;
  idat.resize(size);
  std::string png("\x89PNG\r\n\x1a\n", 8);
  std::string ihdr;
  put_u32(ihdr, static_cast<std::uint32_t>(w));
  put_u32(ihdr, static_cast<std::uint32_t>(h));
  // 8 bits, grey (0) or RGB (2), deflate, filters per row, not interlaced.
  ihdr += std::string(1, '\x08') + (grey ? '\x00' : '\x02') + std::string(3, '\x00');
  put_chunk(png, "IHDR", ihdr);
  put_chunk(png, "IDAT", idat);
  put_chunk(png, "IEND", "");
  return png;
}

std::optional<std::string> render(const poppler::page& page, int dpi) {
  poppler::page_renderer r;
  r.set_image_format(poppler::image::format_rgb24);
  r.set_render_hint(poppler::page_renderer::antialiasing, true);
  r.set_render_hint(poppler::page_renderer::text_antialiasing, true);
  const poppler::image img = r.render_page(&page, dpi, dpi);
  if (!img.is_valid() || img.format() != poppler::image::format_rgb24) return std::nullopt;
  return png_of(img);
}

// The documents the page helper opened last, by path; one whose file
// changed since (another size or modification time) is opened again.
class OpenDocuments {
 public:
  explicit OpenDocuments(std::size_t max) : max_(std::max<std::size_t>(max, 1)) {}

  Document get(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return nullptr;
    for (auto it = open_.begin(); it != open_.end(); ++it) {
      if (it->path != path) continue;
      if (it->size == st.st_size && it->mtime_ns == mtime_ns(st)) {
        open_.splice(open_.begin(), open_, it);
        return open_.front().doc;
      }
      open_.erase(it);
      break;
    }
    Document doc = load(path);
    // A file that is no PDF is not kept: it is read again if asked again.
    if (!doc) return nullptr;
    open_.push_front({path, st.st_size, mtime_ns(st), doc});
    if (open_.size() > max_) open_.pop_back();
    return doc;
  }

  void clear() { open_.clear(); }

 private:
  static std::int64_t mtime_ns(const struct stat& st) {
    return static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  }
  struct Entry {
    std::string path;
    off_t size;
    std::int64_t mtime_ns;
    Document doc;
  };
  std::size_t max_;
  std::list<Entry> open_;  // most recently used first
};

// Reads exactly n bytes; false at the end of the input.
bool read_exact(int fd, std::string& out, std::size_t n) {
  out.resize(n);
  for (std::size_t at = 0; at < n;) {
    const ssize_t got = ::read(fd, out.data() + at, n - at);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return false;
    at += static_cast<std::size_t>(got);
  }
  return true;
}

// The largest request: a path and a few numbers.
constexpr std::uint64_t kMaxPageRequestBytes = 64 * 1024;

// An A4 page with a word in Helvetica, not embedded, drawn at screen
// resolution once when a helper starts, so that its first request does
// not also pay for setting up Poppler's globals, fontconfig's font list,
// FreeType, zlib and the image buffers: on the bench corpus a first image
// from a helper started half a second before took 53-58 ms, against 16-22
// ms for the next ones; 27-34 ms after this. No xref table: Poppler
// rebuilds it (its message goes to the helper's stderr, /dev/null).
constexpr char kWarmUpPdf[] =
    "%PDF-1.4\n"
    "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
    "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
    "/Resources << /Font << /F1 5 0 R >> >> >> endobj\n"
    "4 0 obj << /Length 31 >> stream\nBT /F1 12 Tf 8 30 Td (Aa) Tj ET\nendstream endobj\n"
    "5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj\n"
    "trailer << /Root 1 0 R >>\n%%EOF\n";

void warm_up() {
  const Document doc(poppler::document::load_from_raw_data(kWarmUpPdf, sizeof kWarmUpPdf - 1));
  if (const std::unique_ptr<poppler::page> p = page_of(doc, 1)) render(*p, 96);
}

}  // namespace

std::optional<PageWords> read_page_words(const std::string& path, int page) {
  const Document doc = load(path);
  const std::unique_ptr<poppler::page> p = page_of(doc, page);
  if (!p) return std::nullopt;
  return words_of(*p);
}

std::optional<std::string> render_page_png(const std::string& path, int page, int dpi) {
  const Document doc = load(path);
  const std::unique_ptr<poppler::page> p = page_of(doc, page);
  if (!p) return std::nullopt;
  return render(*p, dpi);
}

int serve_pages(int in, int out, std::size_t keep_open) {
  warm_up();
  if (!wire::write_all(out, wire::frame(std::string(1, kPageAnswered)))) return 0;
  OpenDocuments docs(keep_open);
  std::string header, body;
  for (;;) {
    if (!read_exact(in, header, 8)) return 0;
    std::uint64_t n = 0;
    try {
      n = wire::frame_length(header, kMaxPageRequestBytes);
    } catch (const wire::WireError&) {
      return 1;
    }
    if (!read_exact(in, body, static_cast<std::size_t>(n))) return 0;
    const std::optional<PageRequest> req = decode_page_request(body);
    if (!req) return 1;
    std::optional<std::string> answer;
    try {
      const std::unique_ptr<poppler::page> p = page_of(docs.get(req->path), req->page);
      if (p && req->ask == PageAsk::kWords) {
        if (std::optional<PageWords> words = words_of(*p)) answer = format_page_words(*words);
      } else if (p) {
        answer = render(*p, req->dpi);
      }
    } catch (const std::bad_alloc&) {
      // Over the helper's memory limit: this page cannot be read; the
      // documents kept go, to give the next request room.
      answer.reset();
      docs.clear();
    }
    if (!wire::write_all(out, wire::frame(answer ? kPageAnswered + *answer : std::string(1, kPageUnreadable))))
      return 0;
  }
}

}  // namespace arkiv::extract
