#include "analyze/lexicon.h"

#include <cstring>

#include "analyze/lexicon_format.h"
#include "arkiv/options.h"

// The table arkiv-mklexicon wrote, linked in as read-only data. ".incbin"
// keeps a 16 MiB table out of the C++ compiler (a generated array would
// take minutes to compile) and out of the startup path: the pages are
// mapped with the binary and only the ones a lookup touches are read.
__asm__(".pushsection .rodata\n"
        ".balign 16\n"
        ".global arkiv_lexicon_begin\n"
        "arkiv_lexicon_begin:\n"
        ".incbin \"" ARKIV_LEXICON_BIN "\"\n"
        ".global arkiv_lexicon_end\n"
        "arkiv_lexicon_end:\n"
        ".byte 0\n"
        ".popsection\n");
extern "C" const char arkiv_lexicon_begin[];
extern "C" const char arkiv_lexicon_end[];

namespace arkiv::analyze::lexicon {
namespace {

struct Table {
  const char* offsets = nullptr;  // uint32 each, read with memcpy (no alignment assumed)
  const char* blob = nullptr;
  std::uint32_t n = 0;
  std::string version;

  Table() {
    const std::size_t bytes = static_cast<std::size_t>(arkiv_lexicon_end - arkiv_lexicon_begin);
    if (bytes < 12 || std::memcmp(arkiv_lexicon_begin, lexicon_format::kMagic, 8) != 0) return;
    std::memcpy(&n, arkiv_lexicon_begin + 8, 4);
    offsets = arkiv_lexicon_begin + 12;
    blob = offsets + 4 * static_cast<std::size_t>(n);
    version = "hunspell-sv:" + std::to_string(n) + ":" + std::to_string(bytes);
  }

  const char* entry(std::uint32_t i) const {
    std::uint32_t off;
    std::memcpy(&off, offsets + 4 * static_cast<std::size_t>(i), 4);
    return blob + off;
  }

  // Orders entry `e` (NUL-terminated) against `form` as bytes, a prefix
  // first, reading `e` once and no further than it differs: a strlen of
  // every entry probed was 5.6% of an indexing process's CPU (about 20
  // probes a word in the 16 MiB table).
  static int compare(const char* e, std::string_view form) {
    for (std::size_t i = 0; i < form.size(); ++i) {
      const auto a = static_cast<unsigned char>(e[i]);
      const auto b = static_cast<unsigned char>(form[i]);
      if (a != b) return a < b ? -1 : 1;  // an entry that ends first is a prefix: smaller
    }
    return e[form.size()] == 0 ? 0 : 1;
  }

  // The entry whose form equals `form`, or nullptr.
  const char* lookup(std::string_view form) const {
    std::uint32_t lo = 0, hi = n;
    while (lo < hi) {
      const std::uint32_t mid = lo + (hi - lo) / 2;
      const char* e = entry(mid);
      const int c = compare(e, form);
      if (c == 0) return e;
      if (c < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
    return nullptr;
  }
};

const Table& table() {
  static const Table t;
  return t;
}

}  // namespace

std::optional<Entry> find(std::string_view form) {
  const char* e = table().lookup(form);
  if (!e) return std::nullopt;
  const std::size_t len = std::strlen(e);
  const char* p = e + len + 1;
  Entry out;
  out.flags = static_cast<std::uint8_t>(p[0]);
  const std::size_t common = static_cast<unsigned char>(p[1]);
  out.lemma.assign(e, std::min(common, len));
  out.lemma += p + 2;
  return out;
}

std::uint8_t flags(std::string_view form) {
  const char* e = table().lookup(form);
  return e ? static_cast<std::uint8_t>(e[form.size() + 1]) : 0;
}

const std::string& version() { return table().version; }

std::size_t size() { return table().n; }

}  // namespace arkiv::analyze::lexicon

namespace arkiv {

// The lexicon as normalize sees it: normalize runs before analysis and is
// handed this function through NormalizeOptions, so it asks about words
// without depending on analyze/.
WordKnowledge swedish_word(std::string_view lower_form) {
  const std::uint8_t f = analyze::lexicon::flags(lower_form);
  return {(f & analyze::lexicon_format::kWord) != 0, (f & analyze::lexicon_format::kBegin) != 0,
          (f & analyze::lexicon_format::kEnd) != 0, (f & analyze::lexicon_format::kName) != 0};
}

}  // namespace arkiv
