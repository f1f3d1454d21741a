// Engine::InsertJsonRows: rows given as JSON objects into a stream or table, all or nothing
// (REST's /inserts-stream and webhooks); FindInsertTarget, which INSERT ... VALUES shares.

#include <chrono>
#include <utility>

#include "planner/binder/source_name_hint.h"
#include "runtime/core/error.h"
#include "runtime/engine/engine.h"
#include "runtime/engine/engine_state.h"
#include "runtime/serde/json_reader.h"
#include "runtime/serde/record_serde.h"

namespace fluxo::engine {

const planner::SourceDescription& FindInsertTarget(const EngineState& state,
                                                   const std::string& name,
                                                   std::optional<SourceSpan> span) {
  const auto fail = [&](ErrorKind kind, std::string message) -> Error {
    return span.has_value() ? Error(kind, std::move(message), *span)
                            : Error(kind, std::move(message));
  };
  const planner::SourceDescription* source = state.catalog.FindSource(name);
  if (source == nullptr) {
    throw fail(ErrorKind::kBinding,
               "Cannot insert values into an unknown stream/table: `" + name + "`" +
                   planner::SourceNameCaseHint(state.catalog, name));
  }
  if (source->read_only) {
    throw fail(ErrorKind::kPlanning,
               "Cannot insert values into read-only " +
                   std::string(source->type == planner::SourceType::kTable ? "table" : "stream") +
                   ": " + source->name);
  }
  return *source;
}

void Engine::InsertJsonRows(const std::string& target, const std::vector<std::string>& json_rows) {
  const planner::SourceDescription* source = &FindInsertTarget(*state_, target);
  const LogicalSchema& schema = source->schema;
  const std::vector<size_t> key_indexes = schema.IndexesIn(ColumnNamespace::kKey);
  const std::vector<size_t> value_indexes = schema.IndexesIn(ColumnNamespace::kValue);
  std::vector<Column> columns = schema.ColumnsAt(key_indexes);
  for (const Column& column : schema.ColumnsAt(value_indexes)) {
    columns.push_back(column);
  }
  // One object per row with every column a field, read with the JSON format's coercions.
  serde::JsonReader reader(columns, /*wrapped=*/true);
  const auto key_serde =
      serde::MakeRecordSerde(source->key_format, schema.ColumnsAt(key_indexes), true);
  const auto value_serde =
      serde::MakeRecordSerde(source->value_format, schema.ColumnsAt(value_indexes), false);
  const int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();

  std::vector<runtime::TopicRecord> records;
  records.reserve(json_rows.size());
  for (size_t row = 0; row < json_rows.size(); ++row) {
    try {
      std::optional<ValueList> values = reader.Read(json_rows[row]);
      if (!values.has_value()) {
        throw Error(ErrorKind::kExecution, "the row is null, not an object");
      }
      runtime::TopicRecord record;
      record.timestamp = now;
      if (!key_indexes.empty()) {
        record.key = key_serde->Serialize(ValueList(
            values->begin(), values->begin() + static_cast<ptrdiff_t>(key_indexes.size())));
      }
      record.value = value_serde->Serialize(
          ValueList(values->begin() + static_cast<ptrdiff_t>(key_indexes.size()), values->end()));
      records.push_back(std::move(record));
    } catch (const Error& error) {
      throw Error(ErrorKind::kExecution,
                  "Row " + std::to_string(row) + " cannot be inserted into " + source->name + ": " +
                      error.message());
    }
  }
  for (runtime::TopicRecord& record : records) {
    state_->topics->Produce(source->topic, std::move(record));
  }
}

}  // namespace fluxo::engine
