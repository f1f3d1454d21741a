#include "runtime/operators/join_rows.h"

#include <utility>

#include "runtime/core/error.h"
#include "runtime/state/value_codec.h"

namespace fluxo::runtime {

JoinRows::JoinRows(const planner::JoinStep& step,
                   OperatorContext context,
                   const std::optional<std::vector<bool>>& columns_read)
    : left_key_(expr::CompileExpression(step.join.left_key)),
      right_key_(expr::CompileExpression(step.join.right_key)),
      left_skip_(step.join.left_skip),
      left_width_(step.left_schema.columns().size() - step.join.left_skip),
      right_width_(step.right_schema.columns().size()),
      context_(std::move(context)) {
  // Joined column 0 is the key, then the left side's columns, then the right side's.
  auto read = [&](size_t joined) {
    return !columns_read.has_value() || (joined < columns_read->size() && (*columns_read)[joined]);
  };
  for (size_t i = 0; i < left_width_; ++i) {
    if (read(1 + i)) {
      left_read_.push_back(left_skip_ + i);
    }
  }
  for (size_t i = 0; i < right_width_; ++i) {
    if (read(1 + left_width_ + i)) {
      right_read_.push_back(i);
    }
  }
}

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
  EncodeKeyInto(key, window, encoded);
  return encoded;
}

void JoinRows::EncodeKeyInto(const Value& key,
                             const std::optional<WindowBounds>& window,
                             std::string& out) {
  out.clear();
  state::EncodeValue(key, out);
  if (window.has_value()) {
    state::EncodeValue(Value::Int64(window->start), out);
    state::EncodeValue(Value::Int64(window->end), out);
  }
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

ValueList JoinRows::RightColumnsRead(ValueList right) const {
  ValueList read(right_read_.size());
  for (size_t i = 0; i < right_read_.size(); ++i) {
    if (right_read_[i] < right.size()) {
      read[i] = std::move(right[right_read_[i]]);
    }
  }
  return read;
}

void JoinRows::JoinInto(const Value& key,
                        ValueList& left_row,
                        const ValueList* right_read,
                        int64_t timestamp,
                        const std::optional<WindowBounds>& window,
                        Row& joined) const {
  ValueList& values = joined.values;
  values.clear();
  values.resize(1 + left_width_ + right_width_);
  values[0] = key;
  for (size_t column : left_read_) {
    if (column < left_row.size()) {
      values[1 + column - left_skip_] = std::move(left_row[column]);
    }
  }
  if (right_read != nullptr) {
    for (size_t i = 0; i < right_read_.size(); ++i) {
      values[1 + left_width_ + right_read_[i]] = (*right_read)[i];
    }
  }
  joined.timestamp = timestamp;
  joined.window = window;
  joined.key_missing = key.IsNull();
}

}  // namespace fluxo::runtime
