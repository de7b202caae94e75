// BagIt (RFC 8493): validation of any bag and writing arkiv's own. The
// rules follow the RFC, and where the Library of Congress's conformance
// suite (tests/data/bagit/) shows bags made before 1.0, the draft the bag
// declares (0.93-0.97): e.g. "Label : value" is a valid bag-info.txt line in
// 0.97 ("each separated by optional whitespace") and invalid in 1.0.
#include "arkiv/bagit.h"

#include <openssl/evp.h>
#include <unicode/ucnv.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>

#include "arkiv/error.h"
#include "arkiv/pipeline.h"
#include "arkiv/version.h"
#include "util/text.h"

namespace fs = std::filesystem;

namespace arkiv {
namespace {

const std::set<std::string> kFixityCodes = {"checksum", "missing", "not-listed", "not-fetched", "oxum", "unreadable"};

std::optional<std::string> read_bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream s;
  s << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return s.str();
}

// Lines ended by LF, CR or CRLF (RFC 8493 2.1.1 allows all three; the
// suite's holey-bag ends its lines with CRLF).
std::vector<std::string> split_lines(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '\r' || c == '\n') {
      out.push_back(cur);
      cur.clear();
      if (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ++i;
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::string trim(const std::string& s) {
  std::size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  std::size_t e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

// A tag file's text as UTF-8, from its declared encoding (the suite has
// ISO-8859-1 and UTF-16 bags); a leading BOM is dropped. nullopt if the bytes
// are not valid in that encoding.
std::optional<std::string> to_utf8(const std::string& bytes, const std::string& encoding) {
  if (bytes.empty()) return std::string();
  UErrorCode err = U_ZERO_ERROR;
  UConverter* from = ucnv_open(encoding.c_str(), &err);
  if (U_FAILURE(err)) return std::nullopt;
  ucnv_setToUCallBack(from, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &err);
  UConverter* to = ucnv_open("UTF-8", &err);
  std::string out(bytes.size() * 4 + 16, '\0');
  char* target = out.data();
  const char* source = bytes.data();
  std::vector<UChar> pivot(1024);
  UChar* ps = pivot.data();
  UChar* pt = pivot.data();
  ucnv_convertEx(to, from, &target, out.data() + out.size(), &source, bytes.data() + bytes.size(), pivot.data(), &ps,
                 &pt, pivot.data() + pivot.size(), true, true, &err);
  ucnv_close(from);
  ucnv_close(to);
  if (U_FAILURE(err)) return std::nullopt;
  out.resize(static_cast<std::size_t>(target - out.data()));
  if (out.rfind("\xEF\xBB\xBF", 0) == 0) out.erase(0, 3);
  return out;
}

// RFC 8493 2.1.3: LF, CR and % in a path are written %0A, %0D and %25; other
// %-sequences are the file's own name (the suite's "data/%7Etest1.txt" is a
// file of that name).
std::string percent_decode(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      std::string code = lower(s.substr(i + 1, 2));
      if (code == "0a") {
        out += '\n';
        i += 2;
        continue;
      }
      if (code == "0d") {
        out += '\r';
        i += 2;
        continue;
      }
      if (code == "25") {
        out += '%';
        i += 2;
        continue;
      }
    }
    out += s[i];
  }
  return out;
}

std::string percent_encode(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '%')
      out += "%25";
    else if (c == '\n')
      out += "%0A";
    else if (c == '\r')
      out += "%0D";
    else
      out += c;
  }
  return out;
}

// Finder's and Explorer's housekeeping files: not records, and dropped by
// many copying tools (the suite's special-system-files lists a .DS_Store its
// copy no longer has).
bool is_system_file(const std::string& rel) {
  std::string name = rel.substr(rel.rfind('/') + 1);
  std::string l = lower(name);
  return l == ".ds_store" || l == "thumbs.db" || l == "desktop.ini" || name.rfind("._", 0) == 0;
}

