#include "runtime/engine/service_topic.h"

#include <utility>

#include "runtime/core/error.h"
#include "runtime/core/log.h"

namespace fluxo::engine {

namespace {

constexpr int32_t kPartition = 0;
constexpr size_t kBatchSize = 4096;

}  // namespace

void EnsureServiceTopic(runtime::TopicClient& topics,
                        const std::string& topic,
                        const runtime::TopicConfig& config) {
  if (topics.TopicExists(topic)) {
    return;
  }
  try {
    topics.CreateTopic(topic, 1, config);
  } catch (const Error&) {
    if (!topics.TopicExists(topic)) {
      throw;
    }
    LogLine(LogLevel::kWarning,
            "Topic " + topic + " was created with " + std::to_string(topics.PartitionCount(topic)) +
                " partitions (the broker auto-creates topics); only partition 0 is used");
  }
}

const runtime::TopicConfig& ChangelogTopicConfig() {
  static const runtime::TopicConfig kConfig = {{"cleanup.policy", "compact"}};
  return kConfig;
}

std::vector<runtime::TopicRecord> ReadServiceTopic(const runtime::TopicClient& topics,
                                                   const std::string& topic) {
  std::vector<runtime::TopicRecord> all;
  if (!topics.TopicExists(topic)) {
    return all;
  }
  const int64_t end = topics.EndOffset(topic, kPartition);
  std::vector<runtime::TopicRecord> batch;
  int64_t next = 0;
  while (next < end) {
    topics.FetchInto(topic, kPartition, next, kBatchSize, batch);
    if (batch.empty()) {
      // The rest may be nothing a read_committed reader sees (a transaction's commit marker).
      if (const int64_t skipped = topics.SkipInvisible(topic, kPartition, next); skipped > next) {
        next = skipped;
        continue;
      }
      throw Error(ErrorKind::kIo,
                  "Cannot read topic " + topic + " at offset " + std::to_string(next) + " (end " +
                      std::to_string(end) + ")");
    }
    next = batch.back().offset + 1;
    for (runtime::TopicRecord& record : batch) {
      all.push_back(std::move(record));
    }
  }
  return all;
}

}  // namespace fluxo::engine
