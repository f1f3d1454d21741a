#include "planner/binder/bind_join.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <set>
#include <utility>

#include "parser/ast/expression_children.h"
#include "parser/sql_formatter.h"
#include "planner/binder/bind_join_rules.h"
#include "planner/binder/bind_join_source.h"
#include "planner/binder/expression_binder.h"
#include "runtime/core/error.h"

namespace fluxo::planner {

namespace {

// A source's column: the source's position in FROM and the column's name.
using SourceColumnName = std::pair<size_t, std::string>;

[[noreturn]] void Fail(const std::string& message, const SourceSpan& span) {
  throw Error(ErrorKind::kPlanning, message, span);
}

// Adds to `found` the source of every column `expression` reads (its lambdas excepted).
void CollectSources(const ast::Expression& expression,
                    const ExpressionScope& scope,
                    const std::vector<JoinSourceState>& sources,
                    std::set<size_t>& found) {
  if (expression.Is<ast::Lambda>()) {
    return;
  }
  if (const auto* reference = expression.As<ast::ColumnReference>()) {
    std::optional<std::string> qualifier;
    if (reference->qualifier.has_value()) {
      qualifier = reference->qualifier->value;
    }
    const ScopeColumn* column = scope.Resolve(qualifier, reference->name.value, expression.span);
    for (size_t i = 0; i < sources.size(); ++i) {
      if (sources[i].alias == column->source) {
        found.insert(i);
      }
    }
    return;
  }
  for (const ast::Expression* child : ast::ChildrenOf(expression)) {
    CollectSources(*child, scope, sources, found);
  }
}

// The source that one side of the ON condition reads; ksqlDB's message when it is not one.
size_t OnlySource(const ast::Expression& side,
                  const ast::Expression& condition,
                  const ExpressionScope& scope,
                  const std::vector<JoinSourceState>& sources) {
  std::set<size_t> found;
  CollectSources(side, scope, sources, found);
  if (found.size() != 1) {
    Fail("Invalid comparison expression '" + JoinExpressionText(side) + "' in join '" +
             JoinExpressionText(condition) +
             "'. Each side of the join comparision must contain references from exactly one "
             "source.",
         side.span);
  }
  return *found.begin();
}

// Returns the source column `expression` names when it is a plain column reference.
std::optional<SourceColumnName> ColumnOf(const ast::Expression& expression, size_t source) {
  if (const auto* reference = expression.As<ast::ColumnReference>()) {
    return std::make_pair(source, reference->name.value);
  }
  return std::nullopt;
}

// True when `column` (of its source) is the source's only key column.
bool IsKeyColumn(const std::optional<SourceColumnName>& column,
                 const std::vector<JoinSourceState>& sources) {
  if (!column.has_value()) {
    return false;
  }
  const std::vector<size_t> keys =
      sources[column->first].source->schema.IndexesIn(ColumnNamespace::kKey);
  return keys.size() == 1 &&
         sources[column->first].source->schema.columns()[keys.front()].name == column->second;
}

// True when SELECT names `column` (of source `alias`): as an item, or through `*` / `alias.*`.
bool ProjectionNames(const ast::Query& query,
                     const SourceColumnName& column,
                     const std::vector<JoinSourceState>& sources,
                     const ExpressionScope& scope) {
  const std::string& alias = sources[column.first].alias;
  for (const ast::SelectItem& item : query.select_items) {
    if (item.kind == ast::SelectItemKind::kAll ||
        (item.kind == ast::SelectItemKind::kAllOf && item.source->value == alias)) {
      return true;
    }
    if (item.kind != ast::SelectItemKind::kExpression) {
      continue;
    }
    const auto* reference = item.expression->As<ast::ColumnReference>();
    if (reference == nullptr || reference->name.value != column.second) {
      continue;
    }
    std::optional<std::string> qualifier;
    if (reference->qualifier.has_value()) {
      qualifier = reference->qualifier->value;
    }
    const ScopeColumn* found = scope.Find(qualifier, reference->name.value, item.span);
    if (found != nullptr && found->source == alias) {
      return true;
    }
  }
  return false;
}

// One ON condition after binding: the join with its key expressions, and the condition's
// sides as the checks need them.
struct BoundCondition {
  LogicalJoin join;
  JoinSides sides;
  std::optional<SourceColumnName> left_column;   ///< The left side when it is a column.
  std::optional<SourceColumnName> right_column;  ///< The right side when it is a column.
};

JoinType JoinTypeOf(ast::JoinType type) {
  switch (type) {
    case ast::JoinType::kInner:
      return JoinType::kInner;
    case ast::JoinType::kLeft:
      return JoinType::kLeft;
    case ast::JoinType::kRight:
      return JoinType::kRight;
    case ast::JoinType::kFull:
      return JoinType::kFull;
  }
  return JoinType::kInner;
}

// Binds the ON condition of the join with source `k`: each side reads one source, one of them
// source k (the condition is flipped when it is written right = left), and each side is bound
// over its own rows: the joins so far on the left, source k's side rows on the right.
BoundCondition BindCondition(const ast::Join& join,
                             size_t k,
                             const std::vector<JoinSourceState>& sources,
                             const ExpressionScope& all_sources,
                             const Catalog& catalog,
                             const functions::FunctionRegistry& functions) {
  const ast::Comparison& comparison = EqualityCondition(join.condition);
  const size_t first = OnlySource(*comparison.left, join.condition, all_sources, sources);
  const size_t second = OnlySource(*comparison.right, join.condition, all_sources, sources);
  if (first == second || (first != k && second != k) || std::max(first, second) > k) {
    Fail(
        "Each side of the join must reference exactly one source and not the same source. "
        "Left side references " +
            sources[first].alias + " and right references " + sources[second].alias,
        join.condition.span);
  }
  const bool flipped = first == k;
  const ast::Expression& left_expression = flipped ? *comparison.right : *comparison.left;
  const ast::Expression& right_expression = flipped ? *comparison.left : *comparison.right;
  const size_t left_source = flipped ? second : first;
  BoundCondition bound;
  bound.left_column = ColumnOf(left_expression, left_source);
  bound.right_column = ColumnOf(right_expression, k);
  const bool left_is_key = IsKeyColumn(bound.left_column, sources);
  const bool right_is_key = IsKeyColumn(bound.right_column, sources);
  RejectWindowedSources(*sources[left_source].source,
                        sources[left_source].alias,
                        *sources[k].source,
                        sources[k].alias,
                        left_is_key && right_is_key,
                        join.span);
  const ExpressionScope left_scope = JoinSourceScope(sources, 0, k, false, "JOIN ON");
  const ExpressionScope right_scope = JoinSourceScope(sources, k, k + 1, true, "JOIN ON");
  bound.join.type = JoinTypeOf(join.type);
  bound.join.left_key = ExpressionBinder(left_scope, catalog, functions).Bind(left_expression);
  bound.join.right_key = ExpressionBinder(right_scope, catalog, functions).Bind(right_expression);
  bound.join.left_keyed = left_is_key;
  bound.join.right_keyed = right_is_key;
  bound.sides = JoinSides{&left_expression,
                          &right_expression,
                          flipped,
                          sources[left_source].source->name,
                          sources[k].source->name,
                          left_is_key,
                          right_is_key};
  return bound;
}

std::optional<JoinWindow> WindowOf(const ast::Join& join) {
  if (!join.within.has_value()) {
    return std::nullopt;
  }
  JoinWindow window;
  window.before_ms = join.within->before.Millis();
  window.after_ms = join.within->after.Millis();
  if (join.within->grace.has_value()) {
    window.grace_ms = join.within->grace->Millis();
  }
  return window;
}

// The source columns that may name a join's key, in ksqlDB's order: the left side of the
// condition (with the columns equal to it in the previous join), then the right side. None
// for a FULL OUTER join, whose key may be missing on either side.
std::vector<SourceColumnName> ViableKeys(JoinType type,
                                         const std::optional<SourceColumnName>& left,
                                         const std::optional<SourceColumnName>& right,
                                         const std::vector<SourceColumnName>& previous) {
  std::vector<SourceColumnName> viable;
  if (type == JoinType::kFull) {
    return viable;
  }
  if (left.has_value()) {
    viable.push_back(*left);
    if (std::find(previous.begin(), previous.end(), *left) != previous.end()) {
      for (const SourceColumnName& earlier : previous) {
        if (earlier != *left) {
          viable.push_back(earlier);
        }
      }
    }
  }
  if (right.has_value()) {
    viable.push_back(*right);
  }
  return viable;
}

// Sets the joined rows of `join` (the join with source k): the key, the left input's columns
// (without the previous join's key), source k's columns; and moves every source's columns to
// their positions in them.
void AddJoinedRows(const std::string& key_name,
                   size_t k,
                   const LogicalJoin* previous,
                   std::vector<JoinSourceState>& sources,
                   LogicalJoin& join) {
  const LogicalSchema& left_schema =
      previous == nullptr ? sources[0].input.schema : previous->schema;
  join.left_skip = previous == nullptr ? 0 : 1;
  std::vector<Column> columns = {{key_name, join.left_key->type, ColumnNamespace::kKey, ""}};
  for (size_t i = join.left_skip; i < left_schema.columns().size(); ++i) {
    columns.push_back(left_schema.columns()[i]);
    columns.back().column_namespace = ColumnNamespace::kValue;
  }
  for (const Column& column : sources[k].input.schema.columns()) {
    columns.push_back(column);
    columns.back().column_namespace = ColumnNamespace::kValue;
  }
  for (size_t i = 0; i < k; ++i) {
    for (size_t& position : sources[i].positions) {
      position = position + 1 - join.left_skip;
    }
  }
  const size_t right_start = 1 + left_schema.columns().size() - join.left_skip;
  for (size_t j = 0; j < sources[k].names.size(); ++j) {
    sources[k].positions.push_back(right_start + j);
  }
  join.schema = LogicalSchema(std::move(columns));
}

// What the clauses after FROM may name in the last join's rows.
void AddScopeColumns(const std::string& key_name,
                     const std::optional<SourceColumnName>& key_column,
                     const std::vector<SourceColumnName>& viable,
                     const std::vector<JoinSourceState>& sources,
                     BoundJoins& bound) {
  bound.synthetic_key = !key_column.has_value();
  if (bound.synthetic_key) {
    bound.viable_keys = {key_name};
    bound.columns.push_back({"", key_name, 0, bound.joins.back().left_key->type});
  } else {
    for (const SourceColumnName& candidate : viable) {
      bound.viable_keys.push_back(sources[candidate.first].alias + "." + candidate.second);
    }
  }
  for (size_t i = 0; i < sources.size(); ++i) {
    for (size_t j = 0; j < sources[i].names.size(); ++j) {
      const bool is_key = key_column.has_value() && key_column->first == i &&
                          key_column->second == sources[i].names[j];
      bound.columns.push_back({sources[i].alias,
                               sources[i].names[j],
                               is_key ? 0 : sources[i].positions[j],
                               sources[i].input.schema.columns()[j].type});
    }
  }
}

}  // namespace

ExpressionScope BoundJoins::Scope(const std::string& clause) const {
  ExpressionScope scope;
  scope.clause = clause;
  scope.allow_pseudocolumns = false;
  scope.columns = columns;
  for (const JoinSource& source : sources) {
    scope.sources.push_back(source.alias);
  }
  return scope;
}

std::string BoundJoins::ColumnName(const ScopeColumn& column) const {
  if (column.source.empty() ||
      std::find(common_names.begin(), common_names.end(), column.name) == common_names.end()) {
    return column.name;
  }
  return column.source + "_" + column.name;
}

BoundJoins BindJoins(const ast::Query& query,
                     const Catalog& catalog,
                     const functions::FunctionRegistry& functions) {
  std::vector<JoinSourceState> sources;
  std::vector<const ast::AliasedRelation*> relations = {&query.from};
  for (const ast::Join& join : query.joins) {
    relations.push_back(&join.right);
  }
  CheckJoinQualifiers(query, relations);
  for (const ast::AliasedRelation* relation : relations) {
    const SourceDescription& source = FindJoinSource(catalog, *relation);
    for (const JoinSourceState& earlier : sources) {
      if (earlier.source->name == source.name) {
        Fail(sources.size() > 1 ? "N-way joins do not support multiple occurrences of the same "
                                  "source. Source: '" +
                                      source.name + "'."
                                : "Can not join '" + source.name + "' to '" + earlier.source->name +
                                      "': self joins are not yet supported.",
             relation->span);
      }
    }
    sources.push_back(
        MakeJoinSource(source, relation->alias.has_value() ? relation->alias->value : source.name));
  }
  // The first source's side rows are the left input of the first join.
  sources[0].positions.resize(sources[0].names.size());
  std::iota(sources[0].positions.begin(), sources[0].positions.end(), 0);
  std::vector<const SourceDescription*> descriptions;
  descriptions.reserve(sources.size());
  for (const JoinSourceState& source : sources) {
    descriptions.push_back(source.source);
  }
  RejectKafkaValueFormat(descriptions, query.span);

  BoundJoins bound;
  // Which sources each side of a condition reads: any source of the query may be named.
  const ExpressionScope all_sources = JoinSourceScope(sources, 0, sources.size(), true, "JOIN ON");
  std::vector<SourceColumnName> viable;  // Of the join bound last.
  for (size_t k = 1; k < sources.size(); ++k) {
    const ast::Join& join = query.joins[k - 1];
    BoundCondition condition = BindCondition(join, k, sources, all_sources, catalog, functions);
    LogicalJoin& logical = condition.join;
    const bool left_is_table = k == 1 ? sources[0].source->type == SourceType::kTable
                                      : bound.joins.back().kind == JoinKind::kTableTable;
    logical.kind = CheckJoinKind(logical.type,
                                 left_is_table,
                                 sources[k].source->type == SourceType::kTable,
                                 condition.sides,
                                 join);
    CheckKeyTypes(
        logical.kind, logical.left_key->type, logical.right_key->type, condition.sides, join);
    logical.within = WindowOf(join);

    // The join key: a column of the condition that SELECT names, else the first such column,
    // else (FULL OUTER, or expressions on both sides) a synthetic column.
    viable = ViableKeys(logical.type, condition.left_column, condition.right_column, viable);
    const bool last = k + 1 == sources.size();
    std::optional<SourceColumnName> key_column;
    if (!viable.empty()) {
      key_column = viable.front();
      if (last) {
        const ExpressionScope scope = JoinSourceScope(sources, 0, sources.size(), true, "SELECT");
        for (const SourceColumnName& candidate : viable) {
          if (ProjectionNames(query, candidate, sources, scope)) {
            key_column = candidate;
            break;
          }
        }
      }
    }
    const std::string key_name = key_column.has_value()
                                     ? sources[key_column->first].alias + "_" + key_column->second
                                     : SyntheticJoinKeyName(sources);
    RejectMapKey(key_name, logical.left_key->type, join.span);
    AddJoinedRows(key_name, k, k == 1 ? nullptr : &bound.joins.back(), sources, logical);
    bound.joins.push_back(std::move(logical));
    if (last) {
      AddScopeColumns(key_name, key_column, viable, sources, bound);
    }
  }

  // What SELECT * shows, and which names need their source's prefix.
  std::map<std::string, size_t> name_counts;
  for (const JoinSourceState& state : sources) {
    JoinSource source;
    source.alias = state.alias;
    source.source = state.source;
    for (const Column& column : state.source->schema.columns()) {
      for (const ScopeColumn& scope_column : bound.columns) {
        if (scope_column.source == state.alias && scope_column.name == column.name) {
          source.star_columns.push_back(scope_column);
        }
      }
    }
    for (const std::string& name : state.names) {
      ++name_counts[name];
    }
    bound.sources.push_back(std::move(source));
    bound.inputs.push_back(state.input);
  }
  for (const auto& [name, count] : name_counts) {
    if (count > 1) {
      bound.common_names.push_back(name);
    }
  }
  return bound;
}

}  // namespace fluxo::planner
