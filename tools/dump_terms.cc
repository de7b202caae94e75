// arkiv-dump-terms: every record's terms with wdf and positions, one line
// per term, keyed by the record's id (its Q term) rather than by Xapian's
// docid, so that two indexes of the same files, built by different
// binaries or with a different number of threads, compare with diff:
//
//   arkiv-dump-terms [--values] INDEX > terms.tsv
//   <record id> TAB <term> TAB <wdf> TAB <positions, comma-separated>
//
// With --values, each record's value slots follow its terms, as
//   <record id> TAB #<slot> TAB <value, newlines as \n>
// (the hit summary keeps each page's first term position).
//
// What the term-chain refactor of issue 19 was checked with
// (tools/compare-terms, docs/swedish-analysis.md): the index must
// hold the same terms, positions and wdf before and after. Output is
// sorted by record id, then term.
#include <xapian.h>

#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  const bool values = argc == 3 && std::string(argv[1]) == "--values";
  if (argc != 2 && !values) {
    std::cerr << "usage: arkiv-dump-terms [--values] INDEX\n";
    return 2;
  }
  try {
    Xapian::Database db(argv[argc - 1]);
    struct Doc {
      std::string id;
      Xapian::docid docid;
    };
    std::vector<Doc> docs;
    for (auto d = db.postlist_begin(""); d != db.postlist_end(""); ++d) {
      auto t = db.termlist_begin(*d);
      t.skip_to("Q");
      // A record without an id (none should have one) by its docid.
      std::string id = "#";  // appended: GCC 12 warns falsely about "#" + std::string (-Wrestrict)
      if (t != db.termlist_end(*d) && (*t).rfind('Q', 0) == 0)
        id = (*t).substr(1);
      else
        id += std::to_string(*d);
      docs.push_back({std::move(id), *d});
    }
    std::sort(docs.begin(), docs.end(), [](const Doc& a, const Doc& b) { return a.id < b.id; });
    for (const Doc& d : docs) {
      for (auto t = db.termlist_begin(d.docid); t != db.termlist_end(d.docid); ++t) {
        std::cout << d.id << '\t' << *t << '\t' << t.get_wdf() << '\t';
        bool first = true;
        for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) {
          std::cout << (first ? "" : ",") << *p;
          first = false;
        }
        std::cout << '\n';
      }
      if (!values) continue;
      const Xapian::Document doc = db.get_document(d.docid);
      for (auto v = doc.values_begin(); v != doc.values_end(); ++v) {
        std::cout << d.id << "\t#" << v.get_valueno() << '\t';
        for (char c : *v) {
          if (c == '\n') std::cout << "\\n";
          else std::cout << c;
        }
        std::cout << '\n';
      }
    }
  } catch (const Xapian::Error& e) {
    std::cerr << "arkiv-dump-terms: " << e.get_description() << '\n';
    return 1;
  }
  return 0;
}
