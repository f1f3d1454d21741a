#include "runtime/engine/pull_query_keys.h"

#include <map>
#include <set>
#include <string>
#include <utility>

#include "planner/binder/expression_binder.h"
#include "runtime/core/error.h"
#include "runtime/expr/evaluator.h"
#include "runtime/state/value_codec.h"

namespace fluxo::engine {

namespace {

// A bound on the lookups one WHERE clause may turn into; past it a scan is cheaper to reason
// about.
constexpr size_t kMaxKeys = 10000;

// True for an expression made of literals only (casts and arithmetic included), which gives
// the same value for every row. Functions are left out: some are not deterministic.
bool IsConstant(const expr::BoundExpression& expression) {
  switch (expression.kind) {
    case expr::BoundKind::kLiteral:
      return true;
    case expr::BoundKind::kCast:
    case expr::BoundKind::kNegate:
    case expr::BoundKind::kArithmetic:
      for (const expr::BoundExpressionPtr& child : expression.children) {
        if (!IsConstant(*child)) {
          return false;
        }
      }
      return true;
    default:
      return false;
  }
}

// The key column `expression` reads as it is (no cast), or nothing.
std::optional<size_t> KeyColumnOf(const expr::BoundExpression& expression,
                                  const LogicalSchema& schema) {
  if (expression.kind != expr::BoundKind::kColumn ||
      schema.columns()[expression.index].column_namespace != ColumnNamespace::kKey ||
      !SameType(expression.type, schema.columns()[expression.index].type)) {
    return std::nullopt;
  }
  return expression.index;
}

// Evaluates a constant as the key column's type stores it; nothing when it cannot be.
std::optional<Value> KeyValueOf(const expr::BoundExpressionPtr& constant, const SqlTypePtr& type) {
  try {
    return expr::CompileExpression(planner::CastTo(constant, type))->Evaluate(Row{});
  } catch (const Error&) {
    return std::nullopt;  // The WHERE clause will say what is wrong with it, row by row.
  }
}

// Adds the values one conjunct pins a key column to; the first conjunct on a column wins
// (the others are checked on each row anyway).
void CollectPinned(const expr::BoundExpressionPtr& conjunct,
                   const LogicalSchema& schema,
                   std::map<size_t, std::vector<Value>>& pinned) {
  const expr::BoundExpression& node = *conjunct;
  if (node.kind == expr::BoundKind::kAnd) {
    for (const expr::BoundExpressionPtr& child : node.children) {
      CollectPinned(child, schema, pinned);
    }
    return;
  }
  std::optional<size_t> column;
  std::vector<expr::BoundExpressionPtr> constants;
  if (node.kind == expr::BoundKind::kComparison &&
      node.comparison == expr::ComparisonOperator::kEqual) {
    for (size_t side = 0; side < 2 && !column.has_value(); ++side) {
      column = KeyColumnOf(*node.children[side], schema);
      if (column.has_value() && IsConstant(*node.children[1 - side])) {
        constants.push_back(node.children[1 - side]);
      } else {
        column.reset();
      }
    }
  } else if (node.kind == expr::BoundKind::kInList && !node.negated) {
    column = KeyColumnOf(*node.children[0], schema);
    for (size_t i = 1; i < node.children.size() && column.has_value(); ++i) {
      if (!IsConstant(*node.children[i])) {
        column.reset();
      }
      constants.push_back(node.children[i]);
    }
  }
  // Compared as a wider type, two keys could both equal the constant (a BIGINT key against a
  // DOUBLE): only a comparison in the key's own type pins one key.
  if (!column.has_value() || pinned.count(*column) > 0 ||
      !SameType(node.operand_type, schema.columns()[*column].type)) {
    return;
  }
  std::vector<Value> values;
  for (const expr::BoundExpressionPtr& constant : constants) {
    std::optional<Value> value = KeyValueOf(constant, schema.columns()[*column].type);
    if (!value.has_value()) {
      return;
    }
    values.push_back(std::move(*value));
  }
  pinned.emplace(*column, std::move(values));
}

}  // namespace

std::optional<std::vector<ValueList>> KeysPinnedBy(const expr::BoundExpressionPtr& where,
                                                   const LogicalSchema& schema) {
  if (!where) {
    return std::nullopt;
  }
  std::map<size_t, std::vector<Value>> pinned;
  CollectPinned(where, schema, pinned);
  const std::vector<size_t> key_indexes = schema.IndexesIn(ColumnNamespace::kKey);
  if (key_indexes.empty()) {
    return std::nullopt;
  }
  std::vector<ValueList> keys = {ValueList{}};
  for (size_t index : key_indexes) {
    const auto values = pinned.find(index);
    if (values == pinned.end() || keys.size() * values->second.size() > kMaxKeys) {
      return std::nullopt;
    }
    std::vector<ValueList> extended;
    for (const ValueList& prefix : keys) {
      for (const Value& value : values->second) {
        ValueList key = prefix;
        key.push_back(value);
        extended.push_back(std::move(key));
      }
    }
    keys = std::move(extended);
  }
  // `ID IN (1, 1)` reads the row once.
  std::set<std::string> seen;
  std::vector<ValueList> unique;
  for (ValueList& key : keys) {
    std::string encoded;
    state::EncodeValueList(key, encoded);
    if (seen.insert(std::move(encoded)).second) {
      unique.push_back(std::move(key));
    }
  }
  return unique;
}

}  // namespace fluxo::engine
