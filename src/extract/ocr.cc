// OCR of page images (ocr.h). Tesseract 5.3 on Debian 12, measured on the
// scans in ../shared/data/realworld/swedish (issue 24): swe at 300 dpi
// gives 0.45% character errors, about 1.9 s CPU a page.
#include "extract/ocr.h"

#include <dlfcn.h>
#include <openssl/evp.h>
#include <unistd.h>
#include <poppler-document.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>
#include <thread>
#include <string>
#include <unordered_set>

#ifdef ARKIV_HAVE_TESSERACT
#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>
#endif

namespace arkiv::extract::ocr {

namespace {
PageHook page_hook = nullptr;  // the helper's, set once before any extraction
}  // namespace

void set_page_hook(PageHook hook) { page_hook = hook; }

namespace {

// Short words that make up a fifth to a third of any Swedish (or English)
// running text and almost none of a broken font's glyph soup.
bool function_word(const std::string& w) {
  static const std::unordered_set<std::string> kWords{
      "och", "i", "att", "det", "som", "en", "på", "är", "av", "för", "med", "till", "den", "har", "de",
      "inte", "om", "ett", "eller", "från", "var", "sig", "men", "ska", "skall", "så", "kan", "när", "efter",
      "under", "vid", "enligt", "också", "detta", "dessa", "denna", "samt", "än", "får", "hos", "genom",
      "the", "of", "and", "to", "in", "is", "for", "that", "on", "with", "by", "as", "be", "are", "this", "an"};
  return kWords.count(w) > 0;
}

}  // namespace

namespace {

// What judge_text() and ocr_text_wins() read off a text.
struct TextStats {
  int letters = 0;         // alphabetic code points
  int alnum = 0;           // letters and digits: what a chart's labels have
  int bad = 0;             // invalid UTF-8, replacement, control, private-use characters
  int visible = 0;         // code points that are not white space
  int words = 0;           // runs of letters
  int function_words = 0;  // function_word()s among them
  int known = 0;           // words the lexicon knows (see stats_of)
  int long_words = 0;      // words of three letters or more
  int shaped = 0;          // of those, written as words are: lower case after the first letter
  int unspeakable = 0;     // of those, holding four consonants in a row
};

// A vowel of a Latin-script language, accents set aside ("ě", "ý", "å"
// are vowels): what any pronounceable word has between its consonants.
bool vowel(UChar32 c) {
  UErrorCode status = U_ZERO_ERROR;
  static const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  icu::UnicodeString decomposed;
  if (nfd != nullptr && nfd->getDecomposition(c, decomposed) && decomposed.length() > 0) c = decomposed.char32At(0);
  switch (c) {
    case 'a': case 'e': case 'i': case 'o': case 'u': case 'y':
    case 0xE6: case 0xF8: case 0x153:  // æ ø œ
      return true;
    default:
      return false;
  }
}

// The longest run of letters that are not vowels in `word` (lower case).
int consonant_run(const std::string& word) {
  int run = 0, longest = 0;
  const auto* s = reinterpret_cast<const uint8_t*>(word.data());
  const int32_t n = static_cast<int32_t>(word.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    run = vowel(c) ? 0 : run + 1;
    longest = std::max(longest, run);
  }
  return longest;
}

// `ask_lexicon`: count the words the lexicon knows, until a fifth of the
// words so far are known (enough for judge_text()); otherwise `known`
// stays 0 and no word is looked up.
TextStats stats_of(std::string_view text, bool ask_lexicon) {
  TextStats t;
  std::string word;
  int word_letters = 0;
  bool upper_inside = false;  // a capital after the word's first letter ("UDQ", "ÄOHFMQ")
  auto end_word = [&] {
    if (word.empty()) return;
    if (word_letters >= 3) {
      ++t.long_words;
      t.shaped += !upper_inside;
      t.unspeakable += consonant_run(word) >= 4;
    }
    word_letters = 0;
    upper_inside = false;
    ++t.words;
    if (function_word(word)) {
      ++t.function_words;
    } else if (ask_lexicon && t.known * 5 < t.words) {
      const WordKnowledge k = swedish_word(word);
      t.known += k.word || k.name;
    }
    word.clear();
  };
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t n = static_cast<int32_t>(std::min<std::size_t>(text.size(), INT32_MAX));
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0 || c == 0xFFFD) {  // invalid UTF-8, or a replacement character
      ++t.bad;
      ++t.visible;
      end_word();
      continue;
    }
    if (c == '\n' || c == '\t' || c == '\r' || c == '\f' || u_isUWhiteSpace(c)) {
      end_word();
      continue;
    }
    ++t.visible;
    const int8_t type = u_charType(c);
    if (type == U_CONTROL_CHAR || type == U_PRIVATE_USE_CHAR || type == U_UNASSIGNED || type == U_SURROGATE) {
      ++t.bad;
      end_word();
      continue;
    }
    if (u_isalpha(c)) {
      ++t.letters, ++t.alnum;
      upper_inside |= word_letters > 0 && u_isupper(c);
      ++word_letters;
      char buf[U8_MAX_LENGTH];
      int32_t len = 0;
      UBool error = false;  // cannot happen: buf holds any code point
      U8_APPEND(reinterpret_cast<uint8_t*>(buf), len, U8_MAX_LENGTH, u_tolower(c), error);
      (void)error;
      word.append(buf, static_cast<std::size_t>(len));
    } else {
      t.alnum += u_isdigit(c) ? 1 : 0;
      end_word();
    }
  }
  end_word();
  return t;
}

