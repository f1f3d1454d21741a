#include "runtime/operators/source_reader.h"

#include <utility>

#include "runtime/core/error.h"

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
    : schema_(step.source.schema), context_(std::move(context)) {
  key_indexes_ = schema_.IndexesIn(ColumnNamespace::kKey);
  value_indexes_ = schema_.IndexesIn(ColumnNamespace::kValue);
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

RowBatch SourceReader::Read(const std::vector<TopicRecord>& records) const {
  RowBatch batch;
  batch.Reserve(records.size());
  for (const TopicRecord& record : records) {
    if (std::optional<Row> row = ReadRecord(record)) {
      batch.Add(std::move(*row));
    }
  }
  return batch;
}

std::optional<Row> SourceReader::ReadRecord(const TopicRecord& record) const {
  Row row;
  row.partition = record.partition;
  row.offset = record.offset;
  row.values.resize(schema_.columns().size());
  try {
    row.key_missing = !record.key.has_value();
    if (std::optional<ValueList> key = key_serde_->Deserialize(record.key)) {
      for (size_t i = 0; i < key_indexes_.size() && i < key->size(); ++i) {
        row.values[key_indexes_[i]] = std::move((*key)[i]);
      }
    }
    std::optional<ValueList> value = value_serde_->Deserialize(record.value);
    row.tombstone = !value.has_value();
    if (value.has_value()) {
      for (size_t i = 0; i < value_indexes_.size() && i < value->size(); ++i) {
        row.values[value_indexes_[i]] = std::move((*value)[i]);
      }
    }
  } catch (const Error& error) {
    context_.SkipRow(row, "cannot deserialize the record: " + error.message());
    return std::nullopt;
  }
  for (size_t i = 0; i < schema_.columns().size(); ++i) {
    const Column& column = schema_.columns()[i];
    if (column.column_namespace == ColumnNamespace::kHeaders) {
      row.values[i] = HeadersValue(record.headers);
    } else if (column.column_namespace == ColumnNamespace::kHeader) {
      row.values[i] = HeaderValue(record.headers, column.header_key);
    }
  }
  row.timestamp = EventTime(row, record);
  if (row.timestamp < 0) {
    context_.SkipRow(row, "the record's event time is missing or negative");
    return std::nullopt;
  }
  return row;
}

int64_t SourceReader::EventTime(const Row& row, const TopicRecord& record) const {
  if (!timestamp_index_.has_value() || row.tombstone) {
    return record.timestamp;
  }
  const Value& value = row.values[*timestamp_index_];
  if (value.IsNull()) {
    return -1;
  }
  if (!parse_timestamp_.has_value()) {
    return value.AsInt64();
  }
  try {
    const Value parsed = parse_timestamp_->body({value, timestamp_format_});
    return parsed.IsNull() ? -1 : parsed.AsInt64();
  } catch (const Error&) {
    return -1;  // Text that does not match TIMESTAMP_FORMAT: no event time.
  }
}

}  // namespace fluxo::runtime
