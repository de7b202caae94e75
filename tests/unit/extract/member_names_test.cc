// ZIP member names as archivers write them (issue 21): flagged UTF-8, or
// without the flag in CP437 (or whatever code page the archiver used),
// are kept as their bytes, in the C library's "C" locale in which the
// extraction helper runs. The ZIPs are written byte by byte here, so the
// name's bytes and the flag are exactly the case's.
#include <gtest/gtest.h>

#include <clocale>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "arkiv/pipeline.h"
#include "../../zip_of_one.h"

namespace fs = std::filesystem;

namespace arkiv::extract {
namespace {

constexpr std::uint32_t kUtf8Flag = 0x800;  // general purpose bit 11: the name is UTF-8

struct MemberCase {
  const char* why;
  std::string name;  // the bytes in the archive
  std::uint32_t flags;
};

TEST(ZipMemberNames, KeptAsTheirBytesInTheCLocale) {
  // The helper never calls setlocale: its C library's locale is "C".
  ASSERT_STREQ(std::setlocale(LC_CTYPE, nullptr), "C");
  const MemberCase cases[] = {
      {"ASCII", "protokoll.txt", 0},
      {"UTF-8 with the flag, as Windows, macOS and 7-Zip write it (was \"unnamed\")", "r\xc3\xa4kning.txt",
       kUtf8Flag},
      {"CP437 without the flag: a byte that is not UTF-8", "r\x84kning.txt", 0},
      {"UTF-8 without the flag", "\xc3\xa5rsredovisning.txt", 0},
  };
  int n = 0;
  for (const MemberCase& c : cases) {
    const fs::path path = fs::path(::testing::TempDir()) / ("names-" + std::to_string(n++) + ".zip");
    std::ofstream(path, std::ios::binary) << arkiv::test::zip_of_one(c.name, "Protokoll fört vid sammanträde.\n", c.flags);
    SourceFile f;
    f.path = f.abspath = path.string();
    f.id = ingest::record_id(f.abspath);
    f.size = fs::file_size(path);
    const ExtractedDoc d = extract(f);
    ASSERT_EQ(d.children.size(), 1u) << c.why;
    EXPECT_EQ(d.children[0].source.member, c.name) << c.why;
    EXPECT_EQ(d.children[0].source.path, f.path + "!/" + c.name) << c.why;
    ASSERT_FALSE(d.children[0].pages.empty()) << c.why;
    EXPECT_NE(d.children[0].pages[0].text.find("sammanträde"), std::string::npos) << c.why;
  }
}

}  // namespace
}  // namespace arkiv::extract
