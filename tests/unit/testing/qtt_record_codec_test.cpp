#include "runtime/testing/qtt_record_codec.h"

#include <stdexcept>

#include <doctest/doctest.h>

namespace fluxo::qtt {

namespace {

Value Read(const std::string& json, const SqlTypePtr& type) {
  return JsonToValue(ParseExactJson(json), *type);
}

RecordLayout Layout(FormatKind key_format,
                    std::vector<Column> keys,
                    FormatKind value_format,
                    std::vector<Column> values) {
  RecordLayout layout;
  layout.key_columns = std::move(keys);
  layout.value_columns = std::move(values);
  layout.key_format.kind = key_format;
  layout.value_format.kind = value_format;
  return layout;
}

Column KeyColumn(const std::string& name, SqlTypePtr type) {
  return Column{name, std::move(type), ColumnNamespace::kKey, ""};
}

Column ValueColumn(const std::string& name, SqlTypePtr type) {
  return Column{name, std::move(type), ColumnNamespace::kValue, ""};
}

}  // namespace

TEST_CASE("JsonToValue reads scalars by column type") {
  CHECK(Read("42", SqlType::Int()) == Value::Int32(42));
  CHECK(Read("\"42\"", SqlType::Int()) == Value::Int32(42));
  CHECK(Read("1.0", SqlType::Int()) == Value::Int32(1));
  CHECK_THROWS_AS(Read("4294967296", SqlType::Int()), std::invalid_argument);
  CHECK_THROWS_AS(Read("1.5", SqlType::Int()), std::invalid_argument);
  CHECK(Read("4294967296", SqlType::Bigint()) == Value::Int64(4294967296));
  CHECK(Read("1.5", SqlType::Double()) == Value::Double(1.5));
  CHECK(Read("true", SqlType::Boolean()) == Value::Boolean(true));
  CHECK(Read("12", SqlType::String()) == Value::String("12"));
  CHECK(Read("1.10", SqlType::String()) == Value::String("1.10"));
  CHECK(Read("\"YWI=\"", SqlType::Bytes()) == Value::String("ab"));
  CHECK_THROWS_AS(Read("\"*\"", SqlType::Bytes()), std::invalid_argument);
  CHECK(Read("1000", SqlType::Timestamp()) == Value::Int64(1000));
  CHECK(Read("null", SqlType::Int()).IsNull());
}

TEST_CASE("JsonToValue keeps decimals exact at the column's scale") {
  CHECK(Read("1.10", SqlType::Decimal(4, 2)) == Value::Decimal(DecimalValue{110, 2}));
  CHECK(Read("1.1", SqlType::Decimal(4, 2)) == Value::Decimal(DecimalValue{110, 2}));
  CHECK(Read("\"12.34\"", SqlType::Decimal(4, 2)) == Value::Decimal(DecimalValue{1234, 2}));
  CHECK_THROWS(Read("1.234", SqlType::Decimal(4, 2)));
}

TEST_CASE("JsonToValue reads arrays, maps and structs") {
  CHECK(Read("[1, null]", SqlType::Array(SqlType::Int())) ==
        Value::List({Value::Int32(1), Value::Null()}));
  CHECK(Read(R"({"a": 1})", SqlType::Map(SqlType::String(), SqlType::Bigint())) ==
        Value::Pairs({{Value::String("a"), Value::Int64(1)}}));
  const SqlTypePtr type = SqlType::Struct({{"A", SqlType::Int()}, {"b", SqlType::String()}});
  CHECK(Read(R"({"a": 1, "b": "x"})", type) == Value::List({Value::Int32(1), Value::String("x")}));
  CHECK(Read(R"({"A": 2})", type) == Value::List({Value::Int32(2), Value::Null()}));
  CHECK_THROWS_AS(Read("[1]", type), std::invalid_argument);
}

TEST_CASE("ValueToJson writes doubles and decimals as Java prints them") {
  CHECK(RenderJson(ValueToJson(Value::Double(100), *SqlType::Double())) == "100.0");
  CHECK(RenderJson(ValueToJson(Value::Double(2147483648.9), *SqlType::Double())) ==
        "2.1474836489E9");
  CHECK(ValueToJson(Value::Double(1.0 / 0.0), *SqlType::Double()) == Json("Infinity"));
  CHECK(RenderJson(ValueToJson(Value::Decimal(DecimalValue{110, 2}), *SqlType::Decimal(4, 2))) ==
        "1.10");
  CHECK(ValueToJson(Value::String("ab"), *SqlType::Bytes()) == Json("YWI="));
  CHECK(ValueToJson(Value::String("ab"), *SqlType::String()) == Json("ab"));
  const SqlTypePtr type = SqlType::Struct({{"A", SqlType::Array(SqlType::Int())}});
  CHECK(RenderJson(ValueToJson(Value::List({Value::List({Value::Int32(1)})}), *type)) ==
        R"({"A":[1]})");
}

TEST_CASE("EncodeInput writes JSON and DELIMITED verbatim and KAFKA by column type") {
  QttRecord input;
  input.topic = "t";
  input.key = 1;
  input.value = ParseExactJson(R"({"name": "x", "price": 1.10})");
  input.timestamp = 5;
  const RecordLayout json_layout = Layout(FormatKind::kKafka,
                                          {KeyColumn("ID", SqlType::Int())},
                                          FormatKind::kJson,
                                          {ValueColumn("NAME", SqlType::String())});
  runtime::TopicRecord record = EncodeInput(input, &json_layout);
  CHECK(record.key == std::string("\0\0\0\1", 4));
  CHECK(record.value == std::string(R"({"name":"x","price":1.10})"));
  CHECK(record.timestamp == 5);

  const RecordLayout bigint_layout = Layout(FormatKind::kKafka,
                                            {KeyColumn("ID", SqlType::Bigint())},
                                            FormatKind::kDelimited,
                                            {ValueColumn("V", SqlType::String())});
  input.value = "a,b";
  record = EncodeInput(input, &bigint_layout);
  CHECK(record.key == std::string("\0\0\0\0\0\0\0\1", 8));
  CHECK(record.value == std::string("a,b"));

  input.value = nullptr;
  input.key = "k";
  input.timestamp.reset();
  record = EncodeInput(input, nullptr);
  CHECK(record.key == std::string("k"));
  CHECK_FALSE(record.value.has_value());
  CHECK(record.timestamp == 0);
}

TEST_CASE("windowed keys carry Kafka Streams' suffix both ways") {
  RecordLayout layout = Layout(FormatKind::kKafka,
                               {KeyColumn("K", SqlType::String())},
                               FormatKind::kJson,
                               {ValueColumn("V", SqlType::Bigint())});
  layout.window = planner::WindowInfo{planner::WindowType::kTumbling, 1000};
  QttRecord input;
  input.key = "a";
  input.value = ParseExactJson(R"({"V": 1})");
  input.window = QttWindow{2000, 3000, "time"};
  runtime::TopicRecord record = EncodeInput(input, &layout);
  CHECK(record.key == std::string("a\0\0\0\0\0\0\x07\xD0", 9));
  ActualRecord actual = DecodeOutput(record, &layout);
  CHECK(actual.window == QttWindow{2000, 3000, "time"});
  CHECK(actual.key.json == Json("a"));
  CHECK(actual.value.json == ParseExactJson(R"({"V": 1})"));

  layout.window = planner::WindowInfo{planner::WindowType::kSession, std::nullopt};
  input.window = QttWindow{10, 20, "session"};
  record = EncodeInput(input, &layout);
  CHECK(record.key->size() == 17);
  actual = DecodeOutput(record, &layout);
  CHECK(actual.window == QttWindow{10, 20, "session"});
  CHECK(actual.key.json == Json("a"));
}

TEST_CASE("DecodeOutput reads each format") {
  const RecordLayout layout =
      Layout(FormatKind::kJson,
             {KeyColumn("K", SqlType::Int())},
             FormatKind::kDelimited,
             {ValueColumn("A", SqlType::Int()), ValueColumn("B", SqlType::Double())});
  runtime::TopicRecord record;
  record.key = "7";
  record.value = "1,2.0";
  record.timestamp = 9;
  ActualRecord actual = DecodeOutput(record, &layout);
  CHECK(actual.key.json == 7);
  CHECK(SameType(actual.key.type, SqlType::Int()));
  CHECK(actual.value.delimited);
  CHECK(actual.value.json == Json("1,2.0"));
  CHECK(actual.value.column_types.size() == 2);
  CHECK(actual.timestamp == 9);

  record.key = "{not json";
  actual = DecodeOutput(record, &layout);
  CHECK_FALSE(actual.key.error.empty());

  const RecordLayout kafka = Layout(FormatKind::kKafka,
                                    {KeyColumn("K", SqlType::Double())},
                                    FormatKind::kJson,
                                    {ValueColumn("V", SqlType::Int())});
  record.key = std::string("\x40\x59\0\0\0\0\0\0", 8);  // 100.0
  record.value.reset();
  actual = DecodeOutput(record, &kafka);
  CHECK(RenderJson(actual.key.json) == "100.0");
  CHECK(actual.value.json.is_null());

  record.key = "{\"a\":1.50}";
  actual = DecodeOutput(record, nullptr);
  CHECK(RenderJson(actual.key.json) == "{\"a\":1.50}");
}

}  // namespace fluxo::qtt
