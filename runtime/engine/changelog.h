#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/state/flush_listener.h"
#include "runtime/state/state_instance.h"
#include "runtime/topic/topic_client.h"

namespace fluxo::engine {

/// A persistent query's state on Kafka: a changelog topic per store
/// (`<service.id>-<query id>-<store>-changelog`, one partition, the store's stored keys and
/// values, a delete as a tombstone) and one for its commits
/// (`<service.id>-<query id>-offsets-changelog`: the statement and the next input offsets,
/// keyed `statement` and `offset:<topic>:<partition>`). All are created compacted
/// (ChangelogTopicConfig): a restore reads only the last record of each key (Restore applies
/// a store's records in order, so the last one wins; ReadCommitted keeps each key's last
/// value), which is what compaction keeps. A window store's changelog is also deleted after
/// the store's retention plus a day (WindowChangelogTopicConfig), as in Kafka Streams.
/// Each commit publishes the entries the state instance flushed, then the offsets, so that a
/// query whose local state is gone (a new machine, a wiped `state.dir`) rebuilds it from the
/// changelogs and resumes from the offsets committed with it (at least once).
/// The tasks of a scaled-out query share topics with one partition per task: each task writes
/// and restores only its own partition.
class Changelog final : public state::FlushListener {
 public:
  /// `task_partition`: the partition of a scaled-out query's task, of `partitions` (nullopt:
  /// the query's only task, on one partition). `window_retentions`: how long each window store
  /// keeps windows, by store name (WindowStoreRetentions).
  Changelog(runtime::TopicClient& topics,
            std::string service_id,
            std::string query_id,
            std::optional<int32_t> task_partition = std::nullopt,
            int32_t partitions = 1,
            std::map<std::string, int64_t, std::less<>> window_retentions = {});

  static std::string StoreTopic(const std::string& service_id,
                                const std::string& query_id,
                                const std::string& store);
  static std::string OffsetsTopic(const std::string& service_id, const std::string& query_id);

  /// The last value of each key of the offsets changelog: the statement and the next input
  /// offsets of the last commit published (with a Kafka client, read_committed: under
  /// exactly_once_v2, of the last committed transaction). Empty when there is none.
  std::map<std::string, std::string> ReadCommitted() const;

  /// Rebuilds the stores of `state` (as its operators asked for them) from their changelogs
  /// and commits them with the offsets the changelog recorded, when the changelog belongs to
  /// `statement`. Returns the number of entries restored (0: nothing to restore, or the
  /// changelog belongs to another statement). Throws fluxo::Error (kIo) when a topic cannot be
  /// read.
  size_t Restore(state::StateInstance& state, const std::string& statement);
  /// As Restore, with the commit record already read (ReadCommitted).
  size_t Restore(state::StateInstance& state,
                 const std::string& statement,
                 const std::map<std::string, std::string>& committed);

  /// Collects the entries a Flush commits (FlushListener).
  void OnFlushedEntry(std::string_view store_name,
                      std::string_view stored_key,
                      std::optional<std::string_view> value) override;

  /// Produces the entries collected since the last call, then `metadata` (the statement and
  /// offsets of the commit). Throws fluxo::Error (kIo) when the broker refuses.
  void Publish(const state::MetadataEntries& metadata);

 private:
  /// EnsureServiceTopic with `config`, once per topic.
  void EnsureTopic(const std::string& topic, const runtime::TopicConfig& config);

  runtime::TopicClient& topics_;
  std::string service_id_;
  std::string query_id_;
  int32_t partition_;   ///< Where this task's records go.
  int32_t partitions_;  ///< How many the topics are created with.
  std::map<std::string, int64_t, std::less<>> window_retentions_;
  std::map<std::string, std::vector<runtime::TopicRecord>, std::less<>> pending_;
  std::set<std::string> created_;  ///< Topics known to exist.
};

}  // namespace fluxo::engine