// Text in a language other than Swedish or English reads as words too:
// PDFBox's solidconvertor sample, "Toto je pokusný text s češtinou", was
// judged garbage and replaced by the Swedish model's reading of it
// ("pokusny", "CeStinou"). Nine in ten of its longer words are written
// as words are (no capital after the first letter), and one in six holds
// four consonants in a row ("ěščřžýáíé"; Swedish compounds do too,
// "verksamhetsplan"), where a Caesar-shifted text has one in two. A font read as glyph codes fails one or the
// other: "*|UDQ 3HUVVRQ" (codes 29 off) is capitals, a Caesar-shifted
// "Vwdwhqv iromdqgh" runs consonants together.
bool another_language(const TextStats& t) {
  return t.long_words >= 20 && t.shaped * 10 >= t.long_words * 9 && t.unspeakable * 4 <= t.long_words;
}

// One bad character in twenty: a font without a usable ToUnicode map.
bool broken_font(const TextStats& t) { return t.bad * 20 > t.visible; }


}  // namespace

TextVerdict judge_text(std::string_view text) {
  const TextStats t = stats_of(text, true);
  if (broken_font(t)) return TextVerdict::kNotLanguage;
  if (t.letters < kMinLetters) return TextVerdict::kTooLittle;
  // Thirty words of running text hold several function words. A list of
  // names may hold none, but its words are in the lexicon (hunspell-sv
  // knows names); the words of a font printed as glyph indices are not.
  if (t.words >= 30 && t.function_words * 100 < t.words && t.known * 5 < t.words && !another_language(t))
    return TextVerdict::kNotLanguage;
  return TextVerdict::kLanguage;
}

bool ocr_text_wins(std::string_view layer, TextVerdict verdict, std::string_view ocr, int confidence) {
  const TextStats o = stats_of(ocr, false);
  // OCR that read nothing replaces nothing: pdfminer's matplotlib.pdf
  // keeps its axis labels, a blank scan stays a page without text.
  if (o.alnum == 0) return false;
  switch (verdict) {
    case TextVerdict::kLanguage:
      return false;
    case TextVerdict::kTooLittle: {
      // A page with a little text (a header over a scanned form, or a
      // chart's labels, digits only) is replaced only by OCR that is sure
      // and reads more than the text layer had: SJVFS 2009:26's forms
      // gain their contents, while matplotlib's labels and pdf.js's
      // ligature line keep their text. A page without text takes what
      // OCR reads, at any confidence.
      const int had = stats_of(layer, false).alnum;
      return had == 0 || (confidence >= kMinReplaceConfidence && o.alnum >= 2 * had);
    }
    case TextVerdict::kNotLanguage:
      // Garbage text is replaced only by text that reads as language,
      // read with confidence, so that a list of names does not lose a
      // good text layer.
      return confidence >= kMinReplaceConfidence && judge_text(ocr) == TextVerdict::kLanguage;
  }
  return false;
}

