#include "runtime/state/window_key_layout.h"

#include <limits>
#include <string>

#include <doctest/doctest.h>

#include "runtime/core/error.h"

namespace fluxo::state {
namespace {

// start -1, end 1, sequence 2 as their 8-byte forms (times: sign bit flipped, big-endian).
const std::string kStartMinusOne("\x7F\xFF\xFF\xFF\xFF\xFF\xFF\xFF", 8);
const std::string kEndOne("\x80\0\0\0\0\0\0\x01", 8);
const std::string kSequenceTwo("\0\0\0\0\0\0\0\x02", 8);

TEST_CASE("window key layout: time-first keys") {
  std::string stored;
  AppendTimeFirstKey({"key", -1, 1, 2}, stored);
  CHECK(stored == kStartMinusOne + "key" + kEndOne + kSequenceTwo);
  CHECK(DecodeTimeFirstKey(stored) == WindowKey{"key", -1, 1, 2});
  std::string empty_key;
  AppendTimeFirstKey({"", 5, 6, 0}, empty_key);
  CHECK(empty_key.size() == 24);
  CHECK(DecodeTimeFirstKey(empty_key) == WindowKey{"", 5, 6, 0});
  CHECK_THROWS_AS(DecodeTimeFirstKey(std::string(23, 'x')), Error);
}

TEST_CASE("window key layout: key-first keys") {
  std::string stored;
  AppendKeyFirstKey({"key", -1, 1, 2}, stored);
  CHECK(stored == std::string("\0\0\0\x03", 4) + "key" + kStartMinusOne + kEndOne + kSequenceTwo);
  CHECK(DecodeKeyFirstKey(stored) == WindowKey{"key", -1, 1, 2});
  CHECK_THROWS_AS(DecodeKeyFirstKey(stored.substr(1)), Error);
  CHECK_THROWS_AS(DecodeKeyFirstKey(stored + "x"), Error);
}

TEST_CASE("window key layout: the expiry bound splits the time-first keys by start") {
  std::string before;
  AppendTimeFirstKey({"\xFF\xFF", 99, std::numeric_limits<int64_t>::max(), UINT64_MAX}, before);
  std::string at;
  AppendTimeFirstKey({"", 100, std::numeric_limits<int64_t>::min(), 0}, at);
  CHECK(before < TimeFirstBound(100));
  CHECK_FALSE(at < TimeFirstBound(100));
}

TEST_CASE("window key layout: ranges") {
  std::string inside;
  AppendKeyFirstKey({"k", 10, 20, 7}, inside);
  std::string at_end;
  AppendKeyFirstKey({"k", 20, 20, UINT64_MAX}, at_end);
  std::string after;
  AppendKeyFirstKey({"k", 21, 21, 0}, after);
  std::string other_key;
  AppendKeyFirstKey({"kk", 15, 15, 0}, other_key);
  const KeyRange range = KeyFirstRange("k", 10, 20);
  CHECK(range.Contains(inside));
  CHECK(range.Contains(at_end));
  CHECK_FALSE(range.Contains(after));
  CHECK_FALSE(range.Contains(other_key));

  const KeyRange everything =
      TimeFirstRange(std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max());
  CHECK(everything.begin == std::string(8, '\0'));
  CHECK_FALSE(everything.end.has_value());
}

}  // namespace
}  // namespace fluxo::state