// Why a listed path would resolve outside the bag, or "" if it is safe. A
// tool that expands "~" or "%HomeDrive%", or follows "C:\..." or
// "\\?\UNC\...", would read or write outside the bag; the suite's
// out-of-scope-* cases list all of these.
std::string outside_reason(const std::string& p) {
  if (p.empty()) return "an empty path";
  if (p[0] == '/') return "an absolute path";
  if (p[0] == '~') return "a home-folder shortcut";
  if (p[0] == '\\') return p.size() > 1 && p[1] == '\\' ? "a Windows UNC path" : "a Windows rooted path";
  if (p.size() > 1 && std::isalpha(static_cast<unsigned char>(p[0])) && p[1] == ':') return "a Windows drive path";
  static const std::regex env_var("%[A-Za-z_][A-Za-z0-9_]*%|\\$\\{?[A-Za-z_]");
  if (std::regex_search(p, env_var)) return "an environment variable";
  fs::path n = fs::path(p).lexically_normal();
  if (!n.empty() && *n.begin() == "..") return "a path out of the bag (..)";
  std::string bs = p;
  std::replace(bs.begin(), bs.end(), '\\', '/');
  fs::path nb = fs::path(bs).lexically_normal();
  if (!nb.empty() && *nb.begin() == "..") return "a path out of the bag (..\\)";
  return "";
}

std::string fill(const char* tmpl, const std::vector<std::string>& args) {
  std::string out;
  for (const char* p = tmpl; *p; ++p) {
    if (*p == '{' && p[1] >= '1' && p[1] <= '9' && p[2] == '}') {
      std::size_t k = static_cast<std::size_t>(p[1] - '1');
      if (k < args.size()) out += args[k];
      p += 2;
    } else {
      out += *p;
    }
  }
  return out;
}

// The English line of each code; the CLI has the same texts, translated.
const char* english(const std::string& code, BagSeverity sev) {
  static const std::map<std::string, const char*> kText = {
      {"checksum", "{1} checksum differs: the manifest says {2}, the file has {3}"},
      {"missing", "listed in {1}, not in the bag"},
      {"not-listed", "in the payload, not listed in {1}"},
      {"not-fetched", "listed in fetch.txt ({1}) and not in the bag; arkiv does not fetch files"},
      {"oxum", "Payload-Oxum says {1} (bytes.files), the payload is {2}"},
      {"unreadable", "cannot be read: {1}"},
      {"no-bagit-txt", "no bagit.txt: not a bag"},
      {"bagit-txt", "malformed: {1}"},
      {"no-manifest", "no payload manifest (manifest-ALGORITHM.txt)"},
      {"no-data", "no data/ folder"},
      {"manifest-line", "line {1} is not \"CHECKSUM PATH\""},
      {"outside-payload", "lists {1}, {2}, outside the payload"},
      {"duplicate-entry", "listed twice in {1}"},
      {"bad-checksum", "not a {1} checksum: {2}"},
      {"unknown-algorithm", "arkiv cannot compute {1} checksums"},
      {"encoding", "not valid {1} text"},
      {"bag-info-line", "line {1} is neither \"Label: value\" nor a continuation"},
      {"bag-info-label", "line {1}: the label has whitespace before the colon (BagIt 1.0 forbids it)"},
      {"fetch-line", "line {1} is not \"URL LENGTH PATH\""},
      {"weak-algorithm", "only {1} checksums, a weak algorithm; RFC 8493 asks for SHA-256 or SHA-512"},
      {"dot-slash", "path written as {1}: a leading ./ is not BagIt's form"},
      {"md5sum-star", "path written as {1}: md5sum's binary-mode '*' is not BagIt's form"},
      {"case-variant",
       "also listed as {1}, differing in case only: one file here, the bag was made on a "
       "case-insensitive file system"},
      {"normalization-variant", "also listed as {1}, the same name in another Unicode normalization: one file here"},
      {"system-file", "an operating system's housekeeping file ({1}), not a record"},
      {"system-file-missing",
       "an operating system's housekeeping file ({1}), listed and not in the bag: copies drop them"},
      {"fetch", "fetch.txt lists {1} files, all present; arkiv fetched none"},
  };
  (void)sev;
  auto it = kText.find(code);
  return it == kText.end() ? "{1}" : it->second;
}

