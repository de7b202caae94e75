// Actor recognition, in pairs: the index side (actors::find over a text)
// and the query side (actors::resolve for aktör:, find_in_query for free
// text) must agree on every form of a name.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <tuple>

#include "analyze/actors_query.h"
#include "analyze/analyzer.h"
#include "query/front_end.h"
#include "arkiv/actors.h"

namespace arkiv::actors {
namespace {

// "surface=id" for each mention, in text order.
std::vector<std::string> mentions(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& m : find(text).mentions) out.push_back(m.surface + "=" + m.actor_id);
  return out;
}

struct Case {
  const char* text;
  std::vector<std::string> expected;  // "surface=id", in order; exactly these
};

TEST(Actors, IndexSideFindsEachFormOnce) {
  const Case cases[] = {
      // Acronym, spelled out, and the definition as one mention.
      {"Finansiering från ICLD-Internationellt Centrum för Lokal Demokrati och ICLDs krav.",
       {"ICLD-Internationellt Centrum för Lokal Demokrati=internationellt-centrum-for-lokal-demokrati",
        "ICLD=internationellt-centrum-for-lokal-demokrati"}},
      // Genitive outside the span, ":s" too.
      {"SKR:s syn och UD/Sveriges regering.",
       {"SKR=sveriges-kommuner-och-regioner", "UD=utrikesdepartementet", "Sveriges regering=regeringen"}},
      // Lower-case "regeringen" is the name; "Regeringen" at a sentence start too.
      {"Det gör UD/regeringen. Regeringen beslutade.",
       {"UD=utrikesdepartementet", "regeringen=regeringen", "Regeringen=regeringen"}},
      // A definition makes later bare mentions of the acronym count.
      {"Klustret Nordic Growth Hub (NGH) och regionen. Sedan har NGH bytt ledning.",
       {"Nordic Growth Hub (NGH)=nordic-growth-hub", "NGH=nordic-growth-hub"}},
      // The longest name wins; nested names are not mentions.
      {"Högskolan i Gävle och Jilin University Zhuhai College samarbetar i Gävle.",
       {"Högskolan i Gävle=hogskolan-i-gavle", "Jilin University Zhuhai College=jilin-university-zhuhai-college",
        "Gävle=gavle-kommun"}},
      // Bodies found by their ending, and persons with a role.
      {"med Vallbacksskolan, inom Internationella kontoret. Ett Innovationscentrum inrättas.",
       {"Vallbacksskolan=vallbacksskolan", "Internationella kontoret=internationella-kontoret",
        "Innovationscentrum=innovationscentrum"}},
      // The gazetteer's name wins over the pattern: Kinacentrum is a known body.
      {"Ett Kinacentrum inrättas.", {"Kinacentrum=nationellt-kunskapscentrum-om-kina"}},
      {"säger Johan Lilja, Generalsekreterare för ICLD.",
       {"Johan Lilja=johan-lilja", "ICLD=internationellt-centrum-for-lokal-demokrati"}},
      {"Ordförande Anna Svensson öppnade mötet. Kultur- och fritidsnämnden yttrade sig.",
       {"Anna Svensson=anna-svensson", "Kultur- och fritidsnämnden=kultur-och-fritidsnamnden"}},
      // A signature table's next column is no part of the name (Kungsbacka
      // KS protokoll 2026-08-25, bygg-au 2024-05-23); a third name is.
      {"Sekreterare Patrik Johansson Paragrafer §§ 179-180", {"Patrik Johansson=patrik-johansson"}},
      {"Sekreterare Amanda Toresson Paragrafer §§ 137, 163-164", {"Amanda Toresson=amanda-toresson"}},
      {"Ordförande Anna Karin Svensson öppnade mötet.", {"Anna Karin Svensson=anna-karin-svensson"}},
      // A surname that is also a word (SOSFS 2012:17), and a role after
      // the name in the next column.
      {"Ansvarig utgivare: Chefsjurist Eleonore Källstrand Nord", {"Eleonore Källstrand Nord=eleonore-kallstrand-nord"}},
      {"Ordförande Lisa Andersson Justerare Lars Eriksson", {"Lisa Andersson=lisa-andersson", "Lars Eriksson=lars-eriksson"}},
      {"Remiss till Kultur-, fritids- och tekniknämnden och Byggnadsnämndens arbetsutskott.",
       {"Kultur-, fritids- och tekniknämnden=kultur-fritids-och-tekniknamnden",
        "Byggnadsnämnden=byggnadsnamnden"}},
      {"Ärendet går till kommunstyrelsen.", {"kommunstyrelsen=kommunstyrelsen"}},
      // Nothing in a URL, and a page is not the agency Sida.
      {"se https://www.regeringen.se/skr-2019-20-18.pdf på sida 3", {}},
      // Case matters for acronyms: "eu" and "ud" are not EU and UD.
      {"eu ud Eu", {}},
      // Determiners and ordinary nouns are not names.
      {"Varje kommun ska. Grundskolan har lov. I grundskolan läser man.", {}},
      {"Sandvik AB och Gävle Energi AB tecknade avtal.",
       {"Sandvik AB=sandvik-ab", "Gävle Energi AB=gavle-energi-ab"}},
  };
  for (const Case& c : cases) EXPECT_EQ(mentions(c.text), c.expected) << c.text;
}

TEST(Actors, MentionSpansPointIntoTheText) {
  const std::string text = "Movexum och\nFuture Position\nX (FPX). Sedan FPX:s byte.";
  for (const auto& m : find(text).mentions) {
    ASSERT_LE(m.end, text.size());
    std::string span = text.substr(m.begin, m.end - m.begin);
    std::replace(span.begin(), span.end(), '\n', ' ');
    EXPECT_EQ(span, m.surface);
  }
  EXPECT_EQ(mentions(text), (std::vector<std::string>{"Movexum=movexum", "Future Position X (FPX)=future-position-x",
                                                      "FPX=future-position-x"}));
}

// The query side resolves every form the index side recognises.
TEST(Actors, QuerySideResolvesTheSameForms) {
  const std::pair<const char*, const char*> cases[] = {
      {"ICLD", "internationellt-centrum-for-lokal-demokrati"},
      {"icld", "internationellt-centrum-for-lokal-demokrati"},
      {"Internationellt Centrum för Lokal Demokrati", "internationellt-centrum-for-lokal-demokrati"},
      {"SKL", "sveriges-kommuner-och-regioner"},  // former name
      {"regeringen", "regeringen"},
      {"Högskolan i Gävle", "hogskolan-i-gavle"},
      {"gavle-kommun", "gavle-kommun"},           // an id as typed
      {"Kinacentrum", "nationellt-kunskapscentrum-om-kina"},  // an alias
      {"Innovationscentrum", "innovationscentrum"},  // a discovered actor: its slug
  };
  for (const auto& [value, id] : cases) {
    auto ids = resolve(value);
    ASSERT_FALSE(ids.empty()) << value;
    EXPECT_EQ(ids.front(), id) << value;
  }
}

// A free-text query names a gazetteer actor in every form the gazetteer
// gives it, and with a lower-case name's first letter capitalised
// ("Regeringen"), whether or not the query holds other words. Forms two
// actors share name neither, on both sides.
TEST(Actors, QuerySideFindsEveryGazetteerForm) {
  int forms = 0;
  for (const Actor& a : gazetteer()) {
    std::vector<std::string> all = {a.name};
    all.insert(all.end(), a.aliases.begin(), a.aliases.end());
    all.insert(all.end(), a.former.begin(), a.former.end());
    for (const std::string& form : all) {
      const auto ids = resolve(form);
      if (ids.empty() || ids.front() != a.id) continue;  // shared with another actor
      std::vector<std::string> typed = {form, "avtal " + form + " uppföljning"};
      if (form[0] >= 'a' && form[0] <= 'z') typed.push_back(char(form[0] - 32) + form.substr(1));
      for (const std::string& q : typed) {
        const auto found = find_in_query(q);
        // From the lines for the query's words, as a search process reads
        // the gazetteer, the same as from the whole of it (a server's).
        const auto from_lines = find_in_query_lines(q);
        ASSERT_EQ(from_lines.size(), found.size()) << q;
        for (std::size_t i = 0; i < found.size(); ++i)
          EXPECT_EQ(std::tie(from_lines[i].begin, from_lines[i].end, from_lines[i].actor_id),
                    std::tie(found[i].begin, found[i].end, found[i].actor_id))
              << q;
        EXPECT_EQ(found.size(), 1u) << q;
        if (found.size() != 1) continue;
        EXPECT_EQ(found[0].actor_id, a.id) << q;
        EXPECT_EQ(q.substr(found[0].begin, found[0].end - found[0].begin).size(), form.size()) << q;
      }
      ++forms;
    }
  }
  EXPECT_GT(forms, 1000);
  // Words that are no part of any name find nothing.
  for (const char* q : {"avtal", "detaljplan", "Partnerskapsavtalet", "uppföljningen 2016"})
    EXPECT_TRUE(find_in_query(q).empty() && find_in_query_lines(q).empty()) << q;
}

TEST(Actors, FreeTextExpandsPlainNamesOnly) {
  const std::pair<const char*, const char*> cases[] = {
      {"ICLD", "(ICLD OR aktörid:internationellt_centrum_for_lokal_demokrati)"},
      {"ICLD Kina", "(ICLD OR aktörid:internationellt_centrum_for_lokal_demokrati) Kina"},
      {"Högskolan i Gävle", "(Högskolan i Gävle OR aktörid:hogskolan_i_gavle)"},
      {"\"ICLD Kina\"", "\"ICLD Kina\""},    // a phrase stays a phrase
      {"title:ICLD", "title:ICLD"},          // so does a field
      {"-UD Kina", "-UD Kina"},              // and an excluded word
      {"EU-projekt", "EU-projekt"},          // a compound is not the name
      {"sida 3", "sida 3"},                  // case matters
  };
  for (const auto& [query, expected] : cases) EXPECT_EQ(arkiv::query::expand_actor_names(std::string(query)), expected) << query;
}

TEST(Actors, SlugsAreStableAscii) {
  EXPECT_EQ(slug("Gävle kommun"), "gavle-kommun");
  EXPECT_EQ(slug("Internationellt centrum för lokal demokrati"), "internationellt-centrum-for-lokal-demokrati");
  EXPECT_EQ(slug("Linnéuniversitetet"), "linneuniversitetet");
  EXPECT_EQ(slug("Kultur- och fritidsnämnden"), "kultur-och-fritidsnamnden");
  EXPECT_EQ(slug("  ÅÄÖ "), "aaao");
  EXPECT_NE(slug("Håbo kommun"), slug("Habo kommun"));
}

TEST(Actors, GazetteerIsWellFormed) {
  std::map<ActorType, int> per_type;
  for (const Actor& a : gazetteer()) {
    EXPECT_EQ(a.id, slug(a.name));
    ++per_type[a.type];
  }
  EXPECT_EQ(gazetteer_actor("gavle-kommun")->name, "Gävle kommun");
  EXPECT_EQ(gazetteer_actor("gavle-kommun")->type, ActorType::kKommun);
  EXPECT_EQ(canonical_type("municipality"), ActorType::kKommun);
  EXPECT_EQ(canonical_type("Myndighet"), ActorType::kMyndighet);
  EXPECT_FALSE(canonical_type("planet"));
  // One key per type, both ways; DO NOT CHANGE a key (stored, --json).
  for (std::size_t i = 0; i < std::size(kActorTypes); ++i)
    EXPECT_EQ(actor_type_from_key(actor_type_key(static_cast<ActorType>(i))), static_cast<ActorType>(i));
  EXPECT_STREQ(actor_type_key(ActorType::kForetag), "företag");
  EXPECT_FALSE(actor_type_from_key("planet"));
}

}  // namespace
}  // namespace arkiv::actors
