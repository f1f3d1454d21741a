#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "runtime/core/value.h"

namespace fluxo::serde {

/// A decimal number as Java's BigDecimal holds one, with any number of digits:
/// `digits * 10^-scale`, negated when `negative`. `digits` has no leading zeros ("0" for zero),
/// so its length is BigDecimal's precision. Used for text that may not fit a DecimalValue.
struct DecimalText {
  bool negative = false;
  std::string digits = "0";
  int64_t scale = 0;
};

/// Which grammar ParseDecimalText accepts.
enum class DecimalGrammar : uint8_t {
  kJava,  ///< `new BigDecimal(String)`: [+-] digits [. digits] [eE [+-] digits], ".5" and "5."
  kJson,  ///< a JSON number: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
};

/// Parses `text` as a decimal number in `grammar`, keeping its scale ("1.10" has scale 2, "1e3"
/// scale -3). Returns nothing when the text is not such a number. No whitespace is allowed.
std::optional<DecimalText> ParseDecimalText(std::string_view text, DecimalGrammar grammar);

/// How FitDecimal chooses the scale of its result.
enum class DecimalScale : uint8_t {
  kColumn,  ///< always the column's scale (BigDecimal.setScale(scale, UNNECESSARY))
  kOwn,     ///< the text's own scale, raised to 0 and lowered to the column's scale if needed
};

/// Checks that `decimal` fits DECIMAL(precision, scale) as ksqlDB's DecimalUtil.ensureFit does
/// and converts it. Throws fluxo::Error of kind kExecution with ksqlDB's message ("Numeric field
/// overflow: ..." or "Cannot fit decimal '1.234' into DECIMAL(4, 2) without rounding. ...").
DecimalValue FitDecimal(const DecimalText& decimal, int precision, int scale, DecimalScale rule);

/// Appends `decimal` as Java's BigDecimal.toString() writes it: plain ("1.10", "0.000001") unless
/// the scale is negative or the adjusted exponent is below -6, then scientific ("1E-7", "1E+3").
void AppendDecimalString(const DecimalText& decimal, std::string& out);

/// Appends `value` as Java's BigDecimal.toString() writes it (see above).
void AppendDecimalString(const DecimalValue& value, std::string& out);

/// The room WriteShortDecimalString needs: a sign, "0.", five zeros and 19 digits.
constexpr size_t kMaxShortDecimalString = 32;

/// Writes `value` at `out` as AppendDecimalString does and returns the end, for the common
/// values that take no 128-bit arithmetic (64-bit unscaled value, written without exponent);
/// returns nullptr, writing nothing, for the others. `out` must have kMaxShortDecimalString
/// bytes of room.
char* WriteShortDecimalString(const DecimalValue& value, char* out);

/// Appends `value` as Java's BigDecimal.toPlainString() writes it: never scientific.
void AppendPlainDecimalString(const DecimalValue& value, std::string& out);

/// Returns the digits and sign of a DecimalValue as a DecimalText.
DecimalText ToDecimalText(const DecimalValue& value);

}  // namespace fluxo::serde
