#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "runtime/topic/group_membership.h"

namespace fluxo::runtime {

/// Consumer groups in memory, for unit tests of queries that several engines share
/// (InMemoryTopicClient::JoinGroup). As Kafka's eager protocol: a member joining or leaving
/// starts a new generation; every member gives up its partitions on its next Poll, and once
/// all have, each gets its range of the partitions (members in the order they joined) on its
/// next Poll. A member that leaves (is destroyed) does so at once, as a crashed Kafka member
/// does once its session times out. Thread-safe; the owners are called without a lock held.
class InMemoryConsumerGroups {
 public:
  InMemoryConsumerGroups() = default;
  InMemoryConsumerGroups(const InMemoryConsumerGroups&) = delete;
  InMemoryConsumerGroups& operator=(const InMemoryConsumerGroups&) = delete;

  /// A new member of `group_id` sharing `partitions` partitions; must not outlive this.
  std::unique_ptr<GroupMembership> Join(const std::string& group_id,
                                        int32_t partitions,
                                        PartitionOwner& owner);

 private:
  class Member;

  struct Group {
    int32_t partitions = 0;
    int64_t generation = 0;
    std::vector<Member*> members;  ///< In the order they joined.
  };

  /// Serves one Poll of `member`.
  void Poll(Member& member);
  void Leave(Member& member);

  std::mutex mutex_;
  std::map<std::string, Group> groups_;
};

/// Kafka's range assignment: of `partitions` partitions shared by `members` members, the
/// ones member number `index` gets (the first `partitions % members` members one more).
std::vector<int32_t> RangeAssignment(int32_t partitions, size_t members, size_t index);

}  // namespace fluxo::runtime
