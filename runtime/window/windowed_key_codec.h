#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "runtime/core/row_batch.h"

namespace fluxo::window {

/// The bytes of a windowed Kafka record key as ksqlDB writes them (Kafka Streams'
/// TimeWindowedSerializer and SessionWindowedSerializer):
///  * TUMBLING / HOPPING: inner key bytes + 8-byte big-endian window start; the end is not on
///    the wire, a reader computes start + window size;
///  * SESSION: inner key bytes + 8-byte big-endian end + 8-byte big-endian start.
/// The inner key is serialized by the key format as for an unwindowed key.

/// A windowed key split into the inner key bytes and the window.
struct WindowedKey {
  std::string key;  ///< Inner key bytes.
  WindowBounds bounds;

  bool operator==(const WindowedKey&) const = default;
};

/// Returns `key` followed by the big-endian window start.
std::string EncodeTimeWindowedKey(std::string_view key, int64_t window_start);

/// Turns the inner key bytes in `key` into the windowed key, in place: EncodeTimeWindowedKey
/// without a new string.
void AppendTimeWindow(std::string& key, int64_t window_start);

/// Turns the inner key bytes in `key` into the session-windowed key, in place.
void AppendSessionWindow(std::string& key, const WindowBounds& session);

/// Returns `key` followed by the big-endian end and start of the session.
std::string EncodeSessionWindowedKey(std::string_view key, const WindowBounds& session);

/// Splits a TUMBLING or HOPPING windowed key; the end is start + window_size_ms, saturated to
/// INT64_MAX on overflow as Kafka Streams does. Nothing when the bytes are shorter than 8.
std::optional<WindowedKey> DecodeTimeWindowedKey(std::string_view bytes, int64_t window_size_ms);

/// Splits a SESSION windowed key. Nothing when the bytes are shorter than 16.
std::optional<WindowedKey> DecodeSessionWindowedKey(std::string_view bytes);

}  // namespace fluxo::window
