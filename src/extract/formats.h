// The extraction backends, one per format, and what they share: telling a
// format by content, reading ZIP members within limits, and extracting the
// files found inside a file as child records. Internal to src/extract/.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "arkiv/options.h"
#include "arkiv/record.h"

namespace arkiv::extract {

// What extraction of one file on disk may still spend on what is inside
// it; shared by all its members, at every depth.
struct Budget {
  const ExtractOptions& opts;
  int depth = 0;                   // 0: the file on disk
  int members = 0;                 // members extracted so far
  std::uint64_t unpacked = 0;      // bytes unpacked so far
};

// The format of `data` by its content; `name` only breaks ties between
// text formats (".csv" stays text, ".htm" with no tags is text). Returns
// "pdf", "docx", "xlsx", "odt", "ods", "zip", "eml", "html", "text", "ole"
// "image"; or a format arkiv does not read: "doc", "xls", "ppt", "msg",
// "ole" (another OLE compound file), "rtf", "xml", "unknown".
std::string sniff(std::string_view data, std::string_view name);

// What a file of a kind sniff() gives and arkiv does not read is, for the
// "not read" line and record: "Word 97-2003 document (.doc)", "XML",
// "RTF", "Outlook message (.msg)"; "unknown type" for any other kind.
std::string unread_type_name(std::string_view kind);

// Why a file found inside another, as extracted, is no document: settings
// that read as text (Distiller .joboptions, property lists); empty for a
// document. Unknown binary data (fonts, colour profiles) is unsupported
// already.
std::string not_a_document(const ExtractedDoc& doc, std::string_view data);

// Extracts `doc` (source set, format unset) from bytes in memory.
void extract_bytes(ExtractedDoc& doc, const std::string& data, Budget& budget);

// Adds a file found inside `parent` as a child record and extracts it, or
// records why it was not (`failed` when the container already knows, as
// for an encrypted member; too deep).
void add_child(ExtractedDoc& parent, const std::string& name, const std::string& data, Budget& budget,
               const Diagnostic* failed = nullptr);

// One ZIP member as read.
struct ZipMember {
  std::string name;
  std::string data;
  bool encrypted = false;
  bool directory = false;
};

// Reads the members of a ZIP archive in memory, within the budget. On
// failure returns false and sets `diag` (corrupt, encrypted, too large).
// `only`: when not empty, members with other names are listed but not read.
bool read_zip(const std::string& data, Budget& budget, std::vector<ZipMember>& out, Diagnostic& diag,
              const std::vector<std::string>& only = {});

// The backends. Each fills doc.pages, doc.meta, doc.page_count (and
// doc.children), or adds a fatal diagnostic; none throws for a bad file.
void extract_pdf(ExtractedDoc& doc, const std::string* data, Budget& budget);  // data null: read doc.source.path
void extract_office(ExtractedDoc& doc, const std::string& data, Budget& budget);  // docx, xlsx, odt, ods
void extract_zip(ExtractedDoc& doc, const std::string& data, Budget& budget);
void extract_mail(ExtractedDoc& doc, const std::string& data, Budget& budget);
void extract_html(ExtractedDoc& doc, const std::string& data);
void extract_text(ExtractedDoc& doc, const std::string& data);

// Text in an unknown 8-bit or UTF-16 encoding to UTF-8: a BOM decides,
// else valid UTF-8 stays, else ICU's charset detector picks (Windows-1252
// and ISO-8859-1 for Swedish text). `charset` receives the name chosen.
std::string to_utf8(std::string_view data, std::string* charset = nullptr, const char* declared = nullptr);

// Splits text into pages at form feeds; at least one page.
std::vector<Page> pages_of(const std::string& text);

}  // namespace arkiv::extract
