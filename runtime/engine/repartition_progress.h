#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "planner/physical/physical_plan.h"
#include "runtime/operators/pipeline.h"
#include "runtime/state/state_instance.h"
#include "runtime/topic/topic_client.h"

namespace fluxo::engine {

/// Names and creates the repartition topics of `plan` (its join inputs' repartition steps and
/// its GROUP BY's):
/// `<service id>-<query id>-<step name>-repartition`, with the partition count of the source
/// the step re-keys. A topic that exists (an earlier run's, or auto-created by a broker that
/// cannot create topics) is used with the partitions it has. Throws fluxo::Error (kIo) when a
/// topic can be neither found nor created.
runtime::RepartitionTopics EnsureRepartitionTopics(const planner::PhysicalPlan& plan,
                                                   runtime::TopicClient& topics,
                                                   const std::string& service_id);

/// What a persistent query tracks about the repartition topics it writes and reads back:
///  - under at_least_once, where each partition ended at the last commit (committed with the
///    offsets): records after that were written by a run that did not commit them, and the
///    query replays their source records, so a restart skips them instead of reading each such
///    record twice (the re-keyed records are then counted once, as without the topic);
///  - the records this run wrote and has not read back yet: the query reads its other inputs
///    no further until they are readable (under exactly_once_v2, once their transaction's
///    commit reached the partition), so that the inputs keep their timestamp order.
class RepartitionProgress {
 public:
  /// On a (re)start over the repartition topics of `pipeline` with the state's committed
  /// metadata. `skip_uncommitted`: at_least_once (under exactly_once_v2 a read_committed
  /// reader never sees what was not committed).
  void Start(const runtime::Pipeline& pipeline,
             const runtime::TopicClient& topics,
             state::StateInstance& state,
             bool skip_uncommitted);

  /// Where a read of the partition from `next` starts: past the records to skip.
  int64_t FetchOffset(const std::string& topic, int32_t partition, int64_t next);

  /// Drops the fetched records to skip (so that `records` end before them).
  void Fetched(const std::string& topic,
               int32_t partition,
               std::vector<runtime::TopicRecord>& records);

  /// Counts the records of a partition the query processed, from `begin` to `end`; returns
  /// how many there are when it is a repartition topic's (0 for a source topic's).
  size_t Processed(const std::string& topic,
                   int32_t partition,
                   std::vector<runtime::TopicRecord>::const_iterator begin,
                   std::vector<runtime::TopicRecord>::const_iterator end);

  /// True when records this run wrote to the partition (`written`, as the pipeline counted
  /// them) are not read back yet.
  bool InFlight(const std::string& topic, int32_t partition, uint64_t written) const;

  /// At a commit, once everything written is stored: adds where each partition ends now to
  /// the commit's metadata (at_least_once only).
  void AddCommitMetadata(const runtime::TopicClient& topics, state::MetadataEntries& metadata);

 private:
  using TopicPartition = std::pair<std::string, int32_t>;

  /// The state metadata key of where a partition ended at the last commit.
  static std::string EndMetadataKey(const std::string& topic, int32_t partition);

  bool skip_uncommitted_ = false;
  std::set<std::string, std::less<>> topics_;                   ///< The repartition topics.
  std::map<TopicPartition, std::pair<int64_t, int64_t>> skip_;  ///< [begin, end) per partition.
  std::map<TopicPartition, int64_t> run_start_;   ///< The first offset this run may write.
  std::map<TopicPartition, uint64_t> read_back_;  ///< Records of this run read back.
};

}  // namespace fluxo::engine
