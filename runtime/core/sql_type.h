#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace fluxo {

/// The SQL types of ksqlDB's dialect.
enum class TypeKind : uint8_t {
  kBoolean,
  kInt,        ///< 32-bit signed
  kBigint,     ///< 64-bit signed
  kDouble,     ///< IEEE-754 binary64
  kDecimal,    ///< exact, precision 1..38, scale 0..precision
  kString,     ///< UTF-8 text
  kBytes,      ///< raw bytes
  kTimestamp,  ///< milliseconds since the epoch, UTC
  kDate,       ///< days since the epoch
  kTime,       ///< milliseconds since midnight
  kArray,
  kMap,  ///< keys are STRING in ksqlDB
  kStruct,
};

/// The SQL name of a type kind without its parameters ("INTEGER", "DECIMAL", "ARRAY", ...), as
/// ksqlDB's schemas name a type's kind.
const char* TypeKindName(TypeKind kind);

class SqlType;

/// Types are immutable and shared.
using SqlTypePtr = std::shared_ptr<const SqlType>;

/// One field of a STRUCT type. Field names are case-sensitive, as in ksqlDB.
struct StructField {
  std::string name;
  SqlTypePtr type;
};

/// A SQL type: a kind plus, for DECIMAL, its precision and scale, and for ARRAY, MAP and STRUCT,
/// the types they hold. Compare with operator==, which is structural.
class SqlType {
 public:
  static constexpr int kMaxDecimalPrecision = 38;

  static SqlTypePtr Boolean();
  static SqlTypePtr Int();
  static SqlTypePtr Bigint();
  static SqlTypePtr Double();
  static SqlTypePtr String();
  static SqlTypePtr Bytes();
  static SqlTypePtr Timestamp();
  static SqlTypePtr Date();
  static SqlTypePtr Time();
  static SqlTypePtr Decimal(int precision, int scale);
  static SqlTypePtr Array(SqlTypePtr element);
  static SqlTypePtr Map(SqlTypePtr key, SqlTypePtr value);
  static SqlTypePtr Struct(std::vector<StructField> fields);

  TypeKind kind() const { return kind_; }

  int precision() const { return precision_; }

  int scale() const { return scale_; }

  /// ARRAY: the element type. MAP: the value type.
  const SqlTypePtr& element() const { return element_; }

  /// MAP: the key type.
  const SqlTypePtr& key() const { return key_; }

  const std::vector<StructField>& fields() const { return fields_; }

  /// Returns the index of the STRUCT field called `name`, or -1.
  int FieldIndex(const std::string& name) const;

  /// Returns true for INT, BIGINT, DOUBLE and DECIMAL.
  bool IsNumeric() const;

  /// Returns true for ARRAY, MAP and STRUCT.
  bool IsComposite() const;

  /// Returns the type as ksqlDB writes it: `INTEGER`, `DECIMAL(10, 2)`, `ARRAY<STRING>`,
  /// `MAP<STRING, INTEGER>`, `STRUCT<\`A\` INTEGER, \`B\` STRING>`.
  std::string ToString() const;

  bool operator==(const SqlType& other) const;

  SqlType(TypeKind kind,
          int precision,
          int scale,
          SqlTypePtr key,
          SqlTypePtr element,
          std::vector<StructField> fields);

 private:
  TypeKind kind_;
  int precision_ = 0;
  int scale_ = 0;
  SqlTypePtr key_;
  SqlTypePtr element_;
  std::vector<StructField> fields_;
};

/// Returns the position of a numeric kind on ksqlDB's implicit widening chain INT -> BIGINT ->
/// DECIMAL -> DOUBLE (a type widens to any later one), or -1 for other kinds.
int NumericWideningRank(TypeKind kind);

/// Returns true when both are null or both point at equal types.
bool SameType(const SqlTypePtr& left, const SqlTypePtr& right);

}  // namespace fluxo
