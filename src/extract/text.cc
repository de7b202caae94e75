// Plain text and HTML. Municipal case folders hold text files written on
// Windows (Windows-1252: "Bilaga 3 – sammanställning", with the en dash at
// 0x96), exported as UTF-16 with a BOM, or old ISO-8859-1 files; a Swedish
// reader must get "å", "ä" and "ö" back, so the charset comes from the BOM,
// else UTF-8 if the bytes are valid UTF-8, else ICU's charset detector.
// HTML goes through libxml2's forgiving HTML parser.
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/utf8.h>

#include <cstring>
#include <memory>
#include <mutex>
#include <string>

#include "extract/formats.h"

namespace arkiv::extract {
namespace {

bool valid_utf8(std::string_view s) {
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    if (c < 0) return false;
  }
  return true;
}

std::string convert(std::string_view data, const char* from) {
  UErrorCode status = U_ZERO_ERROR;
  std::string out(data.size() * 3 + 16, '\0');
  int32_t n = ucnv_convert("UTF-8", from, out.data(), static_cast<int32_t>(out.size()), data.data(),
                           static_cast<int32_t>(data.size()), &status);
  if (U_FAILURE(status)) return {};
  out.resize(static_cast<std::size_t>(n));
  return out;
}

// The charset an HTML page declares in its first kilobytes, if any.
std::string declared_charset(std::string_view html) {
  std::string head(html.substr(0, 4096));
  for (char& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::size_t at = head.find("charset=");
  if (at == std::string::npos) return {};
  at += 8;
  while (at < head.size() && (head[at] == '"' || head[at] == '\'' || head[at] == ' ')) ++at;
  std::size_t end = head.find_first_of("\"' ;/>", at);
  return head.substr(at, end == std::string::npos ? std::string::npos : end - at);
}

}  // namespace

std::string to_utf8(std::string_view data, std::string* charset, const char* declared) {
  auto chose = [&](const char* name) {
    if (charset) *charset = name;
  };
  if (data.substr(0, 3) == "\xEF\xBB\xBF") {
    chose("UTF-8");
    return std::string(data.substr(3));
  }
  if (data.substr(0, 2) == "\xFF\xFE") {
    chose("UTF-16LE");
    return convert(data.substr(2), "UTF-16LE");
  }
  if (data.substr(0, 2) == "\xFE\xFF") {
    chose("UTF-16BE");
    return convert(data.substr(2), "UTF-16BE");
  }
  if (valid_utf8(data)) {
    chose("UTF-8");
    return std::string(data);
  }
  if (declared && *declared) {
    std::string out = convert(data, declared);
    if (!out.empty()) {
      chose(declared);
      return out;
    }
  }
  // Not UTF-8: ask ICU, but only believe the answers that make sense for
  // Swedish text. For 8-bit text without C1 bytes the detector says
  // ISO-8859-1; Windows-1252 is its superset (it adds "–", "”", "€" in
  // 0x80-0x9F), as HTML5 also decides, so that is what we decode with.
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, decltype(&ucsdet_close)> det(ucsdet_open(&status), ucsdet_close);
  const char* name = "windows-1252";
  if (U_SUCCESS(status)) {
    ucsdet_setText(det.get(), data.data(), static_cast<int32_t>(std::min<std::size_t>(data.size(), 1 << 16)), &status);
    const UCharsetMatch* m = ucsdet_detect(det.get(), &status);
    const char* guess = m && U_SUCCESS(status) ? ucsdet_getName(m, &status) : nullptr;
    if (guess && (std::strcmp(guess, "UTF-16LE") == 0 || std::strcmp(guess, "UTF-16BE") == 0 ||
                  std::strcmp(guess, "ISO-8859-15") == 0))
      name = guess;
  }
  chose(name);
  return convert(data, name);
}

void extract_text(ExtractedDoc& doc, const std::string& data) {
  doc.format = "text";
  std::string charset;
  std::string text = to_utf8(data, &charset);
  doc.extractor = "icu " + std::string(U_ICU_VERSION) + " (" + charset + ")";
  doc.pages = pages_of(text);
  doc.page_count = static_cast<int>(doc.pages.size());
  if (text.find_first_not_of(" \t\r\n\f") == std::string::npos)
    doc.diagnostics.push_back({DiagKind::kNoText, "the file holds only blanks", 0});
}

namespace {

bool block(const char* tag) {
  static const char* kBlocks[] = {"p",  "div", "br", "li",      "tr",      "h1",     "h2",     "h3",     "h4",
                                  "h5", "h6",  "ul", "ol",      "table",   "section", "article", "header", "footer",
                                  "blockquote", "pre", "address", "dt", "dd", "hr", "title", "main", "nav"};
  for (const char* b : kBlocks)
    if (std::strcmp(tag, b) == 0) return true;
  return false;
}

void html_node(xmlNode* n, std::string& out) {
  if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
    const char* t = reinterpret_cast<const char*>(n->content);
    // Layout whitespace in the source is not the text's.
    for (const char* p = t; p && *p; ++p) {
      char c = (*p == '\n' || *p == '\r' || *p == '\t') ? ' ' : *p;
      if (c == ' ' && (out.empty() || out.back() == ' ' || out.back() == '\n')) continue;
      out += c;
    }
    return;
  }
  if (n->type != XML_ELEMENT_NODE) return;
  const char* tag = reinterpret_cast<const char*>(n->name);
  if (std::strcmp(tag, "script") == 0 || std::strcmp(tag, "style") == 0 || std::strcmp(tag, "noscript") == 0 ||
      std::strcmp(tag, "template") == 0 || std::strcmp(tag, "head") == 0)
    return;
  const bool is_block = block(tag);
  if (is_block && !out.empty() && out.back() != '\n') out += '\n';
  for (xmlNode* c = n->children; c; c = c->next) html_node(c, out);
  if (std::strcmp(tag, "td") == 0 || std::strcmp(tag, "th") == 0) out += '\t';
  if (is_block && !out.empty() && out.back() != '\n') out += '\n';
}

}  // namespace

