#include "runtime/serde/utf8_repair.h"

#include <cstdint>

namespace fluxo::serde {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

/// Returns how many bytes of the sequence at `position` form one well-formed character, or,
/// when they do not, minus the length of the maximal ill-formed subpart to replace.
int SequenceLength(std::string_view bytes, size_t position) {
  const auto lead = static_cast<uint8_t>(bytes[position]);
  if (lead < 0x80) {
    return 1;
  }
  int length = 0;
  uint8_t second_low = 0x80;
  uint8_t second_high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    second_low = lead == 0xE0 ? 0xA0 : 0x80;
    second_high = lead == 0xED ? 0x9F : 0xBF;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    second_low = lead == 0xF0 ? 0x90 : 0x80;
    second_high = lead == 0xF4 ? 0x8F : 0xBF;
  } else {
    return -1;
  }
  for (int i = 1; i < length; ++i) {
    if (position + static_cast<size_t>(i) >= bytes.size()) {
      return -i;
    }
    const auto byte = static_cast<uint8_t>(bytes[position + static_cast<size_t>(i)]);
    const uint8_t low = i == 1 ? second_low : 0x80;
    const uint8_t high = i == 1 ? second_high : 0xBF;
    if (byte < low || byte > high) {
      return -i;
    }
  }
  return length;
}

}  // namespace

std::string RepairUtf8(std::string_view bytes) {
  size_t position = 0;
  // Fast path: most text is valid, and much of it ASCII.
  while (position < bytes.size()) {
    const int length = SequenceLength(bytes, position);
    if (length < 0) {
      break;
    }
    position += static_cast<size_t>(length);
  }
  if (position == bytes.size()) {
    return std::string(bytes);
  }
  std::string repaired(bytes.substr(0, position));
  while (position < bytes.size()) {
    const int length = SequenceLength(bytes, position);
    if (length > 0) {
      repaired.append(bytes.substr(position, static_cast<size_t>(length)));
      position += static_cast<size_t>(length);
    } else {
      repaired += kReplacement;
      position += static_cast<size_t>(-length);
    }
  }
  return repaired;
}

}  // namespace fluxo::serde
