#pragma once

#include <optional>
#include <string_view>

namespace fluxo::expr {

/// Returns true when `text` matches the SQL LIKE `pattern`: `%` matches any run of characters
/// (also none), `_` exactly one character (one UTF-8 code point), `escape` makes the next
/// pattern character literal. Case-sensitive, as in ksqlDB. Linear in practice: a `%` is never
/// retried from an earlier position than the last one (the classic greedy wildcard match).
bool LikeMatches(std::string_view text, std::string_view pattern, std::optional<char> escape);

}  // namespace fluxo::expr
