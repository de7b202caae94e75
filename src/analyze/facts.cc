// Record-level facts: the record's own date and type, its diarienummer and
// its references to other public documents, and the sentence around a
// finding for timelines.
#include <cctype>
#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/timezone.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <optional>
#include <set>

#include "analyze/acronyms.h"
#include "analyze/finders.h"
#include "arkiv/analysis.h"
#include "util/text.h"
#include "util/time.h"

namespace arkiv::analyze {
namespace {

std::string first_day(const std::vector<DateMention>& ms) {
  for (const auto& m : ms)
    if (m.precision == DatePrecision::kDay) return m.start;
  return {};
}

std::string strip_zeros(const std::string& n) {
  std::size_t i = n.find_first_not_of('0');
  return i == std::string::npos ? "0" : n.substr(i);
}

}  // namespace

namespace {

std::string_view first_page(const NormalizedDoc& doc) {
  return doc.pages.empty() ? std::string_view() : doc.page_text(doc.pages.front().number);
}

// A Markdown record's YAML front matter, "---" to "---", or "".
std::string_view front_matter(std::string_view text) {
  if (text.substr(0, 4) != "---\n") return {};
  std::size_t e = text.find("\n---", 3);
  return e == std::string_view::npos ? std::string_view() : text.substr(4, e - 3);
}

// The day `t` falls on in Swedish time (Europe/Stockholm, with its summer
// time): the day the registry received what was sent then. An e-mail's
// Date header carries the sender's offset; read in UTC, a mail sent on
// 14 March at 00:30 +0100 would be dated the 13th.
std::string swedish_day(FileTime t) {
  static const std::unique_ptr<const icu::TimeZone> kZone(icu::TimeZone::createTimeZone("Europe/Stockholm"));
  const UDate ms = static_cast<UDate>(std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count());
  int32_t raw = 0, dst = 0;
  UErrorCode status = U_ZERO_ERROR;
  kZone->getOffset(ms, false, raw, dst, status);
  if (U_FAILURE(status)) raw = dst = 0;  // the day in UTC, not none
  return util::iso8601_utc(t + std::chrono::milliseconds(raw + dst)).substr(0, 10);
}

}  // namespace

std::pair<std::string, std::string> record_date(const NormalizedDoc& doc) {
  // An e-mail is dated by its Date header (Metadata::created, set by
  // extract/mail.cc), not by what its body says: the body of a mail about
  // a protokoll quotes the protokoll's dates.
  if (doc.format == "eml" && doc.meta.created) return {swedish_day(*doc.meta.created), "sent"};
  // The first full day in group 1 of a match of `re` in `text`, or "".
  auto day_in = [](const Regex& re, std::string_view text) {
    for (const Match& m : re.find_all(text))
      if (std::string d = first_day(find_dates(m.groups[1])); !d.empty()) return d;
    return std::string();
  };
  std::string_view first = first_page(doc);
  // 0. Front matter: "datum: 2024-05-23", "date: 2019-03-15".
  static const Regex kFrontDate("(?m)^(?:date|datum|published|publicerad|beslutsdatum):\\s*['\"]?(.+?)['\"]?\\s*$");
  if (std::string d = day_in(kFrontDate, front_matter(first)); !d.empty()) return {d, "front-matter"};
  // 1. The decision formula of a författning, a directive or a judgment,
  //    on a line of its own: "beslutade den 15 januari 1987.", "utfärdad
  //    den 25 mars 1999.", "Beslutade av Riksgäldskontoret den 14 december
  //    2011.", "Beslut vid regeringssammanträde den 18 december 2014",
  //    "meddelad i Stockholm den 4 november 2009". It wins over a printing
  //    date ("Utkom från trycket den 5 februari 1987") and over the PDF's
  //    creation date (Boverket's 1987-1993 föreskrifter were all scanned
  //    into PDF on 2006-01-10).
  static const Regex kDecided(
      "(?m)^\\s*(?:beslutade?|utfärdade?|meddelad|beslut vid regeringssammanträde)\\b([^\\n]{0,80})$");
  if (std::string d = day_in(kDecided, first); !d.empty()) return {d, "decided"};
  // 1b. A proposition of the 1980s and 1990s is decided in the words
  //     "Regeringen föreslår riksdagen att anta de förslag som har tagits
  //     upp i bifogade utdrag ur regeringsprotokollet den 31 oktober 1991."
  //     (prop. 1991/92:43, a scan whose PDF was made in 2014).
  static const Regex kProtocol("utdrag ur regeringsprotokollet\\s+den\\s+(\\d{1,2}\\s+\\p{L}+\\s+\\d{4})");
  if (std::string d = day_in(kProtocol, first); !d.empty()) return {d, "decided"};
  // 2. A date line, as protokoll and tjänsteskrivelser have them:
  //    "Datum: 2021-11-04", "Sammanträdesdatum 2019-03-15", "Skickat: den 3 april 2017",
  //    and an ARN decision's "Avgörande 2013-11-19; 2013-07406" (its
  //    letterhead's "2013-11-21" is the day it was sent).
  static const Regex kDateLine(
      "(?m)^\\s*(?:datum|sammanträdesdatum|beslutsdatum|mötesdatum|skickat|dag för beslut|avgörande)\\b[:.]?\\s*(.+)$");
  if (std::string d = day_in(kDateLine, first); !d.empty()) return {d, "date-line"};
  // A kind in a letterhead over its date: "REMISSVAR" / "2026-06-24" /
  // "Dnr 3.1-4788-2026" (Kammarkollegiet).
  static const Regex kKindDate(
      "(?m)^\\s*(?:remissvar|yttrande|tjänsteskrivelse|promemoria|beslut)\\s*\\n\\s*(\\d{4}-\\d{2}-\\d{2})\\s*$");
  if (std::string d = day_in(kKindDate, first); !d.empty()) return {d, "date-line"};
  // 3. A place and date signing the record: "Stockholm den 14 oktober 1999"
  //    (a proposition), "Stockholm i februari 1998" (the end of a Ds's
  //    Förord). A month alone gives no day; it confirms the creation date
  //    if that falls in the same month.
  static const Regex kSigned("(?m)^[ \\t]*\\p{Lu}\\p{Ll}+(?:[ \\t]\\p{Lu}\\p{Ll}+)?[ \\t](?:den|i)[ \\t]([^\\n]{3,30}?)[ \\t]*$",
                             false);
  for (const Match& m : kSigned.find_all(first)) {
    auto ds = find_dates(m.groups[1]);
    if (ds.size() != 1 || ds[0].begin != 0 || ds[0].start.empty()) continue;
    if (ds[0].precision == DatePrecision::kDay) return {ds[0].start, "signed"};
    if (ds[0].precision == DatePrecision::kMonth && doc.meta.created) {
      std::string c = util::iso8601_utc(*doc.meta.created).substr(0, 10);
      if (c.substr(0, 7) == ds[0].start.substr(0, 7)) return {c, "metadata"};
    }
  }
  // 4. The day a författning came from the printer: "Utkom från trycket"
  //    / "den 16 januari 2007" (allmänna råd carry no "beslutade den").
  static const Regex kPublished("utkom från trycket\\s+den\\s+(\\d{1,2}\\s+\\p{L}+\\s+\\d{4})");
  if (std::string d = day_in(kPublished, first); !d.empty()) return {d, "published"};
  // 4b. The decision formula on one of the next pages: a consolidated
  //     författning opens with a cover and a table of contents, and its
  //     "beslutade den 29 november 2011." stands on page 4 (AFS 2011:19,
  //     whose page 1 only says "Ändringar införda t.o.m 13 juni 2017").
  for (std::size_t i = 1; i < doc.pages.size() && i < 5; ++i)
    if (std::string d = day_in(kDecided, doc.page_text(doc.pages[i].number)); !d.empty()) return {d, "decided"};
  // 5. A full date in the first lines of page 1 (letterheads, titles such
  //    as "Protokollsutdrag Kommunfullmäktige 2015-11-26"), before any
  //    "Förord" or "Innehåll": a date in a foreword's prose ("Den 28
  //    november 1996 beslutade regeringen att tillsätta en arbetsgrupp",
  //    Ds 1998:10) is history, not the record's date.
  std::size_t cut = 0;
  for (int line = 0; line < 8 && cut != std::string_view::npos; ++line) {
    std::size_t next = first.find('\n', cut ? cut + 1 : 0);
    std::string_view l = first.substr(cut ? cut + 1 : 0, next == std::string_view::npos ? std::string_view::npos
                                                                                      : next - (cut ? cut + 1 : 0));
    std::string ll = util::lower_sv(l);
    if (ll == "förord" || ll == "innehåll" || ll == "innehållsförteckning" || ll == "sammanfattning") break;
    cut = next;
  }
  // A deadline is not the record's date: "Remissvaren ska ha kommit in
  // ... senast den 31 mars 2016".
  std::string_view top = first.substr(0, cut == std::string_view::npos ? first.size() : cut);
  std::string d;
  for (const DateMention& m : find_dates(top)) {
    if (m.precision != DatePrecision::kDay) continue;
    std::string before = util::lower_sv(top.substr(m.begin > 16 ? m.begin - 16 : 0, m.begin > 16 ? 16 : m.begin));
    if (before.find("senast") != std::string::npos) continue;
    d = m.start;
    break;
  }
  if (!d.empty()) return {d, "header"};
  // 6. The file name: "protokoll_2020-06-15.pdf".
  std::string name = doc.source.path.substr(doc.source.path.rfind('/') + 1);
  d = first_day(find_dates(name));
  if (!d.empty()) return {d, "file-name"};
  // 7. The file's creation date (an e-mail's Date header was rule 0):
  //    for a PDF often the day it was exported or scanned, so it comes
  //    last.
  if (doc.meta.created) return {util::iso8601_utc(*doc.meta.created).substr(0, 10), "metadata"};
  return {};
}

RecordType record_type(const NormalizedDoc& doc) {
  std::string_view first = first_page(doc);
  std::string name = util::lower_sv(doc.source.path.substr(doc.source.path.rfind('/') + 1));
  std::string title = util::lower_sv(doc.title);
  std::string meta_title = util::lower_sv(doc.meta.title);
  std::string top = util::lower_sv(first.substr(0, std::min<std::size_t>(first.size(), 1500)));
  std::string head = title + "\n" + util::lower_sv(first.substr(0, std::min<std::size_t>(first.size(), 600)));
  // An e-mail is one whatever it is about (a protokoll, an avtal): known
  // by its format when it was read as one (extract/mail.cc), by its
  // header lines when it was printed into a PDF ("Från: ... Skickat:").
  if (doc.format == "eml") return RecordType::kEmail;
  static const Regex kMail("(?m)^(?:från|from):.*\\n(?:.*\\n){0,3}?(?:skickat|sent|datum|date):", true);
  if (!kMail.find_all(head).empty()) return RecordType::kEmail;
  // Front matter that says what the record is: "typ: protokoll", by its
  // key. Any other word is kOther: before RecordType such a word ("typ:
  // anteckning") was stored as it was written, but the typ: filter has
  // always refused words outside the table, so no search found the record
  // by it; it is now filed, shown and found as "other".
  static const Regex kFrontType("(?m)^(?:typ|type):\\s*['\"]?([\\p{L}-]+)");
  for (const Match& m : kFrontType.find_all(front_matter(first)))
    return record_type_from_key(util::lower_sv(m.groups[1])).value_or(RecordType::kOther);
  // The kinds of authorities and courts, by the lines their records open
  // with. Before the municipal words: a proposition about an "avtal"
  // (prop. 1999/2000:17) is a proposition.
  // A court's ruling: "HÖGSTA DOMSTOLENS" / "DOM", "SVEA HOVRÄTTS BESLUT",
  // "FÖRVALTNINGSRÄTTEN I STOCKHOLM" / "DOM".
  static const Regex kCourt("(?m)^[^\\n]*(?:DOMSTOL|RÄTT)\\S*[ \\t]*\\n?[ \\t]*(DOM|BESLUT)\\b", false);
  {
    std::string_view top_raw = first.substr(0, std::min<std::size_t>(first.size(), 600));
    auto ms = kCourt.find_all(top_raw);
    if (!ms.empty()) return ms[0].groups[1] == "DOM" ? RecordType::kJudgment : RecordType::kDecision;
  }
  static const Regex kDirective("(?m)^\\s*(?:kommittédirektiv|tilläggsdirektiv)\\b");
  if (!kDirective.find_all(head).empty() || title.rfind("dir. ", 0) == 0) return RecordType::kDirective;
  static const Regex kProp("(?m)^\\s*regeringens proposition\\b");
  if (!kProp.find_all(head).empty() || meta_title.rfind("prop", 0) == 0) return RecordType::kBill;
  static const Regex kDs("(?m)^(?:\\d+\\s+)?ds \\d{4}:\\d+(?:\\s+\\d+)?$");
  if (meta_title.rfind("ds ", 0) == 0 || !kDs.find_all(util::lower_sv(doc.text.substr(0, std::min<std::size_t>(doc.text.size(), 3000)))).empty())
    return RecordType::kDs;
  static const Regex kSou("(?m)^(?:\\d+\\s+)?sou \\d{4}:\\d+(?:\\s+\\d+)?$|^statens offentliga utredningar$");
  if (meta_title.rfind("sou ", 0) == 0 || !kSou.find_all(top).empty()) return RecordType::kSou;
  static const Regex kResponse("(?m)^\\s*remissvar\\b");
  if (!kResponse.find_all(head).empty() || !kResponse.find_all(top).empty()) return RecordType::kConsultationResponse;
  // A författning: a series masthead ("Boverkets författningssamling",
  // "Svensk författningssamling") or a föreskrift's title. Allmänna råd
  // alone are their own kind; "föreskrifter och allmänna råd" are
  // föreskrifter.
  static const Regex kAdvice("(?m)^\\s*(?:\\p{L}+s\\s)?allmänna råd\\b|^\\s*(?:\\p{L}+s\\s)?allmänt råd\\b");
  static const Regex kRegulation(
      "^\\s*(?:\\p{L}+s\\s(?:[\\p{L}-]+\\s){0,2})?(?:föreskrift(?:er)?|förordning(?:en)?|lag)\\b|^\\s*\\p{L}+förordning$");
  static const Regex kMasthead("(?m)^[^\\n]{0,45}(?:författningssamling|författnings-\\s*\\n\\s*samling)\\s*$");
  const bool statute = !kRegulation.find_all(title).empty() || !kMasthead.find_all(top).empty();
  if (!kAdvice.find_all(title).empty() && title.find("föreskrifter och allmänna råd") == std::string::npos)
    return RecordType::kGuidance;
  if (statute) return RecordType::kRegulation;
  // The file name, for a record whose text does not say (a scan, a web
  // page's text): "prop-1991-92-43_scanned.pdf",
  // "RA-FS-2004_2_scanned.pdf".
  static const Regex kNameKind("(?:^|[_-])(prop|dir|ds|sou|skr|lagradsremiss|pressmeddelande|remiss)[._-]");
  for (const Match& m : kNameKind.find_all(name)) {
    const std::string& k = m.groups[1];
    if (k == "prop") return RecordType::kBill;
    if (k == "dir") return RecordType::kDirective;
    if (k == "ds") return RecordType::kDs;
    if (k == "sou") return RecordType::kSou;
    if (k == "skr") return RecordType::kLetter;
    if (k == "lagradsremiss") return RecordType::kLawCouncilReferral;
    if (k == "pressmeddelande") return RecordType::kPressRelease;
    if (k == "remiss") return RecordType::kReferral;
  }
  // Most specific first: a protokollsutdrag is also a protokoll.
  static const std::pair<const char*, RecordType> kWords[] = {
      {"protokollsutdrag", RecordType::kMinutesExtract}, {"protokoll", RecordType::kMinutes},
      {"tjänsteskrivelse", RecordType::kMemo},           {"uppföljning", RecordType::kFollowUp},
      {"avtal", RecordType::kAgreement},                 {"överenskommelse", RecordType::kAgreement},
      {"avsiktsförklaring", RecordType::kAgreement},     {"beslut", RecordType::kDecision},
      {"rapport", RecordType::kReport},                  {"skrivelse", RecordType::kLetter},
      {"yttrande", RecordType::kLetter},
  };
  // A kind word opening page 1 names the kind: "Tjänsteskrivelse" over
  // "Datum: 2018-11-02" and "Förslag om förlängning av avtalet med Zhuhai".
  {
    std::size_t b = first.find_first_not_of(" \n");
    std::string line = b == std::string_view::npos ? "" : util::lower_sv(first.substr(b, first.find('\n', b) - b));
    for (const auto& [word, type] : kWords)
      if (line.rfind(word, 0) == 0) return type;
  }
  // In the title, the kind named first is the record's: "Underlag för
  // beslut om förlängning av partnerskapsavtalet" is about a decision, not
  // an agreement; "Partnerskapsavtal mellan Gävle kommun och Zhuhai" is one.
  std::size_t best = std::string::npos;
  std::optional<RecordType> best_type;
  for (const auto& [word, type] : kWords) {
    std::size_t at = title.find(word);
    if (at < best) best = at, best_type = type;
  }
  if (best_type) return *best_type;
  for (const auto& [word, type] : kWords)
    if (head.find(word) != std::string::npos || name.find(word) != std::string::npos) return type;
  // A scanned författning: "RA-FS-2004_2_scanned.pdf".
  static const Regex kStatuteName("fs[-_ ]\\d{4}");
  if (!kStatuteName.find_all(name).empty()) return RecordType::kRegulation;
  return RecordType::kOther;
}

namespace {

// "Dnr KS 2020/0123", "Dnr: 2019-000123", "KS-2015-456", "KS 2015/456":
// an optional unit code, a year and a serial number. Unit codes are upper
// case (the pattern is case-sensitive but for the word "dnr"), so "Kina
// 2016-2020" is no case; without "Dnr", a bare form needs "/" or the
// "KS-2015-456" spelling, so "EU 2015-16" is none either.
// The written forms of a case number, one alternative each; the groups
// of each are read by case_number_of() (its kCase* first group).
//   1-3    "Dnr KS 2020/0123", "Dnr: 2019-000123": after a label
//   4-6    "KS 2015/456", "SBN 2019.123": a unit, a space, year, serial
//   7-9    "KS-2015-0456"
//   10-12  "(AB2026/00123)", "Fi2019/01234/S3": the unit glued to the year
//          (Regeringskansliet's departments, "Fi", "Ju", "UD", and agencies)
//   13     "Dnr 3.1-4788-2026": a plan code, a serial and the year last
//          (Kammarkollegiet), kept as written
//   14-16  "Mål nr B 1234-19", "mål nr 1234-19": a court's case, after "mål"
//   17-19  "T 170-08", "B1234-19": a court's case by its letter codes
const Regex& case_number_pattern() {
  static const Regex kRe(
      "\\b(?i:dnr|diarienummer|diarienr|ärendenummer)\\.?:?\\s*([A-ZÅÄÖ]{1,6})?[\\s-]?((?:19|20)\\d{2})[/-](\\d{1,6})\\b"
      "|\\b([A-ZÅÄÖ]{2,6}) ((?:19|20)\\d{2})[/.](\\d{1,6})\\b(?![/:.-]\\d)"
      "|\\b([A-ZÅÄÖ]{2,6})-((?:19|20)\\d{2})-(\\d{1,6})\\b(?![/:.-]\\d)"
      "|\\b([A-ZÅÄÖ][a-zåäö]?[A-ZÅÄÖ]{0,4})((?:19|20)\\d{2})/(\\d{1,6})\\b(?![/:.-]\\d)"
      "|\\b(?i:dnr|diarienummer|diarienr|ärendenummer)\\.?:?\\s*(\\d{1,3}(?:\\.\\d{1,3})*-\\d{1,6}-(?:19|20)\\d{2})\\b(?![/:.-]\\d)"
      "|\\b(?i:mål)(?:\\s*(?i:nr|nummer)\\.?)?:?\\s*(?:([A-ZÅÄÖ]{1,3})\\s?)?(\\d{1,6})-(\\d{2})\\b(?![/:.-]\\d)"
      "|\\b(B|T|Ö|M|P|UM|PMT|PMÖ)\\s?(\\d{1,6})-(\\d{2})\\b(?![/:.-]\\d)",
      false);
  return kRe;
}

std::string canonical_case(const std::string& unit, const std::string& year, const std::string& serial) {
  std::string out = unit.empty() ? "" : util::upper_sv(unit) + " ";
  return out + year + "/" + strip_zeros(serial);
}

// "B 1234-19": a court's letter code (if any), the serial, the year's two
// digits.
std::string canonical_court_case(const std::string& letters, const std::string& serial, const std::string& yy) {
  return (letters.empty() ? "" : util::upper_sv(letters) + " ") + strip_zeros(serial) + "-" + yy;
}

// The normalized form of a match of case_number_pattern(), by the
// alternative that matched.
std::string case_number_of(const std::vector<std::string>& g) {
  for (const std::size_t first : {1u, 4u, 7u, 10u})
    if (!g[first + 1].empty()) return canonical_case(g[first], g[first + 1], g[first + 2]);
  if (!g[13].empty()) return g[13];
  if (!g[15].empty()) return canonical_court_case(g[14], g[15], g[16]);
  if (!g[18].empty()) return canonical_court_case(g[17], g[18], g[19]);
  return {};
}

// Where case numbers may be: every form holds a year followed by a
// separator and a digit ("2015/", "2019-0", "2019.1"), a year last after a
// serial ("-4788-2026"), or a court's serial and two-digit year ("1234-19").
// A match begins at most 7 units before its year (a unit code and a
// separator), or, after "Dnr" or "Mål nr", before the white space that
// follows it, which may be any length (a letterhead sets "Dnr:" and the
// number apart with tabs), and at most 14 units before that
// ("ärendenummer.:"). It ends at most 7 units after the year ("/" and six
// digits).
std::vector<std::pair<int32_t, int32_t>> case_number_windows(const icu::UnicodeString& utf16) {
  std::vector<std::pair<int32_t, int32_t>> out;
  const char16_t* u = utf16.getBuffer();
  const int32_t n = utf16.length();
  auto digit = [&](int32_t i) { return i >= 0 && i < n && is_digit_unit(u[i]); };
  auto add = [&](int32_t start, int32_t back, int32_t e) {
    int32_t b = std::max(0, start - back);
    while (b > 0 && u_isUWhiteSpace(utf16.char32At(b - 1))) b = utf16.getChar32Start(b - 1);
    b = std::max(0, b - 14);
    e = std::min(n, e);
    if (!out.empty() && b <= out.back().second) {
      out.back().second = std::max(out.back().second, e);
    } else {
      out.emplace_back(b, e);
    }
  };
  for (int32_t i = 0; i + 4 <= n; ++i) {
    const bool year = ((u[i] == '1' && u[i + 1] == '9') || (u[i] == '2' && u[i + 1] == '0')) && digit(i + 2) &&
                      digit(i + 3) && !digit(i - 1);
    if (year && i + 5 < n && (u[i + 4] == '/' || u[i + 4] == '-' || u[i + 4] == '.') && digit(i + 5)) {
      add(i, 7, i + 11);
    } else if (year && i >= 2 && u[i - 1] == '-' && digit(i - 2) && !digit(i + 4)) {
      add(i, 20, i + 4);  // "3.1-4788-2026"
    } else if (digit(i) && u[i + 1] == '-' && digit(i + 2) && digit(i + 3) && !digit(i + 4) &&
               (i + 4 >= n || (u[i + 4] != '-' && u[i + 4] != '/'))) {
      add(i, 10, i + 4);  // "1234-19"
    }
  }
  return out;
}

}  // namespace

std::vector<CaseNumber> find_case_numbers(std::string_view text) { return find_case_numbers(Subject(text)); }

std::vector<CaseNumber> find_case_numbers(const Subject& subject) {
  std::vector<CaseNumber> out;
  // Windows, not the whole text: most of a record holds no year followed
  // by "/" or "-", and the pattern's three alternatives tried at every
  // character cost as much as the dates.
  for (const Match& m : case_number_pattern().find_all(subject, case_number_windows(subject.utf16()))) {
    CaseNumber c;
    c.begin = m.begin;
    c.end = m.end;
    c.surface = m.groups[0];
    c.normalized = case_number_of(m.groups);
    if (!c.normalized.empty()) out.push_back(std::move(c));
  }
  return out;
}

std::string normalize_case_number(std::string_view s) {
  // As typed in a query: the unit in any case, glued or not, any
  // separator; a department's unit suffix ("/S3") left out.
  static const Regex kQuery(
      "^\\s*(?:dnr\\.?:?\\s*)?([A-Za-zÅÄÖåäö]{1,6})?[\\s-]?((?:19|20)\\d{2})[/.-](\\d{1,6})(?:/[A-Za-z]\\w{0,5})?\\s*$");
  if (auto ms = kQuery.find_all(s); !ms.empty()) return canonical_case(ms[0].groups[1], ms[0].groups[2], ms[0].groups[3]);
  static const Regex kPlan("^\\s*(?:dnr\\.?:?\\s*)?(\\d{1,3}(?:\\.\\d{1,3})*-\\d{1,6}-(?:19|20)\\d{2})\\s*$");
  if (auto ms = kPlan.find_all(s); !ms.empty()) return ms[0].groups[1];
  static const Regex kCourt("^\\s*(?:mål\\s*(?:nr|nummer)?\\.?:?\\s*)?(?:([A-Za-zÅÄÖåäö]{1,3})\\s?)?(\\d{1,6})-(\\d{2})\\s*$");
  if (auto ms = kCourt.find_all(s); !ms.empty()) return canonical_court_case(ms[0].groups[1], ms[0].groups[2], ms[0].groups[3]);
  return {};
}

std::vector<Reference> find_references(std::string_view text) { return find_references(Subject(text)); }

std::vector<Reference> find_references(const Subject& subject) {
  // Each pattern needs its literal: `cased`, as written; otherwise in any
  // ASCII case (the pattern is case-insensitive; see may_hold).
  struct Kind {
    const char* kind;
    Regex re;
    std::vector<std::string_view> literals;
    bool cased;
  };
  static const std::vector<Kind> kKinds = [] {
    std::vector<Kind> v;
    v.push_back({"sou", Regex("\\bSOU\\s+((?:19|20)\\d{2}):(\\d{1,3})\\b", false), {"SOU"}, true});
    v.push_back({"ds", Regex("\\bDs\\s+((?:19|20)\\d{2}):(\\d{1,3})\\b", false), {"Ds"}, true});
    v.push_back({"sfs", Regex("\\b(?:SFS\\s+)((?:18|19|20)\\d{2}):(\\d{1,4})\\b", false), {"SFS"}, true});
    // A riksmöte is "2019/20", and the one of the turn of the millennium
    // "1999/2000": prop. 1999/2000:17, in ../shared, cites itself that way.
    v.push_back({"prop", Regex("\\bprop\\.\\s*((?:19|20)\\d{2}/(?:\\d{2}|2000)):(\\d{1,3})\\b"), {"prop."}, false});
    v.push_back({"skr", Regex("\\bskr\\.\\s*((?:19|20)\\d{2}/(?:\\d{2}|2000)):(\\d{1,3})\\b"), {"skr."}, false});
    v.push_back({"dir", Regex("\\bdir\\.\\s*((?:19|20)\\d{2}):(\\d{1,3})\\b"), {"dir."}, false});
    v.push_back({"url", Regex("(?:https?://|www\\.)[^\\s\"<>)]+[^\\s\"<>).,;:]"), {"://", "www."}, false});
    return v;
  }();
  static const char* kLabel[] = {"SOU ", "Ds ", "SFS ", "prop. ", "skr. ", "dir. "};
  // Seven passes of ICU's matcher over every record's text were a seventh
  // of the analysis; most records hold none of the literals, and a search
  // for a literal is a memchr. Case-insensitive matching also folds the
  // long s "ſ" to "s" and the Kelvin sign to "k", so a text holding either
  // runs every pattern.
  const std::string_view text = subject.text();
  const bool odd_folds = text.find("\u017F") != std::string_view::npos || text.find("\u212A") != std::string_view::npos;
  std::string lower;
  auto may_hold = [&](const Kind& k) {
    if (!k.cased && odd_folds) return true;
    if (!k.cased && lower.empty()) lower = util::ascii_lower(text);
    const std::string_view in = k.cased ? text : std::string_view(lower);
    return std::any_of(k.literals.begin(), k.literals.end(),
                       [&](std::string_view l) { return in.find(l) != std::string_view::npos; });
  };
  std::vector<Reference> out;
  for (std::size_t k = 0; k < kKinds.size(); ++k) {
    if (!may_hold(kKinds[k])) continue;
    for (const Match& m : kKinds[k].re.find_all(subject)) {
      Reference r;
      r.begin = m.begin;
      r.end = m.end;
      r.surface = m.groups[0];
      r.kind = kKinds[k].kind;
      r.normalized = r.kind == "url" ? m.groups[0] : std::string(kLabel[k]) + m.groups[1] + ":" + m.groups[2];
      out.push_back(std::move(r));
    }
  }
  std::sort(out.begin(), out.end(), [](const Reference& a, const Reference& b) { return a.begin < b.begin; });
  return out;
}

std::string sentence_at(std::string_view text, std::size_t at, std::size_t* at_in_sentence) {
  UErrorCode status = U_ZERO_ERROR;
  // Work on a window around the offset: sentences are short, pages long.
  std::size_t wb = at > 600 ? at - 600 : 0;
  std::size_t we = std::min(text.size(), at + 600);
  // Whole words at the window's edges: a sentence longer than the window
  // would otherwise be quoted from mid-word ("ttsdatasystem (dnr Ju").
  auto blank = [&](std::size_t i) { return text[i] == ' ' || text[i] == '\n' || text[i] == '\f'; };
  while (wb > 0 && !blank(wb - 1)) --wb;
  while (we < text.size() && !blank(we)) ++we;
  std::string window(text.substr(wb, we - wb));
  // Line breaks inside a sentence are layout: "Gävle kommun har sedan 2010
  // ett partnerskapsavtal med Zhuhai i Kina (bilaga 1, samt underlag\n
  // beslut förlängning 2015". ICU ends a sentence at every line feed, so
  // those become spaces; blank lines, page breaks and the breaks around a
  // short line (a heading such as "Bakgrund") stay.
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < window.size(); ++i) {
    if (window[i] == '\f') window[i] = '\n';
    if (window[i] != '\n') continue;
    bool blank_next = i + 1 < window.size() && (window[i + 1] == '\n' || window[i + 1] == '\f');
    bool blank_prev = i == line_start;
    char last = i > 0 ? window[i - 1] : ' ';
    std::size_t next_end = window.find('\n', i + 1);
    if (next_end == std::string::npos) next_end = window.size();
    bool heading = (i - line_start < 40 && last != ',' && last != '(' && last != '-') ||
                   (next_end - i - 1 < 40 && next_end < window.size());
    if (!blank_next && !blank_prev && !heading) window[i] = ' ';
    line_start = i + 1;
  }
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(window);
  // Map the byte offset to a UTF-16 index in the window.
  int32_t target = icu::UnicodeString::fromUTF8(window.substr(0, at - wb)).length();
  std::unique_ptr<icu::BreakIterator> bi(icu::BreakIterator::createSentenceInstance(icu::Locale("sv", "SE"), status));
  if (U_FAILURE(status)) return {};
  bi->setText(u);
  int32_t end = bi->following(target);
  int32_t start = bi->previous();
  if (end == icu::BreakIterator::DONE) end = u.length();
  if (start == icu::BreakIterator::DONE) start = 0;
  std::string out;
  u.tempSubStringBetween(start, end).toUTF8String(out);
  std::size_t b = out.find_first_not_of(" \n");
  std::size_t e = out.find_last_not_of(" \n");
  if (b == std::string::npos) return {};
  if (at_in_sentence) {
    // Line breaks became spaces one for one, so byte counts still hold.
    std::string before;
    u.tempSubStringBetween(start, std::max(start, target)).toUTF8String(before);
    *at_in_sentence = before.size() > b ? before.size() - b : 0;
  }
  return out.substr(b, e - b + 1);
}

