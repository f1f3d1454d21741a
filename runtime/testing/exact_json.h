#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

/// JSON as the QTT harness needs it: numbers with a fraction or an exponent keep the text they
/// were written with, because expected decimals compare by value *and* scale ("1.10" is not
/// "1.1"; FORMAT.md §1 and §7). nlohmann's parser turns such numbers into doubles, so the
/// loader parses through SAX and stores them as a binary value tagged kExactNumberSubtype, a
/// kind of value JSON text can never produce. Integers that fit 64 bits stay JSON integers.
namespace fluxo::qtt {

/// A JSON document whose objects keep their fields in file order.
using Json = nlohmann::ordered_json;

/// The binary subtype marking a number kept as its literal text.
inline constexpr std::uint64_t kExactNumberSubtype = 0x4E;  // 'N'

/// Parses `text` keeping number literals exact. With `allow_comments`, `//` and `/* */`
/// comments are skipped (QTT case files carry them). Throws std::invalid_argument with the
/// parser's message when the text is not JSON.
Json ParseExactJson(std::string_view text, bool allow_comments = false);

/// Returns a number node holding `text` (a JSON number literal) exactly.
Json MakeExactNumber(const std::string& text);

/// Returns true for a number kept as text (fraction, exponent, or too large for 64 bits).
bool IsExactNumber(const Json& json);

/// Returns true for any number: a JSON integer, a double, or an exact number.
bool IsAnyNumber(const Json& json);

/// Returns true for a number written with a fraction or an exponent: ksqlDB reads those as
/// BigDecimal, so they compare with their scale.
bool IsDecimalLiteral(const Json& json);

/// Returns the literal text of a number node ("42", "1.10", "2.1474836489E9").
std::string NumberText(const Json& json);

/// Writes `json` as compact JSON text, exact numbers as written. Strings are escaped as JSON
/// requires; non-ASCII text is kept as UTF-8.
std::string RenderJson(const Json& json);

}  // namespace fluxo::qtt
