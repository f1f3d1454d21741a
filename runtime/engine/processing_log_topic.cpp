#include "runtime/engine/processing_log_topic.h"

#include <chrono>
#include <utility>

#include <nlohmann/json.hpp>

#include "runtime/engine/service_topic.h"

namespace fluxo::engine {

ProcessingLogTopic::ProcessingLogTopic(runtime::TopicClient& topics, const std::string& service_id)
    : topics_(topics), topic_(TopicName(service_id)) {
  EnsureServiceTopic(topics_, topic_);
}

std::string ProcessingLogTopic::TopicName(const std::string& service_id) {
  return service_id + "_processing_log";
}

void ProcessingLogTopic::Add(const ProcessingLogEntry& entry) {
  const int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  nlohmann::json message;
  message["topic"] = entry.topic;
  message["partition"] = entry.partition;
  message["offset"] = entry.offset;
  message["errorMessage"] = entry.reason;
  nlohmann::json json;
  json["level"] = "ERROR";
  json["logger"] = "processing." + entry.query_id;
  json["time"] = now;
  json["message"] = std::move(message);
  runtime::TopicRecord record;
  record.key = entry.query_id;
  record.value = json.dump();
  record.timestamp = now;
  const std::lock_guard lock(mutex_);
  pending_.push_back(std::move(record));
}

void ProcessingLogTopic::Flush() {
  std::vector<runtime::TopicRecord> records;
  {
    const std::lock_guard lock(mutex_);
    records.swap(pending_);
  }
  if (!records.empty()) {
    topics_.ProduceAll(topic_, records);
  }
}

}  // namespace fluxo::engine
