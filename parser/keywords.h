#pragma once

#include <string_view>

namespace fluxo::parser {

/// Returns true when `word` (compared case-insensitively) is a reserved keyword of the
/// grammar, i.e. one that cannot be used as an unquoted identifier (SELECT, FROM, ...).
/// Non-reserved keywords (KEY, SIZE, DATE, ...) return false.
bool IsReservedKeyword(std::string_view word);

/// Returns true when `name` can be written without back-quotes and reads back as itself: it
/// matches [A-Z_][A-Z0-9_@]* (upper case only) and is not a reserved keyword.
bool IsPlainIdentifier(std::string_view name);

}  // namespace fluxo::parser
