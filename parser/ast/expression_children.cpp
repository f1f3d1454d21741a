#include "parser/ast/expression_children.h"

#include <type_traits>

namespace fluxo::ast {

namespace {

using Children = std::vector<const Expression*>;

void AddCase(const std::vector<WhenClause>& whens,
             const std::optional<Box<Expression>>& otherwise,
             Children& children) {
  for (const WhenClause& when : whens) {
    children.push_back(when.condition.get());
    children.push_back(when.result.get());
  }
  if (otherwise.has_value()) {
    children.push_back(otherwise->get());
  }
}

}  // namespace

std::vector<const Expression*> ChildrenOf(const Expression& expression) {
  Children children;
  std::visit(
      [&](const auto& node) {
        using Node = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<Node, Dereference>) {
          children.push_back(node.base.get());
        } else if constexpr (std::is_same_v<Node, Subscript>) {
          children = {node.base.get(), node.index.get()};
        } else if constexpr (std::is_same_v<Node, ArithmeticUnary> || std::is_same_v<Node, Not>) {
          children.push_back(node.operand.get());
        } else if constexpr (std::is_same_v<Node, ArithmeticBinary> ||
                             std::is_same_v<Node, Comparison> ||
                             std::is_same_v<Node, LogicalBinary>) {
          children = {node.left.get(), node.right.get()};
        } else if constexpr (std::is_same_v<Node, Between>) {
          children = {node.value.get(), node.low.get(), node.high.get()};
        } else if constexpr (std::is_same_v<Node, InList>) {
          children.push_back(node.value.get());
          for (const Expression& item : node.list) {
            children.push_back(&item);
          }
        } else if constexpr (std::is_same_v<Node, Like>) {
          children = {node.value.get(), node.pattern.get()};
        } else if constexpr (std::is_same_v<Node, IsNull> || std::is_same_v<Node, Cast>) {
          children.push_back(node.value.get());
        } else if constexpr (std::is_same_v<Node, SearchedCase>) {
          AddCase(node.when_clauses, node.else_value, children);
        } else if constexpr (std::is_same_v<Node, SimpleCase>) {
          children.push_back(node.operand.get());
          AddCase(node.when_clauses, node.else_value, children);
        } else if constexpr (std::is_same_v<Node, FunctionCall>) {
          for (const Expression& argument : node.arguments) {
            children.push_back(&argument);
          }
        } else if constexpr (std::is_same_v<Node, Lambda>) {
          children.push_back(node.body.get());
        } else if constexpr (std::is_same_v<Node, ArrayConstructor>) {
          for (const Expression& element : node.elements) {
            children.push_back(&element);
          }
        } else if constexpr (std::is_same_v<Node, MapConstructor>) {
          for (const MapEntry& entry : node.entries) {
            children.push_back(entry.key.get());
            children.push_back(entry.value.get());
          }
        } else if constexpr (std::is_same_v<Node, StructConstructor>) {
          for (const StructEntry& field : node.fields) {
            children.push_back(field.value.get());
          }
        }
      },
      expression.node);
  return children;
}

}  // namespace fluxo::ast
