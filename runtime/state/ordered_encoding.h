#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "runtime/core/value.h"

namespace fluxo::state {

/// Byte encodings of integers whose unsigned byte order (memcmp) equals numeric order, the
/// building blocks of the value codec and of the window store layouts.
///
/// Fixed int64 (8 bytes): the two's complement bits with the sign bit flipped, big-endian, so
/// INT64_MIN is 00..00, -1 is 7F FF..FF, 0 is 80 00..00 and INT64_MAX is FF..FF.
///
/// Ordered varint (1 to 17 bytes) of a signed 128-bit integer v:
///   * -64 <= v <= 63: the single byte 0x80 + v (0x40..0xBF);
///   * v > 63: the header 0xBF + n (0xC0..0xCF), then v in n big-endian bytes, n minimal;
///   * v < -64: the header 0x40 - n (0x3F..0x30), then the low n bytes of v big-endian, n
///     minimal such that ~v fits in n bytes.
/// Longer positive numbers get larger headers and longer negative ones smaller headers, so the
/// byte order is the numeric order and every number has exactly one encoding.

/// Appends `value` as 8 order-preserving bytes.
void AppendOrderedInt64(int64_t value, std::string& out);

/// Reads 8 bytes written by AppendOrderedInt64 from `bytes` (which must hold at least 8).
int64_t ReadOrderedInt64(const char* bytes);

/// Appends `value` as an ordered varint.
void AppendOrderedVarint(Int128 value, std::string& out);

/// AppendOrderedVarint for a 64-bit value (the same bytes), after `tag` when one is given:
/// header and bytes in one append, without 128-bit arithmetic.
void AppendOrderedVarint64(int64_t value, std::string& out, std::optional<char> tag = std::nullopt);

/// Reads an ordered varint from the front of `bytes` and drops it from the view. Throws
/// fluxo::Error (kInternal) when the bytes end early or the header is not a varint header.
Int128 ReadOrderedVarint(std::string_view& bytes);

/// Appends `value` as 4 big-endian bytes.
void AppendBigEndian32(uint32_t value, std::string& out);

/// Reads 4 big-endian bytes from `bytes` (which must hold at least 4).
uint32_t ReadBigEndian32(const char* bytes);

/// Appends `value` as 8 big-endian bytes.
void AppendBigEndian64(uint64_t value, std::string& out);

/// Reads 8 big-endian bytes from `bytes` (which must hold at least 8).
uint64_t ReadBigEndian64(const char* bytes);

}  // namespace fluxo::state
