#include "runtime/topic/in_memory_consumer_groups.h"

#include <algorithm>
#include <string>
#include <utility>

namespace fluxo::runtime {

/// One member: what it owns and which generation it has caught up with.
class InMemoryConsumerGroups::Member final : public GroupMembership {
 public:
  Member(InMemoryConsumerGroups& groups, std::string group_id, PartitionOwner& owner)
      : groups_(groups), group_id_(std::move(group_id)), owner_(owner) {}

  ~Member() override { groups_.Leave(*this); }

  Member(const Member&) = delete;
  Member& operator=(const Member&) = delete;

  void Poll() override { groups_.Poll(*this); }

  const std::string& group_id() const { return group_id_; }

  PartitionOwner& owner() { return owner_; }

  std::vector<int32_t> owned;
  int64_t revoked_generation = -1;   ///< Gave up its partitions for this generation.
  int64_t assigned_generation = -1;  ///< Got its partitions for this generation.

 private:
  InMemoryConsumerGroups& groups_;
  std::string group_id_;
  PartitionOwner& owner_;
};

std::unique_ptr<GroupMembership> InMemoryConsumerGroups::Join(const std::string& group_id,
                                                              int32_t partitions,
                                                              PartitionOwner& owner) {
  auto member = std::make_unique<Member>(*this, group_id, owner);
  const std::lock_guard lock(mutex_);
  Group& group = groups_[group_id];
  group.partitions = partitions;
  group.members.push_back(member.get());
  ++group.generation;
  return member;
}

void InMemoryConsumerGroups::Leave(Member& member) {
  const std::lock_guard lock(mutex_);
  Group& group = groups_[member.group_id()];
  std::erase(group.members, &member);
  ++group.generation;
}

void InMemoryConsumerGroups::Poll(Member& member) {
  std::vector<int32_t> revoked;
  std::vector<int32_t> assigned;
  bool assign = false;
  {
    const std::lock_guard lock(mutex_);
    Group& group = groups_[member.group_id()];
    if (member.revoked_generation != group.generation) {
      member.revoked_generation = group.generation;
      revoked.swap(member.owned);
    }
    const bool all_revoked =
        std::all_of(group.members.begin(), group.members.end(), [&](const Member* other) {
          return other->revoked_generation == group.generation;
        });
    if (all_revoked && member.assigned_generation != group.generation) {
      member.assigned_generation = group.generation;
      const auto index = static_cast<size_t>(
          std::find(group.members.begin(), group.members.end(), &member) - group.members.begin());
      member.owned = RangeAssignment(group.partitions, group.members.size(), index);
      assigned = member.owned;
      assign = true;
    }
  }
  if (!revoked.empty()) {
    member.owner().OnRevoked(revoked);
  }
  if (assign) {
    member.owner().OnAssigned(assigned);
  }
}

std::vector<int32_t> RangeAssignment(int32_t partitions, size_t members, size_t index) {
  const auto count = static_cast<size_t>(partitions);
  const size_t each = count / members;
  const size_t extra = count % members;
  const size_t first = index * each + std::min(index, extra);
  const size_t size = each + (index < extra ? 1 : 0);
  std::vector<int32_t> range(size);
  for (size_t i = 0; i < size; ++i) {
    range[i] = static_cast<int32_t>(first + i);
  }
  return range;
}

}  // namespace fluxo::runtime