AnalyzedDoc analyze(const NormalizedDoc& doc) { return analyze(doc, std::chrono::steady_clock::time_point::max()); }

AnalyzedDoc analyze(const NormalizedDoc& doc, std::chrono::steady_clock::time_point deadline) {
  AnalyzedDoc a;
  // Before each step: false, with the diagnostic, once the deadline has
  // passed (and for every step after that one).
  auto in_time = [&](const char* step) {
    if (!a.diagnostics.empty()) return false;
    if (std::chrono::steady_clock::now() < deadline) return true;
    a.diagnostics.push_back({DiagKind::kAnalysisStopped,
                             std::string("analysis stopped at the file's time limit before finding ") + step +
                                 " (" + std::to_string(doc.text.size()) + " bytes of text)",
                             0});
    return false;
  };
  if (in_time("the record's date")) {
    auto [date, rule] = record_date(doc);
    a.record_date = date;
    a.record_date_rule = rule;
  }
  if (in_time("the record's type")) a.type = record_type(doc);
  // First of the finders over the whole text: a subject access request
  // looks for the record by these, so a slow record should still have them.
  if (in_time("personal identity numbers"))
    a.personal_numbers = find_personal_numbers(doc.text, personal_data_year(a.record_date));
  if (!in_time("dates")) return a;
  const Subject subject(doc.text);
  a.dates = find_dates(subject, a.record_date);
  if (in_time("case numbers")) a.case_numbers = find_case_numbers(subject);
  if (in_time("references")) a.references = find_references(subject);
  if (in_time("actors")) {
    a.actors = actors::find(doc.text);
    // Named as an organisation ("Gävle kommun", "GÄVLE KOMMUN", "Region
    // Skåne"), not as a place: "Förvaltningsrätten i Stockholm" is no
    // record of Stockholms stad.
    auto as_organisation = [](std::string s) {
      for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      for (const char* w : {"kommun", "stad", "region", "landsting"})
        if (s.find(w) != std::string::npos) return true;
      return false;
    };
    for (const ActorMention& m : a.actors.mentions) {
      if (doc.page_at(m.begin) != 1) break;
      const auto actor = std::find_if(a.actors.actors.begin(), a.actors.actors.end(),
                                      [&](const Actor& x) { return x.id == m.actor_id; });
      if (actor != a.actors.actors.end() && (actor->type == ActorType::kKommun || actor->type == ActorType::kRegion) &&
          as_organisation(m.surface)) {
        a.organisation = actor->id;
        break;
      }
    }
  }
  if (in_time("acronyms")) a.acronyms = find_acronyms(doc.text);
  if (!in_time("attachments")) return a;
  const std::string& name = doc.source.member.empty() ? doc.source.path : doc.source.member;
  a.attachment_number = attachment_number(name, doc.text);
  // A scan has no text to say it, but its metadata title may:
  // "2008/09:5, Bättre genomförande av EG:s byggplatsdirektiv, bilaga 1".
  if (a.attachment_number == 0) {
    static const Regex kTitle("(?:^|[,;:–-]\\s*)bilaga\\s+(\\d{1,2})\\s*$");
    auto ms = kTitle.find_all(doc.meta.title);
    if (!ms.empty()) a.attachment_number = std::stoi(ms[0].groups[1]);
  }
  for (int n : find_attachment_refs(subject))
    if (n != a.attachment_number) a.attachment_refs.push_back(n);
  for (const PageSpan& span : doc.pages)
    if (span.number > 1)
      if (int n = attachment_heading(doc.page_text(span.number)); n > 0 && n != a.attachment_number &&
          std::none_of(a.attachment_pages.begin(), a.attachment_pages.end(),
                       [n](const AttachmentPage& p) { return p.number == n; }))
        a.attachment_pages.push_back({n, span.number});  // where it starts
  // The keys of its file name and its first lines (about the first page's
  // head, where a regulation prints its own number and a bilaga names its
  // regulation), and of its metadata title.
  std::string head = name.substr(name.rfind('/') == std::string::npos ? 0 : name.rfind('/') + 1);
  head += "\n" + doc.meta.title + "\n";
  std::string_view first = doc.page_text(1);
  std::size_t cut = 0;
  for (int line = 0; line < 12 && cut < first.size(); ++line) {
    std::size_t eol = first.find('\n', cut);
    cut = eol == std::string_view::npos ? first.size() : eol + 1;
  }
  head += std::string(first.substr(0, std::min<std::size_t>(cut, 1500)));
  a.link_keys = attachment_link_keys(head);
  return a;
}

}  // namespace arkiv::analyze
