#include "planner/binder/qualified_expression_text.h"

#include "parser/ast/expression_children.h"
#include "parser/sql_formatter.h"

namespace fluxo::planner {

namespace {

// Qualifies the unqualified columns of `expression`, which the caller owns: ChildrenOf hands
// out const pointers into it, and writing through them is sound because nothing here is const.
void Qualify(ast::Expression& expression, const ast::Identifier& source) {
  if (expression.Is<ast::Lambda>()) {
    return;  // Its names are the lambda's parameters.
  }
  if (auto* column = std::get_if<ast::ColumnReference>(&expression.node)) {
    if (!column->qualifier.has_value()) {
      column->qualifier = source;
    }
    return;
  }
  for (const ast::Expression* child : ast::ChildrenOf(expression)) {
    Qualify(const_cast<ast::Expression&>(*child), source);  // NOLINT: see above.
  }
}

}  // namespace

std::string QualifiedExpressionText(const ast::Expression& expression,
                                    const std::string& source_alias) {
  ast::Expression copy = expression;
  ast::Identifier source;
  source.value = source_alias;
  Qualify(copy, source);
  return parser::FormatExpression(copy);
}

}  // namespace fluxo::planner
