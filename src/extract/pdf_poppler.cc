#include <poppler-document.h>
#include <poppler-embedded-file.h>
#include <poppler-page.h>
#include <poppler-version.h>

#include <memory>
#include <mutex>

#include "arkiv/pipeline.h"
#include "extract/formats.h"

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
  return std::chrono::system_clock::from_time_t(t);
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
  for (int i = 0; i < n; ++i) {
    Page page;
    page.number = i + 1;
    std::unique_ptr<poppler::page> p(pdf->create_page(i));
    if (p) {
      // Raw order keeps the text as printed: Poppler's default mode rejoins
      // a word broken at a line end even where the hyphen is real
      // ("IT-\navdelningen" comes out "ITavdelningen"), so hyphenation is
      // repaired later, in normalize, where the rules are Swedish-aware.
      page.text = utf8(p->text(poppler::rectf(), poppler::page::raw_order_layout));
    }
    if (page.text.size() > opts.max_page_text_bytes) {
      page.text.resize(opts.max_page_text_bytes);
      doc.diagnostics.push_back({DiagKind::kPageNoText,
                                 "page text cut at " + std::to_string(opts.max_page_text_bytes) + " bytes",
                                 page.number});
    }
    if (blank(page.text)) {
      empty_pages.push_back(page.number);
    } else {
      any_text = true;
    }
    doc.pages.push_back(std::move(page));
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
