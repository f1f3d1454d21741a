#include "runtime/expr/comparison.h"

#include <algorithm>
#include <cmath>

#include "runtime/core/error.h"
#include "runtime/expr/decimal_arithmetic.h"
#include "runtime/expr/decimal_text.h"
#include "runtime/expr/string_conversion.h"

namespace fluxo::expr {

namespace {

bool IsTemporal(TypeKind kind) {
  return kind == TypeKind::kTimestamp || kind == TypeKind::kDate || kind == TypeKind::kTime;
}

template <typename T>
int Order(T left, T right) {
  return left < right ? -1 : (left > right ? 1 : 0);
}

// Double.compare: a total order with -0.0 < 0.0 and NaN above everything, equal to itself.
int JavaDoubleCompare(double left, double right) {
  if (left < right) {
    return -1;
  }
  if (left > right) {
    return 1;
  }
  const bool left_nan = std::isnan(left);
  const bool right_nan = std::isnan(right);
  if (left_nan || right_nan) {
    return Order(left_nan, right_nan);
  }
  return Order(std::signbit(right), std::signbit(left));  // -0.0 before 0.0
}

DecimalDigits DigitsOfDecimal(const DecimalValue& value) {
  const Int128 magnitude = value.unscaled < 0 ? -value.unscaled : value.unscaled;
  DecimalDigits digits;
  digits.negative = value.unscaled < 0;
  digits.digits = magnitude == 0 ? "" : Int128ToString(magnitude);
  digits.exponent = -value.scale;
  return digits;
}

// A DECIMAL against a DOUBLE, as `decimal.compareTo(BigDecimal.valueOf(d))`; infinities lie
// beyond every decimal and NaN above everything.
int CompareDecimalWithDouble(const DecimalValue& decimal, double number) {
  if (std::isnan(number)) {
    return -1;
  }
  if (std::isinf(number)) {
    return number > 0 ? -1 : 1;
  }
  return CompareDecimalDigits(DigitsOfDecimal(decimal), ShortestDigitsOfDouble(number));
}

bool IsIntegral(const Value& value) {
  return value.storage() == Value::Storage::kInt32 || value.storage() == Value::Storage::kInt64;
}

int64_t LongOf(const Value& value) {
  return value.storage() == Value::Storage::kInt32 ? value.AsInt32() : value.AsInt64();
}

// Numbers of any numeric storage, with Java's promotions: integers to double when a double
// takes part, exact decimal comparison otherwise.
int CompareNumbers(const Value& left, const Value& right) {
  const bool left_double = left.storage() == Value::Storage::kDouble;
  const bool right_double = right.storage() == Value::Storage::kDouble;
  if (left_double || right_double) {
    if (left_double && right_double) {
      return JavaDoubleCompare(left.AsDouble(), right.AsDouble());
    }
    if (left.storage() == Value::Storage::kDecimal) {
      return CompareDecimalWithDouble(left.AsDecimal(), right.AsDouble());
    }
    if (right.storage() == Value::Storage::kDecimal) {
      return -CompareDecimalWithDouble(right.AsDecimal(), left.AsDouble());
    }
    const double l = left_double ? left.AsDouble() : static_cast<double>(LongOf(left));
    const double r = right_double ? right.AsDouble() : static_cast<double>(LongOf(right));
    return JavaDoubleCompare(l, r);
  }
  if (IsIntegral(left) && IsIntegral(right)) {
    return Order(LongOf(left), LongOf(right));
  }
  return CompareDecimals(ToDecimalValue(left), ToDecimalValue(right));
}

// ByteBuffer.compareTo: bytes as signed values, then the shorter buffer first.
int CompareBytes(const std::string& left, const std::string& right) {
  const size_t length = std::min(left.size(), right.size());
  for (size_t i = 0; i < length; ++i) {
    const auto l = static_cast<signed char>(left[i]);
    const auto r = static_cast<signed char>(right[i]);
    if (l != r) {
      return l < r ? -1 : 1;
    }
  }
  return Order(left.size(), right.size());
}

// Java's equals on the objects ksqlDB holds: nested NULLs are equal, Double.equals tells NaN
// equal to itself and -0.0 from 0.0, a Map ignores entry order.
bool JavaEquals(const Value& left, const Value& right, const SqlType& type) {
  if (left.IsNull() || right.IsNull()) {
    return left.IsNull() && right.IsNull();
  }
  switch (type.kind()) {
    case TypeKind::kDouble:
      return JavaDoubleCompare(left.AsDouble(), right.AsDouble()) == 0;
    case TypeKind::kArray: {
      const ValueList& l = left.AsList();
      const ValueList& r = right.AsList();
      for (size_t i = 0; i < l.size() && l.size() == r.size(); ++i) {
        if (!JavaEquals(l[i], r[i], *type.element())) {
          return false;
        }
      }
      return l.size() == r.size();
    }
    case TypeKind::kStruct: {
      const ValueList& l = left.AsList();
      const ValueList& r = right.AsList();
      for (size_t i = 0; i < l.size() && i < type.fields().size(); ++i) {
        if (!JavaEquals(l[i], r[i], *type.fields()[i].type)) {
          return false;
        }
      }
      return l.size() == r.size();
    }
    case TypeKind::kMap: {
      const ValuePairList& l = left.AsPairs();
      const ValuePairList& r = right.AsPairs();
      if (l.size() != r.size()) {
        return false;
      }
      for (const auto& entry : l) {
        const auto match = std::find_if(r.begin(), r.end(), [&](const auto& candidate) {
          return JavaEquals(entry.first, candidate.first, *type.key());
        });
        if (match == r.end() || !JavaEquals(entry.second, match->second, *type.element())) {
          return false;
        }
      }
      return true;
    }
    default:
      return CompareValues(left, right, type) == 0;
  }
}

SqlTypePtr WidenDecimals(const SqlType& left, const SqlType& right) {
  const SqlTypePtr l = DecimalTypeOf(left);
  const SqlTypePtr r = DecimalTypeOf(right);
  const int scale = std::max(l->scale(), r->scale());
  const int integer_digits = std::max(l->precision() - l->scale(), r->precision() - r->scale());
  return BoundedDecimalType(integer_digits + scale, scale);
}

// The common type of `next` and the type found so far (`current`), or nullptr.
SqlTypePtr CommonOfTwo(const SqlTypePtr& next, const SqlTypePtr& current) {
  if (*next == *current) {
    return current;
  }
  const TypeKind n = next->kind();
  const TypeKind c = current->kind();
  const int rank = std::max(NumericWideningRank(n), NumericWideningRank(c));
  if (NumericWideningRank(n) >= 0 && NumericWideningRank(c) >= 0) {
    if (rank == NumericWideningRank(TypeKind::kDecimal)) {
      return WidenDecimals(*next, *current);
    }
    return NumericWideningRank(n) == rank ? next : current;
  }
  if (n == TypeKind::kString && IsTemporal(c)) {
    return current;
  }
  if (c == TypeKind::kString && IsTemporal(n)) {
    return next;
  }
  if (n != c) {
    return nullptr;
  }
  if (n == TypeKind::kArray) {
    SqlTypePtr element = CommonOfTwo(next->element(), current->element());
    return element ? SqlType::Array(element) : nullptr;
  }
  if (n == TypeKind::kMap) {
    SqlTypePtr key = CommonOfTwo(next->key(), current->key());
    SqlTypePtr element = CommonOfTwo(next->element(), current->element());
    return key && element ? SqlType::Map(key, element) : nullptr;
  }
  if (n != TypeKind::kStruct) {
    return nullptr;
  }
  std::vector<StructField> fields;
  for (const StructField& field : next->fields()) {
    const int index = current->FieldIndex(field.name);
    SqlTypePtr type =
        index < 0 ? field.type : CommonOfTwo(field.type, current->fields()[index].type);
    if (!type) {
      return nullptr;
    }
    fields.push_back(StructField{field.name, type});
  }
  for (const StructField& field : current->fields()) {
    if (next->FieldIndex(field.name) < 0) {
      fields.push_back(field);
    }
  }
  return SqlType::Struct(std::move(fields));
}

}  // namespace

SqlTypePtr ComparisonType(const SqlType& left, const SqlType& right, bool ordering) {
  const TypeKind l = left.kind();
  const TypeKind r = right.kind();
  SqlTypePtr self = std::make_shared<const SqlType>(left);
  if (left.IsNumeric() && right.IsNumeric()) {
    const SqlTypePtr other = std::make_shared<const SqlType>(right);
    return CommonOfTwo(other, self);
  }
  if (IsTemporal(l) || IsTemporal(r)) {
    if (l == TypeKind::kString || r == TypeKind::kString || l == r) {
      return IsTemporal(l) ? self : std::make_shared<const SqlType>(right);
    }
    const bool timestamp_and_date = (l == TypeKind::kTimestamp && r == TypeKind::kDate) ||
                                    (l == TypeKind::kDate && r == TypeKind::kTimestamp);
    return timestamp_and_date ? SqlType::Timestamp() : nullptr;
  }
  if (l != r) {
    return nullptr;
  }
  switch (l) {
    case TypeKind::kString:
    case TypeKind::kBytes:
      return self;
    case TypeKind::kBoolean:
      return ordering ? nullptr : self;
    case TypeKind::kArray:
    case TypeKind::kMap:
    case TypeKind::kStruct: {
      if (ordering) {
        return nullptr;
      }
      return CommonOfTwo(std::make_shared<const SqlType>(right), self);
    }
    default:
      return nullptr;
  }
}

int CompareValues(const Value& left, const Value& right, const SqlType& type) {
  switch (type.kind()) {
    case TypeKind::kBoolean:
      return Order(left.AsBoolean(), right.AsBoolean());
    case TypeKind::kInt:
    case TypeKind::kBigint:
    case TypeKind::kDecimal:
    case TypeKind::kDouble:
      return CompareNumbers(left, right);
    case TypeKind::kString:
      return CompareJavaStrings(left.AsString(), right.AsString());
    case TypeKind::kBytes:
      return CompareBytes(left.AsString(), right.AsString());
    case TypeKind::kTimestamp:
    case TypeKind::kDate:
    case TypeKind::kTime:
      return Order(LongOf(left), LongOf(right));
    case TypeKind::kArray:
    case TypeKind::kMap:
    case TypeKind::kStruct:
      return JavaEquals(left, right, type) ? 0 : 1;
  }
  throw Error(ErrorKind::kInternal, "Cannot compare values of " + type.ToString());
}

std::optional<int> CompareSql(const Value& left, const Value& right, const SqlType& type) {
  const bool left_double = left.storage() == Value::Storage::kDouble;
  const bool right_double = right.storage() == Value::Storage::kDouble;
  if ((left_double && std::isnan(left.AsDouble())) ||
      (right_double && std::isnan(right.AsDouble()))) {
    return std::nullopt;
  }
  if (left_double && right_double) {
    return Order(left.AsDouble(), right.AsDouble());  // IEEE: -0.0 equals 0.0.
  }
  return CompareValues(left, right, type);
}

std::optional<SqlTypePtr> CommonType(const std::vector<SqlTypePtr>& types) {
  SqlTypePtr common;
  for (const SqlTypePtr& type : types) {
    if (!type) {
      continue;
    }
    common = common ? CommonOfTwo(type, common) : type;
    if (!common) {
      return std::nullopt;
    }
  }
  return common;
}

}  // namespace fluxo::expr
