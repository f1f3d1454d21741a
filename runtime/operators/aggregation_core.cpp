#include "runtime/operators/aggregation_core.h"

#include <algorithm>
#include <utility>

#include "runtime/core/error.h"
#include "runtime/state/value_codec.h"

namespace fluxo::runtime {

AggregationCore::AggregationCore(const planner::AggregateStep& step, const OperatorContext& context)
    : windowed_(step.aggregation.window.has_value()), context_(context) {
  for (const planner::ProjectedColumn& key : step.aggregation.group_by) {
    keys_.push_back(expr::CompileExpression(key.expression));
  }
  for (const planner::AggregateCall& call : step.aggregation.aggregates) {
    CompiledCall compiled;
    compiled.function = call.function;
    for (const expr::BoundExpressionPtr& argument : call.arguments) {
      compiled.arguments.push_back(expr::CompileExpression(argument));
    }
    if (call.arguments.size() == 1 && call.arguments[0]->kind == expr::BoundKind::kColumn) {
      compiled.column = call.arguments[0]->index;
    }
    initial_states_.push_back(compiled.function->Initial());
    calls_.push_back(std::move(compiled));
  }
  if (step.aggregation.having) {
    having_ = expr::CompileExpression(step.aggregation.having);
  }
}

std::optional<ValueList> AggregationCore::GroupKey(const Row& row, bool log_skips) const {
  ValueList key;
  if (!GroupKeyInto(row, key, log_skips)) {
    return std::nullopt;
  }
  return key;
}

bool AggregationCore::GroupKeyInto(const Row& row, ValueList& key, bool log_skips) const {
  key.clear();
  key.reserve(keys_.size());
  for (const expr::EvaluatorPtr& expression : keys_) {
    try {
      key.push_back(expression->Evaluate(row));
    } catch (const Error& error) {
      if (log_skips) {
        context_.SkipRow(row, "GROUP BY failed: " + error.message());
      }
      return false;
    }
    if (key.back().IsNull()) {
      if (log_skips) {
        context_.SkipRow(row, "GROUP BY gave NULL: the row has no group");
      }
      return false;
    }
  }
  return true;
}

std::string AggregationCore::EncodeKey(const ValueList& key) {
  std::string bytes;
  state::EncodeValueList(key, bytes);
  return bytes;
}

GroupState AggregationCore::Initial() const {
  // Initial states are immutable values (lists are shared, never changed in place), so every
  // group can start from copies of the same ones.
  GroupState state;
  state.states = initial_states_;
  return state;
}

void AggregationCore::InitialInto(GroupState& state) const {
  state.timestamp = 0;
  state.states = initial_states_;
  state.pending_change = GroupState::kNotPending;
}

std::span<const Value> AggregationCore::Arguments(size_t call, const Row& row) const {
  arguments_.clear();
  for (const expr::EvaluatorPtr& argument : calls_[call].arguments) {
    try {
      arguments_.push_back(argument->Evaluate(row));
    } catch (const Error& error) {
      context_.SkipRow(row,
                       "argument of " + calls_[call].function->name() +
                           " failed and is NULL: " + error.message());
      arguments_.push_back(Value::Null());
    }
  }
  return arguments_;
}

void AggregationCore::Accumulate(GroupState& state, const Row& row, int64_t sequence) const {
  for (size_t c = 0; c < calls_.size(); ++c) {
    calls_[c].function->AccumulateInPlace(
        state.states[c], aggregates::AggregateInput{ArgumentsOf(c, row), sequence});
  }
  state.timestamp = std::max(state.timestamp, row.timestamp);
}

void AggregationCore::Undo(GroupState& state, const Row& row) const {
  for (size_t c = 0; c < calls_.size(); ++c) {
    state.states[c] = calls_[c].function->Undo(state.states[c],
                                               aggregates::AggregateInput{ArgumentsOf(c, row), 0});
  }
  state.timestamp = std::max(state.timestamp, row.timestamp);
}

void AggregationCore::Merge(GroupState& state, const GroupState& merged) const {
  for (size_t c = 0; c < calls_.size(); ++c) {
    state.states[c] = calls_[c].function->Merge(state.states[c], merged.states[c]);
  }
  state.timestamp = std::max(state.timestamp, merged.timestamp);
}

Row AggregationCore::OutputRow(std::span<const Value> key,
                               const GroupState& state,
                               const std::optional<WindowBounds>& window) const {
  Row row;
  row.values.reserve(key.size() + calls_.size() + (windowed_ ? 2 : 0));
  row.values.insert(row.values.end(), key.begin(), key.end());
  for (size_t c = 0; c < calls_.size(); ++c) {
    row.values.push_back(calls_[c].function->Result(state.states[c]));
  }
  if (windowed_) {
    row.values.push_back(Value::Int64(window.has_value() ? window->start : 0));
    row.values.push_back(Value::Int64(window.has_value() ? window->end : 0));
  }
  row.timestamp = state.timestamp;
  row.window = window;
  row.kind = ChangeKind::kUpdateAfter;
  return row;
}

Row AggregationCore::DeleteRow(const ValueList& key,
                               int64_t timestamp,
                               const std::optional<WindowBounds>& window) const {
  Row row;
  row.values = key;
  row.values.resize(key.size() + calls_.size() + (windowed_ ? 2 : 0));
  row.timestamp = timestamp;
  row.window = window;
  row.kind = ChangeKind::kDelete;
  row.tombstone = true;
  return row;
}

bool AggregationCore::PassesHaving(const Row& output) const {
  if (!having_) {
    return true;
  }
  try {
    return expr::IsTrue(having_->Evaluate(output));
  } catch (const Error& error) {
    context_.SkipRow(output, "HAVING failed: " + error.message());
    return false;
  }
}

std::string AggregationCore::EncodeState(const GroupState& state) const {
  std::string bytes;
  EncodeStateInto(state, bytes);
  return bytes;
}

void AggregationCore::EncodeStateInto(const GroupState& state, std::string& bytes) const {
  bytes.clear();
  state::EncodeValue(Value::Int64(state.timestamp), bytes);
  state::EncodeValueList(state.states, bytes);
}

GroupState AggregationCore::DecodeState(std::string_view bytes) const {
  GroupState state;
  state.timestamp = state::DecodeNextValue(bytes).AsInt64();
  state.states = state::DecodeValueList(bytes);
  return state;
}

}  // namespace fluxo::runtime
