// Swedish personal identity numbers in text: personnummer, samordningsnummer
// (coordination numbers: day of birth + 60) and interim numbers (a letter in
// place of the first of the last four digits, used in health care before a
// person has a number). An archive must find them (a subject access request,
// a record that must be masked before it is handed out) and must not show
// them by default.
//
// Written forms found: "YYMMDD-NNNN", "YYMMDD+NNNN" (the "+" of a person
// 100 or older), "YYMMDDNNNN", "YYYYMMDD-NNNN", "YYYYMMDDNNNN"; a number
// counts only when its date is a real date (or real + 60) and its check
// digit is right (the Luhn sum of the ten digits), and when it stands
// alone: not inside a longer run of digits or letters. Organisationsnummer
// share the shape and the check digit but have a month of 20 or more
// ("802005-1952"), so they are never taken for a person; nor is a number
// written with a blank inside ("090527 1474").
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace arkiv {

enum class PersonalNumberKind {
  kPersonnummer,
  kSamordningsnummer,
  kInterim,
};

// Stable, lower-case English key: "personnummer", "samordningsnummer",
// "interim". In --json and in the index; DO NOT CHANGE.
const char* personal_number_key(PersonalNumberKind kind);

struct PersonalNumber {
  PersonalNumberKind kind = PersonalNumberKind::kPersonnummer;
  std::size_t begin = 0, end = 0;  // byte offsets of the number as written
  std::string normalized;          // "YYYYMMDDNNNN" (an interim's letter in upper case)
  std::string masked;              // "YYYYMMDD-XXXX": the date of birth, never the rest
};

// The personal identity numbers in `text`, in text order. A number
// written without its century ("YYMMDD") is placed in the hundred years up
// to `reference_year` (the year the record was written, or the current
// one), a hundred years earlier after a "+".
std::vector<PersonalNumber> find_personal_numbers(std::string_view text, int reference_year);

// `text` with every personal identity number replaced by its masked form.
std::string mask_personal_numbers(std::string_view text, int reference_year);

// Masks `text` in place (as mask_personal_numbers()) and moves the byte
// ranges [first, second) of it in `ranges` (a snippet's highlights) along:
// a bound outside a number shifts by what the masks before it added; a
// range that touches a number covers its mask whole, so a highlight never
// cuts a mask or shows part of a number.
void mask_personal_numbers(std::string& text, int reference_year,
                           std::vector<std::pair<std::size_t, std::size_t>>& ranges);

// The reference year for the numbers of a record dated `record_date`
// ("YYYY-MM-DD", or "" when it has no date): its year, never later than
// the current year; else the current year (UTC). The index side and every
// output that masks use it, so a number is read the same everywhere.
int personal_data_year(std::string_view record_date);

// `query` as one personal identity number in any written form, normalized
// ("YYYYMMDDNNNN"); empty if it is not one.
std::string normalize_personal_number(std::string_view query, int reference_year);

}  // namespace arkiv
