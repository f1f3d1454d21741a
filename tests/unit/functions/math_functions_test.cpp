// Expected values come from ksqlDB's math.json test vectors.
#include <cmath>
#include <limits>

#include <doctest/doctest.h>

#include "tests/unit/functions/function_call.h"

namespace fluxo::functions::testing {

namespace {

const double kInfinity = std::numeric_limits<double>::infinity();

bool IsNan(const Value& value) {
  return value.storage() == Value::Storage::kDouble && std::isnan(value.AsDouble());
}

/// Calls a one-argument DOUBLE function with an INT, a BIGINT and a DOUBLE argument.
Value OnInt(const char* name, int32_t value) {
  return Call(name, {kInt}, {I(value)});
}

Value OnBigint(const char* name, int64_t value) {
  return Call(name, {kBigint}, {L(value)});
}

Value OnDouble(const char* name, double value) {
  return Call(name, {kDouble}, {D(value)});
}

/// ROUND(x, places) as the vectors apply it to the trigonometric functions.
Value Rounded(const Value& value, int32_t places) {
  return Call("ROUND", {kDouble, kInt}, {value, I(places)});
}

}  // namespace

TEST_CASE("every numeric function gives NULL for NULL") {
  for (const char* name : {"EXP",  "LN",      "SQRT",    "CBRT", "LOG",  "SIN",   "COS",
                           "TAN",  "COT",     "ASIN",    "ACOS", "ATAN", "SINH",  "COSH",
                           "TANH", "DEGREES", "RADIANS", "ABS",  "CEIL", "FLOOR", "SIGN"}) {
    CAPTURE(name);
    CHECK(Call(name, {kInt}, {Null()}) == Null());
    CHECK(Call(name, {kBigint}, {Null()}) == Null());
    CHECK(Call(name, {kDouble}, {Null()}) == Null());
  }
  for (const char* name : {"POWER", "LOG", "ATAN2"}) {
    CAPTURE(name);
    CHECK(Call(name, {kInt, kInt}, {Null(), I(13)}) == Null());
    CHECK(Call(name, {kBigint, kBigint}, {L(13), Null()}) == Null());
    CHECK(Call(name, {kDouble, kDouble}, {Null(), Null()}) == Null());
  }
  const SqlTypePtr decimal = SqlType::Decimal(2, 1);
  for (const char* name : {"ABS", "CEIL", "FLOOR"}) {
    CHECK(Call(name, {decimal}, {Null()}) == Null());
  }
}

TEST_CASE("EXP, LN and SQRT match java.lang.Math") {
  CHECK(OnInt("EXP", -1) == D(0.36787944117144233));
  CHECK(OnBigint("EXP", -2) == D(0.1353352832366127));
  CHECK(OnDouble("EXP", -3.0) == D(0.049787068367863944));
  CHECK(OnInt("EXP", 0) == D(1.0));
  CHECK(OnInt("EXP", 1) == D(2.718281828459045));
  CHECK(OnBigint("EXP", 2) == D(7.38905609893065));
  CHECK(OnDouble("EXP", 3.0) == D(20.085536923187668));

  CHECK(IsNan(OnInt("LN", -1)));
  CHECK(OnBigint("LN", 0) == D(-kInfinity));
  CHECK(OnInt("LN", 1) == D(0.0));
  CHECK(OnBigint("LN", 2) == D(0.6931471805599453));
  CHECK(OnDouble("LN", 3.0) == D(1.0986122886681098));

  CHECK(IsNan(OnDouble("SQRT", -3.0)));
  CHECK(OnInt("SQRT", 0) == D(0.0));
  CHECK(OnInt("SQRT", 1) == D(1.0));
  CHECK(OnBigint("SQRT", 2) == D(1.4142135623730951));
  CHECK(OnDouble("SQRT", 3.0) == D(1.7320508075688772));
  CHECK(ReturnType("SQRT", {kInt}) == "DOUBLE");
}

TEST_CASE("CBRT, POWER and LOG match java.lang.Math and ksqlDB's base rules") {
  CHECK(OnInt("CBRT", -8) == D(-2.0));
  CHECK(OnBigint("CBRT", -3) == D(-1.4422495703074083));
  CHECK(OnBigint("CBRT", 3) == D(1.4422495703074083));
  CHECK(OnDouble("CBRT", 1.0) == D(1.0));

  CHECK(Call("POWER", {kInt, kInt}, {I(15), I(-1)}) == D(0.06666666666666667));
  CHECK(Call("POWER", {kBigint, kBigint}, {L(15), L(0)}) == D(1.0));
  CHECK(Call("POWER", {kDouble, kDouble}, {D(0.0), D(0.0)}) == D(1.0));
  CHECK(Call("POWER", {kInt, kInt}, {I(15), I(13)}) == D(1.946195068359375E15));
  CHECK(Call("POWER", {kDouble, kDouble}, {D(-15.0), D(2.0)}) == D(225.0));

  // LOG with one argument is the natural logarithm.
  CHECK(OnInt("LOG", 13) == D(2.5649493574615367));
  CHECK(IsNan(OnBigint("LOG", -13)));
  CHECK(OnDouble("LOG", 0.0) == D(-kInfinity));
  CHECK(OnInt("LOG", 1) == D(0.0));

  CHECK(Call("LOG", {kInt, kInt}, {I(15), I(13)}) == D(0.9471572411831843));
  CHECK(Call("LOG", {kBigint, kBigint}, {L(15), L(1)}) == D(0.0));
  CHECK(Call("LOG", {kDouble, kDouble}, {D(15.0), D(0.0)}) == D(-kInfinity));
  CHECK(IsNan(Call("LOG", {kDouble, kDouble}, {D(15.0), D(-13.0)})));
  CHECK(IsNan(Call("LOG", {kInt, kInt}, {I(-15), I(13)})));
  CHECK(IsNan(Call("LOG", {kInt, kInt}, {I(0), I(13)})));
  CHECK(IsNan(Call("LOG", {kInt, kInt}, {I(1), I(13)})));
}

TEST_CASE("PI, DEGREES and RADIANS") {
  CHECK(Call("PI", {}, {}) == D(3.141592653589793));
  CHECK(Rounded(OnInt("DEGREES", -2), 12) == D(-114.591559026165));
  CHECK(Rounded(OnDouble("DEGREES", 1.2345), 12) == D(70.7316398089));
  CHECK(Rounded(OnBigint("RADIANS", 114), 13) == D(1.9896753472735));
  CHECK(Rounded(OnDouble("RADIANS", -70.73163980890013), 13) == D(-1.2345));
  CHECK(OnInt("DEGREES", 0) == D(0.0));
}

TEST_CASE("trigonometric functions") {
  CHECK(Rounded(OnInt("SIN", -7), 13) == D(-0.6569865987188));
  CHECK(Rounded(OnDouble("SIN", -0.43), 13) == D(-0.4168708024292));
  CHECK(Rounded(OnBigint("COS", 7), 13) == D(0.7539022543433));
  CHECK(Rounded(OnDouble("COS", 9.1), 13) == D(-0.9477216021311));
  CHECK(Rounded(OnInt("TAN", -6), 13) == D(0.2910061913847));
  CHECK(Rounded(OnDouble("TAN", 9.1), 13) == D(-0.3367005264329));
  CHECK(Rounded(OnInt("COT", -7), 13) == D(-1.1475154224051));
  CHECK(Rounded(OnDouble("COT", 0.43), 13) == D(2.1804495406685));
  CHECK(OnInt("COT", 0) == D(kInfinity));

  CHECK(Rounded(OnInt("ACOS", -1), 13) == D(3.1415926535898));
  CHECK(Rounded(OnDouble("ACOS", 0.43), 13) == D(1.1263035498591));
  CHECK(IsNan(OnInt("ACOS", 2)));
  CHECK(Rounded(OnBigint("ASIN", -1), 13) == D(-1.5707963267949));
  CHECK(Rounded(OnDouble("ASIN", 0.43), 13) == D(0.4444927769358));
  CHECK(IsNan(OnDouble("ASIN", -1.1)));
  CHECK(Rounded(OnInt("ATAN", -2), 13) == D(-1.1071487177941));
  CHECK(Rounded(OnBigint("ATAN", 6), 13) == D(1.4056476493803));

  CHECK(Rounded(Call("ATAN2", {kInt, kInt}, {I(-2), I(-3)}), 13) == D(-2.5535900500422));
  CHECK(Rounded(Call("ATAN2", {kBigint, kBigint}, {L(2), L(-2)}), 13) == D(2.3561944901923));
  CHECK(Rounded(Call("ATAN2", {kDouble, kDouble}, {D(-1.1), D(0.24)}), 13) == D(-1.3559809263932));
  CHECK(Rounded(Call("ATAN2", {kInt, kInt}, {I(0), I(-3)}), 13) == D(3.1415926535898));
  CHECK(Call("ATAN2", {kInt, kInt}, {I(0), I(0)}) == D(0.0));

  CHECK(Rounded(OnInt("SINH", -7), 13) == D(-548.3161232732465));
  CHECK(Rounded(OnDouble("SINH", 9.1), 13) == D(4477.64629590835));
  CHECK(Rounded(OnInt("COSH", 6), 13) == D(201.7156361224559));
  CHECK(Rounded(OnDouble("COSH", -0.43), 13) == D(1.0938833091358));
  CHECK(Rounded(OnBigint("TANH", -6), 13) == D(-0.9999877116508));
  CHECK(Rounded(OnDouble("TANH", 9.1), 13) == D(0.9999999750615));
}

TEST_CASE("ABS keeps the argument's type") {
  CHECK(OnInt("ABS", -1) == I(1));
  CHECK(OnBigint("ABS", -2) == L(2));
  CHECK(OnDouble("ABS", -3.1) == D(3.1));
  CHECK(OnInt("ABS", 0) == I(0));
  const SqlTypePtr decimal = SqlType::Decimal(2, 1);
  CHECK(Call("ABS", {decimal}, {Dec("-32", 1)}) == Dec("32", 1));
  CHECK(Call("ABS", {decimal}, {Dec("34", 1)}) == Dec("34", 1));
  CHECK(ReturnType("ABS", {kInt}) == "INTEGER");
  CHECK(ReturnType("ABS", {decimal}) == "DECIMAL(2, 1)");
  // Java's Math.abs(Integer.MIN_VALUE) overflows to itself.
  CHECK(OnInt("ABS", std::numeric_limits<int32_t>::min()) ==
        I(std::numeric_limits<int32_t>::min()));
}

TEST_CASE("CEIL and FLOOR keep integers and a decimal's scale") {
  const SqlTypePtr decimal = SqlType::Decimal(2, 1);
  CHECK(OnInt("FLOOR", -1) == I(-1));
  CHECK(OnBigint("CEIL", 1) == L(1));
  CHECK(OnDouble("FLOOR", 1.7) == D(1.0));
  CHECK(OnDouble("FLOOR", -1.1) == D(-2.0));
  CHECK(OnDouble("CEIL", 1.1) == D(2.0));
  CHECK(OnDouble("CEIL", -1.7) == D(-1.0));
  CHECK(Call("FLOOR", {decimal}, {Dec("15", 1)}) == Dec("10", 1));
  CHECK(Call("FLOOR", {decimal}, {Dec("-11", 1)}) == Dec("-20", 1));
  CHECK(Call("CEIL", {decimal}, {Dec("11", 1)}) == Dec("20", 1));
  CHECK(Call("CEIL", {decimal}, {Dec("-17", 1)}) == Dec("-10", 1));
  CHECK(Call("CEIL", {decimal}, {Dec("-20", 1)}) == Dec("-20", 1));
  CHECK(ReturnType("CEIL", {decimal}) == "DECIMAL(2, 1)");
  CHECK(ReturnType("FLOOR", {kBigint}) == "BIGINT");
}

TEST_CASE("SIGN returns an INT") {
  CHECK(OnInt("SIGN", -1) == I(-1));
  CHECK(OnBigint("SIGN", -2) == I(-1));
  CHECK(OnDouble("SIGN", -3.0) == I(-1));
  CHECK(OnInt("SIGN", 0) == I(0));
  CHECK(OnDouble("SIGN", 0.0) == I(0));
  CHECK(OnBigint("SIGN", 2) == I(1));
  CHECK(OnDouble("SIGN", std::nan("")) == I(0));
  CHECK(ReturnType("SIGN", {kBigint}) == "INTEGER");
}

}  // namespace fluxo::functions::testing
