#pragma once

#include <string>
#include <string_view>

namespace fluxo::serde {

/// Returns `bytes` as valid UTF-8 the way Java's `new String(bytes, UTF_8)` reads them: every
/// maximal ill-formed subsequence (Unicode's "maximal subpart" rule, which the JDK decoder
/// follows) becomes U+FFFD. Valid input is returned unchanged. The KAFKA and DELIMITED formats
/// read STRING bytes this way; JSON rejects invalid UTF-8 instead.
std::string RepairUtf8(std::string_view bytes);

}  // namespace fluxo::serde
