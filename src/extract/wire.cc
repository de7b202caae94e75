// One encoder and one decoder for every type on the wire, walking the
// field lists (codec/fields.h, wire.h): what a member is decides how it is
// written, so the lists are the only place a field is named.
#include "extract/wire.h"

#include <unistd.h>

#include <cerrno>

#include <optional>
#include <type_traits>
#include <vector>

#include "util/time.h"

namespace arkiv::extract::wire {
namespace {

template <class T>
concept Listed = requires(T& t) { codec::for_each_field(t, [](const char*, auto&) {}); };

template <class T>
struct IsVector : std::false_type {};
template <class U>
struct IsVector<std::vector<U>> : std::true_type {};
template <class T>
struct IsOptional : std::false_type {};
template <class U>
struct IsOptional<std::optional<U>> : std::true_type {};

void put_u64(std::string& out, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) out += static_cast<char>((v >> (8 * i)) & 0xff);
}

std::uint64_t get_u64(std::string_view in, std::size_t at) {
  std::uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v |= std::uint64_t(static_cast<unsigned char>(in[at + i])) << (8 * i);
  return v;
}

struct Encoder {
  std::string& out;

  template <class T>
  void value(const T& v) {
    if constexpr (std::is_same_v<T, std::string>) {
      put_u64(out, v.size());
      out += v;
    } else if constexpr (std::is_same_v<T, FileTime>) {
      put_u64(out, static_cast<std::uint64_t>(util::to_unix_ns(v)));
    } else if constexpr (std::is_enum_v<T>) {
      put_u64(out, static_cast<std::uint64_t>(static_cast<std::int64_t>(v)));
    } else if constexpr (std::is_integral_v<T>) {
      put_u64(out, static_cast<std::uint64_t>(v));  // signed: two's complement
    } else if constexpr (IsOptional<T>::value) {
      put_u64(out, v ? 1 : 0);
      if (v) value(*v);
    } else if constexpr (IsVector<T>::value) {
      put_u64(out, v.size());
      for (const auto& e : v) value(e);
    } else {
      static_assert(Listed<const T>, "a type on the wire needs a field list (codec/fields.h)");
      codec::for_each_field(v, [&](const char*, const auto& m) { value(m); });
    }
  }
};

// A reply nests children in children (an e-mail in a ZIP in an e-mail);
// extraction stops at ExtractOptions::max_depth, far below this. A
// deeper message is a broken helper, refused before it exhausts the stack.
constexpr int kMaxNesting = 64;

struct Decoder {
  std::string_view in;
  std::size_t at = 0;
  int depth = 0;

  std::uint64_t u64() {
    if (in.size() - at < 8) throw WireError("message cut short");
    std::uint64_t v = get_u64(in, at);
    at += 8;
    return v;
  }
  // A count of elements at least `min_bytes` long each: never more than
  // the bytes left could hold, so a broken count cannot make us allocate.
  std::uint64_t count(std::size_t min_bytes) {
    std::uint64_t n = u64();
    if (n > (in.size() - at) / min_bytes) throw WireError("a count larger than the message");
    return n;
  }

  template <class T>
  void value(T& v) {
    if constexpr (std::is_same_v<T, std::string>) {
      std::uint64_t n = count(1);
      v.assign(in.substr(at, n));
      at += n;
    } else if constexpr (std::is_same_v<T, FileTime>) {
      v = util::from_unix_ns(static_cast<std::int64_t>(u64()));
    } else if constexpr (std::is_enum_v<T>) {
      v = static_cast<T>(static_cast<std::int64_t>(u64()));
    } else if constexpr (std::is_integral_v<T>) {
      v = static_cast<T>(u64());
    } else if constexpr (IsOptional<T>::value) {
      std::uint64_t has = u64();
      if (has > 1) throw WireError("a bad optional flag");
      v.reset();
      if (has) value(v.emplace());
    } else if constexpr (IsVector<T>::value) {
      std::uint64_t n = count(8);  // every element holds at least one u64
      v.clear();
      v.reserve(n);
      for (std::uint64_t i = 0; i < n; ++i) value(v.emplace_back());
    } else {
      static_assert(Listed<T>, "a type on the wire needs a field list (codec/fields.h)");
      if (++depth > kMaxNesting) throw WireError("nested too deeply");
      codec::for_each_field(v, [&](const char*, auto& m) { value(m); });
      --depth;
    }
  }

  void finish() const {
    if (at != in.size()) throw WireError("bytes left over after the message");
  }
};

// The shape of type T as text: every key and member kind, in order.
// `open` holds the listed types being described, so that ExtractedDoc's
// children (a vector of ExtractedDoc) are named, not recursed into.
struct Describer {
  std::string& out;
  std::vector<const void*> open;

  template <class T>
  static const void* tag() {
    static const char t = 0;
    return &t;
  }

