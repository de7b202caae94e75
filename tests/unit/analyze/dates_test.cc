// Date expressions, table-driven: text -> "surface|start|end|precision"
// for every mention found, in order.
#include <gtest/gtest.h>

#include "arkiv/analysis.h"

namespace arkiv::analyze {
namespace {

std::string render(const std::vector<DateMention>& ms) {
  std::string out;
  for (const auto& m : ms) {
    if (!out.empty()) out += "; ";
    out += m.surface + "|" + m.start + "|" + m.end_date + "|" + precision_key(m.precision);
    if (!m.resolved) out += "|unresolved";
  }
  return out;
}

TEST(FindDates, Table) {
  struct {
    const char* text;
    const char* reference;
    const char* expected;
  } cases[] = {
      // The seed record's own expressions.
      {"Gävle kommun har sedan 2010 ett partnerskapsavtal med Zhuhai", "2020-09-01",
       "sedan 2010|2010-01-01|2020-09-01|period"},
      {"Gävle kommun har sedan 2010 ett partnerskapsavtal", "", "sedan 2010|2010-01-01||period"},
      {"underlag beslut förlängning 2015, bilaga 2", "", "2015|2015-01-01|2015-12-31|year"},
      {"en förstudie (2015-16), som resulterade", "", "2015-16|2015-01-01|2016-12-31|period"},
      {"Uppföljning partnerskap med Zhuhai, Kina 2016-2020", "", "2016-2020|2016-01-01|2020-12-31|period"},
      {"Aktiviteter 2016–2020", "", "2016–2020|2016-01-01|2020-12-31|period"},
      {"slutade våren 2017 och har inte ersatts", "", "våren 2017|2017-03-01|2017-05-31|season"},
      {"Regeringen beslutade i juni 2020 att inrätta", "", "juni 2020|2020-06-01|2020-06-30|month"},
      {"som från mitten av 2000-talet utökade utbyte", "", "mitten av 2000-talet|2003-01-01|2006-12-31|decade"},
      {"biståndet till Kina fasades ut 2013.", "", "2013|2013-01-01|2013-12-31|year"},
      // Days.
      {"Sammanträdesdatum 2020-06-15", "", "2020-06-15|2020-06-15|2020-06-15|day"},
      {"beslutade den 3 juni 2020 att", "", "den 3 juni 2020|2020-06-03|2020-06-03|day"},
      {"yttrande 15 mars 2019.", "", "15 mars 2019|2019-03-15|2019-03-15|day"},
      {"Den 1:a april 2021 och 3 sept. 2019", "", "Den 1:a april 2021|2021-04-01|2021-04-01|day; "
                                                  "3 sept. 2019|2019-09-03|2019-09-03|day"},
      {"Februari 2024 hade 29 dagar: 29 februari 2024", "",
       "Februari 2024|2024-02-01|2024-02-29|month; 29 februari 2024|2024-02-29|2024-02-29|day"},
      // Seasons, decades, years.
      {"hösten 2015 och vårterminen 2016", "",
       "hösten 2015|2015-09-01|2015-11-30|season; vårterminen 2016|2016-01-01|2016-06-30|season"},
      {"i slutet av 1990-talet", "", "i slutet av 1990-talet|1997-01-01|1999-12-31|decade"},
      {"under 1980-talet", "", "1980-talet|1980-01-01|1989-12-31|decade"},
      {"under 2019 genomfördes", "", "2019|2019-01-01|2019-12-31|year"},
      // Relative expressions.
      {"i år och förra året", "2020-09-01",
       "i år|2020-01-01|2020-12-31|year; förra året|2019-01-01|2019-12-31|year"},
      {"i år", "", "i år|||year|unresolved"},
      // What the patterns need next to a year, in the forms they match:
      // any case, ICU's full case folding (the "st" ligature in
      // "augu\uFB06i", the Angstrom sign for "Å"), any white space.
      {"SEPT. 2019 och Sept 2018", "",
       "SEPT. 2019|2019-09-01|2019-09-30|month; Sept 2018|2018-09-01|2018-09-30|month"},
      {"augu\uFB06i 2020", "", "augu\uFB06i 2020|2020-08-01|2020-08-31|month"},
      {"Hösten\t\t 2019", "", "Hösten\t\t 2019|2019-09-01|2019-11-30|season"},
      {"i \u212Br och i \u212Brets", "2020-09-01", "i \u212Br|2020-01-01|2020-12-31|year"},
      {"vår 2019 får 2018", "", "2019|2019-01-01|2019-12-31|year; 2018|2018-01-01|2018-12-31|year"},
      {"2015 - 2016", "", "2015 - 2016|2015-01-01|2016-12-31|period"},
      {"sedan år 2010", "2020-09-01", "sedan år 2010|2010-01-01|2020-09-01|period"},
      {"i början av 2018", "", "början av 2018|2018-01-01|2018-04-30|period"},
      {"läs www.gavle.se/2019-20 och HTTPS://x.se/2018", "", ""},
      // Not dates.
      {"Dnr KS 2015/456", "", ""},
      {"skr. 2019/20:18", "", ""},
      {"SFS 2009:400", "", ""},
      {"https://www.regeringen.se/arbetet-i-fragor-som-ror-kina-skr-2019-20-18.pdf", "", ""},
      {"100-tals kinesiska studenter", "", ""},
      {"450 000 kronor, 12 000 invånare", "", ""},
      {"2020-13-45", "", ""},
      {"telefon 026-17 80 00", "", ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(render(find_dates(c.text, c.reference)), c.expected);
  }
}

TEST(FindDates, OffsetsAreBytesIntoTheText) {
  std::string text = "Sverige och Kina: våren 2017 slutade hon.";
  auto ms = find_dates(text);
  ASSERT_EQ(ms.size(), 1u);
  EXPECT_EQ(text.substr(ms[0].begin, ms[0].end - ms[0].begin), "våren 2017");
}

}  // namespace
}  // namespace arkiv::analyze
