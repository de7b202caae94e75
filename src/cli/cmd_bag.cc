// `arkiv bag OUTDIR --folder DIR | --case DNR | --query Q`: a BagIt bag
// (RFC 8493) of a folder, a case or a query's records, to hand over to an
// archive; and `arkiv bag --validate DIR`: check any bag.
#include <filesystem>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "arkiv/bagit.h"
#include "arkiv/error.h"
#include "arkiv/record.h"
#include "arkiv/search.h"
#include "cli/commands.h"
#include "cli/i18n.h"
#include "cli/output.h"

namespace fs = std::filesystem;

namespace arkiv::cli {
namespace {

using nlohmann::json;

struct BagArgs {
  std::string out_dir;              // OUTDIR (positional)
  std::string validate;             // --validate DIR
  std::string folder;               // --folder DIR
  std::string dnr;                  // --case DNR
  std::string query;                // --query Q
  std::string source_organization;  // --source-organization NAME
};

// A problem as a person reads it; the English texts are those of
// src/audit/bagit.cc, here so that they are translated.
std::string problem_text(const BagProblem& p) {
  const auto& a = p.args;
  auto arg = [&](std::size_t i) { return i < a.size() ? a[i] : std::string(); };
  const std::string& c = p.code;
  if (c == "checksum")
    return tr_format("{1} checksum differs: the manifest says {2}, the file has {3}", arg(0), arg(1), arg(2));
  if (c == "missing") return tr_format("listed in {1}, not in the bag", arg(0));
  if (c == "not-listed") return tr_format("in the payload, not listed in {1}", arg(0));
  if (c == "not-fetched")
    return tr_format("listed in fetch.txt ({1}) and not in the bag; arkiv does not fetch files", arg(0));
  if (c == "oxum") return tr_format("Payload-Oxum says {1} (bytes.files), the payload is {2}", arg(0), arg(1));
  if (c == "unreadable") return tr_format("cannot be read: {1}", arg(0));
  if (c == "no-bagit-txt") return tr("no bagit.txt: not a bag");
  if (c == "bagit-txt") return tr_format("malformed: {1}", arg(0));
  if (c == "no-manifest") return tr("no payload manifest (manifest-ALGORITHM.txt)");
  if (c == "no-data") return tr("no data/ folder");
  if (c == "manifest-line") return tr_format("line {1} is not \"CHECKSUM PATH\"", arg(0));
  if (c == "outside-payload") return tr_format("lists {1}, {2}, outside the payload", arg(0), arg(1));
  if (c == "duplicate-entry") return tr_format("listed twice in {1}", arg(0));
  if (c == "bad-checksum") return tr_format("not a {1} checksum: {2}", arg(0), arg(1));
  if (c == "unknown-algorithm") return tr_format("arkiv cannot compute {1} checksums", arg(0));
  if (c == "encoding") return tr_format("not valid {1} text", arg(0));
  if (c == "bag-info-line") return tr_format("line {1} is neither \"Label: value\" nor a continuation", arg(0));
  if (c == "bag-info-label")
    return tr_format("line {1}: the label has whitespace before the colon (BagIt 1.0 forbids it)", arg(0));
  if (c == "fetch-line") return tr_format("line {1} is not \"URL LENGTH PATH\"", arg(0));
  if (c == "weak-algorithm")
    return tr_format("only {1} checksums, a weak algorithm; RFC 8493 asks for SHA-256 or SHA-512", arg(0));
  if (c == "dot-slash") return tr_format("path written as {1}: a leading ./ is not BagIt's form", arg(0));
  if (c == "md5sum-star") return tr_format("path written as {1}: md5sum's binary-mode '*' is not BagIt's form", arg(0));
  if (c == "case-variant")
    return tr_format(
        "also listed as {1}, differing in case only: one file here, the bag was made on a "
        "case-insensitive file system",
        arg(0));
  if (c == "normalization-variant")
    return tr_format("also listed as {1}, the same name in another Unicode normalization: one file here", arg(0));
  if (c == "system-file") return tr_format("an operating system's housekeeping file ({1}), not a record", arg(0));
  if (c == "system-file-missing")
    return tr_format("an operating system's housekeeping file ({1}), listed and not in the bag: copies drop them",
                     arg(0));
  if (c == "fetch") return tr_format("fetch.txt lists {1} files, all present; arkiv fetched none", arg(0));
  return p.detail;
}

// The name a record's file gets under data/: its path as indexed, made
// relative ("corpus/KS/beslut.pdf" stays so; "/srv/arkiv/x.pdf" becomes
// "srv/arkiv/x.pdf"), so the bag keeps the folders an archivist knows.
std::string bag_name(const std::string& path) {
  fs::path p = fs::path(path).lexically_normal();
  fs::path out;
  for (const auto& part : p) {
    if (part == "/" || part == ".." || part == "." || part.empty()) continue;
    out /= part;
  }
  return out.generic_string();
}

class BagCommand : public Command {
 public:
  BagCommand(CLI::App& app, GlobalArgs&) {
    sub = app.add_subcommand("bag", tr("Write a BagIt bag (RFC 8493) of a folder, a case or a query's records; "
                                       "or validate a bag"));
    sub->add_option("outdir", args_.out_dir, tr("The bag to write: a new or empty folder"));
    sub->add_option("--validate", args_.validate, tr("Validate the bag in this folder (any BagIt tool's)"));
    sub->add_option("--folder", args_.folder, tr("Bag every file below this folder"));
    sub->add_option("--case", args_.dnr, tr("Bag the records of this case (diarienummer), as `arkiv case` lists them"));
    sub->add_option("--query", args_.query, tr("Bag the records this query finds, as `arkiv search` does"));
    sub->add_option("--source-organization", args_.source_organization,
                    tr("Source-Organization in bag-info.txt (the organisation handing the records over)"));
    sub->footer(
        tr("Exit status: 0 written / valid (warnings are printed), 5 the bag fails fixity or completeness "
           "(a file changed, missing or unlisted), 6 the bag is invalid otherwise, 1 nothing to bag, "
           "2 error.") +
        "\n" +
        examples({"arkiv bag out/ks-2015-456 --case 'KS 2015/456' --source-organization 'Exempel kommun'",
                  "arkiv bag out/avtal --query 'typ:avtal år:2010'", "arkiv bag out/corpus --folder corpus/",
                  "arkiv bag --validate out/ks-2015-456"}));
  }

