// Under at_least_once a query without state does not wait for the broker to acknowledge its
// output when it commits: its offsets are stored once the broker has. A query with state waits.

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include <doctest/doctest.h>

#include "runtime/core/temporary_directory.h"
#include "runtime/engine/changelog.h"
#include "runtime/engine/engine.h"
#include "runtime/topic/in_memory_topic_client.h"

namespace fluxo::engine {

namespace {

/// The in-memory client (its Send stores at once) with the broker's acknowledgements held back
/// while `hold_acks`: how a slow broker looks to a query that commits after acknowledgements.
/// AwaitSent, a commit that waits, is not held.
class AckHoldingTopicClient final : public runtime::InMemoryTopicClient {
 public:
  uint64_t SendMark() override { return ++marks_; }

  bool SentThrough(uint64_t /*mark*/) override { return !hold_acks; }

  bool hold_acks = false;

 private:
  uint64_t marks_ = 0;
};

void Produce(runtime::TopicClient& topics, const std::string& key, const std::string& value) {
  runtime::TopicRecord record;
  record.key = "\"" + key + "\"";  // The format is JSON: keys are JSON strings.
  record.value = value;
  record.timestamp = 1700000000000;
  topics.Produce("trades", std::move(record));
}

/// The last offset of `trades` partition 0 that `query_id` published to its offsets changelog
/// (-1: none yet).
int64_t PublishedOffset(runtime::TopicClient& topics, const std::string& query_id) {
  const std::string topic = Changelog::OffsetsTopic("fluxo", query_id);
  int64_t offset = -1;
  if (!topics.TopicExists(topic)) {
    return offset;
  }
  for (const runtime::TopicRecord& record : topics.Fetch(topic, 0, 0, 100000)) {
    if (record.key == "offset:trades:0") {
      offset = std::stoll(record.value.value_or("-1"));
    }
  }
  return offset;
}

/// An engine with state in a directory, committing and publishing on every poll.
std::string Setup(const TemporaryDirectory& directory) {
  return "SET 'state.dir'='" + directory.path().string() +
         "';"
         "SET 'commit.interval.ms'='0';"
         "CREATE STREAM trades (symbol STRING KEY, shares INT) "
         "WITH (kafka_topic='trades', format='JSON', partitions=1);";
}

}  // namespace

TEST_SUITE("engine") {
  TEST_CASE("a query without state stores its offsets once its output is acknowledged") {
    const TemporaryDirectory directory;
    auto topics = std::make_shared<AckHoldingTopicClient>();
    Engine engine(topics);
    engine.ExecuteScript(Setup(directory) +
                         "CREATE STREAM big AS SELECT symbol, shares FROM trades "
                         "WHERE shares > 10;");
    const std::string query = "CSAS_BIG_0";
    topics->hold_acks = true;
    Produce(*topics, "A", R"({"SHARES": 50})");
    Produce(*topics, "B", R"({"SHARES": 5})");
    Produce(*topics, "C", R"({"SHARES": 70})");
    CHECK(engine.PollQueries() == 3);
    // The output is handed over; its offsets wait for the acknowledgement.
    CHECK(topics->Fetch("BIG", 0, 0, 100).size() == 2);
    CHECK(PublishedOffset(*topics, query) == -1);
    CHECK(engine.PollQueries() == 0);
    CHECK(PublishedOffset(*topics, query) == -1);

    topics->hold_acks = false;
    CHECK(engine.PollQueries() == 0);
    CHECK(PublishedOffset(*topics, query) == 3);

    // A clean stop commits what is read, waiting for the broker (AwaitSent).
    topics->hold_acks = true;
    Produce(*topics, "D", R"({"SHARES": 90})");
    CHECK(engine.PollQueries() == 1);
    CHECK(PublishedOffset(*topics, query) == 3);
    engine.CommitQueries();
    CHECK(PublishedOffset(*topics, query) == 4);
    CHECK(topics->Fetch("BIG", 0, 0, 100).size() == 3);
  }

  TEST_CASE("a query with state waits for its output's acknowledgement when it commits") {
    const TemporaryDirectory directory;
    auto topics = std::make_shared<AckHoldingTopicClient>();
    Engine engine(topics);
    engine.ExecuteScript(Setup(directory) +
                         "CREATE TABLE volume AS SELECT symbol, SUM(shares) AS shares "
                         "FROM trades GROUP BY symbol;");
    topics->hold_acks = true;
    Produce(*topics, "A", R"({"SHARES": 50})");
    Produce(*topics, "A", R"({"SHARES": 5})");
    CHECK(engine.PollQueries() == 2);
    // Its offsets go with its state: the commit waited (AwaitSent), held acknowledgements or not.
    CHECK(PublishedOffset(*topics, "CTAS_VOLUME_0") == 2);
    CHECK(topics->Fetch("VOLUME", 0, 0, 100).size() == 1);  // The record cache collapsed both.
  }
}

}  // namespace fluxo::engine
