#include "runtime/engine/service_topic.h"

#include <utility>

#include "runtime/core/error.h"
#include "runtime/core/log.h"

namespace fluxo::engine {

namespace {

constexpr size_t kBatchSize = 4096;

}  // namespace

void EnsureServiceTopic(runtime::TopicClient& topics,
                        const std::string& topic,
                        const runtime::TopicConfig& config,
                        int32_t partitions) {
  if (topics.TopicExists(topic)) {
    return;
  }
  try {
    topics.CreateTopic(topic, partitions, config);
  } catch (const Error&) {
    if (!topics.TopicExists(topic) || topics.PartitionCount(topic) < partitions) {
      throw;
    }
    LogLine(LogLevel::kWarning,
            "Topic " + topic + " was created with " + std::to_string(topics.PartitionCount(topic)) +
                " partitions (the broker auto-creates topics); only the first " +
                std::to_string(partitions) + " are used");
  }
}

const runtime::TopicConfig& ChangelogTopicConfig() {
  static const runtime::TopicConfig kConfig = {{"cleanup.policy", "compact"}};
  return kConfig;
}

std::vector<runtime::TopicRecord> ReadServiceTopic(const runtime::TopicClient& topics,
                                                   const std::string& topic,
                                                   int32_t partition,
                                                   int64_t from) {
  std::vector<runtime::TopicRecord> all;
  if (!topics.TopicExists(topic)) {
    return all;
  }
  const int64_t end = topics.EndOffset(topic, partition);
  std::vector<runtime::TopicRecord> batch;
  int64_t next = from;
  while (next < end) {
    topics.FetchInto(topic, partition, next, kBatchSize, batch);
    if (batch.empty()) {
      // The rest may be nothing a read_committed reader sees (a transaction's commit marker).
      if (const int64_t skipped = topics.SkipInvisible(topic, partition, next); skipped > next) {
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
