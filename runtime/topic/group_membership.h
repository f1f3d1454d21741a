#pragma once

#include <cstdint>
#include <vector>

namespace fluxo::runtime {

/// What a member of a consumer group is told as the group hands out a topic's partitions.
class PartitionOwner {
 public:
  virtual ~PartitionOwner() = default;

  /// The member no longer owns `partitions` (another member may take them as soon as this
  /// returns): their work must be finished and committed before it returns.
  virtual void OnRevoked(const std::vector<int32_t>& partitions) = 0;

  /// The member now owns `partitions` (its whole assignment, ascending).
  virtual void OnAssigned(const std::vector<int32_t>& partitions) = 0;
};

/// Membership of one consumer group that shares out the partitions of one topic among the
/// instances that join it (Kafka's group protocol; range assignment, revoke everything before
/// assigning). Records are not read through it: it only says who owns which partitions.
/// Created by TopicClient::JoinGroup; must not outlive its client. Leaving the group (the
/// destructor) tells the owner nothing.
class GroupMembership {
 public:
  virtual ~GroupMembership() = default;

  /// Serves the group protocol; calls the owner's OnRevoked and OnAssigned from inside when
  /// the assignment changes. A member must call it more often than the group's poll interval.
  virtual void Poll() = 0;
};

}  // namespace fluxo::runtime
