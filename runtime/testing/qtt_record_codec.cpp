#include "runtime/testing/qtt_record_codec.h"

#include <cctype>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <utility>

#include "runtime/serde/base64.h"
#include "runtime/serde/decimal_text.h"
#include "runtime/serde/java_number_text.h"
#include "runtime/serde/record_serde.h"

namespace fluxo::qtt {

namespace {

[[noreturn]] void ThrowMismatch(const Json& json, const SqlType& type) {
  throw std::invalid_argument("cannot read " + RenderJson(json) + " as " + type.ToString());
}

/// Returns the text of a number or string node, for the numeric readers.
std::optional<std::string> NumericText(const Json& json) {
  if (IsAnyNumber(json)) {
    return NumberText(json);
  }
  if (json.is_string()) {
    return json.get<std::string>();
  }
  return std::nullopt;
}

int64_t ReadIntegral(const Json& json, const SqlType& type, int64_t min, int64_t max) {
  if (json.is_number_integer()) {
    if (json.is_number_unsigned() && json.get<uint64_t>() > static_cast<uint64_t>(max)) {
      ThrowMismatch(json, type);
    }
    const auto number = json.get<int64_t>();
    if (number < min || number > max) {
      ThrowMismatch(json, type);
    }
    return number;
  }
  const std::optional<std::string> text = NumericText(json);
  if (text) {
    if (std::optional<int64_t> parsed = serde::ParseJavaLong(*text)) {
      if (*parsed >= min && *parsed <= max) {
        return *parsed;
      }
    } else if (std::optional<double> real = serde::ParseJavaDouble(*text)) {
      // ksqlDB's JSON reader accepts 1.0 for an integer column (Jackson's intValue()).
      if (std::trunc(*real) == *real && *real >= static_cast<double>(min) &&
          *real <= static_cast<double>(max)) {
        return static_cast<int64_t>(*real);
      }
    }
  }
  ThrowMismatch(json, type);
}

Value ReadStruct(const Json& json, const SqlType& type) {
  if (!json.is_object()) {
    ThrowMismatch(json, type);
  }
  ValueList fields;
  for (const StructField& field : type.fields()) {
    const Json* found = nullptr;
    for (const auto& [name, member] : json.items()) {
      if (name == field.name) {
        found = &member;
        break;
      }
      if (found == nullptr && name.size() == field.name.size() &&
          std::equal(name.begin(), name.end(), field.name.begin(), [](char a, char b) {
            return std::toupper(static_cast<unsigned char>(a)) ==
                   std::toupper(static_cast<unsigned char>(b));
          })) {
        found = &member;
      }
    }
    fields.push_back(found == nullptr ? Value::Null() : JsonToValue(*found, *field.type));
  }
  return Value::List(std::move(fields));
}

/// Writes one side of an input record in `format`.
std::optional<std::string> EncodeSide(const Json& json,
                                      const std::vector<Column>& columns,
                                      const FormatSpec& format,
                                      bool is_key) {
  if (json.is_null() || format.kind == FormatKind::kNone) {
    return std::nullopt;
  }
  if (format.kind == FormatKind::kKafka && !columns.empty()) {
    if (columns.size() != 1) {
      throw std::invalid_argument("the KAFKA format cannot carry " +
                                  std::to_string(columns.size()) + " columns");
    }
    const auto serde = serde::MakeRecordSerde(format, columns, is_key);
    return serde->Serialize(ValueList{JsonToValue(json, *columns[0].type)});
  }
  // JSON is written verbatim, DELIMITED lines are the strings given (FORMAT.md §5.1).
  if (json.is_string() && format.kind != FormatKind::kJson) {
    return json.get<std::string>();
  }
  return RenderJson(json);
}

void AppendBigEndian(int64_t number, std::string& out) {
  for (int shift = 56; shift >= 0; shift -= 8) {
    out.push_back(static_cast<char>((static_cast<uint64_t>(number) >> shift) & 0xFF));
  }
}

int64_t ReadBigEndian(const std::string& bytes, size_t at) {
  uint64_t number = 0;
  for (size_t i = 0; i < 8; ++i) {
    number = (number << 8) | static_cast<unsigned char>(bytes[at + i]);
  }
  return static_cast<int64_t>(number);
}

SqlTypePtr HintFor(const std::vector<Column>& columns, bool wrapped) {
  if (columns.size() == 1 && !wrapped) {
    return columns[0].type;
  }
  std::vector<StructField> fields;
  fields.reserve(columns.size());
  for (const Column& column : columns) {
    fields.push_back(StructField{column.name, column.type});
  }
  return SqlType::Struct(std::move(fields));
}

DecodedSide DecodeSide(const std::optional<std::string>& bytes,
                       const std::vector<Column>& columns,
                       const FormatSpec& format,
                       bool is_key) {
  DecodedSide side;
  side.type = HintFor(columns, format.wrap_single_value.value_or(!is_key));
  if (format.kind == FormatKind::kDelimited) {
    side.delimited = true;
    side.delimiter = format.delimiter;
    for (const Column& column : columns) {
      side.column_types.push_back(column.type);
    }
  }
  if (!bytes) {
    side.json = nullptr;
    return side;
  }
  try {
    if (format.kind == FormatKind::kJson) {
      side.json = ParseExactJson(*bytes);
    } else if (format.kind == FormatKind::kKafka && columns.size() == 1) {
      const auto serde = serde::MakeRecordSerde(format, columns, is_key);
      const std::optional<ValueList> values = serde->Deserialize(bytes);
      side.json =
          values && !values->empty() ? ValueToJson((*values)[0], *columns[0].type) : nullptr;
    } else {
      side.json = *bytes;  // DELIMITED text, or bytes a keyless layout should not have.
    }
  } catch (const std::exception& error) {
    side.json = *bytes;
    side.error = std::string("cannot read ") + serde::FormatName(format.kind) + " bytes " +
                 RenderJson(Json(*bytes)) + ": " + error.what();
  }
  return side;
}

/// Reads bytes when no source describes the topic: JSON when they parse, else a string.
DecodedSide DecodeUnknown(const std::optional<std::string>& bytes) {
  DecodedSide side;
  if (bytes) {
    try {
      side.json = ParseExactJson(*bytes);
    } catch (const std::exception&) {
      side.json = *bytes;
    }
  }
  return side;
}

}  // namespace

RecordLayout LayoutOf(const planner::SourceDescription& source) {
  RecordLayout layout;
  layout.source_name = source.name;
  layout.key_columns = source.schema.ColumnsIn(ColumnNamespace::kKey);
  layout.value_columns = source.schema.ColumnsIn(ColumnNamespace::kValue);
  layout.key_format = source.key_format;
  layout.value_format = source.value_format;
  layout.window = source.window;
  return layout;
}

Value JsonToValue(const Json& json, const SqlType& type) {
  if (json.is_null()) {
    return Value::Null();
  }
  switch (type.kind()) {
    case TypeKind::kBoolean:
      if (json.is_boolean()) {
        return Value::Boolean(json.get<bool>());
      }
      if (json.is_string()) {
        return Value::Boolean(serde::ParseJavaBoolean(json.get<std::string>()));
      }
      ThrowMismatch(json, type);
    case TypeKind::kInt:
    case TypeKind::kDate:
    case TypeKind::kTime:
      return Value::Int32(static_cast<int32_t>(ReadIntegral(
          json, type, std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max())));
    case TypeKind::kBigint:
    case TypeKind::kTimestamp:
      return Value::Int64(ReadIntegral(
          json, type, std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max()));
    case TypeKind::kDouble: {
      const std::optional<std::string> text = NumericText(json);
      const std::optional<double> number = text ? serde::ParseJavaDouble(*text) : std::nullopt;
      if (!number) {
        ThrowMismatch(json, type);
      }
      return Value::Double(*number);
    }
    case TypeKind::kDecimal: {
      const std::optional<std::string> text = NumericText(json);
      const auto decimal =
          text ? serde::ParseDecimalText(*text, serde::DecimalGrammar::kJava) : std::nullopt;
      if (!decimal) {
        ThrowMismatch(json, type);
      }
      return Value::Decimal(serde::FitDecimal(
          *decimal, type.precision(), type.scale(), serde::DecimalScale::kColumn));
    }
    case TypeKind::kString:
      return Value::String(json.is_string()    ? json.get<std::string>()
                           : IsAnyNumber(json) ? NumberText(json)
                                               : RenderJson(json));
    case TypeKind::kBytes: {
      std::optional<std::string> bytes =
          json.is_string() ? DecodeBase64Text(json.get<std::string>()) : std::nullopt;
      if (!bytes) {
        ThrowMismatch(json, type);
      }
      return Value::String(std::move(*bytes));
    }
    case TypeKind::kArray: {
      if (!json.is_array()) {
        ThrowMismatch(json, type);
      }
      ValueList elements;
      for (const Json& element : json) {
        elements.push_back(JsonToValue(element, *type.element()));
      }
      return Value::List(std::move(elements));
    }
    case TypeKind::kMap: {
      if (!json.is_object()) {
        ThrowMismatch(json, type);
      }
      ValuePairList entries;
      for (const auto& [name, member] : json.items()) {
        entries.emplace_back(JsonToValue(Json(name), *type.key()),
                             JsonToValue(member, *type.element()));
      }
      return Value::Pairs(std::move(entries));
    }
    case TypeKind::kStruct:
      return ReadStruct(json, type);
  }
  ThrowMismatch(json, type);
}

Json ValueToJson(const Value& value, const SqlType& type) {
  switch (value.storage()) {
    case Value::Storage::kNull:
      return nullptr;
    case Value::Storage::kBoolean:
      return value.AsBoolean();
    case Value::Storage::kInt32:
      return value.AsInt32();
    case Value::Storage::kInt64:
      return value.AsInt64();
    case Value::Storage::kDouble: {
      std::string text;
      serde::AppendJavaDouble(value.AsDouble(), text);
      return std::isfinite(value.AsDouble()) ? MakeExactNumber(text) : Json(text);
    }
    case Value::Storage::kDecimal: {
      std::string text;
      serde::AppendDecimalString(value.AsDecimal(), text);
      return MakeExactNumber(text);
    }
    case Value::Storage::kBytes:
      return type.kind() == TypeKind::kBytes ? EncodeBase64(value.AsString()) : value.AsString();
    case Value::Storage::kList: {
      const ValueList& items = value.AsList();
      if (type.kind() == TypeKind::kStruct) {
        Json object = Json::object();
        for (size_t i = 0; i < items.size() && i < type.fields().size(); ++i) {
          object[type.fields()[i].name] = ValueToJson(items[i], *type.fields()[i].type);
        }
        return object;
      }
      Json array = Json::array();
      for (const Value& item : items) {
        array.push_back(type.element() ? ValueToJson(item, *type.element())
                                       : Json(item.DebugString()));
      }
      return array;
    }
    case Value::Storage::kPairs: {
      Json object = Json::object();
      for (const auto& [key, item] : value.AsPairs()) {
        const std::string name =
            key.storage() == Value::Storage::kBytes ? key.AsString() : key.DebugString();
        object[name] =
            type.element() ? ValueToJson(item, *type.element()) : Json(item.DebugString());
      }
      return object;
    }
  }
  return nullptr;
}

runtime::TopicRecord EncodeInput(const QttRecord& record, const RecordLayout* layout) {
  runtime::TopicRecord out;
  out.timestamp = record.timestamp.value_or(0);
  if (layout == nullptr) {
    const auto raw = [](const Json& json) -> std::optional<std::string> {
      if (json.is_null()) {
        return std::nullopt;
      }
      return json.is_string() ? json.get<std::string>() : RenderJson(json);
    };
    out.key = raw(record.key);
    out.value = raw(record.value);
  } else {
    out.key = EncodeSide(record.key, layout->key_columns, layout->key_format, /*is_key=*/true);
    out.value =
        EncodeSide(record.value, layout->value_columns, layout->value_format, /*is_key=*/false);
  }
  if (record.window) {
    // Kafka Streams' windowed key suffix: the start for time windows; end then start for
    // session windows (FORMAT.md §5.2).
    std::string key = out.key.value_or("");
    if (record.window->type == "session") {
      AppendBigEndian(record.window->end, key);
    }
    AppendBigEndian(record.window->start, key);
    out.key = std::move(key);
  }
  if (record.headers) {
    for (const QttHeader& header : *record.headers) {
      std::optional<std::string> bytes;
      if (header.value_base64) {
        bytes = DecodeBase64Text(*header.value_base64);
        if (!bytes) {
          throw std::invalid_argument("header " + header.key + " is not base64");
        }
      }
      out.headers.push_back(runtime::RecordHeader{header.key, bytes});
    }
  }
  return out;
}

ActualRecord DecodeOutput(const runtime::TopicRecord& record, const RecordLayout* layout) {
  ActualRecord actual;
  actual.timestamp = record.timestamp;
  actual.headers = record.headers;
  actual.partition = record.partition;
  actual.offset = record.offset;
  if (layout == nullptr) {
    actual.key = DecodeUnknown(record.key);
    actual.value = DecodeUnknown(record.value);
    return actual;
  }
  std::optional<std::string> key = record.key;
  if (layout->window && key) {
    const bool session = layout->window->type == planner::WindowType::kSession;
    const size_t suffix = session ? 16 : 8;
    if (key->size() < suffix) {
      actual.key.error = "windowed key of " + std::to_string(key->size()) + " bytes is too short";
      actual.key.json = *key;
      return actual;
    }
    QttWindow window;
    window.type = session ? "session" : "time";
    window.start = ReadBigEndian(*key, key->size() - 8);
    window.end = session ? ReadBigEndian(*key, key->size() - 16)
                         : window.start + layout->window->size_ms.value_or(0);
    actual.window = window;
    key->resize(key->size() - suffix);
    if (key->empty() && layout->key_columns.empty()) {
      key.reset();
    }
  }
  actual.key = DecodeSide(key, layout->key_columns, layout->key_format, /*is_key=*/true);
  actual.value = DecodeSide(record.value, layout->value_columns, layout->value_format, false);
  return actual;
}

std::string EncodeBase64(const std::string& bytes) {
  std::string text;
  serde::AppendBase64(bytes, text);
  return text;
}

std::optional<std::string> DecodeBase64Text(const std::string& text) {
  return serde::DecodeBase64(text);
}

}  // namespace fluxo::qtt
