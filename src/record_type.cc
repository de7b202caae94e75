// The one table of record types: key on disk, and the words the typ:
// filter accepts (query/filters.cc), per RecordType.
#include "arkiv/record_type.h"

namespace arkiv {

const std::vector<RecordTypeInfo>& record_types() {
  // DO NOT CHANGE a key: they are the XTYPE terms and the "type" values in
  // every index, and the CLI prints them. The aliases may grow.
  static const std::vector<RecordTypeInfo> kTypes = {
      {RecordType::kMinutes, "protokoll", {"minutes"}},
      {RecordType::kMinutesExtract, "protokollsutdrag", {"extract"}},
      {RecordType::kMemo, "tjänsteskrivelse", {"memo"}},
      {RecordType::kDecision, "beslut", {"decision"}},
      {RecordType::kAgreement, "avtal", {"agreement", "contract"}},
      {RecordType::kFollowUp, "uppföljning", {"follow-up", "followup"}},
      {RecordType::kReport, "rapport", {"report"}},
      {RecordType::kLetter, "skrivelse", {"letter"}},
      {RecordType::kEmail, "e-post", {"email", "e-mail", "epost"}},
      // Authorities and courts.
      {RecordType::kRegulation, "föreskrift", {"regulation", "föreskrifter", "författning", "statute"}},
      {RecordType::kGuidance,
       "allmänna råd",
       {"allmänna-råd", "allmänt-råd", "allmännaråd", "guidelines", "guidance"}},
      {RecordType::kDirective, "kommittédirektiv", {"direktiv", "dir", "directive", "terms-of-reference"}},
      {RecordType::kBill, "proposition", {"prop", "bill", "government-bill"}},
      {RecordType::kDs, "ds", {}},
      {RecordType::kSou, "sou", {"inquiry"}},
      {RecordType::kJudgment, "dom", {"judgment", "judgement", "ruling"}},
      {RecordType::kConsultationResponse,
       "remissvar",
       {"consultation-response", "referral-response", "response"}},
      {RecordType::kLawCouncilReferral, "lagrådsremiss", {}},
      {RecordType::kPressRelease, "pressmeddelande", {}},
      {RecordType::kReferral, "remiss", {}},
      {RecordType::kOther, "other", {"annan"}},
      {RecordType::kAttachment, "bilaga", {"attachment"}},
  };
  return kTypes;
}

std::string_view record_type_key(RecordType type) {
  for (const RecordTypeInfo& t : record_types())
    if (t.type == type) return t.key;
  return "other";
}

std::optional<RecordType> record_type_from_key(std::string_view key) {
  for (const RecordTypeInfo& t : record_types())
    if (t.key == key) return t.type;
  return std::nullopt;
}

std::optional<RecordType> record_type_from_word(std::string_view word) {
  for (const RecordTypeInfo& t : record_types()) {
    if (t.key == word) return t.type;
    for (std::string_view a : t.aliases)
      if (a == word) return t.type;
  }
  return std::nullopt;
}

}  // namespace arkiv
