#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fluxo::serde {

// JSON number tokens read as ksqlDB reads them: Jackson with USE_BIG_DECIMAL_FOR_FLOATS and
// exact big decimals, so an integer token is an IntNode, LongNode or BigIntegerNode and any
// token with a fraction or exponent a DecimalNode holding the exact text's value and scale.

/// Returns true when `token` matches JSON's number grammar.
bool IsJsonNumber(std::string_view token);

/// Returns the name of the Jackson node class `token` reads as ("IntNode", "LongNode",
/// "BigIntegerNode", "DecimalNode"), as ksqlDB's conversion errors name it. `token` must be a
/// JSON number.
const char* JsonNumberNodeName(std::string_view token);

/// Returns the node's Java longValue(): the integer part, wrapped to its low 64 bits (1.9 -> 1,
/// -1.7 -> -1, 2^64 + 5 -> 5). The low 32 bits are the node's intValue(). Nothing when `token`
/// is not a JSON number.
std::optional<int64_t> JsonNumberToLong(std::string_view token);

/// Returns the node's doubleValue(): correctly rounded, infinite when too large, and +0.0 for
/// "-0" and "-0.0" (BigDecimal has no negative zero). Nothing when not a JSON number.
std::optional<double> JsonNumberToDouble(std::string_view token);

/// Appends the node's asText(): an integer's decimal digits ("-0" -> "0"), and for a
/// DecimalNode Java's BigDecimal.toString ("1.50", "1E+5", "1E-7"). `token` must be a JSON
/// number.
void AppendJsonNumberText(std::string_view token, std::string& out);

}  // namespace fluxo::serde
