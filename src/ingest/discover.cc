// Discovery: turns the paths a user names into SourceFiles with a stable
// identity (record id from the absolute path; size and mtime for change
// detection; SHA-256 for fixity, computed only when needed).
#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>

#include "arkiv/bagit.h"
#include "arkiv/pipeline.h"
#include "util/time.h"

namespace fs = std::filesystem;

namespace arkiv::ingest {
namespace {

std::string to_hex(const unsigned char* p, std::size_t n) {
  static const char* kDigits = "0123456789abcdef";
  std::string out(n * 2, '0');
  for (std::size_t i = 0; i < n; ++i) {
    out[2 * i] = kDigits[p[i] >> 4];
    out[2 * i + 1] = kDigits[p[i] & 0xf];
  }
  return out;
}

// Whether an errno says the path is not there (a missing component, or
// one that is not a folder). Nothing else makes a record gone: EACCES, EIO
// and the rest say the path is there and could not be read.
bool gone(int err) { return err == ENOENT || err == ENOTDIR; }

// A path that is there but cannot be read may be readable on the next run
// (permissions put back, a share mounted again): transient, so that a
// record stored with it is read again then, changed or not.
Diagnostic errno_diag(int err) {
  Diagnostic d;
  d.kind = gone(err) ? DiagKind::kNotFound : DiagKind::kUnreadable;
  d.detail = std::strerror(err);
  d.transient = d.kind == DiagKind::kUnreadable;
  return d;
}

// Whether this process may read the file `st` describes. A file made
// unreadable (chmod 000) keeps its size and mtime: without this it passed
// as unchanged, and once changed its record's text was replaced by an
// "unreadable" failure. The mode bits decide where they suffice (ours and
// readable by us; readable by group and others), as for nearly every file
// of an archive: a faccessat() for each file made a run that changed
// nothing 6% slower (5,000 files). Otherwise faccessat() decides, which
// knows groups, ACLs and capabilities (root reads a chmod 000 file).
bool readable(const fs::path& p, const struct stat& st, uid_t euid, Diagnostic& diag) {
  const bool ours = st.st_uid == euid;
  if (ours ? (st.st_mode & S_IRUSR) : (st.st_mode & S_IRGRP) && (st.st_mode & S_IROTH)) return true;
  if (::faccessat(AT_FDCWD, p.c_str(), R_OK, AT_EACCESS) == 0) return true;
  diag = errno_diag(errno);
  return false;
}

// stat() rather than std::filesystem::last_write_time: we want the exact
// nanosecond mtime, and one syscall for size and mtime together (and the
// mode, to tell whether the file can be read).
bool stat_file(const fs::path& p, uid_t euid, SourceFile& out, Diagnostic& diag) {
  struct stat st;
  if (::stat(p.c_str(), &st) != 0) {
    diag = errno_diag(errno);
    return false;
  }
  if (!S_ISREG(st.st_mode)) {
    diag.kind = DiagKind::kUnsupported;
    diag.detail = "not a regular file";
    return false;
  }
  if (!readable(p, st, euid, diag)) return false;
  out.size = static_cast<std::uint64_t>(st.st_size);
  out.mtime = util::from_unix_ns(std::int64_t(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec);
  return true;
}

// The path shown to the user: relative paths stay relative (as typed, made
// lexically normal), so results read "corpus/x.pdf" rather than "/home/...".
std::string display_path(const fs::path& given) {
  fs::path n = given.lexically_normal();
  std::string s = n.string();
  if (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

// Walks the folder `top` depth first, handing each file to `add_file`
// and each path it cannot use to `problem`. Written out, not
// std::filesystem::recursive_directory_iterator: that one ends the whole
// walk at the first folder it cannot open or read, or with
// skip_permission_denied passes over it without a word, and either way
// the records below the folder (and after it) looked gone and were
// removed: "chmod 000 corpus/sub" removed every record in it, "chmod 000
// corpus" every record. Here a folder that cannot be opened or read to
// the end is one problem (kUnreadable), and the walk goes on.
template <class Problem, class AddFile>
void walk(const fs::path& top, const DiscoverOptions& opts, Problem& problem, AddFile& add_file) {
  std::error_code ec;
  // Where the folder really is, to tell whether a link stays inside it.
  const fs::path real_root = fs::weakly_canonical(top, ec);
  ec.clear();
  struct Open {
    fs::directory_iterator it;
    fs::path dir;
    dev_t dev = 0;  // with follow_symlinks: the folder's identity, to see a loop
    ino_t ino = 0;
  };
  std::vector<Open> open;  // the folder being read and its ancestors
  auto enter = [&](const fs::path& dir) {
    Open o;
    o.dir = dir;
    if (opts.follow_symlinks) {
      // A followed link to a folder above it would be walked until the
      // path grew too long, each file indexed again at every turn.
      struct stat st;
      if (::stat(dir.c_str(), &st) == 0) {
        o.dev = st.st_dev;
        o.ino = st.st_ino;
        for (const Open& a : open)
          if (a.dev == o.dev && a.ino == o.ino) {
            Diagnostic d;
            d.kind = DiagKind::kUnsupported;
            d.detail = "a symbolic link to a folder it is in (a loop): not followed";
            problem(dir, d);
            return;
          }
      }
    }
    std::error_code open_ec;
    o.it = fs::directory_iterator(dir, open_ec);
    if (open_ec) {
      // A folder gone since it was listed is simply not walked.
      if (!gone(open_ec.value())) problem(dir, errno_diag(open_ec.value()));
      return;
    }
    open.push_back(std::move(o));
  };
  enter(top);
  while (!open.empty()) {
    if (open.back().it == fs::directory_iterator()) {
      open.pop_back();
      continue;
    }
    const fs::directory_entry e = *open.back().it;
    open.back().it.increment(ec);
    if (ec) {
      // The listing broke off (EIO): the files not listed are not gone.
      // The iterator is at its end now; the entry in hand is still used.
      problem(open.back().dir, errno_diag(ec.value()));
      ec.clear();
    }
    const fs::path& fp = e.path();
    // Hidden files and folders (".git", editor backups) are not records.
    if (fp.filename().string().starts_with(".")) continue;
    if (e.is_symlink(ec)) {
      // A link to a file or folder inside the folder is passed over
      // without a word, followed or not: the file itself is indexed where
      // it is, once (with --follow-symlinks, "corpus/lanka -> a" indexed
      // every file of corpus/a twice). A link out of the folders given is
      // not followed unless asked: "ln -s /etc/passwd corpus/x.pdf" made
      // /etc/passwd a record that any search could quote.
      const fs::path target = fs::weakly_canonical(fp, ec);
      const auto [r, t] = std::mismatch(real_root.begin(), real_root.end(), target.begin(), target.end());
      const bool inside = !ec && r == real_root.end();
      ec.clear();
      if (inside) continue;
      if (!opts.follow_symlinks) {
        if (fs::is_regular_file(target, ec) || fs::is_directory(target, ec)) {
          Diagnostic d;
          d.kind = DiagKind::kUnsupported;
          d.detail = "a symbolic link to " + target.string() +
                     ", out of the folder: not followed; --follow-symlinks follows it";
          problem(fp, d);
        }
        ec.clear();
        continue;
      }
    }
    if (e.is_directory(ec)) {
      enter(fp);
      continue;
    }
    ec.clear();
    if (!e.is_regular_file(ec)) {
      ec.clear();
      continue;
    }
    // Every other regular file is handed on, whatever its name: the
    // format is told by its content when it is read, and a file arkiv does
    // not read becomes a record "not read" with its type. A list of
    // extensions passed over .doc, .xls, .msg, .rtf and .xml without a
    // word: 2,000 XML files gave "0 indexed ... 0 skipped" and an audit
    // with "No findings". A new file costs nothing here: unchanged files
    // are decided by size and mtime and never opened.
    // A manifest or BagIt tag file (`arkiv manifest` writes
    // manifest-sha256.txt into the folder it lists) is not a record: indexed,
    // it became a record typed "avtal" and the next audit reported it.
    if (is_bag_metadata_file(fp.string())) continue;
    add_file(fp);
  }
}

}  // namespace

std::size_t nearest_at_or_above(const std::map<std::string, std::size_t>& at, std::string abspath) {
  for (;;) {
    const auto it = at.find(abspath);
    if (it != at.end()) return it->second;
    const std::size_t slash = abspath.rfind('/');
    if (slash == std::string::npos || abspath.size() <= 1) return std::string::npos;
    abspath.resize(slash == 0 ? 1 : slash);
  }
}

std::string record_id(const std::string& abspath) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(abspath.data(), abspath.size(), md, &len, EVP_sha256(), nullptr);
  return to_hex(md, 16);
}

bool hash_file(const std::string& path, std::string& hex, Diagnostic& diag) {
  std::vector<std::string> hexes;
  if (!hash_file_digests(path, {"sha256"}, hexes, diag)) return false;
  hex = hexes[0];
  return true;
}

// One read for every algorithm: a BagIt bag may carry md5, sha1, sha256 and
// sha512 manifests, and reading a large payload four times would take four
// times as long.
bool hash_file_digests(const std::string& path, const std::vector<std::string>& algorithms,
                       std::vector<std::string>& hexes, Diagnostic& diag) {
  using Ctx = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;
  std::vector<Ctx> ctxs;
  for (const auto& name : algorithms) {
    const EVP_MD* md = EVP_get_digestbyname(name.c_str());
    if (!md) {
      diag.kind = DiagKind::kUnsupported;
      diag.detail = "unknown digest algorithm " + name;
      return false;
    }
    ctxs.emplace_back(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    EVP_DigestInit_ex(ctxs.back().get(), md, nullptr);
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diag = errno_diag(errno ? errno : EIO);
    return false;
  }
  std::vector<char> buf(1 << 16);
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    if (in.gcount() > 0)
      for (auto& c : ctxs) EVP_DigestUpdate(c.get(), buf.data(), static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) {
    diag.kind = DiagKind::kUnreadable;
    diag.detail = "read error";
    diag.transient = true;
    return false;
  }
  hexes.clear();
  for (auto& c : ctxs) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_DigestFinal_ex(c.get(), md, &len);
    hexes.push_back(to_hex(md, len));
  }
  return true;
}

DiscoverResult discover(const std::vector<std::string>& paths, const DiscoverOptions& opts) {
  DiscoverResult result;
  std::set<std::string> seen;

  const uid_t euid = ::geteuid();
  auto problem = [&](const fs::path& given, Diagnostic diag) {
    result.problems.push_back({display_path(given), std::move(diag), fs::absolute(given).lexically_normal().string()});
  };
  auto add_file = [&](const fs::path& given) {
    SourceFile f;
    f.path = display_path(given);
    f.abspath = fs::absolute(given).lexically_normal().string();
    if (!seen.insert(f.abspath).second) return;
    Diagnostic diag;
    if (!stat_file(given, euid, f, diag)) {
      result.problems.push_back({f.path, diag, f.abspath});
      return;
    }
    f.id = record_id(f.abspath);
    result.files.push_back(std::move(f));
  };

  for (const std::string& p : paths) {
    fs::path given(p);
    std::error_code ec;
    fs::file_status st = fs::status(given, ec);
    // Only a path that is not there is "not found": one below a folder
    // that cannot be searched (EACCES) is there, unseen, and its record
    // must not be removed as if it were gone.
    if (ec && !gone(ec.value())) {
      problem(given, errno_diag(ec.value()));
      continue;
    }
    if (ec || !fs::exists(st)) {
      Diagnostic d;
      d.kind = DiagKind::kNotFound;
      d.detail = "no such file or directory";
      problem(given, d);
      continue;
    }
    if (!fs::is_directory(st)) {
      add_file(given);
      continue;
    }
    std::string root = fs::absolute(given).lexically_normal().string();
    if (root.size() > 1 && root.back() == '/') root.pop_back();
    // A root that cannot be read is walked all the same: walk() reports it,
    // and the indexer keeps the records below it.
    result.roots.push_back(root);
    walk(given, opts, problem, add_file);
  }
  std::sort(result.files.begin(), result.files.end(),
            [](const SourceFile& a, const SourceFile& b) { return a.abspath < b.abspath; });
  return result;
}

}  // namespace arkiv::ingest
