#pragma once

#include <string>
#include <string_view>

#include "runtime/core/error.h"

namespace fluxo {

/// Renders an error for a person, the same way in every front end: the message with its
/// `line L:C:` prefix, then (when the error has a span inside `source`) the offending source
/// line and a caret under the text at fault, e.g.
///
///     line 2:26: unexpected 'SECONDZ'; expected a time unit such as SECONDS
///       2 | WINDOW TUMBLING (SIZE 30 SECONDZ)
///         |                          ^~~~~~~
///
/// Tabs are expanded to spaces, and lines longer than 100 columns are clipped around the
/// column with `...`. No trailing newline.
std::string FormatError(const Error& error, std::string_view source);

}  // namespace fluxo
