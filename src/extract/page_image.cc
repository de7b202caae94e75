// The helper's page view requests (extract/page_words.h): Poppler renders
// the page and lists its words, as the PDF reader (pdf_poppler.cc) and OCR
// (ocr.cc) open the same files.
#include <poppler-document.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "extract/page_words.h"

namespace arkiv::extract {
namespace {

// The page, or null: an unreadable, encrypted or too short document.
struct OpenPage {
  std::unique_ptr<poppler::document> doc;
  std::unique_ptr<poppler::page> page;
};
OpenPage open_page(const std::string& path, int page) {
  OpenPage p;
  p.doc.reset(poppler::document::load_from_file(path));
  if (!p.doc || p.doc->is_locked() || page < 1 || page > p.doc->pages()) return {};
  p.page.reset(p.doc->create_page(page - 1));
  return p;
}

}  // namespace

std::optional<PageWords> read_page_words(const std::string& path, int page) {
  OpenPage p = open_page(path, page);
  if (!p.page) return std::nullopt;
  PageWords out;
  const poppler::rectf box = p.page->page_rect(poppler::crop_box);
  out.width = box.width();
  out.height = box.height();
  for (const poppler::text_box& b : p.page->text_list()) {
    const poppler::byte_array bytes = b.text().to_utf8();
    const poppler::rectf r = b.bbox();
    out.words.push_back({std::string(bytes.begin(), bytes.end()), r.x(), r.y(), r.right(), r.bottom()});
  }
  return out;
}

std::optional<std::string> render_page_png(const std::string& path, int page, int dpi) {
  OpenPage p = open_page(path, page);
  if (!p.page) return std::nullopt;
  poppler::page_renderer r;
  r.set_image_format(poppler::image::format_rgb24);
  r.set_render_hint(poppler::page_renderer::antialiasing, true);
  r.set_render_hint(poppler::page_renderer::text_antialiasing, true);
  const poppler::image img = r.render_page(p.page.get(), dpi, dpi);
  if (!img.is_valid()) return std::nullopt;
  // poppler-cpp writes images only to a named file.
  std::error_code ec;
  std::string name = (std::filesystem::temp_directory_path(ec) / "arkiv-page-XXXXXX").string();
  const int fd = ::mkstemp(name.data());
  if (fd < 0) return std::nullopt;
  ::close(fd);
  std::optional<std::string> png;
  if (img.save(name, "png", dpi)) {
    std::ifstream in(name, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    png = bytes.str();
  }
  std::remove(name.c_str());
  return png;
}

}  // namespace arkiv::extract
