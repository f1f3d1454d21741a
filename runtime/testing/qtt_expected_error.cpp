#include "runtime/testing/qtt_expected_error.h"

#include <regex>

namespace fluxo::qtt {

namespace {

/// Returns the class name without its package: "KsqlStatementException".
std::string SimpleName(const std::string& java_type) {
  const size_t dot = java_type.rfind('.');
  return dot == std::string::npos ? java_type : java_type.substr(dot + 1);
}

bool Mentions(const Error& error, const std::string& text) {
  return text.empty() || error.message().find(text) != std::string::npos ||
         std::string(error.what()).find(text) != std::string::npos ||
         error.detail().find(text) != std::string::npos;
}

std::string Actual(const Error& error, bool from_statements) {
  return std::string(ErrorKindName(error.kind())) + " error from " +
         (from_statements ? "the statements" : "the queries") + ": " + error.what();
}

bool SpanIs(const Error& error, const std::smatch& position) {
  return error.span() && error.span()->line == std::stoi(position[1].str()) &&
         error.span()->column == std::stoi(position[2].str());
}

/// Returns true when `error` is at the `line L:C` that `message` names, or `message` names none.
bool SamePosition(const std::string& message, const Error& error) {
  static const std::regex position_pattern(R"(line (\d+):(\d+))");
  std::smatch position;
  if (!std::regex_search(message, position, position_pattern)) {
    return true;
  }
  return SpanIs(error, position);
}

/// Drops the "\nStatement: ..." that ksqlDB appends to some messages: its own re-print of the
/// statement (`TEST.F2 F2, ... FROM TEST TEST`), which says nothing about the error and which
/// Fluxo does not imitate (its errors point at the statement with line:column and a caret).
/// A documented waiver of docs/CONFORMANCE.md.
std::string WithoutStatementEcho(const std::string& message) {
  const size_t echo = message.find("\nStatement: ");
  return echo == std::string::npos ? message : message.substr(0, echo);
}

/// Splits ksqlDB's location prefix off a KsqlException message ("Line: 2, Col: 13: Source
/// `X` does not exist.", which ksqlDB adds from the AST node's location): the prefix must
/// match the error's span, and the rest is the message to look for. Nothing when `message`
/// has a prefix that the error's span does not match.
std::optional<std::string> WithoutLocation(const std::string& message, const Error& error) {
  static const std::regex location_pattern(R"(^Line: (\d+), Col: (\d+): )");
  std::smatch position;
  if (!std::regex_search(message, position, location_pattern)) {
    return WithoutStatementEcho(message);
  }
  if (!SpanIs(error, position)) {
    return std::nullopt;
  }
  return WithoutStatementEcho(message.substr(static_cast<size_t>(position.length(0))));
}

}  // namespace

bool IsStatementErrorType(const std::string& java_type) {
  const std::string name = SimpleName(java_type);
  return name == "KsqlStatementException" || name == "ParseFailedException";
}

std::string DescribeExpectedError(const QttExpectedException& expected) {
  std::string text = expected.type.empty() ? "an error" : SimpleName(expected.type);
  if (!expected.message.empty()) {
    text += " \"" + expected.message + "\"";
  }
  if (!expected.cause_message.empty()) {
    text += " caused by \"" + expected.cause_message + "\"";
  }
  return text;
}

std::optional<std::string> MatchExpectedError(const QttExpectedException& expected,
                                              const Error& error,
                                              bool from_statements) {
  const std::string name = SimpleName(expected.type);
  const std::string mismatch =
      "expected " + DescribeExpectedError(expected) + " but got " + Actual(error, from_statements);
  if (error.kind() == ErrorKind::kInternal) {
    return mismatch;
  }
  const bool streams = name == "StreamsException";
  if ((streams && from_statements) || (IsStatementErrorType(name) && !from_statements) ||
      (name == "ParseFailedException" && error.kind() != ErrorKind::kSyntax)) {
    return mismatch;
  }
  if (name == "ParseFailedException") {
    return SamePosition(expected.message, error) ? std::nullopt : std::optional(mismatch);
  }
  const std::optional<std::string> message = WithoutLocation(expected.message, error);
  if (!message.has_value() || (!streams && !Mentions(error, *message)) ||
      !Mentions(error, expected.cause_message)) {
    return mismatch;
  }
  return std::nullopt;
}

}  // namespace fluxo::qtt
