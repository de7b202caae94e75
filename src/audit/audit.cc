// The audit: what is on disk against what the index recorded at ingest,
// and a corpus against a BagIt-style manifest. Reads every record in scope
// once; re-hashes files only with --verify, since hashing a large archive
// takes as long as reading it.
#include "arkiv/audit.h"

#include <xapian.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <tuple>
#include <utility>

#include "arkiv/analysis.h"
#include "arkiv/error.h"
#include "arkiv/personal_data.h"
#include "arkiv/pipeline.h"
#include "codec/format.h"
#include "codec/record.h"
#include "index/writer.h"
#include "ingest/shard.h"
#include "query/open.h"
#include "util/time.h"

namespace fs = std::filesystem;

namespace arkiv {
namespace {

// Every FindingKind with its key, in the order findings are listed.
// DO NOT CHANGE a key: scripts read them from --json and --csv.
constexpr std::pair<FindingKind, const char*> kKinds[] = {
    {FindingKind::kNew, "new"},
    {FindingKind::kChanged, "changed"},
    {FindingKind::kMissing, "missing"},
    {FindingKind::kUnreadable, "unreadable"},
    {FindingKind::kNotRead, "not-read"},
    {FindingKind::kNoText, "no-text"},
    {FindingKind::kDuplicate, "duplicate"},
    {FindingKind::kMissingAttachment, "missing-attachment"},
    {FindingKind::kOrphanAttachment, "orphan-attachment"},
    {FindingKind::kMoved, "moved"},
    {FindingKind::kPersonalData, "personal-data"},
};

// What the index recorded of one file or member.
struct Record {
  std::string id, path, abspath, sha256, status, detail, parent_id, container_id, folder;
  Xapian::docid did = 0;  // first ingested first: a re-read record keeps its docid
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  bool transient = false;  // the failure may pass: `arkiv index --retry-failed` tries again
  int page_count = 0;
  std::vector<int> pages_without_text;
  int attachment_number = 0;
  std::vector<int> attachment_refs;
  std::vector<int> attachment_pages;   // bilagor printed in it ("Bilaga 2" opens page 4)
  std::vector<std::string> link_keys;  // analyze::attachment_link_keys() of its name and first lines
  std::string record_date;
  std::vector<codec::StoredPersonalData> personal_data;  // pages holding personal identity numbers
  std::vector<RecordEvent> events;  // its history, oldest first
  std::string ingested_at;          // of its "ingested" event; empty if it has none
};

bool under(const std::string& abspath, const std::vector<std::string>& roots) {
  for (const auto& r : roots) {
    if (abspath == r) return true;
    std::string dir = r.back() == '/' ? r : r + "/";
    if (abspath.compare(0, dir.size(), dir) == 0) return true;
  }
  return false;
}

std::string list(const std::vector<int>& v) {
  std::string s;
  for (int n : v) s += (s.empty() ? "" : ", ") + std::to_string(n);
  return s;
}

void sort_findings(std::vector<Finding>& f) {
  auto rank = [](FindingKind k) {
    return std::find_if(std::begin(kKinds), std::end(kKinds), [&](const auto& e) { return e.first == k; }) -
           std::begin(kKinds);
  };
  std::stable_sort(f.begin(), f.end(), [&](const Finding& a, const Finding& b) {
    if (a.kind != b.kind) return rank(a.kind) < rank(b.kind);
    return a.path < b.path;
  });
}

// "3 personal identity numbers (personnummer, samordningsnummer): page 1: 2,
// page 4: 1".
std::string personal_data_detail(const std::vector<codec::StoredPersonalData>& pages) {
  int total = 0;
  std::vector<std::string> kinds;
  std::string where;
  for (const codec::StoredPersonalData& p : pages) {
    total += p.count;
    for (const std::string& k : p.kinds)
      if (std::find(kinds.begin(), kinds.end(), k) == kinds.end()) kinds.push_back(k);
    where += (where.empty() ? "" : ", ") + std::string("page ") + std::to_string(p.page) + ": " + std::to_string(p.count);
  }
  std::string kind_list;
  for (const std::string& k : kinds) kind_list += (kind_list.empty() ? "" : ", ") + k;
  return std::to_string(total) + (total == 1 ? " personal identity number (" : " personal identity numbers (") +
         kind_list + "): " + where;
}

// An absolute path as the audit shows it: relative to the working folder
// where it lies below it ("corpus/a.pdf", as it was given to `arkiv
// index` there), else absolute (the audit of an archive run from
// elsewhere).
std::string shown(const std::string& abspath, const fs::path& here) {
  const fs::path rel = fs::path(abspath).lexically_relative(here);
  return !rel.empty() && *rel.begin() != ".." ? rel.string() : abspath;
}

std::vector<Record> read_records(const Xapian::Database& db, const std::vector<std::string>& roots) {
  std::vector<Record> out;
  const fs::path here = fs::current_path();  // once: shown() of every record
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    Xapian::Document doc = db.get_document(*it);
    const std::optional<codec::RecordData> j = codec::get_data(doc);
    if (!j) continue;
    Record r;
    r.id = j->source.id;
    r.abspath = j->source.abspath;
    // A file on disk by the exact bytes of its path, as the walk finds it:
    // a record written before names were escaped holds U+FFFD for a byte
    // of a Latin-1 name in its JSON (codec::names_exact()).
    if (const std::string raw = codec::get_abspath(doc); !raw.empty() && j->source.container_id.empty())
      r.abspath = raw;
    // A member is in scope when the file it came from is.
    const std::size_t member = r.abspath.find(kMemberSeparator);
    const std::string disk = r.abspath.substr(0, member);
    if (!under(disk, roots)) continue;
    r.path = shown(disk, here) + (member == std::string::npos ? "" : r.abspath.substr(member));
    r.sha256 = j->source.sha256;
    r.did = *it;
    const codec::State state = codec::get_state(doc, &*j);
    r.status = state.status;
    r.detail = state.detail;
    r.transient = state.transient;
    r.parent_id = j->source.parent_id;
    r.container_id = j->source.container_id;
    r.size = j->source.size;
    r.mtime_ns = codec::get_mtime_ns(doc);
    r.page_count = j->page_count;
    for (const Diagnostic& d : j->diagnostics)
      if (d.kind == DiagKind::kPageNoText) r.pages_without_text.push_back(d.page);
    r.attachment_number = j->attachment_number;
    r.attachment_refs = j->attachment_refs;
    for (const AttachmentPage& p : j->attachment_pages) r.attachment_pages.push_back(p.number);
    r.link_keys = j->link_keys;
    r.record_date = j->record_date;
    r.personal_data = j->personal_data;
    r.events = codec::get_events(doc);
    for (const RecordEvent& e : r.events)
      if (e.kind == EventKind::kIngested) {
        r.ingested_at = e.at;
        break;
      }
    const std::optional<codec::HitSummary> hit = codec::get_hit(doc);
    if (hit) r.folder = hit->folder;
    if (r.folder.empty()) r.folder = ingest::record_id(fs::path(disk).parent_path().string());
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace

const char* finding_key(FindingKind kind) {
  for (const auto& [k, key] : kKinds)
    if (k == kind) return key;
  return "unknown";
}

std::map<std::string, std::size_t> AuditReport::counts() const {
  std::map<std::string, std::size_t> c;
  for (const auto& [k, key] : kKinds) c[key] = 0;
  for (const auto& f : findings) ++c[finding_key(f.kind)];
  return c;
}

bool AuditReport::moved() const {
  return std::any_of(findings.begin(), findings.end(), [](const Finding& f) { return f.kind == FindingKind::kMoved; });
}

bool AuditReport::fixity_failed() const {
  return std::any_of(findings.begin(), findings.end(),
                     [](const Finding& f) { return f.kind == FindingKind::kChanged || f.kind == FindingKind::kMissing; });
}

namespace {

// The files and folders (absolute) the shards that answered were built
// from, each once. Empty if one of them does not record them.
std::vector<std::string> recorded_sources(const query::OpenShards& shards) {
  std::vector<std::string> out;
  for (const Xapian::Database& db : shards.opened) {
    std::vector<std::string> sources;
    try {
      sources = codec::split_sources(db.get_metadata(schema::kMetaSources));
    } catch (const Xapian::Error& e) {
      query::throw_index_error("cannot read the index", e);
    }
    if (sources.empty()) return {};
    for (std::string& a : sources)
      if (std::find(out.begin(), out.end(), a) == out.end()) out.push_back(std::move(a));
  }
  return out;
}

// The shard numbers that answered, when some did not: the files of the
// others are not checked, so that no file of theirs is called "new".
// Which files those are is known only when every shard that answered is a
// shard of one split (`arkiv index --shards N`: the same count and
// routing rule, a number each); then the numbers, else it throws
// IndexError naming the shards that did not answer.
std::set<unsigned> answering_shards(const query::OpenShards& shards, unsigned& count) {
  // "12" as 12; anything else (empty: not a shard) as 0.
  const auto number = [](const std::string& s) {
    unsigned n = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
    return ec == std::errc() && end == s.data() + s.size() ? n : 0u;
  };
  std::set<unsigned> numbers, counts;
  std::set<std::string> rules;
  for (const Xapian::Database& db : shards.opened) {
    try {
      numbers.insert(number(db.get_metadata(schema::kMetaShard)));
      counts.insert(number(db.get_metadata(schema::kMetaShardCount)));
      rules.insert(db.get_metadata(schema::kMetaShardRule));
    } catch (const Xapian::Error& e) {
      query::throw_index_error("cannot read the index", e);
    }
  }
  count = counts.size() == 1 ? *counts.begin() : 0;
  if (count == 0 || numbers.count(0) || rules != std::set<std::string>{ingest::kShardRule}) {
    std::string why;
    for (const ShardFailure& f : shards.report.failed) why += "; " + f.shard + ": " + f.reason;
    throw IndexError("the audit reads the shards that answer only when they are shards of one split "
                     "(`arkiv index --shards N`), so that the files of the others are known; some did not answer" +
                     why);
  }
  return numbers;
}

}  // namespace

AuditReport audit(const SearchOptions& index, const AuditOptions& opts) {
  AuditReport rep;
  const query::OpenShards shards =
      query::open_shards(index.indexes, {index.shard_connect_timeout_ms, index.shard_timeout_ms});
  rep.shards = shards.report;
  unsigned shard_count = 0;
  const std::set<unsigned> answered = shards.report.partial() ? answering_shards(shards, shard_count)
                                                              : std::set<unsigned>();
  if (shards.report.partial() && index.on_partial) index.on_partial(shards.report);
  const std::vector<std::string> sources = recorded_sources(shards);
  if (!opts.paths.empty()) {
    rep.paths = opts.paths;
  } else {
    const fs::path here = fs::current_path();
    for (const std::string& a : sources) rep.paths.push_back(shown(a, here));
  }
  if (rep.paths.empty()) {
    rep.sources_unknown = true;
    return rep;
  }
  ingest::DiscoverResult disk = ingest::discover(rep.paths, opts.discover);
  if (!answered.empty()) {
    // A file is routed by its first folder below the folders the index
    // was built from (as `arkiv index` routed it), whatever the audit was
    // asked to look at; one of a shard that did not answer is not checked.
    const std::vector<std::string>& roots = sources.empty() ? disk.roots : sources;
    const auto theirs = [&](const SourceFile& f) {
      return !answered.count(ingest::shard_of(ingest::shard_key(f.abspath, roots), shard_count));
    };
    rep.not_checked = static_cast<std::size_t>(std::count_if(disk.files.begin(), disk.files.end(), theirs));
    std::erase_if(disk.files, theirs);
  }
  std::vector<std::string> roots = disk.roots;
  for (const auto& f : disk.files) roots.push_back(f.abspath);
  // A folder or file that could not be read (permissions, an I/O error)
  // was not checked, and what the index holds at or below it is not
  // missing: each is one finding, never "No findings".
  std::map<std::string, std::size_t> unreadable_at;  // abspath -> its place in `unreadable`
  std::vector<std::pair<const ingest::DiscoverProblem*, std::size_t>> unreadable;  // and its records
  for (const auto& p : disk.problems) {
    if (p.diag.kind == DiagKind::kNotFound) roots.push_back(p.abspath);
    if (p.diag.kind == DiagKind::kUnreadable) {
      roots.push_back(p.abspath);  // a file named: its own record
      unreadable_at.emplace(p.abspath, unreadable.size());
      unreadable.emplace_back(&p, 0);
    }
  }
  // The unreadable folder or file at or nearest above `abspath`; npos if none.
  auto unreadable_above = [&](const std::string& p) { return ingest::nearest_at_or_above(unreadable_at, p); };
  rep.files_on_disk = disk.files.size() + rep.not_checked;

  std::vector<Record> records;
  try {
    records = read_records(shards.db, roots);
  } catch (const Xapian::Error& e) {
    throw IndexError("cannot read the index: " + e.get_description());
  }
  rep.records = records.size();
  for (const auto& p : disk.problems) {
    if (p.diag.kind != DiagKind::kNotFound) continue;
    const std::string a = fs::absolute(p.path).lexically_normal().string();
    if (std::none_of(records.begin(), records.end(), [&](const Record& r) { return under(r.abspath, {a}); }))
      rep.not_found.push_back(p.path);
  }
  if (!rep.not_found.empty()) return rep;
  std::map<std::string, const Record*> by_abspath;
  for (const auto& r : records)
    if (r.container_id.empty()) by_abspath[r.abspath] = &r;

  // Files on disk: new, changed.
  std::vector<SourceFile> fresh;  // on disk, not in the index: new, or moved
  std::size_t done = 0;
  for (SourceFile f : disk.files) {
    if (opts.on_progress) opts.on_progress({++done, disk.files.size(), f.path, {}});
    auto it = by_abspath.find(f.abspath);
    if (it == by_abspath.end()) {
      fresh.push_back(f);
      continue;
    }
    const Record& r = *it->second;
    if (opts.verify) {
      Diagnostic diag;
      if (!ingest::hash_file(f.path, f.sha256, diag)) {
        rep.findings.push_back({FindingKind::kUnreadable, r.path, "cannot be read: " + diag.detail});
        continue;
      }
      ++rep.verified;
      if (f.sha256 != r.sha256)
        rep.findings.push_back({FindingKind::kChanged, r.path, "SHA-256 differs: ingested " + r.sha256 + ", now " + f.sha256});
    } else if (f.size != r.size) {
      rep.findings.push_back({FindingKind::kChanged, r.path, "size differs: ingested " + std::to_string(r.size) + " bytes, now " +
                                                     std::to_string(f.size) + " (not hashed; --verify hashes)"});
    } else if (util::to_unix_ns(f.mtime) != r.mtime_ns) {
      rep.findings.push_back({FindingKind::kChanged, r.path, "modified since ingest: " + util::iso8601_utc(util::from_unix_ns(r.mtime_ns)) +
                                                     " -> " + util::iso8601_utc(f.mtime) + " (not hashed; --verify hashes)"});
    }
  }
  // Records whose file is gone, or could not be looked at.
  std::set<std::string> on_disk;
  for (const auto& f : disk.files) on_disk.insert(f.abspath);
  std::set<const Record*> unchecked;
  std::vector<const Record*> gone;  // missing, or moved
  for (const auto& r : records) {
    if (!r.container_id.empty() || on_disk.count(r.abspath)) continue;
    if (const std::size_t u = unreadable_above(r.abspath); u != std::string::npos) {
      ++unreadable[u].second;
      unchecked.insert(&r);
      continue;
    }
    // A file replaced by a symbolic link (`ln -sf /etc/passwd corpus/x.pdf`)
    // is not the file that was ingested, wherever the link points: a
    // fixity failure of its own, not a file merely gone.
    std::error_code ec;
    if (fs::is_symlink(fs::symlink_status(r.abspath, ec))) {
      const fs::path target = fs::read_symlink(r.abspath, ec);
      rep.findings.push_back({FindingKind::kChanged, r.path,
                              "replaced by a symbolic link to " + target.string() + " (not followed); ingested SHA-256 " +
                                  r.sha256});
      continue;
    }
    gone.push_back(&r);
  }
  // Moved: a record gone from its path whose content is on disk at a new
  // one is one finding, not "missing" plus "new" (a folder renamed by an
  // archivist is no fixity failure). Only files of a gone record's size
  // are hashed.
  std::map<std::uint64_t, std::vector<const Record*>> gone_by_size;
  for (const Record* r : gone)
    if (!r->sha256.empty()) gone_by_size[r->size].push_back(r);
  std::set<const Record*> moved;
  for (SourceFile& f : fresh) {
    auto it = gone_by_size.find(f.size);
    Diagnostic diag;
    if (it == gone_by_size.end() || !ingest::hash_file(f.path, f.sha256, diag)) {
      rep.findings.push_back({FindingKind::kNew, f.path, "on disk, not in the index; run `arkiv index`"});
      continue;
    }
    const Record* from = nullptr;
    for (const Record* r : it->second)
      if (r->sha256 == f.sha256 && !moved.count(r)) {
        from = r;
        break;
      }
    if (!from) {
      rep.findings.push_back({FindingKind::kNew, f.path, "on disk, not in the index; run `arkiv index`"});
      continue;
    }
    moved.insert(from);
    rep.findings.push_back({FindingKind::kMoved, f.path,
                            "moved from " + from->path + ", the same content (SHA-256 " + f.sha256 +
                                "); `arkiv index` moves its record"});
  }
  for (const Record* r : gone)
    if (!moved.count(r))
      rep.findings.push_back({FindingKind::kMissing, r->path, "in the index (SHA-256 " + r->sha256 + "), gone from disk"});
  for (const auto& [p, n] : unreadable) {
    std::error_code ec;
    const bool folder = fs::is_directory(p->abspath, ec);
    rep.findings.push_back({FindingKind::kUnreadable, p->path,
                            "cannot be read (" + p->diag.detail + "): not checked; " +
                                (folder ? std::to_string(n) + (n == 1 ? " record" : " records") + " in the index below it"
                                 : n ? "its record is in the index"
                                     : "not in the index")});
  }

  // Content changes `arkiv index` took in: still fixity failures, with
  // the SHA-256 of the content before them, until an archivist accepts
  // them (accept_changes()). Re-indexing a changed file used to make the
  // next audit say "No findings", the original SHA-256 gone.
  std::set<std::string> changed_now;
  for (const Finding& f : rep.findings)
    if (f.kind == FindingKind::kChanged) changed_now.insert(f.path);
  for (const auto& r : records) {
    const RecordEvent* since = nullptr;  // the first change after the last acceptance
    for (const RecordEvent& e : r.events) {
      if (e.kind == EventKind::kChangesAccepted) since = nullptr;
      if (e.kind == EventKind::kContentChanged && !since) since = &e;
    }
    if (!since || changed_now.count(r.path)) continue;
    rep.findings.push_back({FindingKind::kChanged, r.path,
                            "content changed and re-indexed " + since->at + ": SHA-256 " + since->before + " before, " +
                                r.sha256 + " now; not accepted (`arkiv audit --accept PATH`)"});
  }

  // Readability, as extraction found it, or as the last index run left it
  // (a record kept, marked unreadable, whose folder is named above).
  for (const auto& r : records) {
    if (unchecked.count(&r) && r.status == diag_key(DiagKind::kUnreadable)) continue;
    if (r.status == schema::kStatusOk) {
      if (!r.pages_without_text.empty())
        rep.findings.push_back({FindingKind::kNoText, r.path, "no text layer on page " + list(r.pages_without_text) + " of " +
                                                       std::to_string(r.page_count) + " (OCR candidate)"});
    } else if (r.status == diag_key(DiagKind::kNoText)) {
      rep.findings.push_back({FindingKind::kNoText, r.path, r.detail.empty() ? "no text layer" : r.detail});
    } else if (r.status == diag_key(DiagKind::kUnsupported)) {
      // Counted and listed: a folder of .doc files is never "No findings".
      rep.findings.push_back({FindingKind::kNotRead, r.path, r.detail});  // its type
    } else if (!r.status.empty()) {
      // A timeout or crash of the extraction helper may pass: said so,
      // since `arkiv index --retry-failed` tries the file again.
      rep.findings.push_back({FindingKind::kUnreadable, r.path,
                              r.status + (r.detail.empty() ? "" : ": " + r.detail) +
                                  (r.transient ? " (may pass: `arkiv index --retry-failed` tries it again)" : "")});
    }
  }

  // What the walk passed over without reading (a link out of the folder,
  // not followed): not read, as `arkiv index` says each night, and never
  // "No findings" for it.
  for (const auto& p : disk.problems)
    if (p.diag.kind != DiagKind::kNotFound && p.diag.kind != DiagKind::kUnreadable)
      rep.findings.push_back({FindingKind::kNotRead, p.path, p.diag.detail});

  // The same content under several paths: the record read first is the
  // original, the later ones its duplicates.
  std::map<std::string, std::vector<const Record*>> by_hash;
  for (const auto& r : records)
    if (!r.sha256.empty() && r.size > 0) by_hash[r.sha256].push_back(&r);
  for (auto& [hash, group] : by_hash) {
    if (group.size() < 2) continue;
    // Ingested first is the original: by the time of the run that
    // ingested it (every record of one run has the same), then by path.
    // Not the docid: a run on several threads writes its files in the
    // order they finish, so which copy was "the duplicate" changed between
    // identical runs. A record with no history (written before it was
    // kept) is older than any with one.
    std::sort(group.begin(), group.end(), [](const Record* a, const Record* b) {
      return std::tie(a->ingested_at, a->abspath, a->did) < std::tie(b->ingested_at, b->abspath, b->did);
    });
    for (std::size_t i = 1; i < group.size(); ++i)
      rep.findings.push_back({FindingKind::kDuplicate, group[i]->path, "same content as " + group[0]->path});
  }

  // Attachments: referred to but absent; present but belonging to none.
  // A bilaga file in a folder belongs to the record that refers to its
  // number and is tied to it, or to the only one referring to it
  // (analyze::choose_attachment_parent(), as `show` and `search` link
  // them). Keyed maps, one pass each: an archive has millions of records.
  std::map<std::string, std::vector<const Record*>> mains;  // folder -> its records that are no attachments
  for (const auto& r : records)
    if (r.parent_id.empty() && r.attachment_number == 0) mains[r.folder].push_back(&r);
  for (auto& [folder, group] : mains)
    std::stable_sort(group.begin(), group.end(), [](const Record* a, const Record* b) {
      const std::string da = a->record_date.empty() ? "9999-99-99" : a->record_date;
      const std::string db = b->record_date.empty() ? "9999-99-99" : b->record_date;
      return da != db ? da < db : a->did < b->did;
    });
  std::set<std::pair<std::string, int>> present;  // (record id, N): in the file, printed in it, or linked
  for (const auto& r : records) {
    if (r.attachment_number > 0 && !r.parent_id.empty()) present.insert({r.parent_id, r.attachment_number});
    for (int n : r.attachment_pages) present.insert({r.id, n});
  }
  for (const auto& r : records) {
    if (r.attachment_number == 0 || !r.container_id.empty()) continue;
    const std::string n = std::to_string(r.attachment_number);
    std::vector<analyze::LinkSide> sides;
    std::size_t referring = 0;
    auto it = mains.find(r.folder);
    if (it != mains.end())
      for (const Record* m : it->second) {
        const bool refers = std::count(m->attachment_refs.begin(), m->attachment_refs.end(), r.attachment_number) > 0;
        referring += refers;
        sides.push_back({m->path, m->link_keys, refers, m->sha256});
      }
    const int chosen = analyze::choose_attachment_parent({r.path, r.link_keys, true, ""}, sides);
    if (chosen >= 0) {
      // Its decision and the copies of it.
      const std::string& sha = it->second[static_cast<std::size_t>(chosen)]->sha256;
      for (const Record* m : it->second)
        if (m == it->second[static_cast<std::size_t>(chosen)] || (!sha.empty() && m->sha256 == sha))
          present.insert({m->id, r.attachment_number});
    } else if (referring == 0) {
      rep.findings.push_back({FindingKind::kOrphanAttachment, r.path, "bilaga " + n + ": no record in its folder refers to it"});
    } else {
      rep.findings.push_back({FindingKind::kOrphanAttachment, r.path,
                              "bilaga " + n + ": " + std::to_string(referring) + " records in its folder refer to a bilaga " +
                                  n + ", and neither its name nor its first lines say which"});
    }
  }
  for (const auto& r : records) {
    if (r.attachment_refs.empty() || r.status != schema::kStatusOk) continue;
    for (int n : r.attachment_refs)
      if (!present.count({r.id, n}))
        rep.findings.push_back({FindingKind::kMissingAttachment, r.path, "refers to bilaga " + std::to_string(n) +
                                                                  ", which is neither in the file nor in its folder"});
  }
  // Personal data: what the index side found in each record's text
  // (index/document.cc), page by page. A record written before schema 8
  // was not looked at; the next `arkiv index` reads it again.
  for (const auto& r : records)
    if (!r.personal_data.empty())
      rep.findings.push_back({FindingKind::kPersonalData, r.path, personal_data_detail(r.personal_data)});
  if (!opts.show_personal_data)
    for (Finding& f : rep.findings) f.detail = mask_personal_numbers(f.detail, personal_data_year(""));
  sort_findings(rep.findings);
  return rep;
}

namespace {

constexpr const char* kManifestName = "manifest-sha256.txt";

std::vector<std::pair<std::string, std::string>> payload(const fs::path& dir, const fs::path& skip = {}) {
  std::vector<std::pair<std::string, std::string>> out;  // relative, absolute
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, fs::directory_options::skip_permission_denied, ec);
       it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    const std::string name = it->path().filename().string();
    if (!name.empty() && name[0] == '.') {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file()) continue;
    std::string rel = fs::relative(it->path(), dir).generic_string();
    if (rel == kManifestName) continue;
    if (!skip.empty() && fs::absolute(it->path()).lexically_normal() == skip) continue;
    out.emplace_back(rel, it->path().string());
  }
  if (ec) throw Error(dir.string() + ": cannot read: " + ec.message());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

std::size_t write_manifest(const std::string& dir, const std::function<void(const IndexProgress&)>& on_progress,
                           const std::string& output) {
  if (!fs::is_directory(dir)) throw Error(dir + ": not a folder");
  const fs::path target = output.empty() ? fs::path(dir) / kManifestName : fs::path(output);
  // A manifest written into the folder it lists does not list itself.
  auto files = payload(dir, fs::absolute(target).lexically_normal());
  std::ostringstream body;
  std::size_t done = 0;
  for (const auto& [rel, abs] : files) {
    if (on_progress) on_progress({++done, files.size(), rel, {}});
    std::string hex;
    Diagnostic diag;
    if (!ingest::hash_file(abs, hex, diag)) throw Error(abs + ": cannot be read: " + diag.detail);
    body << hex << "  " << rel << "\n";
  }
  // Written beside and renamed over: a manifest is whole or absent.
  const fs::path tmp = target.parent_path() / (std::string(".") + target.filename().string() + ".tmp");
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << body.str();
    out.close();
    if (!out) throw Error(tmp.string() + ": cannot write");
  }
  fs::rename(tmp, target);
  return files.size();
}

AuditReport check_manifest(const std::string& manifest_file,
                           const std::function<void(const IndexProgress&)>& on_progress, const std::string& dir) {
  std::ifstream in(manifest_file);
  if (!in) throw Error(manifest_file + ": cannot read the manifest");
  std::map<std::string, std::string> listed;  // relative path -> sha256
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    std::size_t sp = line.find(' ');
    if (sp != 64 || line.find_first_not_of("0123456789abcdefABCDEF") != 64)
      throw Error(manifest_file + ":" + std::to_string(line_no) + ": not \"<sha256>  <path>\"");
    std::size_t p = line.find_first_not_of(" *", sp);
    std::string hex = line.substr(0, 64);
    std::transform(hex.begin(), hex.end(), hex.begin(), [](unsigned char c) { return std::tolower(c); });
    listed[line.substr(p)] = hex;
  }
  const fs::path base = dir.empty() ? fs::absolute(manifest_file).parent_path() : fs::absolute(dir);
  if (!fs::is_directory(base)) throw Error(base.string() + ": not a folder");
  AuditReport rep;
  std::set<std::string> present;
  std::size_t done = 0;
  for (const auto& [rel, abs] : payload(base, fs::absolute(manifest_file).lexically_normal())) {
    ++rep.files_on_disk;
    present.insert(rel);
    auto it = listed.find(rel);
    if (it == listed.end()) {
      rep.findings.push_back({FindingKind::kNew, rel, "on disk, not in the manifest"});
      continue;
    }
    if (on_progress) on_progress({++done, listed.size(), rel, {}});
    std::string hex;
    Diagnostic diag;
    if (!ingest::hash_file(abs, hex, diag)) {
      rep.findings.push_back({FindingKind::kUnreadable, rel, "cannot be read: " + diag.detail});
      continue;
    }
    ++rep.verified;
    if (hex != it->second)
      rep.findings.push_back({FindingKind::kChanged, rel, "SHA-256 differs: manifest " + it->second + ", now " + hex});
  }
  rep.records = listed.size();
  for (const auto& [rel, hex] : listed)
    if (!present.count(rel)) rep.findings.push_back({FindingKind::kMissing, rel, "in the manifest (SHA-256 " + hex + "), gone from disk"});
  sort_findings(rep.findings);
  return rep;
}

AcceptResult accept_changes(const std::string& index_dir, const std::vector<std::string>& paths,
                            const std::string& who, const std::string& note) {
  AcceptResult out;
  index::Writer writer(index_dir);
  writer.begin_batch();
  const std::string at = util::iso8601_utc_ms(util::now());
  for (const std::string& p : paths) {
    std::string abspath = fs::absolute(p).lexically_normal().string();
    if (abspath.size() > 1 && abspath.back() == '/') abspath.pop_back();
    const std::string id = ingest::record_id(abspath);
    const std::optional<index::Signature> sig = writer.lookup(id);
    if (!sig) {
      out.not_found.push_back(p);
      continue;
    }
    bool open_change = false;
    for (const RecordEvent& e : writer.events(sig->did)) {
      if (e.kind == EventKind::kContentChanged) open_change = true;
      if (e.kind == EventKind::kChangesAccepted) open_change = false;
    }
    if (!open_change) {
      out.nothing_to_accept.push_back(p);
      continue;
    }
    std::string detail = who.empty() ? "accepted" : "accepted by " + who;
    if (!note.empty()) detail += ": " + note;
    writer.add_event(id, {EventKind::kChangesAccepted, at, sig->sha256, {}, detail});
    out.accepted.push_back(p);
  }
  writer.commit_batch();
  return out;
}

}  // namespace arkiv
