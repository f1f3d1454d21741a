#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace fluxo {

__extension__ using Int128 = __int128;  // DECIMAL(38) needs 128 bits; GCC and Clang have it.

/// An exact decimal number: `unscaled * 10^-scale`. Precision lives in the column's type.
struct DecimalValue {
  Int128 unscaled = 0;
  int32_t scale = 0;

  bool operator==(const DecimalValue&) const = default;
};

class Value;

using ValueList = std::vector<Value>;
using ValuePairList = std::vector<std::pair<Value, Value>>;

/// One SQL value, or SQL NULL. The storage says how the bits are kept, not what they mean: an
/// INT, a DATE (days) and a TIME (milliseconds) are all int32, a BIGINT and a TIMESTAMP
/// (milliseconds) are int64, STRING and BYTES are both byte strings; the column's SqlType
/// tells them apart. ARRAY, MAP and STRUCT values are immutable and shared, so copying a Value
/// never deep-copies.
class Value {
 public:
  enum class Storage : uint8_t {
    kNull,
    kBoolean,
    kInt32,
    kInt64,
    kDouble,
    kDecimal,
    kBytes,  ///< STRING and BYTES
    kList,   ///< ARRAY (elements) and STRUCT (fields in type order)
    kPairs,  ///< MAP (entries in insertion order)
  };

  Value() = default;

  static Value Null() { return Value(); }

  static Value Boolean(bool value) { return Value(Data(value)); }

  static Value Int32(int32_t value) { return Value(Data(value)); }

  static Value Int64(int64_t value) { return Value(Data(value)); }

  static Value Double(double value) { return Value(Data(value)); }

  static Value Decimal(DecimalValue value) { return Value(Data(value)); }

  static Value String(std::string value) { return Value(Data(std::move(value))); }

  static Value List(ValueList values) {
    return Value(Data(std::make_shared<const ValueList>(std::move(values))));
  }

  static Value Pairs(ValuePairList pairs) {
    return Value(Data(std::make_shared<const ValuePairList>(std::move(pairs))));
  }

  Storage storage() const { return static_cast<Storage>(data_.index()); }

  bool IsNull() const { return data_.index() == 0; }

  bool AsBoolean() const { return std::get<bool>(data_); }

  int32_t AsInt32() const { return std::get<int32_t>(data_); }

  int64_t AsInt64() const { return std::get<int64_t>(data_); }

  double AsDouble() const { return std::get<double>(data_); }

  const DecimalValue& AsDecimal() const { return std::get<DecimalValue>(data_); }

  const std::string& AsString() const { return std::get<std::string>(data_); }

  const ValueList& AsList() const { return *std::get<std::shared_ptr<const ValueList>>(data_); }

  const ValuePairList& AsPairs() const {
    return *std::get<std::shared_ptr<const ValuePairList>>(data_);
  }

  /// Structural equality: same storage and equal contents (NULL equals NULL here; SQL's
  /// three-valued `=` is the evaluator's business). Doubles compare by value.
  bool operator==(const Value& other) const;

  /// Returns a debugging representation such as `42`, `'abc'`, `[1, 2]`, `NULL`.
  std::string DebugString() const;

 private:
  using Data = std::variant<std::monostate,
                            bool,
                            int32_t,
                            int64_t,
                            double,
                            DecimalValue,
                            std::string,
                            std::shared_ptr<const ValueList>,
                            std::shared_ptr<const ValuePairList>>;

  explicit Value(Data data) : data_(std::move(data)) {}

  Data data_;
};

}  // namespace fluxo
