#include "planner/binder/literal_binder.h"

#include <algorithm>
#include <limits>
#include <utility>

#include "runtime/core/error.h"
#include "runtime/expr/cast.h"

namespace fluxo::planner {

expr::BoundExpressionPtr MakeLiteral(Value value, SqlTypePtr type) {
  expr::BoundExpression node;
  node.kind = expr::BoundKind::kLiteral;
  node.value = std::move(value);
  node.type = std::move(type);
  return expr::MakeBound(std::move(node));
}

expr::BoundExpressionPtr BindIntegerLiteral(int64_t value) {
  if (value >= std::numeric_limits<int32_t>::min() &&
      value <= std::numeric_limits<int32_t>::max()) {
    return MakeLiteral(Value::Int32(static_cast<int32_t>(value)), SqlType::Int());
  }
  return MakeLiteral(Value::Int64(value), SqlType::Bigint());
}

expr::BoundExpressionPtr BindDecimalLiteral(const std::string& text, const SourceSpan& span) {
  DecimalValue decimal;
  bool negative = false;
  bool after_point = false;
  int digits = 0;
  for (char c : text) {
    if (c == '-') {
      negative = true;
    } else if (c == '.') {
      after_point = true;
    } else if (c >= '0' && c <= '9') {
      if (!after_point && digits == 0 && c == '0') {
        continue;  // Leading zeros of the integer part add no precision.
      }
      if (digits >= SqlType::kMaxDecimalPrecision) {
        throw Error(ErrorKind::kType, "DECIMAL literal " + text + " has more than 38 digits", span);
      }
      decimal.unscaled = decimal.unscaled * 10 + (c - '0');
      ++digits;
      if (after_point) {
        ++decimal.scale;
      }
    }
  }
  if (negative) {
    decimal.unscaled = -decimal.unscaled;
  }
  const int precision = std::max({digits, decimal.scale, 1});
  return MakeLiteral(Value::Decimal(decimal), SqlType::Decimal(precision, decimal.scale));
}

expr::BoundExpressionPtr BindTypedLiteral(const std::string& type_name,
                                          const std::string& text,
                                          const SourceSpan& span) {
  if (type_name == "DECIMAL") {
    return BindDecimalLiteral(text, span);
  }
  SqlTypePtr type;
  if (type_name == "TIMESTAMP") {
    type = SqlType::Timestamp();
  } else if (type_name == "DATE") {
    type = SqlType::Date();
  } else if (type_name == "TIME") {
    type = SqlType::Time();
  } else {
    throw Error(
        ErrorKind::kType,
        "Unknown literal type " + type_name + " (expected TIMESTAMP, DATE, TIME or DECIMAL)",
        span);
  }
  Value value = expr::CastValue(Value::String(text), *SqlType::String(), *type);
  if (value.IsNull()) {
    throw Error(ErrorKind::kType, "Invalid " + type_name + " literal: '" + text + "'", span);
  }
  return MakeLiteral(std::move(value), type);
}

}  // namespace fluxo::planner
