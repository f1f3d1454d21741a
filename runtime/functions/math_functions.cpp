#include <cmath>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "runtime/functions/builtin_functions.h"
#include "runtime/functions/exact_decimal.h"
#include "runtime/functions/function_signature.h"

namespace fluxo::functions {

namespace {

constexpr const char* kCategory = "MATHEMATICAL";

/// Java's Math.PI and the factors of Math.toDegrees and Math.toRadians.
constexpr double kPi = 3.141592653589793;
constexpr double kRadiansToDegrees = 57.29577951308232;
constexpr double kDegreesToRadians = 0.017453292519943295;

using DoubleFunction = double (*)(double);
using BinaryDoubleFunction = double (*)(double, double);

/// Adds `name` with an INT, a BIGINT and a DOUBLE overload, each returning a DOUBLE, as ksqlDB
/// declares its java.lang.Math wrappers.
void AddDoubleFunction(FunctionRegistry& registry,
                       const std::string& name,
                       const std::string& description,
                       DoubleFunction function) {
  std::vector<FunctionRegistry::Overload> overloads;
  for (const char* type : {"INT", "BIGINT", "DOUBLE"}) {
    overloads.push_back(
        MakeOverload(name + "(" + type + " value) -> DOUBLE", [function](const ValueList& args) {
          return Value::Double(function(NumericAsDouble(args[0])));
        }));
  }
  registry.Add({name, kCategory, description, {}}, std::move(overloads));
}

/// The two-argument form of AddDoubleFunction: both arguments have the same type.
void AddBinaryDoubleFunction(FunctionRegistry& registry,
                             const std::string& name,
                             const std::pair<std::string, std::string>& parameters,
                             const std::string& description,
                             BinaryDoubleFunction function) {
  std::vector<FunctionRegistry::Overload> overloads;
  for (const std::string type : {"INT", "BIGINT", "DOUBLE"}) {
    std::string signature = name;
    signature.append("(").append(type).append(" ").append(parameters.first);
    signature.append(", ").append(type).append(" ").append(parameters.second);
    signature.append(") -> DOUBLE");
    overloads.push_back(MakeOverload(signature, [function](const ValueList& args) {
      return Value::Double(function(NumericAsDouble(args[0]), NumericAsDouble(args[1])));
    }));
  }
  registry.Add({name, kCategory, description, {}}, std::move(overloads));
}

double Cot(double value) {
  return std::cos(value) / std::sin(value);
}

double Degrees(double radians) {
  return radians * kRadiansToDegrees;
}

double Radians(double degrees) {
  return degrees * kDegreesToRadians;
}

/// LOG(base, value) as ksqlDB computes it: NaN for a base that is not positive or is 1.
double LogWithBase(double base, double value) {
  if (base <= 0 || base == 1) {
    return std::nan("");
  }
  return std::log(value) / std::log(base);
}

/// Java's Math.signum cast to int (NaN gives 0).
int32_t Signum(double value) {
  if (value > 0) {
    return 1;
  }
  return value < 0 ? -1 : 0;
}

template <typename Integer>
Integer WrappingAbs(Integer value) {
  // Java's Math.abs(MIN_VALUE) is MIN_VALUE: negate in unsigned arithmetic to wrap the same.
  using Unsigned = std::make_unsigned_t<Integer>;
  const auto magnitude =
      value < 0 ? Unsigned(0) - static_cast<Unsigned>(value) : static_cast<Unsigned>(value);
  return static_cast<Integer>(magnitude);
}

/// The return type of the DECIMAL overloads that keep the argument's type.
SqlTypePtr SameDecimal(const std::vector<SqlTypePtr>& parameters) {
  return parameters[0];
}

void AddIntegralAndDecimalFunctions(FunctionRegistry& registry) {
  registry.Add(
      {"ABS",
       kCategory,
       "Returns the absolute value of its argument: the argument itself when it is not "
       "negative, its negation otherwise.",
       {}},
      {
          MakeOverload(
              "ABS(INT value) -> INT",
              [](const ValueList& args) { return Value::Int32(WrappingAbs(args[0].AsInt32())); }),
          MakeOverload(
              "ABS(BIGINT value) -> BIGINT",
              [](const ValueList& args) { return Value::Int64(WrappingAbs(args[0].AsInt64())); }),
          MakeOverload(
              "ABS(DOUBLE value) -> DOUBLE",
              [](const ValueList& args) { return Value::Double(std::fabs(args[0].AsDouble())); }),
          MakeOverload(
              "ABS(DECIMAL value) -> DECIMAL",
              [](const ValueList& args) {
                DecimalValue value = args[0].AsDecimal();
                value.unscaled = value.unscaled < 0 ? -value.unscaled : value.unscaled;
                return Value::Decimal(value);
              },
              NullPolicy::kNullOnNullInput,
              SameDecimal),
      });

  // CEIL and FLOOR keep integers as they are and a decimal's scale (ksqlDB issue 6235).
  const auto add_rounding = [&registry](const std::string& name,
                                        const std::string& description,
                                        double (*on_double)(double),
                                        RoundingMode mode) {
    registry.Add({name, kCategory, description, {}},
                 {
                     MakeOverload(name + "(INT value) -> INT",
                                  [](const ValueList& args) { return args[0]; }),
                     MakeOverload(name + "(BIGINT value) -> BIGINT",
                                  [](const ValueList& args) { return args[0]; }),
                     MakeOverload(name + "(DOUBLE value) -> DOUBLE",
                                  [on_double](const ValueList& args) {
                                    return Value::Double(on_double(args[0].AsDouble()));
                                  }),
                     MakeOverload(
                         name + "(DECIMAL value) -> DECIMAL",
                         [mode](const ValueList& args) {
                           const DecimalValue& value = args[0].AsDecimal();
                           return Value::Decimal(SetScale(
                               SetScale(value, 0, mode), value.scale, RoundingMode::kDown));
                         },
                         NullPolicy::kNullOnNullInput,
                         SameDecimal),
                 });
  };
  add_rounding(
      "CEIL",
      "Returns the smallest integer greater than or equal to the argument.",
      [](double value) { return std::ceil(value); },
      RoundingMode::kCeiling);
  add_rounding(
      "FLOOR",
      "Returns the largest integer less than or equal to the argument.",
      [](double value) { return std::floor(value); },
      RoundingMode::kFloor);

  registry.Add(
      {"SIGN", kCategory, "Returns the sign of the argument as -1, 0 or 1.", {}},
      {
          MakeOverload(
              "SIGN(INT value) -> INT",
              [](const ValueList& args) { return Value::Int32(Signum(args[0].AsInt32())); }),
          MakeOverload("SIGN(BIGINT value) -> INT",
                       [](const ValueList& args) {
                         return Value::Int32(Signum(static_cast<double>(args[0].AsInt64())));
                       }),
          MakeOverload(
              "SIGN(DOUBLE value) -> INT",
              [](const ValueList& args) { return Value::Int32(Signum(args[0].AsDouble())); }),
      });
}

}  // namespace

void RegisterMathFunctions(FunctionRegistry& registry) {
  AddIntegralAndDecimalFunctions(registry);

  AddDoubleFunction(registry,
                    "SQRT",
                    "Returns the correctly rounded positive square root of the argument.",
                    [](double value) { return std::sqrt(value); });
  AddDoubleFunction(registry, "CBRT", "Returns the cube root of the argument.", [](double value) {
    return std::cbrt(value);
  });
  AddDoubleFunction(registry,
                    "EXP",
                    "Returns Euler's number e raised to the power of the argument.",
                    [](double value) { return std::exp(value); });
  AddDoubleFunction(
      registry, "LN", "Returns the natural logarithm of the argument.", [](double value) {
        return std::log(value);
      });
  AddDoubleFunction(registry,
                    "LOG",
                    "Returns the natural logarithm of the argument, or with two arguments the "
                    "logarithm of the second in the base given by the first.",
                    [](double value) { return std::log(value); });
  AddBinaryDoubleFunction(registry,
                          "LOG",
                          {"base", "value"},
                          "Returns the logarithm of a value in the given base.",
                          LogWithBase);
  AddBinaryDoubleFunction(registry,
                          "POWER",
                          {"base", "exponent"},
                          "Returns the base raised to the power of the exponent.",
                          [](double left, double right) { return std::pow(left, right); });
  registry.Add(
      {"PI", kCategory, "Returns an approximate value of pi.", {}},
      {MakeOverload("PI() -> DOUBLE", [](const ValueList&) { return Value::Double(kPi); })});
  AddDoubleFunction(registry, "DEGREES", "Converts an angle in radians to degrees.", Degrees);
  AddDoubleFunction(registry, "RADIANS", "Converts an angle in degrees to radians.", Radians);

  struct Trigonometric {
    const char* name;
    const char* description;
    DoubleFunction function;
  };

  const Trigonometric trigonometric[] = {
      {"SIN",
       "Returns the sine of an angle in radians.",
       [](double value) { return std::sin(value); }},
      {"COS",
       "Returns the cosine of an angle in radians.",
       [](double value) { return std::cos(value); }},
      {"TAN",
       "Returns the tangent of an angle in radians.",
       [](double value) { return std::tan(value); }},
      {"COT", "Returns the cotangent of an angle in radians.", Cot},
      {"ASIN",
       "Returns the arc sine of the argument, in radians.",
       [](double value) { return std::asin(value); }},
      {"ACOS",
       "Returns the arc cosine of the argument, in radians.",
       [](double value) { return std::acos(value); }},
      {"ATAN",
       "Returns the arc tangent of the argument, in radians.",
       [](double value) { return std::atan(value); }},
      {"SINH",
       "Returns the hyperbolic sine of the argument.",
       [](double value) { return std::sinh(value); }},
      {"COSH",
       "Returns the hyperbolic cosine of the argument.",
       [](double value) { return std::cosh(value); }},
      {"TANH",
       "Returns the hyperbolic tangent of the argument.",
       [](double value) { return std::tanh(value); }},
  };
  for (const Trigonometric& entry : trigonometric) {
    AddDoubleFunction(registry, entry.name, entry.description, entry.function);
  }
  AddBinaryDoubleFunction(registry,
                          "ATAN2",
                          {"y", "x"},
                          "Returns the angle in radians of the point (x, y) from the positive "
                          "x axis, in the range -pi to pi.",
                          [](double left, double right) { return std::atan2(left, right); });
}

}  // namespace fluxo::functions
