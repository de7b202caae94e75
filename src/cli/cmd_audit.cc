// `arkiv audit [PATH...]`: fixity, completeness and readability of the
// records under PATH against the index (or against a manifest); and
// `arkiv manifest DIR`: a BagIt-style manifest-sha256.txt for a folder.
#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <nlohmann/json.hpp>

#include "arkiv/audit.h"
#include "arkiv/error.h"
#include "cli/commands.h"
#include "cli/i18n.h"
#include "cli/output.h"
#include "query/result_json.h"

namespace arkiv::cli {
namespace {

using nlohmann::json;

struct AuditArgs {
  std::vector<std::string> paths;  // Default: what the index was built from
  bool verify = false;             // --verify: re-hash every file
  std::string manifest;            // --manifest FILE: check against a manifest instead of the index
  bool csv = false;                // --csv
  bool accept = false;             // --accept: accept the content changes of the files named
  std::string note;                // --note TEXT: why, kept with the acceptance
};

// Who accepts: the login name, as the history keeps it.
std::string user_name() {
  if (const char* u = std::getenv("USER"); u && *u) return u;
  if (const passwd* pw = ::getpwuid(::getuid())) return pw->pw_name;
  return std::to_string(::getuid());
}

// The kind of a finding, as a person reads it.
std::string kind_text(const std::string& k) {
  if (k == "new") return tr("new (not indexed)");
  if (k == "changed") return tr("changed (fixity)");
  if (k == "missing") return tr("missing");
  if (k == "unreadable") return tr("unreadable");
  if (k == "not-read") return tr("not read (a format arkiv does not read)");
  if (k == "no-text") return tr("no text (OCR candidate)");
  if (k == "duplicate") return tr("duplicate");
  if (k == "missing-attachment") return tr("missing attachment");
  if (k == "orphan-attachment") return tr("orphan attachment");
  if (k == "personal-data") return tr("personal data");
  if (k == "moved") return tr("moved");
  return k;
}

class AuditCommand : public Command {
 public:
  AuditCommand(CLI::App& app, GlobalArgs&) {
    sub = app.add_subcommand("audit", tr("Check that the records are all there, unchanged, readable and linked"));
    sub->add_option("paths", args_.paths, tr("Files or folders to audit (default: those the index was built from)"));
    sub->add_flag("--verify", args_.verify, tr("Re-hash every file (slow; proves fixity)"));
    sub->add_option("--manifest", args_.manifest,
                    tr("Check a folder (PATH, default: the manifest's own) against this manifest instead of the index"));
    sub->add_flag("--csv", args_.csv, tr("CSV on stdout"));
    sub->add_flag("--accept", args_.accept,
                  tr("Accept the content changes of the files named (re-indexed since they changed): the audit "
                     "reports them no more; kept in each record's history"));
    sub->add_option("--note", args_.note, tr("With --accept: why the changes are accepted, kept in the history"));
    sub->footer(tr("Exit status: 0 nothing found, 5 a record changed or is missing, 7 a record's file moved, 6 other "
                   "findings, 8 nothing found in the shards that answered (some did not), 2 error.") +
                "\n" +
                examples({"arkiv audit", "arkiv audit corpus/ --verify --json",
                          "arkiv manifest corpus/ --output corpus.sha256",
                          "arkiv audit --manifest corpus.sha256 corpus/"}));
  }

  int run(const GlobalArgs& g) override {
    if (args_.accept) return accept(g);
    if (!args_.note.empty()) throw UsageError(tr("--note goes with --accept"));
    Progress progress;
    auto on_progress = [&](const IndexProgress& p) { progress.update(p.done, p.total, p.path); };
    AuditReport rep;
    if (!args_.manifest.empty()) {
      // `audit --manifest FILE DIR`: a manifest kept apart from the folder
      // it lists (`manifest DIR --output FILE`, a read-only share).
      if (args_.paths.size() > 1) throw UsageError(tr("--manifest checks one folder"));
      rep = check_manifest(args_.manifest, on_progress, args_.paths.empty() ? std::string() : args_.paths[0]);
    } else {
      AuditOptions opts;
      if (!args_.paths.empty()) opts.paths = args_.paths;
      opts.verify = args_.verify;
      opts.show_personal_data = g.show_personal_data;
      opts.on_progress = on_progress;
      rep = audit(g.search_options(), opts);
    }
    progress.clear();
    // Nothing checked is never "no findings".
    if (rep.sources_unknown)
      throw UsageError(tr("the index does not record which files and folders it was built from (an older arkiv "
                          "built it, or nothing was indexed): name them, as in `arkiv audit corpus/`, or run "
                          "`arkiv index` again"));
    if (!rep.not_found.empty())
      throw UsageError(
          tr_format("{1}: no such file or folder, and no record of the index lies there", printable(rep.not_found[0])));
    if (rep.files_on_disk == 0 && rep.records == 0 && args_.manifest.empty()) {
      std::string where;
      for (const std::string& p : rep.paths) where += (where.empty() ? "" : ", ") + printable(p);
      throw UsageError(tr_format("nothing to check: {1} holds no file arkiv reads and no record of the index", where));
    }
    const auto counts = rep.counts();
    if (g.json) {
      print_json(query::audit_json(rep));
    } else if (args_.csv) {
      std::cout << query::audit_csv(rep);
    } else {
      for (const auto& f : rep.findings)
        std::cout << kind_text(finding_key(f.kind)) << ": " << printable(f.path) << ": " << printable(f.detail) << '\n';
      if (!rep.findings.empty()) std::cout << '\n';
      std::cout << tr_nformat("{1} file on disk, {2} records checked, {3} re-hashed",
                              "{1} files on disk, {2} records checked, {3} re-hashed",
                              static_cast<long long>(rep.files_on_disk), number(rep.files_on_disk), number(rep.records),
                              number(rep.verified))
                << '\n';
      // Over shards that did not all answer, the files of those that did
      // not were not looked at: said, and never "every record is there".
      if (rep.not_checked)
        std::cout << tr_nformat("{1} file on disk not checked: its shard did not answer",
                                "{1} files on disk not checked: their shard did not answer",
                                static_cast<long long>(rep.not_checked), number(rep.not_checked))
                  << '\n';
      if (rep.findings.empty() && rep.shards.partial()) {
        std::cout << tr("No findings in the shards that answered.") << '\n';
      } else if (rep.findings.empty()) {
        std::cout << tr("No findings: every record is there, unchanged and readable.") << '\n';
      } else {
        for (const auto& [k, n] : counts)
          if (n) std::cout << "  " << kind_text(k) << ": " << number(n) << '\n';
      }
    }
    if (rep.fixity_failed()) return kExitFixity;
    if (rep.moved()) return kExitMoved;
    return rep.findings.empty() ? kExitOk : kExitFindings;
  }

