#include "runtime/operators/source_reader.h"

#include <string>
#include <utility>

#include "runtime/core/error.h"
#include "runtime/window/windowed_key_codec.h"

namespace fluxo::runtime {

namespace {

Value HeadersValue(const std::vector<RecordHeader>& headers) {
  ValueList list;
  for (const RecordHeader& header : headers) {
    list.push_back(Value::List(
        {Value::String(header.key), header.value ? Value::String(*header.value) : Value()}));
  }
  return Value::List(std::move(list));
}

Value HeaderValue(const std::vector<RecordHeader>& headers, const std::string& key) {
  // The last header with the key wins, as in ksqlDB.
  for (auto header = headers.rbegin(); header != headers.rend(); ++header) {
    if (header->key == key) {
      return header->value ? Value::String(*header->value) : Value();
    }
  }
  return Value();
}

}  // namespace

SourceReader::SourceReader(const planner::SourceStep& step, OperatorContext context)
    : schema_(step.source.schema),
      window_(step.source.window),
      throw_on_invalid_timestamp_(step.throw_on_invalid_timestamp),
      context_(std::move(context)) {
  key_indexes_ = schema_.IndexesIn(ColumnNamespace::kKey);
  value_indexes_ = schema_.IndexesIn(ColumnNamespace::kValue);
  for (size_t i = 0; i < schema_.columns().size(); ++i) {
    const ColumnNamespace column_namespace = schema_.columns()[i].column_namespace;
    if (column_namespace == ColumnNamespace::kHeaders ||
        column_namespace == ColumnNamespace::kHeader) {
      header_indexes_.push_back(i);
    }
  }
  key_serde_ = serde::MakeRecordSerde(step.source.key_format,
                                      schema_.ColumnsAt(key_indexes_),
                                      /*is_key=*/true);
  value_serde_ = serde::MakeRecordSerde(
      step.source.value_format, schema_.ColumnsAt(value_indexes_), /*is_key=*/false);
  if (step.source.timestamp_column.has_value()) {
    timestamp_index_ = schema_.Find(*step.source.timestamp_column);
    if (schema_.columns()[*timestamp_index_].type->kind() == TypeKind::kString) {
      parse_timestamp_ = functions::FunctionRegistry::BuiltIn().Resolve(
          "PARSE_TIMESTAMP", {SqlType::String(), SqlType::String()});
      FLUXO_CHECK(parse_timestamp_.has_value(), "PARSE_TIMESTAMP(STRING, STRING) must exist");
      timestamp_format_ = Value::String(step.source.timestamp_format.value_or(""));
    }
  }
}

void SourceReader::IgnoreUnusedColumns(const std::vector<bool>& read) {
  std::vector<bool> unused(value_indexes_.size());
  for (size_t i = 0; i < value_indexes_.size(); ++i) {
    const size_t column = value_indexes_[i];
    // The event time comes from the TIMESTAMP column, so it is always read.
    unused[i] = (column >= read.size() || !read[column]) && timestamp_index_ != column;
  }
  value_serde_->IgnoreUnusedColumns(unused);
}

RowBatch SourceReader::Read(const std::vector<TopicRecord>& records) const {
  RowBatch batch = recycled_.TakeBatch(records.size());
  for (const TopicRecord& record : records) {
    Row row = recycled_.TakeRow();
    row.values.reserve(row_width_);
    row.values.resize(schema_.columns().size());
    if (ReadRecord(record, row)) {
      batch.Add(std::move(row));
    }
  }
  return batch;
}

void SourceReader::Recycle(RowBatch&& batch) {
  recycled_.GiveBack(std::move(batch));
}

bool SourceReader::ReadRecord(const TopicRecord& record, Row& row) const {
  row.partition = record.partition;
  row.offset = record.offset;
  try {
    row.key_missing = !record.key.has_value();
    if (window_.has_value() && record.key.has_value()) {
      ReadWindowedKey(*record.key, row);
    } else {
      key_serde_->DeserializeInto(record.key, row.values, key_indexes_);
    }
    row.tombstone = !value_serde_->DeserializeInto(record.value, row.values, value_indexes_);
  } catch (const Error& error) {
    context_.SkipRow(row, "cannot deserialize the record: " + error.message());
    return false;
  }
  for (const size_t i : header_indexes_) {
    const Column& column = schema_.columns()[i];
    if (column.column_namespace == ColumnNamespace::kHeaders) {
      row.values[i] = HeadersValue(record.headers);
    } else {
      row.values[i] = HeaderValue(record.headers, column.header_key);
    }
  }
  const std::optional<int64_t> event_time = EventTime(row, record);
  if (!event_time.has_value() && throw_on_invalid_timestamp_) {
    // ksql.timestamp.throw.on.invalid: ksqlDB's timestamp extractor fails the query.
    throw Error(ErrorKind::kExecution,
                "Fatal user code error in TimestampExtractor callback for record " +
                    context_.source_topic + "/" + std::to_string(record.partition) + "@" +
                    std::to_string(record.offset) + ": the TIMESTAMP column is NULL or unreadable");
  }
  row.timestamp = event_time.value_or(-1);
  if (row.timestamp < 0) {
    context_.SkipRow(row, "the record's event time is missing or negative");
    return false;
  }
  return true;
}

void SourceReader::ReadWindowedKey(const std::string& bytes, Row& row) const {
  std::optional<window::WindowedKey> windowed =
      window_->type == planner::WindowType::kSession
          ? window::DecodeSessionWindowedKey(bytes)
          : window::DecodeTimeWindowedKey(bytes, window_->size_ms.value_or(0));
  if (!windowed.has_value()) {
    throw Error(ErrorKind::kExecution,
                "Failed to deserialize key: a windowed key needs " +
                    std::string(window_->type == planner::WindowType::kSession ? "16" : "8") +
                    " bytes of window after the key, got " + std::to_string(bytes.size()) +
                    " bytes in all");
  }
  row.window = windowed->bounds;
  key_serde_->DeserializeInto(
      std::optional<std::string>(std::move(windowed->key)), row.values, key_indexes_);
}

std::optional<int64_t> SourceReader::EventTime(const Row& row, const TopicRecord& record) const {
  if (!timestamp_index_.has_value() || row.tombstone) {
    return record.timestamp;
  }
  const Value& value = row.values[*timestamp_index_];
  if (value.IsNull()) {
    return std::nullopt;
  }
  if (!parse_timestamp_.has_value()) {
    return value.AsInt64();
  }
  try {
    const Value parsed = parse_timestamp_->body({value, timestamp_format_});
    return parsed.IsNull() ? std::nullopt : std::optional<int64_t>(parsed.AsInt64());
  } catch (const Error&) {
    return std::nullopt;  // Text that does not match TIMESTAMP_FORMAT: no event time.
  }
}

}  // namespace fluxo::runtime
