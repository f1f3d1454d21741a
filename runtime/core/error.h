#pragma once

#include <exception>
#include <optional>
#include <string>
#include <string_view>

#include "runtime/core/source_span.h"

namespace fluxo {

/// What went wrong, so that callers can branch without subclasses.
enum class ErrorKind {
  kSyntax,     ///< The SQL text does not parse.
  kBinding,    ///< A name does not resolve (unknown column, source, function).
  kPlanning,   ///< The statement is valid SQL but cannot be planned.
  kType,       ///< Types do not fit.
  kExecution,  ///< A running statement or query failed.
  kIo,         ///< A file, network or broker operation failed.
  kInternal,   ///< A bug in Fluxo.
};

/// Returns a short lower-case name of the kind: "syntax", "binding", ...
std::string_view ErrorKindName(ErrorKind kind);

/// The one error type of the engine: thrown for errors that end a statement or a query. Holds
/// the kind, a message in words, the span of the SQL text at fault when there is one, and an
/// optional detail for logs. `what()` reads `line 2:26: <message>` when the span is known.
class Error : public std::exception {
 public:
  Error(ErrorKind kind, std::string message);

  Error(ErrorKind kind, std::string message, SourceSpan span);

  ErrorKind kind() const { return kind_; }

  const std::string& message() const { return message_; }

  const std::optional<SourceSpan>& span() const { return span_; }

  const std::string& detail() const { return detail_; }

  /// Attaches a longer explanation meant for logs, not for the one-line message.
  Error& WithDetail(std::string detail);

  const char* what() const noexcept override { return what_.c_str(); }

 private:
  ErrorKind kind_;
  std::string message_;
  std::optional<SourceSpan> span_;
  std::string detail_;
  std::string what_;
};

}  // namespace fluxo

/// Throws a kInternal error when `condition` is false, in every build: use it for bugs.
#define FLUXO_CHECK(condition, message)                                                           \
  do {                                                                                            \
    if (!(condition)) {                                                                           \
      throw ::fluxo::Error(::fluxo::ErrorKind::kInternal,                                         \
                           std::string("Internal check failed: ") + (message) + " (" +            \
                               #condition + ") at " + __FILE__ + ":" + std::to_string(__LINE__)); \
    }                                                                                             \
  } while (false)
