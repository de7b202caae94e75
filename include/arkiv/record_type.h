// The kinds of record arkiv tells apart (AnalyzedDoc::type). Inside the
// library a record's kind is a RecordType; it becomes a string only at the
// edge: its key on disk (the XTYPE term, "type" in the hit summary and the
// record data) and in the CLI's output, and the words the typ: filter
// accepts. All of these come from one table, in record_type.cc: to add a
// kind, add it here and its key, English names and synonyms there.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace arkiv {

enum class RecordType {
  kMinutes,               // protokoll
  kMinutesExtract,        // protokollsutdrag
  kMemo,                  // tjänsteskrivelse
  kDecision,              // beslut
  kAgreement,             // avtal
  kFollowUp,              // uppföljning
  kReport,                // rapport
  kLetter,                // skrivelse
  kEmail,                 // e-post
  kRegulation,            // föreskrift
  kGuidance,              // allmänna råd
  kDirective,             // kommittédirektiv
  kBill,                  // proposition
  kDs,                    // ds (Departementsserien)
  kSou,                   // sou (Statens offentliga utredningar)
  kJudgment,              // dom
  kConsultationResponse,  // remissvar
  kLawCouncilReferral,    // lagrådsremiss
  kPressRelease,          // pressmeddelande
  kReferral,              // remiss
  kOther,                 // none of these
  // An attachment: analysis gives it only when a Markdown record's front
  // matter says "typ: bilaga"; the index files every attachment under
  // typ:bilaga besides its own kind (index/document.cc).
  kAttachment,  // bilaga
};

// One row of the table.
struct RecordTypeInfo {
  RecordType type;
  // Its key: the Swedish word, on disk in every index since schema 1 and
  // in --json. DO NOT CHANGE a key.
  std::string_view key;
  // Other lower-case words the typ: filter takes for it: its English
  // names and the Swedish synonyms ("författning", "prop").
  std::vector<std::string_view> aliases;
};

// Every RecordType, once each.
const std::vector<RecordTypeInfo>& record_types();

// The key of a type ("avtal").
std::string_view record_type_key(RecordType type);

// The type a key names; std::nullopt for a word that is no key.
std::optional<RecordType> record_type_from_key(std::string_view key);

// The type a lower-case word names as the typ: filter reads it: a key or
// one of the aliases; std::nullopt for any other word.
std::optional<RecordType> record_type_from_word(std::string_view word);

}  // namespace arkiv
