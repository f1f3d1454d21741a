#include "runtime/state/ordered_encoding.h"

#include <cstdint>
#include <limits>

#include "runtime/core/error.h"

namespace fluxo::state {

namespace {

__extension__ using UInt128 = unsigned __int128;

constexpr uint64_t kSignBit = uint64_t{1} << 63;
constexpr int kSmallZero = 0x80;  // The one-byte encoding of 0.
constexpr Int128 kSmallMin = -64;
constexpr Int128 kSmallMax = 63;
constexpr int kPositiveBase = 0xBF;  // Header of a positive number of n bytes: 0xBF + n.
constexpr int kNegativeBase = 0x40;  // Header of a negative number of n bytes: 0x40 - n.
constexpr int kMaxBytes = 16;

// The number of bytes needed to write `magnitude` (at least 1).
int ByteLength(UInt128 magnitude) {
  int length = 1;
  while (length < kMaxBytes && (magnitude >> (8 * length)) != 0) {
    ++length;
  }
  return length;
}

void AppendLowBytes(UInt128 bits, int length, std::string& out) {
  for (int shift = 8 * (length - 1); shift >= 0; shift -= 8) {
    out.push_back(static_cast<char>(static_cast<uint8_t>(bits >> shift)));
  }
}

[[noreturn]] void ThrowTruncated() {
  throw Error(ErrorKind::kInternal, "Cannot decode state bytes: an ordered varint is truncated");
}

}  // namespace

void AppendOrderedInt64(int64_t value, std::string& out) {
  AppendBigEndian64(static_cast<uint64_t>(value) ^ kSignBit, out);
}

int64_t ReadOrderedInt64(const char* bytes) {
  return static_cast<int64_t>(ReadBigEndian64(bytes) ^ kSignBit);
}

void AppendOrderedVarint(Int128 value, std::string& out) {
  if (value >= std::numeric_limits<int64_t>::min() &&
      value <= std::numeric_limits<int64_t>::max()) {
    AppendOrderedVarint64(static_cast<int64_t>(value), out);
    return;
  }
  const auto bits = static_cast<UInt128>(value);
  if (value > 0) {
    const int length = ByteLength(bits);
    out.push_back(static_cast<char>(kPositiveBase + length));
    AppendLowBytes(bits, length, out);
  } else {
    const int length = ByteLength(~bits);
    out.push_back(static_cast<char>(kNegativeBase - length));
    AppendLowBytes(bits, length, out);
  }
}

void AppendOrderedVarint64(int64_t value, std::string& out, std::optional<char> tag) {
  // The tag, the header and up to 8 bytes, appended once.
  char buffer[2 + sizeof(uint64_t)];
  size_t size = 0;
  if (tag.has_value()) {
    buffer[size++] = *tag;
  }
  if (value >= kSmallMin && value <= kSmallMax) {
    buffer[size++] = static_cast<char>(kSmallZero + static_cast<int>(value));
    out.append(buffer, size);
    return;
  }
  const auto bits = static_cast<uint64_t>(value);
  const uint64_t magnitude = value > 0 ? bits : ~bits;  // Nonzero: |value| > 63 here.
  const int length = (64 - __builtin_clzll(magnitude) + 7) / 8;
  buffer[size++] = static_cast<char>(value > 0 ? kPositiveBase + length : kNegativeBase - length);
  for (int i = 0; i < length; ++i) {
    buffer[size++] = static_cast<char>(static_cast<uint8_t>(bits >> (8 * (length - 1 - i))));
  }
  out.append(buffer, size);
}

Int128 ReadOrderedVarint(std::string_view& bytes) {
  if (bytes.empty()) {
    ThrowTruncated();
  }
  const int header = static_cast<uint8_t>(bytes.front());
  bytes.remove_prefix(1);
  if (header >= kNegativeBase && header <= kPositiveBase) {
    return header - kSmallZero;
  }
  const bool positive = header > kPositiveBase;
  const int length = positive ? header - kPositiveBase : kNegativeBase - header;
  if (length > kMaxBytes || length < 1) {
    throw Error(
        ErrorKind::kInternal,
        "Cannot decode state bytes: not an ordered varint header: " + std::to_string(header));
  }
  if (bytes.size() < static_cast<size_t>(length)) {
    ThrowTruncated();
  }
  // A negative number starts from all ones so that the bytes above the written ones stay set.
  UInt128 bits = positive ? 0 : ~UInt128{0};
  for (int i = 0; i < length; ++i) {
    bits = (bits << 8) | static_cast<uint8_t>(bytes[i]);
  }
  bytes.remove_prefix(length);
  return static_cast<Int128>(bits);
}

void AppendBigEndian32(uint32_t value, std::string& out) {
  const char bytes[4] = {static_cast<char>(value >> 24),
                         static_cast<char>(value >> 16),
                         static_cast<char>(value >> 8),
                         static_cast<char>(value)};
  out.append(bytes, sizeof(bytes));
}

uint32_t ReadBigEndian32(const char* bytes) {
  uint32_t value = 0;
  for (int i = 0; i < 4; ++i) {
    value = (value << 8) | static_cast<uint8_t>(bytes[i]);
  }
  return value;
}

void AppendBigEndian64(uint64_t value, std::string& out) {
  char bytes[8];
  for (int i = 7; i >= 0; --i) {
    bytes[i] = static_cast<char>(static_cast<uint8_t>(value));
    value >>= 8;
  }
  out.append(bytes, sizeof(bytes));
}

uint64_t ReadBigEndian64(const char* bytes) {
  uint64_t value = 0;
  for (int i = 0; i < 8; ++i) {
    value = (value << 8) | static_cast<uint8_t>(bytes[i]);
  }
  return value;
}

}  // namespace fluxo::state
