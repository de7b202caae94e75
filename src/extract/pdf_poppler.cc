#include <poppler-document.h>
#include <poppler-embedded-file.h>
#include <poppler-page.h>
#include <poppler-version.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <string_view>
#include <unordered_map>

#include "arkiv/pipeline.h"
#include "extract/formats.h"
#include "extract/ocr.h"
#include "extract/pdf_lines.h"
#include "util/time.h"

namespace arkiv::extract {
namespace {

std::string utf8(const poppler::ustring& s) {
  poppler::byte_array b = s.to_utf8();
  return std::string(b.begin(), b.end());
}

// Poppler prints syntax warnings for damaged files ("Syntax Error: ...") to
// stderr by default. They are noise next to our own one-line diagnostic, so
// silence them once per process.
void quiet_poppler() {
  static std::once_flag once;
  std::call_once(once, [] {
    poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr);
  });
}

std::optional<FileTime> info_date(const poppler::document& d, const char* key) {
  time_t t = d.info_date_t(key);
  if (t <= 0) return std::nullopt;
  return util::from_time_t(t);
}

bool blank(const std::string& s) {
  for (unsigned char c : s)
    if (!std::isspace(c)) return false;
  return true;
}

// An embedded file's name as stored: PDF text strings are UTF-16BE with a
// BOM or PDFDocEncoding (close to Latin-1), and poppler-cpp hands the bytes
// over as they are.
std::string file_name(const std::string& raw) {
  if (raw.size() >= 2 && raw[0] == '\xFE' && raw[1] == '\xFF') return to_utf8("\xFE\xFF" + raw.substr(2));
  return to_utf8(raw);
}

// Files embedded in the PDF (attachments, portfolio members): child
// records. A decision often carries its bilagor this way.
void embedded_files(ExtractedDoc& doc, poppler::document& pdf, Budget& budget) {
  if (!pdf.has_embedded_files()) return;
  int unnamed = 0;
  for (poppler::embedded_file* f : pdf.embedded_files()) {
    if (!f || !f->is_valid()) continue;
    // poppler-cpp 22.12 returns the file name through c_str(), so a UTF-16
    // name (/UF, as Acrobat writes it) comes back as its BOM alone:
    // ferenda_dir-2017-29.pdf's "RK Webboptimerad.joboptions" is "\xFE\xFF".
    // Acrobat puts the same name in the description; use it when it looks
    // like a file name. Never "bilaga-N": that name made the member
    // attachment N of every record in the folder.
    std::string name = file_name(f->name());
    if (name.empty()) {
      std::string desc = utf8(f->description());
      const std::size_t dot = desc.rfind('.');
      if (!desc.empty() && desc.size() < 256 && desc.find_first_of("/\n\r") == std::string::npos &&
          dot != std::string::npos && dot > 0 && desc.size() - dot >= 2 && desc.size() - dot <= 11)
        name = desc;
    }
    if (name.empty()) name = "embedded-file-" + std::to_string(++unnamed);
    poppler::byte_array bytes = f->data();
    budget.unpacked += bytes.size();
    if (budget.unpacked > budget.opts.max_unpacked_bytes) {
      const Diagnostic big{DiagKind::kTooLarge, "embedded files exceed " +
                                                    std::to_string(budget.opts.max_unpacked_bytes) + " bytes", 0};
      add_child(doc, name, std::string(), budget, &big);
      return;
    }
    if (++budget.members > budget.opts.max_members) return;
    add_child(doc, name, std::string(bytes.begin(), bytes.end()), budget);
  }
}

// Words of fonts seen so far, with where they landed, for the decoding of
// fonts whose codes are glyph indices (pdf_lines.h): the decision is taken
// per font over the whole document, since the two signature lines of a
// proposition are too few to judge a page by.
struct FontWords {
  std::unordered_map<std::string, int> ids;
  std::vector<pdf::ShiftEvidence> evidence;
  struct Placed {
    int font;
    int page;  // 0-based
    pdf::Span span;
  };
  std::vector<Placed> placed;

  int id(const std::string& name) {
    auto [it, added] = ids.emplace(name, static_cast<int>(ids.size()));
    if (added) evidence.emplace_back();
    return it->second;
  }

