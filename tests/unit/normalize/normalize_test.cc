// Normalization, table-driven: raw page text as Poppler prints it in raw
// order (line breaks and hyphens as on paper) -> the text arkiv stores.
// Many inputs are lines of the seed record (Gävle's follow-up of the Zhuhai
// partnership, ../shared/seed/000_9c845c6fc26ea55d.txt), copied with their
// trailing blanks.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "arkiv/pipeline.h"

#ifndef ARKIV_SOURCE_DIR
#define ARKIV_SOURCE_DIR "."
#endif

namespace arkiv::normalize {
namespace {

using namespace std::string_literals;

struct Case {
  const char* name;
  std::string input;
  std::string expected;
  bool dehyphenate = true;
};

// The seed's URL, broken by the PDF after "arbetet-i-" and whole elsewhere.
const std::string kSeedUrl =
    "https://www.regeringen.se/4ad5e5/contentassets/8a6d4e54b01d48ed9c196a252d09aff4/"
    "arbetet-i-fragor-som-ror-kina-skr-2019-20-18.pdf";

const std::vector<Case>& cases() {
  static const std::vector<Case> kCases = {
      // --- Encoding -------------------------------------------------------
      {"invalid UTF-8 byte replaced", "Gävle \xFF kommun"s, "Gävle \uFFFD kommun"},
      {"truncated sequence at the end replaced", "Gävle\xC3"s, "Gävle\uFFFD"},
      {"Latin-1 byte inside UTF-8 replaced", "G\xE4vle"s, "G\uFFFDvle"},
      {"empty", "", ""},

      // --- Line ends and control characters -------------------------------
      {"CR LF to LF", "rad ett\r\nrad två", "rad ett\nrad två"},
      {"lone CR to LF", "rad ett\rrad två", "rad ett\nrad två"},
      {"CR CR LF is two breaks", "rad ett\r\r\nrad två", "rad ett\n\nrad två"},
      {"C0 controls removed", "Gävle\x01\x1B kommun\x07"s, "Gävle kommun"},
      {"NUL removed", "Gäv\0le"s, "Gävle"},
      {"DEL and C1 controls removed", "Gävle\x7F kom\u0085mun\u009F", "Gävle kommun"},
      {"tab to space", "§ 12\tBeslut", "§ 12 Beslut"},
      {"form feed kept as page break, each side trimmed", "Sida ett \n\n\fSida två", "Sida ett\fSida två"},

      // --- NFC --------------------------------------------------------------
      {"decomposed ä composed", "Ga\u0308vle", "Gävle"},
      {"decomposed Å composed", "A\u030Angermanland", "Ångermanland"},
      {"angstrom sign to Å (canonical singleton)", "\u212Bngermanland", "Ångermanland"},
      {"soft hyphen between letter and mark", "ma\u00AD\u0308nskliga", "mänskliga"},

      // --- Compatibility forms: only ligatures and full-width ASCII -------
      {"ligature fi", "\uFB01nans", "finans"},
      {"all Latin ligatures", "\uFB00 \uFB01 \uFB02 \uFB03 \uFB04 \uFB05 \uFB06", "ff fi fl ffi ffl st st"},
      {"ligatures inside words", "\uFB01nansiering och \uFB02öde", "finansiering och flöde"},
      {"full-width ASCII folded", "\uFF2B\uFF33\u3000\uFF12\uFF10\uFF12\uFF10\uFF01", "KS 2020!"},
      {"full-width range ends", "\uFF01\uFF5E", "!~"},
      {"other compatibility characters kept", "½ m² x¹ … ™ ℃ ª \uFF61 \uFB13", "½ m² x¹ … ™ ℃ ª \uFF61 \uFB13"},

      // --- Invisible characters ---------------------------------------------
      {"soft hyphen removed", "av\u00ADslag", "avslag"},
      {"zero-width space removed", "Gäv\u200Ble", "Gävle"},
      {"joiners and word joiner removed", "Zhu\u200Chai\u200D Ki\u2060na", "Zhuhai Kina"},
      {"BOM removed", "\uFEFFBakgrund", "Bakgrund"},

      // --- Spaces -------------------------------------------------------------
      {"no-break space", "§\u00A012", "§ 12"},
      {"narrow no-break and figure space", "10\u202F000\u2007kr", "10 000 kr"},
      {"U+2000 to U+200A", "a\u2000b\u2001c\u2002d\u2003e\u2004f\u2005g\u2006h\u2007i\u2008j\u2009k\u200Al",
       "a b c d e f g h i j k l"},
      {"ideographic space", "Zhuhai\u3000Kina", "Zhuhai Kina"},
      {"mixed run collapses to one", "Gävle\u00A0 \u2003\t kommun", "Gävle kommun"},

      // --- Quotes, hyphens, dashes --------------------------------------------
      {"curly quotes from the seed",
       "projekt: Medborgardialog – \u201DInnovative ",
       "projekt: Medborgardialog – \"Innovative"},
      {"curly quotes around a phrase", "\u201DInnovative citizen dialogue\u201D", "\"Innovative citizen dialogue\""},
      {"all double quotes", "\u201C1\u201D \u201E2\u201F \u00AB3\u00BB", "\"1\" \"2\" \"3\""},
      {"all single quotes", "\u20181\u2019 \u201A2\u201B SKR\u2019s", "'1' '2' SKR's"},
      {"hyphen, non-breaking hyphen, minus", "Gävle\u2010Zhuhai e\u2011post \u22125", "Gävle-Zhuhai e-post -5"},
      {"en and em dash kept", "2016 – 2020 — klart", "2016 – 2020 — klart"},

      // --- Lines ----------------------------------------------------------------
      {"trailing blanks trimmed", "Bakgrund \nGävle kommun har sedan 2010 ", "Bakgrund\nGävle kommun har sedan 2010"},
      {"trailing no-break space trimmed", "Bakgrund\u00A0\n", "Bakgrund"},
      {"runs of spaces collapsed", "Gävle  kommun   har", "Gävle kommun har"},
      {"leading blanks trimmed", "   Bakgrund", "Bakgrund"},
      {"blank lines at page edges dropped", "\n \n  \nBakgrund \n \nText\n \n\n", "Bakgrund\n\nText"},
      {"inner blank lines kept", "Bakgrund\n\n\nText", "Bakgrund\n\n\nText"},
      {"only blanks", " \n \t\n", ""},

      // --- Swedish text unchanged -----------------------------------------------
      {"Centrum för Lokal Demokrati", "Centrum för Lokal Demokrati", "Centrum för Lokal Demokrati"},
      {"å ä ö never stripped", "Kina får allt större betydelse för Sverige",
       "Kina får allt större betydelse för Sverige"},
      {"capitals and accents kept", "ÅÄÖ åäö Linnéus Müller", "ÅÄÖ åäö Linnéus Müller"},
      {"S:t kept", "S:t Eriks gata", "S:t Eriks gata"},

      // --- Hyphens inside a line are never touched -------------------------------
      {"ICLD-Internationellt kept",
       "Gävle kommun genomförde med finansiering från ICLD-Internationellt Centrum för Lokal Demokrati ",
       "Gävle kommun genomförde med finansiering från ICLD-Internationellt Centrum för Lokal Demokrati"},
      {"2016-2020 kept", "Uppföljning partnerskap med Zhuhai, Kina 2016-2020 ",
       "Uppföljning partnerskap med Zhuhai, Kina 2016-2020"},
      {"miljö-/klimatområdet kept", "inom miljö-/klimatområdet), dessutom", "inom miljö-/klimatområdet), dessutom"},
      {"Linnéus Palme-utbyte kept", "begränsat till ett Linnéus Palme-utbyte inom industriell ",
       "begränsat till ett Linnéus Palme-utbyte inom industriell"},
      {"(2015-16) kept", "en förstudie (2015-16), som resulterade", "en förstudie (2015-16), som resulterade"},

      // --- Line-break hyphenation: typesetter's hyphen dropped --------------------
      {"utlands-/politik", "a utlands-\npolitik, det gör", "a utlandspolitik, det gör"},
      {"utlands-/politik after a trimmed line", "bedriver \nutlands- \npolitik, det gör UD/regeringen",
       "bedriver\nutlandspolitik, det gör UD/regeringen"},
      {"gemenskaps-/rätten", "utanför gemenskaps-\nrätten, t.ex.", "utanför gemenskapsrätten, t.ex."},
      {"next line starting with ä", "förutsättningar för-\nändring", "förutsättningar förändring"},
      {"broken word ending the text", "det kommun-\nägda", "det kommunägda"},
      {"chained breaks", "kommun-\nstyrelse-\nordföranden", "kommunstyrelseordföranden"},
      {"after an earlier hyphen", "ICLD-finansierings-\nprojektet", "ICLD-finansieringsprojektet"},
      {"after a slash", "miljö-/klimat-\nområdet", "miljö-/klimatområdet"},
      {"blank lines between the halves", "utlands-\n \n\npolitik", "utlandspolitik"},
      {"word inside parentheses", "(utlands-\npolitik)", "(utlandspolitik)"},
      {"word that starts like a conjunction", "till-\nsammans med", "tillsammans med"},
      {"next word longer than a conjunction", "samarbets-\nområden", "samarbetsområden"},
      {"closed compound efter-som", "efter-\nsom det", "eftersom det"},
      {"closed compound där-till", "och där-\ntill kommer", "och därtill kommer"},
      {"closed compound at sentence start", "Lik-\nsom tidigare", "Liksom tidigare"},

      // --- Line-break hyphenation: real hyphen kept ---------------------------------
      {"acronym IT-", "Ansvarig är IT-\navdelningen.", "Ansvarig är IT-avdelningen."},
      {"acronym ICLD-", "det för ICLD-\nfinansiering obligatoriska", "det för ICLD-finansiering obligatoriska"},
      {"name Palme-", "ett Linnéus Palme-\nutbyte inom industriell", "ett Linnéus Palme-utbyte inom industriell"},
      {"acronym with Å", "vid ÅVC-\nstationen", "vid ÅVC-stationen"},
      {"digit in the word", "ett A4-\nformat", "ett A4-format"},
      {"number before the hyphen", "mitten av 2000-\ntalet", "mitten av 2000-talet"},
      {"single letter e-", "skicka e-\npost till registrator", "skicka e-post till registrator"},
      {"single letter in parentheses", "(e-\npost)", "(e-post)"},

      // --- Line-break hyphenation: a capitalised part asks the lexicon ---------------
      {"Soci-alstyrelsen", "yttrande från Soci-\nalstyrelsen om", "yttrande från Socialstyrelsen om"},
      {"Finansin-spektionens", "Finansin-\nspektionens föreskrifter", "Finansinspektionens föreskrifter"},
      {"Arbets-förmedlingens", "hos Arbets-\nförmedlingens kontor", "hos Arbetsförmedlingens kontor"},
      {"Änd-ringen at sentence start", "Änd-\nringen träder i kraft", "Ändringen träder i kraft"},
      {"Kommun-styrelsen at sentence start", "Kommun-\nstyrelsen beslutar", "Kommunstyrelsen beslutar"},
      {"table header Cyper-metrin", "Cyper-\nmetrin\n(D)", "Cypermetrin\n(D)"},
      {"name before a word keeps it", "ett Zhuhai-\nsamarbete", "ett Zhuhai-samarbete"},

      // --- A capital Å, Ä, Ö set apart (Acrobat PDFWriter 3.0, Ds 1998:10) ---------
      {"Ä ven", "Ä ven om detta", "Även om detta"},
      {"Ö vriga", "4 Rättsinformationssystem i Ö vriga Europa", "4 Rättsinformationssystem i Övriga Europa"},
      {"Å tminstone", "(Å tminstone två", "(Åtminstone två"},
      {"1 Ä rendet", "1 Ä rendet..........17", "1 Ärendet..........17"},
      {"Ö alone before a word stays", "Ö ven", "Ö ven"},
      {"Å as a river stays", "vid Å och sjö", "vid Å och sjö"},
      {"Ä in a word untouched", "ÄVEN Ä", "ÄVEN Ä"},

      // --- Line-break hyphenation: elliptic compounds ----------------------------------
      {"och", "lärar-\noch studentutbyte", "lärar- och studentutbyte"},
      {"och after a leading blank", "miljö-\n och klimat", "miljö- och klimat"},
      {"eller", "miljö-\neller klimatområdet", "miljö- eller klimatområdet"},
      {"samt", "kultur-\nsamt fritidsnämnden", "kultur- samt fritidsnämnden"},
      {"resp.", "grund-\nresp. gymnasieskolan", "grund- resp. gymnasieskolan"},
      {"respektive", "grund-\nrespektive gymnasieskolan", "grund- respektive gymnasieskolan"},
      {"som", "kommun-\nsom landstingsfrågor", "kommun- som landstingsfrågor"},
      {"till", "från förskole-\ntill gymnasienivå", "från förskole- till gymnasienivå"},
      {"conjunction followed by punctuation", "lärar-\noch, studentutbyte", "lärar- och, studentutbyte"},
      {"elliptic then broken word", "lärar-\noch forsknings-\nutbyte", "lärar- och forskningsutbyte"},

      // --- Line-break hyphenation: URLs ------------------------------------------------
      {"the seed's broken URL, verbatim lines",
       "https://www.regeringen.se/4ad5e5/contentassets/8a6d4e54b01d48ed9c196a252d09aff4/arbetet-i-\n"
       "fragor-som-ror-kina-skr-2019-20-18.pdf) och regeringen skriver på hemsida att  ",
       kSeedUrl + ") och regeringen skriver på hemsida att"},
      {"the seed's broken URL with a trailing blank",
       "Kina är fortsatt en prioriterad samarbetspartner för Sverige och EU (se ex \n"
       "https://www.regeringen.se/4ad5e5/contentassets/8a6d4e54b01d48ed9c196a252d09aff4/arbetet-i- \n"
       "fragor-som-ror-kina-skr-2019-20-18.pdf) och regeringen skriver på hemsida att  ",
       "Kina är fortsatt en prioriterad samarbetspartner för Sverige och EU (se ex\n" + kSeedUrl +
           ") och regeringen skriver på hemsida att"},
      {"URL in parentheses", "(se www.gavle.se/kina-\nrapport.pdf)", "(se www.gavle.se/kina-rapport.pdf)"},
      {"URL goes on with a digit", "https://www.regeringen.se/kina-skr-\n2019-20-18.pdf",
       "https://www.regeringen.se/kina-skr-2019-20-18.pdf"},
      {"URL goes on with a conjunction-like part", "http://www.gavle.se/lärar-\noch-student",
       "http://www.gavle.se/lärar-och-student"},
      {"URL scheme in capitals", "HTTPS://WWW.GAVLE.SE/kina-\nrapport", "HTTPS://WWW.GAVLE.SE/kina-rapport"},
      {"URL followed by a capital is not joined", "www.gavle.se/kina-\nRapport", "www.gavle.se/kina-\nRapport"},

      // --- Line-break hyphen left alone ------------------------------------------------
      {"next line starts with a digit", "Aktiviteter 2016-\n2020", "Aktiviteter 2016-\n2020"},
      {"next line starts with a capital", "samarbete Gävle-\nZhuhai", "samarbete Gävle-\nZhuhai"},
      {"next line starts with punctuation", "kommun-\n(Gävle)", "kommun-\n(Gävle)"},
      {"capital after a paragraph break", "slutet av raden-\n\nNy paragraf", "slutet av raden-\n\nNy paragraf"},
      {"hyphen at the end of the page", "Aktiviteter 2016-", "Aktiviteter 2016-"},
      {"lone hyphen", "Summa -\nkronor", "Summa -\nkronor"},
      {"hyphen after punctuation", "(2015-16)-\nsom", "(2015-16)-\nsom"},
      {"en dash at a line end", "Medborgardialog –\ninnovative", "Medborgardialog –\ninnovative"},
      {"dehyphenation off", "utlands- \npolitik och \u201Dx\u201D", "utlands-\npolitik och \"x\"", false},
      {"dehyphenation off keeps URL breaks", "www.gavle.se/kina-\nrapport", "www.gavle.se/kina-\nrapport", false},
  };
  return kCases;
}

NormalizeOptions options_for(const Case& c) {
  NormalizeOptions opts;
  opts.dehyphenate = c.dehyphenate;
  return opts;
}

TEST(NormalizeText, Table) {
  for (const Case& c : cases()) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(normalize_text(c.input, options_for(c)), c.expected);
  }
}

TEST(NormalizeText, Idempotent) {
  for (const Case& c : cases()) {
    SCOPED_TRACE(c.name);
    const std::string once = normalize_text(c.input, options_for(c));
    EXPECT_EQ(normalize_text(once, options_for(c)), once);
  }
}

TEST(NormalizeText, WithoutALexiconACapitalisedPartKeepsItsHyphen) {
  NormalizeOptions opts;
  opts.words = nullptr;
  EXPECT_EQ(normalize_text("Soci-\nalstyrelsen", opts), "Soci-alstyrelsen");
  EXPECT_EQ(normalize_text("utlands-\npolitik", opts), "utlandspolitik");
  EXPECT_EQ(normalize_text("Soci-\nalstyrelsen"), "Socialstyrelsen");
}

// The lexicon judges a capitalised part's hyphen on a Swedish page only.
// An English page's "Secur-\nity" is a typesetter's break, though
// hunspell-sv knows "ity"; the same break on a Swedish page keeps a name's
// hyphen ("Palme-\nutbyte").
TEST(NormalizeText, CapitalisedBreaksOnAPageInAnotherLanguage) {
  const std::string english =
      "The following terms apply to the agreement between the parties and their\n"
      "successors. Payments are made within thirty days of the invoice date, and\n"
      "Secur-\nity deposits are returned when the contract ends. Get-\nting there.";
  EXPECT_NE(normalize_text(english).find("Security deposits"), std::string::npos) << normalize_text(english);
  EXPECT_NE(normalize_text(english).find("Getting there"), std::string::npos);
  const std::string swedish =
      "Kommunstyrelsen beslutade att godkänna avtalet med partnerkommunen och att\n"
      "uppdra åt förvaltningen att följa upp samarbetet inom ramen för\n"
      "Palme-\nutbyte och rapportera till nämnden under hösten.";
  EXPECT_NE(normalize_text(swedish).find("Palme-utbyte och"), std::string::npos) << normalize_text(swedish);
}

// Index side and query side: a page broken as the PDF printed it and the
// query a user types come out as the same text, so the same terms.
TEST(NormalizeText, BrokenCapitalisedWordsMeetTheirQueries) {
  const struct {
    const char* page;
    const char* query;
  } kPairs[] = {
      {"Soci-\nalstyrelsen", "Socialstyrelsen"},
      {"Finansin-\nspektionens", "Finansinspektionens"},
      {"Arbets-\nförmedlingens", "Arbetsförmedlingens"},
      {"Änd-\nringen", "Ändringen"},
      {"IT-\navdelningen", "IT-avdelningen"},
      {"Palme-\nutbyte", "Palme-utbyte"},
  };
  for (const auto& p : kPairs) {
    SCOPED_TRACE(p.page);
    EXPECT_EQ(normalize_text(p.page), normalize_text(p.query));
  }
}

TEST(NormalizeText, DefaultOptionsDehyphenate) {
  EXPECT_TRUE(NormalizeOptions{}.dehyphenate);
  EXPECT_EQ(normalize_text("utlands-\npolitik"), "utlandspolitik");
}

ExtractedDoc doc_with_pages(std::vector<std::string> pages, std::string title = "",
                            std::string path = "corpus/protokoll_2020-06-15.pdf") {
  ExtractedDoc d;
  d.source.id = "0123456789abcdef0123456789abcdef";
  d.source.path = std::move(path);
  d.source.abspath = "/data/" + d.source.path;
  d.format = "pdf";
  d.extractor = "poppler-cpp 22.12.0";
  d.meta.title = std::move(title);
  d.meta.author = "Gävle kommun";
  int n = 0;
  for (auto& p : pages) d.pages.push_back({++n, std::move(p)});
  d.page_count = n;
  return d;
}

TEST(Normalize, CarriesTheRecordAcross) {
  ExtractedDoc in = doc_with_pages({"Bakgrund"});
  in.page_count = 7;  // as declared, even if fewer pages were read
  in.diagnostics.push_back({DiagKind::kPageNoText, "no text layer on this page", 2});
  NormalizedDoc d = normalize(std::move(in));
  EXPECT_EQ(d.source.id, "0123456789abcdef0123456789abcdef");
  EXPECT_EQ(d.source.path, "corpus/protokoll_2020-06-15.pdf");
  EXPECT_EQ(d.source.abspath, "/data/corpus/protokoll_2020-06-15.pdf");
  EXPECT_EQ(d.format, "pdf");
  EXPECT_EQ(d.extractor, "poppler-cpp 22.12.0");
  EXPECT_EQ(d.meta.author, "Gävle kommun");
  EXPECT_EQ(d.page_count, 7);
  ASSERT_EQ(d.diagnostics.size(), 1u);
  EXPECT_EQ(d.diagnostics[0].kind, DiagKind::kPageNoText);
  EXPECT_EQ(d.diagnostics[0].page, 2);
}

TEST(Normalize, PagesAreJoinedWithFormFeedsAndSpansPointIntoText) {
  NormalizedDoc d = normalize(doc_with_pages({"Sida ett \n", "", "Sida tre\nutlands-\npolitik \n\n"}));
  EXPECT_EQ(d.text, "Sida ett\f\fSida tre\nutlandspolitik");
  ASSERT_EQ(d.pages.size(), 3u);
  EXPECT_EQ(d.pages[0].number, 1);
  EXPECT_EQ(d.pages[0].begin, 0u);
  EXPECT_EQ(d.pages[0].end, 8u);
  EXPECT_EQ(d.pages[1].number, 2);
  EXPECT_EQ(d.pages[1].begin, 9u);
  EXPECT_EQ(d.pages[1].end, 9u);  // an empty page still has a span
  EXPECT_EQ(d.pages[2].number, 3);
  EXPECT_EQ(d.pages[2].begin, 10u);
  EXPECT_EQ(d.pages[2].end, d.text.size());
  for (const PageSpan& s : d.pages) {
    SCOPED_TRACE(s.number);
    EXPECT_EQ(d.text.substr(s.begin, s.end - s.begin), std::string(d.page_text(s.number)));
    if (s.begin > 0) {
      EXPECT_EQ(d.text[s.begin - 1], '\f');
    }
  }
}

TEST(Normalize, PageTextAndPageAt) {
  NormalizedDoc d = normalize(doc_with_pages({"Sida ett \n", "", "Sida tre\nutlands-\npolitik"}));
  EXPECT_EQ(d.page_text(1), "Sida ett");
  EXPECT_EQ(d.page_text(2), "");
  EXPECT_EQ(d.page_text(3), "Sida tre\nutlandspolitik");
  EXPECT_EQ(d.page_text(0), "");
  EXPECT_EQ(d.page_text(4), "");
  EXPECT_EQ(d.page_at(0), 1);
  EXPECT_EQ(d.page_at(d.text.find("ett")), 1);
  EXPECT_EQ(d.page_at(d.text.find("tre")), 3);
  EXPECT_EQ(d.page_at(d.text.find("utlandspolitik")), 3);
  EXPECT_EQ(d.page_at(d.text.size() + 10), 0);
}

TEST(Normalize, NoPages) {
  NormalizedDoc d = normalize(doc_with_pages({}));
  EXPECT_EQ(d.text, "");
  EXPECT_TRUE(d.pages.empty());
  EXPECT_EQ(d.page_at(0), 0);
  EXPECT_EQ(d.page_text(1), "");
  EXPECT_EQ(d.title, "protokoll_2020-06-15.pdf");
}

TEST(Normalize, FormFeedInsideAPageDoesNotAddAPage) {
  NormalizedDoc d = normalize(doc_with_pages({"Sida ett\f", "Sida två\fforts."}));
  EXPECT_EQ(d.text, "Sida ett\fSida två\nforts.");
  EXPECT_EQ(std::count(d.text.begin(), d.text.end(), '\f'), 1);
  EXPECT_EQ(d.page_text(2), "Sida två\nforts.");
}

TEST(Normalize, DehyphenationFollowsTheOptions) {
  NormalizeOptions opts;
  opts.dehyphenate = false;
  EXPECT_EQ(normalize(doc_with_pages({"utlands-\npolitik"}), opts).text, "utlands-\npolitik");
  EXPECT_EQ(normalize(doc_with_pages({"utlands-\npolitik"})).text, "utlandspolitik");
}

TEST(Normalize, NoWordIsJoinedAcrossPages) {
  NormalizedDoc d = normalize(doc_with_pages({"utlands-", "politik"}));
  EXPECT_EQ(d.text, "utlands-\fpolitik");
}

TEST(Normalize, TitleChoice) {
  struct TitleCase {
    const char* name;
    std::string meta_title;
    std::vector<std::string> pages;
    std::string expected;
    std::string path = "corpus/protokoll_2020-06-15.pdf";
  };
  const TitleCase kTitles[] = {
      {"metadata title", "Uppföljning partnerskap med Zhuhai", {"Bakgrund"}, "Uppföljning partnerskap med Zhuhai"},
      {"metadata title normalized and trimmed", "  \u201DCitat\u201D\u00A0i  titeln \n", {"x"},
       "\"Citat\" i titeln"},
      {"metadata title on two lines", "Uppföljning \npartnerskap", {"x"}, "Uppföljning partnerskap"},
      {"file name in the middle is fine", "Rapport.pdf om Kina", {"x"}, "Rapport.pdf om Kina"},
      {"junk .doc", "KS protokoll.doc", {"Protokoll"}, "Protokoll"},
      {"junk .DOCX", "KS protokoll.DOCX", {"Protokoll"}, "Protokoll"},
      {"junk .pdf", "protokoll.pdf", {"Beslut"}, "Beslut"},
      {"junk .odt", "protokoll.odt", {"Beslut"}, "Beslut"},
      {"junk .rtf", "protokoll.rtf", {"Beslut"}, "Beslut"},
      {"junk .txt", "protokoll.Txt", {"Beslut"}, "Beslut"},
      {"junk Microsoft Word", "Microsoft Word - KS protokoll", {"\n \nProtokoll Kommunstyrelsen \n§ 1"},
       "Protokoll Kommunstyrelsen"},
      {"junk untitled", "untitled", {"Beslut"}, "Beslut"},
      {"junk Untitled", "Untitled", {"", "Andra sidan"}, "Andra sidan"},
      {"junk Namnlös", "Namnlös", {"Beslut"}, "Beslut"},
      {"blank metadata title", " \u00A0 ", {"Beslut"}, "Beslut"},
      {"first line normalized", "", {"\u201DUppf\u00F6ljning\u201D  partnerskap \nrad två"},
       "\"Uppföljning\" partnerskap"},
      {"no text: file name", "", {"", " \n "}, "protokoll_2020-06-15.pdf"},
      // A proposition's kind line, its number and its heading.
      {"proposition heading", "",
       {"Regeringens proposition\n2012/13:182\nInternationell delgivning\nProp.\n2012/13:182\n"
        "Regeringen överlämnar denna proposition till riksdagen."},
       "Internationell delgivning"},
      // The scanned prop. 1991/92:43 as OCR reads it: the riksdag's stamp
      // beside the kind line, the margin's "Prop." box mixed into the
      // heading's second line.
      {"proposition read by OCR", "",
       {"Regeringens proposition es -\n1991/92:43 [2]\nom vissa ändringar i bestämmelserna om\n\n"
        "k illä reliminär B-skatt m. m. Prop. |\nskattetillägg, i NS 1991/92:43\n"},
       "Regeringens proposition 1991/92:43"},
      {"no text, path without folder", "", {""}, "beslut.pdf", "beslut.pdf"},
  };
  for (const TitleCase& c : kTitles) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(normalize(doc_with_pages(c.pages, c.meta_title, c.path)).title, c.expected);
  }
}

