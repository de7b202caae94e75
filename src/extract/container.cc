// Formats by content, the dispatch to a backend for bytes in memory, child
// records for files inside files, and ZIP reading with libarchive under
// limits (zip bombs, deep nesting, encrypted members).
#include <archive.h>
#include <archive_entry.h>
#include <locale.h>
#include <openssl/sha.h>

#include <algorithm>
#include <cstring>
#include <memory>

#include "arkiv/pipeline.h"
#include "extract/formats.h"
#include "extract/ocr.h"

namespace arkiv::extract {
namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::string hex_sha256(const std::string& data) {
  unsigned char md[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), md);
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (unsigned char c : md) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

// The kind of a ZIP by its members: office formats are ZIPs with a known
// inside ("mimetype" for OpenDocument, "[Content_Types].xml" and a main
// part for Office Open XML).
std::string zip_kind(const std::vector<ZipMember>& members) {
  for (const auto& m : members) {
    if (m.name == "mimetype") {
      if (m.data.find("opendocument.text") != std::string::npos) return "odt";
      if (m.data.find("opendocument.spreadsheet") != std::string::npos) return "ods";
    }
  }
  bool types = false;
  for (const auto& m : members) types = types || m.name == "[Content_Types].xml";
  for (const auto& m : members) {
    if (types && m.name == "word/document.xml") return "docx";
    if (types && m.name == "xl/workbook.xml") return "xlsx";
  }
  return "zip";
}

// libarchive's message for the last error; it may have none (NULL).
std::string archive_error(archive* a) {
  const char* e = archive_error_string(a);
  return e ? e : "unknown error";
}

// While it lives, this thread converts in UTF-8 (uselocale: the thread
// only). libarchive converts a ZIP member's name to the C library's
// locale, which in the helper stays "C" (extract/isolate.cc): a name
// flagged UTF-8 with a letter beyond ASCII ("räkning.txt", as Windows,
// macOS and 7-Zip write it) failed to convert and was lost, both
// archive_entry_pathname_utf8() and archive_entry_pathname() gave NULL,
// and the member was called "unnamed". A name without the flag (CP437 by
// the format's rule) is kept as its bytes either way.
class Utf8Thread {
 public:
  Utf8Thread() : utf8_(::newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(nullptr))) {
    if (utf8_) before_ = ::uselocale(utf8_);
  }
  ~Utf8Thread() {
    if (!utf8_) return;
    ::uselocale(before_);
    ::freelocale(utf8_);
  }
  Utf8Thread(const Utf8Thread&) = delete;
  Utf8Thread& operator=(const Utf8Thread&) = delete;

 private:
  locale_t utf8_;
  locale_t before_ = nullptr;
};

// Which Office file an OLE compound file is, by the streams it names in
// its directory (UTF-16 names, anywhere in the file): a Word 97-2003
// document holds "WordDocument", an Excel one "Workbook" (Excel 5: "Book"),
// PowerPoint "PowerPoint Document", an Outlook message "__substg1.0_"
// property streams. Each is a format arkiv does not read; the name says
// which, so that an archivist knows what to convert.
std::string ole_kind(std::string_view data) {
  auto has = [&](std::string_view ascii) {
    std::string utf16;
    for (char c : ascii) {
      utf16 += c;
      utf16 += '\0';
    }
    return data.find(utf16) != std::string_view::npos;
  };
  if (has("__substg1.0_")) return "msg";
  if (has("WordDocument")) return "doc";
  if (has("Workbook")) return "xls";
  if (has("PowerPoint Document")) return "ppt";
  return "ole";
}

}  // namespace

