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
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <thread>
#include <string>
#include <unordered_set>

#ifdef ARKIV_HAVE_TESSERACT
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
};

// `ask_lexicon`: count the words the lexicon knows, until a fifth of the
// words so far are known (enough for judge_text()); otherwise `known`
// stays 0 and no word is looked up.
TextStats stats_of(std::string_view text, bool ask_lexicon) {
  TextStats t;
  std::string word;
  auto end_word = [&] {
    if (word.empty()) return;
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
  if (t.words >= 30 && t.function_words * 100 < t.words && t.known * 5 < t.words) return TextVerdict::kNotLanguage;
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

Engine* engine() {
  thread_local std::unique_ptr<Engine> e;
  if (!e) e = std::make_unique<Engine>();
  return e->ok ? e.get() : nullptr;
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

std::string cache_key(const poppler::image& img, double dpi) {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr);
  std::ostringstream head;
  head << engine_version() << " psm-auto gray8 " << dpi << ' ' << img.width() << 'x' << img.height() << '\n';
  const std::string h = head.str();
  EVP_DigestUpdate(ctx, h.data(), h.size());
  for (int y = 0; y < img.height(); ++y)
    EVP_DigestUpdate(ctx, img.const_data() + std::size_t(y) * img.bytes_per_row(), std::size_t(img.width()));
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

// Reads `page`: from the cache when it holds this image (unless `fresh`),
// else by Tesseract. False when the page cannot be rendered or the engine
// not started.
bool read_page(const poppler::page& page, const ExtractOptions& opts, bool fresh, Read& out) {
  const unsigned timeout_seconds = opts.ocr_page_timeout;
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
  poppler::image img = r.render_page(&page, dpi, dpi);
  if (!img.is_valid()) return false;
  std::string key;
  if (!opts.ocr_cache_dir.empty()) {
    key = cache_key(img, dpi);
    if (!fresh && cache_get(opts.ocr_cache_dir, key, out)) return true;
  }
  Engine* e = engine();
  if (!e) return false;
  if (page_hook) page_hook(timeout_seconds);
  e->api.SetImage(reinterpret_cast<const unsigned char*>(img.const_data()), img.width(), img.height(), 1,
                  img.bytes_per_row());
  e->api.SetSourceResolution(static_cast<int>(dpi));
  tesseract::ETEXT_DESC monitor;
  monitor.set_deadline_msecs(static_cast<int32_t>(std::min<unsigned>(timeout_seconds, 2000000u) * 1000));
  // Past the deadline Recognize() stops and returns an error; the words
  // recognised until then stay in the result and are read below.
  e->api.Recognize(&monitor);
  out.timed_out = monitor.deadline_exceeded();
  std::unique_ptr<char[]> text(e->api.GetUTF8Text());
  out.text = restore_section_signs(text ? text.get() : "");
  out.confidence = std::clamp(e->api.MeanTextConf(), 0, 100);
  e->api.Clear();
  // A page stopped at its deadline is not kept: a later run with more
  // time, or on a quieter machine, may read all of it.
  if (!key.empty() && !out.timed_out) cache_put(opts.ocr_cache_dir, key, out);
  return true;
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

void read_pdf_pages(ExtractedDoc& doc, poppler::document& pdf, const ExtractOptions& opts) {
#ifdef ARKIV_HAVE_TESSERACT
  if (opts.ocr == OcrMode::kNever || !ocr_available()) return;
  bool refused = false;
  for (std::size_t i = 0; i < doc.pages.size() && i < static_cast<std::size_t>(pdf.pages()); ++i) {
    Page& page = doc.pages[i];
    const TextVerdict verdict = judge_text(page.text);
    if (verdict == TextVerdict::kLanguage && opts.ocr != OcrMode::kForce) continue;
    std::unique_ptr<poppler::page> p(pdf.create_page(static_cast<int>(i)));
    if (!p) continue;
    // A page with garbage text carries ink by definition; an empty one or
    // one with a header only is read if it is more than a blank sheet.
    if (verdict != TextVerdict::kNotLanguage && ink(*p) < kMinInk) continue;
    if (const int limit = omp_thread_limit(); limit > 1) {
      if (!refused)
        doc.diagnostics.push_back(
            {DiagKind::kOcrRefused,
             "OCR not run: Tesseract's OpenMP may start " + std::to_string(limit) +
                 " threads per page; start the extraction with OMP_THREAD_LIMIT=1 in its environment",
             page.number});
      refused = true;
      continue;
    }
    Read read;
    if (!read_page(*p, opts, opts.ocr == OcrMode::kForce, read)) continue;
    if (opts.ocr != OcrMode::kForce && !ocr_text_wins(page.text, verdict, read.text, read.confidence)) continue;
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
  (void)&ink;
#endif
}

}  // namespace arkiv::extract::ocr