void extract_html(ExtractedDoc& doc, const std::string& data) {
  doc.format = "html";
  static std::once_flag init;
  std::call_once(init, [] { xmlInitParser(); });
  doc.extractor = std::string("libxml2 ") + LIBXML_DOTTED_VERSION;
  std::string declared = declared_charset(data);
  std::string utf8 = to_utf8(data, nullptr, declared.empty() ? nullptr : declared.c_str());
  std::unique_ptr<htmlParserCtxt, decltype(&htmlFreeParserCtxt)> ctxt(htmlNewParserCtxt(), htmlFreeParserCtxt);
  if (!ctxt) {
    doc.diagnostics.push_back({DiagKind::kTooLarge, "libxml2 has no memory for a parser", 0});
    return;
  }
  std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> html(
      htmlCtxtReadMemory(ctxt.get(), utf8.data(), static_cast<int>(utf8.size()), nullptr, "UTF-8",
                         HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET),
      xmlFreeDoc);
  // libxml2 stops at 256 nested elements ("Excessive depth in document")
  // and returns what it read so far: a page of 100,000 nested <div>s came
  // out as its first paragraph and, with no text before the nest, as "no
  // text layer". Too deep is what it is.
  const xmlError& last = ctxt->lastError;
  if (last.code == XML_ERR_INTERNAL_ERROR && last.message != nullptr &&
      std::strstr(last.message, "Excessive depth") != nullptr) {
    doc.diagnostics.push_back({DiagKind::kTooLarge, "elements nested more than 256 deep", 0});
    return;
  }
  if (!html || !xmlDocGetRootElement(html.get())) {
    doc.diagnostics.push_back({DiagKind::kCorrupt, "libxml2 cannot parse the HTML", 0});
    return;
  }
  xmlNode* root = xmlDocGetRootElement(html.get());
  for (xmlNode* n = root->children; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE || std::strcmp(reinterpret_cast<const char*>(n->name), "head") != 0) continue;
    for (xmlNode* h = n->children; h; h = h->next) {
      if (h->type == XML_ELEMENT_NODE && std::strcmp(reinterpret_cast<const char*>(h->name), "title") == 0) {
        xmlChar* t = xmlNodeGetContent(h);
        if (t) doc.meta.title = reinterpret_cast<const char*>(t);
        xmlFree(t);
      }
    }
  }
  std::string text;
  html_node(root, text);
  doc.pages = pages_of(text);
  doc.page_count = 1;
  if (text.find_first_not_of(" \t\r\n\f") == std::string::npos)
    doc.diagnostics.push_back({DiagKind::kNoText, "the page has no text", 0});
}

}  // namespace arkiv::extract
