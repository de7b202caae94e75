// Attachment references: which "bilaga N" a decision refers to ("bilaga 1",
// "(bilaga 1, samt underlag beslut förlängning 2015, bilaga 2)", "se
// bilagorna 2-3", "bilaga 1 och 3", "bil. 4"), and which number a record is
// itself ("Bilaga 2 - avtal.docx", "bil_3.pdf", "Bilaga 4 till KS 2015-123",
// or a first line "Bilaga 2"). The index stores both, so a decision finds
// its attachments in its folder and an archivist sees those missing.
#include <algorithm>
#include <set>

#include "analyze/finders.h"
#include "arkiv/analysis.h"

namespace arkiv::analyze {
namespace {

int number(const std::string& s) { return s.empty() ? 0 : std::stoi(s); }

}  // namespace

std::vector<int> find_attachment_refs(std::string_view text) { return find_attachment_refs(Subject(text)); }

std::vector<int> find_attachment_refs(const Subject& subject) {
  // "bilaga 2", "bilagorna 2-3", "bilagor 1, 2 och 4", "bil. 3": a word,
  // then a list of numbers and ranges joined by commas, "och", "&", dashes.
  static const Regex kRef(
      "\\bbil(?:aga|agan|agor|agorna|\\.)\\s*(\\d{1,2}(?:\\s*(?:-|–|,|och|&|samt)\\s*\\d{1,2})*)\\b");
  static const Regex kNumber("(\\d{1,2})(?:\\s*(?:-|–)\\s*(\\d{1,2}))?");
  // A reference starts with "bil" in any case (no other character folds
  // to b, i or l), so the pattern is tried there only, not at every
  // character of the record.
  std::vector<Match> refs;
  const char16_t* u = subject.utf16().getBuffer();
  const int32_t length = subject.utf16().length();
  std::size_t done = 0;  // bytes: the end of the last reference
  for (int32_t i = 0; i + 3 <= length; ++i) {
    if ((u[i] | 0x20) != 'b' || (u[i + 1] | 0x20) != 'i' || (u[i + 2] | 0x20) != 'l') continue;
    if (subject.byte_offset(i) < done) continue;
    if (std::optional<Match> m = kRef.match_at(subject, i)) {
      done = m->end;
      refs.push_back(std::move(*m));
    }
  }
  std::set<int> out;
  for (const Match& m : refs) {
    for (const Match& n : kNumber.find_all(m.groups[1])) {
      int a = number(n.groups[1]), b = number(n.groups[2]);
      if (b < a || b - a > 20) b = a;  // "bilaga 3-1" is not a range
      for (int i = a; i <= b; ++i)
        if (i > 0) out.insert(i);
    }
  }
  return {out.begin(), out.end()};
}

int attachment_number(std::string_view name, std::string_view text) {
  // At the start of the name or after anything but a letter: "Bilaga 1
  // avtal.pdf", "protokoll_bilaga_3.pdf", and "rinfo_LIVSFS-2006_22bil1.pdf"
  // (the Swedish författningssamlingar glue "bil1" to the number); not
  // "mobil1".
  static const Regex kName("(?<!\\p{L})(?:bilaga|bil\\.?)[\\s_.-]*(\\d{1,2})(?!\\d)");
  std::string base(name.substr(name.rfind('/') == std::string_view::npos ? 0 : name.rfind('/') + 1));
  auto ms = kName.find_all(base);
  if (!ms.empty()) return number(ms[0].groups[1]);
  // The first line of the text: "Bilaga 2" as a heading.
  std::size_t start = text.find_first_not_of(" \n\f\t");
  if (start == std::string_view::npos) return 0;
  std::string_view first = text.substr(start, text.find('\n', start) - start);
  static const Regex kHeading("^bilaga\\s+(\\d{1,2})\\b");
  ms = kHeading.find_all(first);
  return ms.empty() ? 0 : number(ms[0].groups[1]);
}

namespace {

// A table of contents read in reading order: its page numbers come apart
// from their entries, as a column of bare numbers (AFS 2011:19 page 3: 41
// of its 87 lines), so "Bilaga 1: Ämnen med förbud ..." at its top has no
// "17" to give it away. A form with numbered fields has fewer (FFFS
// 2011:41's Bilaga 1 blankett: 13 of 46).
bool contents_page(std::string_view page_text) {
  int lines = 0, numbers = 0;
  for (std::size_t at = 0; at < page_text.size();) {
    std::size_t eol = page_text.find('\n', at);
    if (eol == std::string_view::npos) eol = page_text.size();
    std::string_view line = page_text.substr(at, eol - at);
    at = eol + 1;
    if (line.empty()) continue;
    ++lines;
    if (line.size() <= 3 && line.find_first_not_of("0123456789") == std::string_view::npos) ++numbers;
  }
  return numbers >= 8 && numbers * 5 >= lines * 2;
}

}  // namespace

int attachment_heading(std::string_view page_text) {
  // "Bilaga 2", "BILAGA 2", "Bilaga 1: Formulär ...", "Bilaga 4 till
  // LIVSFS 2006:22", "Bilaga 3 – Faktabladets innehåll"; the rest of the
  // line may not be a lower-case sentence or end in a page number (a
  // table of contents: "Bilaga 1: Ämnen med förbud ... 17").
  static const Regex kHeading("^bilaga\\s+(\\d{1,2})(?!\\d)\\s*(.*)$");
  static const Regex kRunningHeader("^(?:\\d{1,4}|[\\p{L}-]{1,12}\\s+\\d{4}(?:/\\d{2,4})?:\\d{1,4}(?:\\s+\\d{1,4})?)$");
  static const Regex kSentence("^\\p{Ll}", false);  // cased: "NFS 2007:10" is no sentence
  static const Regex kTocEntry("(?:\\.{3,}|\\s)\\d{1,4}$");
  // Capitals, digits and code punctuation only, a digit among them.
  static const Regex kFormCode("^(?=[^\\p{Ll}]*\\d)\\p{Lu}[\\p{Lu}\\d .:/()-]{2,40}$", false);
  static const Regex kRepeated("\\bbilaga\\s+\\d{1,2}$");
  int lines = 0;
  std::size_t at = 0;
  while (at < page_text.size() && lines < 4) {
    std::size_t eol = page_text.find('\n', at);
    if (eol == std::string_view::npos) eol = page_text.size();
    std::string_view line = page_text.substr(at, eol - at);
    at = eol + 1;
    const std::size_t b = line.find_first_not_of(" \t\f");
    if (b == std::string_view::npos) continue;
    const std::size_t e = line.find_last_not_of(" \t\f");
    line = line.substr(b, e - b + 1);
    ++lines;
    // Read in reading order, the series number and the heading set on one
    // baseline come out as one line: "AFFS 2008:8 Bilaga 2" (page 4 of
    // AFFS 2008:8).
    static const Regex kHeaderThenHeading(
        "^(?:\\d{1,4}|[\\p{L}-]{1,12}\\s+\\d{4}(?:/\\d{2,4})?:\\d{1,4})\\s+(bilaga\\s+\\d.*)$");
    if (auto hs = kHeaderThenHeading.find_all(line); !hs.empty()) {
      line = line.substr(line.size() - hs[0].groups[1].size());
    }
    auto ms = kHeading.find_all(line);
    if (!ms.empty()) {
      const std::string& rest = ms[0].groups[2];
      const bool till = rest.rfind("till ", 0) == 0 || rest.rfind("Till ", 0) == 0;
      if (!till && !kSentence.find_all(rest).empty()) return 0;
      // "... tillståndskrav 17" is a contents line; "... tillståndskrav
      // Bilaga 1" (AFS 2011:19 page 17) repeats the heading as a header.
      if (!kTocEntry.find_all(rest).empty() && kRepeated.find_all(rest).empty()) return 0;
      if (contents_page(page_text)) return 0;
      return number(ms[0].groups[1]);
    }
    // A page number or the series number repeated at the top of every
    // page of a författningssamling comes before the heading; so does,
    // read by OCR, a form's code printed up the margin: "SJV D 98
    // 2002-02" over "SJVFS 2009:26" / "Bilaga 1" (SJVFS 2009:26 p. 7).
    if (kRunningHeader.find_all(line).empty() && kFormCode.find_all(line).empty()) return 0;
  }
  return 0;
}

std::vector<std::string> attachment_link_keys(std::string_view text) {
  // A series, a year (or a riksmöte "2008/09"), a number: "LIVSFS
  // 2006:22", "RA-FS 2004:2", "prop. 2008/09:5", and the same in file
  // names, where ":" and "/" cannot be: "LIVSFS-2006_22", "prop-2008-09-5".
  static const Regex kSeries(
      "(?<![\\p{L}\\d])(\\p{L}{1,12}(?:-\\p{L}{1,4})?)\\.?[\\s_-]*((?:18|19|20)\\d{2})(?:[/-](\\d{2}|\\d{4}))?"
      "[\\s_:-]+(\\d{1,4})(?!\\d)");
  std::set<std::string> out;
  for (const Match& m : kSeries.find_all(text)) {
    std::string series;
    for (char c : m.groups[1])
      if (c != '-') series += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    // Författningssamlingar end in "fs" (SFS, LIVSFS, AFS, RA-FS); the
    // rest are the Government's series.
    const bool fs = series.size() >= 2 && series.compare(series.size() - 2, 2, "fs") == 0;
    static const char* const kOther[] = {"ds", "sou", "prop", "dir", "skr", "bet"};
    if (!fs && std::find(std::begin(kOther), std::end(kOther), series) == std::end(kOther)) continue;
    // Appended piece by piece: GCC 12 at -O3 warns falsely (stringop-
    // overflow) on a chain of operator+ here.
    std::string key = "fs:";
    key += series;
    key += '/';
    key += m.groups[2];
    if (!m.groups[3].empty()) {
      key += '/';
      key += m.groups[3].substr(m.groups[3].size() - 2);
    }
    key += '/';
    key += std::to_string(number(m.groups[4]));
    out.insert(std::move(key));
  }
  for (const CaseNumber& c : find_case_numbers(text)) out.insert("dnr:" + c.normalized);
  return {out.begin(), out.end()};
}

namespace {

std::string stem_of(std::string_view path) {
  std::string_view base = path.substr(path.rfind('/') == std::string_view::npos ? 0 : path.rfind('/') + 1);
  const std::size_t dot = base.rfind('.');
  if (dot != std::string_view::npos && dot > 0) base = base.substr(0, dot);
  std::string out(base);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

bool attachment_stem_tie(std::string_view bilaga_path, std::string_view main_path) {
  const std::string b = stem_of(bilaga_path), m = stem_of(main_path);
  if (m.size() < 3 || b.size() <= m.size() || b.compare(0, m.size(), m) != 0) return false;
  // The rest must start a new part: "22bil1" extends "22", "39" does not
  // extend "3", nor "Protokollet" "Protokoll".
  const unsigned char next = static_cast<unsigned char>(b[m.size()]);
  const unsigned char last = static_cast<unsigned char>(m.back());
  if (std::isdigit(next) && std::isdigit(last)) return false;
  if (std::isalpha(next) && std::isalpha(last)) return false;
  return b.find("bil", m.size()) != std::string::npos || !std::isalnum(next);
}

int choose_attachment_parent(const LinkSide& bilaga, const std::vector<LinkSide>& mains) {
  for (std::size_t i = 0; i < mains.size(); ++i)
    if (attachment_stem_tie(bilaga.path, mains[i].path)) return static_cast<int>(i);
  int only = -1, referring = 0;
  for (std::size_t i = 0; i < mains.size(); ++i) {
    const LinkSide& m = mains[i];
    if (!m.refers) continue;
    // A copy of the decision beside it (the audit's "duplicate") is not a
    // second decision.
    if (only >= 0 && !m.sha256.empty() && m.sha256 == mains[static_cast<std::size_t>(only)].sha256) continue;
    ++referring;
    if (only < 0) only = static_cast<int>(i);
    for (const std::string& k : bilaga.keys)
      if (std::binary_search(m.keys.begin(), m.keys.end(), k)) return static_cast<int>(i);
  }
  return referring == 1 ? only : -1;
}

}  // namespace arkiv::analyze
