#include "runtime/operators/join_rows.h"

#include <utility>

#include "runtime/core/error.h"
#include "runtime/state/value_codec.h"

namespace fluxo::runtime {

JoinRows::JoinRows(const planner::JoinStep& step, OperatorContext context)
    : left_key_(expr::CompileExpression(step.join.left_key)),
      right_key_(expr::CompileExpression(step.join.right_key)),
      left_skip_(step.join.left_skip),
      left_width_(step.left_schema.columns().size() - step.join.left_skip),
      right_width_(step.right_schema.columns().size()),
      context_(std::move(context)) {}

Value JoinRows::Key(JoinSide side, const Row& row) const {
  try {
    return (side == JoinSide::kLeft ? left_key_ : right_key_)->Evaluate(row);
  } catch (const Error& error) {
    context_.SkipRow(row, "the join key cannot be computed: " + error.message());
  }
  return Value();
}

std::string JoinRows::EncodeKey(const Value& key, const std::optional<WindowBounds>& window) {
  std::string encoded;
  state::EncodeValue(key, encoded);
  if (window.has_value()) {
    state::EncodeValue(Value::Int64(window->start), encoded);
    state::EncodeValue(Value::Int64(window->end), encoded);
  }
  return encoded;
}

ValueList JoinRows::SideValues(JoinSide side, ValueList values) const {
  if (side == JoinSide::kLeft && left_skip_ > 0) {
    values.erase(values.begin(), values.begin() + static_cast<ptrdiff_t>(left_skip_));
  }
  return values;
}

Row JoinRows::Join(const Value& key,
                   const ValueList* left,
                   const ValueList* right,
                   int64_t timestamp,
                   const std::optional<WindowBounds>& window) const {
  Row row;
  row.values.reserve(1 + left_width_ + right_width_);
  row.values.push_back(key);
  for (const auto& [side, width] : {std::pair{left, left_width_}, std::pair{right, right_width_}}) {
    if (side != nullptr) {
      row.values.insert(row.values.end(), side->begin(), side->end());
    } else {
      row.values.resize(row.values.size() + width);
    }
  }
  row.timestamp = timestamp;
  row.window = window;
  row.key_missing = key.IsNull();
  return row;
}

}  // namespace fluxo::runtime