std::string sniff(std::string_view data, std::string_view name) {
  std::string_view head = data.substr(0, 1024);
  if (head.find("%PDF-") != std::string_view::npos) return "pdf";
  if (starts_with(head, "PK\x03\x04") || starts_with(head, "PK\x05\x06")) return "zip";
  if (starts_with(head, "\xD0\xCF\x11\xE0")) return ole_kind(data);
  if (starts_with(head, "\xFF\xD8\xFF") || starts_with(head, "\x89PNG") || starts_with(head, "GIF8") ||
      starts_with(head, "II*") || starts_with(head, "MM\0*"))
    return "image";
  // Text of some kind: no NUL bytes, unless UTF-16 with a BOM.
  const bool utf16 = starts_with(head, "\xFF\xFE") || starts_with(head, "\xFE\xFF");
  std::string_view probe = data.substr(0, 8192);
  if (!utf16 && probe.find('\0') != std::string_view::npos) return "unknown";
  std::string low = lower_ascii(head.substr(starts_with(head, "\xEF\xBB\xBF") ? 3 : 0));
  std::size_t lead = low.find_first_not_of(" \t\r\n");
  std::string_view start = lead == std::string::npos ? std::string_view() : std::string_view(low).substr(lead);
  if (starts_with(start, "<!doctype html") || starts_with(start, "<html") ||
      (starts_with(start, "<") && low.find("<body") != std::string::npos))
    return "html";
  // RFC 5322 header fields at the very start: an e-mail (.eml).
  static const char* kMailHeaders[] = {"from:", "received:", "return-path:", "mime-version:", "message-id:",
                                       "date:", "subject:", "to:", "delivered-to:", "x-"};
  int fields = 0;
  std::size_t line = 0;
  for (int i = 0; i < 8 && line < low.size(); ++i) {
    std::size_t eol = low.find('\n', line);
    std::string_view l = std::string_view(low).substr(line, eol == std::string::npos ? std::string::npos : eol - line);
    for (const char* h : kMailHeaders)
      if (starts_with(l, h)) ++fields;
    if (eol == std::string::npos) break;
    line = eol + 1;
  }
  if (fields >= 2 && !utf16) return "eml";
  // Rich Text Format: text, but its words are among control words
  // ("{\\rtf1\\ansi\\deff0{\\fonttbl..."); read as text it gave a record of
  // control words. Not read: listed as RTF.
  if (starts_with(start, "{\\rtf")) return "rtf";
  // XML that is not XHTML (checked above): data (metadata, e-archive
  // packages, settings) whose text as it stands is markup. Not read:
  // listed as XML rather than indexed as tags.
  if (starts_with(start, "<?xml")) return "xml";
  (void)name;
  return "text";
}

bool read_zip(const std::string& data, Budget& budget, std::vector<ZipMember>& out, Diagnostic& diag,
              const std::vector<std::string>& only) {
  const Utf8Thread utf8;  // before the archive: libarchive picks its conversions when it opens
  std::unique_ptr<archive, decltype(&archive_read_free)> a(archive_read_new(), archive_read_free);
  archive_read_support_format_zip(a.get());
  if (archive_read_open_memory(a.get(), data.data(), data.size()) != ARCHIVE_OK) {
    diag = {DiagKind::kCorrupt, std::string("not a readable ZIP archive: ") + archive_error(a.get()), 0};
    return false;
  }
  const ExtractOptions& o = budget.opts;
  archive_entry* e = nullptr;
  for (;;) {
    int r = archive_read_next_header(a.get(), &e);
    if (r == ARCHIVE_EOF) break;
    if (r < ARCHIVE_WARN) {
      diag = {DiagKind::kCorrupt, std::string("damaged ZIP archive: ") + archive_error(a.get()), 0};
      return false;
    }
    ZipMember m;
    const char* p = archive_entry_pathname_utf8(e);
    if (!p) p = archive_entry_pathname(e);
    m.name = p ? p : "";
    m.directory = archive_entry_filetype(e) == AE_IFDIR || (!m.name.empty() && m.name.back() == '/');
    m.encrypted = archive_entry_is_encrypted(e);
    if (++budget.members > o.max_members) {
      diag = {DiagKind::kTooLarge, "more than " + std::to_string(o.max_members) + " members", 0};
      return false;
    }
    const bool wanted = only.empty() || std::find(only.begin(), only.end(), m.name) != only.end();
    if (!m.directory && !m.encrypted && wanted) {
      // Read in pieces and stop at the limits: the sizes in the header are
      // what a bomb lies about.
      const std::uint64_t limit_ratio = std::max<std::uint64_t>(data.size(), 1 << 20) * o.max_ratio;
      char buf[1 << 16];
      for (;;) {
        la_ssize_t n = archive_read_data(a.get(), buf, sizeof buf);
        if (n == 0) break;
        if (n < 0) {
          if (archive_entry_is_encrypted(e)) {
            m.encrypted = true;
            break;
          }
          diag = {DiagKind::kCorrupt, "damaged member " + m.name + ": " + archive_error(a.get()), 0};
          return false;
        }
        m.data.append(buf, static_cast<std::size_t>(n));
        budget.unpacked += static_cast<std::uint64_t>(n);
        if (budget.unpacked > o.max_unpacked_bytes || m.data.size() > limit_ratio) {
          diag = {DiagKind::kTooLarge,
                  "unpacks to more than " + std::to_string(std::min(o.max_unpacked_bytes, limit_ratio)) +
                      " bytes (a ZIP bomb?)",
                  0};
          return false;
        }
      }
    }
    out.push_back(std::move(m));
  }
  return true;
}

