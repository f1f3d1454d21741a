#include "runtime/engine/changelog.h"

#include <utility>

#include "runtime/core/error.h"
#include "runtime/core/log.h"
#include "runtime/engine/service_topic.h"
#include "runtime/engine/window_store_retention.h"
#include "runtime/state/window_key_layout.h"

namespace fluxo::engine {

Changelog::Changelog(runtime::TopicClient& topics,
                     std::string service_id,
                     std::string query_id,
                     std::optional<int32_t> task_partition,
                     int32_t partitions,
                     std::map<std::string, int64_t, std::less<>> window_retentions)
    : topics_(topics),
      service_id_(std::move(service_id)),
      query_id_(std::move(query_id)),
      partition_(task_partition.value_or(0)),
      partitions_(task_partition.has_value() ? partitions : 1),
      window_retentions_(std::move(window_retentions)) {}

std::string Changelog::StoreTopic(const std::string& service_id,
                                  const std::string& query_id,
                                  const std::string& store) {
  return service_id + "-" + query_id + "-" + store + "-changelog";
}

std::string Changelog::OffsetsTopic(const std::string& service_id, const std::string& query_id) {
  return service_id + "-" + query_id + "-offsets-changelog";
}

void Changelog::EnsureTopic(const std::string& topic, const runtime::TopicConfig& config) {
  if (created_.count(topic) == 0) {
    EnsureServiceTopic(topics_, topic, config, partitions_);
    created_.insert(topic);
  }
}

std::map<std::string, std::string> Changelog::ReadCommitted() const {
  std::map<std::string, std::string> committed;
  for (const runtime::TopicRecord& record :
       ReadServiceTopic(topics_, OffsetsTopic(service_id_, query_id_), partition_)) {
    if (record.key.has_value() && record.value.has_value()) {
      committed[*record.key] = *record.value;
    }
  }
  return committed;
}

size_t Changelog::Restore(state::StateInstance& state, const std::string& statement) {
  return Restore(state, statement, ReadCommitted());
}

size_t Changelog::Restore(state::StateInstance& state,
                          const std::string& statement,
                          const std::map<std::string, std::string>& committed) {
  const auto owner = committed.find("statement");
  if (owner == committed.end() || owner->second != statement) {
    if (owner != committed.end()) {
      LogLine(LogLevel::kInfo,
              "The changelogs of query " + query_id_ +
                  " belong to another statement: it starts with empty state");
    }
    return 0;
  }
  size_t restored = 0;
  for (const state::StoreListing& store : state.ListStores()) {
    const std::string topic = StoreTopic(service_id_, query_id_, store.name);
    for (const runtime::TopicRecord& record : ReadServiceTopic(topics_, topic, partition_)) {
      if (!record.key.has_value()) {
        continue;
      }
      if (store.window) {
        state::WindowStore& windows = state.GetWindowStore(store.name);
        const state::WindowKey window = state::DecodeTimeFirstKey(*record.key);
        if (record.value.has_value()) {
          windows.Put(window, *record.value);
        } else {
          windows.Delete(window);
        }
      } else {
        state::KeyValueStore& values = state.GetKeyValueStore(store.name);
        if (record.value.has_value()) {
          values.Put(*record.key, *record.value);
        } else {
          values.Delete(*record.key);
        }
      }
      ++restored;
    }
  }
  state::MetadataEntries metadata(committed.begin(), committed.end());
  state.Flush(metadata);
  LogLine(LogLevel::kInfo,
          "Query " + query_id_ + " restored " + std::to_string(restored) +
              " state entries from its changelogs and resumes from their committed offsets");
  return restored;
}

void Changelog::OnFlushedEntry(std::string_view store_name,
                               std::string_view stored_key,
                               std::optional<std::string_view> value) {
  runtime::TopicRecord record;
  record.key = std::string(stored_key);
  if (value.has_value()) {
    record.value = std::string(*value);
  }
  record.partition = partition_;
  auto found = pending_.find(store_name);
  if (found == pending_.end()) {
    found = pending_.emplace(std::string(store_name), std::vector<runtime::TopicRecord>{}).first;
  }
  found->second.push_back(std::move(record));
}

void Changelog::Publish(const state::MetadataEntries& metadata) {
  for (auto& [store, records] : pending_) {
    if (records.empty()) {
      continue;
    }
    const std::string topic = StoreTopic(service_id_, query_id_, store);
    if (created_.count(topic) == 0) {
      const auto window = window_retentions_.find(store);
      EnsureTopic(topic,
                  window != window_retentions_.end() ? WindowChangelogTopicConfig(window->second)
                                                     : ChangelogTopicConfig());
    }
    topics_.ProduceAll(topic, records);
    records.clear();
  }
  std::vector<runtime::TopicRecord> commit;
  for (const auto& [key, value] : metadata) {
    runtime::TopicRecord record;
    record.key = key;
    record.value = value;
    record.partition = partition_;
    commit.push_back(std::move(record));
  }
  if (!commit.empty()) {
    const std::string topic = OffsetsTopic(service_id_, query_id_);
    EnsureTopic(topic, ChangelogTopicConfig());
    topics_.ProduceAll(topic, commit);
  }
}

}  // namespace fluxo::engine
