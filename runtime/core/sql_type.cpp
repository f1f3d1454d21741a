#include "runtime/core/sql_type.h"

#include <utility>

namespace fluxo {

namespace {

SqlTypePtr Primitive(TypeKind kind) {
  return std::make_shared<const SqlType>(kind, 0, 0, nullptr, nullptr, std::vector<StructField>{});
}

}  // namespace

SqlType::SqlType(TypeKind kind,
                 int precision,
                 int scale,
                 SqlTypePtr key,
                 SqlTypePtr element,
                 std::vector<StructField> fields)
    : kind_(kind),
      precision_(precision),
      scale_(scale),
      key_(std::move(key)),
      element_(std::move(element)),
      fields_(std::move(fields)) {}

SqlTypePtr SqlType::Boolean() {
  static const SqlTypePtr kType = Primitive(TypeKind::kBoolean);
  return kType;
}

SqlTypePtr SqlType::Int() {
  static const SqlTypePtr kType = Primitive(TypeKind::kInt);
  return kType;
}

SqlTypePtr SqlType::Bigint() {
  static const SqlTypePtr kType = Primitive(TypeKind::kBigint);
  return kType;
}

SqlTypePtr SqlType::Double() {
  static const SqlTypePtr kType = Primitive(TypeKind::kDouble);
  return kType;
}

SqlTypePtr SqlType::String() {
  static const SqlTypePtr kType = Primitive(TypeKind::kString);
  return kType;
}

SqlTypePtr SqlType::Bytes() {
  static const SqlTypePtr kType = Primitive(TypeKind::kBytes);
  return kType;
}

SqlTypePtr SqlType::Timestamp() {
  static const SqlTypePtr kType = Primitive(TypeKind::kTimestamp);
  return kType;
}

SqlTypePtr SqlType::Date() {
  static const SqlTypePtr kType = Primitive(TypeKind::kDate);
  return kType;
}

SqlTypePtr SqlType::Time() {
  static const SqlTypePtr kType = Primitive(TypeKind::kTime);
  return kType;
}

SqlTypePtr SqlType::Decimal(int precision, int scale) {
  return std::make_shared<const SqlType>(
      TypeKind::kDecimal, precision, scale, nullptr, nullptr, std::vector<StructField>{});
}

SqlTypePtr SqlType::Array(SqlTypePtr element) {
  return std::make_shared<const SqlType>(
      TypeKind::kArray, 0, 0, nullptr, std::move(element), std::vector<StructField>{});
}

SqlTypePtr SqlType::Map(SqlTypePtr key, SqlTypePtr value) {
  return std::make_shared<const SqlType>(
      TypeKind::kMap, 0, 0, std::move(key), std::move(value), std::vector<StructField>{});
}

SqlTypePtr SqlType::Struct(std::vector<StructField> fields) {
  return std::make_shared<const SqlType>(
      TypeKind::kStruct, 0, 0, nullptr, nullptr, std::move(fields));
}

int SqlType::FieldIndex(const std::string& name) const {
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (fields_[i].name == name) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

bool SqlType::IsNumeric() const {
  return kind_ == TypeKind::kInt || kind_ == TypeKind::kBigint || kind_ == TypeKind::kDouble ||
         kind_ == TypeKind::kDecimal;
}

bool SqlType::IsComposite() const {
  return kind_ == TypeKind::kArray || kind_ == TypeKind::kMap || kind_ == TypeKind::kStruct;
}

const char* TypeKindName(TypeKind kind) {
  switch (kind) {
    case TypeKind::kBoolean:
      return "BOOLEAN";
    case TypeKind::kInt:
      return "INTEGER";
    case TypeKind::kBigint:
      return "BIGINT";
    case TypeKind::kDouble:
      return "DOUBLE";
    case TypeKind::kDecimal:
      return "DECIMAL";
    case TypeKind::kString:
      return "STRING";
    case TypeKind::kBytes:
      return "BYTES";
    case TypeKind::kTimestamp:
      return "TIMESTAMP";
    case TypeKind::kDate:
      return "DATE";
    case TypeKind::kTime:
      return "TIME";
    case TypeKind::kArray:
      return "ARRAY";
    case TypeKind::kMap:
      return "MAP";
    case TypeKind::kStruct:
      return "STRUCT";
  }
  return "UNKNOWN";
}

std::string SqlType::ToString() const {
  switch (kind_) {
    case TypeKind::kDecimal:
      return "DECIMAL(" + std::to_string(precision_) + ", " + std::to_string(scale_) + ")";
    case TypeKind::kArray:
      return "ARRAY<" + element_->ToString() + ">";
    case TypeKind::kMap:
      return "MAP<" + key_->ToString() + ", " + element_->ToString() + ">";
    case TypeKind::kStruct: {
      std::string text = "STRUCT<";
      for (size_t i = 0; i < fields_.size(); ++i) {
        text += (i > 0 ? ", `" : "`") + fields_[i].name + "` " + fields_[i].type->ToString();
      }
      return text + ">";
    }
    default:
      return TypeKindName(kind_);
  }
}

bool SqlType::operator==(const SqlType& other) const {
  if (kind_ != other.kind_ || precision_ != other.precision_ || scale_ != other.scale_ ||
      !SameType(key_, other.key_) || !SameType(element_, other.element_) ||
      fields_.size() != other.fields_.size()) {
    return false;
  }
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (fields_[i].name != other.fields_[i].name ||
        !SameType(fields_[i].type, other.fields_[i].type)) {
      return false;
    }
  }
  return true;
}

int NumericWideningRank(TypeKind kind) {
  switch (kind) {
    case TypeKind::kInt:
      return 0;
    case TypeKind::kBigint:
      return 1;
    case TypeKind::kDecimal:
      return 2;
    case TypeKind::kDouble:
      return 3;
    default:
      return -1;
  }
}

bool SameType(const SqlTypePtr& left, const SqlTypePtr& right) {
  if (!left || !right) {
    return left == right;
  }
  return left == right || *left == *right;
}

}  // namespace fluxo
