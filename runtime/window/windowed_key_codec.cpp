#include "runtime/window/windowed_key_codec.h"

#include <limits>

#include "runtime/window/saturating_time.h"

namespace fluxo::window {
namespace {

constexpr size_t kTimestampBytes = 8;

void AppendBigEndian(std::string& out, int64_t value) {
  const auto bits = static_cast<uint64_t>(value);
  char bytes[kTimestampBytes];
  for (size_t index = 0; index < kTimestampBytes; ++index) {
    bytes[index] = static_cast<char>((bits >> (56 - 8 * index)) & 0xFF);
  }
  out.append(bytes, kTimestampBytes);
}

int64_t ReadBigEndian(std::string_view bytes) {
  uint64_t bits = 0;
  for (size_t index = 0; index < kTimestampBytes; ++index) {
    bits = (bits << 8) | static_cast<uint8_t>(bytes[index]);
  }
  return static_cast<int64_t>(bits);
}

}  // namespace

std::string EncodeTimeWindowedKey(std::string_view key, int64_t window_start) {
  std::string out;
  out.reserve(key.size() + kTimestampBytes);
  out.append(key);
  AppendBigEndian(out, window_start);
  return out;
}

void AppendTimeWindow(std::string& key, int64_t window_start) {
  AppendBigEndian(key, window_start);
}

void AppendSessionWindow(std::string& key, const WindowBounds& session) {
  AppendBigEndian(key, session.end);
  AppendBigEndian(key, session.start);
}

std::string EncodeSessionWindowedKey(std::string_view key, const WindowBounds& session) {
  std::string out;
  out.reserve(key.size() + 2 * kTimestampBytes);
  out.append(key);
  AppendBigEndian(out, session.end);
  AppendBigEndian(out, session.start);
  return out;
}

std::optional<WindowedKey> DecodeTimeWindowedKey(std::string_view bytes, int64_t window_size_ms) {
  if (bytes.size() < kTimestampBytes) {
    return std::nullopt;
  }
  const size_t key_size = bytes.size() - kTimestampBytes;
  WindowedKey decoded;
  decoded.key = std::string(bytes.substr(0, key_size));
  decoded.bounds.start = ReadBigEndian(bytes.substr(key_size));
  // Kafka Streams' TimeWindowedDeserializer: an end past the int64 range becomes INT64_MAX.
  decoded.bounds.end = SaturatingAdd(decoded.bounds.start, window_size_ms);
  return decoded;
}

std::optional<WindowedKey> DecodeSessionWindowedKey(std::string_view bytes) {
  if (bytes.size() < 2 * kTimestampBytes) {
    return std::nullopt;
  }
  const size_t key_size = bytes.size() - 2 * kTimestampBytes;
  WindowedKey decoded;
  decoded.key = std::string(bytes.substr(0, key_size));
  decoded.bounds.end = ReadBigEndian(bytes.substr(key_size));
  decoded.bounds.start = ReadBigEndian(bytes.substr(key_size + kTimestampBytes));
  return decoded;
}

}  // namespace fluxo::window
