// Acronyms beyond the gazetteer (issue 22 item 5), in pairs: the index
// side (find_acronym_definitions, find_acronyms over a text) and the query
// side (expand_acronyms) must bind the same long forms to the same
// acronyms. The sentences are the real ones of the records in
// ../shared/data/realworld/swedish/ (pdftotext of the file named), and the
// forms the issue names.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "analyze/acronyms.h"
#include "arkiv/actors.h"
#include "query/front_end.h"

namespace arkiv::analyze {
namespace {

struct Case {
  const char* text;
  std::vector<std::string> expected;  // "ACRONYM=long form/rule", in text order; exactly these
};

std::vector<std::string> definitions(std::string_view text) {
  std::vector<std::string> out;
  for (const AcronymDefinition& d : find_acronym_definitions(text)) {
    EXPECT_EQ(text.substr(d.begin, d.end - d.begin).size(), d.long_form.size()) << d.long_form;
    out.push_back(d.acronym + "=" + d.long_form + "/" + d.rule);
  }
  return out;
}

TEST(Acronyms, DefinitionsInRealSentences) {
  const Case cases[] = {
      // ferenda_dir-2016-15: a marker after the SFS number, over a line end.
      {"huvudsakligen genom personuppgiftslagen (1998:204),\nförkortad PUL. Bestämmelserna i personuppgiftslagen",
       {"PUL=personuppgiftslagen/initials"}},
      {"personuppgiftsförordningen (1998:1191), förkortad PUF, som", {"PUF=personuppgiftsförordningen/initials"}},
      // A compound part shared by two words.
      {"Enligt 32 kap. 1 § offentlighets- och sekretesslagen (2009:400),\nförkortad OSL, gäller sekretess",
       {"OSL=offentlighets- och sekretesslagen/initials"}},
      // rinfo_Ds-1998_10: initials, across a line, with function words.
      {"I december 1968 tillsattes Samarbetsorganet för rättsväsendets\ninformationssystem (SARI). SARI var",
       {"SARI=Samarbetsorganet för rättsväsendets informationssystem/initials"}},
      {"Standarden för layout heter Document Style Semantics\nand Specification Language (DSSSL). För",
       {"DSSSL=Document Style Semantics and Specification Language/initials"}},
      {"bygger på Standard Generalized Markup Language (SGML) och", {"SGML=Standard Generalized Markup Language/initials"}},
      {"kommunal budget, kommunalekonomisk långtidsplanering (KELP) eller",
       {"KELP=kommunalekonomisk långtidsplanering/initials"}},
      {"lösningsmedlen n-hexan och metyletylketon (MEK) som", {"MEK=metyletylketon/initials"}},
      // An SFS number inside the name.
      {"enligt lagen (2007:1091) om offentlig upphandling (LOU) ska",
       {"LOU=lagen (2007:1091) om offentlig upphandling/initials"}},
      // A marker inside the parenthesis, the word before taken as it is.
      {"Finansinspektionen (hädanefter FI) har", {"FI=Finansinspektionen/initials"}},
      {"Avtalet tecknas med Beställaren (hädanefter KB).", {"KB=Beställaren/marker"}},
      {"tryckfrihetsförordningen (nedan kallad TF) gäller", {"TF=tryckfrihetsförordningen/initials"}},
      {"Kommunförbundet (nedan kallat ”KF”) ska", {"KF=Kommunförbundet/initials"}},
      {"Name Of A Thing (NOAT)", {"NOAT=Name Of A Thing/initials"}},
      // Not definitions: a party, a letter that spells nothing, a series,
      // an EU regulation's "(EU)", a chemical whose English initials
      // differ, a word of one capital.
      {"Anna Svensson (MP), ordförande", {}},
      {"Europaparlamentets och rådets förordning (EU) 2016/679", {}},
      {"När det gäller referensregistret över författningar i SFS (SFSR)", {}},
      {"Hexametylfosfortriamid (HMPA) 680-31-9", {}},
      {"inom Nordisk miljömärkning (Svanen) och (Reach)", {}},
      {"ett kort ord (hädanefter OK) och", {}},
  };
  for (const Case& c : cases) EXPECT_EQ(definitions(c.text), c.expected) << c.text;
}

TEST(Acronyms, ThingsAreNoActors) {
  for (const char* thing : {"Standard Generalized Markup Language", "Hyper Text Markup Language",
                            "lagen (2007:1091) om offentlig upphandling", "personuppgiftslagen",
                            "dataskyddsförordningen", "Document Style Semantics and Specification Language"})
    EXPECT_TRUE(names_a_thing(thing)) << thing;
  for (const char* body : {"Samarbetsorganet för rättsväsendets informationssystem", "Future Position X",
                           "International Organisation for Standardization", "Statens Järnvägar",
                           "Myndigheten för samhällsskydd och beredskap", "Gävle Energibolag"})
    EXPECT_FALSE(names_a_thing(body)) << body;
  // The index side: a thing's definition makes no actor; a body's does.
  auto ids = [](std::string_view text) {
    std::vector<std::string> out;
    for (const Actor& a : actors::find(text).actors) out.push_back(a.id);
    return out;
  };
  EXPECT_EQ(ids("Dokumenten skrivs i Standard Generalized Markup Language (SGML). SGML är en standard."),
            std::vector<std::string>{});
  EXPECT_EQ(ids("Lagen om offentlig upphandling (LOU) gäller."), std::vector<std::string>{});
  EXPECT_EQ(ids("Samverkan med Future Position X (FPX). FPX bidrar."), std::vector<std::string>{"future-position-x"});
}

// "ACRONYM@surface/rule" of each place a text names an acronym.
std::vector<std::string> places(std::string_view text) {
  std::vector<std::string> out;
  for (const AcronymMention& m : find_acronyms(text))
    out.push_back(m.acronym + "@" + std::string(text.substr(m.begin, m.end - m.begin)) + "/" + m.rule);
  return out;
}

TEST(Acronyms, IndexSideMarksListedNamesAndDefinitions) {
  const Case cases[] = {
      // The shared list: the name in its forms, the acronym as written.
      {"Enligt personuppgiftslagens regler och PUL:s 5 a §.",
       {"PUL@personuppgiftslagens/list", "PUL@PUL/list"}},
      {"Offentlighets- och sekretesslagen, OSL, och kommunallagen.",
       {"OSL@Offentlighets- och sekretesslagen/list", "OSL@OSL/list", "KL@kommunallagen/list"}},
      {"enligt lagen om offentlig upphandling gäller", {"LOU@lagen om offentlig upphandling/list"}},
      {"enligt lagen (2016:1145) om offentlig upphandling.", {"LOU@lagen (2016:1145) om offentlig upphandling/list"}},
      {"dataskyddsförordningen och SoL", {"GDPR@dataskyddsförordningen/list", "SoL@SoL/list"}},
      // Not the name: a longer compound, another case, an unlisted word.
      {"personuppgiftslagstiftningen, pul och sol", {}},
      // A record's own definition, and the list's name at the same place
      // once.
      {"Name Of A Thing (NOAT) och personuppgiftslagen (1998:204), förkortad PUL.",
       {"NOAT@Name Of A Thing/definition", "PUL@personuppgiftslagen/definition", "PUL@PUL/list"}},
  };
  for (const Case& c : cases) EXPECT_EQ(places(c.text), c.expected) << c.text;
  // A definition carries its long form for the index (XACRDEF), lower case.
  const std::vector<AcronymMention> noat = find_acronyms("Name Of A Thing (NOAT)");
  ASSERT_EQ(noat.size(), 1u);
  EXPECT_EQ(noat[0].long_form, "name of a thing");
  EXPECT_EQ(find_acronyms("personuppgiftslagen")[0].long_form, "");
}

TEST(Acronyms, QuerySideMatchesTheIndexSide) {
  using query::expand_acronyms;
  EXPECT_EQ(expand_acronyms("PUL"), "(PUL OR akronym:pul)");
  EXPECT_EQ(expand_acronyms("gdpr samtycke"), "(gdpr OR akronym:gdpr) samtycke");
  // An acronym the list lacks, only when a record names it.
  EXPECT_EQ(expand_acronyms("NOAT"), "NOAT");
  auto defined = [](const std::string& key) {
    return key == "noat" ? std::vector<std::string>{"name of a thing"} : std::vector<std::string>{};
  };
  EXPECT_EQ(expand_acronyms("NOAT", defined), "(NOAT OR akronym:noat OR akronymnamn:name_of_a_thing)");
  EXPECT_EQ(expand_acronyms("SFS", defined), "SFS");
  EXPECT_EQ(expand_acronyms("SoL"), "(SoL OR akronym:sol)");
  EXPECT_EQ(expand_acronyms("personuppgiftslagen"), "(personuppgiftslagen OR akronym:pul)");
  EXPECT_EQ(expand_acronyms("regler i lagen om offentlig upphandling"),
            "regler i (lagen om offentlig upphandling OR akronym:lou)");
  // "sol" and "pul" are words; gazetteer acronyms are the actor expansion's;
  // phrases, fields and excluded words stay as typed.
  EXPECT_EQ(expand_acronyms("sol"), "sol");
  EXPECT_EQ(expand_acronyms("pul"), "pul");
  EXPECT_EQ(expand_acronyms("JO SKR"), "JO SKR");
  EXPECT_EQ(expand_acronyms("\"PUL\" -LOU typ:avtal"), "\"PUL\" -LOU typ:avtal");
  EXPECT_EQ(expand_acronyms("Kina"), "Kina");
}

TEST(Acronyms, SharedListIsWellFormed) {
  // Every listed acronym is read as itself, in lower case when no word.
  for (const char* a : {"PUL", "LOU", "FL", "KL", "TF", "RF", "OSL", "GDPR", "SoL"})
    EXPECT_EQ(listed_acronym(a, false), a);
  EXPECT_EQ(listed_acronym("gdpr", true), "GDPR");
  EXPECT_EQ(listed_acronym("gdpr", false), "");
  EXPECT_EQ(acronyms_version().size(), 16u);
}

}  // namespace
}  // namespace arkiv::analyze
