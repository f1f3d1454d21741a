#include "runtime/serde/delimited_serde.h"

#include <charconv>

#include "runtime/core/error.h"
#include "runtime/serde/base64.h"
#include "runtime/serde/csv_record.h"
#include "runtime/serde/decimal_text.h"
#include "runtime/serde/java_number_text.h"
#include "runtime/serde/utf8_repair.h"

namespace fluxo::serde {

namespace {

constexpr int64_t kMillisPerDay = 86'400'000;

[[noreturn]] void FailNumber(const std::string& text) {
  throw Error(ErrorKind::kExecution, "For input string: \"" + text + "\"");
}

template <typename Number>
Number Require(std::optional<Number> number, const std::string& text) {
  if (!number) {
    FailNumber(text);
  }
  return *number;
}

/// Parses one non-empty field as ksqlDB's delimited parsers do.
Value ParseField(std::string&& text, const SqlType& type) {
  switch (type.kind()) {
    case TypeKind::kBoolean:
      return Value::Boolean(ParseJavaBoolean(text));
    case TypeKind::kInt:
    case TypeKind::kDate:
      return Value::Int32(Require(ParseJavaInt(text), text));
    case TypeKind::kBigint:
    case TypeKind::kTimestamp:
      return Value::Int64(Require(ParseJavaLong(text), text));
    case TypeKind::kTime: {
      const int64_t millis = Require(ParseJavaLong(text), text);
      if (millis < 0 || millis > kMillisPerDay) {
        throw Error(ErrorKind::kExecution,
                    "Time values must use number of milliseconds greater than 0 and less than "
                    "86400000.");
      }
      return Value::Int32(static_cast<int32_t>(millis));
    }
    case TypeKind::kDouble:
      return Value::Double(Require(ParseJavaDouble(text), text));
    case TypeKind::kDecimal:
      return Value::Decimal(FitDecimal(Require(ParseDecimalText(text, DecimalGrammar::kJava), text),
                                       type.precision(),
                                       type.scale(),
                                       DecimalScale::kColumn));
    case TypeKind::kString:
      return Value::String(std::move(text));
    case TypeKind::kBytes: {
      std::optional<std::string> bytes = DecodeBase64(text);
      if (!bytes) {
        throw Error(ErrorKind::kExecution, "Value is not a valid Base64 encoded string: " + text);
      }
      return Value::String(std::move(*bytes));
    }
    case TypeKind::kArray:
    case TypeKind::kMap:
    case TypeKind::kStruct:
      break;
  }
  FLUXO_CHECK(false, "DELIMITED cannot read " + type.ToString());
}

template <typename Integer>
void AppendInteger(Integer value, std::string& out) {
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof(buffer), value);
  out.append(buffer, result.ptr);
}

void CheckStorage(const Value& value, Value::Storage expected, const SqlType& type) {
  FLUXO_CHECK(value.storage() == expected,
              "value " + value.DebugString() + " does not have the storage of " + type.ToString());
}

/// Appends the text of one non-NULL value, before quoting.
void AppendFieldText(const Value& value, const SqlType& type, std::string& out) {
  switch (type.kind()) {
    case TypeKind::kBoolean:
      CheckStorage(value, Value::Storage::kBoolean, type);
      out += value.AsBoolean() ? "true" : "false";
      return;
    case TypeKind::kInt:
    case TypeKind::kDate:
    case TypeKind::kTime:
      CheckStorage(value, Value::Storage::kInt32, type);
      AppendInteger(value.AsInt32(), out);
      return;
    case TypeKind::kBigint:
    case TypeKind::kTimestamp:
      CheckStorage(value, Value::Storage::kInt64, type);
      AppendInteger(value.AsInt64(), out);
      return;
    case TypeKind::kDouble:
      CheckStorage(value, Value::Storage::kDouble, type);
      AppendJavaDouble(value.AsDouble(), out);
      return;
    case TypeKind::kDecimal:
      CheckStorage(value, Value::Storage::kDecimal, type);
      AppendPlainDecimalString(value.AsDecimal(), out);
      return;
    case TypeKind::kString:
      CheckStorage(value, Value::Storage::kBytes, type);
      out += value.AsString();
      return;
    case TypeKind::kBytes:
      CheckStorage(value, Value::Storage::kBytes, type);
      AppendBase64(value.AsString(), out);
      return;
    case TypeKind::kArray:
    case TypeKind::kMap:
    case TypeKind::kStruct:
      break;
  }
  FLUXO_CHECK(false, "DELIMITED cannot write " + type.ToString());
}

}  // namespace

DelimitedSerde::DelimitedSerde(std::vector<Column> columns, bool is_key, char delimiter)
    : columns_(std::move(columns)), is_key_(is_key), delimiter_(delimiter) {}

std::optional<ValueList> DelimitedSerde::Deserialize(
    const std::optional<std::string>& bytes) const {
  if (!bytes) {
    return std::nullopt;
  }
  if (columns_.empty()) {
    return ValueList{};
  }
  const std::string prefix =
      std::string("Failed to deserialize ") + (is_key_ ? "key" : "value") + " from DELIMITED: ";
  std::vector<std::string> fields;
  try {
    fields = ReadCsvRecord(RepairUtf8(*bytes), delimiter_);
  } catch (const Error& error) {
    throw Error(ErrorKind::kExecution, prefix + error.message());
  }
  if (fields.empty()) {
    throw Error(ErrorKind::kExecution, prefix + "No fields in record");
  }
  if (fields.size() != columns_.size()) {
    throw Error(ErrorKind::kExecution,
                prefix + "Column count mismatch on deserialization. expected: " +
                    std::to_string(columns_.size()) + ", got: " + std::to_string(fields.size()));
  }
  ValueList values(columns_.size());
  for (size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].empty()) {
      continue;
    }
    try {
      values[i] = ParseField(std::move(fields[i]), *columns_[i].type);
    } catch (const Error& error) {
      if (error.kind() != ErrorKind::kExecution) {
        throw;
      }
      throw Error(ErrorKind::kExecution,
                  prefix + error.message() + ", column: `" + columns_[i].name + "`");
    }
  }
  return values;
}

std::optional<std::string> DelimitedSerde::Serialize(const std::optional<ValueList>& values) const {
  if (!values) {
    return std::nullopt;
  }
  FLUXO_CHECK(values->size() == columns_.size(),
              "DELIMITED serde got " + std::to_string(values->size()) + " values for " +
                  std::to_string(columns_.size()) + " columns");
  std::string line;
  std::string field;
  for (size_t i = 0; i < columns_.size(); ++i) {
    if (i > 0) {
      line.push_back(delimiter_);
    }
    const Value& value = (*values)[i];
    if (value.IsNull()) {
      continue;
    }
    field.clear();
    AppendFieldText(value, *columns_[i].type, field);
    AppendCsvField(field, i == 0, delimiter_, line);
  }
  return line;
}

}  // namespace fluxo::serde
