#include "runtime/window/windowed_key_codec.h"

#include <limits>
#include <string>

#include <doctest/doctest.h>

#include "tests/unit/window/window_bounds_printer.h"

namespace fluxo::window {
namespace {

std::string Bytes(std::initializer_list<int> values) {
  std::string bytes;
  for (int value : values) {
    bytes.push_back(static_cast<char>(value));
  }
  return bytes;
}

}  // namespace

TEST_CASE("a time-windowed key is the key followed by the big-endian start") {
  // 30000 = 0x7530.
  CHECK(EncodeTimeWindowedKey("k", 30000) == "k" + Bytes({0, 0, 0, 0, 0, 0, 0x75, 0x30}));
  CHECK(EncodeTimeWindowedKey("", 0) == Bytes({0, 0, 0, 0, 0, 0, 0, 0}));
  // 86400000 = 0x05265C00.
  CHECK(EncodeTimeWindowedKey("ab", 86400000) ==
        "ab" + Bytes({0, 0, 0, 0, 0x05, 0x26, 0x5C, 0x00}));
  CHECK(EncodeTimeWindowedKey("x", -1) ==
        "x" + Bytes({0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF}));
}

TEST_CASE("a session-windowed key is the key followed by the big-endian end and start") {
  CHECK(EncodeSessionWindowedKey("ab", WindowBounds{1, 0x0102}) ==
        "ab" + Bytes({0, 0, 0, 0, 0, 0, 0x01, 0x02}) + Bytes({0, 0, 0, 0, 0, 0, 0, 0x01}));
}

TEST_CASE("time-windowed keys decode with the end computed from the window size") {
  const auto decoded = DecodeTimeWindowedKey("k" + Bytes({0, 0, 0, 0, 0, 0, 0x75, 0x30}), 30000);
  REQUIRE(decoded.has_value());
  CHECK(decoded->key == "k");
  CHECK(decoded->bounds == WindowBounds{30000, 60000});

  const auto empty_key = DecodeTimeWindowedKey(Bytes({0, 0, 0, 0, 0, 0, 0, 2}), 5);
  REQUIRE(empty_key.has_value());
  CHECK(empty_key->key.empty());
  CHECK(empty_key->bounds == WindowBounds{2, 7});
}

TEST_CASE("session-windowed keys decode both bounds") {
  const auto decoded = DecodeSessionWindowedKey("ab" + Bytes({0, 0, 0, 0, 0, 0, 0x05, 0xDC}) +
                                                Bytes({0, 0, 0, 0, 0, 0, 0, 0}));
  REQUIRE(decoded.has_value());
  CHECK(decoded->key == "ab");
  CHECK(decoded->bounds == WindowBounds{0, 1500});
}

TEST_CASE("windowed keys round-trip, binary inner keys included") {
  const std::string key = std::string("\0\x01\xFFz", 4);
  for (int64_t start : {int64_t{0},
                        int64_t{1},
                        int64_t{-7},
                        int64_t{86400000},
                        std::numeric_limits<int64_t>::min()}) {
    const auto time = DecodeTimeWindowedKey(EncodeTimeWindowedKey(key, start), 10);
    REQUIRE(time.has_value());
    CHECK(time->key == key);
    CHECK(time->bounds.start == start);
    const WindowBounds session{start, start + 5};
    const auto decoded = DecodeSessionWindowedKey(EncodeSessionWindowedKey(key, session));
    REQUIRE(decoded.has_value());
    CHECK(*decoded == WindowedKey{key, session});
  }
}

TEST_CASE("a window end past the int64 range saturates") {
  const int64_t max = std::numeric_limits<int64_t>::max();
  const auto decoded = DecodeTimeWindowedKey(EncodeTimeWindowedKey("k", max - 5), 10);
  REQUIRE(decoded.has_value());
  CHECK(decoded->bounds == WindowBounds{max - 5, max});
}

TEST_CASE("keys too short for their window suffix do not decode") {
  CHECK_FALSE(DecodeTimeWindowedKey("", 10).has_value());
  CHECK_FALSE(DecodeTimeWindowedKey(Bytes({0, 0, 0, 0, 0, 0, 0}), 10).has_value());
  CHECK_FALSE(DecodeSessionWindowedKey(Bytes({0, 0, 0, 0, 0, 0, 0, 0})).has_value());
  CHECK_FALSE(DecodeSessionWindowedKey(std::string(15, '\0')).has_value());
  CHECK(DecodeSessionWindowedKey(std::string(16, '\0')).has_value());
}

}  // namespace fluxo::window
