#include "runtime/functions/implicit_widening.h"

#include <algorithm>

namespace fluxo::functions {

namespace {

SqlTypePtr WiderDecimal(const SqlType& left, const SqlType& right) {
  const int scale = std::max(left.scale(), right.scale());
  const int integer_digits =
      std::max(left.precision() - left.scale(), right.precision() - right.scale());
  return SqlType::Decimal(std::min(SqlType::kMaxDecimalPrecision, integer_digits + scale), scale);
}

}  // namespace

SqlTypePtr DecimalTypeFor(const SqlTypePtr& type) {
  if (!type) {
    return nullptr;
  }
  switch (type->kind()) {
    case TypeKind::kInt:
      return SqlType::Decimal(10, 0);
    case TypeKind::kBigint:
      return SqlType::Decimal(19, 0);
    case TypeKind::kDecimal:
      return type;
    default:
      return nullptr;
  }
}

int WideningSteps(const SqlTypePtr& from, const SqlTypePtr& to) {
  if (!from || !to) {
    return -1;
  }
  if (SameType(from, to)) {
    return 0;
  }
  const int from_position = NumericWideningRank(from->kind());
  const int to_position = NumericWideningRank(to->kind());
  if (from_position >= 0 && to_position >= 0) {
    return from_position <= to_position ? to_position - from_position : -1;
  }
  if (from->kind() == TypeKind::kArray && to->kind() == TypeKind::kArray) {
    return WideningSteps(from->element(), to->element());
  }
  if (from->kind() == TypeKind::kMap && to->kind() == TypeKind::kMap &&
      SameType(from->key(), to->key())) {
    return WideningSteps(from->element(), to->element());
  }
  return -1;
}

SqlTypePtr CommonWidenedType(const SqlTypePtr& left, const SqlTypePtr& right) {
  if (!left || !right) {
    return left ? left : right;
  }
  if (SameType(left, right)) {
    return left;
  }
  const int left_position = NumericWideningRank(left->kind());
  const int right_position = NumericWideningRank(right->kind());
  if (left_position >= 0 && right_position >= 0) {
    if (std::max(left_position, right_position) == NumericWideningRank(TypeKind::kDecimal)) {
      return WiderDecimal(*DecimalTypeFor(left), *DecimalTypeFor(right));
    }
    return left_position > right_position ? left : right;
  }
  if (left->kind() == TypeKind::kArray && right->kind() == TypeKind::kArray) {
    SqlTypePtr element = CommonWidenedType(left->element(), right->element());
    return element ? SqlType::Array(std::move(element)) : nullptr;
  }
  if (left->kind() == TypeKind::kMap && right->kind() == TypeKind::kMap &&
      SameType(left->key(), right->key())) {
    SqlTypePtr value = CommonWidenedType(left->element(), right->element());
    return value ? SqlType::Map(left->key(), std::move(value)) : nullptr;
  }
  return nullptr;
}

}  // namespace fluxo::functions