struct Entry {
  std::string listed;  // as written (decoded)
  std::string path;    // cleaned, relative to the bag
  std::string checksum;
  int line = 0;
};

struct Manifest {
  std::string file;       // "manifest-md5.txt"
  std::string algorithm;  // "md5"
  bool tag = false;
  bool checkable = false;
  std::vector<Entry> entries;
};

class Validator {
 public:
  explicit Validator(fs::path dir) : dir_(std::move(dir)) {}

  BagReport run() {
    read_bagit_txt();
    read_manifests();
    walk_payload();
    read_fetch();
    check_payload();
    check_tags();
    read_bag_info();
    finish();
    return std::move(rep_);
  }

 private:
  void add(BagSeverity sev, const std::string& code, const std::string& path, std::vector<std::string> args) {
    // Once per bag, not once per manifest: a .DS_Store in the sha256 and the
    // sha512 manifest is one thing to know.
    std::string key = std::to_string(static_cast<int>(sev)) + '\n' + code + '\n' + path;
    for (const auto& a : args) key += '\n' + a;
    if (!reported_.insert(key).second) return;
    BagProblem p;
    p.severity = sev;
    p.code = code;
    p.path = path;
    p.detail = fill(english(code, sev), args);
    p.args = std::move(args);
    rep_.problems.push_back(std::move(p));
  }
  void error(const std::string& code, const std::string& path, std::vector<std::string> args = {}) {
    add(BagSeverity::kError, code, path, std::move(args));
  }
  void warn(const std::string& code, const std::string& path, std::vector<std::string> args = {}) {
    add(BagSeverity::kWarning, code, path, std::move(args));
  }

  bool v1() const { return major_ >= 1; }

