#include "runtime/expr/cast.h"

#include <cmath>
#include <limits>
#include <string>

#include "runtime/core/error.h"
#include "runtime/expr/decimal_arithmetic.h"
#include "runtime/expr/decimal_text.h"
#include "runtime/expr/string_conversion.h"
#include "runtime/expr/temporal_text.h"
#include "runtime/expr/value_text.h"

namespace fluxo::expr {

namespace {

constexpr int64_t kMillisPerDay = 86'400'000;

bool IsOneOf(TypeKind kind, std::initializer_list<TypeKind> kinds) {
  for (TypeKind candidate : kinds) {
    if (kind == candidate) {
      return true;
    }
  }
  return false;
}

// Java's (int) and (long) casts of a double: truncate, saturate, NaN -> 0.
template <typename Integer>
Integer JavaDoubleToInteger(double value) {
  if (std::isnan(value)) {
    return 0;
  }
  constexpr auto kMax = static_cast<double>(std::numeric_limits<Integer>::max());
  constexpr auto kMin = static_cast<double>(std::numeric_limits<Integer>::min());
  if (value >= kMax) {
    return std::numeric_limits<Integer>::max();
  }
  if (value <= kMin) {
    return std::numeric_limits<Integer>::min();
  }
  return static_cast<Integer>(value);
}

// DecimalUtil.cast for an exact value: fail at 10^(precision - scale) or above (ensureMax),
// then round half-up to the scale, failing if that carries past the precision.
// ExactToDecimal without rounding (scale >= value.scale), in 128 bits: the value fits when
// |unscaled| < 10^(precision - scale + value.scale), and then the rescaled value has at most
// `precision` (<= 38) digits. `fits` tells whether it fits; nothing when this path cannot tell.
std::optional<DecimalValue> ExactToDecimalUnrounded(const DecimalValue& value,
                                                    int precision,
                                                    int scale,
                                                    bool& fits) {
  const int digits = precision - scale + value.scale;
  if (scale < value.scale || digits < 0 || digits > SqlType::kMaxDecimalPrecision) {
    return std::nullopt;
  }
  const Int128 magnitude = value.unscaled < 0 ? -value.unscaled : value.unscaled;
  fits = magnitude < PowerOfTen(digits);
  return DecimalValue{fits ? value.unscaled * PowerOfTen(scale - value.scale) : 0, scale};
}

std::optional<Value> ExactToDecimal(const DecimalValue& value, int precision, int scale) {
  bool fits = false;
  if (const std::optional<DecimalValue> unrounded =
          ExactToDecimalUnrounded(value, precision, scale, fits)) {
    return fits ? std::optional<Value>(Value::Decimal(*unrounded)) : std::nullopt;
  }
  const DecimalValue magnitude{value.unscaled < 0 ? -value.unscaled : value.unscaled, value.scale};
  if (CompareDecimals(magnitude, DecimalValue{PowerOfTen(precision - scale), 0}) >= 0) {
    return std::nullopt;
  }
  const std::optional<DecimalValue> rescaled = RescaleDecimal(value, scale);
  if (!rescaled.has_value() || !FitsPrecision(rescaled->unscaled, precision)) {
    return std::nullopt;
  }
  return Value::Decimal(*rescaled);
}

std::optional<Value> ToDecimal(const Value& value, const SqlType& from, const SqlType& to) {
  switch (from.kind()) {
    case TypeKind::kInt:
    case TypeKind::kBigint:
    case TypeKind::kDecimal:
      return ExactToDecimal(ToDecimalValue(value), to.precision(), to.scale());
    case TypeKind::kDouble: {
      const auto decimal = DecimalFromDouble(value.AsDouble(), to.precision(), to.scale());
      return decimal ? std::optional<Value>(Value::Decimal(*decimal)) : std::nullopt;
    }
    default: {
      const auto decimal = DecimalFromText(TrimJava(value.AsString()), to.precision(), to.scale());
      return decimal ? std::optional<Value>(Value::Decimal(*decimal)) : std::nullopt;
    }
  }
}

std::optional<Value> ToInt(const Value& value, const SqlType& from) {
  switch (from.kind()) {
    case TypeKind::kBigint:
      return Value::Int32(static_cast<int32_t>(value.AsInt64()));
    case TypeKind::kDecimal:
      return Value::Int32(static_cast<int32_t>(DecimalIntegerPart(value.AsDecimal())));
    case TypeKind::kDouble:
      return Value::Int32(JavaDoubleToInteger<int32_t>(value.AsDouble()));
    default: {
      const auto parsed = ParseJavaInt(TrimJava(value.AsString()));
      return parsed ? std::optional<Value>(Value::Int32(*parsed)) : std::nullopt;
    }
  }
}

std::optional<Value> ToBigint(const Value& value, const SqlType& from) {
  switch (from.kind()) {
    case TypeKind::kInt:
      return Value::Int64(value.AsInt32());
    case TypeKind::kDecimal:
      return Value::Int64(static_cast<int64_t>(DecimalIntegerPart(value.AsDecimal())));
    case TypeKind::kDouble:
      return Value::Int64(JavaDoubleToInteger<int64_t>(value.AsDouble()));
    default: {
      const auto parsed = ParseJavaLong(TrimJava(value.AsString()));
      return parsed ? std::optional<Value>(Value::Int64(*parsed)) : std::nullopt;
    }
  }
}

std::optional<Value> ToDouble(const Value& value, const SqlType& from) {
  switch (from.kind()) {
    case TypeKind::kInt:
      return Value::Double(value.AsInt32());
    case TypeKind::kBigint:
      return Value::Double(static_cast<double>(value.AsInt64()));
    case TypeKind::kDecimal:
      return Value::Double(DecimalToDouble(value.AsDecimal()));
    default: {
      const auto parsed = ParseJavaDouble(value.AsString());
      return parsed ? std::optional<Value>(Value::Double(*parsed)) : std::nullopt;
    }
  }
}

std::optional<Value> ToTemporal(const Value& value, const SqlType& from, const SqlType& to) {
  if (from.kind() == TypeKind::kString) {
    const std::string_view text = TrimJava(value.AsString());
    if (to.kind() == TypeKind::kTimestamp) {
      const auto millis = ParseTimestampText(text);
      return millis ? std::optional<Value>(Value::Int64(*millis)) : std::nullopt;
    }
    const auto parsed = to.kind() == TypeKind::kDate ? ParseDateText(text) : ParseTimeText(text);
    return parsed ? std::optional<Value>(Value::Int32(*parsed)) : std::nullopt;
  }
  if (from.kind() == TypeKind::kDate) {  // DATE -> TIMESTAMP
    return Value::Int64(static_cast<int64_t>(value.AsInt32()) * kMillisPerDay);
  }
  // TIMESTAMP -> DATE or TIME
  return Value::Int32(to.kind() == TypeKind::kDate ? TimestampToDate(value.AsInt64())
                                                   : TimestampToTime(value.AsInt64()));
}

std::optional<Value> ToArray(const Value& value, const SqlType& from, const SqlType& to) {
  ValueList elements;
  elements.reserve(value.AsList().size());
  for (const Value& element : value.AsList()) {
    std::optional<Value> cast = TryCastValue(element, *from.element(), *to.element());
    if (!cast.has_value()) {
      return std::nullopt;
    }
    elements.push_back(std::move(*cast));
  }
  return Value::List(std::move(elements));
}

std::optional<Value> ToMap(const Value& value, const SqlType& from, const SqlType& to) {
  const bool keys_change = !(*from.key() == *to.key());
  ValuePairList entries;
  entries.reserve(value.AsPairs().size());
  for (const auto& [key, element] : value.AsPairs()) {
    std::optional<Value> new_key = TryCastValue(key, *from.key(), *to.key());
    std::optional<Value> new_element = TryCastValue(element, *from.element(), *to.element());
    if (!new_key.has_value() || !new_element.has_value()) {
      return std::nullopt;
    }
    // Keys that become equal collapse into one entry holding the last value, as in a HashMap.
    bool merged = false;
    for (size_t i = 0; keys_change && i < entries.size() && !merged; ++i) {
      if (entries[i].first == *new_key) {
        entries[i].second = std::move(*new_element);
        merged = true;
      }
    }
    if (!merged) {
      entries.emplace_back(std::move(*new_key), std::move(*new_element));
    }
  }
  return Value::Pairs(std::move(entries));
}

std::optional<Value> ToStruct(const Value& value, const SqlType& from, const SqlType& to) {
  ValueList fields;
  fields.reserve(to.fields().size());
  for (const StructField& field : to.fields()) {
    const int source = from.FieldIndex(field.name);
    if (source < 0) {
      fields.emplace_back();
      continue;
    }
    std::optional<Value> cast = TryCastValue(
        value.AsList()[static_cast<size_t>(source)], *from.fields()[source].type, *field.type);
    if (!cast.has_value()) {
      return std::nullopt;
    }
    fields.push_back(std::move(*cast));
  }
  return Value::List(std::move(fields));
}

}  // namespace

bool CanCast(const SqlType& from, const SqlType& to) {
  if (from == to) {
    return true;
  }
  const TypeKind target = to.kind();
  switch (from.kind()) {
    case TypeKind::kBoolean:
      return target == TypeKind::kString;
    case TypeKind::kInt:
    case TypeKind::kBigint:
    case TypeKind::kDecimal:
    case TypeKind::kDouble:
      return to.IsNumeric() || target == TypeKind::kString;
    case TypeKind::kString:
      return target != TypeKind::kArray && target != TypeKind::kMap && target != TypeKind::kStruct;
    case TypeKind::kArray:
      return target == TypeKind::kString ||
             (target == TypeKind::kArray && CanCast(*from.element(), *to.element()));
    case TypeKind::kMap:
      return target == TypeKind::kString ||
             (target == TypeKind::kMap && CanCast(*from.key(), *to.key()) &&
              CanCast(*from.element(), *to.element()));
    case TypeKind::kStruct:
      if (target == TypeKind::kString) {
        return true;
      }
      if (target != TypeKind::kStruct) {
        return false;
      }
      for (const StructField& field : from.fields()) {
        const int index = to.FieldIndex(field.name);
        if (index >= 0 && !CanCast(*field.type, *to.fields()[index].type)) {
          return false;
        }
      }
      return true;
    case TypeKind::kTimestamp:
      return IsOneOf(target, {TypeKind::kString, TypeKind::kDate, TypeKind::kTime});
    case TypeKind::kDate:
      return IsOneOf(target, {TypeKind::kString, TypeKind::kTimestamp});
    case TypeKind::kTime:
      return target == TypeKind::kString;
    case TypeKind::kBytes:
      return false;
  }
  return false;
}

bool CanWiden(const SqlType& from, const SqlType& to) {
  if (from == to) {
    return true;
  }
  switch (to.kind()) {
    case TypeKind::kBigint:
      return from.kind() == TypeKind::kInt;
    case TypeKind::kDouble:
      return from.IsNumeric();
    case TypeKind::kDecimal: {
      const SqlTypePtr decimal = DecimalTypeOf(from);
      return decimal && decimal->scale() <= to.scale() &&
             decimal->precision() - decimal->scale() <= to.precision() - to.scale();
    }
    case TypeKind::kTimestamp:
    case TypeKind::kDate:
    case TypeKind::kTime:
      return from.kind() == TypeKind::kString;
    case TypeKind::kArray:
      return from.kind() == TypeKind::kArray && CanWiden(*from.element(), *to.element());
    case TypeKind::kMap:
      return from.kind() == TypeKind::kMap && CanWiden(*from.key(), *to.key()) &&
             CanWiden(*from.element(), *to.element());
    case TypeKind::kStruct:
      if (from.kind() != TypeKind::kStruct || from.fields().size() != to.fields().size()) {
        return false;
      }
      for (size_t i = 0; i < from.fields().size(); ++i) {
        if (from.fields()[i].name != to.fields()[i].name ||
            !CanWiden(*from.fields()[i].type, *to.fields()[i].type)) {
          return false;
        }
      }
      return true;
    default:
      return false;
  }
}

std::optional<Value> TryCastValue(const Value& value, const SqlType& from, const SqlType& to) {
  if (value.IsNull() || from == to) {
    return value;
  }
  if (to.kind() == TypeKind::kDecimal &&
      (from.kind() == TypeKind::kBigint || from.kind() == TypeKind::kInt)) {
    // The implicit cast of DECIMAL arithmetic on an integer column, first: always allowed.
    return ExactToDecimal(ToDecimalValue(value), to.precision(), to.scale());
  }
  if (!CanCast(from, to)) {
    throw Error(ErrorKind::kInternal,
                "Cast of " + from.ToString() + " to " + to.ToString() + " is not supported");
  }
  switch (to.kind()) {
    case TypeKind::kString:
      return Value::String(ValueToText(value, from));
    case TypeKind::kBoolean:
      return Value::Boolean(ParseSqlBoolean(TrimJava(value.AsString())));
    case TypeKind::kInt:
      return ToInt(value, from);
    case TypeKind::kBigint:
      return ToBigint(value, from);
    case TypeKind::kDouble:
      return ToDouble(value, from);
    case TypeKind::kDecimal:
      return ToDecimal(value, from, to);
    case TypeKind::kTimestamp:
    case TypeKind::kDate:
    case TypeKind::kTime:
      return ToTemporal(value, from, to);
    case TypeKind::kBytes: {
      std::optional<std::string> bytes = DecodeBase64(TrimJava(value.AsString()));
      return bytes ? std::optional<Value>(Value::String(std::move(*bytes))) : std::nullopt;
    }
    case TypeKind::kArray:
      return ToArray(value, from, to);
    case TypeKind::kMap:
      return ToMap(value, from, to);
    case TypeKind::kStruct:
      return ToStruct(value, from, to);
  }
  return std::nullopt;
}

Value CastValue(const Value& value, const SqlType& from, const SqlType& to) {
  if (to.kind() == TypeKind::kDecimal && !value.IsNull() &&
      (from.kind() == TypeKind::kBigint || from.kind() == TypeKind::kInt)) {
    // The implicit cast of DECIMAL arithmetic on an integer column, without the optional.
    bool fits = false;
    if (const std::optional<DecimalValue> decimal =
            ExactToDecimalUnrounded(ToDecimalValue(value), to.precision(), to.scale(), fits)) {
      return fits ? Value::Decimal(*decimal) : Value();
    }
  }
  std::optional<Value> cast = TryCastValue(value, from, to);
  return cast.has_value() ? std::move(*cast) : Value();
}

}  // namespace fluxo::expr
