#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "runtime/state/key_range.h"
#include "runtime/state/window_store.h"

namespace fluxo::state {

/// The stored keys of window stores. Both implementations use them, so entries come out of
/// either in the same order. Times are 8-byte ordered int64s (ordered_encoding.h: byte order
/// is numeric order, negative times included) and the sequence is 8 bytes big-endian.
///
/// Time-first key: the entries themselves (with their values).
///     [start 8][key bytes][end 8][sequence 8]
///   The key bytes are whatever lies between the first 8 and the last 16 bytes. The start
///   leads, so the windows starting before t are exactly the stored keys below the 8 bytes
///   of t: ExpireBefore is one range delete, and FetchAll one range scan.
///
/// Key-first key: an index for FetchKey (with empty values).
///     [key length 4, big-endian][key bytes][start 8][end 8][sequence 8]
///   The length makes [length][key bytes] a prefix of this key's entries only, and within it
///   the entries are ordered by start, end and sequence.
///
/// `WindowKey::key` of a decoded key views into the stored bytes.

/// Appends the time-first key of `window` to `out`.
void AppendTimeFirstKey(const WindowKey& window, std::string& out);

/// Splits a time-first key. Throws fluxo::Error (kInternal) when it is shorter than 24 bytes.
WindowKey DecodeTimeFirstKey(std::string_view stored);

/// Appends the key-first key of `window` to `out`.
void AppendKeyFirstKey(const WindowKey& window, std::string& out);

/// Splits a key-first key. Throws fluxo::Error (kInternal) when it is malformed.
WindowKey DecodeKeyFirstKey(std::string_view stored);

/// Returns the 8 bytes of `start_ms`: every time-first key of a window starting before
/// `start_ms` is below them, every other one is not.
std::string TimeFirstBound(int64_t start_ms);

/// Returns the time-first keys of the windows whose start lies in [from_ms, to_ms].
KeyRange TimeFirstRange(int64_t from_ms, int64_t to_ms);

/// Returns the key-first keys of the windows of `key` whose start lies in [from_ms, to_ms].
KeyRange KeyFirstRange(std::string_view key, int64_t from_ms, int64_t to_ms);

}  // namespace fluxo::state