std::string restore_section_signs(std::string text) {
  std::string out;
  out.reserve(text.size() + 8);
  for (char c : text) {
    if (c == '$')
      out += "\u00a7";
    else
      out += c;
  }
  return out;
}

namespace {

// Specks a scan's margin adds after a line's last word, read as
// punctuation: "Skat--:" in prop. 1991/92:43, whose next line starts
// "temyndigheten".
bool speck(char c) { return c == '-' || c == ':' || c == ';' || c == '.' || c == ',' || c == '\'' || c == '"' || c == '`'; }

}  // namespace

std::string join_speckled_hyphens(std::string text) {
  std::string out;
  out.reserve(text.size());
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t eol = text.find('\n', start);
    const std::size_t end = eol == std::string::npos ? text.size() : eol;
    std::size_t last = end;
    while (last > start && (text[last - 1] == ' ' || text[last - 1] == '\t')) --last;
    std::size_t noise = last;
    while (noise > start && speck(text[noise - 1])) --noise;
    // The line's word then a hyphen then specks, and a next line that
    // goes on in lower case: the word is broken at the line end.
    const bool broken = noise < last && last - noise >= 2 && text[noise] == '-' && noise > start &&
                        (static_cast<unsigned char>(text[noise - 1]) >= 0x80 || std::isalpha(static_cast<unsigned char>(text[noise - 1])));
    std::size_t next = eol == std::string::npos ? text.size() : eol + 1;
    while (next < text.size() && (text[next] == ' ' || text[next] == '\n')) ++next;
    const bool goes_on = next < text.size() && (std::islower(static_cast<unsigned char>(text[next])) ||
                                                  text.compare(next, 2, "\u00e5") == 0 || text.compare(next, 2, "\u00e4") == 0 ||
                                                  text.compare(next, 2, "\u00f6") == 0);
    if (broken && goes_on) {
      out.append(text, start, noise + 1 - start);  // through the hyphen
    } else {
      out.append(text, start, end - start);
    }
    if (eol == std::string::npos) break;
    out += '\n';
    start = eol + 1;
  }
  return out;
}

std::string clean_text(std::string text) { return join_speckled_hyphens(restore_section_signs(std::move(text))); }

namespace {

// The share of dark pixels of `page` rendered at a low resolution: a few
// milliseconds, against two seconds for reading it.
double ink(const poppler::page& page) {
  poppler::page_renderer r;
  r.set_image_format(poppler::image::format_gray8);
  r.set_render_hint(poppler::page_renderer::antialiasing, true);
  poppler::image img = r.render_page(&page, 36, 36);
  if (!img.is_valid() || img.width() <= 0 || img.height() <= 0) return 0;
  std::size_t dark = 0;
  const char* data = img.const_data();
  for (int y = 0; y < img.height(); ++y) {
    const auto* row = reinterpret_cast<const unsigned char*>(data + std::size_t(y) * img.bytes_per_row());
    // Below 200, not 128: small print rendered at 36 dpi is grey.
    for (int x = 0; x < img.width(); ++x) dark += row[x] < 200;
  }
  return double(dark) / (double(img.width()) * img.height());
}

#ifdef ARKIV_HAVE_TESSERACT

// Resolution of the page images read: 300 dpi cost only 10-15% more CPU
// than 200 and is what the error rates above were measured at.
constexpr double kDpi = 300;
// A larger page (a drawing, a poster) is rendered at a lower resolution,
// so that one page image stays under 64 MB.
constexpr double kMaxPixels = 64e6;

// One engine per thread, initialised on first use (0.2 s, 18 MB) and kept:
// TessBaseAPI is not thread-safe, and a new one per page would double the
// cost of a short page.
struct Engine {
  tesseract::TessBaseAPI api;
  bool ok = false;
  Engine() {
    ok = api.Init(nullptr, "swe", tesseract::OEM_LSTM_ONLY) == 0;
    // The API's default is PSM_SINGLE_BLOCK, unlike the command line's:
    // on a two-column page it interleaves the columns' lines (word errors
    // 1% -> 27% on prop. 1991/92:43).
    if (!ok) return;
    api.SetPageSegMode(tesseract::PSM_AUTO);
    // Tesseract's notes ("Detected 40 diacritics") would go to the
    // helper's stderr, where they read as problems with the file.
    api.SetVariable("debug_file", "/dev/null");
  }
};

// Engines kept for the next thread that needs one: the threads that read
// one document's pages end with it, their engines do not.
class EnginePool {
 public:
  std::unique_ptr<Engine> take() {
    {
      std::lock_guard lock(mu_);
      if (!free_.empty()) {
        std::unique_ptr<Engine> e = std::move(free_.back());
        free_.pop_back();
        return e;
      }
    }
    return std::make_unique<Engine>();
  }
  void give(std::unique_ptr<Engine> e) {
    std::lock_guard lock(mu_);
    free_.push_back(std::move(e));
  }

