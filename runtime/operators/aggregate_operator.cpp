#include "runtime/operators/aggregate_operator.h"

#include <algorithm>
#include <cstring>
#include <span>
#include <utility>

#include "runtime/core/error.h"
#include "runtime/operators/final_window_emitter.h"
#include "runtime/window/window_assigner.h"

namespace fluxo::runtime {

namespace {

GroupStateCache MakeCache(const planner::AggregateStep& step,
                          const AggregationCore& core,
                          const OperatorContext& context) {
  FLUXO_CHECK(context.state != nullptr, "an aggregation needs state stores");
  if (step.aggregation.window.has_value()) {
    return GroupStateCache(core, context.state->GetWindowStore(step.store_name));
  }
  return GroupStateCache(core, context.state->GetKeyValueStore(step.store_name));
}

bool Subtracts(const Row& row) {
  return row.kind == ChangeKind::kDelete || row.kind == ChangeKind::kUpdateBefore;
}

}  // namespace

AggregateOperator::AggregateOperator(const planner::AggregateStep& step, OperatorContext context)
    : step_(step),
      context_(std::move(context)),
      core_(step_, context_),
      cache_(MakeCache(step_, core_, context_)) {
  if (step_.aggregation.emit_final) {
    final_emitter_ = std::make_unique<FinalWindowEmitter>(*step_.aggregation.window,
                                                          step_.aggregation.emit_expired_windows);
  }
}

void AggregateOperator::Process(RowBatch&& batch, Emitter& downstream) {
  RowBatch output;
  output.Reserve(batch.size());
  for (size_t i = 0; i < batch.size(); ++i) {
    const Row& row = batch[i];
    if (row.kind == ChangeKind::kUpdateBefore && i + 1 < batch.size() &&
        batch[i + 1].kind == ChangeKind::kUpdateAfter && ProcessUpdate(row, batch[i + 1], output)) {
      ++i;
      continue;
    }
    ProcessRow(row, output);
  }
  if (!output.empty()) {
    downstream.Emit(std::move(output));
  }
}

bool AggregateOperator::ProcessUpdate(const Row& before, const Row& after, RowBatch& output) {
  if (step_.aggregation.window.has_value()) {
    return false;
  }
  // Only a look: when either row has no group, each is processed (and logged) on its own.
  const std::optional<ValueList> old_key = core_.GroupKey(before, /*log_skips=*/false);
  const std::optional<ValueList> new_key = core_.GroupKey(after, /*log_skips=*/false);
  if (!old_key.has_value() || !new_key.has_value() || !(*old_key == *new_key)) {
    return false;  // The row moves between groups: each group emits its own change.
  }
  // The row stays in its group: take the old values out and put the new ones in, then emit
  // once (Kafka Streams' KTableAggregate gets the old and new value in one change).
  const std::string encoded_key = AggregationCore::EncodeKey(*new_key);
  const GroupStateCache::Update update =
      cache_.FindForUpdate(HashedGroupKey(encoded_key), std::nullopt, false);
  if (update.state == nullptr) {
    return false;
  }
  ChangeGroup(*new_key, std::nullopt, update, output, [&](GroupState& state) {
    core_.Undo(state, before);
    core_.Accumulate(state, after, sequence_++);
  });
  return true;
}

void AggregateOperator::ProcessRow(const Row& row, RowBatch& output) {
  const bool subtract = Subtracts(row);
  if (row.tombstone && !subtract) {
    return;  // A stream's null-valued record has nothing to aggregate (ksqlDB drops it).
  }
  // The row's key and windows go into lists reused from row to row (nothing below keeps them).
  ValueList& key = row_key_;
  if (!core_.GroupKeyInto(row, key)) {
    return;
  }
  const std::string encoded_key = AggregationCore::EncodeKey(key);
  const HashedGroupKey hashed_key(encoded_key);
  if (!step_.aggregation.window.has_value()) {
    UpdateGroup(key, hashed_key, std::nullopt, row, subtract, output);
    return;
  }
  const window::WindowSpec& spec = *step_.aggregation.window;
  stream_time_ = std::max(stream_time_, row.timestamp);
  window::AssignWindowsInto(spec, row.timestamp, row_windows_);
  if (row_windows_.size() > 1) {
    cache_.Prefetch(hashed_key, row_windows_);
  }
  for (const WindowBounds& window : row_windows_) {
    if (window::IsLate(spec, window, stream_time_)) {
      context_.DropLateRow(row,
                           "late record dropped: window [" + std::to_string(window.start) + ", " +
                               std::to_string(window.end) + ") closed at stream time " +
                               std::to_string(stream_time_) + " (grace " +
                               std::to_string(spec.EffectiveGraceMs()) + " ms)");
      continue;
    }
    UpdateGroup(key, hashed_key, window, row, subtract, output);
  }
  if (final_emitter_) {
    final_emitter_->EmitClosed(stream_time_, output);
  }
}

void AggregateOperator::UpdateGroup(const ValueList& key,
                                    const HashedGroupKey& hashed_key,
                                    const std::optional<WindowBounds>& window,
                                    const Row& row,
                                    bool subtract,
                                    RowBatch& output) {
  const GroupStateCache::Update update = cache_.FindForUpdate(hashed_key, window, !subtract);
  if (update.state == nullptr) {
    return;  // Nothing was added for this row's group.
  }
  if (step_.aggregation.emit_final) {
    GroupState& state = *update.state;
    if (subtract) {
      core_.Undo(state, row);
    } else {
      core_.Accumulate(state, row, sequence_++);
    }
    Row after = core_.OutputRow(key, state, window);
    if (core_.PassesHaving(after)) {
      final_emitter_->Hold(std::move(after), hashed_key.bytes);
    }
    return;
  }
  ChangeGroup(key, window, update, output, [&](GroupState& state) {
    if (subtract) {
      core_.Undo(state, row);
    } else {
      core_.Accumulate(state, row, sequence_++);
    }
  });
}

template <typename Apply>
void AggregateOperator::ChangeGroup(const ValueList& key,
                                    const std::optional<WindowBounds>& window,
                                    const GroupStateCache::Update& update,
                                    RowBatch& output,
                                    Apply&& apply) {
  GroupState& state = *update.state;
  // HAVING compares the new row with the one downstream saw last: the group's row just
  // before this change, or with collapsed changes, before its first change since the commit.
  const bool pending = step_.collapse_changes && pending_.Touch(state);
  std::optional<Row> before;
  if (!pending && !update.created && core_.HasHaving()) {
    before = core_.OutputRow(key, state, window);
  }
  apply(state);
  if (!step_.collapse_changes) {
    EmitChange(before, core_.OutputRow(key, state, window), output);
  } else if (!pending) {
    pending_.Add(state, key, window, std::move(before));
  }
}

void AggregateOperator::EmitChange(const std::optional<Row>& before, Row after, RowBatch& output) {
  if (core_.PassesHaving(after)) {
    output.Add(std::move(after));
    return;
  }
  if (before.has_value() && core_.PassesHaving(*before)) {
    const size_t keys = step_.aggregation.group_by.size();
    ValueList key(after.values.begin(), after.values.begin() + static_cast<std::ptrdiff_t>(keys));
    output.Add(core_.DeleteRow(key, after.timestamp, after.window));
  }
}

void AggregateOperator::Flush(Emitter& downstream) {
  if (!pending_.empty()) {
    RowBatch output;
    output.Reserve(pending_.size());
    pending_.TakeEach([&](std::span<const Value> key, PendingGroupChanges::Change& change) {
      EmitChange(change.before, core_.OutputRow(key, *change.state, change.window), output);
    });
    if (!output.empty()) {
      downstream.Emit(std::move(output));
    }
  }
  cache_.Flush();
  if (step_.aggregation.window.has_value() && stream_time_ != std::numeric_limits<int64_t>::min()) {
    // Windows past their retention (window::IsWindowExpired): start + retention < stream time.
    const window::WindowSpec& spec = *step_.aggregation.window;
    const int64_t horizon = stream_time_ - spec.EffectiveRetentionMs();
    if (horizon > std::numeric_limits<int64_t>::min() + 1) {
      context_.state->GetWindowStore(step_.store_name).ExpireBefore(horizon);
    }
  }
}

}  // namespace fluxo::runtime
