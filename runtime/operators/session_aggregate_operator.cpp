#include "runtime/operators/session_aggregate_operator.h"

#include <algorithm>
#include <cstring>
#include <utility>

#include "runtime/core/error.h"
#include "runtime/window/saturating_time.h"
#include "runtime/window/session_merger.h"

namespace fluxo::runtime {

namespace {

state::WindowStore& SessionStore(const planner::AggregateStep& step,
                                 const OperatorContext& context) {
  FLUXO_CHECK(context.state != nullptr, "a session aggregation needs state stores");
  return context.state->GetWindowStore(step.store_name);
}

}  // namespace

SessionAggregateOperator::SessionAggregateOperator(const planner::AggregateStep& step,
                                                   OperatorContext context)
    : step_(step),
      context_(std::move(context)),
      core_(step_, context_),
      store_(SessionStore(step_, context_)),
      cache_(core_, store_) {
  if (step_.aggregation.emit_final) {
    final_emitter_ = std::make_unique<FinalWindowEmitter>(*step_.aggregation.window,
                                                          step_.aggregation.emit_expired_windows);
  }
}

void SessionAggregateOperator::Process(RowBatch&& batch, Emitter& downstream) {
  RowBatch output;
  output.Reserve(batch.size());
  for (const Row& row : batch) {
    ProcessRow(row, output);
  }
  if (!output.empty()) {
    downstream.Emit(std::move(output));
  }
}

std::vector<WindowBounds> SessionAggregateOperator::CandidateSessions(
    const std::string& encoded_key, int64_t timestamp) {
  const window::WindowSpec& spec = *step_.aggregation.window;
  // Sessions past retention are gone (Kafka Streams' segmented stores stop returning them).
  const int64_t earliest_end =
      std::max(window::SaturatingSubtract(timestamp, spec.gap_ms),
               window::SaturatingSubtract(stream_time_, spec.EffectiveRetentionMs() - 1));
  const int64_t latest_start = window::SaturatingAdd(timestamp, spec.gap_ms);
  std::vector<WindowBounds> sessions;
  store_.FetchKey(encoded_key,
                  std::numeric_limits<int64_t>::min(),
                  latest_start,
                  [&](const state::WindowKey& window, std::string_view) {
                    sessions.push_back({window.start_ms, window.end_ms});
                    return true;
                  });
  if (auto found = unflushed_.find(encoded_key); found != unflushed_.end()) {
    sessions.insert(sessions.end(), found->second.begin(), found->second.end());
  }
  std::sort(sessions.begin(), sessions.end(), [](const WindowBounds& a, const WindowBounds& b) {
    return a.start != b.start ? a.start < b.start : a.end < b.end;
  });
  sessions.erase(std::unique(sessions.begin(), sessions.end()), sessions.end());
  std::erase_if(sessions, [&](const WindowBounds& session) {
    return session.end < earliest_end || session.start > latest_start ||
           cache_.Find(encoded_key, session) == nullptr;
  });
  return sessions;
}

void SessionAggregateOperator::ProcessRow(const Row& row, RowBatch& output) {
  if (row.tombstone) {
    return;  // A stream's null-valued record has nothing to aggregate (ksqlDB drops it).
  }
  const std::optional<ValueList> key = core_.GroupKey(row);
  if (!key.has_value()) {
    return;
  }
  const window::WindowSpec& spec = *step_.aggregation.window;
  const std::string encoded_key = AggregationCore::EncodeKey(*key);
  stream_time_ = std::max(stream_time_, row.timestamp);
  const std::vector<WindowBounds> sessions = CandidateSessions(encoded_key, row.timestamp);
  const window::SessionMerge merge = window::MergeSession(sessions, row.timestamp, spec.gap_ms);
  if (window::IsLate(spec, merge.bounds, stream_time_)) {
    context_.DropLateRow(row,
                         "late record dropped: session [" + std::to_string(merge.bounds.start) +
                             ", " + std::to_string(merge.bounds.end) + "] closed at stream time " +
                             std::to_string(stream_time_) + " (grace " +
                             std::to_string(spec.EffectiveGraceMs()) + " ms)");
    return;
  }
  GroupState merged_state = core_.Initial();
  const WindowBounds single{row.timestamp, row.timestamp};
  for (size_t index : merge.merged) {
    const WindowBounds& session = sessions[index];
    core_.Merge(merged_state, *cache_.Find(encoded_key, session));
    if (!(merge.bounds == single)) {
      cache_.Erase(encoded_key, session);
      if (!step_.aggregation.emit_final) {
        output.Add(core_.DeleteRow(*key, session.end, session));
      } else {
        final_emitter_->Forget(session, encoded_key);
      }
    }
  }
  core_.Accumulate(merged_state, row, sequence_++);
  merged_state.timestamp = merge.bounds.end;
  GroupState& stored = cache_.FindOrCreate(encoded_key, merge.bounds);
  stored = std::move(merged_state);
  cache_.MarkDirty(encoded_key, merge.bounds);
  unflushed_[encoded_key].push_back(merge.bounds);
  Row after = core_.OutputRow(*key, stored, merge.bounds);
  if (core_.PassesHaving(after)) {
    Emit(std::move(after), encoded_key, output);
  }
  if (final_emitter_) {
    final_emitter_->EmitClosed(stream_time_, output);
  }
}

void SessionAggregateOperator::Emit(Row row, const std::string& encoded_key, RowBatch& output) {
  if (final_emitter_) {
    final_emitter_->Hold(std::move(row), encoded_key);
    return;
  }
  output.Add(std::move(row));
}

void SessionAggregateOperator::Flush(Emitter& /*downstream*/) {
  cache_.Flush();
  unflushed_.clear();
}

}  // namespace fluxo::runtime