 private:
  std::mutex mu_;
  std::vector<std::unique_ptr<Engine>> free_;
};

// Never destroyed: a static pool would be destroyed after Tesseract's own
// statics (its dictionary cache is built by the first engine, after the
// pool), and an engine ended then leaks its dictionaries; LeakSanitizer
// found 2.6 MB. Engines left in the pool at exit stay reachable from it.
EnginePool& engine_pool() {
  static EnginePool* const pool = new EnginePool;
  return *pool;
}

// This thread's engine, from the pool, given back when the thread ends.
Engine* engine() {
  struct Held {
    std::unique_ptr<Engine> e;
    ~Held() {
      if (e) engine_pool().give(std::move(e));
    }
  };
  thread_local Held held;
  if (!held.e) held.e = engine_pool().take();
  return held.e->ok ? held.e.get() : nullptr;
}

// Debian's libtesseract runs its LSTM on OpenMP threads: without
// OMP_THREAD_LIMIT=1 a 2-core machine burned 4 times the CPU for the same
// text (134 s against 34 s for 14 pages), while arkiv already runs one
// extraction per core. libgomp reads the variable when it is loaded, so it
// must be in the environment the process started with; this only asks
// libgomp (if it is loaded) what it read.
int omp_thread_limit() {
  using Fn = int (*)();
  static const Fn fn = reinterpret_cast<Fn>(dlsym(RTLD_DEFAULT, "omp_get_thread_limit"));
  return fn ? fn() : 1;
}

// Whether Tesseract may run in this process (omp_thread_limit()); the
// first page refused adds the diagnostic that says why, `refused` keeps
// it to one per file.
bool may_run(ExtractedDoc& doc, int page, bool& refused) {
  const int limit = omp_thread_limit();
  if (limit <= 1) return true;
  if (!refused)
    doc.diagnostics.push_back({DiagKind::kOcrRefused,
                               "OCR not run: Tesseract's OpenMP may start " + std::to_string(limit) +
                                   " threads per page; start the extraction with OMP_THREAD_LIMIT=1 in its environment",
                               page});
  refused = true;
  return false;
}

struct Read {
  std::string text;
  int confidence = 0;
  bool timed_out = false;
};

// The cache (ExtractOptions::ocr_cache_dir): one file per page image,
// "<dir>/<2 hex>/<64 hex>", holding a format line, the confidence and the
// text. The key covers everything the text depends on: the pixels, their
// size and the engine, model and settings.
constexpr const char* kCacheFormat = "arkiv-ocr 1";

// A grey page image as Tesseract reads it: one byte a pixel, rows
// `stride` bytes apart. Rendered by Poppler from a PDF page, or decoded by
// Leptonica from an image file.
struct Gray {
  const unsigned char* data = nullptr;
  int width = 0;
  int height = 0;
  std::size_t stride = 0;
  double dpi = 0;
};

std::string cache_key(const Gray& img) {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr);
  std::ostringstream head;
  head << engine_version() << " psm-auto gray8 " << img.dpi << ' ' << img.width << 'x' << img.height << '\n';
  const std::string h = head.str();
  EVP_DigestUpdate(ctx, h.data(), h.size());
  for (int y = 0; y < img.height; ++y)
    EVP_DigestUpdate(ctx, img.data + std::size_t(y) * img.stride, std::size_t(img.width));
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_DigestFinal_ex(ctx, md, &len);
  EVP_MD_CTX_free(ctx);
  static const char* kHex = "0123456789abcdef";
  std::string key;
  for (unsigned i = 0; i < len; ++i) {
    key += kHex[md[i] >> 4];
    key += kHex[md[i] & 15];
  }
  return key;
}

