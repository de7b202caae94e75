// `arkiv show DOC [--page N]`: what the index knows of one record, and the
// text of one page as indexed.
#include <algorithm>
#include <iostream>
#include <nlohmann/json.hpp>

#include "arkiv/search.h"
#include "cli/commands.h"
#include "cli/i18n.h"
#include "cli/output.h"
#include "query/result_json.h"

namespace arkiv::cli {
namespace {

struct ShowArgs {
  std::string doc;  // record id or path
  int page = 0;     // --page: 1-based page to print. Default: none
  bool premis = false;  // --premis: the record and its history as PREMIS 3 XML
};

// A record's history event as a person reads it.
std::string event_text(const RecordEvent& e) {
  switch (e.kind) {
    case EventKind::kIngested:
      return tr_format("ingested, SHA-256 {1}", e.sha256);
    case EventKind::kContentChanged:
      return tr_format("content changed: SHA-256 {1} before, {2} after", e.before, e.sha256);
    case EventKind::kChangesAccepted:
      return tr_format("changes accepted ({1}), SHA-256 {2}", e.detail, e.sha256);
    case EventKind::kExtractionFailed:
      return tr_format("could not be read: {1}", e.detail);
    case EventKind::kMoved:
      return tr_format("moved from {1}", printable(e.detail));
  }
  return event_key(e.kind);
}

// The record and its history as a PREMIS 3.0 document (Library of
// Congress, http://www.loc.gov/premis/v3): the file object with its
// SHA-256, and one event per history entry, typed from the PREMIS event
// type vocabulary (ingestion; fixity check, outcome "fail", for a content
// change; validation for changes accepted; metadata extraction, outcome
// "fail", for a file that could not be read; filename change for a move),
// each linked to the object.
void print_premis(const RecordInfo& r) {
  auto e = markup_escaped;
  std::cout << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            << "<premis:premis xmlns:premis=\"http://www.loc.gov/premis/v3\" "
               "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" version=\"3.0\">\n"
            << "  <premis:object xsi:type=\"premis:file\">\n"
            << "    <premis:objectIdentifier>\n"
            << "      <premis:objectIdentifierType>arkiv record id</premis:objectIdentifierType>\n"
            << "      <premis:objectIdentifierValue>" << e(r.id) << "</premis:objectIdentifierValue>\n"
            << "    </premis:objectIdentifier>\n"
            << "    <premis:objectCharacteristics>\n"
            << "      <premis:fixity>\n"
            << "        <premis:messageDigestAlgorithm>SHA-256</premis:messageDigestAlgorithm>\n"
            << "        <premis:messageDigest>" << e(r.sha256) << "</premis:messageDigest>\n"
            << "      </premis:fixity>\n"
            << "      <premis:size>" << r.size << "</premis:size>\n"
            << "      <premis:format>\n"
            << "        <premis:formatDesignation>\n"
            << "          <premis:formatName>" << e(r.format.empty() ? "unknown" : r.format) << "</premis:formatName>\n"
            << "        </premis:formatDesignation>\n"
            << "      </premis:format>\n"
            << "    </premis:objectCharacteristics>\n"
            << "    <premis:originalName>" << e(printable(r.abspath)) << "</premis:originalName>\n"
            << "  </premis:object>\n";
  int n = 0;
  for (const RecordEvent& ev : r.events) {
    const char* type = "ingestion";
    const char* outcome = "success";
    std::string detail;
    switch (ev.kind) {
      case EventKind::kIngested:
        detail = "SHA-256 " + ev.sha256;
        break;
      case EventKind::kContentChanged:
        type = "fixity check";
        outcome = "fail";
        detail = "content changed: SHA-256 " + ev.before + " before, " + ev.sha256 + " after";
        break;
      case EventKind::kChangesAccepted:
        type = "validation";
        detail = ev.detail + ", SHA-256 " + ev.sha256;
        break;
      case EventKind::kExtractionFailed:
        type = "metadata extraction";
        outcome = "fail";
        detail = ev.detail;
        break;
      case EventKind::kMoved:
        type = "filename change";
        detail = "moved from " + ev.detail + ", SHA-256 " + ev.sha256 + " unchanged";
        break;
    }
    std::cout << "  <premis:event>\n"
              << "    <premis:eventIdentifier>\n"
              << "      <premis:eventIdentifierType>arkiv event</premis:eventIdentifierType>\n"
              << "      <premis:eventIdentifierValue>" << e(r.id) << "-" << ++n << "</premis:eventIdentifierValue>\n"
              << "    </premis:eventIdentifier>\n"
              << "    <premis:eventType>" << type << "</premis:eventType>\n"
              << "    <premis:eventDateTime>" << e(ev.at) << "</premis:eventDateTime>\n"
              << "    <premis:eventDetailInformation>\n"
              << "      <premis:eventDetail>" << e(printable(detail)) << "</premis:eventDetail>\n"
              << "    </premis:eventDetailInformation>\n"
              << "    <premis:eventOutcomeInformation>\n"
              << "      <premis:eventOutcome>" << outcome << "</premis:eventOutcome>\n"
              << "    </premis:eventOutcomeInformation>\n"
              << "    <premis:linkingObjectIdentifier>\n"
              << "      <premis:linkingObjectIdentifierType>arkiv record id</premis:linkingObjectIdentifierType>\n"
              << "      <premis:linkingObjectIdentifierValue>" << e(r.id) << "</premis:linkingObjectIdentifierValue>\n"
              << "    </premis:linkingObjectIdentifier>\n"
              << "  </premis:event>\n";
  }
  std::cout << "</premis:premis>\n";
}

// The rule that dated a record (AnalyzedDoc::record_date_rule, a stable key
// in --json), as a person reads it.
std::string date_rule_text(const std::string& rule) {
  if (rule == "front-matter") return tr("front matter");
  if (rule == "decided") return tr("decision formula, \"beslutade den\"");
  if (rule == "date-line") return tr("date line");
  if (rule == "signed") return tr("place and date signed");
  if (rule == "published") return tr("printing date, \"utkom från trycket\"");
  if (rule == "header") return tr("head of page 1");
  if (rule == "file-name") return tr("file name");
  if (rule == "metadata") return tr("the file's creation date");
  if (rule == "sent") return tr("sent, the e-mail's Date header");
  return rule;
}

class ShowCommand : public Command {
 public:
  ShowCommand(CLI::App& app, GlobalArgs&) {
    sub = app.add_subcommand("show", tr("Show one record: metadata, diagnostics, the text of a page"));
    sub->add_option("doc", args_.doc, tr("Record id or path"))->required();
    sub->add_option("-p,--page", args_.page, tr("Print the text of this page (1-based)"));
    sub->add_flag("--premis", args_.premis, tr("The record and its history as PREMIS 3.0 events (XML)"));
    sub->footer(examples({"arkiv show corpus/uppfoljning-partnerskap-zhuhai-2016-2020.pdf",
                         "arkiv show corpus/uppfoljning-partnerskap-zhuhai-2016-2020.pdf --page 2 --json"}));
  }

