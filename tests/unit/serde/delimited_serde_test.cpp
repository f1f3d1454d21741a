#include <doctest/doctest.h>

#include "tests/unit/serde/serde_test_support.h"

namespace fluxo::serde {

using testing::Col;
using testing::Read;
using testing::ReadError;
using testing::Spec;
using testing::Write;

namespace {

std::unique_ptr<RecordSerde> Delimited(std::vector<Column> columns,
                                       char delimiter = ',',
                                       bool is_key = false) {
  return MakeRecordSerde(Spec(FormatKind::kDelimited, std::nullopt, delimiter), columns, is_key);
}

std::unique_ptr<RecordSerde> One(SqlTypePtr type) {
  return Delimited({Col("V", std::move(type))});
}

Value Str(const char* text) {
  return Value::String(text);
}

Value Dec(int64_t unscaled, int32_t scale) {
  return Value::Decimal({unscaled, scale});
}

}  // namespace

TEST_SUITE("serde") {
  TEST_CASE("delimited: every primitive type round-trips") {
    const auto serde = Delimited({
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
    });
    const ValueList values = {
        Value::Boolean(true),
        Value::Int32(-7),
        Value::Int64(10827272222),
        Value::Double(1e10),
        Dec(1010, 2),
        Str("a,b"),
        Value::String(std::string("\x01\x02\x03", 3)),
        Value::Int64(1700000000123),
        Value::Int32(19000),
        Value::Int32(3600000),
    };
    const std::string line =
        R"(true,-7,10827272222,1.0E10,10.10,"a,b",AQID,1700000000123,19000,3600000)";
    CHECK(Write(*serde, values) == line);
    CHECK(Read(*serde, line) == values);
    CHECK(Read(*serde, line + "\r\n") == values);
  }

  TEST_CASE("delimited: NULL is an empty field, and an empty field is NULL") {
    const auto serde = Delimited(
        {Col("A", SqlType::Int()), Col("B", SqlType::String()), Col("C", SqlType::Int())});
    CHECK(Write(*serde, {Value::Int32(0), Value::Null(), Value::Int32(1)}) == "0,,1");
    CHECK(Write(*serde, {Value::Null(), Value::Null(), Value::Null()}) == ",,");
    CHECK(Read(*serde, "0,,1") == ValueList{Value::Int32(0), Value::Null(), Value::Int32(1)});
    CHECK(Read(*serde, ",,") == ValueList{Value::Null(), Value::Null(), Value::Null()});
    // An empty string cannot be told from NULL: written empty (quoted when first), read as NULL.
    CHECK(Write(*serde, {Value::Int32(0), Str(""), Value::Null()}) == "0,,");
    CHECK(Write(*Delimited({Col("S", SqlType::String()), Col("T", SqlType::String())}),
                {Str(""), Str("")}) == R"("",)");
    CHECK(Read(*serde, R"(0,"",1)") == ValueList{Value::Int32(0), Value::Null(), Value::Int32(1)});
    // A single NULL column writes empty bytes (not null bytes), which ksqlDB cannot read back.
    const auto one = One(SqlType::String());
    CHECK(Write(*one, {Value::Null()}) == "");
    CHECK(ReadError(*one, "") == "Failed to deserialize value from DELIMITED: No fields in record");
    CHECK(ReadError(*one, "\r\n") ==
          "Failed to deserialize value from DELIMITED: No fields in record");
    CHECK_FALSE(one->Deserialize(std::nullopt).has_value());
    CHECK_FALSE(one->Serialize(std::nullopt).has_value());
    // The same for keys: only nothing is a null key.
    const auto key = Delimited({Col("K", SqlType::Int())}, ',', true);
    CHECK(Write(*key, {Value::Null()}) == "");
    CHECK_FALSE(key->Serialize(std::nullopt).has_value());
    const auto keys = Delimited({Col("K1", SqlType::Int()), Col("K2", SqlType::Int())}, ',', true);
    CHECK(Write(*keys, {Value::Null(), Value::Int32(1)}) == ",1");
  }

  TEST_CASE("delimited: quoting follows Commons CSV 1.4's minimal rule") {
    const auto serde = Delimited({Col("A", SqlType::String()), Col("B", SqlType::String())});
    auto write = [&](const char* first, const char* second) {
      return Write(*serde, {Str(first), Str(second)});
    };
    CHECK(write("abc", "d e") == "abc,d e");
    CHECK(write("a\"b", "x,y") == R"("a""b","x,y")");
    CHECK(write("line\nbreak", "cr\rhere") == "\"line\nbreak\",\"cr\rhere\"");
    // A first field must start with an ASCII letter or digit; any field starting with a
    // character up to '#' or ending with one up to the space is quoted.
    CHECK(write("-1", "-1") == R"("-1",-1)");
    CHECK(write(".5", "$x") == R"(".5",$x)");
    CHECK(write("\xc3\xa9t\xc3\xa9", "\xc3\xa9t\xc3\xa9") ==
          "\"\xc3\xa9t\xc3\xa9\",\xc3\xa9t\xc3\xa9");
    CHECK(write("a", " b") == R"(a," b")");
    CHECK(write("a", "#b") == R"(a,"#b")");
    CHECK(write("a", "!b") == R"(a,"!b")");
    CHECK(write("a", "b ") == R"(a,"b ")");
    CHECK(write("a", "b\t") == "a,\"b\t\"");
    CHECK(write("a\"", "b\"c") == R"("a""","b""c")");
    // Reading undoes it.
    CHECK(Read(*serde, R"("a""b","x,y")") == ValueList{Str("a\"b"), Str("x,y")});
    CHECK(Read(*serde, "\"line\nbreak\",b") == ValueList{Str("line\nbreak"), Str("b")});
    CHECK(Read(*serde, R"("a"  ,b)") == ValueList{Str("a"), Str("b")});
    CHECK(Read(*serde, R"( "a",b"c)") == ValueList{Str(" \"a\""), Str("b\"c")});
    CHECK(Read(*serde, "a,b\nc,d,e") == ValueList{Str("a"), Str("b")});  // First record only.
    CHECK(Read(*serde, "\n\na,b") == ValueList{Str("a"), Str("b")});     // Empty lines skipped.
  }

  TEST_CASE("delimited: other delimiters") {
    const std::vector<Column> columns = {
        Col("ID", SqlType::Bigint()), Col("NAME", SqlType::String()), Col("VALUE", SqlType::Int())};
    const ValueList row = {Value::Int64(0), Str("zero"), Value::Int32(0)};
    for (const char delimiter : {'|', '$', ' ', '\t', ';'}) {
      INFO(delimiter);
      const auto serde = Delimited(columns, delimiter);
      const std::string line = std::string("0") + delimiter + "zero" + delimiter + "0";
      CHECK(Write(*serde, row) == line);
      CHECK(Read(*serde, line) == row);
    }
    // delimited.json "multi-column key with different kv delimiters".
    const auto key =
        Delimited({Col("K1", SqlType::String()), Col("K2", SqlType::String())}, ';', true);
    CHECK(Read(*key, "foo,bar;baz") == ValueList{Str("foo,bar"), Str("baz")});
    CHECK(Write(*Delimited({Col("A", SqlType::String()), Col("B", SqlType::String())}, ' '),
                {Str("a b"), Str("c")}) == R"("a b" c)");
  }

  TEST_CASE("delimited: records from the QTT vectors") {
    // delimited.json "read written decimals" (DECIMAL(33, 16)).
    const auto decimals = One(SqlType::Decimal(33, 16));
    auto round_trip = [&](const char* text) { return Write(*decimals, Read(*decimals, text)); };
    CHECK(round_trip("12345678987654321.2345678987654321") == "12345678987654321.2345678987654321");
    CHECK(round_trip(".12") == "0.1200000000000000");
    CHECK(round_trip("-12345.12") == R"("-12345.1200000000000000")");
    CHECK(round_trip(R"("-12345.12")") == R"("-12345.1200000000000000")");
    CHECK(round_trip("0") == "0.0000000000000000");
    // delimited.json keys: quoted input fields read as their content.
    const auto boolean = Delimited({Col("K", SqlType::Boolean())}, ',', true);
    CHECK(Read(*boolean, R"("true")") == ValueList{Value::Boolean(true)});
    CHECK(Write(*boolean, {Value::Boolean(false)}) == "false");
    CHECK(Read(*One(SqlType::Int()), R"("22")") == ValueList{Value::Int32(22)});
    CHECK(Write(*One(SqlType::Double()), Read(*One(SqlType::Double()), R"("123.456")")) ==
          "123.456");
    const auto decimal_key = One(SqlType::Decimal(6, 4));
    CHECK(Write(*decimal_key, Read(*decimal_key, "12.3650")) == "12.3650");
    CHECK(Write(*decimal_key, Read(*decimal_key, R"("12.0")")) == "12.0000");
    // cast.json "decimal to decimal" input: DECIMAL(4,2) "01.00".
    CHECK(Read(*One(SqlType::Decimal(4, 2)), "01.00") == ValueList{Dec(100, 2)});
    // delimited.json "multi-column key".
    const auto key = Delimited({Col("K1", SqlType::String()), Col("K2", SqlType::String())});
    CHECK(Read(*key, R"("foo","bar")") == ValueList{Str("foo"), Str("bar")});
    CHECK(Write(*key, {Str("foo"), Str("bar")}) == "foo,bar");
  }

  TEST_CASE("delimited: field parsing follows Java") {
    CHECK(Read(*One(SqlType::Boolean()), "TRUE") == ValueList{Value::Boolean(true)});
    CHECK(Read(*One(SqlType::Boolean()), "yes") == ValueList{Value::Boolean(false)});
    CHECK(Read(*One(SqlType::Int()), "+12") == ValueList{Value::Int32(12)});
    CHECK(Read(*One(SqlType::Double()), " 1.5d ") == ValueList{Value::Double(1.5)});
    CHECK(Read(*One(SqlType::Decimal(4, 2)), "2") == ValueList{Dec(200, 2)});
    CHECK(Read(*One(SqlType::Time()), "100") == ValueList{Value::Int32(100)});
    CHECK(Read(*One(SqlType::Bytes()), "ew==") == ValueList{Str("{")});
    CHECK(Read(*One(SqlType::String()), " padded ") == ValueList{Str(" padded ")});
    // Invalid UTF-8 is read as Java reads it: each bad sequence becomes U+FFFD.
    CHECK(Read(*One(SqlType::String()), "a\xff\xe2\x82z") ==
          ValueList{Str("a\xef\xbf\xbd\xef\xbf\xbdz")});
  }

  TEST_CASE("delimited: errors name the column") {
    const auto three =
        Delimited({Col("A", SqlType::Int()), Col("B", SqlType::Int()), Col("C", SqlType::Int())});
    CHECK(ReadError(*three, "1,2") ==
          "Failed to deserialize value from DELIMITED: Column count mismatch on "
          "deserialization. expected: 3, got: 2");
    CHECK(ReadError(*three, "1,2,3,4") ==
          "Failed to deserialize value from DELIMITED: Column count mismatch on "
          "deserialization. expected: 3, got: 4");
    CHECK(ReadError(*three, "1,x,3") ==
          "Failed to deserialize value from DELIMITED: For input string: \"x\", column: `B`");
    CHECK(ReadError(*three, "1,99999999999,3") ==
          "Failed to deserialize value from DELIMITED: For input string: \"99999999999\", "
          "column: `B`");
    CHECK(ReadError(*three, R"(1,"2)") ==
          "Failed to deserialize value from DELIMITED: (startline 1) EOF reached before "
          "encapsulated token finished");
    CHECK(ReadError(*three, R"(1,"2"x,3)") ==
          "Failed to deserialize value from DELIMITED: (line 1) invalid char between "
          "encapsulated token and delimiter");
    CHECK(ReadError(*One(SqlType::Time()), "-5") ==
          "Failed to deserialize value from DELIMITED: Time values must use number of "
          "milliseconds greater than 0 and less than 86400000., column: `V`");
    CHECK(ReadError(*One(SqlType::Bytes()), "a") ==
          "Failed to deserialize value from DELIMITED: Value is not a valid Base64 encoded "
          "string: a, column: `V`");
    CHECK(ReadError(*One(SqlType::Decimal(4, 2)), "1.234") ==
          "Failed to deserialize value from DELIMITED: Cannot fit decimal '1.234' into "
          "DECIMAL(4, 2) without rounding. (Requires 4,3), column: `V`");
    CHECK(ReadError(*Delimited({Col("K", SqlType::Int())}, ',', true), "x") ==
          "Failed to deserialize key from DELIMITED: For input string: \"x\", column: `K`");
  }
}

}  // namespace fluxo::serde
