#include "index/writer.h"

#include <filesystem>
#include <nlohmann/json.hpp>

#include "analyze/analyzer.h"
#include "arkiv/error.h"
#include "arkiv/schema.h"
#include "arkiv/version.h"
#include "util/time.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace arkiv::index {
namespace {

// Refuse to turn an unrelated folder into an index: `--index corpus` by
// mistake must not scatter Xapian files among the records.
void check_index_dir(const std::string& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) return;
  if (!fs::is_directory(dir, ec)) throw IndexError(dir + ": exists and is not a directory");
  if (fs::exists(fs::path(dir) / "iamglass", ec)) return;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    std::string name = e.path().filename().string();
    if (name != "README.md" && name != ".gitignore" && name != "flintlock")
      throw IndexError(dir + ": folder is not empty and is not an arkiv index");
  }
}

json metadata_json(const Metadata& m) {
  json j = {{"title", m.title},     {"author", m.author},     {"subject", m.subject},
            {"keywords", m.keywords}, {"creator", m.creator}, {"producer", m.producer}};
  j["created"] = m.created ? util::iso8601_utc(*m.created) : "";
  j["modified"] = m.modified ? util::iso8601_utc(*m.modified) : "";
  return j;
}

json common_json(const SourceFile& f, const std::string& format, const std::string& extractor,
                 const Metadata& meta, int page_count, const std::vector<Diagnostic>& diags) {
  json d = json::array();
  for (const auto& g : diags) d.push_back({{"kind", diag_key(g.kind)}, {"detail", g.detail}, {"page", g.page}});
  return {{"schema", schema::kSchemaVersion},
          {"id", f.id},
          {"path", f.path},
          {"abspath", f.abspath},
          {"size", f.size},
          {"mtime", util::iso8601_utc(f.mtime)},
          {"sha256", f.sha256},
          {"format", format},
          {"extractor", extractor},
          {"arkiv_version", kVersion},
          {"indexed_at", util::iso8601_utc(util::now())},
          {"page_count", page_count},
          {"meta", metadata_json(meta)},
          {"diagnostics", d}};
}

void add_identity(Xapian::Document& xd, Xapian::TermGenerator& tg, const SourceFile& f) {
  xd.add_boolean_term(std::string(schema::kPrefixId) + f.id);
  tg.index_text_without_positions(analyze::path_words(f.path), 1, schema::kPrefixPath);
  xd.add_value(schema::kSlotAbspath, f.abspath);
  xd.add_value(schema::kSlotMtimeNs, std::to_string(util::to_unix_ns(f.mtime)));
  xd.add_value(schema::kSlotSize, std::to_string(f.size));
  xd.add_value(schema::kSlotSha256, f.sha256);
}

std::string fatal_key(const std::vector<Diagnostic>& diags, std::string* detail) {
  for (const auto& d : diags) {
    if (diag_is_fatal(d.kind)) {
      if (detail) *detail = d.detail;
      return diag_key(d.kind);
    }
  }
  return schema::kStatusOk;
}

}  // namespace

Writer::Writer(const std::string& dir) {
  check_index_dir(dir);
  try {
    fs::create_directories(dir);
    db_ = Xapian::WritableDatabase(dir, Xapian::DB_CREATE_OR_OPEN);
  } catch (const Xapian::DatabaseLockError&) {
    throw IndexLockedError(dir + ": index is locked by another arkiv process (an index run in progress?)");
  } catch (const Xapian::Error& e) {
    throw IndexError(dir + ": cannot open index: " + e.get_description());
  } catch (const fs::filesystem_error& e) {
    throw IndexError(dir + ": " + e.code().message());
  }
  std::string v = db_.get_metadata(schema::kMetaSchema);
  if (v.empty()) {
    db_.set_metadata(schema::kMetaSchema, std::to_string(schema::kSchemaVersion));
  } else if (v != std::to_string(schema::kSchemaVersion)) {
    throw IndexError(dir + ": index schema version " + v + " is not supported (expected " +
                     std::to_string(schema::kSchemaVersion) + "); rebuild it");
  }
}

std::optional<Signature> Writer::lookup(const std::string& id) const {
  std::string term = std::string(schema::kPrefixId) + id;
  Xapian::PostingIterator it = db_.postlist_begin(term);
  if (it == db_.postlist_end(term)) return std::nullopt;
  Xapian::Document d = db_.get_document(*it);
  Signature s;
  s.did = *it;
  s.size = std::stoull("0" + d.get_value(schema::kSlotSize));
  s.mtime_ns = std::stoll("0" + d.get_value(schema::kSlotMtimeNs));
  s.sha256 = d.get_value(schema::kSlotSha256);
  json j = json::parse(d.get_data(), nullptr, false);
  if (!j.is_discarded()) {
    s.status = j.value("status", std::string(schema::kStatusOk));
    s.detail = j.value("status_detail", std::string());
  }
  return s;
}