  int run(const GlobalArgs& g) override {
    Searcher searcher(g.search_options());
    std::optional<RecordInfo> r = searcher.find(args_.doc);
    if (!r) {
      // Over shards that did not all answer, the record may be in one that
      // did not: not said to be missing.
      print_error(searcher.shards().partial()
                      ? tr_format("{1}: not in the shards that answered; it may be in one that did not", args_.doc)
                      : tr_format("{1}: no such record in the index", args_.doc));
      return kExitNoMatch;
    }
    if (args_.page != 0 && (args_.page < 1 || args_.page > static_cast<int>(r->pages.size()))) {
      print_error(tr_format("{1}: no page {2} (the record has {3} pages)", args_.doc, args_.page,
                            r->pages.size()));
      return kExitError;
    }
    if (args_.premis) {
      print_premis(*r);
      return kExitOk;
    }
    if (g.json) {
      nlohmann::json diags = nlohmann::json::array();
      for (const auto& d : r->diagnostics)
        diags.push_back({{"kind", diag_key(d.kind)}, {"detail", d.detail}, {"page", d.page}, {"may_pass", d.transient}});
      nlohmann::json j = {{"id", r->id},
                          {"path", escape_name(r->path)},
                          {"abspath", escape_name(r->abspath)},
                          {"title", r->title},
                          {"format", r->format},
                          {"status", r->status},
                          {"page_count", r->page_count},
                          {"size", r->size},
                          {"mtime", r->mtime},
                          {"sha256", r->sha256},
                          {"indexed_at", r->indexed_at},
                          {"extractor", r->extractor},
                          {"meta",
                           {{"title", r->meta.title},
                            {"author", r->meta.author},
                            {"subject", r->meta.subject},
                            {"keywords", r->meta.keywords},
                            {"creator", r->meta.creator},
                            {"producer", r->meta.producer}}},
                          {"diagnostics", diags},
                          {"record_date", r->record_date},
                          {"record_date_rule", r->record_date_rule},
                          {"type", r->type},
                          {"case_numbers", r->case_numbers},
                          {"references", r->references}};
      j["member"] = escape_name(r->member);
      j["attachment_number"] = r->attachment_number;
      j["parent"] = r->parent ? nlohmann::json{{"id", r->parent->id}, {"path", escape_name(r->parent->path)},
                                               {"title", r->parent->title}}
                              : nlohmann::json(nullptr);
      j["attachments"] = nlohmann::json::array();
      for (const auto& a : r->attachments)
        j["attachments"].push_back({{"number", a.number}, {"id", a.id}, {"path", escape_name(a.path)}, {"title", a.title},
                                    {"route", a.route}, {"page", a.page}});
      j["unresolved_attachments"] = r->unresolved;
      j["events"] = nlohmann::json::array();
      for (const RecordEvent& e : r->events) {
        nlohmann::json ev = {{"type", event_key(e.kind)}, {"at", e.at}, {"sha256", e.sha256}};
        if (!e.before.empty()) ev["before"] = e.before;
        if (!e.detail.empty()) ev["detail"] = e.detail;
        j["events"].push_back(std::move(ev));
      }
      j["actors"] = nlohmann::json::array();
      for (const auto& a : r->actors)
        j["actors"].push_back({{"id", a.actor.id}, {"name", a.actor.name}, {"type", actor_type_key(a.actor.type)},
                               {"mentions", a.mentions}});
      // Each page's source: "text" (its own text layer) or "ocr", with
      // Tesseract's mean confidence (0-100) for an OCR page.
      j["pages"] = nlohmann::json::array();
      for (const PageSpan& p : r->page_spans) {
        nlohmann::json page = {{"number", p.number}, {"source", page_source_key(p.source)}};
        if (p.source == PageSource::kOcr) page["confidence"] = p.confidence;
        j["pages"].push_back(page);
      }
      if (args_.page) {
        j["page"] = {{"number", args_.page}, {"text", r->pages[args_.page - 1]}};
        if (static_cast<std::size_t>(args_.page) <= r->page_spans.size()) {
          const PageSpan& p = r->page_spans[static_cast<std::size_t>(args_.page - 1)];
          j["page"]["source"] = page_source_key(p.source);
          if (p.source == PageSource::kOcr) j["page"]["confidence"] = p.confidence;
        }
      }
      query::add_shards(j, searcher.shards());
      print_json(j);
      return kExitOk;
    }
    auto line = [](const std::string& label, const std::string& value) {
      if (!value.empty()) std::cout << label << ": " << printable(value) << '\n';
    };
    line(tr("Title"), r->title);
    line(tr("Path"), r->path);
    line(tr("Id"), r->id);
    line(tr("Format"), r->format);
    line(tr("Status"), r->status == "ok" ? tr("indexed") : r->status);
    line(tr("Type"), r->type);
    if (!r->record_date.empty()) line(tr("Date"), r->record_date + " (" + date_rule_text(r->record_date_rule) + ")");
    std::string list;
    for (const auto& c : r->case_numbers) list += (list.empty() ? "" : ", ") + c;
    line(tr("Diarienummer"), list);
    list.clear();
    for (const auto& c : r->references) list += (list.empty() ? "" : ", ") + c;
    line(tr("References"), list);
    std::vector<ActorCount> actors = r->actors;
    std::sort(actors.begin(), actors.end(),
              [](const ActorCount& a, const ActorCount& b) { return swedish_less(a.actor.name, b.actor.name); });
    list.clear();
    for (const auto& a : actors) list += (list.empty() ? "" : ", ") + a.actor.name + " (" + number(a.mentions) + ")";
    line(tr("Actors"), list);
    if (r->parent)
      line(r->attachment_number > 0 ? tr_format("Attachment {1} to", r->attachment_number) : tr("Attachment to"),
           r->parent->title + " (" + r->parent->path + ")");
    if (!r->attachments.empty() || !r->unresolved.empty()) {
      std::cout << tr("Attachments") << ":\n";
      for (const auto& a : r->attachments) {
        std::string label = a.number > 0 ? tr_format("Attachment {1}", a.number) : tr("Attachment");
        if (a.route == "page") {
          std::cout << "  " << label << ": " << tr_format("in this record, from page {1}", a.page) << '\n';
          continue;
        }
        if (a.route == "file") {
          std::cout << "  " << tr("Embedded file") << ": " << printable(a.path.substr(a.path.rfind("!/") + 2)) << " ["
                    << tr_format("inside the file, not a record: {1}", printable(a.title)) << "]\n";
          continue;
        }
        std::cout << "  " << label << ": " << printable(a.title) << " (" << printable(a.path) << ")"
                  << (a.route == "embedded" ? " [" + tr("inside the file") + "]" : "") << '\n';
      }
      for (int n : r->unresolved)
        std::cout << "  " << tr_format("Attachment {1}", n) << ": " << tr("referred to, but not found") << '\n';
    }
    line(tr("Pages"), number(r->page_count));
    list.clear();
    for (const PageSpan& p : r->page_spans)
      if (p.source == PageSource::kOcr) list += (list.empty() ? "" : ", ") + number(p.number);
    line(tr("Read by OCR"), list.empty() ? "" : tr_format("pages {1}", list));
    line(tr("Size"), tr_format("{1} bytes", number(r->size)));
    line(tr("Modified"), r->mtime);
    line("SHA-256", r->sha256);
    line(tr("Indexed"), r->indexed_at);
    line(tr("Extractor"), r->extractor);
    line(tr("Author"), r->meta.author);
    line(tr("Created with"), r->meta.creator);
    for (const auto& d : r->diagnostics) {
      std::string where = d.page ? tr_format("page {1}", d.page) + ": " : "";
      // A failure that may pass (the helper timed out, crashed or ran out
      // of memory) says how to try it again (issue 23 item 7).
      line(tr("Note"), where + diag_key(d.kind) + " (" + d.detail + ")" +
                           (d.transient ? "; " + tr("may pass: `arkiv index --retry-failed` tries it again") : ""));
    }
    if (!r->events.empty()) {
      std::cout << tr("History") << ":\n";
      for (const RecordEvent& e : r->events) std::cout << "  " << e.at << "  " << printable(event_text(e)) << '\n';
    }
    if (args_.page) {
      const std::size_t at = static_cast<std::size_t>(args_.page - 1);
      if (at < r->page_spans.size() && r->page_spans[at].source == PageSource::kOcr)
        std::cout << '\n'
                  << tr_format("--- page {1} of {2} (OCR, confidence {3}%) ---", args_.page, r->pages.size(),
                               r->page_spans[at].confidence)
                  << '\n';
      else
        std::cout << '\n' << tr_format("--- page {1} of {2} ---", args_.page, r->pages.size()) << '\n';
      std::cout << r->pages[args_.page - 1] << '\n';
    }
    return kExitOk;
  }

 private:
  ShowArgs args_;
};

}  // namespace

std::unique_ptr<Command> add_show_command(CLI::App& app, GlobalArgs& g) {
  return std::make_unique<ShowCommand>(app, g);
}

}  // namespace arkiv::cli
