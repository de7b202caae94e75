// The wire between `arkiv index` and its extraction helper, arkiv-extract
// (extract/isolate.cc starts it; extract/helper_main.cc is its main): a
// request is the ExtractOptions and the SourceFile of one file, a reply
// the ExtractedDoc. The encoding is generated from the field lists of
// codec/fields.h (and ExtractOptions' list below), so a field added to
// one of those types is sent without touching this file.
//
// On a pipe, both sides first send a hello: kWireMagic, kWireVersion and
// a fingerprint of the field lists. A helper left from another build of
// arkiv (another version, or the same number with other fields) is
// refused at start, before any file, rather than misread.
//
// Each message is framed as a little-endian u64 length and that many
// bytes. A frame from the helper begins with its kind (HelperFrame): for
// each request, zero or more OcrPage frames while the file is read, then
// the reply. Numbers inside are little-endian u64 (two's complement for
// signed ones), strings and lists a u64 count then their bytes or
// elements, an optional a u64 0/1 then its value, a time nanoseconds
// since the Unix epoch. The format lives only between two processes of
// the same build: nothing of it is stored.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "arkiv/options.h"
#include "arkiv/record.h"
#include "codec/fields.h"

namespace arkiv::extract::wire {

// Sent by the helper before Tesseract reads a page of the file it is
// extracting (extract/ocr.h, PageHook; not for a page found in the OCR
// cache). The parent gives the file --ocr-page-timeout more seconds for
// it (extract/isolate.cc) and tells the indexer, which shows it on the
// terminal: a 100-page scan takes minutes, about 2 s a page.
struct OcrPage {
  // OCR pages begun in this request, this one included: 1, 2, 3, ... The
  // parent refuses any other sequence.
  std::uint64_t ordinal = 0;
  // Pages OCR is planned to read in this request, this one included (the
  // pages begun so far and those its document still plans: ocr.h's
  // PageHook); 0: not known. Never below `ordinal` when known, and once
  // known never unknown again. It may grow (a PDF inside a ZIP adds its
  // own) and shrink (a planned page was found in the OCR cache).
  std::uint64_t pages_to_read = 0;
};

}  // namespace arkiv::extract::wire

namespace arkiv::codec {

// ExtractOptions' fields, sent with every request (the helper has no
// other way to learn the limits the run was given). Only the wire uses
// this list; the keys are part of the fingerprint, not stored.
template <Plain<ExtractOptions> O, class F>
void for_each_field(O& o, F&& f) {
  f("max_file_bytes", o.max_file_bytes);
  f("max_pages", o.max_pages);
  f("max_page_text_bytes", o.max_page_text_bytes);
  f("max_depth", o.max_depth);
  f("max_members", o.max_members);
  f("max_unpacked_bytes", o.max_unpacked_bytes);
  f("max_ratio", o.max_ratio);
  f("ocr", o.ocr);
  f("ocr_page_timeout", o.ocr_page_timeout);
  f("ocr_cache_dir", o.ocr_cache_dir);
  f("ocr_threads", o.ocr_threads);
}

// OcrPage's fields (wire only, like ExtractOptions').
template <Plain<extract::wire::OcrPage> P, class F>
void for_each_field(P& p, F&& f) {
  f("ordinal", p.ordinal);
  f("pages_to_read", p.pages_to_read);
}

}  // namespace arkiv::codec

namespace arkiv::extract::wire {

// The first 8 bytes each side sends. DO NOT CHANGE (a helper from any
// build must be recognised as one, to say it is of another version).
inline constexpr std::string_view kWireMagic{"ARKIVEX\x01", 8};

// Raise when the encoding itself changes (framing, how a type is
// written). A changed field list needs no raise: the fingerprint differs.
// 2: a frame from the helper begins with its HelperFrame kind; before,
// a frame of length 0 said that OCR began a page.
inline constexpr std::uint32_t kWireVersion = 2;

// What a frame from the helper holds, its first u64. A value is never
// given another meaning within a wire version.
enum class HelperFrame : std::uint64_t {
  kReply = 1,    // the ExtractedDoc: the request's last frame
  kOcrPage = 2,  // an OcrPage: OCR begins one more page of the file
};

// A malformed message: cut short, longer than its frame allows, with a
// count larger than the bytes left, or with bytes left over.
class WireError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A hello: magic, version, fingerprint (20 bytes).
struct Hello {
  std::uint32_t version = kWireVersion;
  std::uint64_t fingerprint = 0;
};
inline constexpr std::size_t kHelloBytes = 8 + 4 + 8;

// The fingerprint of the field lists this build sends: their keys, their
// order and the kind of each member, hashed (FNV-1a 64).
std::uint64_t fields_fingerprint();

// This build's hello, encoded.
std::string hello();

// Reads a peer's hello. Returns "" if it matches this build, else one
// line saying why not ("not an arkiv extraction helper", "wire format 2,
// this arkiv speaks 1", "same wire format, other fields").
std::string check_hello(std::string_view bytes);

// The largest request: a path and the options. Bigger is refused.
inline constexpr std::uint64_t kMaxRequestBytes = 1 << 20;

// Frames `body` (prepends its length).
std::string frame(const std::string& body);

// Writes all of `s` to `fd`, again after EINTR and short writes; false if
// the other end is gone. Both ends of the pipe use it.
bool write_all(int fd, const std::string& s);

// The length in a frame's 8-byte header. Throws WireError if it is over
// `max`, so a broken peer cannot make the reader allocate what it says.
std::uint64_t frame_length(std::string_view header, std::uint64_t max);

// Request: what the helper needs to extract one file.
std::string encode_request(const ExtractOptions& opts, const SourceFile& file);
void decode_request(std::string_view body, ExtractOptions& opts, SourceFile& file);  // throws WireError

// The kind of a frame the helper sent. Throws WireError if the frame is
// shorter than a kind or its kind is none of HelperFrame's.
HelperFrame frame_kind(std::string_view body);

// Reply: the extracted document, children included, as a kReply frame.
std::string encode_reply(const ExtractedDoc& doc);
ExtractedDoc decode_reply(std::string_view body);  // throws WireError, also for another kind

// An OcrPage, as a kOcrPage frame's body.
std::string encode_ocr_page(const OcrPage& page);
// Reads a kOcrPage frame that follows `previous`, the request's last
// OcrPage (ordinal 0 before its first). Throws WireError if the body is
// not one OcrPage, or breaks OcrPage's rules: an ordinal other than the
// next, a count of pages to read below the ordinal or below the last one.
OcrPage decode_ocr_page(std::string_view body, const OcrPage& previous);

}  // namespace arkiv::extract::wire
