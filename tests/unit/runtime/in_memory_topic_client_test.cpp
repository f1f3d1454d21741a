#include "runtime/topic/in_memory_topic_client.h"

#include <doctest/doctest.h>

#include "runtime/core/error.h"
#include "runtime/topic/prefix_routing_topic_client.h"
#include "runtime/topic/transactional_topic_client.h"
#include "runtime/topic/transactional_writer.h"

namespace fluxo::runtime {

TEST_SUITE("runtime") {
  TEST_CASE("murmur2 matches Kafka's partitioner") {
    // Vectors from Kafka's UtilsTest.testMurmur2, also what kafka-python's murmur2 gives.
    CHECK(Murmur2("21") == -973932308);
    CHECK(Murmur2("foobar") == -790332482);
    CHECK(Murmur2("a-little-bit-long-string") == -985981536);
    CHECK(Murmur2("abc") == 479470107);
    CHECK(PartitionForKey("foobar", 4) == 2);
    CHECK(PartitionForKey("abc", 4) == 3);
  }

  TEST_CASE("in-memory topics append, partition by key and fetch in order") {
    InMemoryTopicClient client;
    client.CreateTopic("t", 4);
    client.CreateTopic("t", 4);  // Same count: fine.
    CHECK_THROWS_AS(client.CreateTopic("t", 2), Error);
    CHECK(client.TopicExists("t"));
    CHECK(client.PartitionCount("t") == 4);

    TopicRecord keyed;
    keyed.key = "abc";
    keyed.value = "v1";
    keyed.timestamp = 10;
    const TopicRecord stored = client.Produce("t", keyed);
    CHECK(stored.partition == 3);
    CHECK(stored.offset == 0);
    keyed.value = "v2";
    CHECK(client.Produce("t", keyed).offset == 1);

    TopicRecord keyless;
    keyless.value = std::nullopt;  // A tombstone is a record too.
    CHECK(client.Produce("t", keyless).partition == 0);

    const auto records = client.Fetch("t", 3, 0, 10);
    REQUIRE(records.size() == 2);
    CHECK(records[0].value == "v1");
    CHECK(records[1].value == "v2");
    CHECK(records[1].timestamp == 10);
    CHECK(client.Fetch("t", 3, 1, 10).size() == 1);
    CHECK(client.EndOffset("t", 3) == 2);
    CHECK_THROWS_AS(client.Fetch("missing", 0, 0, 1), Error);
    CHECK(client.ListTopics() == std::vector<std::string>{"t"});
    client.DeleteTopic("t");
    CHECK_FALSE(client.TopicExists("t"));
  }

  TEST_CASE("in-memory topics: batches are produced in order and fetched into a reused vector") {
    InMemoryTopicClient client;
    client.CreateTopic("t", 2);
    std::vector<TopicRecord> batch(3);
    batch[0].value = "a";
    batch[1].key = "abc";  // murmur2 puts "abc" in partition 1 of 2.
    batch[1].value = "b";
    batch[2].value = std::string(100, 'c');
    client.ProduceAll("t", batch);
    CHECK(batch.empty());
    CHECK(client.EndOffset("t", 0) == 2);
    CHECK(client.EndOffset("t", 1) == 1);

    std::vector<TopicRecord> fetched(5);  // Longer than what comes back, with stale contents.
    fetched[1].value = "stale";
    fetched[1].headers.push_back({"h", std::nullopt});
    client.FetchInto("t", 0, 0, 10, fetched);
    REQUIRE(fetched.size() == 2);
    CHECK(fetched[0].value == "a");
    CHECK(fetched[0].offset == 0);
    CHECK(fetched[1].value == std::string(100, 'c'));
    CHECK(fetched[1].headers.empty());
    CHECK(fetched[1].offset == 1);
    client.FetchInto("t", 0, 1, 1, fetched);
    REQUIRE(fetched.size() == 1);
    CHECK(fetched[0].offset == 1);
    client.FetchInto("t", 0, 7, 10, fetched);  // Past the end: nothing.
    CHECK(fetched.empty());
    CHECK_THROWS_AS(client.FetchInto("t", 2, 0, 1, fetched), Error);
    std::vector<TopicRecord> to_missing(1);
    to_missing[0].partition = 5;
    CHECK_THROWS_AS(client.ProduceAll("t", to_missing), Error);
  }

  TEST_CASE("topic configs reach the client that creates the topic") {
    InMemoryTopicClient main;
    InMemoryTopicClient transient;
    const TopicConfig compact = {{"cleanup.policy", "compact"}};
    main.CreateTopic("plain", 1);
    CHECK(main.ConfigOf("plain").empty());
    main.CreateTopic("compacted", 1, compact);
    CHECK(main.ConfigOf("compacted") == compact);
    main.CreateTopic("compacted", 1, {{"cleanup.policy", "delete"}});  // Exists: unchanged.
    CHECK(main.ConfigOf("compacted") == compact);
    CHECK(main.ConfigOf("missing").empty());

    PrefixRoutingTopicClient routing(main, transient, "_transient_");
    routing.CreateTopic("routed", 2, {{"retention.ms", "-1"}});
    routing.CreateTopic("_transient_result", 1, compact);
    CHECK(main.ConfigOf("routed") == TopicConfig{{"retention.ms", "-1"}});
    CHECK(transient.ConfigOf("_transient_result") == compact);
    CHECK_FALSE(main.TopicExists("_transient_result"));

    const std::unique_ptr<TransactionalWriter> writer = main.NewTransactionalWriter("tx");
    TransactionalTopicClient transactional(main, *writer);
    transactional.CreateTopic("changelog", 1, compact);
    CHECK(main.ConfigOf("changelog") == compact);

    main.DeleteTopic("compacted");
    main.CreateTopic("compacted", 1);  // A new topic of the same name: the old configs are gone.
    CHECK(main.ConfigOf("compacted").empty());
  }
}

}  // namespace fluxo::runtime
