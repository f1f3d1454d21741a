#include "runtime/expr/arithmetic.h"

#include <cmath>
#include <limits>

#include <doctest/doctest.h>

#include "runtime/core/error.h"

namespace fluxo::expr {

namespace {

using Op = ArithmeticOperator;

Value Dec(Int128 unscaled, int32_t scale) {
  return Value::Decimal(DecimalValue{unscaled, scale});
}

Value Int(int32_t value) {
  return Value::Int32(value);
}

Value Int(Op op, int32_t left, int32_t right) {
  return EvaluateArithmetic(op, Int(left), Int(right), *SqlType::Int());
}

bool ResultTypeIs(Op op, const SqlTypePtr& left, const SqlTypePtr& right, const SqlTypePtr& want) {
  const SqlTypePtr got = ArithmeticResultType(op, *left, *right);
  return SameType(got, want);
}

bool ThrowsExecution(Op op, const Value& left, const Value& right, const SqlTypePtr& type) {
  try {
    EvaluateArithmetic(op, left, right, *type);
  } catch (const Error& error) {
    return error.kind() == ErrorKind::kExecution;
  }
  return false;
}

}  // namespace

TEST_SUITE("expr") {
  TEST_CASE("result types of numbers widen along INT, BIGINT, DECIMAL, DOUBLE") {
    const SqlTypePtr i = SqlType::Int();
    const SqlTypePtr b = SqlType::Bigint();
    const SqlTypePtr d = SqlType::Double();
    const SqlTypePtr d42 = SqlType::Decimal(4, 2);
    CHECK(ResultTypeIs(Op::kAdd, i, i, i));
    CHECK(ResultTypeIs(Op::kDivide, i, i, i));
    CHECK(ResultTypeIs(Op::kAdd, i, b, b));
    CHECK(ResultTypeIs(Op::kMultiply, b, i, b));
    CHECK(ResultTypeIs(Op::kAdd, i, d, d));
    CHECK(ResultTypeIs(Op::kModulus, d, b, d));
    CHECK(ResultTypeIs(Op::kAdd, d42, d, d));
    CHECK(ResultTypeIs(Op::kSubtract, d, d42, d));
  }

  TEST_CASE("DECIMAL result types follow SqlDecimal (QTT decimal.json types)") {
    const SqlTypePtr d42 = SqlType::Decimal(4, 2);
    CHECK(ResultTypeIs(Op::kAdd, d42, d42, SqlType::Decimal(5, 2)));
    CHECK(ResultTypeIs(Op::kSubtract, d42, d42, SqlType::Decimal(5, 2)));
    CHECK(ResultTypeIs(Op::kMultiply, d42, d42, SqlType::Decimal(9, 4)));
    CHECK(ResultTypeIs(Op::kDivide, d42, d42, SqlType::Decimal(11, 7)));
    CHECK(ResultTypeIs(Op::kModulus, d42, d42, SqlType::Decimal(4, 2)));
    // The integer counts as DECIMAL(10, 0): max(2, 10) + 2 + 1 digits, scale 2.
    CHECK(ResultTypeIs(Op::kAdd, d42, SqlType::Int(), SqlType::Decimal(13, 2)));
    CHECK(ResultTypeIs(Op::kAdd, SqlType::Bigint(), d42, SqlType::Decimal(22, 2)));
    // DECIMAL(5,3) + DECIMAL(4,1): scale 3, integer digits max(2, 3) + 1.
    CHECK(ResultTypeIs(
        Op::kAdd, SqlType::Decimal(5, 3), SqlType::Decimal(4, 1), SqlType::Decimal(7, 3)));
    // DECIMAL(10,2) % DECIMAL(3,2): min(8, 1) + 2.
    CHECK(ResultTypeIs(
        Op::kModulus, SqlType::Decimal(10, 2), SqlType::Decimal(3, 2), SqlType::Decimal(3, 2)));
    // Beyond 38 digits the scale gives way: (41, 20) -> (38, 17); the DECIMAL(33,7) / BIGINT of
    // ksqlDB issue 9874 is (53, 27) -> (38, 12).
    const SqlTypePtr d2010 = SqlType::Decimal(20, 10);
    CHECK(ResultTypeIs(Op::kMultiply, d2010, d2010, SqlType::Decimal(38, 17)));
    CHECK(ResultTypeIs(
        Op::kDivide, SqlType::Decimal(33, 7), SqlType::Bigint(), SqlType::Decimal(38, 12)));
  }

  TEST_CASE("strings concatenate with +; other mixes do not combine") {
    CHECK(ResultTypeIs(Op::kAdd, SqlType::String(), SqlType::String(), SqlType::String()));
    CHECK(ArithmeticResultType(Op::kSubtract, *SqlType::String(), *SqlType::String()) == nullptr);
    CHECK(ArithmeticResultType(Op::kAdd, *SqlType::String(), *SqlType::Int()) == nullptr);
    CHECK(ArithmeticResultType(Op::kAdd, *SqlType::Boolean(), *SqlType::Int()) == nullptr);
    CHECK(ArithmeticResultType(Op::kAdd, *SqlType::Timestamp(), *SqlType::Bigint()) == nullptr);
    CHECK(EvaluateArithmetic(
              Op::kAdd, Value::String("prefix-"), Value::String("s1"), *SqlType::String()) ==
          Value::String("prefix-s1"));
  }

  TEST_CASE("operand types: DECIMAL operands keep their own DECIMAL type") {
    CHECK(*ArithmeticOperandType(*SqlType::Int(), *SqlType::Decimal(13, 2)) ==
          *SqlType::Decimal(10, 0));
    CHECK(*ArithmeticOperandType(*SqlType::Decimal(4, 2), *SqlType::Decimal(13, 2)) ==
          *SqlType::Decimal(4, 2));
    CHECK(*ArithmeticOperandType(*SqlType::Int(), *SqlType::Bigint()) == *SqlType::Bigint());
    CHECK(*ArithmeticOperandType(*SqlType::Decimal(4, 2), *SqlType::Double()) ==
          *SqlType::Double());
  }

  TEST_CASE("INT arithmetic as Java's int (QTT operators.json)") {
    CHECK(Int(Op::kAdd, Int(Op::kMultiply, 2, 3).AsInt32(), 4) == Int(10));
    CHECK(Int(Op::kSubtract, Int(Op::kMultiply, 2, 3).AsInt32(), 4) == Int(2));
    CHECK(Int(Op::kDivide, 6, 3) == Int(2));
    CHECK(Int(Op::kModulus, 6, 4) == Int(2));
    CHECK(Int(Op::kModulus, 16, 6) == Int(4));
    // 6 % 4 / 2 * 6 = 6; 6 / 2 % 2 * 2 = 2.
    CHECK(Int(Op::kMultiply, Int(Op::kDivide, Int(Op::kModulus, 6, 4).AsInt32(), 2).AsInt32(), 6) ==
          Int(6));
    CHECK(Int(Op::kDivide, -7, 2) == Int(-3));  // truncates toward zero
    CHECK(Int(Op::kModulus, -7, 2) == Int(-1));
    CHECK(Int(Op::kModulus, 7, -2) == Int(1));
    const int32_t min = std::numeric_limits<int32_t>::min();
    CHECK(Int(Op::kAdd, 2147483647, 1) == Int(min));
    CHECK(Int(Op::kMultiply, 65536, 65536) == Int(0));
    CHECK(Int(Op::kDivide, min, -1) == Int(min));
    CHECK(Int(Op::kModulus, min, -1) == Int(0));
    CHECK(ThrowsExecution(Op::kDivide, Int(1), Int(0), SqlType::Int()));
    CHECK(ThrowsExecution(Op::kModulus, Int(1), Int(0), SqlType::Int()));
  }

  TEST_CASE("BIGINT arithmetic wraps as Java's long and accepts INT operands") {
    const int64_t max = std::numeric_limits<int64_t>::max();
    CHECK(EvaluateArithmetic(Op::kAdd, Value::Int64(max), Value::Int64(1), *SqlType::Bigint()) ==
          Value::Int64(std::numeric_limits<int64_t>::min()));
    CHECK(EvaluateArithmetic(Op::kAdd, Int(2), Value::Int64(4294967296), *SqlType::Bigint()) ==
          Value::Int64(4294967298));
    CHECK(ThrowsExecution(Op::kDivide, Value::Int64(5), Value::Int64(0), SqlType::Bigint()));
  }

  TEST_CASE("DOUBLE arithmetic is IEEE-754; DECIMAL and integer operands are accepted") {
    const SqlType& d = *SqlType::Double();
    const double infinity = std::numeric_limits<double>::infinity();
    CHECK(EvaluateArithmetic(Op::kDivide, Value::Double(1), Value::Double(0), d) ==
          Value::Double(infinity));
    CHECK(std::isnan(
        EvaluateArithmetic(Op::kDivide, Value::Double(0), Value::Double(0), d).AsDouble()));
    CHECK(EvaluateArithmetic(Op::kModulus, Value::Double(5.5), Value::Double(2), d) ==
          Value::Double(1.5));
    CHECK(EvaluateArithmetic(Op::kModulus, Value::Double(-5.5), Value::Double(2), d) ==
          Value::Double(-1.5));
    CHECK(std::isnan(
        EvaluateArithmetic(Op::kModulus, Value::Double(1), Value::Double(0), d).AsDouble()));
    // QTT decimal.json "addition with double": DECIMAL 10.01 + DOUBLE 5.1 in doubles.
    CHECK(EvaluateArithmetic(Op::kAdd, Dec(1001, 2), Value::Double(5.1), d) ==
          Value::Double(10.01 + 5.1));
    CHECK(EvaluateArithmetic(Op::kMultiply, Int(3), Value::Double(0.5), d) == Value::Double(1.5));
  }

  TEST_CASE("DECIMAL arithmetic (QTT decimal.json)") {
    const SqlTypePtr d42 = SqlType::Decimal(4, 2);
    const auto evaluate = [&](Op op, const Value& left, const Value& right) {
      return EvaluateArithmetic(op, left, right, *ArithmeticResultType(op, *d42, *d42));
    };
    CHECK(evaluate(Op::kAdd, Dec(1001, 2), Dec(510, 2)) == Dec(1511, 2));
    CHECK(evaluate(Op::kSubtract, Dec(1010, 2), Dec(510, 2)) == Dec(500, 2));
    CHECK(evaluate(Op::kMultiply, Dec(1010, 2), Dec(-200, 2)) == Dec(-202000, 4));
    CHECK(evaluate(Op::kDivide, Dec(1010, 2), Dec(200, 2)) == Dec(50500000, 7));
    CHECK(evaluate(Op::kModulus, Dec(1010, 2), Dec(-200, 2)) == Dec(10, 2));
    CHECK(ThrowsExecution(Op::kDivide, Dec(1010, 2), Dec(0, 2), SqlType::Decimal(11, 7)));
    CHECK(ThrowsExecution(Op::kModulus, Dec(1010, 2), Dec(0, 2), d42));
    CHECK(ThrowsExecution(Op::kDivide, Dec(100, 2), Dec(300, 2), SqlType::Decimal(11, 7)));
    // "addition with int": 10.01 + 5 as DECIMAL(13,2); the INT operand as it is or cast.
    const SqlTypePtr d132 = SqlType::Decimal(13, 2);
    CHECK(EvaluateArithmetic(Op::kAdd, Dec(1001, 2), Int(5), *d132) == Dec(1501, 2));
    CHECK(EvaluateArithmetic(Op::kAdd, Dec(1001, 2), Dec(5, 0), *d132) == Dec(1501, 2));
    CHECK(EvaluateArithmetic(Op::kAdd, Dec(1001, 2), Int(-5), *d132) == Dec(501, 2));
  }

  TEST_CASE("NULL operands give NULL without evaluating") {
    CHECK(EvaluateArithmetic(Op::kAdd, Value(), Int(1), *SqlType::Int()).IsNull());
    CHECK(EvaluateArithmetic(Op::kDivide, Int(1), Value(), *SqlType::Int()).IsNull());
    CHECK(EvaluateArithmetic(Op::kDivide, Value(), Int(0), *SqlType::Int()).IsNull());
    CHECK(EvaluateArithmetic(Op::kAdd, Value(), Value::String("x"), *SqlType::String()).IsNull());
  }

  TEST_CASE("negation") {
    CHECK(Negate(Int(5), *SqlType::Int()) == Int(-5));
    CHECK(Negate(Int(std::numeric_limits<int32_t>::min()), *SqlType::Int()) ==
          Int(std::numeric_limits<int32_t>::min()));
    CHECK(Negate(Value::Int64(-3), *SqlType::Bigint()) == Value::Int64(3));
    CHECK(std::signbit(Negate(Value::Double(0.0), *SqlType::Double()).AsDouble()));
    // QTT decimal.json "negation": 10.12345 -> -10.12345.
    CHECK(Negate(Dec(1012345, 5), *SqlType::Decimal(7, 5)) == Dec(-1012345, 5));
    CHECK(Negate(Value(), *SqlType::Int()).IsNull());
  }
}

}  // namespace fluxo::expr
