#include "runtime/core/error.h"

#include <utility>

namespace fluxo {

std::string_view ErrorKindName(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kSyntax:
      return "syntax";
    case ErrorKind::kBinding:
      return "binding";
    case ErrorKind::kPlanning:
      return "planning";
    case ErrorKind::kType:
      return "type";
    case ErrorKind::kExecution:
      return "execution";
    case ErrorKind::kIo:
      return "io";
    case ErrorKind::kInternal:
      return "internal";
  }
  return "unknown";
}

Error::Error(ErrorKind kind, std::string message)
    : kind_(kind), message_(std::move(message)), what_(message_) {}

Error::Error(ErrorKind kind, std::string message, SourceSpan span)
    : kind_(kind), message_(std::move(message)), span_(span) {
  if (span.IsKnown()) {
    what_ =
        "line " + std::to_string(span.line) + ":" + std::to_string(span.column) + ": " + message_;
  } else {
    what_ = message_;
  }
}

Error& Error::WithDetail(std::string detail) {
  detail_ = std::move(detail);
  return *this;
}

}  // namespace fluxo
