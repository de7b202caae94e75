// `arkiv audit [PATH...]`: fixity, completeness and readability of the
// records under PATH against the index (or against a manifest); and
// `arkiv manifest DIR`: a BagIt-style manifest-sha256.txt for a folder.
#include <iostream>
#include <nlohmann/json.hpp>

#include "arkiv/audit.h"
#include "arkiv/error.h"
#include "cli/commands.h"
#include "cli/i18n.h"
#include "cli/output.h"

namespace arkiv::cli {
namespace {

using nlohmann::json;

struct AuditArgs {
  std::vector<std::string> paths;  // Default: corpus/
  bool verify = false;             // --verify: re-hash every file
  std::string manifest;            // --manifest FILE: check against a manifest instead of the index
  bool csv = false;                // --csv
};

// The kind of a finding, as a person reads it.
std::string kind_text(const std::string& k) {
  if (k == "new") return tr("new (not indexed)");
  if (k == "changed") return tr("changed (fixity)");
  if (k == "missing") return tr("missing");
  if (k == "unreadable") return tr("unreadable");
  if (k == "no-text") return tr("no text (OCR candidate)");
  if (k == "duplicate") return tr("duplicate");
  if (k == "missing-attachment") return tr("missing attachment");
  if (k == "orphan-attachment") return tr("orphan attachment");
  if (k == "personal-data") return tr("personal data");
  return k;
}

class AuditCommand : public Command {
 public:
  AuditCommand(CLI::App& app, GlobalArgs&) {
    sub = app.add_subcommand("audit", tr("Check that the records are all there, unchanged, readable and linked"));
    sub->add_option("paths", args_.paths, tr("Files or folders to audit (default: corpus/)"));
    sub->add_flag("--verify", args_.verify, tr("Re-hash every file (slow; proves fixity)"));
    sub->add_option("--manifest", args_.manifest,
                    tr("Check a folder (PATH, default: the manifest's own) against this manifest instead of the index"));
    sub->add_flag("--csv", args_.csv, tr("CSV on stdout"));
    sub->footer(tr("Exit status: 0 nothing found, 5 a record changed or is missing, 6 other findings, 2 error.") +
                "\n" +
                examples({"arkiv audit", "arkiv audit corpus/ --verify --json",
                          "arkiv manifest corpus/ --output corpus.sha256",
                          "arkiv audit --manifest corpus.sha256 corpus/"}));
  }

  int run(const GlobalArgs& g) override {
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
    const auto counts = rep.counts();
    if (g.json) {
      json findings = json::array();
      for (const auto& f : rep.findings) findings.push_back({{"kind", finding_key(f.kind)}, {"path", escape_name(f.path)}, {"detail", f.detail}});
      json summary = {{"files_on_disk", rep.files_on_disk}, {"records", rep.records}, {"verified", rep.verified},
                      {"fixity_failed", rep.fixity_failed()}};
      for (const auto& [k, n] : counts) summary[k] = n;
      print_json(json({{"summary", summary}, {"findings", findings}}));
    } else if (args_.csv) {
      std::cout << "kind,path,detail\n";
      for (const auto& f : rep.findings)
        std::cout << csv_field(finding_key(f.kind)) << ',' << csv_field(escape_name(f.path)) << ',' << csv_field(f.detail) << '\n';
    } else {
      for (const auto& f : rep.findings)
        std::cout << kind_text(finding_key(f.kind)) << ": " << printable(f.path) << ": " << printable(f.detail) << '\n';
      if (!rep.findings.empty()) std::cout << '\n';
      std::cout << tr_format("{1} files on disk, {2} records checked, {3} re-hashed", number(rep.files_on_disk),
                             number(rep.records), number(rep.verified))
                << '\n';
      if (rep.findings.empty()) {
        std::cout << tr("No findings: every record is there, unchanged and readable.") << '\n';
      } else {
        for (const auto& [k, n] : counts)
          if (n) std::cout << "  " << kind_text(k) << ": " << number(n) << '\n';
      }
    }
    if (rep.fixity_failed()) return kExitFixity;
    return rep.findings.empty() ? kExitOk : kExitFindings;
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
