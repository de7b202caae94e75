// The field lists (codec/fields.h) name every member once, with the keys
// that are on disk; a new member of a plain type must be added there too.
#include "codec/fields.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

namespace arkiv::codec {
namespace {

template <class T>
std::vector<std::string> keys_of() {
  T value{};
  std::vector<std::string> keys;
  for_each_field(value, [&](const char* key, auto&) { keys.emplace_back(key); });
  return keys;
}

TEST(Fields, KeysOnDiskNeverChange) {
  // These keys are in every index since schema 1 (record data JSON).
  EXPECT_EQ(keys_of<SourceFile>(), (std::vector<std::string>{"id", "path", "abspath", "size", "mtime", "sha256",
                                                             "parent_id", "container_id", "member"}));
  EXPECT_EQ(keys_of<Metadata>(), (std::vector<std::string>{"title", "author", "subject", "keywords", "creator",
                                                           "producer", "created", "modified", "recipients"}));
  EXPECT_EQ(keys_of<Diagnostic>(), (std::vector<std::string>{"kind", "detail", "page", "transient"}));
  EXPECT_EQ(keys_of<Page>(), (std::vector<std::string>{"number", "text", "source", "confidence"}));
}

TEST(Fields, ConstAndMutableVisitTheSameMembers) {
  SourceFile s;
  s.path = "a.pdf";
  const SourceFile& c = s;
  std::string seen;
  for_each_field(c, [&](const char* key, const auto& v) {
    if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::string>)
      if (std::string(key) == "path") seen = v;
  });
  EXPECT_EQ(seen, "a.pdf");
  static_assert(HasFields<ExtractedDoc> && HasFields<const Metadata> && !HasFields<std::string>);
}

}  // namespace
}  // namespace arkiv::codec
