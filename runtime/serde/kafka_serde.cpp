#include "runtime/serde/kafka_serde.h"

#include <bit>
#include <cmath>
#include <cstdint>

#include "runtime/core/error.h"
#include "runtime/serde/utf8_repair.h"

namespace fluxo::serde {

namespace {

template <typename Unsigned>
std::string BigEndian(Unsigned bits) {
  std::string bytes(sizeof(Unsigned), '\0');
  for (size_t i = 0; i < sizeof(Unsigned); ++i) {
    bytes[sizeof(Unsigned) - 1 - i] = static_cast<char>(bits & 0xFF);
    bits = static_cast<Unsigned>(bits >> 8);
  }
  return bytes;
}

template <typename Unsigned>
Unsigned FromBigEndian(const std::string& bytes) {
  Unsigned bits = 0;
  for (const char byte : bytes) {
    bits = static_cast<Unsigned>(bits << 8 | static_cast<unsigned char>(byte));
  }
  return bits;
}

void CheckStorage(const Value& value, Value::Storage expected, const SqlType& type) {
  FLUXO_CHECK(value.storage() == expected,
              "value " + value.DebugString() + " does not have the storage of " + type.ToString());
}

}  // namespace

KafkaSerde::KafkaSerde(Column column, bool is_key) : column_(std::move(column)), is_key_(is_key) {}

std::optional<ValueList> KafkaSerde::Deserialize(const std::optional<std::string>& bytes) const {
  if (!bytes) {
    return std::nullopt;
  }
  return ValueList{ReadValue(*bytes)};
}

bool KafkaSerde::DeserializeInto(const std::optional<std::string>& bytes,
                                 ValueList& row,
                                 const std::vector<size_t>& slots) const {
  if (!bytes) {
    return false;
  }
  Value value = ReadValue(*bytes);
  if (!slots.empty()) {
    row[slots[0]] = std::move(value);
  }
  return true;
}

Value KafkaSerde::ReadValue(const std::string& bytes) const {
  auto require_size = [&](size_t size, const char* deserializer) {
    if (bytes.size() != size) {
      throw Error(ErrorKind::kExecution,
                  std::string("Failed to deserialize ") + (is_key_ ? "key" : "value") +
                      " from KAFKA: Size of data received by " + deserializer + " is not " +
                      std::to_string(size) + ", got " + std::to_string(bytes.size()) +
                      " bytes, column: `" + column_.name + "`");
    }
  };
  switch (column_.type->kind()) {
    case TypeKind::kInt:
      require_size(4, "IntegerDeserializer");
      return Value::Int32(static_cast<int32_t>(FromBigEndian<uint32_t>(bytes)));
    case TypeKind::kBigint:
      require_size(8, "LongDeserializer");
      return Value::Int64(static_cast<int64_t>(FromBigEndian<uint64_t>(bytes)));
    case TypeKind::kDouble:
      require_size(8, "DoubleDeserializer");
      return Value::Double(std::bit_cast<double>(FromBigEndian<uint64_t>(bytes)));
    case TypeKind::kString:
      return Value::String(RepairUtf8(bytes));
    case TypeKind::kBytes:
      return Value::String(bytes);
    default:
      break;
  }
  FLUXO_CHECK(false, "KAFKA cannot read " + column_.type->ToString());
}

std::optional<std::string> KafkaSerde::Serialize(const std::optional<ValueList>& values) const {
  if (!values) {
    return std::nullopt;
  }
  FLUXO_CHECK(values->size() == 1, "KAFKA serde got " + std::to_string(values->size()) + " values");
  return SerializeValue((*values)[0]);
}

std::optional<std::string> KafkaSerde::SerializeFrom(const ValueList& row,
                                                     const std::vector<size_t>& slots) const {
  FLUXO_CHECK(slots.size() == 1, "KAFKA serde got " + std::to_string(slots.size()) + " values");
  return SerializeValue(row[slots[0]]);
}

std::optional<std::string> KafkaSerde::SerializeValue(const Value& value) const {
  if (value.IsNull()) {
    return std::nullopt;
  }
  switch (column_.type->kind()) {
    case TypeKind::kInt:
      CheckStorage(value, Value::Storage::kInt32, *column_.type);
      return BigEndian(static_cast<uint32_t>(value.AsInt32()));
    case TypeKind::kBigint:
      CheckStorage(value, Value::Storage::kInt64, *column_.type);
      return BigEndian(static_cast<uint64_t>(value.AsInt64()));
    case TypeKind::kDouble: {
      CheckStorage(value, Value::Storage::kDouble, *column_.type);
      // Java's Double.doubleToLongBits writes every NaN as the one canonical NaN.
      const double number = value.AsDouble();
      return BigEndian(std::isnan(number) ? uint64_t{0x7ff8000000000000}
                                          : std::bit_cast<uint64_t>(number));
    }
    case TypeKind::kString:
    case TypeKind::kBytes:
      CheckStorage(value, Value::Storage::kBytes, *column_.type);
      return value.AsString();
    default:
      break;
  }
  FLUXO_CHECK(false, "KAFKA cannot write " + column_.type->ToString());
}

}  // namespace fluxo::serde