TEST(Normalize, LongFirstLineTitleIsCutOnACharacterBoundary) {
  std::string line = "x";
  for (int i = 0; i < 150; ++i) line += "å";  // 301 bytes
  const std::string title = normalize(doc_with_pages({line + "\nrad två"})).title;
  EXPECT_EQ(title.size(), 199u);  // 200 would split an "å"
  EXPECT_EQ(title, line.substr(0, 199));
}

// The whole seed record, as in ../shared (skipped when it is not there).
std::filesystem::path seed_path() {
  const char* env = std::getenv("ARKIV_SHARED_DIR");
  const std::filesystem::path shared = env != nullptr && *env != '\0'
                                           ? std::filesystem::path(env)
                                           : std::filesystem::path(ARKIV_SOURCE_DIR) / ".." / "shared";
  return shared / "seed" / "000_9c845c6fc26ea55d.txt";
}

bool read_seed(std::string& text) {
  std::ifstream in(seed_path(), std::ios::binary);
  if (!in) return false;
  std::stringstream ss;
  ss << in.rdbuf();
  text = ss.str();
  return true;
}

int count_of(const std::string& text, const std::string& what) {
  int n = 0;
  for (auto p = text.find(what); p != std::string::npos; p = text.find(what, p + 1)) ++n;
  return n;
}

