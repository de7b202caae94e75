// The CLI's language: Swedish under a Swedish locale, English otherwise.
// Messages go through Boost.Locale's gettext with catalogs compiled from
// data/po/*.po; numbers and dates are formatted for the same locale.
#pragma once

#include <boost/locale.hpp>
#include <string>

namespace arkiv::cli {

// Sets the global locale from LC_ALL, LC_MESSAGES or LANG (in that order)
// and loads the "arkiv" catalog for it. Safe to call once at start-up.
void init_locale();

// True when messages are Swedish.
bool swedish();

// Translates an English message id.
std::string tr(const char* msgid);

// Translates and formats: tr_format("{1} indexed", n) -> "12 indexerade".
template <typename... Args>
std::string tr_format(const char* msgid, const Args&... args) {
  boost::locale::format f(boost::locale::translate(msgid));
  (f % ... % args);
  return f.str(std::locale());
}

// Translates and formats a message that depends on a count `n`, choosing
// the singular or plural form by the catalog's plural rule.
template <typename... Args>
std::string tr_nformat(const char* singular, const char* plural, long long n, const Args&... args) {
  boost::locale::format f(boost::locale::translate(singular, plural, n));
  (f % ... % args);
  return f.str(std::locale());
}

// Swedish alphabetical order (Å, Ä, Ö after Z; case and accents second),
// through Boost.Locale's collator, whatever language the messages are in:
// the names sorted are Swedish.
bool swedish_less(const std::string& a, const std::string& b);

// A count formatted for the locale ("12 345" in Swedish, "12,345" in English).
std::string number(unsigned long long n);

// The locale of init_locale() with Boost.Locale's number and date formats
// (boost::locale::as::number, as::datetime), made on first use: the global
// locale has none, as making them is a third of a short process.
const std::locale& formatting_locale();

}  // namespace arkiv::cli