  void read_bagit_txt() {
    auto bytes = read_bytes(dir_ / "bagit.txt");
    if (!bytes) {
      error("no-bagit-txt", "bagit.txt");
      return;
    }
    // RFC 8493 2.1.1: bagit.txt is UTF-8 without a BOM; the suite's
    // bom-in-bagit.txt must fail.
    if (bytes->rfind("\xEF\xBB\xBF", 0) == 0) {
      error("bagit-txt", "bagit.txt", {"starts with a byte order mark (BOM)"});
      bytes->erase(0, 3);
    }
    auto lines = split_lines(*bytes);
    while (!lines.empty() && trim(lines.back()).empty()) lines.pop_back();
    static const std::regex version_re(R"(^\d+\.\d+$)");
    bool have_version = false, have_encoding = false;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const std::string& l = lines[i];
      std::size_t colon = l.find(':');
      std::string label = colon == std::string::npos ? l : l.substr(0, colon);
      std::string value = colon == std::string::npos ? "" : l.substr(colon + 1);
      if (trim(label) != label) {
        // "BagIt-Version : 1.0": the suite's bagit-with-invalid-whitespace.
        error("bagit-txt", "bagit.txt", {"whitespace around the label \"" + trim(label) + "\""});
        label = trim(label);
      }
      if (!value.empty() && value[0] == ' ') value.erase(0, 1);
      if (trim(value) != value) {
        warn("bagit-txt", "bagit.txt", {"trailing whitespace after \"" + trim(value) + "\""});
        value = trim(value);
      }
      if (i == 0 && label == "BagIt-Version") {
        have_version = true;
        rep_.version = value;
        if (!std::regex_match(value, version_re)) {
          error("bagit-txt", "bagit.txt", {"BagIt-Version \"" + value + "\" is not MAJOR.MINOR"});
        } else {
          major_ = std::stoi(value.substr(0, value.find('.')));
          minor_ = std::stoi(value.substr(value.find('.') + 1));
        }
      } else if (i == 1 && label == "Tag-File-Character-Encoding") {
        have_encoding = true;
        encoding_ = value;
        rep_.encoding = value;
        UErrorCode err = U_ZERO_ERROR;
        UConverter* c = ucnv_open(value.c_str(), &err);
        if (U_FAILURE(err)) error("bagit-txt", "bagit.txt", {"unknown encoding \"" + value + "\""});
        if (c) ucnv_close(c);
      } else {
        error("bagit-txt", "bagit.txt", {"unexpected line " + std::to_string(i + 1) + " \"" + l + "\""});
      }
    }
    if (!have_version) error("bagit-txt", "bagit.txt", {"no BagIt-Version line first"});
    if (!have_encoding) error("bagit-txt", "bagit.txt", {"no Tag-File-Character-Encoding line second"});
  }

  std::optional<std::string> read_tag_text(const std::string& name) {
    auto bytes = read_bytes(dir_ / name);
    if (!bytes) return std::nullopt;
    auto text = to_utf8(*bytes, encoding_);
    if (!text) error("encoding", name, {encoding_});
    return text;
  }

  void read_manifests() {
    static const std::regex name_re(R"(^(tag)?manifest-([A-Za-z0-9]+)\.txt$)");
    std::error_code ec;
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir_, ec)) {
      std::string n = e.path().filename().string();
      if (std::regex_match(n, name_re) && e.is_regular_file()) names.push_back(n);
    }
    std::sort(names.begin(), names.end());
    for (const auto& n : names) {
      std::smatch m;
      std::regex_match(n, m, name_re);
      Manifest man;
      man.file = n;
      man.tag = m[1].matched;
      man.algorithm = lower(m[2].str());
      const EVP_MD* md = EVP_get_digestbyname(man.algorithm.c_str());
      const std::size_t hex_len = md ? 2 * static_cast<std::size_t>(EVP_MD_get_size(md)) : 0;
      man.checkable = md != nullptr;
      auto text = read_tag_text(n);
      if (!text) {
        if (!read_bytes(dir_ / n)) error("unreadable", n, {"cannot open"});
        continue;
      }
      parse_manifest(man, *text, hex_len);
      manifests_.push_back(std::move(man));
    }
    bool any_payload = false, any_checkable = false, any_strong = false;
    for (const auto& m : manifests_) {
      if (m.tag) continue;
      any_payload = true;
      rep_.algorithms.push_back(m.algorithm);
      if (m.checkable) any_checkable = true;
      if (m.checkable && m.algorithm != "md5" && m.algorithm != "sha1") any_strong = true;
    }
    if (!any_payload) {
      error("no-manifest", "");
    } else if (!any_checkable) {
      for (const auto& m : manifests_)
        if (!m.tag) error("unknown-algorithm", m.file, {m.algorithm});
    } else {
      for (const auto& m : manifests_)
        if (!m.checkable) warn("unknown-algorithm", m.file, {m.algorithm});
      if (!any_strong)
        for (const auto& m : manifests_)
          if (!m.tag && m.checkable) warn("weak-algorithm", m.file, {m.algorithm == "md5" ? "MD5" : "SHA-1"});
    }
  }

  void parse_manifest(Manifest& man, const std::string& text, std::size_t hex_len) {
    static const std::regex line_re(R"(^([0-9A-Fa-f]+)[ \t]+(.*)$)");
    std::map<std::string, std::size_t> seen;  // path -> index in entries
    int line_no = 0;
    for (const std::string& l : split_lines(text)) {
      ++line_no;
      if (trim(l).empty()) continue;
      std::smatch m;
      if (!std::regex_match(l, m, line_re) || m[2].str().empty()) {
        error("manifest-line", man.file, {std::to_string(line_no)});
        continue;
      }
      Entry e;
      e.line = line_no;
      e.checksum = lower(m[1].str());
      e.listed = percent_decode(m[2].str());
      std::string p = e.listed;
      if (hex_len && e.checksum.size() != hex_len) error("bad-checksum", man.file, {man.algorithm, e.checksum});
      if (p[0] == '*') {
        warn("md5sum-star", man.file, {e.listed});
        p.erase(0, 1);
      }
      if (p.rfind("./", 0) == 0) {
        warn("dot-slash", man.file, {e.listed});
        while (p.rfind("./", 0) == 0) p.erase(0, 2);
      }
      if (std::string why = outside_reason(p); !why.empty()) {
        error("outside-payload", man.file, {e.listed, why});
        continue;
      }
      p = fs::path(p).lexically_normal().generic_string();
      if (!man.tag && p.rfind("data/", 0) != 0) {
        error("outside-payload", man.file, {e.listed, "not under data/"});
        continue;
      }
      e.path = p;
      auto it = seen.find(p);
      if (it != seen.end()) {
        const Entry& first = man.entries[it->second];
        // RFC 8493 2.1.3 (1.0): a manifest lists each file once; the
        // drafts did not say so, and the suite warns for 0.97.
        if (first.checksum != e.checksum || v1())
          error("duplicate-entry", p, {man.file});
        else
          warn("duplicate-entry", p, {man.file});
        continue;
      }
      seen[p] = man.entries.size();
      man.entries.push_back(std::move(e));
    }
  }

  void walk_payload() {
    const fs::path data = dir_ / "data";
    std::error_code ec;
    if (!fs::is_directory(data, ec)) {
      error("no-data", "data/");
      return;
    }
    // Hidden files too: a bag's payload is every file under data/.
    for (auto it = fs::recursive_directory_iterator(data, ec); it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      if (ec) break;
      if (!it->is_regular_file(ec)) continue;
      // Lexically: fs::relative() would follow a symbolic link.
      std::string rel = (fs::path("data") / it->path().lexically_relative(data)).generic_string();
      // A symbolic link to a file outside the bag would have arkiv read (and
      // vouch for) a file the bag does not hold.
      if (it->is_symlink(ec)) {
        const fs::path target = fs::weakly_canonical(it->path(), ec);
        const fs::path root = fs::weakly_canonical(dir_, ec);
        auto rel_target = target.lexically_relative(root);
        if (rel_target.empty() || *rel_target.begin() == "..") {
          error("outside-payload", rel, {target.string(), "a symbolic link out of the bag"});
          continue;
        }
      }
      on_disk_.insert(rel);
      by_nfc_[util::nfc(rel)] = rel;
      by_fold_[lower(util::nfc(rel))].push_back(rel);
      rep_.payload_bytes += it->file_size(ec);
    }
    rep_.payload_files = on_disk_.size();
  }

  void read_fetch() {
    if (!fs::exists(dir_ / "fetch.txt")) return;
    auto text = read_tag_text("fetch.txt");
    if (!text) return;
    static const std::regex line_re(R"(^(\S+)[ \t]+(\d+|-)[ \t]+(.+)$)");
    int line_no = 0;
    std::size_t present = 0;
    for (const std::string& l : split_lines(*text)) {
      ++line_no;
      if (trim(l).empty()) continue;
      std::smatch m;
      if (!std::regex_match(l, m, line_re)) {
        error("fetch-line", "fetch.txt", {std::to_string(line_no)});
        continue;
      }
      std::string listed = percent_decode(m[3].str());
      if (std::string why = outside_reason(listed); !why.empty()) {
        error("outside-payload", "fetch.txt", {listed, why});
        continue;
      }
      std::string p = fs::path(listed).lexically_normal().generic_string();
      if (p.rfind("data/", 0) != 0) {
        error("outside-payload", "fetch.txt", {listed, "not under data/"});
        continue;
      }
      fetch_[p] = m[1].str();
      if (on_disk_.count(p)) ++present;
    }
    if (!fetch_.empty() && present == fetch_.size()) warn("fetch", "fetch.txt", {std::to_string(fetch_.size())});
  }

  // The file on disk a payload manifest entry names, or "" if none: the
  // same bytes, else the same name in NFC (a bag made on macOS lists NFD
  // names), else a case variant another entry of the manifest lists.
  std::string resolve(const Manifest& man, const Entry& e, const std::set<std::string>& listed) {
    if (on_disk_.count(e.path)) return e.path;
    const std::string nfc = util::nfc(e.path);
    if (auto it = by_nfc_.find(nfc); it != by_nfc_.end()) {
      if (listed.count(it->second)) warn("normalization-variant", e.path, {it->second});
      return it->second;
    }
    if (auto it = by_fold_.find(lower(nfc)); it != by_fold_.end()) {
      for (const auto& cand : it->second) {
        if (!listed.count(cand)) continue;
        // Only when both entries have one checksum: the bag's own file
        // system held one file under both names.
        for (const auto& other : man.entries)
          if (other.path == cand && other.checksum == e.checksum) {
            warn("case-variant", e.path, {cand});
            return cand;
          }
      }
    }
    return "";
  }

  void check_payload() {
    std::map<std::string, std::vector<std::pair<std::string, std::string>>> want;  // file -> (algorithm, checksum)
    std::map<std::string, std::vector<std::string>> want_from;                     // file -> manifest names
    for (const auto& man : manifests_) {
      if (man.tag) continue;
      std::set<std::string> listed, covered;
      for (const auto& e : man.entries) listed.insert(e.path);
      for (const auto& e : man.entries) {
        std::string file = resolve(man, e, listed);
        if (is_system_file(e.path)) {
          const std::string name = e.path.substr(e.path.rfind('/') + 1);
          if (file.empty()) {
            warn("system-file-missing", e.path, {name});
            missing_system_files_.insert(e.path);
            continue;
          }
          warn("system-file", e.path, {name});
        }
        if (file.empty()) {
          if (fetch_.count(e.path))
            error("not-fetched", e.path, {fetch_[e.path]});
          else
            error("missing", e.path, {man.file});
          continue;
        }
        covered.insert(file);
        if (man.checkable) {
          want[file].emplace_back(man.algorithm, e.checksum);
          want_from[file].push_back(man.file);
        }
      }
      for (const auto& f : on_disk_)
        if (!covered.count(f)) error("not-listed", f, {man.file});
    }
    verify(want, want_from);
  }

  void verify(const std::map<std::string, std::vector<std::pair<std::string, std::string>>>& want,
              const std::map<std::string, std::vector<std::string>>&) {
    for (const auto& [file, sums] : want) {
      std::vector<std::string> algs, hexes;
      for (const auto& s : sums) algs.push_back(s.first);
      Diagnostic d;
      if (!ingest::hash_file_digests((dir_ / file).string(), algs, hexes, d)) {
        error("unreadable", file, {d.detail});
        continue;
      }
      for (std::size_t i = 0; i < sums.size(); ++i) {
        ++rep_.checked;
        if (hexes[i] != sums[i].second) error("checksum", file, {sums[i].first, sums[i].second, hexes[i]});
      }
    }
  }

  void check_tags() {
    std::map<std::string, std::vector<std::pair<std::string, std::string>>> want;
    for (const auto& man : manifests_) {
      if (!man.tag) continue;
      for (const auto& e : man.entries) {
        std::error_code ec;
        if (!fs::is_regular_file(dir_ / e.path, ec)) {
          error("missing", e.path, {man.file});
          continue;
        }
        if (man.checkable) want[e.path].emplace_back(man.algorithm, e.checksum);
      }
    }
    verify(want, {});
  }

  void read_bag_info() {
    // Before 0.96 the file was package-info.txt.
    std::string name = "bag-info.txt";
    if (!fs::exists(dir_ / name) && fs::exists(dir_ / "package-info.txt")) name = "package-info.txt";
    if (!fs::exists(dir_ / name)) {
      check_oxum("");
      return;
    }
    auto text = read_tag_text(name);
    if (!text) return;
    std::string oxum;
    int line_no = 0;
    bool have_element = false;
    for (const std::string& l : split_lines(*text)) {
      ++line_no;
      if (trim(l).empty()) continue;
      if (l[0] == ' ' || l[0] == '\t') {
        // A continuation of the value above (RFC 8493 2.2.2: folded lines).
        if (!have_element) error("bag-info-line", name, {std::to_string(line_no)});
        continue;
      }
      std::size_t colon = l.find(':');
      if (colon == std::string::npos || colon == 0) {
        error("bag-info-line", name, {std::to_string(line_no)});
        continue;
      }
      have_element = true;
      std::string label = l.substr(0, colon);
      if (v1() && trim(label) != label) error("bag-info-label", name, {std::to_string(line_no)});
      if (lower(trim(label)) == "payload-oxum") oxum = trim(l.substr(colon + 1));
    }
    check_oxum(oxum);
  }

  void check_oxum(const std::string& oxum) {
    if (oxum.empty()) return;
    const std::string name = fs::exists(dir_ / "bag-info.txt") ? "bag-info.txt" : "package-info.txt";
    static const std::regex oxum_re(R"(^(\d+)\.(\d+)$)");
    std::smatch m;
    const std::string actual = std::to_string(rep_.payload_bytes) + "." + std::to_string(rep_.payload_files);
    if (!std::regex_match(oxum, m, oxum_re)) {
      error("oxum", name, {oxum, actual});
      return;
    }
    std::uint64_t bytes = std::stoull(m[1].str());
    std::size_t files = std::stoull(m[2].str());
    if (bytes == rep_.payload_bytes && files == rep_.payload_files) return;
    // Housekeeping files a copy dropped (warned above) still count in the
    // Oxum written when the bag was made.
    if (!missing_system_files_.empty() && files == rep_.payload_files + missing_system_files_.size() &&
        bytes >= rep_.payload_bytes)
      return;
    error("oxum", name, {oxum, actual});
  }

  void finish() {
    std::stable_sort(rep_.problems.begin(), rep_.problems.end(), [](const BagProblem& a, const BagProblem& b) {
      if (a.severity != b.severity) return a.severity == BagSeverity::kError;
      return a.path < b.path;
    });
    std::sort(rep_.algorithms.begin(), rep_.algorithms.end());
  }

  fs::path dir_;
  BagReport rep_;
  int major_ = 0, minor_ = 0;
  std::string encoding_ = "UTF-8";
  std::vector<Manifest> manifests_;
  std::set<std::string> on_disk_;
  std::map<std::string, std::string> by_nfc_;
  std::map<std::string, std::vector<std::string>> by_fold_;
  std::map<std::string, std::string> fetch_;    // path -> URL
  std::set<std::string> missing_system_files_;  // listed, gone
  std::set<std::string> reported_;
};

