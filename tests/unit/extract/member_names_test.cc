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

namespace fs = std::filesystem;

namespace arkiv::extract {
namespace {

constexpr std::uint32_t kUtf8Flag = 0x800;  // general purpose bit 11: the name is UTF-8

// A ZIP of one stored member named `name` (bytes), with `flags`.
std::string zip_of_one(const std::string& name, const std::string& data, std::uint32_t flags) {
  std::uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char b : data) {
    crc ^= b;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  crc = ~crc;
  auto u16 = [](std::string& o, std::uint32_t v) {
    o += static_cast<char>(v & 0xFF);
    o += static_cast<char>((v >> 8) & 0xFF);
  };
  auto u32 = [&](std::string& o, std::uint32_t v) {
    u16(o, v & 0xFFFF);
    u16(o, v >> 16);
  };
  const auto size = static_cast<std::uint32_t>(data.size()), length = static_cast<std::uint32_t>(name.size());
  std::string local, central, end;
  u32(local, 0x04034b50);
  for (std::uint32_t v : {10u, flags, 0u, 0u, 0x21u}) u16(local, v);  // version, flags, stored, time, 1980-01-01
  u32(local, crc);
  u32(local, size);
  u32(local, size);
  u16(local, length);
  u16(local, 0);
  local += name + data;
  u32(central, 0x02014b50);
  for (std::uint32_t v : {20u, 10u, flags, 0u, 0u, 0x21u}) u16(central, v);
  u32(central, crc);
  u32(central, size);
  u32(central, size);
  u16(central, length);
  for (int i = 0; i < 4; ++i) u16(central, 0);  // extra, comment, disk, internal attributes
  u32(central, 0);
  u32(central, 0);  // external attributes, offset of the local header
  central += name;
  u32(end, 0x06054b50);
  for (std::uint32_t v : {0u, 0u, 1u, 1u}) u16(end, v);
  u32(end, static_cast<std::uint32_t>(central.size()));
  u32(end, static_cast<std::uint32_t>(local.size()));
  u16(end, 0);
  return local + central + end;
}

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
    std::ofstream(path, std::ios::binary) << zip_of_one(c.name, "Protokoll fört vid sammanträde.\n", c.flags);
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
