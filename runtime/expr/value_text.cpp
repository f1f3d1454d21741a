#include "runtime/expr/value_text.h"

#include <cmath>

#include "runtime/expr/decimal_text.h"
#include "runtime/expr/temporal_text.h"

namespace fluxo::expr {

namespace {

// How a value prints as the Java object ksqlDB holds it in (String.valueOf), which is what a
// collection or struct element looks like inside CAST(... AS STRING).
std::string JavaObjectText(const Value& value, const SqlType& type) {
  if (value.IsNull()) {
    return "null";
  }
  switch (type.kind()) {
    case TypeKind::kDecimal:
      return DecimalToJavaString(value.AsDecimal());
    case TypeKind::kTimestamp:
      return FormatJavaSqlTimestamp(value.AsInt64());
    case TypeKind::kDate:
      return FormatJavaSqlDate(value.AsInt32());
    case TypeKind::kTime:
      return FormatJavaSqlTime(value.AsInt32());
    default:
      return ValueToText(value, type);
  }
}

std::string ArrayText(const Value& value, const SqlType& type) {
  std::string text = "[";
  const ValueList& elements = value.AsList();
  for (size_t i = 0; i < elements.size(); ++i) {
    text += (i > 0 ? ", " : "") + JavaObjectText(elements[i], *type.element());
  }
  return text + "]";
}

std::string MapText(const Value& value, const SqlType& type) {
  std::string text = "{";
  const ValuePairList& entries = value.AsPairs();
  for (size_t i = 0; i < entries.size(); ++i) {
    text += (i > 0 ? ", " : "") + JavaObjectText(entries[i].first, *type.key()) + "=" +
            JavaObjectText(entries[i].second, *type.element());
  }
  return text + "}";
}

std::string StructText(const Value& value, const SqlType& type) {
  // org.apache.kafka.connect.data.Struct.toString skips fields that hold null.
  std::string text = "Struct{";
  const ValueList& fields = value.AsList();
  bool first = true;
  for (size_t i = 0; i < fields.size() && i < type.fields().size(); ++i) {
    if (fields[i].IsNull()) {
      continue;
    }
    text += (first ? "" : ",") + type.fields()[i].name + "=" +
            JavaObjectText(fields[i], *type.fields()[i].type);
    first = false;
  }
  return text + "}";
}

}  // namespace

std::string FormatJavaDouble(double value) {
  if (std::isnan(value)) {
    return "NaN";
  }
  if (std::isinf(value)) {
    return value > 0 ? "Infinity" : "-Infinity";
  }
  const std::string sign = std::signbit(value) ? "-" : "";
  if (value == 0) {
    return sign + "0.0";
  }
  const DecimalDigits shortest = ShortestDigitsOfDouble(value);
  const std::string& digits = shortest.digits;
  // The exponent of the leading digit: value = d.ddd * 10^leading.
  const int64_t leading = shortest.exponent + static_cast<int64_t>(digits.size()) - 1;
  if (leading >= -3 && leading < 7) {
    if (leading < 0) {
      return sign + "0." + std::string(static_cast<size_t>(-leading - 1), '0') + digits;
    }
    const auto integer_digits = static_cast<size_t>(leading + 1);
    if (digits.size() <= integer_digits) {
      return sign + digits + std::string(integer_digits - digits.size(), '0') + ".0";
    }
    return sign + digits.substr(0, integer_digits) + "." + digits.substr(integer_digits);
  }
  const std::string fraction = digits.size() > 1 ? digits.substr(1) : "0";
  return sign + digits.substr(0, 1) + "." + fraction + "E" + std::to_string(leading);
}

std::string ValueToText(const Value& value, const SqlType& type) {
  switch (type.kind()) {
    case TypeKind::kBoolean:
      return value.AsBoolean() ? "true" : "false";
    case TypeKind::kInt:
      return std::to_string(value.AsInt32());
    case TypeKind::kBigint:
      return std::to_string(value.AsInt64());
    case TypeKind::kDouble:
      return FormatJavaDouble(value.AsDouble());
    case TypeKind::kDecimal:
      return DecimalToPlainString(value.AsDecimal());
    case TypeKind::kString:
      return value.AsString();
    case TypeKind::kBytes: {
      // java.nio.HeapByteBuffer.toString, as ksqlDB's BYTES values print.
      const std::string size = std::to_string(value.AsString().size());
      return "java.nio.HeapByteBuffer[pos=0 lim=" + size + " cap=" + size + "]";
    }
    case TypeKind::kTimestamp:
      return FormatTimestampText(value.AsInt64());
    case TypeKind::kDate:
      return FormatDateText(value.AsInt32());
    case TypeKind::kTime:
      return FormatTimeText(value.AsInt32());
    case TypeKind::kArray:
      return ArrayText(value, type);
    case TypeKind::kMap:
      return MapText(value, type);
    case TypeKind::kStruct:
      return StructText(value, type);
  }
  return value.DebugString();
}

}  // namespace fluxo::expr