std::filesystem::path cache_path(const std::string& dir, const std::string& key) {
  return std::filesystem::path(dir) / key.substr(0, 2) / key;
}

bool cache_get(const std::string& dir, const std::string& key, Read& out) {
  std::ifstream in(cache_path(dir, key), std::ios::binary);
  std::string format;
  if (!std::getline(in, format) || format != kCacheFormat) return false;
  std::string conf;
  if (!std::getline(in, conf)) return false;
  std::ostringstream text;
  text << in.rdbuf();
  out.confidence = std::clamp(std::atoi(conf.c_str()), 0, 100);
  out.text = text.str();
  return true;
}

// Written to a temporary name and renamed: two helpers reading the same
// page at once each write a whole file, and a reader never sees half.
void cache_put(const std::string& dir, const std::string& key, const Read& r) {
  std::error_code ec;
  const std::filesystem::path path = cache_path(dir, key);
  std::filesystem::create_directories(path.parent_path(), ec);
  std::ostringstream tmp_name;
  tmp_name << path.string() << ".tmp." << getpid() << '.' << std::this_thread::get_id();
  const std::string tmp = tmp_name.str();
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    f << kCacheFormat << '\n' << r.confidence << '\n' << r.text;
    if (!f.flush()) {
      std::filesystem::remove(tmp, ec);
      return;
    }
  }
  std::filesystem::rename(tmp, path, ec);
  if (ec) std::filesystem::remove(tmp, ec);
}

// Reads `img`: from the cache when it holds this image (unless `fresh`),
// else by Tesseract. False when the engine cannot be started.
bool recognise(const Gray& img, const ExtractOptions& opts, bool fresh, unsigned pages_left, Read& out) {
  const unsigned timeout_seconds = opts.ocr_page_timeout;
  std::string key;
  if (!opts.ocr_cache_dir.empty()) {
    key = cache_key(img);
    if (!fresh && cache_get(opts.ocr_cache_dir, key, out)) return true;
  }
  Engine* e = engine();
  if (!e) return false;
  if (page_hook) page_hook(timeout_seconds, pages_left);
  e->api.SetImage(img.data, img.width, img.height, 1, static_cast<int>(img.stride));
  e->api.SetSourceResolution(static_cast<int>(img.dpi));
  tesseract::ETEXT_DESC monitor;
  monitor.set_deadline_msecs(static_cast<int32_t>(std::min<unsigned>(timeout_seconds, 2000000u) * 1000));
  // Past the deadline Recognize() stops and returns an error; the words
  // recognised until then stay in the result and are read below.
  e->api.Recognize(&monitor);
  out.timed_out = monitor.deadline_exceeded();
  std::unique_ptr<char[]> text(e->api.GetUTF8Text());
  out.text = clean_text(text ? text.get() : "");
  out.confidence = std::clamp(e->api.MeanTextConf(), 0, 100);
  e->api.Clear();
  // A page stopped at its deadline is not kept: a later run with more
  // time, or on a quieter machine, may read all of it.
  if (!key.empty() && !out.timed_out) cache_put(opts.ocr_cache_dir, key, out);
  return true;
}

// A PDF page rendered for OCR, at kDpi (less for a page larger than
// kMaxPixels); invalid when it cannot be rendered.
struct Rendered {
  poppler::image img;
  double dpi = kDpi;
  Gray gray() const {
    return {reinterpret_cast<const unsigned char*>(img.const_data()), img.width(), img.height(),
            static_cast<std::size_t>(img.bytes_per_row()), dpi};
  }
};

Rendered render(const poppler::page& page) {
  const poppler::rectf box = page.page_rect(poppler::media_box);
  double dpi = kDpi;
  const double pixels = (box.width() / 72 * dpi) * (box.height() / 72 * dpi);
  if (pixels > kMaxPixels) dpi *= std::sqrt(kMaxPixels / pixels);
  poppler::page_renderer r;
  // Grey, not format_mono: poppler-cpp 22.12's mono images have sheared
  // rows.
  r.set_image_format(poppler::image::format_gray8);
  r.set_render_hint(poppler::page_renderer::antialiasing, true);
  r.set_render_hint(poppler::page_renderer::text_antialiasing, true);
  return {r.render_page(&page, dpi, dpi), dpi};
}

