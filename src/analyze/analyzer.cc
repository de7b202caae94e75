#include "analyze/analyzer.h"

#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <set>
#include <memory>
#include <sstream>
#include <cstring>

#include "arkiv/actors.h"
#include "arkiv/analysis.h"
#include "arkiv/pipeline.h"
#include "arkiv/schema.h"
#include "analyze/lexicon.h"
#include "analyze/lexicon_format.h"
#include "analyze/swedish.h"
#include "util/text.h"

namespace arkiv::analyze {
namespace {

// The Swedish chain's stemmer for Xapian: TermGenerator and QueryParser
// call it with lower-case words.
class SwedishStem : public Xapian::StemImplementation {
 public:
  std::string operator()(const std::string& word) override { return swedish::stem(word); }
  std::string get_description() const override { return "arkiv-swedish"; }
};

}  // namespace

Xapian::Stem stemmer(TextAnalysis analysis) {
  if (analysis == TextAnalysis::kSnowball) return Xapian::Stem("swedish");
  return Xapian::Stem(new SwedishStem);
}

namespace {

std::string_view first_char(std::string_view s) { return s.substr(0, util::first_char_bytes(s)); }

// For snippets: stems only words that could meet the query. Xapian stems
// every word of the page it quotes to compare with the query's stems, and
// a lexicon lookup per word made that most of a query's time in a fresh
// process. A Swedish stem keeps its word's first letter (the lexicon's
// forms are its roots with suffixes, Snowball strips suffixes), so a word
// whose first letter starts no stem of the query cannot match: it is
// returned as it is. Checked over the lexicon: 6 of its 831,160 forms have
// a lemma with another first letter (änder -> and, t -> d, le -> el);
// those are found by a search as before, but not bolded in its snippets.
class QueryStem : public Xapian::StemImplementation {
 public:
  explicit QueryStem(std::set<std::string, std::less<>> firsts) : firsts_(std::move(firsts)) {}
  std::string operator()(const std::string& word) override {
    return firsts_.count(first_char(word)) ? swedish::stem(word) : word;
  }
  std::string get_description() const override { return "arkiv-swedish-for-query"; }

 private:
  std::set<std::string, std::less<>> firsts_;
};

}  // namespace

Xapian::Stem snippet_stemmer(TextAnalysis analysis, const Xapian::Query& query) {
  if (analysis == TextAnalysis::kSnowball) return stemmer(analysis);
  std::set<std::string, std::less<>> firsts;
  for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t) {
    const std::string& term = *t;
    if (term.size() > 1 && term[0] == 'Z') firsts.emplace(first_char(std::string_view(term).substr(1)));
  }
  return Xapian::Stem(new QueryStem(std::move(firsts)));
}

Xapian::TermGenerator make_term_generator(TextAnalysis analysis) {
  Xapian::TermGenerator tg;
  tg.set_stemmer(stemmer(analysis));
  // STEM_SOME: every word gives its unstemmed form (with positions, where
  // the text has them: for phrases such as "Internationellt Centrum för
  // Lokal Demokrati") and a Z-prefixed stem (so "kommunerna" meets
  // "kommuner").
  tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  // 珠海 as the n-grams 珠, 珠海, 海, as QueryParser's FLAG_CJK_NGRAM asks.
  if (analysis == TextAnalysis::kSwedish) tg.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
  return tg;
}

Xapian::TermGenerator make_word_generator(TextAnalysis analysis) {
  Xapian::TermGenerator tg = make_term_generator(analysis);
  // The words alone: add_stems_and_variants() gives each distinct word its
  // stem once per record. TermGenerator would stem every occurrence and
  // add the stem's posting again at every position, also where the word
  // is its own stem ("avtal", "och", "kommun": 58% of the stem postings
  // of the seed record).
  if (analysis == TextAnalysis::kSwedish) tg.set_stemming_strategy(Xapian::TermGenerator::STEM_NONE);
  return tg;
}

unsigned word_wdf(TextAnalysis analysis) { return analysis == TextAnalysis::kSnowball ? 1 : kWordWdf; }

namespace {

// "Z" and the stem, as TermGenerator writes stems. (Built by append: GCC 12
// warns falsely about "Z" + std::string, -Wrestrict.)
std::string stem_term(const std::string& word) {
  std::string t = "Z";
  t += swedish::stem(word);
  return t;
}

// Whether TermGenerator gives a word a stem at all: words that start with
// a letter (Xapian 1.4's should_stem(): "2015" and "§" have none).
bool stemmed(const std::string& word) {
  constexpr unsigned kMask = (1u << Xapian::Unicode::LOWERCASE_LETTER) | (1u << Xapian::Unicode::TITLECASE_LETTER) |
                             (1u << Xapian::Unicode::MODIFIER_LETTER) | (1u << Xapian::Unicode::OTHER_LETTER);
  Xapian::Utf8Iterator u(word);
  return u != Xapian::Utf8Iterator() && ((kMask >> Xapian::Unicode::get_category(*u)) & 1);
}

// Adds stem term `z` for the occurrences of one word (or variant) at
// `positions`, `wdf` in all. `own` says the word is its own stem: then the
// word's postings stand for the stem's (own_stem()).
void add_stem(Xapian::Document& doc, const std::string& z, bool own, Xapian::termcount wdf,
              const std::vector<Xapian::termpos>& positions) {
  if (own || positions.empty()) {
    doc.add_term(z, wdf);
    return;
  }
  doc.add_posting(z, positions.front(), wdf);
  for (std::size_t i = 1; i < positions.size(); ++i) doc.add_posting(z, positions[i], 0);
}

}  // namespace

