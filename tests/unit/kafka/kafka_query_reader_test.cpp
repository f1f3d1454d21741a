// What a query relies on from Kafka besides reading and writing: its reader hears of new
// records (so the engine thread can sleep until then) and reads at the end it knows without
// waiting, and the consumer group of a scaled-out query shares a topic's partitions among its
// members and gives a leaver's partitions to the others. Against librdkafka's mock cluster.

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <doctest/doctest.h>

#include "runtime/kafka/embedded_kafka_cluster.h"
#include "runtime/kafka/kafka_topic_client.h"
#include "runtime/topic/group_membership.h"

namespace fluxo::runtime::kafka {
namespace {

struct MockKafka {
  EmbeddedKafkaCluster cluster{1};
  KafkaTopicClient client{{{"bootstrap.servers", cluster.BootstrapServers()}}, &cluster};
};

TopicRecord Valued(std::string value) {
  TopicRecord record;
  record.value = std::move(value);
  record.partition = 0;
  return record;
}

// Calls `step` until `done` holds, for at most 30 s; returns whether it held.
bool Eventually(
    const std::function<bool()>& done, const std::function<void()>& step = [] {}) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) {
      return false;
    }
    step();
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

/// Keeps what a group member is told.
struct RecordingOwner final : PartitionOwner {
  std::vector<int32_t> owned;
  int revocations = 0;

  void OnRevoked(const std::vector<int32_t>& partitions) override {
    ++revocations;
    for (const int32_t partition : partitions) {
      std::erase(owned, partition);
    }
  }

  void OnAssigned(const std::vector<int32_t>& partitions) override { owned = partitions; }
};

}  // namespace

TEST_CASE("a query's reader is told of new records and reads on from its end") {
  MockKafka kafka;
  kafka.client.CreateTopic("t", 1);
  kafka.client.Produce("t", Valued("first"));
  std::atomic<int> told{0};
  kafka.client.NotifyOnRecords([&] { ++told; });
  const std::unique_ptr<TopicReader> reader = kafka.client.NewReader();
  std::vector<TopicRecord> records;
  REQUIRE(Eventually([&] { return !records.empty(); },
                     [&] { reader->FetchInto("t", 0, 0, 10, records); }));
  CHECK(records.at(0).value == "first");
  // At the end it knows, a read finds nothing (and takes what else is queued).
  reader->FetchInto("t", 0, 1, 10, records);
  CHECK(records.empty());

  const int before = told.load();
  kafka.client.Produce("t", Valued("second"));
  CHECK(Eventually([&] { return told.load() > before; }));
  REQUIRE(Eventually([&] { return !records.empty(); },
                     [&] { reader->FetchInto("t", 0, 1, 10, records); }));
  CHECK(records.at(0).value == "second");
  CHECK(records.at(0).offset == 1);
  kafka.client.NotifyOnRecords({});
}

TEST_CASE("a consumer group splits a topic's partitions and hands a leaver's to the others") {
  MockKafka kafka;
  kafka.client.CreateTopic("t", 4);
  RecordingOwner first_owner;
  RecordingOwner second_owner;
  const std::unique_ptr<GroupMembership> first = kafka.client.JoinGroup("g", "t", first_owner);
  REQUIRE(Eventually([&] { return first_owner.owned.size() == 4; }, [&] { first->Poll(); }));
  CHECK(first_owner.owned == std::vector<int32_t>{0, 1, 2, 3});

  std::unique_ptr<GroupMembership> second = kafka.client.JoinGroup("g", "t", second_owner);
  REQUIRE(
      Eventually([&] { return first_owner.owned.size() == 2 && second_owner.owned.size() == 2; },
                 [&] {
                   first->Poll();
                   second->Poll();
                 }));
  std::vector<int32_t> all = first_owner.owned;
  all.insert(all.end(), second_owner.owned.begin(), second_owner.owned.end());
  std::sort(all.begin(), all.end());
  CHECK(all == std::vector<int32_t>{0, 1, 2, 3});
  CHECK(first_owner.revocations >= 1);  // Everything was revoked before the split (eager).

  second.reset();  // Leaves the group.
  CHECK(Eventually([&] { return first_owner.owned.size() == 4; }, [&] { first->Poll(); }));
}

}  // namespace fluxo::runtime::kafka
