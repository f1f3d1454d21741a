#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "runtime/aggregates/aggregate_registry.h"
#include "runtime/core/sql_type.h"

namespace fluxo::aggregates {

/// Returns the argument types of a call as ksqlDB lists them in errors: "INTEGER, STRING"
/// (a NULL literal reads "NULL").
std::string ArgumentTypesText(const std::vector<AggregateArgument>& arguments);

/// Returns true when `type` is set and of one of `kinds`.
bool HasKind(const SqlTypePtr& type, std::initializer_list<TypeKind> kinds);

/// Returns the value of an INT literal argument, or nothing when the argument is not one.
std::optional<int32_t> IntLiteral(const AggregateArgument& argument);

/// Returns the value of a BOOLEAN literal argument, or nothing when the argument is not one.
std::optional<bool> BooleanLiteral(const AggregateArgument& argument);

/// Throws fluxo::Error(kType) saying that parameter `position` (1-based) of `function` must
/// be a literal of `expected_type`.
[[noreturn]] void ThrowLiteralExpected(const std::string& function,
                                       size_t position,
                                       const std::string& expected_type);

}  // namespace fluxo::aggregates
