#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "planner/physical/physical_plan.h"
#include "runtime/functions/function_registry.h"
#include "runtime/operators/operator.h"
#include "runtime/serde/record_serde.h"
#include "runtime/topic/topic_client.h"

namespace fluxo::runtime {

/// The start of a pipeline: turns a source topic's records into rows in the source schema's
/// order (key columns from the key, value columns from the value, header columns from the
/// headers), with event time from the TIMESTAMP column or the record timestamp. A record that
/// cannot be read, or whose event time is missing or negative, is skipped and logged with its
/// partition and offset; the records after it are read as usual.
class SourceReader {
 public:
  SourceReader(const planner::SourceStep& step, OperatorContext context);

  /// Reads `records` (one partition, offset order) into a batch.
  RowBatch Read(const std::vector<TopicRecord>& records) const;

 private:
  std::optional<Row> ReadRecord(const TopicRecord& record) const;
  int64_t EventTime(const Row& row, const TopicRecord& record) const;

  LogicalSchema schema_;
  std::unique_ptr<serde::RecordSerde> key_serde_;
  std::unique_ptr<serde::RecordSerde> value_serde_;
  std::vector<size_t> key_indexes_;
  std::vector<size_t> value_indexes_;
  std::optional<size_t> timestamp_index_;
  /// PARSE_TIMESTAMP(text, TIMESTAMP_FORMAT) for a STRING TIMESTAMP column.
  std::optional<functions::ResolvedScalarFunction> parse_timestamp_;
  Value timestamp_format_;
  OperatorContext context_;
};

}  // namespace fluxo::runtime
