// The one table of record types (src/record_type.cc): every type once,
// with a key of its own that reads back as it, and every word the typ:
// filter took before the table existed still naming the same type.
#include "arkiv/record_type.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "query/filters.h"

namespace arkiv {
namespace {

TEST(RecordTypes, EveryTypeOnceWithAUniqueKeyThatRoundTrips) {
  std::set<RecordType> types;
  std::set<std::string_view> words;
  for (const RecordTypeInfo& t : record_types()) {
    SCOPED_TRACE(std::string(t.key));
    EXPECT_TRUE(types.insert(t.type).second) << "type listed twice";
    EXPECT_FALSE(t.key.empty());
    EXPECT_TRUE(words.insert(t.key).second) << "key used twice";
    EXPECT_EQ(record_type_key(t.type), t.key);
    EXPECT_EQ(record_type_from_key(t.key), t.type);
    EXPECT_EQ(record_type_from_word(t.key), t.type);
    for (std::string_view a : t.aliases) {
      EXPECT_TRUE(words.insert(a).second) << "word " << a << " names two types";
      EXPECT_FALSE(record_type_from_key(a)) << a << " is an alias, not a key";
    }
  }
  // Every enumerator from the first to the last is in the table.
  for (int i = 0; i <= static_cast<int>(RecordType::kAttachment); ++i)
    EXPECT_TRUE(types.count(static_cast<RecordType>(i))) << i;
  EXPECT_FALSE(record_type_from_key("anteckning"));
  EXPECT_FALSE(record_type_from_word("okänd"));
}

// The keys on disk and the words typ: took before the table (as listed in
// query/filters.cc then); DO NOT CHANGE a row, add new ones.
TEST(RecordTypes, KeysAndFilterWordsNameTheSameTypesAsBefore) {
  const struct {
    const char* word;
    RecordType type;
  } cases[] = {
      {"protokoll", RecordType::kMinutes},
      {"minutes", RecordType::kMinutes},
      {"protokollsutdrag", RecordType::kMinutesExtract},
      {"extract", RecordType::kMinutesExtract},
      {"tjänsteskrivelse", RecordType::kMemo},
      {"memo", RecordType::kMemo},
      {"beslut", RecordType::kDecision},
      {"decision", RecordType::kDecision},
      {"avtal", RecordType::kAgreement},
      {"agreement", RecordType::kAgreement},
      {"contract", RecordType::kAgreement},
      {"uppföljning", RecordType::kFollowUp},
      {"follow-up", RecordType::kFollowUp},
      {"followup", RecordType::kFollowUp},
      {"rapport", RecordType::kReport},
      {"report", RecordType::kReport},
      {"skrivelse", RecordType::kLetter},
      {"letter", RecordType::kLetter},
      {"e-post", RecordType::kEmail},
      {"email", RecordType::kEmail},
      {"e-mail", RecordType::kEmail},
      {"epost", RecordType::kEmail},
      {"föreskrift", RecordType::kRegulation},
      {"regulation", RecordType::kRegulation},
      {"föreskrifter", RecordType::kRegulation},
      {"författning", RecordType::kRegulation},
      {"statute", RecordType::kRegulation},
      {"allmänna råd", RecordType::kGuidance},
      {"allmänna-råd", RecordType::kGuidance},
      {"allmänt-råd", RecordType::kGuidance},
      {"allmännaråd", RecordType::kGuidance},
      {"guidelines", RecordType::kGuidance},
      {"guidance", RecordType::kGuidance},
      {"kommittédirektiv", RecordType::kDirective},
      {"direktiv", RecordType::kDirective},
      {"dir", RecordType::kDirective},
      {"directive", RecordType::kDirective},
      {"terms-of-reference", RecordType::kDirective},
      {"proposition", RecordType::kBill},
      {"prop", RecordType::kBill},
      {"bill", RecordType::kBill},
      {"government-bill", RecordType::kBill},
      {"ds", RecordType::kDs},
      {"sou", RecordType::kSou},
      {"inquiry", RecordType::kSou},
      {"dom", RecordType::kJudgment},
      {"judgment", RecordType::kJudgment},
      {"judgement", RecordType::kJudgment},
      {"ruling", RecordType::kJudgment},
      {"remissvar", RecordType::kConsultationResponse},
      {"consultation-response", RecordType::kConsultationResponse},
      {"referral-response", RecordType::kConsultationResponse},
      {"response", RecordType::kConsultationResponse},
      {"lagrådsremiss", RecordType::kLawCouncilReferral},
      {"pressmeddelande", RecordType::kPressRelease},
      {"remiss", RecordType::kReferral},
      {"other", RecordType::kOther},
      {"annan", RecordType::kOther},
      {"bilaga", RecordType::kAttachment},
      {"attachment", RecordType::kAttachment},
  };
  std::size_t words = 0;
  for (const RecordTypeInfo& t : record_types()) words += 1 + t.aliases.size();
  EXPECT_EQ(words, std::size(cases)) << "a word in the table with no row here";
  // The typ: filter takes each word, in any case, as the type's key (the
  // XTYPE term it searches).
  const query::Filter* typ = query::find_filter("typ");
  ASSERT_NE(typ, nullptr);
  ASSERT_NE(typ->check, nullptr);
  for (const auto& c : cases) {
    SCOPED_TRACE(c.word);
    EXPECT_EQ(record_type_from_word(c.word), c.type);
    EXPECT_EQ(typ->check(c.word), std::string(record_type_key(c.type)));
  }
  EXPECT_EQ(typ->check("Föreskrifter"), "föreskrift");
  EXPECT_EQ(typ->check("AGREEMENT"), "avtal");
  EXPECT_FALSE(typ->check("okänd"));
  // Its help and error text (hand-written, translated) name every key.
  for (const RecordTypeInfo& t : record_types()) {
    EXPECT_NE(std::string(typ->accepts).find(t.key), std::string::npos) << t.key;
    EXPECT_NE(std::string(typ->help).find(t.key), std::string::npos) << t.key;
  }
}

}  // namespace
}  // namespace arkiv
