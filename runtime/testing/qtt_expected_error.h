#pragma once

#include <optional>
#include <string>

#include "runtime/core/error.h"
#include "runtime/testing/qtt_case.h"

/// How a negative case's `expectedException` (FORMAT.md §8) maps onto Fluxo's errors. Upstream
/// names Java classes; Fluxo has one error type with a kind, so the class becomes a category:
///
/// | expected type            | accepted                                                  |
/// |--------------------------|-----------------------------------------------------------|
/// | ParseFailedException     | a kSyntax error from the statements                       |
/// | KsqlStatementException   | any non-internal error from the statements                |
/// | KsqlException            | any non-internal error (statements or records)            |
/// | StreamsException         | an error while queries process records                    |
/// | anything else, or none   | any non-internal error                                    |
///
/// `message` and `causeMessage` must be substrings of the error's message (or its detail), as
/// upstream checks them, with two exceptions for text that is an artefact of upstream's
/// libraries rather than ksqlDB's own wording: for ParseFailedException the message is ANTLR's
/// ("Syntax Error\nmissing ')' at ','"), while Fluxo words its syntax errors itself, so only the
/// position (`line L:C`, when the message has one) must match the error's span; for
/// StreamsException the message is Kafka Streams' wrapper ("Exception caught in process"), so
/// only `causeMessage` is checked. A message starting with ksqlDB's location prefix
/// ("Line: 2, Col: 13: ...") needs the error's span at that line and column and the rest of
/// the message. kInternal errors are bugs and never satisfy a case.
namespace fluxo::qtt {

/// Returns true when `java_type` is thrown while statements execute: KsqlStatementException
/// and ParseFailedException.
bool IsStatementErrorType(const std::string& java_type);

/// Returns the expectation as text: `KsqlStatementException "Unknown column X"`.
std::string DescribeExpectedError(const QttExpectedException& expected);

/// Returns nothing when `error` satisfies `expected`, else why not. `from_statements` says
/// whether the error came from executing the statements (true) or from running the queries.
std::optional<std::string> MatchExpectedError(const QttExpectedException& expected,
                                              const Error& error,
                                              bool from_statements);

}  // namespace fluxo::qtt
