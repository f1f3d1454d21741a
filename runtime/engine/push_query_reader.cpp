// Reading a push query's results back from its in-memory result topic: Engine::ReadPushQuery and
// Engine::ClosePushQuery.

#include <algorithm>
#include <utility>

#include "runtime/core/error.h"
#include "runtime/engine/engine.h"
#include "runtime/engine/engine_state.h"
#include "runtime/serde/record_serde.h"
#include "runtime/window/windowed_key_codec.h"

namespace fluxo::engine {

namespace {

EngineState::PushQueryState& FindPushQuery(EngineState& state, const std::string& query_id) {
  const auto found = state.push_queries.find(query_id);
  if (found == state.push_queries.end()) {
    throw Error(ErrorKind::kPlanning, "No push query with ID " + query_id + " is running.");
  }
  return found->second;
}

// Splits a windowed key into the inner key and its window.
std::optional<std::string> InnerKey(const planner::SourceDescription& sink,
                                    const std::optional<std::string>& key,
                                    std::optional<WindowBounds>& window) {
  if (!key.has_value() || !sink.window.has_value()) {
    return key;
  }
  const std::optional<window::WindowedKey> windowed =
      sink.window->type == planner::WindowType::kSession
          ? window::DecodeSessionWindowedKey(*key)
          : window::DecodeTimeWindowedKey(*key, sink.window->size_ms.value_or(0));
  if (!windowed.has_value()) {
    throw Error(ErrorKind::kInternal, "a push query wrote a windowed key that is too short");
  }
  window = windowed->bounds;
  return windowed->key;
}

}  // namespace

std::vector<PushQueryRow> Engine::ReadPushQuery(const std::string& query_id) {
  EngineState::PushQueryState& push = FindPushQuery(*state_, query_id);
  const planner::SourceDescription& sink = push.sink;
  const LogicalSchema& schema = sink.schema;
  const auto key_serde = serde::MakeRecordSerde(
      sink.key_format, schema.ColumnsAt(schema.IndexesIn(ColumnNamespace::kKey)), true);
  const auto value_serde = serde::MakeRecordSerde(
      sink.value_format, schema.ColumnsAt(schema.IndexesIn(ColumnNamespace::kValue)), false);
  std::vector<PushQueryRow> rows;
  while (!push.rows_left.has_value() || *push.rows_left > 0) {
    const std::vector<runtime::TopicRecord> records =
        state_->transient_topics.Fetch(sink.topic, 0, push.next_offset, 1024);
    if (records.empty()) {
      break;
    }
    for (const runtime::TopicRecord& record : records) {
      push.next_offset = record.offset + 1;
      PushQueryRow row;
      row.timestamp = record.timestamp;
      if (const auto key = key_serde->Deserialize(InnerKey(sink, record.key, row.window))) {
        row.key = *key;
      }
      row.tombstone = !record.value.has_value();
      if (const auto values = value_serde->Deserialize(record.value)) {
        row.values = *values;
      }
      rows.push_back(std::move(row));
      if (push.rows_left.has_value() && --*push.rows_left == 0) {
        break;
      }
    }
  }
  if (push.rows_left == 0) {
    ClosePushQuery(query_id);  // LIMIT reached: the query ends (as in ksqlDB).
  }
  return rows;
}

bool Engine::IsPushQueryRunning(const std::string& query_id) const {
  return state_->push_queries.count(query_id) > 0;
}

void Engine::ClosePushQuery(const std::string& query_id) {
  const EngineState::PushQueryState& push = FindPushQuery(*state_, query_id);
  const std::string topic = push.sink.topic;
  std::erase_if(state_->queries, [&](const std::unique_ptr<PersistentQuery>& query) {
    return query->id() == query_id;
  });
  state_->push_queries.erase(query_id);
  if (state_->transient_topics.TopicExists(topic)) {
    state_->transient_topics.DeleteTopic(topic);
  }
}

}  // namespace fluxo::engine
