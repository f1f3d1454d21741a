#include "runtime/operators/sink_operator.h"

#include <utility>

#include "runtime/core/error.h"
#include "runtime/window/windowed_key_codec.h"

namespace fluxo::runtime {

SinkOperator::SinkOperator(const planner::SinkStep& step,
                           TopicClient& topics,
                           OperatorContext context)
    : topic_(step.sink.topic), topics_(topics), context_(std::move(context)) {
  const LogicalSchema& schema = step.sink.schema;
  key_indexes_ = schema.IndexesIn(ColumnNamespace::kKey);
  value_indexes_ = schema.IndexesIn(ColumnNamespace::kValue);
  key_serde_ = serde::MakeRecordSerde(step.sink.key_format,
                                      schema.ColumnsAt(key_indexes_),
                                      /*is_key=*/true);
  value_serde_ = serde::MakeRecordSerde(step.sink.value_format,
                                        schema.ColumnsAt(value_indexes_),
                                        /*is_key=*/false);
  if (step.sink.window.has_value()) {
    window_type_ = step.sink.window->type;
  }
  if (step.sink.timestamp_column.has_value()) {
    timestamp_index_ = schema.Find(*step.sink.timestamp_column);
  }
}

void SinkOperator::Process(RowBatch&& batch, Emitter& /*downstream*/) {
  produced_.clear();
  produced_.reserve(batch.size());
  for (const Row& row : batch) {
    if (row.kind == ChangeKind::kUpdateBefore) {
      continue;  // The update-after that follows replaces the row.
    }
    // Written where it is produced from; taken back out when the row cannot be written.
    TopicRecord& record = produced_.emplace_back();
    try {
      if (!key_indexes_.empty() && !row.key_missing) {
        record.key = key_serde_->SerializeFrom(row.values, key_indexes_);
        if (window_type_.has_value() && row.window.has_value()) {
          // Kafka Streams' windowed key: the key, then the window (sink of a windowed table).
          if (!record.key.has_value()) {
            record.key.emplace();  // A null inner key: the window bytes alone, as before.
          }
          if (*window_type_ == planner::WindowType::kSession) {
            window::AppendSessionWindow(*record.key, *row.window);
          } else {
            window::AppendTimeWindow(*record.key, row.window->start);
          }
        }
      }
      if (!row.tombstone) {
        record.value = value_serde_->SerializeFrom(row.values, value_indexes_);
      }
    } catch (const Error& error) {
      produced_.pop_back();
      context_.SkipRow(row, "cannot serialize the result: " + error.message());
      continue;
    }
    record.timestamp = row.timestamp;
    if (timestamp_index_.has_value() && !row.tombstone) {
      const Value& timestamp = row.values[*timestamp_index_];
      if (timestamp.IsNull() || timestamp.AsInt64() < 0) {
        produced_.pop_back();
        context_.SkipRow(row, "the TIMESTAMP column of the sink is missing or negative");
        continue;
      }
      record.timestamp = timestamp.AsInt64();
    }
  }
  if (!produced_.empty()) {
    const size_t count = produced_.size();
    topics_.Send(topic_, produced_);  // Awaited before the query commits.
    if (context_.counters != nullptr) {
      context_.counters->records_written += count;
    }
  }
}

}  // namespace fluxo::runtime
