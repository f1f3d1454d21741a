#pragma once

#include <string_view>

#include "runtime/core/error.h"

namespace fluxo::cli::shell {

/// Turns an error response of `fluxo server` back into the fluxo::Error the shell renders.
/// The body is ksqlDB's error entity (cli/server/rest_error.h): `{"@type":"statement_error",
/// "error_code":40001,"message":"line 1:15: ...","line":1,"column":15,...}`. When it has
/// `line` and `column` (1-based, counted in the statement the request sent), the error gets that
/// position, so that FormatError can draw its caret under the statement, and the message loses
/// its `line L:C: ` prefix (Error::what() puts it back). The kind is kIo for 5xx answers and
/// kExecution otherwise (the shell renders every kind alike); a body that is not JSON becomes
/// the message as it is, after the status.
Error ReadRestError(int status, std::string_view body);

}  // namespace fluxo::cli::shell