bool own_stem(const std::string& word) { return stemmed(word) && swedish::stem(word) == word; }

void add_stems_and_variants(Xapian::Document& doc, TextAnalysis analysis) {
  if (analysis == TextAnalysis::kSnowball) return;
  struct Word {
    std::string term;
    Xapian::termcount wdf;
    std::vector<Xapian::termpos> positions;
  };
  // Collected first: the document's term list may not change under its
  // iterator.
  std::vector<Word> words;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    const std::string& term = *t;
    if (term.empty() || (term[0] >= 'A' && term[0] <= 'Z')) continue;  // prefixed: not a word
    Word w{term, t.get_wdf(), {}};
    for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) w.positions.push_back(*p);
    words.push_back(std::move(w));
  }
  for (const Word& w : words) {
    // The stem, as STEM_SOME_FULL_POS would give it (wdf and positions),
    // except for the positions own_stem() leaves out.
    if (stemmed(w.term)) {
      const std::string z = stem_term(w.term);
      const bool own = std::string_view(z).substr(1) == w.term;
      if (z.size() > 1) add_stem(doc, z, own, w.wdf, w.positions);  // TermGenerator skips empty stems too
    }
    for (const std::string& v : swedish::variants(w.term)) {
      const std::string z = stem_term(v);
      if (v.size() > 240 || z.size() > 240) continue;  // Xapian's term length limit is 245 bytes
      if (w.positions.empty()) {  // a word of the title or an e-mail header only
        doc.add_term(v, kVariantWdf);
        doc.add_term(z, kVariantWdf);
        continue;
      }
      for (Xapian::termpos p : w.positions) doc.add_posting(v, p, kVariantWdf);
      add_stem(doc, z, own_stem(v), kVariantWdf * static_cast<Xapian::termcount>(w.positions.size()), w.positions);
    }
  }
}

void add_implied_word(Xapian::Document& doc, const std::string& word, unsigned pos) {
  if (word.empty() || word.size() > 240) return;
  doc.add_posting(word, pos, kWordWdf);  // its stem comes with the other words'
}

const Xapian::Stopper* function_words() {
  static const char* const kWords[] = {
      "och",    "det",   "att",   "i",      "en",     "jag",   "hon",   "som",    "han",    "på",     "den",
      "med",    "var",   "sig",   "för",    "så",     "till",  "är",    "men",    "ett",    "om",     "hade",
      "de",     "av",    "icke",  "mig",    "du",     "henne", "då",    "sin",    "nu",     "har",    "inte",
      "hans",   "honom", "skulle", "hennes", "där",   "min",   "man",   "ej",     "vid",    "kunde",  "något",
      "från",   "ut",    "när",   "efter",  "upp",    "vi",    "dem",   "vara",   "vad",    "över",   "än",
      "dig",    "kan",   "sina",  "här",    "ha",     "mot",   "alla",  "under",  "någon",  "eller",  "allt",
      "mycket", "sedan", "ju",    "denna",  "själv",  "detta", "åt",    "utan",   "varit",  "hur",    "ingen",
      "mitt",   "ni",    "bli",   "blev",   "oss",    "din",   "dessa", "några",  "deras",  "blir",   "mina",
      "samma",  "vilken", "er",   "sådan",  "vår",    "blivit", "dess", "inom",   "mellan", "sådant", "varför",
      "varje",  "vilka", "ditt",  "vem",    "vilket", "sitta", "sådana", "vart",  "dina",   "vars",   "vårt",
      "våra",   "ert",   "era",   "vilkas", "finns",  "får",   "ska",   "hos",    "genom"};
  static const Xapian::SimpleStopper stopper(std::begin(kWords), std::end(kWords));
  return &stopper;
}

std::string analysis_id(TextAnalysis analysis) {
  if (analysis == TextAnalysis::kSnowball) return "snowball";
  return "swedish-2/" + lexicon::version();
}

TextAnalysis analysis_from_id(const std::string& id) {
  return id.rfind("swedish", 0) == 0 ? TextAnalysis::kSwedish : TextAnalysis::kSnowball;
}

std::string path_words(std::string_view path) {
  std::string out(path);
  for (char& c : out) {
    if (c == '/' || c == '\\' || c == '_' || c == '-' || c == '.') c = ' ';
  }
  return out;
}

}  // namespace arkiv::analyze