  // `audit --accept PATH... [--note TEXT]`: exit 0 when every path had a
  // change to accept; a path without one, or without a record, is said
  // and makes it 2 (a mistyped path must not pass for accepted).
  int accept(const GlobalArgs& g) {
    if (args_.paths.empty()) throw UsageError(tr("--accept needs the files whose changes to accept"));
    if (args_.verify || args_.csv || !args_.manifest.empty())
      throw UsageError(tr("--accept goes with --note only"));
    const std::string& dir = g.indexes.front();
    if (dir.rfind("tcp://", 0) == 0) throw UsageError(tr("--accept writes to a local index; a remote one (tcp://) is read-only"));
    const AcceptResult r = accept_changes(dir, args_.paths, user_name(), args_.note);
    if (g.json) {
      auto names = [](const std::vector<std::string>& paths) {
        json a = json::array();
        for (const std::string& p : paths) a.push_back(escape_name(p));
        return a;
      };
      print_json(json({{"accepted", names(r.accepted)},
                       {"nothing_to_accept", names(r.nothing_to_accept)},
                       {"not_found", names(r.not_found)}}));
    } else {
      for (const std::string& p : r.accepted) std::cout << tr_format("{1}: changes accepted", printable(p)) << '\n';
    }
    for (const std::string& p : r.nothing_to_accept)
      print_error(tr_format("{1}: no content change to accept (only changes `arkiv index` has read are accepted)", p));
    for (const std::string& p : r.not_found) print_error(tr_format("{1}: no record of the index is this file", p));
    return r.nothing_to_accept.empty() && r.not_found.empty() ? kExitOk : kExitError;
  }

 private:
  AuditArgs args_;
};

class ManifestCommand : public Command {
 public:
  ManifestCommand(CLI::App& app, GlobalArgs&) {
    sub = app.add_subcommand("manifest", tr("Write DIR/manifest-sha256.txt (BagIt style) for every file in DIR"));
    sub->add_option("dir", dir_, tr("The folder"))->required();
    sub->add_option("--output,-o", output_, tr("Write the manifest to this file instead (the folder may be read-only)"));
    sub->footer(examples({"arkiv manifest corpus/",
                         "arkiv audit --manifest corpus/manifest-sha256.txt",
                         "arkiv manifest corpus/ --output corpus.sha256",
                         "arkiv audit --manifest corpus.sha256 corpus/"}));
  }

  int run(const GlobalArgs& g) override {
    Progress progress;
    std::size_t n =
        write_manifest(dir_, [&](const IndexProgress& p) { progress.update(p.done, p.total, p.path); }, output_);
    progress.clear();
    const std::string file = !output_.empty() ? output_
                                              : dir_ + (dir_.empty() || dir_.back() == '/' ? "" : "/") + "manifest-sha256.txt";
    if (g.json) {
      print_json(json({{"manifest", file}, {"files", n}}));
    } else {
      std::cout << tr_nformat("{1}: {2} file listed", "{1}: {2} files listed", static_cast<long long>(n), file,
                              number(n))
                << '\n';
    }
    return kExitOk;
  }

 private:
  std::string dir_;
  std::string output_;  // --output FILE; default DIR/manifest-sha256.txt
};

}  // namespace

std::unique_ptr<Command> add_audit_command(CLI::App& app, GlobalArgs& g) {
  return std::make_unique<AuditCommand>(app, g);
}

std::unique_ptr<Command> add_manifest_command(CLI::App& app, GlobalArgs& g) {
  return std::make_unique<ManifestCommand>(app, g);
}

}  // namespace arkiv::cli
