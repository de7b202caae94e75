// arkiv-mklexicon: builds arkiv's Swedish lexicon from Debian's hunspell-sv
// dictionary at build time (the dictionary is installed by
// tools/install-deps and read from /usr/share/hunspell; it is not kept in
// this repository).
//
//   arkiv-mklexicon sv_SE.aff sv_SE.dic OUT
//
// It expands every root of the .dic with the suffix rules of the .aff and
// writes one sorted table, form -> (lemma, flags), that analyze/lexicon.cc
// reads in place (see lexicon.h for the layout). The flags say whether a
// form is a word of its own and where it may stand in a compound:
// hunspell-sv marks compound parts with COMPOUNDBEGIN (X), COMPOUNDMIDDLE
// (U) and COMPOUNDEND (Y), and gives linking forms as suffixes with their
// own flags: "partnerskap/...v..." with "SFX v 0 s/WXZ [^a]" yields
// "partnerskaps", a first part only found inside compounds (Z).
//
// Only what arkiv uses is read: SET, NEEDAFFIX, ONLYINCOMPOUND, the
// COMPOUND{BEGIN,MIDDLE,END} flags and SFX rules (hunspell-sv has no PFX
// rules). Flags are single bytes, hunspell's default flag type.
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "analyze/lexicon_format.h"