#endif  // ARKIV_HAVE_TESSERACT

}  // namespace

std::string engine_version() {
#ifdef ARKIV_HAVE_TESSERACT
  return std::string("tesseract ") + tesseract::TessBaseAPI::Version() + " swe";
#else
  return std::string();
#endif
}

namespace {

#ifdef ARKIV_HAVE_TESSERACT

// Leptonica's images, freed when they go out of scope.
struct PixFree {
  void operator()(Pix* p) const { pixDestroy(&p); }
};
using PixPtr = std::unique_ptr<Pix, PixFree>;

// A scan without a resolution (many phone pictures, some faxes) is taken
// as 300 dpi: Tesseract would guess 70 and read small print worse.
constexpr int kAssumedDpi = 300;

// `pix` as one grey byte a pixel (colour by luminance, a colour map
// dropped, 1-bit black as 0), scaled down to kMaxPixels, in `bytes`.
bool gray_of(Pix* pix, std::vector<unsigned char>& bytes, Gray& g) {
  int dpi = pixGetXRes(pix);
  if (dpi < 70 || dpi > 2400) dpi = kAssumedDpi;
  PixPtr gray(pixConvertTo8(pix, 0));
  if (!gray) return false;
  double w = pixGetWidth(gray.get()), h = pixGetHeight(gray.get());
  if (w * h > kMaxPixels) {
    const double f = std::sqrt(kMaxPixels / (w * h));
    PixPtr small(pixScale(gray.get(), static_cast<float>(f), static_cast<float>(f)));
    if (!small) return false;
    gray = std::move(small);
    dpi = std::max(70, static_cast<int>(dpi * f));
  }
  g.width = pixGetWidth(gray.get());
  g.height = pixGetHeight(gray.get());
  g.stride = static_cast<std::size_t>(g.width);
  g.dpi = dpi;
  bytes.resize(g.stride * static_cast<std::size_t>(g.height));
  // Leptonica packs bytes into 32-bit words in native order: read each
  // through its macro.
  const l_int32 wpl = pixGetWpl(gray.get());
  l_uint32* rows = pixGetData(gray.get());
  for (int y = 0; y < g.height; ++y) {
    const l_uint32* row = rows + std::size_t(y) * wpl;
    for (int x = 0; x < g.width; ++x) bytes[std::size_t(y) * g.stride + x] = GET_DATA_BYTE(row, x);
  }
  g.data = bytes.data();
  return true;
}

std::string leptonica_version() {
  std::unique_ptr<char, decltype(&free)> v(getLeptonicaVersion(), &free);
  return v ? v.get() : "leptonica";
}

#endif  // ARKIV_HAVE_TESSERACT

}  // namespace

