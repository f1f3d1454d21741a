#include "runtime/kafka/kafka_topic_client.h"

#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "runtime/core/error.h"
#include "runtime/kafka/embedded_kafka_cluster.h"

namespace fluxo::runtime::kafka {
namespace {

/// One mock cluster and a client configured only with its bootstrap address.
struct MockKafka {
  EmbeddedKafkaCluster cluster{1};
  KafkaTopicClient client{{{"bootstrap.servers", cluster.BootstrapServers()}}, &cluster};
};

TopicRecord Keyed(std::string key, std::string value, int64_t timestamp) {
  TopicRecord record;
  record.key = std::move(key);
  record.value = std::move(value);
  record.timestamp = timestamp;
  return record;
}

TEST_CASE("KafkaTopicClient creates topics and reads their metadata") {
  MockKafka kafka;
  CHECK_FALSE(kafka.client.TopicExists("orders"));
  kafka.client.CreateTopic("orders", 3);
  kafka.client.CreateTopic("audit", 1);
  CHECK(kafka.client.TopicExists("orders"));
  CHECK(kafka.client.PartitionCount("orders") == 3);
  CHECK(kafka.client.ListTopics() == std::vector<std::string>{"audit", "orders"});
  // Again with the same count: nothing happens; with another count: kIo.
  kafka.client.CreateTopic("orders", 3);
  CHECK_THROWS_AS(kafka.client.CreateTopic("orders", 5), Error);
  CHECK(kafka.client.EndOffset("orders", 0) == 0);
}

TEST_CASE("KafkaTopicClient round-trips keys, values, timestamps and headers") {
  MockKafka kafka;
  kafka.client.CreateTopic("t", 1);
  TopicRecord first = Keyed("k1", "v1", 1700000000123);
  first.headers = {{"trace", std::string("abc")}, {"empty", std::nullopt}, {"trace", "x"}};
  const TopicRecord stored = kafka.client.Produce("t", first);
  CHECK(stored.partition == 0);
  CHECK(stored.offset == 0);
  CHECK(stored.timestamp == 1700000000123);

  TopicRecord tombstone;
  tombstone.key = "k2";
  tombstone.timestamp = 1700000000200;
  CHECK(kafka.client.Produce("t", tombstone).offset == 1);
  TopicRecord unkeyed;
  unkeyed.value = "";
  unkeyed.timestamp = 1700000000300;
  CHECK(kafka.client.Produce("t", unkeyed).offset == 2);
  CHECK(kafka.client.EndOffset("t", 0) == 3);

  const std::vector<TopicRecord> records = kafka.client.Fetch("t", 0, 0, 10);
  REQUIRE(records.size() == 3);
  CHECK(records[0].key == "k1");
  CHECK(records[0].value == "v1");
  CHECK(records[0].timestamp == 1700000000123);
  CHECK(records[0].headers == first.headers);
  CHECK(records[0].offset == 0);
  CHECK(records[1].key == "k2");
  CHECK_FALSE(records[1].value.has_value());
  CHECK(records[1].headers.empty());
  CHECK_FALSE(records[2].key.has_value());
  CHECK(records[2].value == "");
  CHECK(records[2].timestamp == 1700000000300);

  // From an offset, and bounded by max_records.
  const std::vector<TopicRecord> tail = kafka.client.Fetch("t", 0, 1, 1);
  REQUIRE(tail.size() == 1);
  CHECK(tail[0].offset == 1);
  CHECK(kafka.client.Fetch("t", 0, 3, 10).empty());
}

TEST_CASE("KafkaTopicClient puts a key where Kafka's default partitioner does") {
  MockKafka kafka;
  kafka.client.CreateTopic("keyed", 6);
  std::vector<TopicRecord> batch;
  for (int index = 0; index < 40; ++index) {
    const std::string key = "user-" + std::to_string(index);
    const TopicRecord stored = kafka.client.Produce("keyed", Keyed(key, "v", 1000 + index));
    CHECK(stored.partition == PartitionForKey(key, 6));
    batch.push_back(Keyed(key, "w", 2000 + index));
  }
  kafka.client.ProduceAll("keyed", batch);
  CHECK(batch.empty());
  int64_t total = 0;
  for (int32_t partition = 0; partition < 6; ++partition) {
    const int64_t end = kafka.client.EndOffset("keyed", partition);
    total += end;
    for (const TopicRecord& record : kafka.client.Fetch("keyed", partition, 0, 100)) {
      CHECK(PartitionForKey(*record.key, 6) == partition);
    }
  }
  CHECK(total == 80);
  // An explicit partition wins over the key.
  TopicRecord pinned = Keyed("user-1", "p", 3000);
  pinned.partition = 5;
  CHECK(kafka.client.Produce("keyed", pinned).partition == 5);
}

TEST_CASE("KafkaTopicClient reports a missing topic or partition as kIo") {
  MockKafka kafka;
  kafka.client.CreateTopic("present", 2);
  auto is_io = [](auto&& call) {
    try {
      call();
    } catch (const Error& error) {
      return error.kind() == ErrorKind::kIo;
    }
    return false;
  };
  CHECK(is_io([&] { kafka.client.PartitionCount("missing"); }));
  CHECK(is_io([&] { kafka.client.Produce("missing", Keyed("k", "v", 1)); }));
  CHECK(is_io([&] { kafka.client.Fetch("missing", 0, 0, 1); }));
  CHECK(is_io([&] { kafka.client.EndOffset("missing", 0); }));
  CHECK(is_io([&] { kafka.client.EndOffset("present", 2); }));
  // Producing to a missing topic must not auto-create it.
  CHECK_FALSE(kafka.client.TopicExists("missing"));
}

TEST_CASE("KafkaTopicClient's admin requests fail as kIo on the mock broker") {
  // librdkafka's mock broker serves neither CreateTopics nor DeleteTopics (it has no
  // controller, so the request times out): the Admin API path must turn that into kIo with
  // librdkafka's text. Its success is untested without a real broker.
  EmbeddedKafkaCluster cluster(1);
  const KafkaTimeouts short_timeouts{.request_ms = 500, .fetch_wait_ms = 500};
  KafkaTopicClient admin_only(
      {{"kafka.bootstrap.servers", cluster.BootstrapServers()}}, nullptr, short_timeouts);
  try {
    admin_only.CreateTopic("via-admin", 2);
    FAIL("CreateTopics succeeded on the mock broker");
  } catch (const Error& error) {
    CHECK(error.kind() == ErrorKind::kIo);
    CHECK(std::string(error.what()).find("via-admin") != std::string::npos);
  }
  cluster.CreateTopic("doomed", 1);
  CHECK_THROWS_AS(admin_only.DeleteTopic("doomed"), Error);
  CHECK(admin_only.TopicExists("doomed"));
  CHECK(admin_only.PartitionCount("doomed") == 1);
}

TEST_CASE("KafkaTopicClient rejects an unknown librdkafka property") {
  const KafkaProperties bad = {{"no.such.property", "1"}};
  CHECK_THROWS_AS(KafkaTopicClient{bad}, Error);
}

}  // namespace
}  // namespace fluxo::runtime::kafka