  int run(const GlobalArgs& g) override {
    if (!args_.validate.empty()) {
      if (!args_.out_dir.empty() || !args_.folder.empty() || !args_.dnr.empty() || !args_.query.empty())
        throw UsageError(tr("--validate takes the bag's folder and nothing else"));
      return validate(g);
    }
    int sources = !args_.folder.empty() + !args_.dnr.empty() + !args_.query.empty();
    if (args_.out_dir.empty() || sources != 1)
      throw UsageError(tr("arkiv bag OUTDIR needs exactly one of --folder, --case, --query (or --validate DIR)"));
    return write(g);
  }

 private:
  int validate(const GlobalArgs& g) {
    BagReport rep = validate_bag(args_.validate);
    if (g.json) {
      json problems = json::array();
      for (const auto& p : rep.problems)
        problems.push_back({{"severity", p.severity == BagSeverity::kError ? "error" : "warning"},
                            {"code", p.code},
                            {"path", escape_name(p.path)},
                            {"args", p.args},
                            {"detail", p.detail}});
      print_json(json({{"bag", args_.validate},
                         {"valid", rep.valid()},
                         {"version", rep.version},
                         {"algorithms", rep.algorithms},
                         {"payload_files", rep.payload_files},
                         {"payload_bytes", rep.payload_bytes},
                         {"checked", rep.checked},
                         {"errors", rep.errors()},
                         {"warnings", rep.warnings()},
                         {"problems", problems}}));
    } else {
      // One line per problem on stderr, as compilers and bagit.py print
      // them (the conformance suite's harness reads warnings there); the
      // verdict on stdout.
      for (const auto& p : rep.problems) {
        std::cerr << (p.severity == BagSeverity::kError ? tr("error") : tr("warning")) << ": "
                  << printable(p.path.empty() ? args_.validate : p.path) << ": " << problem_text(p) << '\n';
      }
      std::string algs;
      for (const auto& a : rep.algorithms) algs += (algs.empty() ? "" : ", ") + a;
      if (rep.valid())
        std::cout << tr_nformat("{1}: valid bag (BagIt {2}): {3} payload file, {4} checksums verified ({5})",
                                "{1}: valid bag (BagIt {2}): {3} payload files, {4} checksums verified ({5})",
                                static_cast<long long>(rep.payload_files), args_.validate, rep.version,
                                number(rep.payload_files), number(rep.checked), algs)
                  << '\n';
      else
        std::cout << tr_format("{1}: invalid bag: {2} errors, {3} warnings", args_.validate, number(rep.errors()),
                               number(rep.warnings()))
                  << '\n';
    }
    if (rep.valid()) return kExitOk;
    return rep.fixity_failed() ? kExitFixity : kExitFindings;
  }

