#include <cmath>

#include <doctest/doctest.h>

#include "tests/unit/serde/serde_test_support.h"

namespace fluxo::serde {

using testing::Col;
using testing::Read;
using testing::ReadError;
using testing::Spec;
using testing::Write;

namespace {

std::unique_ptr<RecordSerde> Kafka(SqlTypePtr type, bool is_key = true) {
  return MakeRecordSerde(Spec(FormatKind::kKafka), {Col("K", std::move(type))}, is_key);
}

std::string Bytes(std::initializer_list<unsigned char> bytes) {
  return std::string(bytes.begin(), bytes.end());
}

}  // namespace

TEST_SUITE("serde") {
  TEST_CASE("kafka: primitives in Kafka's big-endian layout") {
    const auto integer = Kafka(SqlType::Int());
    CHECK(Write(*integer, {Value::Int32(33)}) == Bytes({0, 0, 0, 0x21}));
    CHECK(Write(*integer, {Value::Int32(-2)}) == Bytes({0xff, 0xff, 0xff, 0xfe}));
    CHECK(Read(*integer, Bytes({0xff, 0xff, 0xff, 0xfe})) == ValueList{Value::Int32(-2)});

    const auto big = Kafka(SqlType::Bigint());
    const std::string big_bytes = Bytes({0x0d, 0xdc, 0xb9, 0xf1, 0xcc, 0xd7, 0x63, 0xb3});
    CHECK(Write(*big, {Value::Int64(998877665544332211)}) == big_bytes);
    CHECK(Read(*big, big_bytes) == ValueList{Value::Int64(998877665544332211)});

    const auto number = Kafka(SqlType::Double());
    const std::string double_bytes = Bytes({0x40, 0x84, 0x72, 0x91, 0x68, 0x72, 0xb0, 0x21});
    CHECK(Write(*number, {Value::Double(654.321)}) == double_bytes);
    CHECK(Read(*number, double_bytes) == ValueList{Value::Double(654.321)});
    CHECK(Write(*number, {Value::Double(3.0)}) == Bytes({0x40, 0x08, 0, 0, 0, 0, 0, 0}));
    // Java writes every NaN as the canonical one.
    CHECK(Write(*number, {Value::Double(-std::nan("7"))}) == Bytes({0x7f, 0xf8, 0, 0, 0, 0, 0, 0}));

    const auto text = Kafka(SqlType::String());
    CHECK(Write(*text, {Value::String("Hey")}) == "Hey");
    CHECK(Read(*text, "Hey") == ValueList{Value::String("Hey")});
    // key-schemas.json: an empty STRING key stays an empty string.
    CHECK(Write(*text, {Value::String("")}) == "");
    CHECK(Read(*text, "") == ValueList{Value::String("")});
    CHECK(Read(*text, "\xc3\xa9\xc3") == ValueList{Value::String("\xc3\xa9\xef\xbf\xbd")});

    const auto bytes = Kafka(SqlType::Bytes(), false);
    const std::string raw("\x00\xff\x80", 3);
    CHECK(Write(*bytes, {Value::String(raw)}) == raw);
    CHECK(Read(*bytes, raw) == ValueList{Value::String(raw)});
  }

  TEST_CASE("kafka: NULL and null bytes") {
    const auto integer = Kafka(SqlType::Int());
    CHECK_FALSE(integer->Serialize(ValueList{Value::Null()}).has_value());
    CHECK_FALSE(integer->Serialize(std::nullopt).has_value());
    CHECK_FALSE(integer->Deserialize(std::nullopt).has_value());
  }

  TEST_CASE("kafka: wrong sizes are errors") {
    CHECK(ReadError(*Kafka(SqlType::Int()), "abc") ==
          "Failed to deserialize key from KAFKA: Size of data received by IntegerDeserializer "
          "is not 4, got 3 bytes, column: `K`");
    CHECK(ReadError(*Kafka(SqlType::Bigint(), false), "") ==
          "Failed to deserialize value from KAFKA: Size of data received by LongDeserializer is "
          "not 8, got 0 bytes, column: `K`");
    CHECK(ReadError(*Kafka(SqlType::Double()), "123456789") ==
          "Failed to deserialize key from KAFKA: Size of data received by DoubleDeserializer is "
          "not 8, got 9 bytes, column: `K`");
  }

  TEST_CASE("kafka: DeserializeInto writes the one column into its slot") {
    const auto bigint = Kafka(SqlType::Bigint());
    ValueList row(3);
    CHECK(bigint->DeserializeInto(Bytes({0, 0, 0, 0, 0, 0, 1, 0}), row, {2}));
    CHECK(row == ValueList{Value(), Value(), Value::Int64(256)});
    CHECK_FALSE(bigint->DeserializeInto(std::nullopt, row, {0}));
    CHECK(row[0].IsNull());
    CHECK_THROWS_AS(bigint->DeserializeInto(std::string("abc"), row, {0}), Error);
  }

  TEST_CASE("none: no columns, no bytes") {
    for (const FormatKind kind :
         {FormatKind::kNone, FormatKind::kKafka, FormatKind::kJson, FormatKind::kDelimited}) {
      INFO(FormatName(kind));
      // NONE, and any format for a key without columns.
      const auto serde = MakeRecordSerde(Spec(kind), {}, true);
      CHECK(Read(*serde, "ignored") == ValueList{});
      CHECK_FALSE(serde->Deserialize(std::nullopt).has_value());
      CHECK_FALSE(serde->Serialize(ValueList{}).has_value());
    }
    // A JSON value without columns is an empty object.
    const auto empty = MakeRecordSerde(Spec(FormatKind::kJson), {}, false);
    CHECK(Write(*empty, {}) == "{}");
    CHECK(Read(*empty, R"({"x":1})") == ValueList{});
  }
}

}  // namespace fluxo::serde