std::string today() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

void write_text(const fs::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) throw Error(p.string() + ": cannot write");
}

}  // namespace

bool BagProblem::fixity() const { return severity == BagSeverity::kError && kFixityCodes.count(code) > 0; }

bool BagReport::valid() const { return errors() == 0; }

bool BagReport::fixity_failed() const {
  return std::any_of(problems.begin(), problems.end(), [](const BagProblem& p) { return p.fixity(); });
}

std::size_t BagReport::errors() const {
  return static_cast<std::size_t>(std::count_if(problems.begin(), problems.end(),
                                                [](const BagProblem& p) { return p.severity == BagSeverity::kError; }));
}

std::size_t BagReport::warnings() const { return problems.size() - errors(); }

BagReport validate_bag(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw Error(dir + ": not a folder");
  return Validator(fs::path(dir)).run();
}

BagWriteResult write_bag(const BagWriteRequest& req) {
  const fs::path out(req.out_dir);
  std::error_code ec;
  if (fs::exists(out, ec)) {
    if (!fs::is_directory(out, ec) || !fs::is_empty(out, ec))
      throw Error(req.out_dir + ": exists and is not an empty folder; a bag is written into a new one");
  }
  std::set<std::string> names;
  for (const auto& f : req.files) {
    if (!outside_reason(f.name).empty() || f.name.rfind("..", 0) == 0)
      throw Error(f.name + ": not a safe name inside a bag");
    if (!names.insert(f.name).second) throw Error(f.name + ": two files of the bag have this name");
  }
  // Built beside and renamed into place: a bag is whole or absent.
  fs::path parent = fs::absolute(out).parent_path();
  fs::create_directories(parent, ec);
  fs::path tmp = parent / ("." + out.filename().string() + ".arkiv-bag-" + std::to_string(::getpid()));
  fs::remove_all(tmp, ec);
  BagWriteResult res;
  try {
    fs::create_directories(tmp / "data");
    std::vector<std::pair<std::string, std::vector<std::string>>> sums;  // name -> sha256, sha512
    for (const auto& f : req.files) {
      fs::path target = tmp / "data" / f.name;
      fs::create_directories(target.parent_path());
      fs::copy_file(f.source, target, fs::copy_options::overwrite_existing);
      std::vector<std::string> hex;
      Diagnostic d;
      // The copy is hashed, not the source: the manifest says what the bag holds.
      if (!ingest::hash_file_digests(target.string(), {"sha256", "sha512"}, hex, d))
        throw Error(target.string() + ": cannot be read: " + d.detail);
      sums.emplace_back(f.name, std::move(hex));
      res.bytes += fs::file_size(target);
      ++res.files;
    }
    std::sort(sums.begin(), sums.end());
    std::string m256, m512;
    for (const auto& [name, hex] : sums) {
      m256 += hex[0] + "  data/" + percent_encode(name) + "\n";
      m512 += hex[1] + "  data/" + percent_encode(name) + "\n";
    }
    write_text(tmp / "bagit.txt", "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n");
    write_text(tmp / "manifest-sha256.txt", m256);
    write_text(tmp / "manifest-sha512.txt", m512);
    std::string info;
    auto element = [&](const std::string& label, const std::string& value) {
      if (value.empty()) return;
      // RFC 8493 2.2.2: a long or multi-line value folds onto lines that
      // start with whitespace.
      std::string v;
      for (char c : value) v += (c == '\n') ? std::string("\n  ") : (c == '\r' ? std::string() : std::string(1, c));
      info += label + ": " + v + "\n";
    };
    for (const auto& [label, value] : req.info) element(label, value);
    element("Bagging-Date", today());
    element("Payload-Oxum", std::to_string(res.bytes) + "." + std::to_string(res.files));
    element("Bag-Software-Agent", std::string("arkiv ") + kVersion);
    write_text(tmp / "bag-info.txt", info);
    std::string t256, t512;
    for (const char* tag : {"bag-info.txt", "bagit.txt", "manifest-sha256.txt", "manifest-sha512.txt"}) {
      std::vector<std::string> hex;
      Diagnostic d;
      if (!ingest::hash_file_digests((tmp / tag).string(), {"sha256", "sha512"}, hex, d))
        throw Error((tmp / tag).string() + ": cannot be read: " + d.detail);
      t256 += hex[0] + "  " + tag + "\n";
      t512 += hex[1] + "  " + tag + "\n";
    }
    write_text(tmp / "tagmanifest-sha256.txt", t256);
    write_text(tmp / "tagmanifest-sha512.txt", t512);
    // rename(2) replaces an empty folder.
    fs::rename(tmp, out);
  } catch (const fs::filesystem_error& e) {
    fs::remove_all(tmp, ec);
    throw Error(std::string(e.what()));
  } catch (...) {
    fs::remove_all(tmp, ec);
    throw;
  }
  return res;
}

