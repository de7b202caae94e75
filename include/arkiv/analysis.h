// What analysis finds in a record's normalized text: dated expressions,
// the record's own date and type, case numbers (diarienummer) and
// references to other documents. Offsets are byte offsets into
// NormalizedDoc::text, so every finding can cite its page.
#pragma once

#include "arkiv/actors.h"
#include "arkiv/personal_data.h"
#include "arkiv/record.h"
#include "arkiv/record_type.h"

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace arkiv {

// How exact a date expression is.
enum class DatePrecision { kDay, kMonth, kSeason, kYear, kPeriod, kDecade };

// Stable lower-case key: "day", "month", "season", "year", "period",
// "decade". DO NOT CHANGE: stored in the index and printed in --json.
const char* precision_key(DatePrecision p);

struct DateMention {
  std::size_t begin = 0;  // byte offsets of the expression in the text
  std::size_t end = 0;
  std::string surface;    // the expression as written: "våren 2017"
  std::string start;      // first day covered, "YYYY-MM-DD"; empty if unresolved
  std::string end_date;   // last day covered, "YYYY-MM-DD"; empty if open or unresolved
  DatePrecision precision = DatePrecision::kYear;
  // False for a relative expression ("i år", "förra året") in a record
  // without a date of its own to resolve it against.
  bool resolved = true;
};

// A diarienummer: "Dnr KS 2020/0123", "KS-2015-456", "Dnr: 2019-000123".
struct CaseNumber {
  std::size_t begin = 0, end = 0;
  std::string surface;
  std::string normalized;  // "KS 2020/123", "2019/123"
};

// A reference to another public document.
struct Reference {
  std::size_t begin = 0, end = 0;
  std::string surface;
  std::string kind;        // "sou", "ds", "prop", "skr", "dir", "sfs", "url"
  std::string normalized;  // "skr. 2019/20:18", "SFS 2009:400", the URL
};

// Where a record names an acronym or the long form it stands for
// ("personuppgiftslagen" for PUL): its own definitions and the shared
// list of data/acronyms/acronyms.tsv (analyze/acronyms.h).
struct AcronymMention {
  std::size_t begin = 0, end = 0;  // bytes of what is written
  std::string acronym;             // the acronym it stands for, as the definition or the list writes it: "PUL"
  std::string rule;                // "definition", "list"
  std::string long_form;           // a definition's long form, lower case, on one line; empty for the list's
};

// A bilaga printed inside its record: number N starts on page `page`.
struct AttachmentPage {
  int number = 0;
  int page = 0;
};

// Everything analysis says about one record.
struct AnalyzedDoc {
  std::string record_date;       // "YYYY-MM-DD", empty if none was found
  // Which rule won: "front-matter", "decided", "date-line", "signed",
  // "published", "header", "file-name", "metadata", or "sent" for an
  // e-mail, dated by its Date header (see record_date()).
  std::string record_date_rule;
  // The record's own kind: protokollsutdrag, protokoll, tjänsteskrivelse,
  // beslut, avtal, uppföljning, rapport, skrivelse, e-post; föreskrift,
  // allmänna råd, kommittédirektiv, proposition, ds, sou, dom, remissvar;
  // or other. An attachment has its own kind too: being a bilaga is its
  // role (the index also files it under typ:bilaga).
  RecordType type = RecordType::kOther;
  std::vector<DateMention> dates;
  std::vector<CaseNumber> case_numbers;
  std::vector<Reference> references;
  ActorFindings actors;  // actors::find() over the whole text
  // The kommun or region the record comes from: the first of them its
  // first page names (the letterhead: "Gävle kommun", "Region Skåne"), as
  // an actor id; empty when the first page names none. It scopes the
  // record's case numbers: "KS 2020/123" in Gävle's and in Kungsbacka's
  // protocols are two cases.
  std::string organisation;
  // Acronyms and their long forms, in text order (analyze/acronyms.h).
  std::vector<AcronymMention> acronyms;
  // The record as an attachment: its own number ("Bilaga 2 ..."), 0 if it
  // is none; and the attachments it refers to ("bilaga 1", "bilagorna
  // 2-3"), ascending, its own number left out.
  int attachment_number = 0;
  std::vector<int> attachment_refs;
  // Its own bilagor printed inside it: a later page that opens with a
  // "Bilaga 2" heading (AFFS 2008:8 prints bilagor 1-2 as its pages 3-4).
  std::vector<AttachmentPage> attachment_pages;
  // What ties it to its bilaga files or its decision in a folder of
  // unrelated records: the series and case numbers its file name and first
  // lines name ("fs:livsfs/2006/22", "dnr:KS 2015/123"); see
  // attachment_link_keys().
  std::vector<std::string> link_keys;
  // The personal identity numbers in the text (arkiv/personal_data.h), in
  // text order, their centuries placed by the record's year (its record
  // date's, else the current year's).
  std::vector<PersonalNumber> personal_numbers;
  // Warnings about the analysis itself: kAnalysisStopped when it passed
  // its deadline (see analyze()).
  std::vector<Diagnostic> diagnostics;
};

namespace analyze {

// Runs the whole analysis chain over a normalized record.
AnalyzedDoc analyze(const NormalizedDoc& doc);

// The same, stopping at `deadline`: it is checked before each step (the
// record's date and type, personal numbers, dates, case numbers,
// references, actors, acronyms, attachments), and once it has passed the steps left
// are not run, their findings empty, and AnalyzedDoc::diagnostics says
// where it stopped (kAnalysisStopped). Each step is linear in the text, so
// a record of bounded text (IndexOptions::max_record_text_bytes) stops
// within one step of its deadline.
AnalyzedDoc analyze(const NormalizedDoc& doc, std::chrono::steady_clock::time_point deadline);

// The record's own date and the rule that found it, the first that finds
// one: "front-matter" (a Markdown record's "datum:"/"date:"), "decided"
// (a line "beslutade den 15 januari 1987", "utfärdad den ...", "Beslut vid
// regeringssammanträde den ...", "meddelad i Stockholm den ..."),
// "date-line" ("Datum: 2021-11-04", "Sammanträdesdatum ..."), "signed"
// ("Stockholm den 14 oktober 1999"), "published" ("Utkom från trycket den
// ..."), "header" (a full date in the first lines of page 1, before a
// "Förord"), "file-name", "metadata" (the PDF's creation date, an e-mail's
// Date header).
std::pair<std::string, std::string> record_date(const NormalizedDoc& doc);

// The record's type (see AnalyzedDoc::type) from its front matter, title,
// first lines and file name.
RecordType record_type(const NormalizedDoc& doc);

// Diarienummer in a text, and the canonical form of one as a user types it
// (used the same way on the query side: dnr:KS-2015-0456 finds
// "Dnr KS 2015/456"). Returns an empty string if `s` is not a case number.
std::vector<CaseNumber> find_case_numbers(std::string_view text);
std::string normalize_case_number(std::string_view s);

// SOU, Ds, prop., skr., dir. and SFS numbers and URLs.
std::vector<Reference> find_references(std::string_view text);

// Numbers of the attachments a text refers to: "bilaga 1", "(bilaga 1,
// samt ... bilaga 2)", "bilagorna 2-3", "bilagor 1, 2 och 4", "bil. 3".
// Ascending, distinct.
std::vector<int> find_attachment_refs(std::string_view text);

// A record's own attachment number, from its file (or member) name
// ("Bilaga 1 avtal.pdf", "Bil. 2 underlag.docx", "bilaga_3_sammanstallning.txt",
// "Bilaga 4 till KS 2015-123.pdf") or else the first line of its text
// ("Bilaga 2"); 0 if none.
int attachment_number(std::string_view name, std::string_view text);

// The number of the bilaga a page opens with: "Bilaga 2", "BILAGA 3",
// "Bilaga 1: Formulär", "Bilaga 4 till ...", also below a running header
// of a page number or a series number ("FFFS 2011:39", "7"); 0 if none. A
// table-of-contents line ("Bilaga 1: Ämnen med förbud ... 17") and a
// sentence ("Bilaga 2 innehåller ...") are no heading.
int attachment_heading(std::string_view page_text);

// The keys that tie a bilaga file to its record: series numbers of
// författningssamlingar and public documents ("LIVSFS 2006:22",
// "LIVSFS-2006_22" in a file name, "RA-FS 2004:2", "Ds 1998:10", "prop.
// 2008/09:5") as "fs:livsfs/2006/22", and diarienummer as "dnr:<canonical>".
// Run over a file name and a record's first lines. Sorted, distinct.
std::vector<std::string> attachment_link_keys(std::string_view text);

// One side of a folder link, as stored with a record.
struct LinkSide {
  std::string path;                   // file on disk
  std::vector<std::string> keys;      // attachment_link_keys() of its name and first lines
  bool refers = true;                 // a main record: it refers to the bilaga's number
  std::string sha256;                 // content; copies of one record count as one
};

// True if `bilaga`'s file name extends `main`'s file-name stem with an
// attachment suffix: "rinfo_LIVSFS-2006_22bil1.pdf" and
// "prop-2008-09-5_bilaga_scanned.PDF" to "rinfo_LIVSFS-2006_22.pdf" and
// "prop-2008-09-5.pdf" (not "EMFS-2011_39" to "EMFS-2011_3").
bool attachment_stem_tie(std::string_view bilaga_path, std::string_view main_path);

// Which of `mains` (the records in the bilaga's folder that are no
// attachments, `refers` set on those that refer to its number) a bilaga
// file belongs to: the first whose file-name stem it extends
// ("prop-2008-09-5_bilaga_scanned.PDF", referred to or not); else the first
// referring one that shares a key with it ("Bilaga 1 ... LIVSFS 2006:22");
// else the referring one when exactly one refers (a case folder: one
// decision and its bilagor; copies of it, same sha256, count as one); else
// none. Returns the index into `mains`, or
// -1.
int choose_attachment_parent(const LinkSide& bilaga, const std::vector<LinkSide>& mains);

// The sentence around byte offset `at` (ICU sentence breaks, Swedish),
// on one line. If `at_in_sentence` is given, it receives where `at` falls
// in the returned sentence, so a caller can highlight what it found there.
std::string sentence_at(std::string_view text, std::size_t at, std::size_t* at_in_sentence = nullptr);

// Finds Swedish date expressions: ISO dates, "15 mars 2019", "den 3 juni
// 2020", "juni 2020", "våren 2017", "2016-2020", "2015-16", "sedan 2010",
// "under 2019", a bare year, "mitten av 2000-talet", "i slutet av
// 1990-talet", and the relative "i år", "förra året", "nästa år" (resolved
// against `reference_date`, "YYYY-MM-DD", when given). Numbers inside URLs,
// diarienummer ("KS 2015/456") and document numbers ("2019/20:18") are not
// dates. Mentions are ordered by position and never overlap.
std::vector<DateMention> find_dates(std::string_view text, std::string_view reference_date = {});

}  // namespace analyze
}  // namespace arkiv
