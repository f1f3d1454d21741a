#pragma once

#include <string>

#include "parser/ast/expression.h"

namespace fluxo::planner {

/// Prints `expression` as ksqlDB names it in messages about keys: each column that the query
/// wrote without a source is qualified with `source_alias` (`ABS(ID)` in FROM INPUT prints as
/// `ABS(INPUT.ID)`). Lambda bodies are printed as written.
std::string QualifiedExpressionText(const ast::Expression& expression,
                                    const std::string& source_alias);

}  // namespace fluxo::planner
