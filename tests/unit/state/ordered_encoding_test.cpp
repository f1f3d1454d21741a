#include "runtime/state/ordered_encoding.h"

#include <limits>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "runtime/core/error.h"

namespace fluxo::state {
namespace {

std::string FixedBytes(int64_t value) {
  std::string out;
  AppendOrderedInt64(value, out);
  return out;
}

std::string VarintBytes(Int128 value) {
  std::string out;
  AppendOrderedVarint(value, out);
  return out;
}

TEST_CASE("ordered encoding: fixed int64 bytes") {
  CHECK(FixedBytes(0) == std::string("\x80\0\0\0\0\0\0\0", 8));
  CHECK(FixedBytes(-1) == std::string("\x7F\xFF\xFF\xFF\xFF\xFF\xFF\xFF", 8));
  CHECK(FixedBytes(std::numeric_limits<int64_t>::min()) == std::string(8, '\0'));
  CHECK(FixedBytes(std::numeric_limits<int64_t>::max()) == std::string(8, '\xFF'));
  CHECK(FixedBytes(258) == std::string("\x80\0\0\0\0\0\x01\x02", 8));
  for (const int64_t value : {std::numeric_limits<int64_t>::min(),
                              int64_t{-258},
                              int64_t{0},
                              int64_t{1} << 40,
                              std::numeric_limits<int64_t>::max()}) {
    CHECK(ReadOrderedInt64(FixedBytes(value).data()) == value);
  }
  CHECK(FixedBytes(-2) < FixedBytes(-1));
  CHECK(FixedBytes(-1) < FixedBytes(0));
  CHECK(FixedBytes(255) < FixedBytes(256));
}

TEST_CASE("ordered encoding: varint lengths and round trips") {
  const Int128 max128 = ~(static_cast<Int128>(1) << 127);
  const Int128 min128 = -max128 - 1;
  CHECK(VarintBytes(0).size() == 1);
  CHECK(VarintBytes(63).size() == 1);
  CHECK(VarintBytes(-64).size() == 1);
  CHECK(VarintBytes(255).size() == 2);
  CHECK(VarintBytes(256).size() == 3);
  CHECK(VarintBytes(-256).size() == 2);
  CHECK(VarintBytes(-257).size() == 3);
  CHECK(VarintBytes(max128).size() == 17);
  CHECK(VarintBytes(min128).size() == 17);
  CHECK(static_cast<uint8_t>(VarintBytes(max128)[0]) == 0xCF);
  CHECK(static_cast<uint8_t>(VarintBytes(min128)[0]) == 0x30);
  // Exact bytes: the header (0xBF + n for a positive number of n bytes, 0x40 - n for a
  // negative one), then the two's complement's low n bytes, big-endian.
  CHECK(VarintBytes(64) == std::string("\xC0\x40", 2));
  CHECK(VarintBytes(258) == std::string("\xC1\x01\x02", 3));
  CHECK(VarintBytes(-65) == std::string("\x3F\xBF", 2));
  CHECK(VarintBytes(-257) == std::string("\x3E\xFE\xFF", 3));
  CHECK(VarintBytes(std::numeric_limits<int64_t>::max()) ==
        std::string("\xC7\x7F\xFF\xFF\xFF\xFF\xFF\xFF\xFF", 9));
  CHECK(VarintBytes(std::numeric_limits<int64_t>::min()) ==
        std::string("\x38\x80\x00\x00\x00\x00\x00\x00\x00", 9));

  const std::vector<Int128> sorted = {min128,
                                      min128 + 1,
                                      -(static_cast<Int128>(1) << 64),
                                      static_cast<Int128>(std::numeric_limits<int64_t>::min()) - 1,
                                      std::numeric_limits<int64_t>::min(),
                                      std::numeric_limits<int64_t>::min() + 1,
                                      -(static_cast<Int128>(1) << 32),
                                      -65536,
                                      -257,
                                      -256,
                                      -65,
                                      -64,
                                      -1,
                                      0,
                                      1,
                                      63,
                                      64,
                                      255,
                                      256,
                                      65535,
                                      static_cast<Int128>(1) << 32,
                                      std::numeric_limits<int64_t>::max(),
                                      static_cast<Int128>(std::numeric_limits<int64_t>::max()) + 1,
                                      static_cast<Int128>(1) << 64,
                                      max128 - 1,
                                      max128};
  for (size_t i = 0; i < sorted.size(); ++i) {
    const std::string bytes = VarintBytes(sorted[i]);
    std::string_view view = bytes;
    CHECK(ReadOrderedVarint(view) == sorted[i]);
    CHECK(view.empty());
    if (i > 0) {
      CHECK(VarintBytes(sorted[i - 1]) < bytes);
    }
  }
}

TEST_CASE("ordered encoding: varint reading stops after the number") {
  std::string bytes = VarintBytes(1000);
  bytes += "rest";
  std::string_view view = bytes;
  CHECK(ReadOrderedVarint(view) == 1000);
  CHECK(view == "rest");
}

TEST_CASE("ordered encoding: malformed varints are errors") {
  std::string_view empty;
  CHECK_THROWS_AS(ReadOrderedVarint(empty), Error);
  std::string_view truncated("\xC1\x01", 2);  // Says two bytes, has one.
  CHECK_THROWS_AS(ReadOrderedVarint(truncated), Error);
  std::string_view too_long("\x2F", 1);  // 17 bytes: no such header.
  CHECK_THROWS_AS(ReadOrderedVarint(too_long), Error);
}

TEST_CASE("ordered encoding: big-endian integers") {
  std::string out;
  AppendBigEndian32(0x01020304, out);
  AppendBigEndian64(0x0A0B0C0D0E0F1011, out);
  CHECK(out == "\x01\x02\x03\x04\x0A\x0B\x0C\x0D\x0E\x0F\x10\x11");
  CHECK(ReadBigEndian32(out.data()) == 0x01020304);
  CHECK(ReadBigEndian64(out.data() + 4) == 0x0A0B0C0D0E0F1011);
}

}  // namespace
}  // namespace fluxo::state
