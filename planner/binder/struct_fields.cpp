#include "planner/binder/struct_fields.h"

#include "runtime/core/error.h"

namespace fluxo::planner {

std::vector<std::pair<std::string, expr::BoundExpressionPtr>> StructFields(
    const expr::BoundExpressionPtr& base, const SourceSpan& span) {
  if (!base->type || base->type->kind() != TypeKind::kStruct) {
    throw Error(ErrorKind::kType, "->* needs a STRUCT", span);
  }
  std::vector<std::pair<std::string, expr::BoundExpressionPtr>> fields;
  for (size_t f = 0; f < base->type->fields().size(); ++f) {
    expr::BoundExpression field;
    field.kind = expr::BoundKind::kField;
    field.index = f;
    field.type = base->type->fields()[f].type;
    field.children = {base};
    fields.emplace_back(base->type->fields()[f].name, expr::MakeBound(std::move(field)));
  }
  return fields;
}

}  // namespace fluxo::planner
