#include "runtime/operators/stream_stream_join_operator.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "runtime/core/error.h"
#include "runtime/state/store_name.h"
#include "runtime/state/value_codec.h"

namespace fluxo::runtime {

namespace {

constexpr int64_t kMinTime = std::numeric_limits<int64_t>::min();
constexpr int64_t kMaxTime = std::numeric_limits<int64_t>::max();
constexpr char kTimesKey[] = "times";

int64_t SaturatingAdd(int64_t left, int64_t right) {
  int64_t sum = 0;
  if (__builtin_add_overflow(left, right, &sum)) {
    return right > 0 ? kMaxTime : kMinTime;
  }
  return sum;
}

// The first time a buffer still shows when its input has seen `observed`: Kafka Streams'
// window stores hide what is older than stream time - retention.
int64_t FirstVisible(int64_t observed, int64_t retention) {
  return observed == kMinTime ? kMinTime : SaturatingAdd(observed, 1 - retention);
}

size_t Index(JoinSide side) {
  return side == JoinSide::kLeft ? 0 : 1;
}

JoinSide Other(JoinSide side) {
  return side == JoinSide::kLeft ? JoinSide::kRight : JoinSide::kLeft;
}

// The unmatched rows' store orders them as Kafka Streams' outer-join store does: by time,
// then side (right before left), then key; a sequence number keeps equal entries apart.
std::string UnmatchedPrefix(int64_t time, JoinSide side, const std::string& key) {
  std::string encoded;
  state::EncodeValue(Value::Int64(time), encoded);
  encoded.push_back(side == JoinSide::kLeft ? '\x01' : '\x00');
  encoded += key;
  return encoded;
}

void AppendSequence(uint64_t sequence, std::string& encoded) {
  for (int shift = 56; shift >= 0; shift -= 8) {
    encoded.push_back(static_cast<char>((sequence >> shift) & 0xFF));
  }
}

}  // namespace

StreamStreamJoinOperator::StreamStreamJoinOperator(const planner::JoinStep& step,
                                                   OperatorContext context)
    : type_(step.join.type), rows_(step, context) {
  FLUXO_CHECK(context.state != nullptr, "a stream-stream join needs state stores");
  FLUXO_CHECK(step.join.within.has_value(), "a stream-stream join needs a window");
  const planner::JoinWindow& window = *step.join.within;
  before_ms_ = window.before_ms;
  after_ms_ = window.after_ms;
  grace_ms_ = window.grace_ms.value_or(window.RetentionMs() - before_ms_ - after_ms_);
  retention_ms_ = window.RetentionMs();
  holds_unmatched_ = window.grace_ms.has_value() && type_ != planner::JoinType::kInner;
  buffers_[0] = &context.state->GetWindowStore(state::StoreName(step.operator_id, "Left"));
  buffers_[1] = &context.state->GetWindowStore(state::StoreName(step.operator_id, "Right"));
  if (holds_unmatched_) {
    unmatched_ = &context.state->GetKeyValueStore(state::StoreName(step.operator_id, "Outer"));
  }
  times_store_ = &context.state->GetKeyValueStore(state::StoreName(step.operator_id, "Times"));
  if (const auto stored = times_store_->Get(kTimesKey)) {
    const ValueList values = state::DecodeValueList(*stored);
    times_.stream = values[0].AsInt64();
    times_.observed[0] = values[1].AsInt64();
    times_.observed[1] = values[2].AsInt64();
    times_.min_outer = values[3].AsInt64();
    times_.sequence = static_cast<uint64_t>(values[4].AsInt64());
  }
}

bool StreamStreamJoinOperator::IsOuter(JoinSide side) const {
  return type_ == planner::JoinType::kFull ||
         type_ == (side == JoinSide::kLeft ? planner::JoinType::kLeft : planner::JoinType::kRight);
}

Row StreamStreamJoinOperator::PaddedRow(JoinSide side,
                                        const Value& key,
                                        const ValueList& values,
                                        int64_t timestamp,
                                        const std::optional<WindowBounds>& window) const {
  return side == JoinSide::kLeft ? rows_.Join(key, &values, nullptr, timestamp, window)
                                 : rows_.Join(key, nullptr, &values, timestamp, window);
}

void StreamStreamJoinOperator::ProcessSide(JoinSide side, RowBatch&& batch, Emitter& downstream) {
  RowBatch output;
  for (const Row& row : batch) {
    ProcessRow(side, row, output);
  }
  if (!output.empty()) {
    downstream.Emit(std::move(output));
  }
}

void StreamStreamJoinOperator::ProcessRow(JoinSide side, const Row& row, RowBatch& output) {
  const int64_t time = row.timestamp;
  times_.stream = std::max(times_.stream, time);
  const Value key = row.tombstone ? Value() : rows_.Key(side, row);
  if (row.tombstone) {
    return;  // A null value joins nothing; it only moved stream time.
  }
  const size_t output_start = output.size();
  if (key.IsNull()) {
    if (IsOuter(side)) {
      output.Add(PaddedRow(side, key, rows_.SideValues(side, row.values), time, row.window));
    }
  } else {
    const std::string encoded_key = JoinRows::EncodeKey(key, row.window);
    ValueList values = rows_.SideValues(side, row.values);
    // The row joins its own input's buffer first (Kafka Streams' KStreamJoinWindow).
    int64_t& observed = times_.observed[Index(side)];
    observed = std::max(observed, time);
    if (time >= FirstVisible(observed, retention_ms_)) {
      std::string encoded_values;
      state::EncodeValueList(values, encoded_values);
      buffers_[Index(side)]->Put({encoded_key, time, time, times_.sequence++}, encoded_values);
    }
    if (holds_unmatched_ && time == times_.stream) {
      EmitClosedOuterRows(side, output);
    }
    // The other input's rows in the window, as far as its buffer still shows them.
    const int64_t before = side == JoinSide::kLeft ? before_ms_ : after_ms_;
    const int64_t after = side == JoinSide::kLeft ? after_ms_ : before_ms_;
    const int64_t to = std::max<int64_t>(0, SaturatingAdd(time, after));
    const int64_t from =
        std::max({std::max<int64_t>(0, SaturatingAdd(time, -before)),
                  FirstVisible(times_.observed[Index(Other(side))], retention_ms_)});
    std::vector<std::pair<int64_t, std::string>> matches;
    if (from <= to) {
      buffers_[Index(Other(side))]->FetchKey(
          encoded_key, from, to, [&](const state::WindowKey& entry, std::string_view value) {
            matches.emplace_back(entry.start_ms, std::string(value));
            return true;
          });
    }
    for (const auto& [other_time, other_values] : matches) {
      if (holds_unmatched_) {
        DropOuterRows(Other(side), encoded_key, other_time);
      }
      const ValueList other = state::DecodeValueList(other_values);
      const ValueList& left = side == JoinSide::kLeft ? values : other;
      const ValueList& right = side == JoinSide::kLeft ? other : values;
      output.Add(rows_.Join(key, &left, &right, std::max(time, other_time), row.window));
    }
    if (matches.empty() && IsOuter(side)) {
      if (!holds_unmatched_ || to < times_.stream) {
        output.Add(PaddedRow(side, key, values, time, row.window));
      } else {
        // Held back until the row's window closes (or a match arrives).
        times_.min_outer = std::min(times_.min_outer, time);
        std::string entry_key = UnmatchedPrefix(time, side, encoded_key);
        AppendSequence(times_.sequence++, entry_key);
        ValueList entry = {key,
                           row.window ? Value::Int64(row.window->start) : Value(),
                           row.window ? Value::Int64(row.window->end) : Value()};
        entry.insert(entry.end(), values.begin(), values.end());
        std::string encoded_entry;
        state::EncodeValueList(entry, encoded_entry);
        unmatched_->Put(entry_key, encoded_entry);
      }
    }
  }
  for (size_t i = output_start; i < output.size(); ++i) {
    output[i].partition = row.partition;
    output[i].offset = row.offset;
  }
}

void StreamStreamJoinOperator::EmitClosedOuterRows(JoinSide side, RowBatch& output) {
  const int64_t after = side == JoinSide::kLeft ? after_ms_ : before_ms_;
  if (times_.min_outer != kMaxTime &&
      SaturatingAdd(times_.min_outer, after + grace_ms_) >= times_.stream) {
    return;  // Nothing waiting can have closed yet.
  }
  times_.min_outer = kMaxTime;
  std::vector<std::pair<std::string, std::string>> entries;
  unmatched_->ScanAll([&](std::string_view key, std::string_view value) {
    entries.emplace_back(std::string(key), std::string(value));
    return true;
  });
  bool left_open = false;
  bool right_open = false;
  for (const auto& [entry_key, entry_value] : entries) {
    std::string_view bytes = entry_key;
    const int64_t time = state::DecodeNextValue(bytes).AsInt64();
    const JoinSide entry_side = bytes.front() == '\x01' ? JoinSide::kLeft : JoinSide::kRight;
    times_.min_outer = time;
    if (left_open && right_open) {
      break;
    }
    // A left row's window closes `after` past it, a right row's `before` past it.
    const int64_t look_back = entry_side == JoinSide::kLeft ? after_ms_ : before_ms_;
    if (SaturatingAdd(time, look_back + grace_ms_) >= times_.stream) {
      (entry_side == JoinSide::kLeft ? left_open : right_open) = true;
      continue;
    }
    ValueList values = state::DecodeValueList(entry_value);
    std::optional<WindowBounds> window;
    if (!values[1].IsNull()) {
      window = WindowBounds{values[1].AsInt64(), values[2].AsInt64()};
    }
    const Value key = values[0];
    values.erase(values.begin(), values.begin() + 3);
    output.Add(PaddedRow(entry_side, key, values, time, window));
    unmatched_->Delete(entry_key);
  }
}

void StreamStreamJoinOperator::DropOuterRows(JoinSide side, const std::string& key, int64_t time) {
  std::vector<std::string> matched;
  unmatched_->ScanPrefix(UnmatchedPrefix(time, side, key),
                         [&](std::string_view entry_key, std::string_view) {
                           matched.emplace_back(entry_key);
                           return true;
                         });
  for (const std::string& entry_key : matched) {
    unmatched_->Delete(entry_key);
  }
}

void StreamStreamJoinOperator::Flush(Emitter& /*downstream*/) {
  std::string encoded;
  state::EncodeValueList({Value::Int64(times_.stream),
                          Value::Int64(times_.observed[0]),
                          Value::Int64(times_.observed[1]),
                          Value::Int64(times_.min_outer),
                          Value::Int64(static_cast<int64_t>(times_.sequence))},
                         encoded);
  times_store_->Put(kTimesKey, encoded);
  for (size_t i = 0; i < 2; ++i) {
    const int64_t first_visible = FirstVisible(times_.observed[i], retention_ms_);
    if (first_visible != kMinTime) {
      buffers_[i]->ExpireBefore(first_visible);
    }
  }
}

}  // namespace fluxo::runtime
