#include "bench/stateful/engine_side.h"

#include <chrono>
#include <cstdio>
#include <memory>
#include <simdjson.h>
#include <string_view>
#include <utility>

#include "runtime/core/error.h"
#include "runtime/engine/engine.h"
#include "runtime/topic/in_memory_topic_client.h"

namespace fluxo::bench {

namespace {

using Clock = std::chrono::steady_clock;

constexpr const char* kBidsDdl =
    "CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT, channel STRING, url "
    "STRING, dateTime BIGINT, extra STRING) WITH (kafka_topic='bids', value_format='JSON', "
    "partitions=1, timestamp='dateTime');";

constexpr const char* kPersonsDdl =
    "CREATE TABLE persons (id BIGINT PRIMARY KEY, name STRING, emailAddress STRING, creditCard "
    "STRING, city STRING, state STRING, dateTime BIGINT, extra STRING) WITH "
    "(kafka_topic='persons', value_format='JSON', partitions=1);";

void Produce(runtime::InMemoryTopicClient& topics,
             const std::string& topic,
             const std::vector<NexmarkRecord>& records) {
  std::vector<runtime::TopicRecord> batch;
  batch.reserve(records.size());
  for (const NexmarkRecord& record : records) {
    runtime::TopicRecord topic_record;
    if (!record.key.empty()) {
      topic_record.key = record.key;
    }
    topic_record.value = record.value;
    topic_record.timestamp = record.timestamp;
    topic_record.partition = 0;
    batch.push_back(std::move(topic_record));
  }
  topics.ProduceAll(topic, batch);
}

/// Calls `visit(record)` for every record of partition 0 of `topic`, in offset order.
template <typename Visit>
void ForEachRecord(const runtime::InMemoryTopicClient& topics,
                   const std::string& topic,
                   Visit visit) {
  const int64_t end = topics.EndOffset(topic, 0);
  std::vector<runtime::TopicRecord> chunk;
  for (int64_t offset = 0; offset < end; offset += static_cast<int64_t>(chunk.size())) {
    topics.FetchInto(topic, 0, offset, 100000, chunk);
    for (const runtime::TopicRecord& record : chunk) {
      visit(record);
    }
  }
}

/// Reads the last value of every (auction, window) from the windowed table's sink topic: the
/// key is the 8-byte auction then the 8-byte window start, the value {"BIDS":..,"MAX_PRICE":..}.
WindowResults FinalWindowResults(const runtime::InMemoryTopicClient& topics) {
  WindowResults results;
  simdjson::dom::parser parser;
  ForEachRecord(topics, "T", [&](const runtime::TopicRecord& record) {
    if (!record.key.has_value() || record.key->size() != 16) {
      std::printf("!! unexpected key in the engine's output at offset %lld\n",
                  static_cast<long long>(record.offset));
      return;
    }
    const std::pair<int64_t, int64_t> key{ReadBigEndian64(record.key->data()),
                                          ReadBigEndian64(record.key->data() + 8)};
    if (!record.value.has_value()) {
      results.erase(key);
      return;
    }
    const simdjson::dom::element value = parser.parse(*record.value);
    results[key] = WindowAggregate{value["BIDS"].get_int64(), value["MAX_PRICE"].get_int64()};
  });
  return results;
}

/// Computes the join's checksum (rows, sum of PRICE, sum of NAME's lengths) from its sink.
Checksum JoinChecksum(const runtime::InMemoryTopicClient& topics) {
  Checksum checksum;
  simdjson::dom::parser parser;
  ForEachRecord(topics, "ENRICHED", [&](const runtime::TopicRecord& record) {
    if (!record.value.has_value()) {
      return;
    }
    const simdjson::dom::element value = parser.parse(*record.value);
    ++checksum.rows;
    checksum.sum_a += value["PRICE"].get_int64();
    checksum.sum_b += static_cast<int64_t>(std::string_view(value["NAME"].get_string()).size());
  });
  return checksum;
}

}  // namespace

std::string WindowedQuerySql(const WindowShape& window) {
  const std::string shape =
      window.advance_ms == window.size_ms
          ? "TUMBLING (SIZE " + std::to_string(window.size_ms / 1000) + " SECONDS)"
          : "HOPPING (SIZE " + std::to_string(window.size_ms / 1000) + " SECONDS, ADVANCE BY " +
                std::to_string(window.advance_ms / 1000) + " SECONDS)";
  return "CREATE TABLE t AS SELECT auction, COUNT(*) AS bids, MAX(price) AS max_price FROM bids "
         "WINDOW " +
         shape + " GROUP BY auction EMIT CHANGES;";
}

std::string JoinQuerySql() {
  return "CREATE STREAM enriched AS SELECT b.bidder AS bidder, b.auction AS auction, b.price AS "
         "price, p.name AS name, p.state AS state FROM bids b JOIN persons p ON b.bidder = p.id "
         "EMIT CHANGES;";
}

EngineRun RunEngine(const StatefulQuery& query,
                    const std::vector<NexmarkRecord>& bids,
                    const std::vector<NexmarkRecord>& persons) {
  auto topics = std::make_shared<runtime::InMemoryTopicClient>();
  engine::Engine engine(topics);
  engine.SetLogSkippedRecords(false);
  EngineRun run;
  try {
    if (!query.record_cache) {
      engine.ExecuteScript("SET 'cache.max.bytes.buffering'='0';");
    }
    if (query.commit_interval_ms.has_value()) {
      engine.ExecuteScript("SET 'commit.interval.ms'='" +
                           std::to_string(*query.commit_interval_ms) + "';");
    }
    engine.ExecuteScript(kBidsDdl);
    if (!query.window.has_value()) {
      engine.ExecuteScript(kPersonsDdl);
      Produce(*topics, "persons", persons);
    }
    Produce(*topics, "bids", bids);
    engine.ExecuteScript(query.window.has_value() ? WindowedQuerySql(*query.window)
                                                  : JoinQuerySql());
  } catch (const Error& error) {
    run.failure = error.message();
    return run;
  }
  const Clock::time_point start = Clock::now();
  engine.RunUntilIdle();
  run.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  const std::vector<ProcessingLogEntry> skipped = engine.processing_log().Entries();
  run.skipped = skipped.size();
  if (!skipped.empty()) {
    run.first_skip_reason = skipped.front().topic + ": " + skipped.front().reason;
  }
  const std::string sink = query.window.has_value() ? "T" : "ENRICHED";
  run.outputs = static_cast<size_t>(topics->EndOffset(sink, 0));
  if (query.window.has_value()) {
    run.final_results = FinalWindowResults(*topics);
    run.checksum = ChecksumOf(run.final_results);
  } else {
    run.checksum = JoinChecksum(*topics);
  }
  return run;
}

}  // namespace fluxo::bench
