// The table that tells a file's format by its first bytes (extract/
// formats.h sniff()), for the formats arkiv does not read as well: a walk
// hands on every file, and one arkiv does not read must be named by what
// it is (issue #23: .doc, .xls, .msg, .rtf and .xml were passed over
// without a word).
#include <gtest/gtest.h>

#include <string>

#include "extract/formats.h"

namespace arkiv::extract {
namespace {

// An OLE compound file's signature, padding, and a directory entry's name
// in UTF-16, as Word, Excel, PowerPoint and Outlook write them.
std::string ole_with_stream(const std::string& name) {
  std::string s("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  s += std::string(504, '\0');
  for (char c : name) {
    s += c;
    s += '\0';
  }
  s += std::string(64, '\0');
  return s;
}

struct Case {
  const char* what;
  std::string data;
  const char* name;  // only breaks ties between text formats
  const char* kind;
};

TEST(Sniff, TellsEachFormatByContent) {
  const Case cases[] = {
      {"PDF", "%PDF-1.7\n%\xE2\xE3\n", "a.doc", "pdf"},
      {"PDF after junk", std::string("garbage\n%PDF-1.4\n"), "a.pdf", "pdf"},
      {"ZIP", std::string("PK\x03\x04", 4) + "rest", "a.doc", "zip"},
      {"Word 97-2003", ole_with_stream("WordDocument"), "a.doc", "doc"},
      {"Word named .xls", ole_with_stream("WordDocument"), "a.xls", "doc"},
      {"Excel 97-2003", ole_with_stream("Workbook"), "a.xls", "xls"},
      {"PowerPoint 97-2003", ole_with_stream("PowerPoint Document"), "a.ppt", "ppt"},
      {"Outlook message", ole_with_stream("__substg1.0_0037001F"), "a.msg", "msg"},
      {"another OLE file", ole_with_stream("Contents"), "a.bin", "ole"},
      {"JPEG", "\xFF\xD8\xFF\xE0", "a.jpg", "image"},
      {"PNG", "\x89PNG\r\n\x1A\n", "a.png", "image"},
      {"TIFF", std::string("II*\0", 4), "a.tif", "image"},
      {"RTF", "{\\rtf1\\ansi\\deff0 {\\fonttbl}Beslut}", "a.rtf", "rtf"},
      {"RTF after a BOM and blanks", "\xEF\xBB\xBF\n {\\rtf1 x}", "a.txt", "rtf"},
      {"XML", "<?xml version=\"1.0\"?>\n<arende><titel>Bygglov</titel></arende>", "a.xml", "xml"},
      {"XHTML is HTML", "<?xml version=\"1.0\"?><html><body>Hej</body></html>", "a.xml", "html"},
      {"HTML", "<!DOCTYPE html><html><body>Hej</body></html>", "a.htm", "html"},
      {"e-mail", "From: a@b.se\nTo: c@d.se\nSubject: x\n\nHej", "a.eml", "eml"},
      {"Markdown", "# Rubrik\n\nText om *beslut*.\n", "a.md", "text"},
      {"text named .doc", "Beslut om bygglov.\n", "a.doc", "text"},
      {"unknown binary", std::string("\x01\x02\x00\x03garbage", 11), "a.dat", "unknown"},
  };
  for (const Case& c : cases) EXPECT_EQ(sniff(c.data, c.name), c.kind) << c.what;
}

TEST(Sniff, NamesEachTypeNotRead) {
  EXPECT_EQ(unread_type_name("doc"), "Word 97-2003 document (.doc)");
  EXPECT_EQ(unread_type_name("xls"), "Excel 97-2003 workbook (.xls)");
  EXPECT_EQ(unread_type_name("ppt"), "PowerPoint 97-2003 presentation (.ppt)");
  EXPECT_EQ(unread_type_name("msg"), "Outlook message (.msg)");
  EXPECT_EQ(unread_type_name("rtf"), "RTF");
  EXPECT_EQ(unread_type_name("xml"), "XML");
  EXPECT_EQ(unread_type_name("unknown"), "unknown type");
  EXPECT_EQ(unread_type_name("anything else"), "unknown type");
}

}  // namespace
}  // namespace arkiv::extract