namespace {

using arkiv::analyze::lexicon_format::kBegin;
using arkiv::analyze::lexicon_format::kEnd;
using arkiv::analyze::lexicon_format::kMiddle;
using arkiv::analyze::lexicon_format::kName;
using arkiv::analyze::lexicon_format::kWord;

// One character class of a condition: "[^aeiou]", "[ae]" or a letter.
struct CharSet {
  bool negated = false;
  bool any = false;
  std::vector<UChar32> chars;
  bool matches(UChar32 c) const {
    if (any) return true;
    bool in = std::find(chars.begin(), chars.end(), c) != chars.end();
    return negated ? !in : in;
  }
};

std::vector<UChar32> code_points(const std::string& s) {
  std::vector<UChar32> out;
  for (int32_t i = 0; i < static_cast<int32_t>(s.size());) {
    UChar32 c;
    U8_NEXT(s.data(), i, static_cast<int32_t>(s.size()), c);
    out.push_back(c);
  }
  return out;
}

std::vector<CharSet> parse_condition(const std::string& cond) {
  std::vector<CharSet> out;
  if (cond == ".") return out;
  std::vector<UChar32> cps = code_points(cond);
  for (std::size_t i = 0; i < cps.size(); ++i) {
    CharSet cs;
    if (cps[i] == '[') {
      ++i;
      if (i < cps.size() && cps[i] == '^') cs.negated = true, ++i;
      for (; i < cps.size() && cps[i] != ']'; ++i) cs.chars.push_back(cps[i]);
    } else if (cps[i] == '.') {
      cs.any = true;
    } else {
      cs.chars.push_back(cps[i]);
    }
    out.push_back(cs);
  }
  return out;
}

struct Rule {
  std::string strip, add, cont;  // cont: continuation flags of the added suffix
  std::vector<CharSet> cond;     // matched against the end of the word
};

struct Affix {
  std::vector<Rule> rules;
};

std::string lower(const std::string& s) {
  std::string out;
  for (UChar32 c : code_points(s)) {
    char buf[4];
    int32_t n = 0;
    UBool err = false;
    U8_APPEND(buf, n, 4, u_tolower(c), err);
    out.append(buf, static_cast<std::size_t>(n));
  }
  return out;
}

bool ends_with_cond(const std::vector<UChar32>& word, const std::vector<CharSet>& cond) {
  if (cond.size() > word.size()) return false;
  std::size_t off = word.size() - cond.size();
  for (std::size_t i = 0; i < cond.size(); ++i)
    if (!cond[i].matches(word[off + i])) return false;
  return true;
}

bool has(const std::string& flags, char f) { return f && flags.find(f) != std::string::npos; }

struct Entry {
  std::string lemma;
  std::uint8_t flags = 0;
  bool lemma_is_word = false;
};

// Of the roots a form comes from, the lemma is one whose form here is a
// word (not only a compound part), the form itself when it is a root, else
// the shortest root ("landet": land, not landa), else the first in order.
void add(std::unordered_map<std::string, Entry>& table, const std::string& form, const std::string& root,
         std::uint8_t flags) {
  if (form.empty() || flags == 0) return;
  const bool word = flags & kWord;
  auto [it, fresh] = table.try_emplace(form, Entry{root, flags, word});
  if (fresh) return;
  Entry& e = it->second;
  e.flags |= flags;
  auto rank = [&](const std::string& r, bool w) { return std::make_tuple(!w, r != form, r.size(), r); };
  if (rank(root, word) < rank(e.lemma, e.lemma_is_word)) {
    e.lemma = root;
    e.lemma_is_word = word;
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: arkiv-mklexicon AFF DIC OUT\n";
    return 2;
  }
  std::ifstream aff(argv[1]), dic(argv[2]);
  if (!aff || !dic) {
    std::cerr << "arkiv-mklexicon: cannot read " << (aff ? argv[2] : argv[1])
              << " (install hunspell-sv: tools/install-deps)\n";
    return 1;
  }
  char need_affix = 0, only_compound = 0, begin = 0, middle = 0, end = 0;
  std::map<char, Affix> sfx;
  std::string line;
  while (std::getline(aff, line)) {
    std::istringstream in(line);
    std::string key;
    in >> key;
    auto flag = [&]() {
      std::string f;
      in >> f;
      return f.empty() ? '\0' : f[0];
    };
    if (key == "NEEDAFFIX") need_affix = flag();
    else if (key == "ONLYINCOMPOUND") only_compound = flag();
    else if (key == "COMPOUNDBEGIN") begin = flag();
    else if (key == "COMPOUNDMIDDLE") middle = flag();
    else if (key == "COMPOUNDEND") end = flag();
    else if (key == "SFX") {
      std::string f, strip, add_field, cond;
      in >> f >> strip >> add_field >> cond;
      if (f.size() != 1 || cond.empty()) continue;  // a header line: "SFX A Y 1"
      Rule r;
      r.strip = strip == "0" ? "" : lower(strip);
      std::size_t slash = add_field.find('/');
      r.add = add_field.substr(0, slash);
      if (r.add == "0") r.add.clear();
      r.add = lower(r.add);
      if (slash != std::string::npos) r.cont = add_field.substr(slash + 1);
      r.cond = parse_condition(lower(cond));
      sfx[f[0]].rules.push_back(std::move(r));
    }
  }

  // Flags of a form, from the root's flags and the suffix's continuation
  // flags. A suffixed form may stand first or in the middle of a compound
  // only if the suffix allows it (the linking forms carry their own X/U).
  auto flags_of = [&](const std::string& root_flags, const std::string* cont) {
    std::uint8_t f = 0;
    const std::string& own = cont ? *cont : root_flags;
    const bool only_in_compound = has(own, only_compound) || has(root_flags, only_compound);
    const bool needs_affix = !cont && has(root_flags, need_affix);
    if (!only_in_compound && !needs_affix) f |= kWord;
    if (has(own, begin)) f |= kBegin;
    if (has(own, middle)) f |= kMiddle;
    // An inflected form of a root that may end a compound ends it too:
    // "avtal/...Y" -> "partnerskaps|avtalet".
    if (has(root_flags, end) || has(own, end)) f |= kEnd;
    return f;
  };

  std::unordered_map<std::string, Entry> table;
  table.reserve(1 << 21);
  std::size_t roots = 0;
  std::getline(dic, line);  // the entry count
  while (std::getline(dic, line)) {
    std::size_t stop = line.find_first_of("\t ");
    std::string field = line.substr(0, stop);
    // "\/" is a slash in the word; the first plain "/" starts the flags.
    std::string word, flags;
    for (std::size_t i = 0; i < field.size(); ++i) {
      if (field[i] == '\\' && i + 1 < field.size() && field[i + 1] == '/') {
        word += '/';
        ++i;
      } else if (field[i] == '/') {
        flags = field.substr(i + 1);
        break;
      } else {
        word += field[i];
      }
    }
    if (word.empty()) continue;
    ++roots;
    const std::string root = lower(word);
    const std::uint8_t name = root != word && u_isupper(code_points(word)[0]) ? kName : 0;
    add(table, root, root, flags_of(flags, nullptr) | name);
    const std::vector<UChar32> cps = code_points(root);
    for (char f : flags) {
      auto it = sfx.find(f);
      if (it == sfx.end()) continue;
      for (const Rule& r : it->second.rules) {
        if (!ends_with_cond(cps, r.cond)) continue;
        if (root.size() < r.strip.size() || root.compare(root.size() - r.strip.size(), r.strip.size(), r.strip) != 0)
          continue;
        std::string form = root.substr(0, root.size() - r.strip.size()) + r.add;
        add(table, form, root, flags_of(flags, &r.cont) | name);
      }
    }
  }

  std::vector<std::pair<std::string, Entry>> sorted(table.begin(), table.end());
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string blob;
  std::vector<std::uint32_t> offsets;
  offsets.reserve(sorted.size());
  for (const auto& [form, e] : sorted) {
    offsets.push_back(static_cast<std::uint32_t>(blob.size()));
    blob += form;
    blob += '\0';
    // The lemma as the length of the prefix it shares with the form and
    // the rest: "högskolan" -> (7, "a").
    std::size_t common = 0;
    while (common < form.size() && common < e.lemma.size() && form[common] == e.lemma[common] && common < 255)
      ++common;
    blob += static_cast<char>(e.flags);
    blob += static_cast<char>(common);
    blob += e.lemma.substr(common);
    blob += '\0';
  }
  std::string tmp = std::string(argv[3]) + ".tmp";
  std::ofstream out(tmp, std::ios::binary);
  const std::uint32_t n = static_cast<std::uint32_t>(offsets.size());
  out.write(arkiv::analyze::lexicon_format::kMagic, 8);
  out.write(reinterpret_cast<const char*>(&n), 4);
  out.write(reinterpret_cast<const char*>(offsets.data()), static_cast<std::streamsize>(offsets.size() * 4));
  out.write(blob.data(), static_cast<std::streamsize>(blob.size()));
  out.close();
  if (!out || std::rename(tmp.c_str(), argv[3]) != 0) {
    std::cerr << "arkiv-mklexicon: cannot write " << argv[3] << "\n";
    return 1;
  }
  std::cout << "arkiv-mklexicon: " << roots << " roots, " << n << " forms, " << (blob.size() + 4 * n) / 1024
            << " KiB\n";
  return 0;
}
