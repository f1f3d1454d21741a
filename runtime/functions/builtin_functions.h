#pragma once

#include "runtime/functions/function_registry.h"

/// The registration entry point of each category of built-in functions; the categories follow
/// ksqlDB's (MATHEMATICAL, STRING, CONDITIONAL, ...). FunctionRegistry::BuiltIn() calls all of
/// them. To add a function: give it a FunctionDescription and its MakeOverload signatures in
/// the file of its category, and a NULL-behaviour test in tests/unit/functions/.
namespace fluxo::functions {

/// ABS, CEIL, FLOOR, SIGN, SQRT, CBRT, EXP, LN, LOG, POWER, PI, trigonometry.
void RegisterMathFunctions(FunctionRegistry& registry);

/// ROUND and TRUNC, with ksqlDB's rounding of doubles and decimals.
void RegisterRoundingFunctions(FunctionRegistry& registry);

/// CONCAT, CONCAT_WS, UCASE, LCASE, INITCAP, TRIM, LEN, SUBSTRING, LPAD, RPAD.
void RegisterStringFunctions(FunctionRegistry& registry);

/// INSTR, REPLACE, SPLIT and the REGEXP_ functions.
void RegisterStringSearchFunctions(FunctionRegistry& registry);

/// TO_BYTES and FROM_BYTES.
void RegisterBytesFunctions(FunctionRegistry& registry);

/// COALESCE, IFNULL, NULLIF and AS_VALUE.
void RegisterNullFunctions(FunctionRegistry& registry);

/// PARSE_/FORMAT_ DATE, TIME and TIMESTAMP, UNIX_DATE, UNIX_TIMESTAMP, FROM_UNIXTIME, FROM_DAYS.
void RegisterDateTimeFunctions(FunctionRegistry& registry);

/// ARRAY_ and MAP_ functions.
void RegisterCollectionFunctions(FunctionRegistry& registry);

/// EXTRACTJSONFIELD and the JSON_ functions.
void RegisterJsonFunctions(FunctionRegistry& registry);

/// BAD_UDF, WHENCONDITION and WHENRESULT: the test functions of ksqlDB's QTT corpus.
void RegisterConformanceTestFunctions(FunctionRegistry& registry);

}  // namespace fluxo::functions
