#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "parser/ast/expression.h"
#include "parser/ast/identifier.h"
#include "parser/ast/source_span.h"
#include "parser/ast/window_spec.h"

namespace fluxo::ast {

enum class SelectItemKind {
  kExpression,  ///< `expr [AS alias]`
  kAll,         ///< `*`
  kAllOf,       ///< `source.*`
  kStructAll,   ///< `struct_expr->*`
};

/// One item of a SELECT list.
struct SelectItem : Node {
  SelectItemKind kind = SelectItemKind::kExpression;
  std::optional<Expression> expression;  ///< kExpression and kStructAll.
  std::optional<Identifier> alias;       ///< kExpression only.
  std::optional<Identifier> source;      ///< kAllOf only.

  bool operator==(const SelectItem&) const = default;
};

enum class WindowFunctionKind { kTumble, kHop, kCumulate, kSession };

/// Flink's window table-valued function:
/// `TABLE(TUMBLE(TABLE source, DESCRIPTOR(time_column), INTERVAL '1' MINUTE))`.
struct WindowTableFunction : Node {
  WindowFunctionKind kind = WindowFunctionKind::kTumble;
  Identifier source;
  Identifier time_column;
  std::vector<Expression> arguments;  ///< The intervals after the descriptor.

  bool operator==(const WindowTableFunction&) const = default;
};

/// A source in FROM or JOIN: a stream/table name or a window table function, with an alias.
struct AliasedRelation : Node {
  std::optional<Identifier> source;                    ///< Set for a plain source name.
  std::optional<WindowTableFunction> window_function;  ///< Set for `TABLE(TUMBLE(...))`.
  std::optional<Identifier> alias;

  bool operator==(const AliasedRelation&) const = default;
};

enum class JoinType { kInner, kLeft, kRight, kFull };

/// `[INNER | LEFT | RIGHT | FULL] JOIN right [WITHIN ...] ON condition`.
struct Join : Node {
  JoinType type = JoinType::kInner;
  AliasedRelation right;
  std::optional<WithinSpec> within;
  Expression condition;

  bool operator==(const Join&) const = default;
};

enum class EmitMode { kChanges, kFinal };

/// A SELECT query with ksqlDB's clause order:
/// SELECT .. FROM .. [WINDOW ..] [WHERE ..] [GROUP BY ..] [PARTITION BY ..] [HAVING ..]
/// [EMIT CHANGES | FINAL] [LIMIT n].
struct Query : Node {
  std::vector<SelectItem> select_items;
  AliasedRelation from;
  std::vector<Join> joins;  ///< Left-deep: each joins the result so far with `right`.
  std::optional<WindowSpec> window;
  std::optional<Expression> where;
  std::optional<std::vector<Expression>> group_by;  ///< Present but empty for `GROUP BY ()`.
  std::optional<std::vector<Expression>>
      partition_by;  ///< Present but empty for `PARTITION BY ()`.
  std::optional<Expression> having;
  std::optional<EmitMode> emit;
  std::optional<int64_t> limit;

  bool operator==(const Query&) const = default;
};

}  // namespace fluxo::ast