  // Decodes, in place, the words of every font whose text only reads once
  // decoded. Page texts may since have been cut at max_page_text_bytes:
  // spans past the end are left.
  void decode_shifted(std::vector<Page>& pages) {
    std::vector<bool> decode(evidence.size());
    bool any = false;
    for (std::size_t f = 0; f < evidence.size(); ++f) any |= decode[f] = evidence[f].decode();
    if (!any) return;
    // Back to front, so that a decoded word (longer: "|" is "ö") does not
    // move the spans still to do.
    std::sort(placed.begin(), placed.end(), [](const Placed& a, const Placed& b) {
      return a.page != b.page ? a.page > b.page : a.span.begin > b.span.begin;
    });
    for (const Placed& w : placed) {
      if (!decode[static_cast<std::size_t>(w.font)]) continue;
      std::string& text = pages[static_cast<std::size_t>(w.page)].text;
      if (w.span.end > text.size()) continue;
      text.replace(w.span.begin, w.span.end - w.span.begin,
                   pdf::decode_glyph_order(std::string_view(text).substr(w.span.begin, w.span.end - w.span.begin)));
    }
  }
};

std::vector<pdf::Word> words_of(const std::vector<poppler::text_box>& boxes, FontWords* fonts) {
  std::vector<pdf::Word> words;
  words.reserve(boxes.size());
  for (const poppler::text_box& b : boxes) {
    pdf::Word w;
    w.text = utf8(b.text());
    const poppler::rectf r = b.bbox();
    w.x0 = r.x();
    w.y0 = r.y();
    w.x1 = r.right();
    w.y1 = r.bottom();
    w.rotation = b.rotation();
    w.space_after = b.has_space_after();
    if (fonts && b.has_font_info()) w.font = fonts->id(b.get_font_name());
    words.push_back(std::move(w));
  }
  return words;
}

// The text of one page. Reading order (Poppler's text_list(), the order
// pdftotext prints), rebuilt into lines with every line-end hyphen kept.
// Raw order was used before: it keeps the hyphens but follows the content
// stream, and Acrobat PDFWriter 3.0 gives å, ä, ö a wide advance, so raw
// order starts a new line after almost every one ("rä\nttsdatasystem" in
// Ds 1998:10, 12% of its words lost), and table headers hyphenated inside
// their cells come out glued across columns ("Hepta- exempel" in LIVSFS
// 2006:22 bilaga 1). Poppler's own reading-order text() rejoins a word
// broken at a line end even where the hyphen is real ("IT-\navdelningen"
// -> "ITavdelningen"); the words keep it, and normalize decides.
std::string read_page(poppler::page& p, int index, FontWords& fonts) {
  std::vector<pdf::Word> words = words_of(p.text_list(), nullptr);
  // Font names cost Poppler a lookup per glyph (text_list() takes twice as
  // long with them), so they are asked for only on a page where some
  // words may come from a font printed as glyph indices.
  int suspects = 0;
  for (const pdf::Word& w : words) suspects += pdf::may_be_shifted(w.text);
  if (suspects >= 1) words = words_of(p.text_list(poppler::page::text_list_include_font), &fonts);
  std::vector<pdf::Span> spans;
  std::string text = pdf::page_text(words, &spans);
  for (std::size_t k = 0; k < words.size(); ++k) {
    if (words[k].font < 0) continue;
    fonts.evidence[static_cast<std::size_t>(words[k].font)].add(words[k].text);
    fonts.placed.push_back({words[k].font, index, spans[k]});
  }
  return text;
}

}  // namespace

std::string pdf_backend_version() { return "poppler-cpp " + poppler::version_string(); }

void extract_pdf(ExtractedDoc& doc, const std::string* data, Budget& budget) {
  const ExtractOptions& opts = budget.opts;
  quiet_poppler();
  doc.format = "pdf";
  doc.extractor = pdf_backend_version();
  std::unique_ptr<poppler::document> pdf(
      data ? poppler::document::load_from_raw_data(data->data(), static_cast<int>(data->size()))
           : poppler::document::load_from_file(doc.source.path));
  if (!pdf) {
    doc.diagnostics.push_back({DiagKind::kCorrupt, "Poppler cannot parse it as a PDF", 0});
    return;
  }
  if (pdf->is_locked()) {
    doc.diagnostics.push_back({DiagKind::kEncrypted, "encrypted: a password is needed to open it", 0});
    return;
  }
  doc.meta.title = utf8(pdf->info_key("Title"));
  doc.meta.author = utf8(pdf->info_key("Author"));
  doc.meta.subject = utf8(pdf->info_key("Subject"));
  doc.meta.keywords = utf8(pdf->info_key("Keywords"));
  doc.meta.creator = utf8(pdf->info_key("Creator"));
  doc.meta.producer = utf8(pdf->info_key("Producer"));
  doc.meta.created = info_date(*pdf, "CreationDate");
  doc.meta.modified = info_date(*pdf, "ModDate");

  embedded_files(doc, *pdf, budget);
  const int n = pdf->pages();
  doc.page_count = n;
  if (n <= 0) {
    doc.diagnostics.push_back({DiagKind::kCorrupt, "the PDF has no pages", 0});
    return;
  }
  if (n > opts.max_pages) {
    doc.diagnostics.push_back({DiagKind::kTooLarge,
                               std::to_string(n) + " pages, limit is " + std::to_string(opts.max_pages), 0});
    return;
  }
  bool any_text = false;
  std::vector<int> empty_pages;
  doc.pages.reserve(static_cast<std::size_t>(n));
  FontWords fonts;
  for (int i = 0; i < n; ++i) {
    Page page;
    page.number = i + 1;
    std::unique_ptr<poppler::page> p(pdf->create_page(i));
    if (p) page.text = read_page(*p, i, fonts);
    if (page.text.size() > opts.max_page_text_bytes) {
      page.text.resize(opts.max_page_text_bytes);
      doc.diagnostics.push_back({DiagKind::kPageTextCut,
                                 "page text cut at " + std::to_string(opts.max_page_text_bytes) + " bytes",
                                 page.number});
    }
    doc.pages.push_back(std::move(page));
  }
  fonts.decode_shifted(doc.pages);
  for (Page& page : doc.pages) pdf::blank_controls(page.text);
  // Pages without text, or with text that is not language, read from
  // their image (opts.ocr): scans, and the image pages inside text PDFs.
  ocr::read_pdf_pages(doc, *pdf, opts);
  for (const Page& page : doc.pages) {
    if (blank(page.text)) {
      empty_pages.push_back(page.number);
    } else {
      any_text = true;
    }
  }
  if (!any_text) {
    doc.diagnostics.push_back({DiagKind::kNoText,
                               "no text layer on any of its " + std::to_string(n) +
                                   " pages (scanned? needs OCR)", 0});
    return;
  }
  for (int pg : empty_pages)
    doc.diagnostics.push_back({DiagKind::kPageNoText, "no text layer on this page", pg});
}

}  // namespace arkiv::extract
