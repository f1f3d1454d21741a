#pragma once

#include <vector>

#include "parser/ast/expression.h"

namespace fluxo::ast {

/// Returns the direct sub-expressions of `expression` in source order (operands, arguments,
/// CASE branches, constructor elements, a lambda's body). Leaves return none.
std::vector<const Expression*> ChildrenOf(const Expression& expression);

}  // namespace fluxo::ast
