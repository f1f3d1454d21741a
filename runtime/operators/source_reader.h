#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "planner/physical/physical_plan.h"
#include "runtime/core/recycled_rows.h"
#include "runtime/functions/function_registry.h"
#include "runtime/operators/operator.h"
#include "runtime/serde/record_serde.h"
#include "runtime/topic/topic_client.h"

namespace fluxo::runtime {

/// The start of a pipeline: turns a source topic's records into rows in the source schema's
/// order (key columns from the key, value columns from the value, header columns from the
/// headers), with event time from the TIMESTAMP column or the record timestamp. A windowed
/// source's keys are split into the key and the window (Row::window). A record that
/// cannot be read, or whose event time is missing or negative, is skipped and logged with its
/// partition and offset; the records after it are read as usual.
class SourceReader {
 public:
  SourceReader(const planner::SourceStep& step, OperatorContext context);

  /// Reads `records` (one partition, offset order) into a batch.
  RowBatch Read(const std::vector<TopicRecord>& records) const;

  /// Takes back a batch that Read returned, once processed, so that the next Read reuses the
  /// memory of its rows' values instead of allocating it again.
  void Recycle(RowBatch&& batch);

  /// Tells the reader which columns the query reads (`read[i]` for column i; columns past the
  /// end are not read): the others may be left NULL where that saves work. The records rejected
  /// stay the same.
  void IgnoreUnusedColumns(const std::vector<bool>& read);

  /// Tells the reader that the operator after it widens each row in place to `columns` values
  /// (a join input's preparing projection), so that rows get room for them from the start
  /// instead of growing (a second allocation and a move of every value) there.
  void ReserveRowWidth(size_t columns) { row_width_ = columns; }

 private:
  /// Reads one record into `row`, whose values the caller has sized and set to NULL; false when
  /// the record is skipped (and logged).
  bool ReadRecord(const TopicRecord& record, Row& row) const;
  /// Splits a windowed key into the window and the key columns of `row`.
  void ReadWindowedKey(const std::string& bytes, Row& row) const;
  /// The record's event time; nothing when the TIMESTAMP column is NULL or unreadable.
  std::optional<int64_t> EventTime(const Row& row, const TopicRecord& record) const;

  LogicalSchema schema_;
  std::unique_ptr<serde::RecordSerde> key_serde_;
  std::unique_ptr<serde::RecordSerde> value_serde_;
  std::vector<size_t> key_indexes_;
  std::vector<size_t> value_indexes_;
  std::vector<size_t> header_indexes_;         ///< HEADERS and HEADER('key') columns.
  std::optional<planner::WindowInfo> window_;  ///< Set for a windowed source.
  bool throw_on_invalid_timestamp_ = false;
  std::optional<size_t> timestamp_index_;
  /// PARSE_TIMESTAMP(text, TIMESTAMP_FORMAT) for a STRING TIMESTAMP column.
  std::optional<functions::ResolvedScalarFunction> parse_timestamp_;
  Value timestamp_format_;
  OperatorContext context_;
  /// The batches given back (Recycle), for Read to reuse their memory.
  mutable RecycledRows recycled_;
  size_t row_width_ = 0;  ///< The values each row has room for (at least the schema's).
};

}  // namespace fluxo::runtime
