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

std::unique_ptr<RecordSerde> Json(std::vector<Column> columns,
                                  bool is_key = false,
                                  std::optional<bool> wrap = std::nullopt) {
  return MakeRecordSerde(Spec(FormatKind::kJson, wrap), columns, is_key);
}

std::unique_ptr<RecordSerde> JsonValue(SqlTypePtr type) {
  return Json({Col("V", std::move(type))});
}

Value Dec(int64_t unscaled, int32_t scale) {
  return Value::Decimal({unscaled, scale});
}

Value Str(const char* text) {
  return Value::String(text);
}

}  // namespace

TEST_SUITE("serde") {
  TEST_CASE("json: every type round-trips, written in column order") {
    const auto serde = Json({
        Col("B", SqlType::Boolean()),
        Col("I", SqlType::Int()),
        Col("L", SqlType::Bigint()),
        Col("D", SqlType::Double()),
        Col("M", SqlType::Decimal(4, 2)),
        Col("S", SqlType::String()),
        Col("Y", SqlType::Bytes()),
        Col("T", SqlType::Timestamp()),
        Col("DT", SqlType::Date()),
        Col("TM", SqlType::Time()),
        Col("A", SqlType::Array(SqlType::Int())),
        Col("MP", SqlType::Map(SqlType::String(), SqlType::Bigint())),
        Col("ST", SqlType::Struct({{"A", SqlType::Int()}, {"b", SqlType::String()}})),
    });
    const ValueList values = {
        Value::Boolean(true),
        Value::Int32(-7),
        Value::Int64(10827272222),
        Value::Double(1.5),
        Dec(1010, 2),
        Str("x\"y"),
        Value::String(std::string("\x01\x02\x03", 3)),
        Value::Int64(1700000000123),
        Value::Int32(19000),
        Value::Int32(3600000),
        Value::List({Value::Int32(1), Value::Null(), Value::Int32(3)}),
        Value::Pairs({{Str("a"), Value::Int64(1)}, {Str("b"), Value::Null()}}),
        Value::List({Value::Int32(1), Str("z")}),
    };
    const std::string text =
        R"({"B":true,"I":-7,"L":10827272222,"D":1.5,"M":10.10,"S":"x\"y","Y":"AQID",)"
        R"("T":1700000000123,"DT":19000,"TM":3600000,"A":[1,null,3],"MP":{"a":1,"b":null},)"
        R"("ST":{"A":1,"b":"z"}})";
    CHECK(Write(*serde, values) == text);
    CHECK(Read(*serde, text) == values);
  }

  TEST_CASE("json: NULLs, missing fields and null bytes") {
    const auto serde = Json({Col("A", SqlType::Int()), Col("B", SqlType::String())});
    CHECK(Write(*serde, {Value::Null(), Value::Null()}) == R"({"A":null,"B":null})");
    CHECK(Read(*serde, R"({"A":null})") == ValueList{Value::Null(), Value::Null()});
    CHECK(Read(*serde, R"({})") == ValueList{Value::Null(), Value::Null()});
    CHECK(Read(*serde, R"({"X":[1,{"y":2}],"B":"b"})") == ValueList{Value::Null(), Str("b")});
    CHECK_FALSE(serde->Deserialize(std::nullopt).has_value());
    CHECK_FALSE(serde->Serialize(std::nullopt).has_value());
    // A `null` document is a null row, as ksqlDB reads it.
    CHECK_FALSE(serde->Deserialize(std::string("null")).has_value());
    CHECK_FALSE(serde->Deserialize(std::string(" null ")).has_value());
  }

  TEST_CASE("json: wrapping of single values and keys") {
    const std::vector<Column> one = {Col("V", SqlType::Int())};
    // A value is wrapped unless WRAP_SINGLE_VALUE=false.
    CHECK(Write(*Json(one), {Value::Int32(10)}) == R"({"V":10})");
    CHECK(Write(*Json(one, false, true), {Value::Int32(10)}) == R"({"V":10})");
    CHECK(Write(*Json(one, false, false), {Value::Int32(10)}) == "10");
    CHECK(Read(*Json(one, false, false), "10") == ValueList{Value::Int32(10)});
    // A single key column is bare, several form an object.
    CHECK(Write(*Json(one, true), {Value::Int32(33)}) == "33");
    CHECK(Read(*Json(one, true), "33") == ValueList{Value::Int32(33)});
    CHECK(Write(*Json(one, true, true), {Value::Int32(33)}) == R"({"V":33})");
    const auto two_keys = Json({Col("K1", SqlType::String()), Col("K2", SqlType::String())}, true);
    CHECK(Write(*two_keys, {Str("foo"), Str("bar")}) == R"({"K1":"foo","K2":"bar"})");
    CHECK(Write(*two_keys, {Str("foo"), Value::Null()}) == R"({"K1":"foo","K2":null})");
    // NULLs are an object of nulls; only nothing is a null key (partition-by.json "multiple
    // columns - some key some value", last record).
    CHECK(Write(*two_keys, {Value::Null(), Value::Null()}) == R"({"K1":null,"K2":null})");
    // An unwrapped NULL is written as null bytes; `null` reads as one NULL column.
    CHECK_FALSE(Json(one, true)->Serialize(ValueList{Value::Null()}).has_value());
    CHECK_FALSE(Json(one, false, false)->Serialize(ValueList{Value::Null()}).has_value());
    CHECK(Read(*Json(one, true), "null") == ValueList{Value::Null()});
    // WRAP_SINGLE_VALUE does nothing with several columns.
    const auto pair = Json({Col("A", SqlType::Int()), Col("B", SqlType::Int())}, false, false);
    CHECK(Write(*pair, {Value::Int32(1), Value::Int32(2)}) == R"({"A":1,"B":2})");
  }

  TEST_CASE("json: field names match exactly first, else upper-cased") {
    const auto serde = Json({Col("FOO", SqlType::Int()), Col("bar", SqlType::Int())});
    CHECK(Read(*serde, R"({"foo":1,"bar":2})") == ValueList{Value::Int32(1), Value::Int32(2)});
    CHECK(Read(*serde, R"({"Foo":1})") == ValueList{Value::Int32(1), Value::Null()});
    // A quoted lower-case column matches only its exact name.
    CHECK(Read(*serde, R"({"BAR":2,"Bar":3})") == ValueList{Value::Null(), Value::Null()});
    // The exact name wins wherever it is; among upper-cased matches the last one wins.
    CHECK(Read(*serde, R"({"foo":1,"FOO":2})") == ValueList{Value::Int32(2), Value::Null()});
    CHECK(Read(*serde, R"({"FOO":2,"foo":1})") == ValueList{Value::Int32(2), Value::Null()});
    CHECK(Read(*serde, R"({"foo":1,"fOo":3})") == ValueList{Value::Int32(3), Value::Null()});
    CHECK(Read(*serde, R"({"FOO":1,"FOO":4})") == ValueList{Value::Int32(4), Value::Null()});
    // Escaped names are unescaped first.
    CHECK(Read(*serde, R"({"\u0046OO":5})") == ValueList{Value::Int32(5), Value::Null()});
    // STRUCT fields follow the same rule (json.json "STRUCT - key").
    const auto key = Json({Col("K", SqlType::Struct({{"F", SqlType::Double()}}))}, true);
    const ValueList struct_key = Read(*key, R"({"f": 45.67})");
    CHECK(struct_key == ValueList{Value::List({Value::Double(45.67)})});
    CHECK(Write(*key, struct_key) == R"({"F":45.67})");
  }

  TEST_CASE("json: scalars coerce as ksqlDB's deserializer does") {
    CHECK(Read(*JsonValue(SqlType::Int()), R"({"V":"123"})") == ValueList{Value::Int32(123)});
    CHECK(Read(*JsonValue(SqlType::Int()), R"({"V":-1.7})") == ValueList{Value::Int32(-1)});
    CHECK(Read(*JsonValue(SqlType::Int()), R"({"V":1e2})") == ValueList{Value::Int32(100)});
    // Java's intValue() keeps the low 32 bits.
    CHECK(Read(*JsonValue(SqlType::Int()), R"({"V":2147483648})") ==
          ValueList{Value::Int32(-2147483647 - 1)});
    CHECK(Read(*JsonValue(SqlType::Bigint()), R"({"V":"-42"})") == ValueList{Value::Int64(-42)});
    CHECK(Read(*JsonValue(SqlType::Bigint()), R"({"V":18446744073709551621})") ==
          ValueList{Value::Int64(5)});
    CHECK(Read(*JsonValue(SqlType::Double()), R"({"V":"1.5"})") == ValueList{Value::Double(1.5)});
    CHECK(Read(*JsonValue(SqlType::Double()), R"({"V":1})") == ValueList{Value::Double(1.0)});
    CHECK(Read(*JsonValue(SqlType::Timestamp()), R"({"V":"1700000000123"})") ==
          ValueList{Value::Int64(1700000000123)});
    // STRING takes any JSON: numbers as Jackson prints them, objects as compact JSON, arrays
    // as a bracketed list of their elements as strings.
    const auto text = JsonValue(SqlType::String());
    CHECK(Read(*text, R"({"V":1})") == ValueList{Str("1")});
    CHECK(Read(*text, R"({"V":-0})") == ValueList{Str("0")});
    CHECK(Read(*text, R"({"V":1.50})") == ValueList{Str("1.50")});
    CHECK(Read(*text, R"({"V":1e5})") == ValueList{Str("1E+5")});
    CHECK(Read(*text, R"({"V":0.0000001})") == ValueList{Str("1E-7")});
    CHECK(Read(*text, R"({"V":true})") == ValueList{Str("true")});
    CHECK(Read(*text, R"({"V": {"a" : 1, "b":[1, "x\n", null], "c":{}}})") ==
          ValueList{Str(R"({"a":1,"b":[1,"x\n",null],"c":{}})")});
    CHECK(Read(*text, R"({"V":["a", 1, null, [true, 2.50], {"k": "v"}]})") ==
          ValueList{Str(R"([a, 1, null, [true, 2.50], {"k":"v"}])")});
    // json.json "deserialize anonymous array - value - with coercion".
    const auto strings = Json({Col("FOO", SqlType::Array(SqlType::String()))}, false, false);
    const ValueList coerced = Read(*strings, "[1, 2, 3]");
    CHECK(coerced == ValueList{Value::List({Str("1"), Str("2"), Str("3")})});
    CHECK(Write(*Json({Col("FOO", SqlType::Array(SqlType::String()))}), coerced) ==
          R"({"FOO":["1","2","3"]})");
  }

  TEST_CASE("json: type mismatches name the value's path") {
    CHECK(ReadError(*Json({Col("FLAG", SqlType::Boolean())}), R"({"FLAG":"true"})") ==
          "Failed to deserialize value from JSON: Can't convert type. sourceType: TextNode, "
          "requiredType: BOOLEAN, path: $.FLAG");
    CHECK(ReadError(*JsonValue(SqlType::Int()), R"({"V":"abc"})") ==
          "Failed to deserialize value from JSON: Can't coerce string to type. targetType: "
          "INTEGER, path: $.V");
    CHECK(ReadError(*JsonValue(SqlType::Bigint()), R"({"V":true})") ==
          "Failed to deserialize value from JSON: Can't convert type. sourceType: BooleanNode, "
          "requiredType: BIGINT, path: $.V");
    CHECK(ReadError(*JsonValue(SqlType::Boolean()), R"({"V":12345678901})") ==
          "Failed to deserialize value from JSON: Can't convert type. sourceType: LongNode, "
          "requiredType: BOOLEAN, path: $.V");
    CHECK(ReadError(*JsonValue(SqlType::Array(SqlType::Int())), R"({"V":[1,"x"]})") ==
          "Failed to deserialize value from JSON: Can't coerce string to type. targetType: "
          "INTEGER, path: $.V[1]");
    CHECK(ReadError(*JsonValue(SqlType::Map(SqlType::String(), SqlType::Int())),
                    R"({"V":{"k":{}}})") ==
          "Failed to deserialize value from JSON: Can't convert type. sourceType: ObjectNode, "
          "requiredType: INTEGER, path: $.V.k.value");
    CHECK(ReadError(*JsonValue(SqlType::Struct({{"X", SqlType::Double()}})), R"({"V":{"x":[]}})") ==
          "Failed to deserialize value from JSON: Can't convert type. sourceType: ArrayNode, "
          "requiredType: DOUBLE, path: $.V.X");
    CHECK(ReadError(*Json({Col("A", SqlType::Int()), Col("B", SqlType::String())}), "[1]") ==
          "Failed to deserialize value from JSON: Can't convert type. sourceType: ArrayNode, "
          "requiredType: STRUCT<`A` INTEGER, `B` STRING>, path: $");
    CHECK(ReadError(*Json({Col("K", SqlType::Int())}, true), "1.5e400x") ==
          "Failed to deserialize key from JSON: Malformed JSON: invalid number");
    CHECK(ReadError(*JsonValue(SqlType::Time()), R"({"V":-5})") ==
          "Failed to deserialize value from JSON: Time values must use number of milliseconds "
          "greater than 0 and less than 86400000., path: $.V");
    CHECK(ReadError(*JsonValue(SqlType::Bytes()), R"({"V":"a!"})") ==
          "Failed to deserialize value from JSON: Value is not a valid Base64 encoded string: "
          "a!, path: $.V");
  }

  TEST_CASE("json: malformed documents are rejected") {
    const auto serde = Json({Col("A", SqlType::Int())});
    for (const char* text : {"",
                             "  ",
                             "{",
                             R"({"A":1} x)",
                             R"({"A":1}{})",
                             R"({"A":1},{})",
                             R"({"A":tru})",
                             R"({"A":01})",
                             R"({"A" 1})",
                             R"({"X":[1,,2]})",
                             R"({"X":"\q"})",
                             "{\"A\":\"\xff\"}"}) {
      INFO(std::string(text));
      const std::string message = ReadError(*serde, text);
      CHECK(message.rfind("Failed to deserialize value from JSON: Malformed JSON: ", 0) == 0);
    }
  }

  TEST_CASE("json: DECIMAL takes the column's scale") {
    // As ksqlDB's DecimalUtil.ensureFit. json.json "DECIMAL - key": 12.3650 in a DECIMAL(6,4)
    // key is written back as 12.3650.
    const auto key = Json({Col("K", SqlType::Decimal(6, 4))}, true);
    CHECK(Read(*key, "12.3650") == ValueList{Dec(123650, 4)});
    CHECK(Read(*key, "12.365") == ValueList{Dec(123650, 4)});
    CHECK(Write(*key, {Dec(123650, 4)}) == "12.3650");
    // json.json "DECIMAL - value - anonymous - deserialize": 10.10 stays 10.10; math.json
    // "trunc - decimal" reads 1.2 into DECIMAL(12, 7) as 1.2000000.
    const auto value = Json({Col("V", SqlType::Decimal(4, 2))}, false, false);
    CHECK(Read(*value, "10.10") == ValueList{Dec(1010, 2)});
    CHECK(Read(*value, "10.1") == ValueList{Dec(1010, 2)});
    CHECK(Read(*value, "99.99") == ValueList{Dec(9999, 2)});
    CHECK(Read(*value, "7") == ValueList{Dec(700, 2)});
    CHECK(Read(*value, "1.500") == ValueList{Dec(150, 2)});  // Trailing zeros beyond the scale.
    CHECK(Read(*value, "1e1") == ValueList{Dec(1000, 2)});
    // A string is set to the column's scale (latest-offset-udaf.json: "3.4" -> "3.40").
    CHECK(Read(*value, R"("3.4")") == ValueList{Dec(340, 2)});
    CHECK(Read(*value, R"("+3")") == ValueList{Dec(300, 2)});
    // Values are written with their own scale: 1.10 stays 1.10.
    CHECK(Write(*value, {Dec(110, 2)}) == "1.10");
    CHECK(Write(*value, {Dec(-5, 0)}) == "-5");
    CHECK(ReadError(*value, "1.234") ==
          "Failed to deserialize value from JSON: Cannot fit decimal '1.234' into DECIMAL(4, 2) "
          "without rounding. (Requires 4,3), path: $");
    CHECK(ReadError(*value, "123.4") ==
          "Failed to deserialize value from JSON: Numeric field overflow: A field with precision "
          "4 and scale 2 must round to an absolute value less than 10^2. Got 123.4, path: $");
    CHECK(ReadError(*value, R"("x")") ==
          "Failed to deserialize value from JSON: Can't coerce string to type. targetType: "
          "DECIMAL(4, 2), path: $");
    // Exact beyond double precision.
    const auto wide = JsonValue(SqlType::Decimal(33, 16));
    const ValueList big = Read(*wide, R"({"V":12345678987654321.2345678987654321})");
    CHECK(Write(*wide, big) == R"({"V":12345678987654321.2345678987654321})");
    // BigDecimal.toString turns to scientific notation below 1E-6.
    CHECK(Write(*Json({Col("V", SqlType::Decimal(10, 8))}, false, false), {Dec(1, 8)}) == "1E-8");
  }

  TEST_CASE("json: DOUBLE prints as Java does") {
    const auto serde = Json({Col("V", SqlType::Double())}, false, false);
    CHECK(Write(*serde, {Value::Double(1.0)}) == "1.0");
    CHECK(Write(*serde, {Value::Double(654.321)}) == "654.321");
    CHECK(Write(*serde, {Value::Double(1e10)}) == "1.0E10");
    CHECK(Write(*serde, {Value::Double(-2.5e-5)}) == "-2.5E-5");
    CHECK(Write(*serde, {Value::Double(22026.465794806718)}) == "22026.465794806718");
    CHECK(Write(*serde, {Value::Double(std::nan(""))}) == R"("NaN")");
    CHECK(Write(*serde, {Value::Double(-INFINITY)}) == R"("-Infinity")");
    CHECK(std::isnan(Read(*serde, R"("NaN")")[0].AsDouble()));
    CHECK(Read(*serde, "1.0E10") == ValueList{Value::Double(1e10)});
    CHECK(Read(*serde, "1e400") == ValueList{Value::Double(INFINITY)});
    // BigDecimal has no negative zero.
    CHECK_FALSE(std::signbit(Read(*serde, "-0.0")[0].AsDouble()));
  }

  TEST_CASE("json: strings are escaped as Jackson escapes them") {
    const auto serde = Json({Col("V", SqlType::String())}, false, false);
    CHECK(Write(*serde, {Str("a\"b\\c\nd\te\x01/\x7f\xc3\xa9")}) ==
          "\"a\\\"b\\\\c\\nd\\te\\u0001/\x7f\xc3\xa9\"");
    CHECK(Write(*serde, {Str("0123456789abcdef\"0123456789")}) ==
          "\"0123456789abcdef\\\"0123456789\"");
    CHECK(Read(*serde, R"("\u00e9\n\"\/")") == ValueList{Str("\xc3\xa9\n\"/")});
  }

  TEST_CASE("json: MAP keeps entry order, last duplicate wins") {
    const auto serde = JsonValue(SqlType::Map(SqlType::String(), SqlType::Int()));
    const ValueList values = Read(*serde, R"({"V":{"b":1,"a":2,"b":3}})");
    CHECK(values ==
          ValueList{Value::Pairs({{Str("b"), Value::Int32(3)}, {Str("a"), Value::Int32(2)}})});
    CHECK(Write(*serde, values) == R"({"V":{"b":3,"a":2}})");
    try {
      serde->Serialize(ValueList{Value::Pairs({{Value::Null(), Value::Int32(1)}})});
      FAIL("expected an error");
    } catch (const Error& error) {
      CHECK(error.kind() == ErrorKind::kExecution);
      CHECK(error.message() ==
            "Failed to serialize value as JSON: Cannot write a MAP with a NULL key as JSON, "
            "column: `V`");
    }
  }

  TEST_CASE("json: records from the QTT vectors") {
    // key-schemas.json "KEY value field name": {"key": "a", "id": 1}.
    const auto value = Json({Col("KEY", SqlType::String()), Col("ID", SqlType::Bigint())});
    const ValueList row = Read(*value, R"({"key": "a", "id": 1})");
    CHECK(row == ValueList{Str("a"), Value::Int64(1)});
    CHECK(Write(*value, row) == R"({"KEY":"a","ID":1})");
    // json.json "MAP - value - anonymous - deserialize", read unwrapped and written wrapped.
    const std::vector<Column> map = {Col("V", SqlType::Map(SqlType::String(), SqlType::Double()))};
    const ValueList entries = Read(*Json(map, false, false), R"({"a": 45.67})");
    CHECK(Write(*Json(map), entries) == R"({"V":{"a":45.67}})");
    // json.json "BIGINT - key".
    const auto key = Json({Col("K", SqlType::Bigint())}, true);
    CHECK(Write(*key, Read(*key, "998877665544332211")) == "998877665544332211");
    // json.json "deserialize nested map - value": a NULL map, and a NULL entry.
    const auto nested = Json({Col("FOO", SqlType::Map(SqlType::String(), SqlType::Int()))});
    CHECK(Write(*nested, Read(*nested, R"({"FOO": {"a": 1, "c": null}})")) ==
          R"({"FOO":{"a":1,"c":null}})");
    CHECK(Write(*nested, Read(*nested, R"({"FOO": null})")) == R"({"FOO":null})");
  }
}

}  // namespace fluxo::serde
