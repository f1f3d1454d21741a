#include "runtime/serde/json_value_reader.h"

#include <algorithm>
#include <string>

#include "runtime/core/error.h"
#include "runtime/serde/base64.h"
#include "runtime/serde/decimal_text.h"
#include "runtime/serde/java_number_text.h"
#include "runtime/serde/json_number.h"
#include "runtime/serde/json_writer.h"

namespace fluxo::serde {

namespace {

namespace ondemand = simdjson::ondemand;
using JsonType = ondemand::json_type;

constexpr int64_t kMillisPerDay = 86'400'000;

[[noreturn]] void FailNumber() {
  throw MalformedJson("invalid number");
}

/// Returns the text of a number value, which the caller still has to check against JSON's
/// number grammar (the conversions in json_number.h do, or CheckedNumberToken).
std::string_view NumberToken(ondemand::value& value) {
  std::string_view token = value.raw_json_token();
  while (!token.empty() && (token.back() == ' ' || token.back() == '\t' || token.back() == '\n' ||
                            token.back() == '\r')) {
    token.remove_suffix(1);
  }
  return token;
}

std::string_view CheckedNumberToken(ondemand::value& value) {
  const std::string_view token = NumberToken(value);
  if (!IsJsonNumber(token)) {
    FailNumber();
  }
  return token;
}

std::string NodeName(ondemand::value& value, JsonType type) {
  switch (type) {
    case JsonType::object:
      return "ObjectNode";
    case JsonType::array:
      return "ArrayNode";
    case JsonType::string:
      return "TextNode";
    case JsonType::boolean:
      return "BooleanNode";
    case JsonType::null:
      return "NullNode";
    case JsonType::number:
      return JsonNumberNodeName(CheckedNumberToken(value));
  }
  return "JsonNode";
}

[[noreturn]] void FailStringCoercion(const SqlType& required) {
  throw CoercionFailure("Can't coerce string to type. targetType: " + required.ToString());
}

/// Appends `value` as Jackson writes the Java object it reads as: compact JSON.
void AppendCompactJson(ondemand::value value, std::string& out) {
  switch (TakeJson(value.type())) {
    case JsonType::array: {
      out.push_back('[');
      bool first = true;
      for (auto element : TakeJson(value.get_array())) {
        out += first ? "" : ",";
        first = false;
        AppendCompactJson(TakeJson(element), out);
      }
      out.push_back(']');
      return;
    }
    case JsonType::object: {
      out.push_back('{');
      bool first = true;
      for (auto field_result : TakeJson(value.get_object())) {
        ondemand::field field = TakeJson(field_result);
        out += first ? "" : ",";
        first = false;
        AppendJsonString(TakeJson(field.unescaped_key()), out);
        out.push_back(':');
        AppendCompactJson(field.value(), out);
      }
      out.push_back('}');
      return;
    }
    case JsonType::number:
      AppendJsonNumberText(CheckedNumberToken(value), out);
      return;
    case JsonType::string:
      AppendJsonString(TakeJson(value.get_string()), out);
      return;
    case JsonType::boolean:
      out += TakeJson(value.get_bool()) ? "true" : "false";
      return;
    case JsonType::null:
      ExpectJsonNull(value);
      out += "null";
      return;
  }
}

/// Appends any JSON value as ksqlDB's STRING coercion prints it.
void AppendAsString(ondemand::value value, JsonType type, std::string& out) {
  switch (type) {
    case JsonType::string:
      out += TakeJson(value.get_string());
      return;
    case JsonType::number:
      AppendJsonNumberText(CheckedNumberToken(value), out);
      return;
    case JsonType::boolean:
      out += TakeJson(value.get_bool()) ? "true" : "false";
      return;
    case JsonType::null:
      ExpectJsonNull(value);
      out += "null";
      return;
    case JsonType::object:
      AppendCompactJson(value, out);
      return;
    case JsonType::array: {
      out.push_back('[');
      bool first = true;
      for (auto element_result : TakeJson(value.get_array())) {
        ondemand::value element = TakeJson(element_result);
        out += first ? "" : ", ";
        first = false;
        AppendAsString(element, TakeJson(element.type()), out);
      }
      out.push_back(']');
      return;
    }
  }
}

/// Reads an integral type: INT, BIGINT, TIMESTAMP, DATE and TIME.
int64_t ReadIntegral(ondemand::value& value, JsonType type, const SqlType& sql_type, bool wide) {
  std::optional<int64_t> result;
  if (type == JsonType::number) {
    result = JsonNumberToLong(NumberToken(value));
    if (!result) {
      FailNumber();
    }
    if (!wide) {
      result = static_cast<int32_t>(*result);  // Java's intValue(): the low 32 bits.
    }
  } else if (type == JsonType::string) {
    const std::string_view text = TakeJson(value.get_string());
    result = wide ? ParseJavaLong(text) : std::optional<int64_t>(ParseJavaInt(text));
    if (!result) {
      FailStringCoercion(sql_type);
    }
  } else {
    FailJsonConversion(value, type, sql_type);
  }
  if (sql_type.kind() == TypeKind::kTime && (*result < 0 || *result > kMillisPerDay)) {
    throw CoercionFailure(
        "Time values must use number of milliseconds greater than 0 and less than 86400000.");
  }
  return *result;
}

Value ReadDecimal(ondemand::value& value, JsonType type, const SqlType& sql_type) {
  std::optional<DecimalText> decimal;
  if (type == JsonType::number) {
    decimal = ParseDecimalText(NumberToken(value), DecimalGrammar::kJson);
    if (!decimal) {
      FailNumber();
    }
  } else if (type == JsonType::string) {
    decimal = ParseDecimalText(TakeJson(value.get_string()), DecimalGrammar::kJava);
    if (!decimal) {
      FailStringCoercion(sql_type);
    }
  } else {
    FailJsonConversion(value, type, sql_type);
  }
  try {
    // As ksqlDB's DecimalUtil.ensureFit: the value takes the column's scale (1.2 read as
    // DECIMAL(12, 7) is 1.2000000).
    return Value::Decimal(
        FitDecimal(*decimal, sql_type.precision(), sql_type.scale(), DecimalScale::kColumn));
  } catch (const Error& error) {
    throw CoercionFailure(error.message());
  }
}

}  // namespace

[[noreturn]] void FailJsonConversion(ondemand::value& value,
                                     JsonType type,
                                     const SqlType& required) {
  throw CoercionFailure("Can't convert type. sourceType: " + NodeName(value, type) +
                        ", requiredType: " + required.ToString());
}

void ExpectJsonNull(ondemand::value& value) {
  if (!TakeJson(value.is_null())) {
    throw MalformedJson("invalid literal");
  }
}

void ReadToSkipJsonValue(ondemand::value value) {
  switch (TakeJson(value.type())) {
    case JsonType::array:
      for (auto element : TakeJson(value.get_array())) {
        SkipJsonValue(TakeJson(element));
      }
      return;
    case JsonType::object:
      for (auto field_result : TakeJson(value.get_object())) {
        ondemand::field field = TakeJson(field_result);
        TakeJson(field.unescaped_key());
        SkipJsonValue(field.value());
      }
      return;
    case JsonType::number:
      CheckedNumberToken(value);
      return;
    case JsonType::string:
      TakeJson(value.get_string());
      return;
    case JsonType::boolean:
      TakeJson(value.get_bool());
      return;
    case JsonType::null:
      ExpectJsonNull(value);
      return;
  }
}

Value ReadJsonValue(ondemand::value& value, const SqlType& sql_type) {
  // The common cases first: an integer in range for an integral column, a string for a STRING
  // column. Where they do not apply, simdjson leaves the value unread for the general path.
  switch (sql_type.kind()) {
    case TypeKind::kBigint:
    case TypeKind::kTimestamp: {
      int64_t number = 0;
      if (value.get_int64().get(number) == simdjson::SUCCESS) {
        return Value::Int64(number);
      }
      break;
    }
    case TypeKind::kInt:
    case TypeKind::kDate: {
      int64_t number = 0;
      if (value.get_int64().get(number) == simdjson::SUCCESS) {
        return Value::Int32(static_cast<int32_t>(number));  // Java's intValue(): the low bits.
      }
      break;
    }
    case TypeKind::kString: {
      std::string_view text;
      if (value.get_string().get(text) == simdjson::SUCCESS) {
        return Value::String(std::string(text));
      }
      break;
    }
    default:
      break;
  }
  const JsonType type = TakeJson(value.type());
  if (type == JsonType::null) {
    ExpectJsonNull(value);
    return Value::Null();
  }
  switch (sql_type.kind()) {
    case TypeKind::kBoolean:
      if (type != JsonType::boolean) {
        FailJsonConversion(value, type, sql_type);
      }
      return Value::Boolean(TakeJson(value.get_bool()));
    case TypeKind::kInt:
    case TypeKind::kDate:
    case TypeKind::kTime:
      return Value::Int32(static_cast<int32_t>(ReadIntegral(value, type, sql_type, false)));
    case TypeKind::kBigint:
    case TypeKind::kTimestamp:
      return Value::Int64(ReadIntegral(value, type, sql_type, true));
    case TypeKind::kDouble: {
      if (type == JsonType::number) {
        const std::optional<double> number = JsonNumberToDouble(NumberToken(value));
        if (!number) {
          FailNumber();
        }
        return Value::Double(*number);
      }
      if (type != JsonType::string) {
        FailJsonConversion(value, type, sql_type);
      }
      const std::optional<double> parsed = ParseJavaDouble(TakeJson(value.get_string()));
      if (!parsed) {
        FailStringCoercion(sql_type);
      }
      return Value::Double(*parsed);
    }
    case TypeKind::kDecimal:
      return ReadDecimal(value, type, sql_type);
    case TypeKind::kString: {
      if (type == JsonType::string) {
        return Value::String(std::string(TakeJson(value.get_string())));
      }
      std::string text;
      AppendAsString(value, type, text);
      return Value::String(std::move(text));
    }
    case TypeKind::kBytes: {
      if (type != JsonType::string) {
        FailJsonConversion(value, type, sql_type);
      }
      const std::string_view text = TakeJson(value.get_string());
      std::optional<std::string> bytes = DecodeBase64(text);
      if (!bytes) {
        throw CoercionFailure("Value is not a valid Base64 encoded string: " + std::string(text));
      }
      return Value::String(std::move(*bytes));
    }
    case TypeKind::kArray: {
      if (type != JsonType::array) {
        FailJsonConversion(value, type, sql_type);
      }
      ValueList elements;
      size_t index = 0;
      try {
        for (auto element : TakeJson(value.get_array())) {
          ondemand::value element_value = TakeJson(element);
          elements.push_back(ReadJsonValue(element_value, *sql_type.element()));
          ++index;
        }
      } catch (CoercionFailure& failure) {
        failure.path.insert(0, "[" + std::to_string(index) + "]");
        throw;
      }
      return Value::List(std::move(elements));
    }
    case TypeKind::kMap: {
      if (type != JsonType::object) {
        FailJsonConversion(value, type, sql_type);
      }
      ValuePairList pairs;
      for (auto field_result : TakeJson(value.get_object())) {
        ondemand::field field = TakeJson(field_result);
        const std::string_view key = TakeJson(field.unescaped_key());
        Value element;
        try {
          element = ReadJsonValue(field.value(), *sql_type.element());
        } catch (CoercionFailure& failure) {
          failure.path.insert(0, "." + std::string(key) + ".value");
          throw;
        }
        // A repeated key keeps its first position and its last value, as Jackson's ObjectNode.
        auto existing = std::find_if(pairs.begin(), pairs.end(), [&](const auto& pair) {
          return pair.first.AsString() == key;
        });
        if (existing != pairs.end()) {
          existing->second = std::move(element);
        } else {
          pairs.emplace_back(Value::String(std::string(key)), std::move(element));
        }
      }
      return Value::Pairs(std::move(pairs));
    }
    case TypeKind::kStruct: {
      if (type != JsonType::object) {
        FailJsonConversion(value, type, sql_type);
      }
      ValueList fields(sql_type.fields().size());
      ReadJsonFields(TakeJson(value.get_object()),
                     sql_type.fields(),
                     HasLowercaseName(sql_type.fields()),
                     JsonFieldSlots{fields.data()},
                     nullptr);
      return Value::List(std::move(fields));
    }
  }
  FLUXO_CHECK(false, "unknown type " + sql_type.ToString());
}

}  // namespace fluxo::serde
