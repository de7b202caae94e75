// Normalization: turns the text an extractor printed into the text arkiv
// stores, searches and quotes. All later offsets point into its output, so
// it must be deterministic and idempotent.
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <stdexcept>

#include "arkiv/pipeline.h"

namespace arkiv::normalize {
namespace {

const icu::Normalizer2& nfc() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU NFC: ") + u_errorName(status));
  return *n;
}

const icu::Normalizer2& nfkc() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU NFKC: ") + u_errorName(status));
  return *n;
}

// Compatibility characters folded with NFKC. Only these: NFKC on the whole
// text would also turn "½" into "1⁄2" and "m²" into "m2", which changes
// what a record says. Ligatures come from typeset PDFs ("ﬁnansiering"),
// full-width forms from East Asian fonts in partner-city documents.
bool fold_compat(UChar32 c) {
  return (c >= 0xFB00 && c <= 0xFB06) || (c >= 0xFF01 && c <= 0xFF5E);
}

bool removed(UChar32 c) {
  switch (c) {
    case 0x00AD:  // soft hyphen: "av\u00ADslag" is "avslag"
    case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF:
      return true;
  }
  // Other control characters, except the line and page structure.
  return (c < 0x20 && c != '\n' && c != '\t' && c != '\f') || (c >= 0x7F && c < 0xA0);
}

// Maps one code point to its replacement; returns false to keep it.
bool replace(UChar32 c, icu::UnicodeString& out) {
  switch (c) {
    case '\t': case 0x00A0: case 0x202F: case 0x2007: case 0x3000:
      out.append(UChar32(' '));
      return true;
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x00AB: case 0x00BB:
      out.append(UChar32('"'));  // ”citat” as quoted in the seed record
      return true;
    case 0x2018: case 0x2019: case 0x201A: case 0x201B:
      out.append(UChar32('\''));
      return true;
    case 0x2010: case 0x2011: case 0x2212:
      out.append(UChar32('-'));
      return true;
  }
  if (c >= 0x2000 && c <= 0x200A) {
    out.append(UChar32(' '));
    return true;
  }
  return false;
}

// Character-level clean-up, then NFC.
icu::UnicodeString clean(std::string_view raw) {
  icu::UnicodeString in = icu::UnicodeString::fromUTF8(icu::StringPiece(raw.data(), static_cast<int32_t>(raw.size())));
  icu::UnicodeString out;
  const int32_t n = in.length();
  for (int32_t i = 0; i < n;) {
    UChar32 c = in.char32At(i);
    i += U16_LENGTH(c);
    if (c == '\r') {
      if (i < n && in.charAt(i) == '\n') continue;  // CR LF -> LF
      out.append(UChar32('\n'));
    } else if (removed(c)) {
      continue;
    } else if (fold_compat(c)) {
      UErrorCode status = U_ZERO_ERROR;
      icu::UnicodeString folded = nfkc().normalize(icu::UnicodeString(c), status);
      out.append(U_SUCCESS(status) ? folded : icu::UnicodeString(c));
    } else if (!replace(c, out)) {
      out.append(c);
    }
  }
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString result = nfc().normalize(out, status);
  if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU normalize: ") + u_errorName(status));
  return result;
}

std::string to_utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

// Splits into lines, trims trailing blanks and collapses runs of spaces.
std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::string cur;
  for (char c : text) {
    if (c == '\n') {
      lines.push_back(cur);
      cur.clear();
    } else if (c == ' ' && (cur.empty() || cur.back() == ' ')) {
      if (cur.empty()) cur += ' ';  // keep one leading space (layout), collapse the rest
    } else {
      cur += c;
    }
  }
  lines.push_back(cur);
  for (auto& l : lines) {
    while (!l.empty() && l.back() == ' ') l.pop_back();
    if (!l.empty() && l.front() == ' ') l.erase(0, 1);
  }
  return lines;
}

UChar32 first_char(const std::string& s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
  return u.isEmpty() ? 0 : u.char32At(0);
}

// The word fragment that ends a line, after its last space.
std::string last_fragment(const std::string& line) {
  auto sp = line.rfind(' ');
  return sp == std::string::npos ? line : line.substr(sp + 1);
}

std::string first_word(const std::string& line) {
  auto end = line.find_first_of(" ,.;:");
  return line.substr(0, end);
}

bool is_url(const std::string& frag) {
  std::string f = frag;
  while (!f.empty() && (f.front() == '(' || f.front() == '<' || f.front() == '"')) f.erase(0, 1);
  return f.rfind("http://", 0) == 0 || f.rfind("https://", 0) == 0 || f.rfind("www.", 0) == 0;
}

// The hyphen before a line break is real, not a typesetter's, when the
// fragment carries a name or an acronym ("ICLD-", "Palme-", "IT-"), a digit
// ("2016-"), or is a single letter ("e-" as in "e-post").
bool hyphen_is_real(const std::string& frag_without_hyphen) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(frag_without_hyphen);
  int letters = 0;
  for (int32_t i = 0; i < u.length();) {
    UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    if (u_isupper(c) || u_isdigit(c)) return true;
    if (u_isalpha(c)) ++letters;
  }
  return letters <= 1;
}

