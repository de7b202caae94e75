// The helper's wire (extract/wire.h): every field of every type survives a
// round trip, children nested in children included; a message cut short,
// longer than its frame allows or with bytes left over is refused, and so
// is a peer of another wire version or with other field lists.
#include "extract/wire.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "arkiv/pipeline.h"
#include "util/time.h"

namespace arkiv::extract::wire {
namespace {

SourceFile source(const std::string& name) {
  SourceFile f;
  f.id = "id-" + name;
  f.path = "a/" + name;
  f.abspath = "/srv/a/" + name;
  f.size = 0xfedcba9876543210ull;  // all 64 bits
  f.mtime = util::from_unix_ns(1489482900123456789);
  f.sha256 = std::string(64, 'e');
  f.parent_id = "parent-" + name;
  f.container_id = "container-" + name;
  f.member = name + "\xc3\xa4";  // UTF-8 passes as bytes
  return f;
}

ExtractedDoc full(const std::string& name) {
  ExtractedDoc d;
  d.source = source(name);
  d.format = "eml";
  d.extractor = "gmime 3.2.13";
  d.meta.title = "Svar angående vänortsavtalet";
  d.meta.author = "Anna Andersson <anna.andersson@example.se>";
  d.meta.subject = "subject";
  d.meta.keywords = "keywords";
  d.meta.creator = "creator";
  d.meta.producer = "producer";
  d.meta.created = util::from_unix_ns(-86400ll * 1000000000);  // before 1970
  d.meta.recipients = "registrator@example.se, kopia@example.se";
  d.page_count = -1;  // signed numbers keep their sign
  d.pages = {{1, "Från: Anna\n\nHej"}, {2, std::string("with\0nul", 8)}, {3, ""}};
  d.diagnostics = {{DiagKind::kPageNoText, "page text cut at 4194304 bytes", 2}, {DiagKind::kEncrypted, "", 0}};
  return d;
}

void expect_same(const ExtractedDoc& a, const ExtractedDoc& b) {
  EXPECT_EQ(a.source.id, b.source.id);
  EXPECT_EQ(a.source.path, b.source.path);
  EXPECT_EQ(a.source.abspath, b.source.abspath);
  EXPECT_EQ(a.source.size, b.source.size);
  EXPECT_EQ(a.source.mtime, b.source.mtime);
  EXPECT_EQ(a.source.sha256, b.source.sha256);
  EXPECT_EQ(a.source.parent_id, b.source.parent_id);
  EXPECT_EQ(a.source.container_id, b.source.container_id);
  EXPECT_EQ(a.source.member, b.source.member);
  EXPECT_EQ(a.format, b.format);
  EXPECT_EQ(a.extractor, b.extractor);
  EXPECT_EQ(a.meta.title, b.meta.title);
  EXPECT_EQ(a.meta.author, b.meta.author);
  EXPECT_EQ(a.meta.subject, b.meta.subject);
  EXPECT_EQ(a.meta.keywords, b.meta.keywords);
  EXPECT_EQ(a.meta.creator, b.meta.creator);
  EXPECT_EQ(a.meta.producer, b.meta.producer);
  EXPECT_EQ(a.meta.created, b.meta.created);
  EXPECT_EQ(a.meta.modified, b.meta.modified);
  EXPECT_EQ(a.meta.recipients, b.meta.recipients);
  EXPECT_EQ(a.page_count, b.page_count);
  ASSERT_EQ(a.pages.size(), b.pages.size());
  for (std::size_t i = 0; i < a.pages.size(); ++i) {
    EXPECT_EQ(a.pages[i].number, b.pages[i].number);
    EXPECT_EQ(a.pages[i].text, b.pages[i].text);
  }
  ASSERT_EQ(a.diagnostics.size(), b.diagnostics.size());
  for (std::size_t i = 0; i < a.diagnostics.size(); ++i) {
    EXPECT_EQ(a.diagnostics[i].kind, b.diagnostics[i].kind);
    EXPECT_EQ(a.diagnostics[i].detail, b.diagnostics[i].detail);
    EXPECT_EQ(a.diagnostics[i].page, b.diagnostics[i].page);
  }
  ASSERT_EQ(a.children.size(), b.children.size());
  for (std::size_t i = 0; i < a.children.size(); ++i) expect_same(a.children[i], b.children[i]);
}

// An e-mail holding a ZIP holding a PDF, beside a second attachment.
ExtractedDoc nested() {
  ExtractedDoc mail = full("brev.eml");
  ExtractedDoc zip = full("arkiv.zip");
  zip.format = "zip";
  zip.meta.created.reset();
  zip.meta.modified = util::from_unix_ns(1);
  zip.children.push_back(full("beslut.pdf"));
  mail.children.push_back(std::move(zip));
  mail.children.push_back(ExtractedDoc());  // all defaults
  return mail;
}

TEST(Wire, EveryFieldOfTheReplySurvives) {
  const ExtractedDoc sent = nested();
  const ExtractedDoc got = decode_reply(encode_reply(sent));
  expect_same(sent, got);
  ASSERT_EQ(got.children.size(), 2u);
  ASSERT_EQ(got.children[0].children.size(), 1u);
  EXPECT_EQ(got.children[0].children[0].source.path, "a/beslut.pdf");
  EXPECT_FALSE(got.children[0].meta.created.has_value());
  expect_same(ExtractedDoc(), decode_reply(encode_reply(ExtractedDoc())));
}

TEST(Wire, EveryFieldOfTheRequestSurvives) {
  ExtractOptions opts;
  opts.max_file_bytes = 1;
  opts.max_pages = 2;
  opts.max_page_text_bytes = 3;
  opts.max_depth = -4;
  opts.max_members = 5;
  opts.max_unpacked_bytes = 0xffffffffffffffffull;
  opts.max_ratio = 7;
  opts.ocr = OcrMode::kForce;
  opts.ocr_page_timeout = 9;
  opts.ocr_cache_dir = "/var/cache/arkiv/ocr";
  opts.ocr_threads = 3;
  const SourceFile file = source("beslut.pdf");
  ExtractOptions o;
  SourceFile f;
  decode_request(encode_request(opts, file), o, f);
  int n = 0;
  codec::for_each_field(o, [&](const char*, auto&) { ++n; });
  EXPECT_EQ(n, 11);  // a new option must be added to the checks below
  EXPECT_EQ(o.ocr_threads, 3u);
  EXPECT_EQ(o.max_file_bytes, 1u);
  EXPECT_EQ(o.max_pages, 2);
  EXPECT_EQ(o.max_page_text_bytes, 3u);
  EXPECT_EQ(o.max_depth, -4);
  EXPECT_EQ(o.max_members, 5);
  EXPECT_EQ(o.max_unpacked_bytes, 0xffffffffffffffffull);
  EXPECT_EQ(o.max_ratio, 7u);
  EXPECT_EQ(o.ocr, OcrMode::kForce);
  EXPECT_EQ(o.ocr_page_timeout, 9u);
  EXPECT_EQ(o.ocr_cache_dir, "/var/cache/arkiv/ocr");
  ExtractedDoc a, b;
  a.source = file;
  b.source = f;
  expect_same(a, b);
}

TEST(Wire, AMessageCutShortIsRefused) {
  const std::string body = encode_reply(nested());
  // Every proper prefix: a cut anywhere, within a number or a string.
  for (std::size_t n = 0; n < body.size(); ++n) {
    SCOPED_TRACE(n);
    EXPECT_THROW(decode_reply(std::string_view(body).substr(0, n)), WireError);
  }
  const std::string req = encode_request({}, source("x"));
  ExtractOptions o;
  SourceFile f;
  EXPECT_THROW(decode_request(std::string_view(req).substr(0, req.size() - 1), o, f), WireError);
}

TEST(Wire, AnOversizedMessageIsRefused) {
  // Bytes beyond the message.
  EXPECT_THROW(decode_reply(encode_reply(nested()) + "x"), WireError);
  // A frame longer than the reader allows is refused before it is read.
  const std::string framed = frame(std::string(100, 'a'));
  EXPECT_EQ(frame_length(std::string_view(framed).substr(0, 8), 100), 100u);
  EXPECT_THROW(frame_length(std::string_view(framed).substr(0, 8), 99), WireError);
  EXPECT_THROW(frame_length("\x01\x02", 100), WireError);
  // A count (of pages, of bytes) larger than the message: refused without
  // allocating what it says.
  std::string body = encode_reply(ExtractedDoc());
  std::string huge = body;
  huge.replace(8, 8, std::string(8, '\xff'));  // the length of source.id, after the frame's kind
  EXPECT_THROW(decode_reply(huge), WireError);
  // A request larger than any request: refused by its frame.
  EXPECT_THROW(frame_length(frame(std::string(kMaxRequestBytes + 1, 'a')).substr(0, 8), kMaxRequestBytes),
               WireError);
}

TEST(Wire, AMessageNestedBeyondAnyExtractionIsRefused) {
  ExtractedDoc deep;
  for (int i = 0; i < 100; ++i) {
    ExtractedDoc up;
    up.children.push_back(std::move(deep));
    deep = std::move(up);
  }
  EXPECT_THROW(decode_reply(encode_reply(deep)), WireError);
}

// OCR's progress (OcrPage): what the helper sends before each page
// Tesseract reads, and what the parent accepts of it.
TEST(Wire, OcrPagesSurviveAndFollowEachOther) {
  const OcrPage first{1, 0}, second{2, 0}, counted{3, 14};
  const std::string body = encode_ocr_page(first);
  EXPECT_EQ(body.size(), 3u * 8);  // the kind, two numbers
  EXPECT_EQ(frame_kind(body), HelperFrame::kOcrPage);
  EXPECT_EQ(frame_kind(encode_reply(ExtractedDoc())), HelperFrame::kReply);
  OcrPage got = decode_ocr_page(body, OcrPage());
  EXPECT_EQ(got.ordinal, 1u);
  EXPECT_EQ(got.pages_to_read, 0u);
  got = decode_ocr_page(encode_ocr_page(second), got);
  EXPECT_EQ(got.ordinal, 2u);
  got = decode_ocr_page(encode_ocr_page(counted), got);
  EXPECT_EQ(got.ordinal, 3u);
  EXPECT_EQ(got.pages_to_read, 14u);
  got = decode_ocr_page(encode_ocr_page({4, 14}), got);
  EXPECT_EQ(got.pages_to_read, 14u);
  // A PDF inside a ZIP adds its own pages to the count.
  EXPECT_EQ(decode_ocr_page(encode_ocr_page({5, 20}), got).pages_to_read, 20u);
  // A planned page found in the OCR cache takes one off.
  EXPECT_EQ(decode_ocr_page(encode_ocr_page({5, 13}), got).pages_to_read, 13u);
}

TEST(Wire, ABadOcrPageIsRefused) {
  const OcrPage two{2, 14};
  struct Case {
    const char* why;
    std::string body;
    OcrPage previous;
  };
  std::string unknown = encode_ocr_page({3, 14});
  unknown[0] = 9;  // no such kind
  std::string zero_kind = encode_ocr_page({3, 14});
  zero_kind[0] = 0;
  const Case cases[] = {
      {"a page skipped", encode_ocr_page({4, 14}), two},
      {"the same page again", encode_ocr_page({2, 14}), two},
      {"a first page numbered 0", encode_ocr_page({0, 0}), OcrPage()},
      {"a first page numbered 2", encode_ocr_page({2, 0}), OcrPage()},
      {"a page past the count", encode_ocr_page({3, 2}), OcrPage{2, 0}},
      {"a count that is forgotten", encode_ocr_page({3, 0}), two},
      {"cut short", encode_ocr_page({3, 14}).substr(0, 20), two},
      {"a kind cut short", encode_ocr_page({3, 14}).substr(0, 7), two},
      {"bytes left over", encode_ocr_page({3, 14}) + "x", two},
      {"a reply", encode_reply(ExtractedDoc()), two},
      {"an unknown kind", unknown, two},
      {"kind 0", zero_kind, two},
      {"empty (the heartbeat of wire format 1)", "", two},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.why);
    EXPECT_THROW(decode_ocr_page(c.body, c.previous), WireError);
  }
  // What the parent checks first: the kind of every frame.
  EXPECT_THROW(frame_kind(unknown), WireError);
  EXPECT_THROW(frame_kind(zero_kind), WireError);
  EXPECT_THROW(frame_kind(""), WireError);
  EXPECT_THROW(decode_reply(encode_ocr_page({1, 0})), WireError);
  EXPECT_EQ(decode_ocr_page(encode_ocr_page({3, 14}), two).ordinal, 3u);  // the same, well formed
}

TEST(Wire, APeerOfAnotherVersionIsRefused) {
  EXPECT_EQ(hello().size(), kHelloBytes);
  EXPECT_EQ(check_hello(hello()), "");
  std::string other = hello();
  other[8] = static_cast<char>(kWireVersion + 1);
  EXPECT_EQ(check_hello(other), "built for another version of arkiv (wire format " +
                                    std::to_string(kWireVersion + 1) + ", this arkiv speaks " +
                                    std::to_string(kWireVersion) + ")");
  std::string fields = hello();
  fields[12] ^= 1;  // same version, other field lists
  EXPECT_NE(check_hello(fields).find("other fields"), std::string::npos);
  EXPECT_EQ(check_hello("%PDF-1.7\n..........."), "not an arkiv extraction helper");
  EXPECT_EQ(check_hello(hello().substr(0, 10)), "not an arkiv extraction helper");
  // Same build, same fingerprint: it depends on nothing but the lists.
  EXPECT_EQ(fields_fingerprint(), fields_fingerprint());
}

// The helper's loop (serve_worker, what arkiv-extract runs) over two pipes.
struct Helper {
  int to[2], from[2];
  int status = -1;
  std::thread loop;
  Helper() {
    EXPECT_EQ(::pipe(to), 0);
    EXPECT_EQ(::pipe(from), 0);
    loop = std::thread([this] {
      status = serve_worker(to[0], from[1]);
      ::close(from[1]);
    });
  }
  void send(const std::string& bytes) { ASSERT_EQ(::write(to[1], bytes.data(), bytes.size()), ssize_t(bytes.size())); }
  std::string receive(std::size_t n) {
    std::string out(n, '\0');
    std::size_t at = 0;
    for (ssize_t got; at < n && (got = ::read(from[0], out.data() + at, n - at)) > 0;) at += std::size_t(got);
    out.resize(at);
    return out;
  }
  int finish() {
    ::close(to[1]);
    loop.join();
    ::close(to[0]);
    ::close(from[0]);
    return status;
  }
};

TEST(Wire, TheHelperAnswersARequestAfterTheHellos) {
  const std::filesystem::path path = std::filesystem::path(::testing::TempDir()) / "wire-anteckning.txt";
  std::ofstream(path) << "Anteckning om vänortsavtalet.\n";
  SourceFile f;
  f.path = f.abspath = path.string();
  f.id = "x";
  f.size = std::filesystem::file_size(path);
  Helper h;
  EXPECT_EQ(h.receive(kHelloBytes), hello());
  h.send(hello());
  h.send(frame(encode_request({}, f)));
  std::string len = h.receive(8);
  ExtractedDoc d = decode_reply(h.receive(frame_length(len, 1 << 20)));
  EXPECT_EQ(d.source.path, f.path);
  EXPECT_EQ(d.format, "text");
  ASSERT_EQ(d.pages.size(), 1u);
  EXPECT_NE(d.pages[0].text.find("vänortsavtalet"), std::string::npos);
  EXPECT_EQ(h.finish(), 0);
}

TEST(Wire, TheHelperRefusesAParentOfAnotherVersion) {
  Helper h;
  EXPECT_EQ(h.receive(kHelloBytes), hello());
  std::string other = hello();
  other[8] = static_cast<char>(kWireVersion + 1);
  h.send(other);
  EXPECT_EQ(h.receive(1), "");  // it answers nothing more
  EXPECT_EQ(h.finish(), 3);
}

TEST(Wire, TheHelperRefusesAnOversizedRequest) {
  Helper h;
  EXPECT_EQ(h.receive(kHelloBytes), hello());
  h.send(hello());
  h.send(frame(std::string(kMaxRequestBytes + 1, 'a')).substr(0, 8));
  EXPECT_EQ(h.receive(1), "");
  EXPECT_EQ(h.finish(), 1);
}

}  // namespace
}  // namespace arkiv::extract::wire
