#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "parser/ast/box.h"
#include "parser/ast/data_type.h"
#include "parser/ast/duration.h"
#include "parser/ast/identifier.h"
#include "parser/ast/source_span.h"

namespace fluxo::ast {

struct Expression;

/// `NULL`.
struct NullLiteral {
  bool operator==(const NullLiteral&) const = default;
};

/// `TRUE` or `FALSE`.
struct BooleanLiteral {
  bool value = false;
  bool operator==(const BooleanLiteral&) const = default;
};

/// A whole number that fits in 64 bits, sign included: `42`, `-7`.
struct IntegerLiteral {
  int64_t value = 0;
  bool operator==(const IntegerLiteral&) const = default;
};

/// A number with a decimal point and no exponent, kept exactly as written (`1.50` keeps its
/// scale of 2), as ksqlDB reads it into a DECIMAL.
struct DecimalLiteral {
  std::string text;
  bool operator==(const DecimalLiteral&) const = default;
};

/// A number with an exponent, read as a DOUBLE: `1.5E3`.
struct DoubleLiteral {
  double value = 0;
  bool operator==(const DoubleLiteral&) const = default;
};

/// A quoted string with its quotes removed and doubled quotes undone.
struct StringLiteral {
  std::string value;
  bool operator==(const StringLiteral&) const = default;
};

/// A type name followed by a string: `TIMESTAMP '2024-01-01T00:00:00'`, `DATE '2024-01-01'`.
struct TypedLiteral {
  Identifier type_name;
  std::string value;
  bool operator==(const TypedLiteral&) const = default;
};

/// Flink's `INTERVAL '5' SECOND` (also `INTERVAL 5 SECONDS`).
struct IntervalLiteral {
  std::string value;
  TimeUnit unit = TimeUnit::kSecond;
  bool operator==(const IntervalLiteral&) const = default;
};

/// `${name}` used as a value; replaced before binding.
struct VariableReference {
  std::string name;
  bool operator==(const VariableReference&) const = default;
};

/// A column, optionally qualified by a source name or alias: `PRICE`, `T.PRICE`.
struct ColumnReference {
  std::optional<Identifier> qualifier;
  Identifier name;
  bool operator==(const ColumnReference&) const = default;
};

/// A struct field access: `address->city`.
struct Dereference {
  Box<Expression> base;
  Identifier field;
  bool operator==(const Dereference&) const = default;
};

/// An array or map subscript: `items[1]`, `attributes['color']`.
struct Subscript {
  Box<Expression> base;
  Box<Expression> index;
  bool operator==(const Subscript&) const = default;
};

enum class UnaryOperator { kMinus, kPlus };

/// `-x` or `+x`.
struct ArithmeticUnary {
  UnaryOperator op = UnaryOperator::kMinus;
  Box<Expression> operand;
  bool operator==(const ArithmeticUnary&) const = default;
};

enum class BinaryOperator { kAdd, kSubtract, kMultiply, kDivide, kModulus, kConcat };

/// `a + b`, `a * b`, `a || b`, ...
struct ArithmeticBinary {
  BinaryOperator op = BinaryOperator::kAdd;
  Box<Expression> left;
  Box<Expression> right;
  bool operator==(const ArithmeticBinary&) const = default;
};

enum class ComparisonOperator {
  kEqual,
  kNotEqual,
  kLess,
  kLessOrEqual,
  kGreater,
  kGreaterOrEqual,
  kIsDistinctFrom,
  kIsNotDistinctFrom,
};

/// `a = b`, `a <> b`, `a IS [NOT] DISTINCT FROM b`, ...
struct Comparison {
  ComparisonOperator op = ComparisonOperator::kEqual;
  Box<Expression> left;
  Box<Expression> right;
  bool operator==(const Comparison&) const = default;
};

enum class LogicalOperator { kAnd, kOr };

/// `a AND b`, `a OR b`.
struct LogicalBinary {
  LogicalOperator op = LogicalOperator::kAnd;
  Box<Expression> left;
  Box<Expression> right;
  bool operator==(const LogicalBinary&) const = default;
};

/// `NOT a`.
struct Not {
  Box<Expression> operand;
  bool operator==(const Not&) const = default;
};

/// `value [NOT] BETWEEN low AND high`.
struct Between {
  Box<Expression> value;
  Box<Expression> low;
  Box<Expression> high;
  bool negated = false;
  bool operator==(const Between&) const = default;
};

/// `value [NOT] IN (a, b, ...)`.
struct InList {
  Box<Expression> value;
  std::vector<Expression> list;
  bool negated = false;
  bool operator==(const InList&) const = default;
};

/// `value [NOT] LIKE pattern [ESCAPE 'c']`.
struct Like {
  Box<Expression> value;
  Box<Expression> pattern;
  std::optional<std::string> escape;
  bool negated = false;
  bool operator==(const Like&) const = default;
};

/// `value IS [NOT] NULL`.
struct IsNull {
  Box<Expression> value;
  bool negated = false;
  bool operator==(const IsNull&) const = default;
};

/// One `WHEN condition THEN result` branch of a CASE.
struct WhenClause : Node {
  Box<Expression> condition;
  Box<Expression> result;
  bool operator==(const WhenClause&) const = default;
};

/// `CASE WHEN c THEN r ... [ELSE e] END`.
struct SearchedCase {
  std::vector<WhenClause> when_clauses;
  std::optional<Box<Expression>> else_value;
  bool operator==(const SearchedCase&) const = default;
};

/// `CASE operand WHEN v THEN r ... [ELSE e] END`.
struct SimpleCase {
  Box<Expression> operand;
  std::vector<WhenClause> when_clauses;
  std::optional<Box<Expression>> else_value;
  bool operator==(const SimpleCase&) const = default;
};

/// `CAST(value AS type)`.
struct Cast {
  Box<Expression> value;
  DataType type;
  bool operator==(const Cast&) const = default;
};

/// A function call: `UCASE(name)`, `COUNT(*)`, `COUNT(DISTINCT x)`, `TUMBLE(ts, INTERVAL '1'
/// HOUR)`, `TRANSFORM(arr, x => x + 1)`.
struct FunctionCall {
  Identifier name;
  std::vector<Expression> arguments;
  bool distinct = false;
  bool star = false;  ///< `F(*)`; then `arguments` is empty.
  bool operator==(const FunctionCall&) const = default;
};

/// A time unit passed as a function argument: `TIMESTAMPADD(SECONDS, 5, ts)`.
struct TimeUnitArgument {
  TimeUnit unit = TimeUnit::kSeconds;
  bool operator==(const TimeUnitArgument&) const = default;
};

/// A lambda passed to a higher-order function: `x => x + 1`, `(k, v) => v > 0`.
struct Lambda {
  std::vector<Identifier> parameters;
  Box<Expression> body;
  bool operator==(const Lambda&) const = default;
};

/// `ARRAY[a, b, ...]`.
struct ArrayConstructor {
  std::vector<Expression> elements;
  bool operator==(const ArrayConstructor&) const = default;
};

/// One `key := value` entry of a MAP constructor.
struct MapEntry : Node {
  Box<Expression> key;
  Box<Expression> value;
  bool operator==(const MapEntry&) const = default;
};

/// `MAP(k1 := v1, ...)`.
struct MapConstructor {
  std::vector<MapEntry> entries;
  bool operator==(const MapConstructor&) const = default;
};

/// One `name := value` field of a STRUCT constructor.
struct StructEntry : Node {
  Identifier name;
  Box<Expression> value;
  bool operator==(const StructEntry&) const = default;
};

/// `STRUCT(name := value, ...)`.
struct StructConstructor {
  std::vector<StructEntry> fields;
  bool operator==(const StructConstructor&) const = default;
};

/// Any SQL expression: one of the node kinds above plus the span it was parsed from.
struct Expression : Node {
  using Variant = std::variant<NullLiteral,
                               BooleanLiteral,
                               IntegerLiteral,
                               DecimalLiteral,
                               DoubleLiteral,
                               StringLiteral,
                               TypedLiteral,
                               IntervalLiteral,
                               VariableReference,
                               ColumnReference,
                               Dereference,
                               Subscript,
                               ArithmeticUnary,
                               ArithmeticBinary,
                               Comparison,
                               LogicalBinary,
                               Not,
                               Between,
                               InList,
                               Like,
                               IsNull,
                               SearchedCase,
                               SimpleCase,
                               Cast,
                               FunctionCall,
                               TimeUnitArgument,
                               Lambda,
                               ArrayConstructor,
                               MapConstructor,
                               StructConstructor>;

  Variant node;

  /// Returns the node as `T`, or nullptr when it is another kind.
  template <class T>
  const T* As() const {
    return std::get_if<T>(&node);
  }

  /// Returns true when the node is a `T`.
  template <class T>
  bool Is() const {
    return std::holds_alternative<T>(node);
  }

  bool operator==(const Expression&) const = default;
};

}  // namespace fluxo::ast
