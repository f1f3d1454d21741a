#pragma once

#include <string>
#include <vector>

#include "runtime/kafka/kafka_handle.h"
#include "runtime/kafka/rdkafka_handles.h"
#include "runtime/topic/group_membership.h"

namespace fluxo::runtime::kafka {

/// Membership of a Kafka consumer group through a librdkafka consumer of its own that
/// subscribes to one topic with the range assignor and the eager protocol, so that instances
/// with one service.id split a query's partitions (Kafka Streams' way: no cluster protocol of
/// Fluxo's own). It reads no records: every assigned partition is paused at once. A member
/// that dies is noticed after `session.timeout.ms` (10 s unless configured); one that is
/// destroyed leaves the group at once.
class KafkaGroupMembership final : public GroupMembership {
 public:
  /// Subscribes; the assignment comes in later Polls. Throws kIo when librdkafka refuses.
  KafkaGroupMembership(const KafkaProperties& properties,
                       const std::string& group_id,
                       const std::string& topic,
                       PartitionOwner& owner);
  ~KafkaGroupMembership() override;

  KafkaGroupMembership(const KafkaGroupMembership&) = delete;
  KafkaGroupMembership& operator=(const KafkaGroupMembership&) = delete;

  /// Serves the consumer's queue (rebalances, errors) without waiting.
  void Poll() override;

  /// librdkafka's rebalance callback, for this member.
  void OnRebalance(rd_kafka_resp_err_t event, rd_kafka_topic_partition_list_t* partitions);

 private:
  std::string group_id_;
  PartitionOwner* owner_;  ///< nullptr once leaving: nothing more is told.
  std::vector<int32_t> owned_;
  HandlePtr consumer_;
};

}  // namespace fluxo::runtime::kafka
