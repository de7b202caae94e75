// Titles a reader recognises. Authorities' PDFs carry poor metadata
// titles (Word's "Microsoft Word - 1987-4TOB6.doc", InDesign's
// "NFS 2007-10k2.indd.indd", a template's "Allmän produktmall revPA1") and
// their first text line is often a page marker ("Sida 1 (18)"), a
// masthead ("BOVERKETS" / "FÖRFATTNINGSSAMLING") or a letterhead; the
// title is the heading that the kind of record puts on its first page.
#include "normalize/title.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <filesystem>
#include <vector>

#include "analyze/regex.h"
#include "util/text.h"

namespace arkiv::normalize {
namespace {

using analyze::Regex;

bool has(const Regex& re, std::string_view s) { return !re.find_all(s).empty(); }

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// The non-empty lines of the first page, at most `max`. A Markdown record's
// YAML front matter ("---" ... "---") is no part of its text for a title.
std::vector<std::string_view> first_lines(const NormalizedDoc& doc, std::size_t max) {
  std::string_view page = doc.text;
  if (!doc.pages.empty()) page = page.substr(doc.pages.front().begin, doc.pages.front().end - doc.pages.front().begin);
  // A blank first page: the title is on the next ("Untitled" over an
  // empty cover).
  if (page.find_first_not_of(" \n") == std::string_view::npos) page = doc.text;
  std::vector<std::string_view> out;
  std::size_t b = 0;
  bool front_matter = page.substr(0, 4) == "---\n";
  if (front_matter) b = 4;
  while (b < page.size() && out.size() < max) {
    std::size_t e = page.find('\n', b);
    if (e == std::string_view::npos) e = page.size();
    std::string_view line = trim(page.substr(b, e - b));
    while (!line.empty() && line.front() == '\f') line = trim(line.substr(1));
    b = e + 1;
    if (front_matter) {
      if (line == "---") front_matter = false;
      continue;
    }
    while (!line.empty() && line.front() == '#') line = trim(line.substr(1));  // a Markdown heading
    if (line.rfind("<!--", 0) == 0) continue;  // "<!-- sida 1 -->" in a converted protokoll
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

bool starts_lower(std::string_view s) {
  if (s.empty()) return false;
  int32_t i = 0;
  UChar32 c = 0;
  U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), i, static_cast<int32_t>(s.size()), c);
  return c > 0 && u_islower(c);
}

std::string join(const std::vector<std::string_view>& parts) {
  std::string out;
  for (std::string_view p : parts) {
    if (!out.empty()) {
      // "Forskningsdatautred-" + "ningen": a word broken at the line end
      // ("icke-statliga" stays whole: the break was not inside it).
      if (out.back() == '-' && out.size() >= 2 && out[out.size() - 2] != ' ' && starts_lower(p)) {
        out.pop_back();
      } else {
        out += ' ';
      }
    }
    out.append(p);
  }
  return out;
}

// Trailing punctuation that ends a heading block: "...bostadshus m m;",
// "...elektroniska fakturor,".
std::string tidy(std::string s) {
  while (!s.empty() && (s.back() == ';' || s.back() == ',' || s.back() == ' ' || s.back() == ':')) s.pop_back();
  return s;
}

// A line that is a series masthead: "BOVERKETS" over "FÖRFATTNINGSSAMLING",
// "Finansinspektionens författningssamling", "Svensk författningssamling".
bool is_masthead(std::string_view line, std::string_view next) {
  std::string l = util::lower_sv(line);
  std::string n = util::lower_sv(next);
  return l.find("författningssamling") != std::string::npos || n.rfind("författningssamling", 0) == 0 ||
         n.rfind("författnings-", 0) == 0;
}

// Lines that are never a title: page markers, dates, case numbers,
// letterhead and sidebar lines, labels, series numbers.
bool is_noise(std::string_view line) {
  static const Regex kNoise(
      "^(?:sid(?:a|an)?\\.?\\s*)?\\d+\\s*(?:\\(\\s*\\d+\\s*\\))?$"          // "Sida 1 (18)", "1 (6)", "5"
      "|^(?:\\d{4}-\\d{2}-\\d{2}|(?:den\\s+)?\\d{1,2}\\s+\\p{L}+\\s+\\d{4})\\.?$"  // a date alone
      "|^(?:dnr|diarienr|diarienummer|mål nr|ärendenr|dok\\.id)\\b"
      "|@|https?://|\\bwww\\.|•"                                             // letterhead
      "|^\\p{L}[\\p{L} ]{0,24}:(?:\\s|$)"  // "Kopia:", "Utgivare: ..."; not "EG:s"
      "|^issn\\b|^utkom från trycket|^omtryck$|^saknr\\b|^klicka här|\\bversion\\s+\\d"
      "|^\\d{3}\\s?\\d{2}\\s+\\p{Lu}"                                        // "551 81 Jönköping"
      "|^(?:\\p{Lu}[\\p{Lu}-]*FS|BFS|SFS|Dir\\.?|Prop\\.?|Ds|SOU)\\s*\\d{4}(?:/\\d{2,4})?[:-]\\d+\\w*$"
      "|^(?:dir|prop)\\.?$|^\\d{4}(?:/\\d{2,4})?:\\d+$|^\\(?\\p{Lu}{1,4}\\s?\\d+\\)?$"  // "Dir.", "2009:71", "TOB 6"
      "|^_+$|^-+$");
  if (has(kNoise, line)) return true;
  // One word: "Förord", "Exempelmyndigheten", "R2B", a file name.
  if (line.find(' ') == std::string_view::npos && line.size() < 40) return true;
  // A line in capitals: "REVISION DIARIENR DOKUMENTNR", "HÖGSTA DOMSTOLENS".
  std::string upper = util::upper_sv(line);
  return upper == line && util::lower_sv(line) != line;
}

// "Jonas Beckman, konsult": a name and role in a letterhead (a name alone
// is skipped when it is the PDF's author, "Heléne Lundgren").
bool is_person(std::string_view line) {
  static const Regex kPerson("^\\p{Lu}\\p{Ll}+(?:-\\p{Lu}\\p{Ll}+)?\\s\\p{Lu}\\p{Ll}+,\\s[\\p{Ll} ]+$", false);
  return has(kPerson, line);
}

int paren_balance(std::string_view s) {
  int n = 0;
  for (char c : s) n += c == '(' ? 1 : c == ')' ? -1 : 0;
  return n;
}

// A föreskrift's title: "Boverkets föreskrifter om stöd till vissa
// icke-statliga kulturlokaler;", "Föreskrifter om ändring i ...;",
// "Vervas allmänna råd till föreskrifter om ...", "Förordning om ändring i
// rättsinformationsförordningen (1999:175);", "Rättsinformationsförordning;".
// It runs to the line that ends in ";" (the "beslutade den ..." line
// follows), skipping the sidebar lines ("Utkom från trycket", "den 20
// december 1990", "BFS 1990:27") that text extraction may put between.
std::string foreskrift_title(const std::vector<std::string_view>& lines) {
  static const Regex kStart(
      "^(?:\\p{Lu}[\\p{L}-]*s\\s(?:[\\p{L}-]+\\s){0,2}(?:föreskrift|allmänna\\sråd|allmänt\\sråd)"
      "|(?:Föreskrift|Allmänna\\sråd|Förordning|Lag)(?:er|en)?\\b(?!\\s*\\d)"
      "|\\p{Lu}\\p{Ll}+(?:förordning|lag);$)",
      false);
  static const Regex kDecided("^(?:beslutade?|utfärdade?)\\b", true);
  static const Regex kStopParen("^\\(\\p{Lu}\\p{Ll}", false);  // "(Ändringar införda t.o.m. ...)"
  bool masthead = false;
  for (std::size_t i = 0; i + 1 < lines.size() && !masthead; ++i) masthead = is_masthead(lines[i], lines[i + 1]);
  // Lines a layout may set beside the title: "Utkom från trycket", "den
  // 20 december 1990", "BFS 1990:27", "TOB 6", "Saknr M 16", "Omtryck", "1".
  static const Regex kSidebar(
      "^(?:utkom från trycket|omtryck|saknr\\b.*|den\\s+\\d{1,2}\\s+\\p{L}+\\s+\\d{4}\\.?|\\d+"
      "|\\p{L}[\\p{L}-]*\\s?\\d{4}:\\d+\\w*|\\(?\\p{Lu}{1,4}\\s?\\d+\\)?|issn.*)$");
  // A line that may go on with a capital: after "ändring i", "om", "till".
  static const Regex kParagraph("^\\d+\\s?[a-z]?\\s?§");
  // A kind alone is no title: SOSFS 2012:17 opens "Föreskrifter och
  // allmänna råd" / "Tandvård vid långvarig sjukdom ...".
  static const Regex kKindOnly("^(?:föreskrift(?:er)?(?: och allmänna råd)?|allmänna råd|förordning|lag)$");
  static const Regex kOpenEnd("\\s(?:i|om|till|av|för|och|med|på)$");
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (!has(kStart, lines[i]) || is_masthead(lines[i], i + 1 < lines.size() ? lines[i + 1] : "")) continue;
    std::vector<std::string_view> parts{lines[i]};
    // Read by OCR, the sidebar's "Utkom från trycket" stands over the
    // title and its date ends the title's first line, which shares its
    // baseline: "Föreskrifter om ändring av Riksarkivets föreskrifter den
    // 9 februari 2007" (RA-FS 2006:6, a scan).
    static const Regex kSidebarDateAtEnd("\\s+den\\s+\\d{1,2}\\s+\\p{L}+\\s+\\d{4}$");
    if (i > 0 && util::lower_sv(lines[i - 1]) == "utkom från trycket")
      for (const analyze::Match& m : kSidebarDateAtEnd.find_all(parts[0])) parts[0] = parts[0].substr(0, m.begin);
    bool ended = parts[0].back() == ';';
    std::size_t j = i + 1;
    for (; !ended && j < lines.size() && parts.size() < 6; ++j) {
      std::string_view l = lines[j];
      if (has(kDecided, l)) break;
      if (has(kSidebar, l)) continue;
      if (has(kStopParen, l)) break;
      if (!(starts_lower(l) || l.front() == '(' || has(kOpenEnd, parts.back()) || paren_balance(join(parts)) > 0)) break;
      if (has(kParagraph, l) || l.find("föreskriver") != std::string_view::npos) break;
      parts.push_back(l);
      ended = l.back() == ';';
    }
    while (j < lines.size() && has(kSidebar, lines[j])) ++j;
    const bool decided_next = j < lines.size() && has(kDecided, lines[j]);
    if (has(kKindOnly, tidy(join(parts)))) continue;
    // The title ends at its ";": in reading order a sidebar on the same
    // baseline may follow on its line ("... informationsutbyte; den 19
    // november 2007", VervaFS 2007:2).
    std::string title = tidy(join(parts));
    if (const std::size_t semi = title.find(';'); semi != std::string::npos) title.resize(semi);
    if (ended || masthead || decided_next) return title;
  }
  return {};
}

// A heading cut short, ending in a preposition or conjunction:
// "Arbetsmarknadsstyrelsens föreskrifter om", "om vissa ändringar i
// bestämmelserna om".
bool cut_short(std::string_view t) {
  static const Regex kCutShort("\\s(?:om|till|för|och|av|med|i|på)$");
  return has(kCutShort, t);
}

// The heading after a kind line: "Kommittédirektiv" / "Tilläggsdirektiv
// till Utredningen om en" / "översyn av fondregelverket (Fi 2014:15)" /
// "Dir." / "2014:158"; "Regeringens proposition" / "1999/2000:17" /
// "Avtal mellan Sverige och Danmark om beskattning" / "av anställda ombord
// på färjor och tåg m.m." / "Regeringen överlämnar ...".
// On a page read by OCR the lines carry debris: the riksdag's stamp beside
// "Regeringens proposition" reads "es -", the number "1991/92:43 [2]", and
// the box around "Prop. 1991/92:43" in the margin a "|" that ends a line
// the margin's words are mixed into ("k illä reliminär B-skatt m. m. Prop. |"
// in the scanned prop. 1991/92:43). A heading cut there is no title; the
// kind and its number are: "Regeringens proposition 1991/92:43".
std::string heading_after_kind(const std::vector<std::string_view>& lines) {
  static const Regex kKind(
      "^(kommittédirektiv|regeringens (?:proposition|skrivelse)|lagrådsremiss|föreskrifter och allmänna råd)"
      "(?:\\s+[^\\s\\d]{1,3})*$");
  static const Regex kNumber("^(\\d{4}(?:/\\d{2,4})?:\\d+)(?:\\s+\\S{1,4})?$");
  static const Regex kStop(
      "^(?:beslut vid regeringssammanträde|regeringen överlämnar|stockholm den|sammanfattning|propositionens)\\b");
  static const Regex kTrailingNumber("\\s+(?:Prop|Dir|Skr)\\.?(?:\\s+\\d{4}(?:/\\d{2,4})?:\\d+)?$", false);
  for (std::size_t i = 0; i < std::min<std::size_t>(lines.size(), 8); ++i) {
    const std::vector<analyze::Match> kind = kKind.find_all(lines[i]);
    if (kind.empty()) continue;
    std::string number;
    std::vector<std::string_view> parts;
    for (std::size_t j = i + 1; j < lines.size() && parts.size() < 4; ++j) {
      std::string_view l = lines[j];
      if (has(kStop, l) || l.find('|') != std::string_view::npos) break;
      if (parts.empty()) {
        const std::vector<analyze::Match> n = kNumber.find_all(l);
        if (!n.empty()) {
          number = n.front().groups[1];
          continue;
        }
      }
      if (is_noise(l) && !(parts.size() > 0 && (l.front() == '(' || starts_lower(l)))) {
        if (parts.empty()) continue;  // the number under the kind
        break;
      }
      parts.push_back(l);
    }
    std::string t = parts.empty() ? std::string() : join(parts);
    for (const analyze::Match& m : kTrailingNumber.find_all(t)) t = t.substr(0, m.begin);
    t = tidy(t);
    if ((t.empty() || cut_short(t)) && !number.empty()) {
      return kind.front().groups[1] + " " + number;
    }
    return t;
  }
  return {};
}

// "HÖGSTA DOMSTOLENS" -> "Högsta domstolens"; "FÖRVALTNINGSRÄTTEN I
// STOCKHOLM" -> "Förvaltningsrätten i Stockholm".
std::string court_case(std::string_view upper) {
  std::string l = util::lower_sv(upper);
  std::string out;
  bool cap = true;
  std::size_t b = 0;
  while (b < l.size()) {
    std::size_t e = l.find(' ', b);
    if (e == std::string::npos) e = l.size();
    std::string w = l.substr(b, e - b);
    if (cap && !w.empty()) {
      std::size_t n = (static_cast<unsigned char>(w[0]) < 0x80) ? 1 : 2;
      w = util::upper_sv(w.substr(0, n)) + w.substr(n);
    }
    cap = w == "i" || w == "för" || w == "över";
    out += (out.empty() ? "" : " ") + w;
    b = e + 1;
  }
  return out;
}

// A court's judgment or decision: "HÖGSTA DOMSTOLENS" / "DOM Mål nr" /
// "meddelad i Stockholm den 4 november 2009 T 170-08" ... "SAKEN" /
// "Överföring av mönsterregistrering" -> "Högsta domstolens dom i mål
// T 170-08: Överföring av mönsterregistrering".
std::string court_title(const std::vector<std::string_view>& lines) {
  static const Regex kRuling("^(?:(.*\\S)\\s+)?(DOM|BESLUT|SLUTLIGT BESLUT)(?:\\s|$)", false);
  static const Regex kCourt("DOMSTOL|RÄTT", false);
  // "T 170-08", "1234-19"; not a date's "2016-12".
  static const Regex kCase("(?<![\\d-])(?:[ÖTBMUP]\\s?)?\\d{1,6}-\\d{2}(?![\\d-])", false);
  const std::size_t n = std::min<std::size_t>(lines.size(), 12);
  for (std::size_t i = 0; i < n; ++i) {
    auto ms = kRuling.find_all(lines[i]);
    if (ms.empty()) continue;
    std::string court = ms[0].groups[1];
    if (court.empty() && i > 0) court = std::string(lines[i - 1]);
    if (!has(kCourt, court) || util::upper_sv(court) != court) continue;
    std::string title = court_case(court) + (court.back() == 'S' ? " " : ", ") + util::lower_sv(ms[0].groups[2]);
    for (std::size_t j = i; j < n; ++j) {
      auto c = kCase.find_all(lines[j]);
      if (!c.empty()) {
        title += " i mål " + c.back().groups[0];
        break;
      }
    }
    for (std::size_t j = i; j + 1 < lines.size() && j < 40; ++j) {
      if (lines[j] == "SAKEN") {
        title += ": " + std::string(lines[j + 1]);
        break;
      }
    }
    return title;
  }
  return {};
}

// The first line that may be a title, with the lines that continue it:
// "Fråga om köparen fullgjort sin skyldighet att kontrollera riktigheten av"
// / "utfärdade biljetter samt om resebyrås ansvar ...", "Remissvar gällande
// betänkandet En moderniserad" / "reglering av handel med ädelmetallarbeten
// (SOU" / "2026:14)", "Pröva och utvärdera FST på din myndighet" / "-
// information till projektledare".
std::string first_sensible_line(const std::vector<std::string_view>& lines, std::string_view author) {
  static const Regex kCapsKind("PROTOKOLL|TJÄNSTESKRIVELSE|KALLELSE|YTTRANDE|REMISSVAR|BESLUT", false);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string_view l = lines[i];
    // An attachment headed "Bilaga 2" alone on its line is named by the
    // line after it that can be a title: "Bilaga 2 Underlag för beslut om
    // förlängning ...", past a case number or date under the heading
    // ("Bilaga 2" / "Dnr KS 2015/456" / "Underlag ...").
    if (l.size() <= 10 && (l.rfind("Bilaga", 0) == 0 || l.rfind("BILAGA", 0) == 0)) {
      std::size_t next = i + 1;
      while (next < lines.size() && next <= i + 3 && is_noise(lines[next]) && lines[next].find(' ') != std::string_view::npos)
        ++next;
      if (next >= lines.size() || next > i + 3) next = i + 1;
      return next < lines.size() ? std::string(l) + " " + std::string(lines[next]) : std::string(l);
    }
    // A kind in capitals over the body's name: "KUNGSBACKA KOMMUN
    // SAMMANTRÄDESPROTOKOLL" / "Kommunstyrelsen".
    if (has(kCapsKind, l) && util::upper_sv(l) == l) {
      std::string t = court_case(l);
      const bool body_next = i + 1 < lines.size() && lines[i + 1].find(' ') == std::string_view::npos &&
                             !starts_lower(lines[i + 1]) && util::upper_sv(lines[i + 1]) != lines[i + 1];
      if (body_next) return t + " " + std::string(lines[i + 1]);
      // The kind alone is a label over a letterhead: Kammarkollegiet's
      // "REMISSVAR" / "2026-06-24" / "Dnr ..." is titled by the
      // "Remissvar gällande betänkandet ..." lines further down.
      if (l.find(' ') == std::string_view::npos) continue;
      return t;
    }
    if (is_noise(l) || is_person(l) || l == author) continue;
    if (i + 1 < lines.size() && is_masthead(l, lines[i + 1])) continue;
    std::vector<std::string_view> parts{l};
    std::string t(l);
    for (std::size_t j = i + 1; j < lines.size() && parts.size() < 3; ++j) {
      std::string_view prev = parts.back();
      std::string_view next = lines[j];
      if (prev.back() == '.' || prev.back() == ':') break;
      const bool open = paren_balance(join(parts)) > 0;
      if ((next.rfind("- ", 0) == 0 && starts_lower(next.substr(2))) ||
          (next.rfind("– ", 0) == 0 && starts_lower(next.substr(4)))) {
        t += " – " + std::string(trim(next.substr(next.find(' '))));
        parts.push_back(next);
        break;
      }
      // A line wrapped in the middle of a sentence: a long line, or one
      // that ends in "av", "om", ... ("\"Uppföljning\" partnerskap" over
      // "rad två" is a title over a line).
      static const Regex kOpenEnd("\\s(?:i|om|till|av|för|och|med|på|att|som)$");
      const bool wrapped = prev.size() >= 40 || has(kOpenEnd, prev);
      if (!((starts_lower(next) && wrapped) || open)) break;
      if (is_noise(next) && !open) break;
      parts.push_back(next);
      t = join(parts);
    }
    return tidy(t);
  }
  return {};
}

}  // namespace