  int write(const GlobalArgs& g) {
    BagWriteRequest req;
    req.out_dir = args_.out_dir;
    std::string description;
    if (!args_.folder.empty()) {
      std::error_code ec;
      if (!fs::is_directory(args_.folder, ec)) throw UsageError(args_.folder + ": " + tr("not a folder"));
      // Every file, as `arkiv manifest` lists them: hidden ones left out.
      for (auto it = fs::recursive_directory_iterator(args_.folder, fs::directory_options::skip_permission_denied, ec);
           it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) break;
        if (it->path().filename().string().starts_with(".")) {
          if (it->is_directory()) it.disable_recursion_pending();
          continue;
        }
        if (!it->is_regular_file()) continue;
        req.files.push_back({it->path().string(), fs::relative(it->path(), args_.folder).generic_string()});
      }
      if (ec) throw Error(args_.folder + ": " + ec.message());
      description = "Folder " + fs::absolute(args_.folder).lexically_normal().string();
    } else {
      Searcher searcher(g.search_options());
      std::vector<std::string> ids;
      if (!args_.dnr.empty()) {
        for (const auto& r : searcher.case_records(args_.dnr)) ids.push_back(r.id);
        description = "Records of case " + args_.dnr + " (arkiv case)";
      } else {
        SearchRequest sr;
        sr.query = args_.query;
        sr.limit = 1000;
        for (;;) {
          SearchResult res = searcher.search(sr);
          for (const auto& h : res.hits) ids.push_back(h.id);
          if (res.hits.size() < sr.limit) break;
          sr.offset += sr.limit;
        }
        description = "Records found by the query " + args_.query + " (arkiv search)";
      }
      // A member of a container (an attachment inside a PDF, a file in a
      // ZIP) is bagged as its container file: the original as received.
      std::set<std::string> seen;
      for (const auto& id : ids) {
        auto info = searcher.find(id);
        if (!info) continue;
        std::string disk = info->abspath.substr(0, info->abspath.find(kMemberSeparator));
        std::string shown = info->path.substr(0, info->path.find(kMemberSeparator));
        if (!seen.insert(disk).second) continue;
        req.files.push_back({disk, bag_name(shown)});
      }
    }
    if (req.files.empty()) {
      if (!args_.dnr.empty())
        std::cout << tr_format("No records with diarienummer {1}.", args_.dnr) << '\n';
      else
        std::cout << tr("Nothing to bag: no files.") << '\n';
      return kExitNoMatch;
    }
    req.info.emplace_back("Source-Organization", args_.source_organization);
    req.info.emplace_back("External-Description", description);
    BagWriteResult res = write_bag(req);
    if (g.json) {
      print_json(json({{"bag", args_.out_dir}, {"files", res.files}, {"bytes", res.bytes}}));
    } else {
      std::cout << tr_nformat("{1}: bag written, {2} file ({3} bytes), SHA-256 and SHA-512 manifests",
                              "{1}: bag written, {2} files ({3} bytes), SHA-256 and SHA-512 manifests",
                              static_cast<long long>(res.files), args_.out_dir, number(res.files), number(res.bytes))
                << '\n';
    }
    return kExitOk;
  }

  BagArgs args_;
};

}  // namespace

std::unique_ptr<Command> add_bag_command(CLI::App& app, GlobalArgs& g) { return std::make_unique<BagCommand>(app, g); }

}  // namespace arkiv::cli
