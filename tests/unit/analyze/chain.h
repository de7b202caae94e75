// Test helper: texts through the real index side (normalize, analyze,
// index::make_document) into an in-memory database, a query through the
// real query side (query::prepare_query, the QueryParser as arkiv sets
// it up). What the pair tests of analyzer_test.cc and swedish_test.cc run.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "analyze/analyzer.h"
#include "arkiv/analysis.h"
#include "arkiv/pipeline.h"
#include "index/document.h"
#include "query/front_end.h"

namespace arkiv::testing {

// A one-page text record at `path`, normalized as the index side does.
inline NormalizedDoc text_record(const std::string& text, const std::string& path, const std::string& id) {
  ExtractedDoc ex;
  ex.source.path = path;
  ex.source.abspath = "/" + path;
  ex.source.id = id;
  ex.format = "text";
  ex.page_count = 1;
  ex.pages.push_back({1, text});
  return normalize::normalize(std::move(ex));
}

// The indexes into `texts` of the records the query finds, best first.
inline std::vector<int> ranked(const std::vector<std::string>& texts, const std::string& query,
                               TextAnalysis analysis = TextAnalysis::kSwedish,
                               const std::string& path = "a/b.pdf") {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (const std::string& text : texts) {
    NormalizedDoc doc = text_record(text, path, std::to_string(db.get_doccount()));
    db.add_document(index::make_document(doc, analyze::analyze(doc), analysis));
  }
  Xapian::QueryParser qp;
  query::configure_query_parser(qp, analysis);
  qp.set_database(db);
  Xapian::Enquire enq(db);
  enq.set_query(qp.parse_query(query::prepare_query(query, analysis), query::query_flags(analysis)));
  std::vector<int> out;
  Xapian::MSet m = enq.get_mset(0, static_cast<Xapian::doccount>(texts.size()));
  for (auto it = m.begin(); it != m.end(); ++it) out.push_back(static_cast<int>(*it) - 1);
  return out;
}

inline bool matches(const std::string& text, const std::string& query,
                    TextAnalysis analysis = TextAnalysis::kSwedish, const std::string& path = "a/b.pdf") {
  return ranked({text}, query, analysis, path).size() == 1;
}

}  // namespace arkiv::testing