void read_image(ExtractedDoc& doc, const std::string& data, const ExtractOptions& opts) {
  doc.format = "image";
#ifdef ARKIV_HAVE_TESSERACT
  // Leptonica would print its own errors on the helper's stderr; each
  // problem is a diagnostic of the file instead.
  static const bool quiet = (setMsgSeverity(L_SEVERITY_NONE), true);
  (void)quiet;
  doc.extractor = leptonica_version();
  const auto* bytes = reinterpret_cast<const l_uint8*>(data.data());
  l_int32 format = IFF_UNKNOWN, w = 0, h = 0, bps = 0, spp = 0, cmap = 0;
  if (pixReadHeaderMem(bytes, data.size(), &format, &w, &h, &bps, &spp, &cmap) != 0 || w <= 0 || h <= 0) {
    doc.diagnostics.push_back({DiagKind::kCorrupt, "not a readable image", 0});
    return;
  }
  if (double(w) * double(h) > kMaxImagePixels) {
    doc.diagnostics.push_back({DiagKind::kTooLarge,
                               "image is " + std::to_string(w) + " x " + std::to_string(h) + " pixels, limit is " +
                                   std::to_string(static_cast<long long>(kMaxImagePixels)),
                               0});
    return;
  }
  const bool tiff = format == IFF_TIFF || (format >= IFF_TIFF_PACKBITS && format <= IFF_TIFF_JPEG);
  const bool ocr = opts.ocr != OcrMode::kNever && ocr_available();
  bool read_any = false;
  bool refused = false;
  // The pages to come, for the progress line: a TIFF's directory count.
  int pages = 1;
  if (tiff) {
    if (FILE* f = fmemopen(const_cast<char*>(data.data()), data.size(), "rb")) {
      l_int32 n = 0;
      if (tiffGetCount(f, &n) == 0 && n > 0) pages = n;
      fclose(f);
    }
  }
  if (pages > opts.max_pages) {
    doc.diagnostics.push_back({DiagKind::kTooLarge,
                               std::to_string(pages) + " pages, limit is " + std::to_string(opts.max_pages), 0});
    return;
  }
  // One page at a time: a multi-page TIFF is decoded page by page, never
  // all at once.
  std::size_t offset = 0;
  for (int n = 1;; ++n) {
    if (n > opts.max_pages) {
      doc.pages.clear();
      doc.diagnostics.push_back(
          {DiagKind::kTooLarge, "more than " + std::to_string(opts.max_pages) + " pages", 0});
      return;
    }
    PixPtr pix(tiff ? pixReadMemFromMultipageTiff(bytes, data.size(), &offset) : pixReadMem(bytes, data.size()));
    if (!pix) {
      if (n == 1) {
        doc.diagnostics.push_back({DiagKind::kCorrupt, "not a readable image", 0});
        return;
      }
      doc.diagnostics.push_back({DiagKind::kPageNoText, "page " + std::to_string(n) + " cannot be decoded", n});
      break;
    }
    if (double(pixGetWidth(pix.get())) * pixGetHeight(pix.get()) > kMaxImagePixels) {
      doc.pages.clear();
      doc.diagnostics.push_back({DiagKind::kTooLarge, "page " + std::to_string(n) + " is larger than " +
                                                          std::to_string(static_cast<long long>(kMaxImagePixels)) +
                                                          " pixels", 0});
      return;
    }
    Page page;
    page.number = n;
    if (ocr && may_run(doc, n, refused)) {
      std::vector<unsigned char> gray_bytes;
      Gray g;
      Read read;
      const auto left = static_cast<unsigned>(std::max(0, pages - n));
      if (gray_of(pix.get(), gray_bytes, g) && recognise(g, opts, opts.ocr == OcrMode::kForce, left, read) &&
          stats_of(read.text, false).alnum > 0) {
        if (read.timed_out)
          doc.diagnostics.push_back({DiagKind::kPageOcrStopped,
                                     "OCR stopped at the " + std::to_string(opts.ocr_page_timeout) +
                                         " s page deadline; the words read until then are kept",
                                     n});
        page.text = std::move(read.text);
        page.source = PageSource::kOcr;
        page.confidence = read.confidence;
        read_any = true;
      }
    }
    doc.pages.push_back(std::move(page));
    if (!tiff || offset == 0) break;
  }
  doc.page_count = static_cast<int>(doc.pages.size());
  if (read_any) {
    doc.extractor += ", " + engine_version();
    return;
  }
  doc.diagnostics.push_back({DiagKind::kNoText,
                             ocr && !refused ? "an image in which OCR read no text"
                                 : "an image: its text needs OCR (--ocr auto, with Tesseract installed)",
                             0});
#else
  (void)data;
  (void)opts;
  doc.extractor = "none";
  doc.pages.push_back(Page{});
  doc.pages.back().number = 1;
  doc.page_count = 1;
  doc.diagnostics.push_back(
      {DiagKind::kNoText, "an image: its text needs OCR (this arkiv was built without Tesseract)", 0});
#endif
}

std::vector<int> pages_to_read(const ExtractedDoc& doc, poppler::document& pdf, OcrMode mode) {
  std::vector<int> out;
  if (mode == OcrMode::kNever) return out;
  for (std::size_t i = 0; i < doc.pages.size() && i < static_cast<std::size_t>(pdf.pages()); ++i) {
    const TextVerdict verdict = judge_text(doc.pages[i].text);
    if (verdict == TextVerdict::kLanguage && mode != OcrMode::kForce) continue;
    std::unique_ptr<poppler::page> p(pdf.create_page(static_cast<int>(i)));
    if (!p) continue;
    // A page with garbage text carries ink by definition; an empty one or
    // one with a header only is read if it is more than a blank sheet.
    if (verdict != TextVerdict::kNotLanguage && ink(*p) < kMinInk) continue;
    out.push_back(doc.pages[i].number);
  }
  return out;
}

