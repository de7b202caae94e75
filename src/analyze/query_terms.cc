#include "analyze/query_terms.h"

#include <xapian.h>

#include "analyze/index_tokens.h"
#include "analyze/swedish.h"
#include "util/text.h"

namespace arkiv::analyze {

bool has_stem(std::string_view word) {
  constexpr unsigned kMask = (1u << Xapian::Unicode::LOWERCASE_LETTER) | (1u << Xapian::Unicode::TITLECASE_LETTER) |
                             (1u << Xapian::Unicode::MODIFIER_LETTER) | (1u << Xapian::Unicode::OTHER_LETTER);
  Xapian::Utf8Iterator u(word.data(), word.size());
  return u != Xapian::Utf8Iterator() && ((kMask >> Xapian::Unicode::get_category(*u)) & 1);
}

bool own_stem(const std::string& word) { return has_stem(word) && swedish::stem(word) == word; }

std::vector<Token> query_tokens(std::string_view word, bool in_phrase) {
  WordTokenizer tokenizer(TextAnalysis::kSwedish, 1);
  tokenizer.add(util::lower_sv(word));
  std::vector<Token> words = tokenizer.take();
  if (words.size() > 1) in_phrase = true;
  std::vector<Token> out;
  for (Token& w : words) {
    w.wdf = 0;
    if (in_phrase || !has_stem(w.text)) {
      if (!in_phrase) w.pos = 0;
      out.push_back(std::move(w));
    } else {
      out.push_back({swedish::stem(w.text), 0, TokenKind::kStem, 0});
    }
  }
  return out;
}

std::vector<Token> query_part_tokens(std::string_view word) {
  WordTokenizer tokenizer(TextAnalysis::kSwedish, 1);
  tokenizer.add(util::lower_sv(word));
  const std::vector<Token> words = tokenizer.take();
  std::vector<Token> out;
  if (words.size() != 1 || !has_stem(words.front().text)) return out;
  std::uint32_t pos = 0;
  for (const swedish::Part& p : swedish::query_parts(words.front().text)) {
    ++pos;
    std::string stem = swedish::stem(p.lemma);
    const bool own = stem == p.lemma;
    out.push_back({std::move(stem), pos, TokenKind::kStem, 0});
    if (own) out.push_back({p.lemma, pos, TokenKind::kWord, 0});
  }
  return out;
}

}  // namespace arkiv::analyze
