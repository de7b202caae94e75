// Acronyms beyond the actor gazetteer: the ones a record defines itself
// ("personuppgiftslagen (1998:204), förkortad PUL", "Finansinspektionen
// (hädanefter FI)", "Standard Generalized Markup Language (SGML)") and the
// laws every record may cite by acronym, from the shared list compiled in
// from data/acronyms/acronyms.tsv (PUL, LOU, OSL, GDPR, ...). The index
// side marks where a record names an acronym's long form or the acronym
// itself (AnalyzedDoc::acronyms, written as kPrefixAcronym terms); the
// query side ORs a typed acronym or long form with that term, so `PUL`
// also finds a record that only says "personuppgiftslagen", ranked below
// the records that say "PUL" (issue 22 item 5).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "arkiv/analysis.h"

namespace arkiv::analyze {

// An acronym a text defines, with the long form it stands for.
struct AcronymDefinition {
  std::size_t begin = 0, end = 0;  // bytes of the long form in the text
  std::string acronym;             // as written: "PUL", "SoL"
  std::string long_form;           // as written, on one line: "personuppgiftslagen"
  // What found it: "initials" (the long form's words spell the acronym:
  // "Name Of A Thing (NOAT)", "lagen (2007:1091) om offentlig upphandling
  // (LOU)") or "marker" (a word says so: "förkortad PUL", "(hädanefter
  // FI)", "(nedan kallad TF)").
  std::string rule;
};

// The definitions in `text`, in text order. An acronym is two to eight
// letters, starting with a capital, with at least two capitals ("PUL",
// "SoL", "ÄktB"); a single word before a marker is a long form only if it
// has four letters or more, and a name with no marker must spell the
// acronym by its words' initials (or letters in order, "personuppgifts-
// lagen" for PUL), function words and an SFS number "(1998:204)" skipped.
std::vector<AcronymDefinition> find_acronym_definitions(std::string_view text);

// Whether a defined long form names a thing (a law, a regulation, a
// language, a standard, a system) rather than a body: "Standard Generalized
// Markup Language", "lagen om offentlig upphandling",
// "personuppgiftslagen". Actor recognition makes no actor of such a
// definition (`arkiv actors` must not list SGML).
bool names_a_thing(std::string_view long_form);

// Where `text` names an acronym: the long forms of its own definitions
// (each with its long form in lower case, for the index's XACRDEF term),
// and the names, other forms and acronyms (as written, in their own case)
// of the shared list. In text order; offsets are bytes into `text`.
std::vector<AcronymMention> find_acronyms(std::string_view text);

// The term suffix of an acronym: lower case ("PUL" -> "pul").
std::string acronym_key(std::string_view acronym);

// The shared list's acronym a word typed in a query stands for: the
// acronym in its own case ("SoL"), or in lower case ("pul", "sol") when
// `lower_case_ok`; empty if none.
std::string listed_acronym(std::string_view typed, bool lower_case_ok);

// The long forms of the shared list in a run of a query's plain words
// ("lagen om offentlig upphandling"), with the acronym each stands for.
std::vector<AcronymMention> find_listed_long_forms(std::string_view query);

// A digest of the shared list compiled in (16 hex digits); part of the
// analysis stamp stored with each record (actors::gazetteer_version()).
const std::string& acronyms_version();

}  // namespace arkiv::analyze