void Writer::put(const NormalizedDoc& doc) {
  Xapian::Document xd;
  Xapian::TermGenerator tg = analyze::make_term_generator();
  tg.set_document(xd);
  add_identity(xd, tg, doc.source);
  xd.add_boolean_term(std::string(schema::kPrefixStatus) + schema::kStatusOk);
  xd.add_boolean_term(std::string(schema::kPrefixFormat) + doc.format);

  // Body text page by page, remembering where each page's term positions
  // start, so that a hit can name the page it is on.
  json page_pos = json::array();
  json spans = json::array();
  for (const PageSpan& span : doc.pages) {
    page_pos.push_back(tg.get_termpos() + 1);
    spans.push_back({span.number, span.begin, span.end});
    tg.index_text(doc.text.substr(span.begin, span.end - span.begin));
  }
  // The title is searchable as title: and, without positions (they belong
  // to the pages), as ordinary words.
  tg.index_text_without_positions(doc.title, 1, schema::kPrefixTitle);
  tg.index_text_without_positions(doc.title);

  xd.add_value(schema::kSlotPages, Xapian::sortable_serialise(doc.page_count));
  // Until record dates are read from the text, the PDF's own creation date
  // (else its modification date) is the record's date, for --sort date.
  if (auto date = doc.meta.created ? doc.meta.created : doc.meta.modified)
    xd.add_value(schema::kSlotDate, util::iso8601_utc(*date).substr(0, 10));
  json j = common_json(doc.source, doc.format, doc.extractor, doc.meta, doc.page_count, doc.diagnostics);
  j["status"] = schema::kStatusOk;
  j["title"] = doc.title;
  j["pages"] = spans;
  j["page_pos"] = page_pos;
  j["text"] = doc.text;
  xd.set_data(j.dump(-1, ' ', false, json::error_handler_t::replace));
  db_.replace_document(std::string(schema::kPrefixId) + doc.source.id, xd);
}

void Writer::put_failed(const ExtractedDoc& doc) {
  Xapian::Document xd;
  Xapian::TermGenerator tg = analyze::make_term_generator();
  tg.set_document(xd);
  add_identity(xd, tg, doc.source);
  std::string detail;
  std::string status = fatal_key(doc.diagnostics, &detail);
  xd.add_boolean_term(std::string(schema::kPrefixStatus) + status);
  json j = common_json(doc.source, doc.format, doc.extractor, doc.meta, doc.page_count, doc.diagnostics);
  j["status"] = status;
  j["status_detail"] = detail;
  j["title"] = doc.meta.title;
  xd.set_data(j.dump(-1, ' ', false, json::error_handler_t::replace));
  db_.replace_document(std::string(schema::kPrefixId) + doc.source.id, xd);
}

void Writer::touch(const Signature& sig, std::int64_t mtime_ns) {
  Xapian::Document d = db_.get_document(sig.did);
  d.add_value(schema::kSlotMtimeNs, std::to_string(mtime_ns));
  json j = json::parse(d.get_data(), nullptr, false);
  if (!j.is_discarded()) {
    j["mtime"] = util::iso8601_utc(util::from_unix_ns(mtime_ns));
    d.set_data(j.dump(-1, ' ', false, json::error_handler_t::replace));
  }
  db_.replace_document(sig.did, d);
}

void Writer::remove(const std::string& id) {
  db_.delete_document(std::string(schema::kPrefixId) + id);
}

std::vector<std::pair<std::string, std::string>> Writer::records_under(const std::string& root) const {
  std::vector<std::pair<std::string, std::string>> out;
  std::string dir = root;
  if (dir.empty() || dir.back() != '/') dir += '/';
  for (auto it = db_.valuestream_begin(schema::kSlotAbspath); it != db_.valuestream_end(schema::kSlotAbspath);
       ++it) {
    const std::string& p = *it;
    if (p != root && p.compare(0, dir.size(), dir) != 0) continue;
    Xapian::Document d = db_.get_document(it.get_docid());
    for (auto t = d.termlist_begin(); t != d.termlist_end(); ++t) {
      t.skip_to(schema::kPrefixId);
      if (t != d.termlist_end() && (*t).rfind(schema::kPrefixId, 0) == 0) {
        out.emplace_back((*t).substr(1), p);
      }
      break;
    }
  }
  return out;
}

void Writer::begin_batch() {
  db_.begin_transaction(true);
  in_batch_ = true;
}

void Writer::commit_batch() {
  if (!in_batch_) return;
  in_batch_ = false;
  try {
    db_.commit_transaction();
  } catch (const Xapian::Error& e) {
    throw IndexError("cannot commit to the index: " + e.get_description());
  }
}

void Writer::cancel_batch() {
  if (!in_batch_) return;
  in_batch_ = false;
  try {
    db_.cancel_transaction();
  } catch (const Xapian::Error&) {
  }
}

void Writer::mark_run_complete() {
  db_.set_metadata(schema::kMetaLastIndexed, util::iso8601_utc(util::now()));
  db_.commit();
}

}  // namespace arkiv::index
