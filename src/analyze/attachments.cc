// Attachment references: which "bilaga N" a decision refers to ("bilaga 1",
// "(bilaga 1, samt underlag beslut förlängning 2015, bilaga 2)", "se
// bilagorna 2-3", "bilaga 1 och 3", "bil. 4"), and which number a record is
// itself ("Bilaga 2 - avtal.docx", "bil_3.pdf", "Bilaga 4 till KS 2015-123",
// or a first line "Bilaga 2"). The index stores both, so a decision finds
// its attachments in its folder and an archivist sees those missing.
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
  static const Regex kName("^(?:bilaga|bil\\.?)[\\s_.-]*(\\d{1,2})(?!\\d)");
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

}  // namespace arkiv::analyze
