#pragma once

// An engine over in-memory topics, with helpers to feed its topics and run pull queries.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "runtime/core/error.h"
#include "runtime/engine/engine.h"
#include "runtime/topic/in_memory_topic_client.h"

namespace fluxo::engine::testing {

using Rows = std::vector<std::vector<std::string>>;

/// One engine, its topics, and skipped records kept off stderr.
struct EngineFixture {
  std::shared_ptr<runtime::InMemoryTopicClient> topics =
      std::make_shared<runtime::InMemoryTopicClient>();
  Engine engine{topics};

  EngineFixture() { engine.SetLogSkippedRecords(false); }

  /// Appends one record to `topic`; no value is a tombstone.
  void Produce(const std::string& topic,
               std::optional<std::string> key,
               std::optional<std::string> value,
               int64_t timestamp = 0) {
    runtime::TopicRecord record;
    record.key = std::move(key);
    record.value = std::move(value);
    record.timestamp = timestamp;
    topics->Produce(topic, std::move(record));
  }

  /// Runs `sql`, which must be one statement, and returns its result.
  StatementResult Run(const std::string& sql) {
    std::vector<StatementResult> results = engine.ExecuteScript(sql);
    FLUXO_CHECK(results.size() == 1, "expected one statement");
    return std::move(results.front());
  }

  /// Returns every record of `topic`, partition by partition.
  std::vector<runtime::TopicRecord> Read(const std::string& topic) {
    std::vector<runtime::TopicRecord> all;
    for (int32_t partition = 0; partition < topics->PartitionCount(topic); ++partition) {
      for (auto& record : topics->Fetch(topic, partition, 0, 1000000)) {
        all.push_back(std::move(record));
      }
    }
    return all;
  }

  /// A table's rows as its topic holds them: the last value of each key ("<tombstone>" for a
  /// tombstone, "<null>" for a missing key).
  std::map<std::string, std::string> LatestByKey(const std::string& topic) {
    std::map<std::string, std::string> rows;
    for (const runtime::TopicRecord& record : Read(topic)) {
      rows[record.key.value_or("<null>")] = record.value.value_or("<tombstone>");
    }
    return rows;
  }

  /// Returns the error `sql` fails with as Error::what() gives it ("line 1:15: ..."), or
  /// "no error".
  std::string ErrorOf(const std::string& sql) {
    try {
      engine.ExecuteScript(sql);
    } catch (const Error& error) {
      return error.what();
    }
    return "no error";
  }
};

}  // namespace fluxo::engine::testing
