#pragma once

#include <optional>
#include <string>
#include <vector>

#include "planner/physical/physical_plan.h"
#include "runtime/expr/evaluator.h"
#include "runtime/operators/join_operator.h"
#include "runtime/operators/operator.h"

namespace fluxo::runtime {

/// What the three join operators share: the join key of an input row, its encoding in the
/// state stores, and the joined rows (the key, the left input's columns, the right input's).
class JoinRows {
 public:
  /// `columns_read` (JoinedColumnsRead) lets JoinInto leave the joined columns nobody reads
  /// NULL; nothing: every column is filled.
  JoinRows(const planner::JoinStep& step,
           OperatorContext context,
           const std::optional<std::vector<bool>>& columns_read = std::nullopt);

  /// Evaluates the key of `row` (of input `side`). NULL when the key expression gives NULL or
  /// fails (the failure is logged): such a row joins nothing.
  Value Key(JoinSide side, const Row& row) const;

  /// Returns the bytes a key is stored under: the key, then the window of a windowed row.
  static std::string EncodeKey(const Value& key, const std::optional<WindowBounds>& window);

  /// Writes the bytes EncodeKey returns into `out` (replacing its contents, keeping its memory).
  static void EncodeKeyInto(const Value& key,
                            const std::optional<WindowBounds>& window,
                            std::string& out);

  /// Returns the values of an input row that the joined row copies (the left input without
  /// the previous join's key).
  ValueList SideValues(JoinSide side, ValueList values) const;

  /// Builds a joined row from the copied values of each side (nullptr: that side is missing,
  /// its columns are NULL).
  Row Join(const Value& key,
           const ValueList* left,
           const ValueList* right,
           int64_t timestamp,
           const std::optional<WindowBounds>& window) const;

  /// Returns the columns of a right input row that JoinInto copies, moved out of `right` in
  /// the order JoinInto takes them (a stream-table join keeps only these of a table row).
  ValueList RightColumnsRead(ValueList right) const;

  /// Builds a joined row as Join does into `joined`, whose values are replaced (their memory
  /// is reused): the left side's values are moved out of `left_row` (a left input row's values,
  /// the previous join's key skipped), the right side's are copied from `right_read`, what
  /// RightColumnsRead returned for the right row (nullptr: the right columns are NULL).
  /// Columns that the steps after the join do not read (see the constructor) stay NULL.
  void JoinInto(const Value& key,
                ValueList& left_row,
                const ValueList* right_read,
                int64_t timestamp,
                const std::optional<WindowBounds>& window,
                Row& joined) const;

  const OperatorContext& context() const { return context_; }

 private:
  expr::EvaluatorPtr left_key_;
  expr::EvaluatorPtr right_key_;
  size_t left_skip_;
  size_t left_width_;               ///< Columns copied from a left row.
  size_t right_width_;              ///< Columns copied from a right row.
  std::vector<size_t> left_read_;   ///< The left row's columns JoinInto moves.
  std::vector<size_t> right_read_;  ///< The right row's columns JoinInto copies.
  OperatorContext context_;
};

}  // namespace fluxo::runtime