void read_pdf_pages(ExtractedDoc& doc, poppler::document& pdf, const ExtractOptions& opts) {
#ifdef ARKIV_HAVE_TESSERACT
  if (opts.ocr == OcrMode::kNever || !ocr_available()) return;
  const std::vector<int> plan = pages_to_read(doc, pdf, opts.ocr);
  bool refused = false;
  if (plan.empty() || !may_run(doc, plan.front(), refused)) return;
  const bool fresh = opts.ocr == OcrMode::kForce;
  std::vector<Read> reads(plan.size());
  std::vector<char> read_ok(plan.size(), 0);
  // Poppler renders in this thread, one page ahead of each reader;
  // Tesseract reads on `workers` threads, each with an engine of its own,
  // each page into its own slot. Results are applied in page order below.
  const auto workers = static_cast<std::size_t>(std::clamp<unsigned>(opts.ocr_threads, 1u, static_cast<unsigned>(plan.size())));
  struct Job {
    std::size_t index = 0;
    Rendered page;
  };
  std::mutex mu;
  std::condition_variable changed;
  std::deque<Job> queue;
  bool rendered_all = false;
  auto read_one = [&](Job& job) {
    try {
      const auto left = static_cast<unsigned>(plan.size() - job.index - 1);
      read_ok[job.index] = recognise(job.page.gray(), opts, fresh, left, reads[job.index]);
    } catch (const std::exception&) {
      read_ok[job.index] = 0;  // out of memory in Tesseract: this page stays as it was
    }
  };
  auto read_queued = [&] {
    for (;;) {
      Job job;
      {
        std::unique_lock lock(mu);
        changed.wait(lock, [&] { return !queue.empty() || rendered_all; });
        if (queue.empty()) return;
        job = std::move(queue.front());
        queue.pop_front();
      }
      changed.notify_all();
      read_one(job);
    }
  };
  std::vector<std::thread> readers;
  if (workers > 1)
    for (std::size_t w = 0; w < workers; ++w) readers.emplace_back(read_queued);
  for (std::size_t i = 0; i < plan.size(); ++i) {
    std::unique_ptr<poppler::page> p(pdf.create_page(plan[i] - 1));
    if (!p) continue;
    Job job{i, render(*p)};
    if (!job.page.img.is_valid()) continue;
    if (readers.empty()) {  // one reader: this thread, page by page
      read_one(job);
      continue;
    }
    std::unique_lock lock(mu);
    changed.wait(lock, [&] { return queue.size() < workers; });
    queue.push_back(std::move(job));
    lock.unlock();
    changed.notify_all();
  }
  {
    std::lock_guard lock(mu);
    rendered_all = true;
  }
  changed.notify_all();
  for (std::thread& t : readers) t.join();
  for (std::size_t i = 0; i < plan.size(); ++i) {
    Page& page = doc.pages[static_cast<std::size_t>(plan[i] - 1)];
    Read& read = reads[i];
    if (!read_ok[i]) continue;
    if (!fresh && !ocr_text_wins(page.text, judge_text(page.text), read.text, read.confidence)) continue;
    if (read.timed_out)
      doc.diagnostics.push_back({DiagKind::kPageOcrStopped,
                                 "OCR stopped at the " + std::to_string(opts.ocr_page_timeout) +
                                     " s page deadline; the words read until then are kept",
                                 page.number});
    page.text = std::move(read.text);
    page.source = PageSource::kOcr;
    page.confidence = read.confidence;
  }
  if (std::any_of(doc.pages.begin(), doc.pages.end(), [](const Page& p) { return p.source == PageSource::kOcr; }))
    doc.extractor += ", " + engine_version();
#else
  (void)doc;
  (void)pdf;
  (void)opts;
#endif
}

}  // namespace arkiv::extract::ocr