// Words after which a line-final hyphen marks an elliptic compound:
// "lärar-\noch studentutbyte" is "lärar- och studentutbyte".
bool is_conjunction(const std::string& w) {
  static const char* kWords[] = {"och", "eller", "samt", "resp", "respektive", "som", "till", "med", "utan"};
  return std::any_of(std::begin(kWords), std::end(kWords), [&](const char* k) { return w == k; });
}

// Repairs line-break hyphenation in place (see NormalizeOptions).
std::vector<std::string> dehyphenate(std::vector<std::string> lines) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string line = std::move(lines[i]);
    while (line.size() >= 2 && line.back() == '-' && i + 1 < lines.size() && !lines[i + 1].empty()) {
      const std::string frag = last_fragment(line);
      const std::string stem = frag.substr(0, frag.size() - 1);
      if (stem.empty()) break;
      UChar32 before = icu::UnicodeString::fromUTF8(stem).char32At(icu::UnicodeString::fromUTF8(stem).length() - 1);
      const std::string& next = lines[i + 1];
      UChar32 after = first_char(next);
      if (is_url(frag)) {
        // "https://www.regeringen.se/.../arbetet-i-" + "fragor-som-ror-...":
        // the URL goes on, hyphen and all.
        if (!(u_isalnum(after))) break;
        line += next;
      } else if (!u_isalpha(before) || !u_islower(after)) {
        break;  // "2016-" + "2020", "Zhuhai-" + "Kina": not a broken word
      } else if (is_conjunction(first_word(next))) {
        line += " " + next;
      } else if (hyphen_is_real(stem)) {
        line += next;
      } else {
        line.pop_back();  // "utlands-" + "politik" -> "utlandspolitik"
        line += next;
      }
      ++i;
    }
    out.push_back(std::move(line));
  }
  return out;
}

}  // namespace

std::string normalize_text(std::string_view raw, const NormalizeOptions& opts) {
  std::vector<std::string> lines = lines_of(to_utf8(clean(raw)));
  if (opts.dehyphenate) lines = dehyphenate(std::move(lines));
  // Drop blank lines at the start and end of the page; keep inner ones
  // (they separate paragraphs in snippets).
  std::size_t b = 0, e = lines.size();
  while (b < e && lines[b].empty()) ++b;
  while (e > b && lines[e - 1].empty()) --e;
  std::string out;
  for (std::size_t i = b; i < e; ++i) {
    if (i > b) out += '\n';
    out += lines[i];
  }
  return out;
}

namespace {

bool junk_title(const std::string& t) {
  std::string l = t;
  std::transform(l.begin(), l.end(), l.begin(), [](unsigned char c) { return std::tolower(c); });
  for (const char* ext : {".doc", ".docx", ".pdf", ".odt", ".rtf", ".txt"}) {
    std::string x = ext;
    if (l.size() >= x.size() && l.compare(l.size() - x.size(), x.size(), x) == 0) return true;
  }
  return l.rfind("microsoft word - ", 0) == 0 || l == "untitled" || l == "namnlös" || l == "namnlöst";
}

// Cuts to at most `max` bytes without splitting a UTF-8 sequence.
std::string cut_utf8(std::string s, std::size_t max) {
  if (s.size() <= max) return s;
  std::size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  s.resize(n);
  return s;
}

}  // namespace

NormalizedDoc normalize(ExtractedDoc&& doc, const NormalizeOptions& opts) {
  NormalizedDoc out;
  out.source = std::move(doc.source);
  out.format = std::move(doc.format);
  out.extractor = std::move(doc.extractor);
  out.meta = std::move(doc.meta);
  out.page_count = doc.page_count;
  out.diagnostics = std::move(doc.diagnostics);
  for (std::size_t i = 0; i < doc.pages.size(); ++i) {
    if (i > 0) out.text += '\f';
    PageSpan span;
    span.number = doc.pages[i].number;
    span.begin = out.text.size();
    out.text += normalize_text(doc.pages[i].text, opts);
    span.end = out.text.size();
    out.pages.push_back(span);
  }
  NormalizeOptions one_line;
  one_line.dehyphenate = false;
  std::string title = normalize_text(out.meta.title, one_line);
  std::replace(title.begin(), title.end(), '\n', ' ');
  if (!title.empty() && !junk_title(title)) {
    out.title = cut_utf8(title, 200);
  } else {
    std::size_t b = 0;
    while (b < out.text.size()) {
      std::size_t e = out.text.find_first_of("\n\f", b);
      if (e == std::string::npos) e = out.text.size();
      if (e > b) {
        out.title = cut_utf8(out.text.substr(b, e - b), 200);
        break;
      }
      b = e + 1;
    }
    if (out.title.empty()) {
      auto slash = out.source.path.rfind('/');
      out.title = slash == std::string::npos ? out.source.path : out.source.path.substr(slash + 1);
    }
  }
  return out;
}

}  // namespace arkiv::normalize
