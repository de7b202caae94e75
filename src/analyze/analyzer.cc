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
#include "codec/format.h"
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
      "våra",   "ert",   "era",   "vilkas", "finns",  "får",   "ska",   "hos",    "genom",
      // What "hur" asks with, as "mycket" above: "hur länge ska ett
      // arbetstillstånd sparas" is answered by "bevaras i minst tre
      // månader" (AFS 2011:19, page 11), not by a page saying "länge".
      "länge",  "många", "ofta"};
  static const Xapian::SimpleStopper stopper(std::begin(kWords), std::end(kWords));
  return &stopper;
}

std::string analysis_id(TextAnalysis analysis) {
  if (analysis == TextAnalysis::kSnowball) return "snowball";
  // The number counts changes to what the Swedish chain writes for the
  // same text; each record's stamp holds it, so a new one has every
  // record analysed again by the next `arkiv index`. 3: a compound's
  // parts at every split point, linking -s ("konfigurations|filer"),
  // umlaut plurals ("städer" under "stad"; issue 22). 4: a word without
  // diacritics the lexicon does not have is stemmed as the word with them
  // ("forsakringskassan" under "forsakringskass", as "försäkringskassor"
  // folded; issue 22).
  return "swedish-4/" + lexicon::version();
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