bool is_bag_metadata_file(const std::string& file) {
  const std::string name = fs::path(file).filename().string();
  static const std::regex manifest_re(R"(^(tag)?manifest-[A-Za-z0-9]+\.txt$)");
  const bool manifest = std::regex_match(name, manifest_re);
  if (!manifest && name != "bagit.txt" && name != "bag-info.txt") return false;
  std::ifstream in(file, std::ios::binary);
  if (!in) return false;
  std::string head(64 * 1024, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  if (head.rfind("\xEF\xBB\xBF", 0) == 0) head.erase(0, 3);
  if (name == "bagit.txt") return head.rfind("BagIt-Version:", 0) == 0;
  auto lines = split_lines(head);
  // A cut at 64 KiB may leave half a last line.
  if (static_cast<std::size_t>(in.gcount()) == 64 * 1024 && !lines.empty()) lines.pop_back();
  std::size_t n = 0;
  static const std::regex hex_line(R"(^[0-9A-Fa-f]{32,128}[ \t]+\S.*$)");
  static const std::regex info_line(R"(^[^:\s][^:]*:.*$)");
  for (const auto& l : lines) {
    if (trim(l).empty()) continue;
    ++n;
    if (manifest && !std::regex_match(l, hex_line)) return false;
    if (!manifest && l[0] != ' ' && l[0] != '\t' && !std::regex_match(l, info_line)) return false;
  }
  return manifest ? true : n > 0;
}

}  // namespace arkiv