void extract_zip(ExtractedDoc& doc, const std::string& data, Budget& budget) {
  doc.format = "zip";
  // archive_version_string(), "libarchive 3.6.2": archive_version_details()
  // leaks the string it builds on every call (LeakSanitizer).
  doc.extractor = archive_version_string();
  std::vector<ZipMember> members;
  Diagnostic diag;
  if (!read_zip(data, budget, members, diag)) {
    doc.diagnostics.push_back(diag);
    return;
  }
  // The archive's own text is its table of contents: members are searchable
  // by name even when their format is not.
  std::string listing;
  for (const auto& m : members) listing += m.name + "\n";
  // Its title is its name, not the first member's.
  const std::string& path = doc.source.member.empty() ? doc.source.path : doc.source.member;
  doc.meta.title = path.substr(path.rfind('/') + 1);
  doc.pages = pages_of(listing);
  doc.page_count = static_cast<int>(doc.pages.size());
  for (auto& m : members) {
    if (m.directory) continue;
    if (m.encrypted) {
      const Diagnostic locked{DiagKind::kEncrypted, "encrypted ZIP member: a password is needed", 0};
      add_child(doc, m.name, m.data, budget, &locked);
      continue;
    }
    add_child(doc, m.name, m.data, budget);
  }
}

void extract_bytes(ExtractedDoc& doc, const std::string& data, Budget& budget) {
  if (data.empty()) {
    doc.diagnostics.push_back({DiagKind::kEmpty, "empty file (0 bytes)", 0});
    return;
  }
  std::string kind = sniff(data, doc.source.path);
  if (kind == "zip") {
    // Office files are ZIPs: look at the names inside (reading only the
    // small "mimetype" member) before choosing.
    std::vector<ZipMember> listing;
    Diagnostic diag;
    Budget probe{budget.opts, budget.depth, 0, 0};
    if (read_zip(data, probe, listing, diag, {"mimetype"})) kind = zip_kind(listing);
  }
  if (kind == "pdf") return extract_pdf(doc, &data, budget);
  if (kind == "docx" || kind == "xlsx" || kind == "odt" || kind == "ods") {
    doc.format = kind;
    return extract_office(doc, data, budget);
  }
  if (kind == "zip") return extract_zip(doc, data, budget);
  if (kind == "eml") return extract_mail(doc, data, budget);
  if (kind == "html") return extract_html(doc, data);
  if (kind == "text") return extract_text(doc, data);
  // A scanned page saved as an image, on disk or attached to a decision:
  // read by OCR, page by page (every page of a multi-page TIFF); a photo
  // without text is a record found by its name.
  if (kind == "image") return ocr::read_image(doc, data, budget.opts);
  // A password-protected DOCX or XLSX is an OLE file holding an
  // "EncryptedPackage" stream (its name in UTF-16).
  static const std::string kEncryptedPackage("E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0", 32);
  if (kind == "ole" && data.find(kEncryptedPackage) != std::string::npos) {
    doc.diagnostics.push_back({DiagKind::kEncrypted, "encrypted Office document: a password is needed", 0});
    return;
  }
  doc.format = kind;
  doc.diagnostics.push_back({DiagKind::kUnsupported, unread_type_name(kind), 0});
}

