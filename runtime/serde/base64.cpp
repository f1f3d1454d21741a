#include "runtime/serde/base64.h"

#include <array>
#include <cstdint>

namespace fluxo::serde {

namespace {

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

constexpr std::array<int8_t, 256> MakeDecodeTable() {
  std::array<int8_t, 256> table{};
  for (auto& entry : table) {
    entry = -1;
  }
  for (size_t i = 0; i < kAlphabet.size(); ++i) {
    table[static_cast<unsigned char>(kAlphabet[i])] = static_cast<int8_t>(i);
  }
  return table;
}

constexpr std::array<int8_t, 256> kDecodeTable = MakeDecodeTable();

}  // namespace

void AppendBase64(std::string_view bytes, std::string& out) {
  out.reserve(out.size() + (bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const uint32_t group = static_cast<uint32_t>(static_cast<unsigned char>(bytes[i])) << 16 |
                           static_cast<uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8 |
                           static_cast<unsigned char>(bytes[i + 2]);
    out.push_back(kAlphabet[group >> 18]);
    out.push_back(kAlphabet[(group >> 12) & 63]);
    out.push_back(kAlphabet[(group >> 6) & 63]);
    out.push_back(kAlphabet[group & 63]);
  }
  const size_t remaining = bytes.size() - i;
  if (remaining == 0) {
    return;
  }
  uint32_t group = static_cast<uint32_t>(static_cast<unsigned char>(bytes[i])) << 16;
  if (remaining == 2) {
    group |= static_cast<uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8;
  }
  out.push_back(kAlphabet[group >> 18]);
  out.push_back(kAlphabet[(group >> 12) & 63]);
  out.push_back(remaining == 2 ? kAlphabet[(group >> 6) & 63] : '=');
  out.push_back('=');
}

std::optional<std::string> DecodeBase64(std::string_view text) {
  // Padding is optional, but when present it must complete the last group of four.
  size_t length = text.size();
  size_t padding = 0;
  while (length > 0 && text[length - 1] == '=' && padding < 2) {
    --length;
    ++padding;
  }
  if (padding > 0 && (length + padding) % 4 != 0) {
    return std::nullopt;
  }
  if (length % 4 == 1) {
    return std::nullopt;
  }
  std::string bytes;
  bytes.reserve(length / 4 * 3 + 2);
  uint32_t group = 0;
  int bits = 0;
  for (size_t i = 0; i < length; ++i) {
    const int8_t sextet = kDecodeTable[static_cast<unsigned char>(text[i])];
    if (sextet < 0) {
      return std::nullopt;
    }
    group = group << 6 | static_cast<uint32_t>(sextet);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push_back(static_cast<char>((group >> bits) & 0xFF));
    }
  }
  return bytes;
}

}  // namespace fluxo::serde
