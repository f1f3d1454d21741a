#include "runtime/state/window_key_layout.h"

#include "runtime/core/error.h"
#include "runtime/state/ordered_encoding.h"

namespace fluxo::state {

namespace {

constexpr size_t kTimeSize = 8;
constexpr size_t kSequenceSize = 8;
constexpr size_t kLengthSize = 4;
constexpr size_t kTrailerSize = kTimeSize + kTimeSize + kSequenceSize;  // start, end, sequence
constexpr size_t kEndAndSequenceSize = kTimeSize + kSequenceSize;

[[noreturn]] void ThrowMalformed(std::string_view layout, size_t size) {
  throw Error(
      ErrorKind::kInternal,
      "Malformed " + std::string(layout) + " window key of " + std::to_string(size) + " bytes");
}

void AppendKeyPrefix(std::string_view key, std::string& out) {
  FLUXO_CHECK(key.size() <= UINT32_MAX, "window keys are shorter than 4 GiB");
  AppendBigEndian32(static_cast<uint32_t>(key.size()), out);
  out.append(key);
}

// Returns the stored keys that begin with `prefix` followed by a start in [from_ms, to_ms].
KeyRange RangeWithin(std::string prefix, int64_t from_ms, int64_t to_ms) {
  KeyRange range;
  range.begin = prefix;
  AppendOrderedInt64(from_ms, range.begin);
  std::string last = std::move(prefix);
  AppendOrderedInt64(to_ms, last);
  range.end = PrefixSuccessor(last);
  return range;
}

}  // namespace

void AppendTimeFirstKey(const WindowKey& window, std::string& out) {
  out.reserve(out.size() + window.key.size() + kTrailerSize);
  AppendOrderedInt64(window.start_ms, out);
  out.append(window.key);
  AppendOrderedInt64(window.end_ms, out);
  AppendBigEndian64(window.sequence, out);
}

WindowKey DecodeTimeFirstKey(std::string_view stored) {
  if (stored.size() < kTrailerSize) {
    ThrowMalformed("time-first", stored.size());
  }
  const char* trailer = stored.data() + stored.size() - kEndAndSequenceSize;
  WindowKey window;
  window.start_ms = ReadOrderedInt64(stored.data());
  window.key = stored.substr(kTimeSize, stored.size() - kTrailerSize);
  window.end_ms = ReadOrderedInt64(trailer);
  window.sequence = ReadBigEndian64(trailer + kTimeSize);
  return window;
}

void AppendKeyFirstKey(const WindowKey& window, std::string& out) {
  out.reserve(out.size() + kLengthSize + window.key.size() + kTrailerSize);
  AppendKeyPrefix(window.key, out);
  AppendOrderedInt64(window.start_ms, out);
  AppendOrderedInt64(window.end_ms, out);
  AppendBigEndian64(window.sequence, out);
}

WindowKey DecodeKeyFirstKey(std::string_view stored) {
  if (stored.size() < kLengthSize + kTrailerSize) {
    ThrowMalformed("key-first", stored.size());
  }
  const uint32_t key_size = ReadBigEndian32(stored.data());
  if (stored.size() != kLengthSize + key_size + kTrailerSize) {
    ThrowMalformed("key-first", stored.size());
  }
  const char* trailer = stored.data() + kLengthSize + key_size;
  WindowKey window;
  window.key = stored.substr(kLengthSize, key_size);
  window.start_ms = ReadOrderedInt64(trailer);
  window.end_ms = ReadOrderedInt64(trailer + kTimeSize);
  window.sequence = ReadBigEndian64(trailer + 2 * kTimeSize);
  return window;
}

std::string TimeFirstBound(int64_t start_ms) {
  std::string bound;
  AppendOrderedInt64(start_ms, bound);
  return bound;
}

KeyRange TimeFirstRange(int64_t from_ms, int64_t to_ms) {
  return RangeWithin(std::string(), from_ms, to_ms);
}

KeyRange KeyFirstRange(std::string_view key, int64_t from_ms, int64_t to_ms) {
  std::string prefix;
  AppendKeyPrefix(key, prefix);
  return RangeWithin(std::move(prefix), from_ms, to_ms);
}

}  // namespace fluxo::state
