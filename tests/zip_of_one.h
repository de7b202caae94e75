// A ZIP archive of one stored member, built byte by byte, so that a test
// controls what no archiver lets it choose: the member name's bytes and
// the general purpose flags (bit 11, 0x800: the name is UTF-8; without it
// the name is CP437 by the format's rule, as old Windows archivers wrote
// it). Shared by the unit and end-to-end tests of member names.
#pragma once

#include <cstdint>
#include <string>

namespace arkiv::test {

inline std::string zip_of_one(const std::string& name, const std::string& data, std::uint32_t flags = 0) {
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

}  // namespace arkiv::test
