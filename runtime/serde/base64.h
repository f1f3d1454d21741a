#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace fluxo::serde {

// Base64 (RFC 4648, standard alphabet), which ksqlDB uses for BYTES in JSON and DELIMITED.

/// Appends the Base64 form of `bytes` with '=' padding, as Java's Base64.getEncoder() and
/// Jackson write it.
void AppendBase64(std::string_view bytes, std::string& out);

/// Decodes standard Base64 text; the '=' padding may be left out. Returns nothing when the text
/// holds a character outside the alphabet, padding before the end, or a dangling single
/// character (Java's decoder rejects those too).
std::optional<std::string> DecodeBase64(std::string_view text);

}  // namespace fluxo::serde
