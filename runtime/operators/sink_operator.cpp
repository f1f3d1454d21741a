#include "runtime/operators/sink_operator.h"

#include <utility>

#include "runtime/core/error.h"

namespace fluxo::runtime {

namespace {

ValueList ValuesAt(const Row& row, const std::vector<size_t>& indexes) {
  ValueList values;
  values.reserve(indexes.size());
  for (size_t index : indexes) {
    values.push_back(row.values[index]);
  }
  return values;
}

}  // namespace

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
  if (step.sink.timestamp_column.has_value()) {
    timestamp_index_ = schema.Find(*step.sink.timestamp_column);
  }
}

void SinkOperator::Process(RowBatch&& batch, Emitter& /*downstream*/) {
  for (const Row& row : batch) {
    TopicRecord record;
    try {
      record.key = key_indexes_.empty() || row.key_missing
                       ? std::nullopt
                       : key_serde_->Serialize(ValuesAt(row, key_indexes_));
      record.value =
          row.tombstone ? std::nullopt : value_serde_->Serialize(ValuesAt(row, value_indexes_));
    } catch (const Error& error) {
      context_.SkipRow(row, "cannot serialize the result: " + error.message());
      continue;
    }
    record.timestamp = row.timestamp;
    if (timestamp_index_.has_value() && !row.tombstone) {
      const Value& timestamp = row.values[*timestamp_index_];
      if (timestamp.IsNull() || timestamp.AsInt64() < 0) {
        context_.SkipRow(row, "the TIMESTAMP column of the sink is missing or negative");
        continue;
      }
      record.timestamp = timestamp.AsInt64();
    }
    topics_.Produce(topic_, std::move(record));
  }
}

}  // namespace fluxo::runtime