bool is_junk_title(std::string_view t) {
  static const Regex kJunk(
      "^microsoft word\\s*-"
      "|\\.[a-z][a-z0-9]{1,4}$"                 // a file name: ".doc", ".indd", ".pdf"; not "SOU 2024.28"
      "|\\bmall\\b|\\btemplate\\b|\\bnamnlös\\b|^untitled$|^dokument\\d*$"
      "|\\b[a-z]+[A-Z]+\\d+\\b"                 // a template id: "revPA1"
      "|författningssamling"
      "|^(?:regeringens (?:proposition|skrivelse)|kommittédirektiv|lagrådsremiss|promemoria)$",
      true);
  static const Regex kTemplateId("\\b[a-z]+[A-Z]+\\d+\\b", false);
  std::string_view s = trim(t);
  if (s.empty() || s.find(' ') == std::string_view::npos) return true;
  // The case-insensitive pattern cannot see "revPA1"; the cased one can.
  return has(kJunk, s) || has(kTemplateId, s) || cut_short(s);
}

std::string choose_title(const NormalizedDoc& doc, std::string_view meta_title, std::size_t max_bytes) {
  auto cut = [&](std::string s) {
    if (s.size() > max_bytes) {
      std::size_t n = max_bytes;
      while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
      s.resize(n);
    }
    while (!s.empty() && s.back() == ' ') s.pop_back();
    return s;
  };
  const std::vector<std::string_view> lines = first_lines(doc, 60);
  for (auto rule : {court_title, foreskrift_title, heading_after_kind}) {
    std::string t = rule(lines);
    if (!t.empty()) return cut(t);
  }
  std::string meta(trim(meta_title));
  if (!meta.empty() && !is_junk_title(meta)) {
    // A masthead as the metadata title: "Verket för förvaltningsutvecklings"
    // over "författningssamling".
    bool masthead = false;
    for (std::size_t i = 0; i + 1 < lines.size() && i < 6; ++i)
      masthead = masthead || (lines[i] == meta && is_masthead(lines[i], lines[i + 1]));
    if (!masthead) return cut(meta);
  }
  std::string t = first_sensible_line(std::vector<std::string_view>(lines.begin(), lines.begin() + std::min<std::size_t>(lines.size(), 30)),
                                      doc.meta.author);
  if (!t.empty()) return cut(t);
  // Nothing but noise: the first line as before, else the file name.
  static const Regex kPageMarker("^(?:sid(?:a|an)?\\.?\\s*)?\\d+\\s*(?:\\(\\s*\\d+\\s*\\))?$");
  for (std::string_view l : lines)
    if (!has(kPageMarker, l)) return cut(std::string(l));
  return std::filesystem::path(doc.source.path).filename().string();
}

}  // namespace arkiv::normalize
