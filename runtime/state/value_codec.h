#pragma once

#include <string>
#include <string_view>

#include "runtime/core/value.h"

namespace fluxo::state {

/// The binary form of Values in state stores (keys and values; aggregate states are Values
/// too). Self-describing (no schema needed to decode), canonical (equal Values give equal
/// bytes) and order-preserving: for two Values of the same storage kind, unsigned byte order
/// is value order, so encoded keys scan in key order.
///
/// Each value starts with a tag byte; the tag order is the order between storage kinds:
///   01 NULL
///   02 FALSE, 03 TRUE
///   04 INT32    then an ordered varint (ordered_encoding.h)
///   05 INT64    then an ordered varint
///   06 DOUBLE   then 8 bytes: the IEEE bits, big-endian, with the sign bit flipped for
///               positive numbers and all bits flipped for negative ones; -0.0 is written as
///               0.0 and every NaN as the quiet NaN 7FF8..0 (sorting after +infinity)
///   07 DECIMAL  then the unscaled value and the scale as ordered varints (ordered by value
///               when the scales are equal, as they are within one DECIMAL column)
///   08 BYTES    then the bytes with each 00 written as 00 FF, then the terminator 00 01
///   09 LIST     then the elements, then 00 (shorter lists sort first)
///   0A PAIRS    then key, value, key, value, ... in insertion order, then 00
/// A ValueList is its elements' encodings back to back with nothing around them, so the
/// encoding of the first n columns of a key is a byte prefix of the whole key's encoding.

/// Appends the encoding of `value` to `out`.
void EncodeValue(const Value& value, std::string& out);

/// Appends the encoding of each element of `values` to `out`.
void EncodeValueList(const ValueList& values, std::string& out);

/// Returns the encoding of `value` as a new string.
std::string EncodeValueToString(const Value& value);

/// Decodes one value that must span all of `bytes`. Throws fluxo::Error (kInternal) for
/// malformed bytes, including trailing ones.
Value DecodeValue(std::string_view bytes);

/// Decodes the value at the front of `bytes` and drops its bytes from the view.
Value DecodeNextValue(std::string_view& bytes);

/// Decodes the values of an encoded ValueList (all of `bytes`).
ValueList DecodeValueList(std::string_view bytes);

}  // namespace fluxo::state