  template <class T>
  void type() {
    if constexpr (std::is_same_v<T, std::string>) {
      out += "str";
    } else if constexpr (std::is_same_v<T, FileTime>) {
      out += "time";
    } else if constexpr (std::is_enum_v<T> || std::is_integral_v<T>) {
      out += std::is_signed_v<T> || std::is_enum_v<T> ? "i" : "u";
      out += std::to_string(sizeof(T) * 8);
    } else if constexpr (IsOptional<T>::value) {
      out += "opt<";
      type<typename T::value_type>();
      out += ">";
    } else if constexpr (IsVector<T>::value) {
      out += "vec<";
      type<typename T::value_type>();
      out += ">";
    } else {
      const void* me = tag<T>();
      for (std::size_t i = 0; i < open.size(); ++i)
        if (open[i] == me) {
          out += '^';  // the enclosing type, i levels up
          out += std::to_string(open.size() - i);
          return;
        }
      open.push_back(me);
      out += "{";
      T sample{};
      codec::for_each_field(sample, [&](const char* key, auto& m) {
        out += key;
        out += ":";
        type<std::remove_cvref_t<decltype(m)>>();
        out += ";";
      });
      out += "}";
      open.pop_back();
    }
  }
};

}  // namespace

std::uint64_t fields_fingerprint() {
  static const std::uint64_t kPrint = [] {
    std::string shape;
    Describer d{shape, {}};
    d.type<ExtractOptions>();
    d.type<SourceFile>();
    d.type<ExtractedDoc>();
    d.type<OcrPage>();
    std::uint64_t h = 14695981039346656037ull;
    for (unsigned char c : shape) h = (h ^ c) * 1099511628211ull;
    return h;
  }();
  return kPrint;
}

std::string hello() {
  std::string out(kWireMagic);
  for (int i = 0; i < 4; ++i) out += static_cast<char>((kWireVersion >> (8 * i)) & 0xff);
  put_u64(out, fields_fingerprint());
  return out;
}

std::string check_hello(std::string_view bytes) {
  if (bytes.size() != kHelloBytes || bytes.substr(0, 8) != kWireMagic) return "not an arkiv extraction helper";
  std::uint32_t version = 0;
  for (int i = 0; i < 4; ++i) version |= std::uint32_t(static_cast<unsigned char>(bytes[8 + i])) << (8 * i);
  if (version != kWireVersion)
    return "built for another version of arkiv (wire format " + std::to_string(version) + ", this arkiv speaks " +
           std::to_string(kWireVersion) + ")";
  if (get_u64(bytes, 12) != fields_fingerprint())
    return "built for another version of arkiv (wire format " + std::to_string(version) +
           ", but other fields in its records)";
  return {};
}

std::string frame(const std::string& body) {
  std::string out;
  out.reserve(8 + body.size());
  put_u64(out, body.size());
  out += body;
  return out;
}

std::uint64_t frame_length(std::string_view header, std::uint64_t max) {
  if (header.size() != 8) throw WireError("frame header cut short");
  std::uint64_t n = get_u64(header, 0);
  if (n > max) throw WireError("message of " + std::to_string(n) + " bytes, over the limit of " + std::to_string(max));
  return n;
}

std::string encode_request(const ExtractOptions& opts, const SourceFile& file) {
  std::string out;
  Encoder e{out};
  e.value(opts);
  e.value(file);
  return out;
}

void decode_request(std::string_view body, ExtractOptions& opts, SourceFile& file) {
  Decoder d{body};
  d.value(opts);
  d.value(file);
  d.finish();
}

HelperFrame frame_kind(std::string_view body) {
  Decoder d{body};
  const std::uint64_t kind = d.u64();
  switch (static_cast<HelperFrame>(kind)) {
    case HelperFrame::kReply:
    case HelperFrame::kOcrPage:
      return static_cast<HelperFrame>(kind);
  }
  throw WireError("a frame of unknown kind " + std::to_string(kind));
}

std::string encode_reply(const ExtractedDoc& doc) {
  std::string out;
  put_u64(out, static_cast<std::uint64_t>(HelperFrame::kReply));
  Encoder e{out};
  e.value(doc);
  return out;
}

ExtractedDoc decode_reply(std::string_view body) {
  if (frame_kind(body) != HelperFrame::kReply) throw WireError("not a reply");
  ExtractedDoc doc;
  Decoder d{body, 8};
  d.value(doc);
  d.finish();
  return doc;
}

std::string encode_ocr_page(const OcrPage& page) {
  std::string out;
  put_u64(out, static_cast<std::uint64_t>(HelperFrame::kOcrPage));
  Encoder e{out};
  e.value(page);
  return out;
}

OcrPage decode_ocr_page(std::string_view body, const OcrPage& previous) {
  if (frame_kind(body) != HelperFrame::kOcrPage) throw WireError("not an OCR page");
  OcrPage page;
  Decoder d{body, 8};
  d.value(page);
  d.finish();
  if (page.ordinal != previous.ordinal + 1)
    throw WireError("OCR page " + std::to_string(page.ordinal) + " after page " + std::to_string(previous.ordinal));
  if (page.pages_to_read != 0 && page.pages_to_read < page.ordinal)
    throw WireError("OCR page " + std::to_string(page.ordinal) + " of " + std::to_string(page.pages_to_read));
  if (previous.pages_to_read != 0 && page.pages_to_read == 0)
    throw WireError("OCR pages to read became unknown after " + std::to_string(previous.pages_to_read));
  return page;
}

bool write_all(int fd, const std::string& s) {
  for (std::size_t at = 0; at < s.size();) {
    ssize_t n = ::write(fd, s.data() + at, s.size() - at);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    at += static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace arkiv::extract::wire
