#include "index/tokens.h"

namespace arkiv::index {

std::string term(const analyze::Token& token) {
  if (!token.stem()) return token.text;
  std::string t = "Z";  // appended: GCC 12 warns falsely about "Z" + std::string (-Wrestrict)
  t += token.text;
  return t;
}

void add_tokens(Xapian::Document& doc, const std::vector<analyze::Token>& tokens) {
  std::string stem = "Z";  // one buffer for the stems' terms
  for (const analyze::Token& t : tokens) {
    const std::string* term = &t.text;
    if (t.stem()) {
      stem.resize(1);
      stem += t.text;
      term = &stem;
    }
    if (t.pos != 0)
      doc.add_posting(*term, t.pos, t.wdf);
    else
      doc.add_term(*term, t.wdf);
  }
}

}  // namespace arkiv::index
