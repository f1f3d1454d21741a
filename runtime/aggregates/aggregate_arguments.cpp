#include "runtime/aggregates/aggregate_arguments.h"

#include "runtime/core/error.h"

namespace fluxo::aggregates {

std::string ArgumentTypesText(const std::vector<AggregateArgument>& arguments) {
  std::string text;
  for (size_t index = 0; index < arguments.size(); ++index) {
    if (index > 0) {
      text += ", ";
    }
    text += arguments[index].type ? arguments[index].type->ToString() : "NULL";
  }
  return text;
}

bool HasKind(const SqlTypePtr& type, std::initializer_list<TypeKind> kinds) {
  if (!type) {
    return false;
  }
  for (TypeKind kind : kinds) {
    if (type->kind() == kind) {
      return true;
    }
  }
  return false;
}

std::optional<int32_t> IntLiteral(const AggregateArgument& argument) {
  if (!HasKind(argument.type, {TypeKind::kInt}) || !argument.literal.has_value() ||
      argument.literal->storage() != Value::Storage::kInt32) {
    return std::nullopt;
  }
  return argument.literal->AsInt32();
}

std::optional<bool> BooleanLiteral(const AggregateArgument& argument) {
  if (!HasKind(argument.type, {TypeKind::kBoolean}) || !argument.literal.has_value() ||
      argument.literal->storage() != Value::Storage::kBoolean) {
    return std::nullopt;
  }
  return argument.literal->AsBoolean();
}

void ThrowLiteralExpected(const std::string& function,
                          size_t position,
                          const std::string& expected_type) {
  throw Error(ErrorKind::kType,
              "Parameter " + std::to_string(position) + " passed to function " + function +
                  " must be a literal " + expected_type);
}

}  // namespace fluxo::aggregates