TEST(NormalizeSeed, WholeRecord) {
  std::string raw;
  if (!read_seed(raw)) GTEST_SKIP() << "no seed record at " << seed_path();
  const std::string out = normalize_text(raw);
  EXPECT_GE(count_of(out, kSeedUrl), 3);
  EXPECT_NE(out.find("utlandspolitik"), std::string::npos);
  EXPECT_NE(out.find("ICLD-Internationellt Centrum för Lokal Demokrati"), std::string::npos);
  EXPECT_NE(out.find("miljö-/klimatområdet"), std::string::npos);
  EXPECT_NE(out.find("Linnéus Palme-utbyte"), std::string::npos);
  EXPECT_NE(out.find("Aktiviteter 2016-2020"), std::string::npos);
  EXPECT_NE(out.find("Medborgardialog – \"Innovative"), std::string::npos);
  EXPECT_NE(out.find("Kina får allt större betydelse"), std::string::npos);
  EXPECT_EQ(out.find("\u201D"), std::string::npos);
  EXPECT_EQ(out.find('\r'), std::string::npos);
  std::istringstream lines(out);
  int n = 0;
  for (std::string line; std::getline(lines, line); ++n) {
    SCOPED_TRACE(line);
    EXPECT_TRUE(line.empty() || line.back() != ' ') << "line " << n << " ends with a blank";
  }
  EXPECT_GT(n, 40);  // line breaks are kept
  EXPECT_EQ(out.front(), 'U');  // "Uppföljning ...": the blank first line is gone
  EXPECT_EQ(normalize_text(out), out);
}

TEST(NormalizeSeed, AsOnePageOfADocument) {
  std::string raw;
  if (!read_seed(raw)) GTEST_SKIP() << "no seed record at " << seed_path();
  NormalizedDoc d = normalize(doc_with_pages({raw}, "Microsoft Word - Zhuhai.docx"));
  ASSERT_EQ(d.pages.size(), 1u);
  EXPECT_EQ(d.pages[0].begin, 0u);
  EXPECT_EQ(d.pages[0].end, d.text.size());
  EXPECT_EQ(d.title, "Uppföljning partnerskap med Zhuhai, Kina 2016-2020");
  EXPECT_EQ(d.page_at(d.text.find(kSeedUrl)), 1);
}

}  // namespace
}  // namespace arkiv::normalize
