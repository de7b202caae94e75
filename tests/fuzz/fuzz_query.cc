// libFuzzer target: the query front end (normalization, actor-name
// expansion, the Swedish lower-casing of plain words, then Xapian's
// QueryParser set up as arkiv's, with the Swedish stemmer and decompounder
// behind it) on any string. A malformed query may be
// rejected with Xapian::QueryParserError or arkiv::QueryError, which the CLI reports; nothing
// else may escape, and nothing may crash.
#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "arkiv/error.h"
#include "query/front_end.h"
#include "arkiv/actors.h"
#include "arkiv/pipeline.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string q = arkiv::normalize::normalize_text(std::string_view(reinterpret_cast<const char*>(data), size));
  for (const auto& a : arkiv::actors::find_in_query(q))
    if (a.begin > a.end || a.end > q.size()) __builtin_trap();
  const std::string raw(reinterpret_cast<const char*>(data), size);
  Xapian::QueryParser qp;
  arkiv::query::configure_query_parser(qp);
  try {
    q = arkiv::query::prepare_query(raw, arkiv::TextAnalysis::kSwedish);
    qp.parse_query(q, arkiv::query::query_flags());
  } catch (const Xapian::QueryParserError&) {
  } catch (const arkiv::QueryError&) {
  }
  (void)arkiv::actors::resolve(q);
  return 0;
}
