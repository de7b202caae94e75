// Errors that stop a whole run (the index cannot be opened, is locked, a
// query or command line is malformed). Per-document problems are never
// exceptions: they are arkiv::Diagnostic values (record.h).
#pragma once

#include <stdexcept>
#include <string>

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

// The query asks for more than a query may (search.h: kMaxQueryBytes,
// kMaxQueryWords, kMaxWildcardTerms); the message says which limit.
class QueryLimitError : public QueryError {
 public:
  using QueryError::QueryError;
};

}  // namespace arkiv
