// Office documents: DOCX and XLSX (Office Open XML), ODT and ODS
// (OpenDocument). All four are ZIP packages of XML parts, read with
// libarchive and pugixml. Text keeps headings and paragraphs on lines of
// their own and table cells apart (tab between cells, a line per row), so
// "Bilaga 2" in a heading stays a line a later step can read. A page break
// typed in the document starts a new page; a spreadsheet has a page per
// sheet. Files embedded in a DOCX (word/embeddings/) become child records.
#include <pugixml.hpp>

#include <algorithm>
#include <cstring>
#include <map>

#include "extract/formats.h"
#include "util/time.h"

namespace arkiv::extract {
namespace {

bool is(const pugi::xml_node& n, const char* name) { return std::strcmp(n.name(), name) == 0; }

// Cell text on one line.
std::string flat(std::string s) {
  for (char& c : s)
    if (c == '\n' || c == '\t' || c == '\f') c = ' ';
  std::size_t b = s.find_first_not_of(' '), e = s.find_last_not_of(' ');
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

// Where a walker writes a document's text, within the limits every format
// keeps: a page (the text between form feeds) holds at most
// ExtractOptions::max_page_text_bytes, and elements are followed at most
// kMaxXmlDepth deep. Text is cut where it is decoded, not after: a 2.7 KB
// XLSX whose one 1 MiB shared string 130 cells refer to, or a 403-byte ODT
// with <text:s text:c="300000000"/>, would otherwise expand to gigabytes
// before any check saw them; and a 16 KB DOCX of a million nested <w:p>
// overflowed the stack of a recursive walk.
class Sink {
 public:
  explicit Sink(std::size_t page_cap) : cap_(page_cap) {}
  // Appends `s` (no form feed in it), as much as the page still holds.
  void add(std::string_view s) {
    const std::size_t room = cap_ - std::min(cap_, page_);
    if (s.size() > room) cut = true;
    s = s.substr(0, room);
    text.append(s);
    page_ += s.size();
  }
  void add(char c, std::size_t count = 1) {
    const std::size_t room = cap_ - std::min(cap_, page_);
    if (count > room) cut = true;
    count = std::min(count, room);
    text.append(count, c);
    page_ += count;
  }
  void page_break() {
    text += '\f';
    page_ = 0;
  }
  // True when the page is full: walkers may stop reading it.
  bool full() const { return page_ >= cap_; }
  std::size_t cap() const { return cap_; }

  std::string text;
  bool cut = false;       // some text did not fit its page
  bool too_deep = false;  // some element was nested deeper than kMaxXmlDepth

 private:
  std::size_t cap_;
  std::size_t page_ = 0;
};

// How deep a document's elements are followed. Word nests a table in a
// table in a text box some twenty levels deep; a thousand is no document.
constexpr int kMaxXmlDepth = 256;

// ---- Office Open XML (WordprocessingML)

void docx_walk(const pugi::xml_node& node, Sink& out, int depth = 0) {
  if (depth > kMaxXmlDepth) {
    out.too_deep = true;
    return;
  }
  for (pugi::xml_node n = node.first_child(); n && !out.too_deep; n = n.next_sibling()) {
    if (n.type() == pugi::node_pcdata) continue;
    if (is(n, "w:t")) {
      out.add(n.text().get());
    } else if (is(n, "w:tab")) {
      out.add('\t');
    } else if (is(n, "w:br") || is(n, "w:cr")) {
      if (std::strcmp(n.attribute("w:type").value(), "page") == 0) {
        out.page_break();
      } else {
        out.add('\n');
      }
    } else if (is(n, "w:delText") || is(n, "w:instrText") || is(n, "w:del")) {
      // Deleted (tracked) text and field codes are not what the record says.
    } else if (is(n, "w:tr")) {
      std::string row;
      for (pugi::xml_node c = n.child("w:tc"); c && !out.full(); c = c.next_sibling("w:tc")) {
        Sink cell(out.cap());
        docx_walk(c, cell, depth + 1);
        out.too_deep = out.too_deep || cell.too_deep;
        out.cut = out.cut || cell.cut;
        row += (row.empty() ? "" : "\t") + flat(std::move(cell.text));
        if (row.size() > out.cap()) break;  // the page cannot hold it anyway
      }
      out.add(row);
      out.add('\n');
    } else if (is(n, "w:p")) {
      docx_walk(n, out, depth + 1);
      out.add('\n');
    } else {
      docx_walk(n, out, depth + 1);
    }
  }
}

// ---- OpenDocument text and spreadsheets

void odf_walk(const pugi::xml_node& node, Sink& out, int depth = 0) {
  if (depth > kMaxXmlDepth) {
    out.too_deep = true;
    return;
  }
  for (pugi::xml_node n = node.first_child(); n && !out.too_deep; n = n.next_sibling()) {
    if (n.type() == pugi::node_pcdata) {
      out.add(n.value());
    } else if (is(n, "text:s")) {
      // Capped by the page, not by the attribute: text:c="300000000".
      out.add(' ', static_cast<std::size_t>(std::max(1, n.attribute("text:c").as_int(1))));
    } else if (is(n, "text:tab")) {
      out.add('\t');
    } else if (is(n, "text:line-break")) {
      out.add('\n');
    } else if (is(n, "text:tracked-changes") || is(n, "office:annotation") || is(n, "text:note-citation")) {
      // Change history and comments are not the record's text.
    } else if (is(n, "table:table-row")) {
      std::string row;
      for (pugi::xml_node c = n.first_child(); c && !out.full(); c = c.next_sibling()) {
        if (!is(c, "table:table-cell") && !is(c, "table:covered-table-cell")) continue;
        Sink cell(out.cap());
        odf_walk(c, cell, depth + 1);
        out.too_deep = out.too_deep || cell.too_deep;
        out.cut = out.cut || cell.cut;
        std::string text = flat(std::move(cell.text));
        if (!text.empty()) row += (row.empty() ? "" : "\t") + text;
        if (row.size() > out.cap()) break;  // the page cannot hold it anyway
      }
      if (!row.empty()) {
        out.add(row);
        out.add('\n');
      }
    } else if (is(n, "text:p") || is(n, "text:h")) {
      // A paragraph's break must follow where it ends, also when a fo:break
      // style would start a page: page breaks in ODF are styles, which we
      // do not resolve, so an ODT is one page unless it says otherwise.
      odf_walk(n, out, depth + 1);
      out.add('\n');
    } else {
      odf_walk(n, out, depth + 1);
    }
  }
}

// ---- metadata

void dublin_core(const pugi::xml_node& root, Metadata& meta) {
  for (pugi::xml_node n : root.children()) {
    std::string name = n.name();
    std::string v = n.text().get();
    if (name == "dc:title") meta.title = v;
    if (name == "dc:creator" || name == "meta:initial-creator") {
      if (meta.author.empty()) meta.author = v;
    }
    if (name == "dc:subject") meta.subject = v;
    if (name == "cp:keywords" || name == "meta:keyword") meta.keywords = v;
    if (name == "dcterms:created" || name == "meta:creation-date") meta.created = util::parse_iso8601(v);
    if (name == "dcterms:modified" || name == "dc:date") meta.modified = util::parse_iso8601(v);
    if (name == "meta:generator" || name == "Application") meta.creator = v;
  }
}

const ZipMember* member(const std::vector<ZipMember>& ms, const std::string& name) {
  for (const auto& m : ms)
    if (m.name == name) return &m;
  return nullptr;
}

bool parse(pugi::xml_document& xml, const ZipMember* m, ExtractedDoc& doc) {
  if (!m) {
    doc.diagnostics.push_back({DiagKind::kCorrupt, "the package has no main document part", 0});
    return false;
  }
  pugi::xml_parse_result r = xml.load_buffer(m->data.data(), m->data.size());
  if (!r) {
    doc.diagnostics.push_back({DiagKind::kCorrupt, m->name + ": " + r.description(), 0});
    return false;
  }
  return true;
}

// Sheets of an XLSX in workbook order: xl/worksheets/sheet1.xml, sheet2, ...
std::vector<const ZipMember*> xlsx_sheets(const std::vector<ZipMember>& ms) {
  std::vector<std::pair<int, const ZipMember*>> sheets;
  for (const auto& m : ms) {
    if (m.name.rfind("xl/worksheets/sheet", 0) == 0 && m.name.size() > 23 &&
        m.name.compare(m.name.size() - 4, 4, ".xml") == 0)
      sheets.emplace_back(std::atoi(m.name.c_str() + 19), &m);
  }
  std::sort(sheets.begin(), sheets.end(), [](auto& a, auto& b) { return a.first < b.first; });
  std::vector<const ZipMember*> out;
  for (auto& s : sheets) out.push_back(s.second);
  return out;
}

}  // namespace

void extract_office(ExtractedDoc& doc, const std::string& data, Budget& budget) {
  doc.extractor = std::string("pugixml ") + std::to_string(PUGIXML_VERSION / 1000) + "." +
                  std::to_string(PUGIXML_VERSION % 1000 / 10);
  std::vector<ZipMember> ms;
  Diagnostic diag;
  if (!read_zip(data, budget, ms, diag)) {
    diag.detail = "damaged " + doc.format + " (" + diag.detail + ")";
    doc.diagnostics.push_back(diag);
    return;
  }
  for (const auto& m : ms) {
    // ODF encrypts the parts and says so in the manifest; the ZIP itself
    // is not encrypted.
    if (m.encrypted || (m.name == "META-INF/manifest.xml" && m.data.find("encryption-data") != std::string::npos)) {
      doc.diagnostics.push_back({DiagKind::kEncrypted, "encrypted: a password is needed to open it", 0});
      return;
    }
  }
  pugi::xml_document meta;
  if (const ZipMember* core = member(ms, doc.format[0] == 'o' ? "meta.xml" : "docProps/core.xml")) {
    if (meta.load_buffer(core->data.data(), core->data.size())) {
      pugi::xml_node root = doc.format[0] == 'o' ? meta.document_element().child("office:meta") : meta.document_element();
      dublin_core(root, doc.meta);
    }
  }
  Sink text(budget.opts.max_page_text_bytes);
  pugi::xml_document xml;
  if (doc.format == "docx") {
    if (!parse(xml, member(ms, "word/document.xml"), doc)) return;
    docx_walk(xml.document_element().child("w:body"), text);
    doc.pages = pages_of(text.text);
    // Files embedded in the document (an attached PDF, another DOCX).
    for (const auto& m : ms) {
      if (m.name.rfind("word/embeddings/", 0) != 0) continue;
      add_child(doc, m.name.substr(16), m.data, budget);
    }
  } else if (doc.format == "odt") {
    if (!parse(xml, member(ms, "content.xml"), doc)) return;
    odf_walk(xml.document_element().child("office:body").child("office:text"), text);
    doc.pages = pages_of(text.text);
  } else if (doc.format == "ods") {
    if (!parse(xml, member(ms, "content.xml"), doc)) return;
    pugi::xml_node sheet_root = xml.document_element().child("office:body").child("office:spreadsheet");
    for (pugi::xml_node t = sheet_root.child("table:table"); t; t = t.next_sibling("table:table")) {
      Sink sheet(budget.opts.max_page_text_bytes);
      sheet.add(t.attribute("table:name").value());
      sheet.add('\n');
      odf_walk(t, sheet);
      text.cut = text.cut || sheet.cut;
      text.too_deep = text.too_deep || sheet.too_deep;
      doc.pages.push_back({static_cast<int>(doc.pages.size()) + 1, std::move(sheet.text)});
    }
  } else {  // xlsx
    std::vector<std::string> shared;
    pugi::xml_document strings;
    if (const ZipMember* ss = member(ms, "xl/sharedStrings.xml");
        ss && strings.load_buffer(ss->data.data(), ss->data.size())) {
      for (pugi::xml_node si : strings.document_element().children("si")) {
        std::string s;
        for (pugi::xpath_node t : si.select_nodes(".//t")) s += t.node().text().get();
        shared.push_back(s);
      }
    }
    for (const ZipMember* sheet : xlsx_sheets(ms)) {
      pugi::xml_document sx;
      if (!sx.load_buffer(sheet->data.data(), sheet->data.size())) continue;
      Sink page(budget.opts.max_page_text_bytes);
      for (pugi::xml_node row : sx.document_element().child("sheetData").children("row")) {
        if (page.full()) {
          page.cut = true;
          break;
        }
        std::string line;
        for (pugi::xml_node c : row.children("c")) {
          std::string t = c.attribute("t").value();
          std::string v;
          if (t == "s") {
            std::size_t i = c.child("v").text().as_uint();
            if (i < shared.size()) v = shared[i];
          } else if (t == "inlineStr") {
            for (pugi::xpath_node x : c.select_nodes(".//t")) v += x.node().text().get();
          } else {
            v = c.child("v").text().get();
          }
          v = flat(v);
          if (!v.empty()) line += (line.empty() ? "" : "\t") + v;
          if (line.size() > page.cap()) break;  // one row of shared strings repeated
        }
        if (!line.empty()) {
          page.add(line);
          page.add('\n');
        }
      }
      text.cut = text.cut || page.cut;
      doc.pages.push_back({static_cast<int>(doc.pages.size()) + 1, std::move(page.text)});
    }
    if (doc.pages.empty()) doc.pages.push_back({1, ""});
  }
  if (text.too_deep) {
    doc.pages.clear();
    doc.diagnostics.push_back(
        {DiagKind::kTooLarge, "elements nested more than " + std::to_string(kMaxXmlDepth) + " deep", 0});
    return;
  }
  if (text.cut) {
    doc.diagnostics.push_back({DiagKind::kPageTextCut,
                               "page text cut at " + std::to_string(budget.opts.max_page_text_bytes) + " bytes", 0});
  }
  doc.page_count = static_cast<int>(doc.pages.size());
  // A spreadsheet's first cells are column headings, not a title.
  if (doc.meta.title.empty() && (doc.format == "xlsx" || doc.format == "ods")) {
    const std::string& path = doc.source.member.empty() ? doc.source.path : doc.source.member;
    doc.meta.title = path.substr(path.rfind('/') + 1);
  }
  bool any = false;
  for (const auto& p : doc.pages) any = any || p.text.find_first_not_of(" \t\n\f") != std::string::npos;
  if (!any) doc.diagnostics.push_back({DiagKind::kNoText, "the document has no text", 0});
}

}  // namespace arkiv::extract
