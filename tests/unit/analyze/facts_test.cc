// Record facts, table-driven: diarienummer (index side and query side in
// pairs), references, record date and type, sentences.
#include <gtest/gtest.h>

#include "arkiv/analysis.h"
#include "arkiv/pipeline.h"

namespace arkiv::analyze {
namespace {

TEST(CaseNumbers, FoundAndNormalized) {
  struct {
    const char* text;
    const char* expected;  // normalized, "; "-separated
  } cases[] = {
      {"Dnr KS 2020/0123", "KS 2020/123"},
      {"dnr: KS 2015/456 och Dnr BUN 2017/88", "KS 2015/456; BUN 2017/88"},
      {"Diarienummer: KS-2021-789", "KS 2021/789"},
      {"Dnr: 2019-000123", "2019/123"},
      {"§ 45 Dnr KS 2018/1123", "KS 2018/1123"},
      {"ärendet KS 2015/456 behandlades", "KS 2015/456"},
      {"enligt KS-2015-456", "KS 2015/456"},
      // However much white space a letterhead puts after "Dnr:".
      {"Dnr:\t\t\t\t\t\t\t\t\tKS 2015/456", "KS 2015/456"},
      {"Diarienummer:                        2019/5", "2019/5"},
      {"ÄRENDENUMMER: 2019-000123", "2019/123"},
      // Not case numbers.
      {"Kina 2016-2020", ""},
      {"EU 2015-16", ""},
      {"skr. 2019/20:18", ""},
      {"SFS 2009:400", ""},
      {"ks 2015/456", ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    std::string got;
    for (const auto& n : find_case_numbers(c.text)) got += (got.empty() ? "" : "; ") + n.normalized;
    EXPECT_EQ(got, c.expected);
  }
}

// Query side: however a user types the number, it meets the index side.
TEST(CaseNumbers, QuerySideMeetsIndexSide) {
  const char* typed[] = {"KS 2015/456", "KS 2015/0456", "ks-2015-456", "Dnr KS 2015/456", "KS-2015-00456"};
  for (const char* t : typed) {
    SCOPED_TRACE(t);
    EXPECT_EQ(normalize_case_number(t), find_case_numbers("Dnr KS 2015/456")[0].normalized);
  }
  EXPECT_EQ(normalize_case_number("Zhuhai"), "");
}

TEST(References, KindsAndNormalForms) {
  std::string text =
      "Se skr. 2019/20:18 och prop. 2008/09:5, SOU 2022:17, Ds 1998:10, dir. 2016:15 samt lag (SFS 2009:400). "
      "Mer på https://www.regeringen.se/arbetet-i-fragor-som-ror-kina-skr-2019-20-18.pdf.";
  std::string got;
  for (const auto& r : find_references(text)) got += r.kind + "=" + r.normalized + "\n";
  EXPECT_EQ(got,
            "skr=skr. 2019/20:18\nprop=prop. 2008/09:5\nsou=SOU 2022:17\nds=Ds 1998:10\ndir=dir. 2016:15\n"
            "sfs=SFS 2009:400\nurl=https://www.regeringen.se/arbetet-i-fragor-som-ror-kina-skr-2019-20-18.pdf\n");
}

// Each kind alone, in the cases its pattern matches in (a pattern is
// only run on a text holding its literal), and nothing where none is.
TEST(References, EachKindAloneInAnyCaseItMatches) {
  const std::pair<const char*, const char*> cases[] = {
      {"enligt Prop. 2008/09:5 ska", "prop=prop. 2008/09:5"},
      {"SKR. 2019/20:18", "skr=skr. 2019/20:18"},
      {"Dir. 2016:15", "dir=dir. 2016:15"},
      {"se WWW.Regeringen.se/kina", "url=WWW.Regeringen.se/kina"},
      {"HTTPS://example.org/a", "url=HTTPS://example.org/a"},
      {"SFS 2009:400", "sfs=SFS 2009:400"},
      {"sfs 2009:400 sou 2022:17 ds 1998:10", ""},  // these are written in capitals
      {"\u017Fkr. 2019/20:18", "skr=skr. 2019/20:18"},  // the long s folds to s
      {"Inga hänvisningar här, kl. 13:00.", ""},
  };
  for (const auto& [text, expected] : cases) {
    std::string got;
    for (const auto& r : find_references(text)) got += (got.empty() ? "" : "\n") + r.kind + "=" + r.normalized;
    EXPECT_EQ(got, expected) << text;
  }
}

NormalizedDoc doc(const std::string& path, const std::string& title, const std::string& text) {
  ExtractedDoc e;
  e.source.path = path;
  e.meta.title = title;
  e.pages.push_back({1, text});
  e.page_count = 1;
  return normalize::normalize(std::move(e));
}

TEST(RecordFacts, DateAndTypeWithTheRuleThatWon) {
  struct {
    const char* path;
    const char* title;
    const char* text;
    const char* date;
    const char* rule;
    const char* type;
  } cases[] = {
      {"ks/protokoll.pdf", "", "Protokoll Kommunstyrelsen\nSammanträdesdatum 2019-03-15\n§ 45", "2019-03-15",
       "date-line", "protokoll"},
      {"a.pdf", "", "Tjänsteskrivelse\nDatum: 2021-11-04\nBredband", "2021-11-04", "date-line",
       "tjänsteskrivelse"},
      {"a.pdf", "", "Protokollsutdrag Kommunfullmäktige 2015-11-26\n§ 182 Budget", "2015-11-26", "header",
       "protokollsutdrag"},
      {"arkiv/beslut_2020-06-11.pdf", "", "Regeringen ger Utrikespolitiska institutet i uppdrag", "2020-06-11",
       "file-name", "beslut"},
      {"Bilaga 2 avtal.pdf", "", "Samarbetsavtal mellan Gävle och Zhuhai", "", "", "bilaga"},
      {"x.pdf", "Samarbetsavtal Sandviken–Kaunas", "Avtalet gäller från och med den 1 juli 2012", "2012-07-01",
       "header", "avtal"},
      {"mail.pdf", "", "Från: internationella kontoret\nSkickat: den 3 april 2017 10:14\nÄmne: Besök", "2017-04-03",
       "date-line", "e-post"},
      {"x.pdf", "Uppföljning partnerskap med Zhuhai, Kina 2016-2020", "Bakgrund\nGävle kommun har sedan 2010", "",
       "", "uppföljning"},
      {"x.pdf", "", "Minnesanteckningar från mötet", "", "", "other"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    AnalyzedDoc a = analyze(doc(c.path, c.title, c.text));
    EXPECT_EQ(a.record_date, c.date);
    EXPECT_EQ(a.record_date_rule, c.rule);
    EXPECT_EQ(a.type, c.type);
  }
}

TEST(Sentences, AroundAnOffsetOnOneLine) {
  std::string text =
      "Bakgrund\nGävle kommun har sedan 2010 ett partnerskapsavtal med Zhuhai i Kina (bilaga 1, samt underlag\n"
      "beslut förlängning 2015, bilaga 2). Ett samarbete som initierades via Högskolan i Gävle.";
  EXPECT_EQ(sentence_at(text, text.find("2015")),
            "Gävle kommun har sedan 2010 ett partnerskapsavtal med Zhuhai i Kina (bilaga 1, samt underlag "
            "beslut förlängning 2015, bilaga 2).");
  EXPECT_EQ(sentence_at(text, text.find("Högskolan")), "Ett samarbete som initierades via Högskolan i Gävle.");
}

}  // namespace
}  // namespace arkiv::analyze
