#include "index/tokens.h"

namespace arkiv::index {

std::string term(const analyze::Token& token) {
  if (!token.stem()) return token.text;
  std::string t = "Z";  // appended: GCC 12 warns falsely about "Z" + std::string (-Wrestrict)
  t += token.text;
  return t;
}

void add_tokens(Xapian::Document& doc, const std::vector<analyze::Token>& tokens) {
  for (const analyze::Token& t : tokens) {
    if (t.pos != 0)
      doc.add_posting(term(t), t.pos, t.wdf);
    else
      doc.add_term(term(t), t.wdf);
  }
}

}  // namespace arkiv::index
