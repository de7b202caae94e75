// arkiv-spelling-eval: "did you mean" two ways over one index, on a list of
// misspellings (tools/spelling/misspellings.tsv), for issue 19 item 4:
// - the hand-written search arkiv uses (query/searcher.cc closest_word():
//   the edit distance to every index word with the same first letter, 1
//   for words of up to four letters, else 2; of the closest, the one in
//   most records), reproduced here so that it can be timed alone;
// - Xapian's spelling data (WritableDatabase::add_spelling for the same
//   vocabulary, each word with the number of records it is in, then
//   Database::get_spelling_suggestion with the same distance limit), on
//   a copy of the index.
// Prints each row, then the answers right, the median time per
// suggestion, and what the spelling data costs to build and to store.
//
//   arkiv-spelling-eval INDEX MISSPELLINGS.tsv [ROUNDS]
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

#include "util/text.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

int limit_for(const std::string& word) { return arkiv::util::to_u32(word).size() <= 4 ? 1 : 2; }

// query/searcher.cc closest_word(), as it stands.
std::string closest_word(const Xapian::Database& db, const std::string& word) {
  const std::u32string w = arkiv::util::to_u32(word);
  const int limit = w.size() <= 4 ? 1 : 2;
  const std::string first = word.substr(0, arkiv::util::first_char_bytes(word));
  std::string best;
  int best_distance = limit + 1;
  Xapian::doccount best_freq = 0;
  int looked = 0;
  for (auto t = db.allterms_begin(first); t != db.allterms_end(first) && looked < 300000; ++t, ++looked) {
    const std::string& cand = *t;
    const std::u32string c = arkiv::util::to_u32(cand);
    if (c.size() + limit < w.size() || c.size() > w.size() + limit) continue;
    const int d = arkiv::util::edit_distance(w, c, limit);
    if (d > limit || d == 0) continue;
    const Xapian::doccount f = t.get_termfreq();
    if (d < best_distance || (d == best_distance && f > best_freq)) best = cand, best_distance = d, best_freq = f;
  }
  return best;
}

std::uintmax_t bytes_of(const fs::path& dir) {
  std::uintmax_t n = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) n += e.file_size();
  return n;
}

template <typename F>
double median_us(int rounds, F f) {
  std::vector<double> s;
  for (int i = 0; i < rounds; ++i) {
    const auto t0 = Clock::now();
    f();
    s.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
  }
  std::sort(s.begin(), s.end());
  return s[s.size() / 2];
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: arkiv-spelling-eval INDEX MISSPELLINGS.tsv [ROUNDS]\n");
    return 2;
  }
  const fs::path index = argv[1];
  const int rounds = argc > 3 ? std::max(1, std::atoi(argv[3])) : 5;
  std::vector<std::pair<std::string, std::string>> rows;
  std::ifstream in(argv[2]);
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    const auto tab = line.find('\t');
    if (tab != std::string::npos) rows.emplace_back(line.substr(0, tab), line.substr(tab + 1));
  }
  try {
    // Xapian's spelling data on a copy: every word term (unprefixed, the
    // vocabulary closest_word() reads) with its record count.
    const fs::path copy = fs::temp_directory_path() / ("arkiv-spelling-" + std::to_string(::getpid()));
    fs::remove_all(copy);
    fs::copy(index, copy, fs::copy_options::recursive);
    const std::uintmax_t before = bytes_of(copy);
    double build_s = 0;
    std::size_t words = 0;
    {
      const auto t0 = Clock::now();
      Xapian::WritableDatabase w(copy.string(), Xapian::DB_OPEN);
      for (auto t = w.allterms_begin(); t != w.allterms_end(); ++t) {
        const std::string& term = *t;
        if (term.empty() || (term[0] >= 'A' && term[0] <= 'Z')) continue;  // prefixed: not a word
        w.add_spelling(term, t.get_termfreq());
        ++words;
      }
      w.commit();
      build_s = std::chrono::duration<double>(Clock::now() - t0).count();
    }
    const std::uintmax_t after = bytes_of(copy);

    Xapian::Database hand_db(index.string());
    Xapian::Database xap_db(copy.string());
    int hand_right = 0, xap_right = 0, same = 0;
    std::vector<double> hand_us, xap_us;
    std::printf("| typed | intended | closest_word | Xapian |\n|---|---|---|---|\n");
    for (const auto& row : rows) {
      // Named copies, not a structured binding: clang 15 (Debian 12) cannot
      // capture one in a lambda.
      const std::string& typed = row.first;
      const std::string& want = row.second;
      std::string hand, xap;
      hand_us.push_back(median_us(rounds, [&] { hand = closest_word(hand_db, typed); }));
      xap_us.push_back(median_us(rounds, [&] {
        xap = xap_db.get_spelling_suggestion(typed, static_cast<unsigned>(limit_for(typed)));
      }));
      hand_right += hand == want;
      xap_right += xap == want;
      same += hand == xap;
      std::printf("| %s | %s | %s%s | %s%s |\n", typed.c_str(), want.c_str(), hand.empty() ? "(none)" : hand.c_str(),
                  hand == want ? "" : " ✗", xap.empty() ? "(none)" : xap.c_str(), xap == want ? "" : " ✗");
    }
    std::printf(
        "\n%zu misspellings; right: closest_word %d, Xapian %d; same answer %d.\n"
        "median time per suggestion (of %d rounds each): closest_word %.0f µs, Xapian %.0f µs.\n"
        "spelling data: %zu words, built in %.2f s; index %ju -> %ju bytes (+%.1f%%).\n",
        rows.size(), hand_right, xap_right, same, rounds, median(hand_us), median(xap_us), words, build_s,
        before, after, 100.0 * static_cast<double>(after - before) / static_cast<double>(before));
    fs::remove_all(copy);
  } catch (const Xapian::Error& e) {
    std::fprintf(stderr, "arkiv-spelling-eval: %s\n", e.get_description().c_str());
    return 1;
  }
  return 0;
}
