#include "runtime/state/value_codec.h"

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "runtime/core/error.h"
#include "runtime/state/ordered_encoding.h"

namespace fluxo::state {
namespace {

// Builds a byte string from a list of byte values, so expected encodings read as hex.
std::string Bytes(std::initializer_list<int> bytes) {
  std::string out;
  for (const int byte : bytes) {
    out.push_back(static_cast<char>(byte));
  }
  return out;
}

Value Decimal(Int128 unscaled, int32_t scale) {
  return Value::Decimal({unscaled, scale});
}

TEST_CASE("value codec: the bytes of each kind") {
  CHECK(EncodeValueToString(Value::Null()) == Bytes({0x01}));
  CHECK(EncodeValueToString(Value::Boolean(false)) == Bytes({0x02}));
  CHECK(EncodeValueToString(Value::Boolean(true)) == Bytes({0x03}));

  // Small integers take one byte: 0x80 + v for -64..63.
  CHECK(EncodeValueToString(Value::Int32(0)) == Bytes({0x04, 0x80}));
  CHECK(EncodeValueToString(Value::Int32(-1)) == Bytes({0x04, 0x7F}));
  CHECK(EncodeValueToString(Value::Int32(63)) == Bytes({0x04, 0xBF}));
  CHECK(EncodeValueToString(Value::Int32(-64)) == Bytes({0x04, 0x40}));
  // Larger ones: a header giving sign and length, then big-endian bytes.
  CHECK(EncodeValueToString(Value::Int32(64)) == Bytes({0x04, 0xC0, 0x40}));
  CHECK(EncodeValueToString(Value::Int32(300)) == Bytes({0x04, 0xC1, 0x01, 0x2C}));
  CHECK(EncodeValueToString(Value::Int32(-65)) == Bytes({0x04, 0x3F, 0xBF}));
  CHECK(EncodeValueToString(Value::Int32(-257)) == Bytes({0x04, 0x3E, 0xFE, 0xFF}));
  CHECK(EncodeValueToString(Value::Int32(std::numeric_limits<int32_t>::max())) ==
        Bytes({0x04, 0xC3, 0x7F, 0xFF, 0xFF, 0xFF}));
  CHECK(EncodeValueToString(Value::Int32(std::numeric_limits<int32_t>::min())) ==
        Bytes({0x04, 0x3C, 0x80, 0x00, 0x00, 0x00}));
  CHECK(EncodeValueToString(Value::Int64(1)) == Bytes({0x05, 0x81}));
  CHECK(EncodeValueToString(Value::Int64(std::numeric_limits<int64_t>::min())) ==
        Bytes({0x05, 0x38, 0x80, 0, 0, 0, 0, 0, 0, 0}));

  // Doubles: IEEE bits with the sign bit flipped (positive) or all bits flipped (negative).
  CHECK(EncodeValueToString(Value::Double(1.0)) == Bytes({0x06, 0xBF, 0xF0, 0, 0, 0, 0, 0, 0}));
  CHECK(EncodeValueToString(Value::Double(-1.0)) ==
        Bytes({0x06, 0x40, 0x0F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF}));
  CHECK(EncodeValueToString(Value::Double(0.0)) == Bytes({0x06, 0x80, 0, 0, 0, 0, 0, 0, 0}));
  CHECK(EncodeValueToString(Value::Double(-0.0)) == Bytes({0x06, 0x80, 0, 0, 0, 0, 0, 0, 0}));
  CHECK(EncodeValueToString(Value::Double(std::nan(""))) ==
        Bytes({0x06, 0xFF, 0xF8, 0, 0, 0, 0, 0, 0}));

  // 12.34 as DECIMAL: unscaled 1234 (0x04D2), scale 2.
  CHECK(EncodeValueToString(Decimal(1234, 2)) == Bytes({0x07, 0xC1, 0x04, 0xD2, 0x82}));

  CHECK(EncodeValueToString(Value::String("")) == Bytes({0x08, 0x00, 0x01}));
  CHECK(EncodeValueToString(Value::String("ab")) == Bytes({0x08, 'a', 'b', 0x00, 0x01}));
  CHECK(EncodeValueToString(Value::String(std::string("a\0b", 3))) ==
        Bytes({0x08, 'a', 0x00, 0xFF, 'b', 0x00, 0x01}));

  CHECK(EncodeValueToString(Value::List({})) == Bytes({0x09, 0x00}));
  CHECK(EncodeValueToString(Value::List({Value::Int32(1), Value::Null()})) ==
        Bytes({0x09, 0x04, 0x81, 0x01, 0x00}));
  CHECK(EncodeValueToString(Value::List({Value::List({})})) == Bytes({0x09, 0x09, 0x00, 0x00}));
  CHECK(EncodeValueToString(Value::Pairs({{Value::String("k"), Value::Boolean(true)}})) ==
        Bytes({0x0A, 0x08, 'k', 0x00, 0x01, 0x03, 0x00}));

  std::string list;
  EncodeValueList({Value::Int64(1), Value::String("x")}, list);
  CHECK(list == Bytes({0x05, 0x81, 0x08, 'x', 0x00, 0x01}));
}

TEST_CASE("value codec: encoding appends to the output") {
  std::string out = "prefix";
  EncodeValue(Value::Boolean(true), out);
  CHECK(out == "prefix" + Bytes({0x03}));
}

TEST_CASE("value codec: integers are a tag and the ordered varint of ordered_encoding.h") {
  std::vector<int64_t> values = {0,
                                 1,
                                 -1,
                                 63,
                                 64,
                                 -64,
                                 -65,
                                 255,
                                 256,
                                 -256,
                                 -257,
                                 std::numeric_limits<int64_t>::max(),
                                 std::numeric_limits<int64_t>::min()};
  for (int shift = 0; shift < 63; ++shift) {
    const int64_t power = int64_t{1} << shift;
    values.insert(values.end(), {power - 1, power, power + 1, -power - 1, -power, -power + 1});
  }
  for (const int64_t value : values) {
    CAPTURE(value);
    std::string varint;
    AppendOrderedVarint(value, varint);
    CHECK(EncodeValueToString(Value::Int64(value)) == Bytes({0x05}) + varint);
    if (value >= INT32_MIN && value <= INT32_MAX) {
      CHECK(EncodeValueToString(Value::Int32(static_cast<int32_t>(value))) ==
            Bytes({0x04}) + varint);
    }
  }
}

TEST_CASE("value codec: every kind round-trips") {
  const Int128 max128 = ~(static_cast<Int128>(1) << 127);
  const std::vector<Value> values = {
      Value::Null(),
      Value::Boolean(false),
      Value::Boolean(true),
      Value::Int32(0),
      Value::Int32(-64),
      Value::Int32(64),
      Value::Int32(std::numeric_limits<int32_t>::min()),
      Value::Int32(std::numeric_limits<int32_t>::max()),
      Value::Int64(std::numeric_limits<int64_t>::min()),
      Value::Int64(std::numeric_limits<int64_t>::max()),
      Value::Int64(-1234567890123),
      Value::Double(3.25),
      Value::Double(-1e300),
      Value::Double(std::numeric_limits<double>::denorm_min()),
      Value::Double(std::numeric_limits<double>::infinity()),
      Value::Double(-std::numeric_limits<double>::infinity()),
      Decimal(0, 0),
      Decimal(-5, 3),
      Decimal(max128, 38),
      Decimal(-max128 - 1, 0),
      Value::String(""),
      Value::String(std::string("\0\0\xFF\x01", 4)),
      Value::String(std::string(1000, 'x')),
      Value::List({Value::Int32(1), Value::String("two"), Value::Null()}),
      Value::List({Value::List({}), Value::List({Value::List({Value::Double(0.5)})})}),
      Value::Pairs({}),
      Value::Pairs({{Value::String("b"), Value::Int64(2)}, {Value::String("a"), Value::Null()}}),
      Value::List(
          {Value::Pairs({{Value::Int32(1), Value::List({Value::Boolean(true)})}}), Decimal(99, 1)}),
  };
  for (const Value& value : values) {
    CAPTURE(value.DebugString());
    const std::string bytes = EncodeValueToString(value);
    const Value decoded = DecodeValue(bytes);
    CHECK(decoded == value);
    CHECK(decoded.storage() == value.storage());
  }
  std::string all;
  EncodeValueList(values, all);
  CHECK(DecodeValueList(all) == values);
}

TEST_CASE("value codec: NaN and negative zero") {
  CHECK(std::isnan(DecodeValue(EncodeValueToString(Value::Double(-std::nan("")))).AsDouble()));
  const double zero = DecodeValue(EncodeValueToString(Value::Double(-0.0))).AsDouble();
  CHECK(zero == 0.0);
  CHECK_FALSE(std::signbit(zero));
}

TEST_CASE("value codec: equal values give equal bytes") {
  const Value built_once =
      Value::List({Value::String("a"), Value::Pairs({{Value::Int32(1), Value::Null()}})});
  const Value built_again =
      Value::List({Value::String("a"), Value::Pairs({{Value::Int32(1), Value::Null()}})});
  CHECK(EncodeValueToString(built_once) == EncodeValueToString(built_again));
  CHECK(EncodeValueToString(Value::Double(0.0)) == EncodeValueToString(Value::Double(-0.0)));
  // Different storage kinds of the same number are different Values, with different bytes.
  CHECK(EncodeValueToString(Value::Int32(1)) != EncodeValueToString(Value::Int64(1)));
  CHECK(EncodeValueToString(Decimal(10, 1)) != EncodeValueToString(Decimal(1, 0)));
}

// Checks that the encodings of `sorted` (in increasing order) increase strictly.
void CheckOrderPreserved(const std::vector<Value>& sorted) {
  for (size_t i = 1; i < sorted.size(); ++i) {
    CAPTURE(sorted[i - 1].DebugString());
    CAPTURE(sorted[i].DebugString());
    CHECK(EncodeValueToString(sorted[i - 1]) < EncodeValueToString(sorted[i]));
  }
}

TEST_CASE("value codec: byte order is value order within a kind") {
  std::vector<Value> integers;
  for (const int64_t number : {std::numeric_limits<int64_t>::min(),
                               int64_t{-4294967296},
                               int64_t{-65536},
                               int64_t{-257},
                               int64_t{-256},
                               int64_t{-65},
                               int64_t{-64},
                               int64_t{-1},
                               int64_t{0},
                               int64_t{1},
                               int64_t{63},
                               int64_t{64},
                               int64_t{255},
                               int64_t{256},
                               int64_t{65536},
                               std::numeric_limits<int64_t>::max()}) {
    integers.push_back(Value::Int64(number));
  }
  CheckOrderPreserved(integers);

  const double infinity = std::numeric_limits<double>::infinity();
  std::vector<Value> doubles;
  for (const double number : {-infinity,
                              -1e300,
                              -1.0,
                              -std::numeric_limits<double>::denorm_min(),
                              0.0,
                              std::numeric_limits<double>::denorm_min(),
                              1.0,
                              1.5,
                              1e300,
                              infinity,
                              std::nan("")}) {
    doubles.push_back(Value::Double(number));
  }
  CheckOrderPreserved(doubles);

  CheckOrderPreserved({Decimal(-1000, 2),
                       Decimal(-1, 2),
                       Decimal(0, 2),
                       Decimal(5, 2),
                       Decimal(static_cast<Int128>(1) << 100, 2)});

  std::vector<Value> strings;
  for (const std::string& text : {std::string(),
                                  std::string("\0", 1),
                                  std::string("\0\0", 2),
                                  std::string("\x01"),
                                  std::string("a"),
                                  std::string("a\0", 2),
                                  std::string("ab"),
                                  std::string("b"),
                                  std::string("\xFF")}) {
    strings.push_back(Value::String(text));
  }
  CheckOrderPreserved(strings);

  CheckOrderPreserved({Value::List({}),
                       Value::List({Value::Null()}),
                       Value::List({Value::Int32(1)}),
                       Value::List({Value::Int32(1), Value::Int32(2)}),
                       Value::List({Value::Int32(2)})});

  // Between kinds: the tag order, NULL first.
  CheckOrderPreserved({Value::Null(),
                       Value::Boolean(false),
                       Value::Boolean(true),
                       Value::Int32(0),
                       Value::Int64(0),
                       Value::Double(0),
                       Decimal(0, 0),
                       Value::String(""),
                       Value::List({}),
                       Value::Pairs({})});
}

TEST_CASE("value codec: a key's leading columns encode to a prefix of the whole key") {
  std::string leading;
  EncodeValueList({Value::String("user"), Value::Int32(7)}, leading);
  std::string whole;
  EncodeValueList({Value::String("user"), Value::Int32(7), Value::Double(1.5)}, whole);
  CHECK(whole.compare(0, leading.size(), leading) == 0);
  std::string other;
  EncodeValueList({Value::String("users"), Value::Int32(7)}, other);
  CHECK(other.compare(0, leading.size(), leading) != 0);
}

TEST_CASE("value codec: the decoder consumes one value at a time") {
  std::string bytes;
  EncodeValueList({Value::Int64(5), Value::String("x")}, bytes);
  std::string_view rest = bytes;
  CHECK(DecodeNextValue(rest) == Value::Int64(5));
  CHECK(DecodeNextValue(rest) == Value::String("x"));
  CHECK(rest.empty());
}

TEST_CASE("value codec: malformed bytes are errors") {
  CHECK_THROWS_AS(DecodeValue(""), Error);
  CHECK_THROWS_AS(DecodeValue(Bytes({0x0B})), Error);                       // Unknown tag.
  CHECK_THROWS_AS(DecodeValue(Bytes({0x00})), Error);                       // End marker alone.
  CHECK_THROWS_AS(DecodeValue(Bytes({0x01, 0x01})), Error);                 // Trailing bytes.
  CHECK_THROWS_AS(DecodeValue(Bytes({0x04})), Error);                       // No integer.
  CHECK_THROWS_AS(DecodeValue(Bytes({0x04, 0xC3, 0x7F})), Error);           // Truncated integer.
  CHECK_THROWS_AS(DecodeValue(Bytes({0x04, 0xC3, 0x80, 0, 0, 0})), Error);  // Beyond INT32.
  CHECK_THROWS_AS(DecodeValue(Bytes({0x04, 0xD0})), Error);                 // Not a header.
  CHECK_THROWS_AS(DecodeValue(Bytes({0x06, 0x80, 0})), Error);              // Truncated double.
  CHECK_THROWS_AS(DecodeValue(Bytes({0x08, 'a'})), Error);                  // No terminator.
  CHECK_THROWS_AS(DecodeValue(Bytes({0x08, 'a', 0x00})), Error);            // Half a terminator.
  CHECK_THROWS_AS(DecodeValue(Bytes({0x08, 0x00, 0x02})), Error);           // Bad escape.
  CHECK_THROWS_AS(DecodeValue(Bytes({0x09, 0x01})), Error);                 // No end marker.
  CHECK_THROWS_AS(DecodeValue(Bytes({0x0A, 0x01, 0x00})), Error);           // Key without value.
  CHECK_THROWS_AS(DecodeValue(std::string(10000, '\x09')), Error);          // Too deep.
}

}  // namespace
}  // namespace fluxo::state
