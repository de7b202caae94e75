// Errors that stop a whole run (the index cannot be opened, is locked, a
// query or command line is malformed). Per-document problems are never
// exceptions: they are arkiv::Diagnostic values (record.h).
#pragma once

#include <stdexcept>
#include <string>
#include <utility>

namespace arkiv {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Bad command-line arguments or options.
class UsageError : public Error {
 public:
  using Error::Error;
};

// The index cannot be opened, created or written (missing, corrupt,
// incompatible, disk full).
class IndexError : public Error {
 public:
  using Error::Error;
};

// The revision of the index being read was discarded by a writer that
// committed twice meanwhile (Xapian's DatabaseModifiedError): reopening
// and reading again sees the newer state. Searcher retries on it.
class IndexModifiedError : public IndexError {
 public:
  using IndexError::IndexError;
};

// A write failed because the disk is full or a file size or quota limit
// was reached (ENOSPC, EFBIG, EDQUOT); every batch committed before stays.
class DiskFullError : public IndexError {
 public:
  using IndexError::IndexError;
};

// There is no index at the location given (nothing indexed yet?).
class IndexNotFoundError : public IndexError {
 public:
  using IndexError::IndexError;
};

// Another process holds the index's write lock.
class IndexLockedError : public IndexError {
 public:
  using IndexError::IndexError;
};

// The query string cannot be parsed.
class QueryError : public Error {
 public:
  using Error::Error;
};

// A filter in the query that cannot mean anything: an unknown name
// ("aktr:ICLD", "tyyp:avtal") or a value the filter cannot read
// ("typ:okänd", "år:abc", "datum:2021..2019"). what() says it in English;
// the fields let a caller say it in the user's language.
class QueryFilterError : public QueryError {
 public:
  enum class Kind { kUnknownFilter, kBadValue };
  // `filter`: the name as typed ("aktr"); `value`: the value as typed;
  // `accepted`: kUnknownFilter: the filter names ("datum:, date:, ...");
  // kBadValue: what the filter takes (English, a msgid of the CLI's
  // catalog); `query`: the whole query as typed.
  QueryFilterError(Kind kind, std::string filter, std::string value, std::string accepted, std::string query)
      : QueryError(message(kind, filter, value, accepted, query)),
        kind_(kind),
        filter_(std::move(filter)),
        value_(std::move(value)),
        accepted_(std::move(accepted)),
        query_(std::move(query)) {}

  Kind kind() const { return kind_; }
  const std::string& filter() const { return filter_; }
  const std::string& value() const { return value_; }
  const std::string& accepted() const { return accepted_; }
  const std::string& query() const { return query_; }

 private:
  static std::string message(Kind kind, const std::string& filter, const std::string& value,
                             const std::string& accepted, const std::string& query) {
    if (kind == Kind::kUnknownFilter)
      return "\"" + query + "\": there is no filter " + filter + ":; the filters are " + accepted;
    return "\"" + query + "\": " + filter + ":" + value + " cannot mean anything; " + filter + ": takes " + accepted;
  }
  Kind kind_;
  std::string filter_, value_, accepted_, query_;
};

// The query asks for more than a query may (search.h: kMaxQueryBytes,
// kMaxQueryWords, kMaxWildcardTerms); the message says which limit.
class QueryLimitError : public QueryError {
 public:
  using QueryError::QueryError;
};

}  // namespace arkiv