std::string unread_type_name(std::string_view kind) {
  // The detail of every kUnsupported record of a file whose format arkiv
  // does not read: shown as "not read: <this>" by `index` and `audit`.
  // Stored in the index: change a text only with the reason it was wrong.
  static constexpr std::pair<std::string_view, const char*> kNames[] = {
      {"doc", "Word 97-2003 document (.doc)"},
      {"xls", "Excel 97-2003 workbook (.xls)"},
      {"ppt", "PowerPoint 97-2003 presentation (.ppt)"},
      {"msg", "Outlook message (.msg)"},
      {"ole", "Office file in the OLE format (.doc/.xls/.ppt family)"},
      {"rtf", "RTF"},
      {"xml", "XML"},
  };
  for (const auto& [k, name] : kNames)
    if (k == kind) return name;
  return "unknown type";
}

std::string not_a_document(const ExtractedDoc& doc, std::string_view data) {
  if (doc.format != "text") return {};
  std::string_view head = data.substr(0, 4096);
  if (starts_with(head, "\xEF\xBB\xBF")) head.remove_prefix(3);
  const std::size_t lead = head.find_first_not_of(" \t\r\n");
  if (lead == std::string_view::npos) return {};
  head.remove_prefix(lead);
  // Distiller's .joboptions are a PostScript dictionary ("<<
  // /ASCII85EncodePages false ..."), embedded by Acrobat in the PDFs it
  // made (ferenda_dir-2017-29.pdf); PostScript programs start "%!".
  if (starts_with(head, "<<") || starts_with(head, "%!")) return "PostScript settings (e.g. Distiller .joboptions)";
  // Property lists and other settings as XML: markup with no prose.
  if (starts_with(head, "<?xml") || starts_with(head, "<")) {
    if (head.find("<plist") != std::string_view::npos || head.find("<!DOCTYPE plist") != std::string_view::npos)
      return "a property list (settings)";
  }
  return {};
}

void add_child(ExtractedDoc& parent, const std::string& name, const std::string& data, Budget& budget,
               const Diagnostic* failed) {
  ExtractedDoc child;
  SourceFile& s = child.source;
  s.member = name.empty() ? "unnamed" : name;
  s.path = parent.source.path + kMemberSeparator + s.member;
  s.abspath = parent.source.abspath + kMemberSeparator + s.member;
  s.id = ingest::record_id(s.abspath);
  s.parent_id = parent.source.id;
  s.container_id = parent.source.container_id.empty() ? parent.source.id : parent.source.container_id;
  s.mtime = parent.source.mtime;
  s.size = data.size();
  s.sha256 = hex_sha256(data);
  if (failed) {
    child.diagnostics.push_back(*failed);
  } else if (budget.depth + 1 > budget.opts.max_depth) {
    child.diagnostics.push_back({DiagKind::kTooLarge,
                                 "nested more than " + std::to_string(budget.opts.max_depth) + " levels deep", 0});
  } else {
    ++budget.depth;
    extract_bytes(child, data, budget);
    --budget.depth;
    if (std::string why = not_a_document(child, data); !why.empty()) {
      // Kept, and listed with its parent, so an archivist sees it; but no
      // searchable record and no attachment number.
      child.pages.clear();
      child.diagnostics.push_back({DiagKind::kUnsupported, "not a document: " + why, 0});
    }
  }
  parent.children.push_back(std::move(child));
}

std::vector<Page> pages_of(const std::string& text) {
  std::vector<Page> pages;
  std::size_t start = 0;
  for (;;) {
    std::size_t ff = text.find('\f', start);
    Page p;
    p.number = static_cast<int>(pages.size()) + 1;
    p.text = text.substr(start, ff == std::string::npos ? std::string::npos : ff - start);
    pages.push_back(std::move(p));
    if (ff == std::string::npos) break;
    start = ff + 1;
  }
  return pages;
}

}  // namespace arkiv::extract
