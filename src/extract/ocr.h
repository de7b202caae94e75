// OCR of page images: which pages of a PDF need it, and reading them with
// Tesseract's Swedish model. Internal to src/extract/; runs where
// extraction runs (the extraction helper), one Tesseract engine per thread.
//
// Scanned decisions (rinfo_RA-FS-2004_2_scanned.pdf) have no text layer at
// all; SJVFS 2009:26 has sixteen image pages among its text pages, each
// with only a printed header ("SJVFS 2009:26", "Bilaga 1", "8") as text.
// Both are read page by page; a page with real text is left alone.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "arkiv/options.h"
#include "arkiv/record.h"

namespace poppler {
class document;
}

namespace arkiv::extract::ocr {

// What a page's own text says about whether it needs OCR.
enum class TextVerdict {
  kLanguage,     // real text: kept, never sent to OCR (in auto mode)
  kTooLittle,    // fewer than kMinLetters letters (none, a header, a page
                 // number): OCR if the page carries ink
  kNotLanguage,  // control, replacement or private-use characters, or
                 // many words and no function word: garbage from a broken
                 // font; OCR, and its text kept if it reads as language
};

// The mean confidence OCR must reach to replace a text layer that is
// there but does not read as language: pdf.js's copy_paste_ligatures.pdf
// (a line of ligatures, "abcdefﬀﬁﬂ...") was replaced by "abedeffffifl..."
// read at 16%. A page without text takes what OCR reads, at any confidence.
inline constexpr int kMinReplaceConfidence = 70;

// Letters a page needs before its text can count as language.
inline constexpr int kMinLetters = 40;

// The verdict on `text` (UTF-8, as the extractor produced it).
TextVerdict judge_text(std::string_view text);

// Whether what OCR read (`ocr`, at mean `confidence`) replaces a page's
// text layer `layer`, judged `verdict`, in auto mode: never by OCR that
// read no letter or digit; a page without text by anything else; a
// little text by OCR that is sure and reads twice its letters and digits;
// garbage by OCR that is sure and reads as language.
bool ocr_text_wins(std::string_view layer, TextVerdict verdict, std::string_view ocr, int confidence);

// Share of inked pixels (0-1) a page needs, rendered at 36 dpi, to be
// worth reading. Measured: SJVFS 2009:26's image pages (forms in small
// print) 1.7-8.6%, text pages 8-13%; a page with only a 20-point header
// and a page number 0.32%, a blank one 0.01%.
inline constexpr double kMinInk = 0.008;

// The pages of `doc` (extracted from `pdf` without OCR; page i of pdf is
// doc.pages[i]) that `mode` sends to OCR, by number: in auto mode those
// whose text is not language and that carry ink (kMinInk); in force mode
// every page with ink. Renders only at 36 dpi, reads nothing. On the 45
// real authority PDFs in ../shared: the four scans' pages and the image
// pages of SJVFS 2009:26 (7-22) and 2009:44 (8-14), no other page.
std::vector<int> pages_to_read(const ExtractedDoc& doc, poppler::document& pdf, OcrMode mode);

// Reads by OCR the pages of `doc` (extracted from `pdf`, page i of pdf is
// doc.pages[i]) that opts.ocr asks for, replacing their text and setting
// their source and confidence. Adds a page diagnostic for a page stopped
// at opts.ocr_page_timeout. Does nothing for OcrMode::kNever or when OCR
// is not available. Never throws for a bad page.
void read_pdf_pages(ExtractedDoc& doc, poppler::document& pdf, const ExtractOptions& opts);

// Reads an image file in memory (a scan saved as TIFF, PNG or JPEG; every
// page of a multi-page TIFF) into doc.pages, one page per image, each
// with its source and confidence, and sets doc.page_count. Without OCR
// (OcrMode::kNever, or not built in) the pages stay empty. A file
// Leptonica cannot decode is corrupt, one whose pixels exceed
// kMaxImagePixels or whose pages exceed opts.max_pages is too large; all
// as diagnostics. Never throws for a bad file.
void read_image(ExtractedDoc& doc, const std::string& data, const ExtractOptions& opts);

// Pixels of one image a file may declare before it is decoded (a PNG's
// header can claim 100,000 x 100,000 in 60 bytes): 150 million, an A1
// sheet at 400 dpi, 600 MB decoded in colour, well inside the default
// --file-memory of 2 GiB. Larger images are "too large"; those under it
// but over 64 million pixels are scaled down before OCR.
inline constexpr double kMaxImagePixels = 150e6;

// Called before Tesseract reads a page (not for a page found in the
// cache), with that page's deadline in seconds and the pages of the same
// document still planned for OCR after it (pages_to_read(), the pages of
// a multi-page TIFF; some may yet be found in the cache). A file's time
// limit (--file-timeout) is for reading a file; OCR adds up to its page
// deadline per page, which the extraction helper tells its parent through
// this hook (extract/serve.cc), so a 100-page scan is bounded page by
// page instead of being stopped at 120 s; the pages left give the
// progress line its "page 3 of 14". Null: nothing is told.
using PageHook = void (*)(unsigned deadline_seconds, unsigned pages_left);
void set_page_hook(PageHook hook);

// The engine and model, e.g. "tesseract 5.3.0 swe"; empty without OCR.
std::string engine_version();

// `$` read back as `§`: the swe model has no `§` and reads "12 §§" as
// "12 $$"; `$` is all but absent from Swedish records.
std::string restore_section_signs(std::string text);

// A hyphen at a line end followed by specks of the scan's margin read as
// punctuation ("Skat--:" over "temyndigheten" in prop. 1991/92:43) made
// a plain line-end hyphen, so the word is joined as any broken word is;
// only when the next line goes on in lower case.
std::string join_speckled_hyphens(std::string text);

// What Tesseract's text goes through before it is a page's text: both of
// the above.
std::string clean_text(std::string text);

}  // namespace arkiv::extract::ocr
