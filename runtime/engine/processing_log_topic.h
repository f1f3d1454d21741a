#pragma once

#include <mutex>
#include <string>
#include <vector>

#include "runtime/core/processing_log.h"
#include "runtime/topic/topic_client.h"

namespace fluxo::engine {

/// The processing log topic `<service.id>_processing_log`: every record a query skipped, as a
/// JSON record in ksqlDB's processing-log shape (`level`, `logger`, `time`, `message` with
/// the topic, partition, offset and reason; the record's payload is left out). Entries are
/// collected as they are recorded (any thread) and produced together by Flush(), so that a
/// burst of bad records costs one produce call, not one each.
class ProcessingLogTopic {
 public:
  /// Uses (and creates, with one partition, when missing) the topic of `service_id`.
  ProcessingLogTopic(runtime::TopicClient& topics, const std::string& service_id);

  static std::string TopicName(const std::string& service_id);

  const std::string& topic() const { return topic_; }

  /// Queues `entry` for the next Flush. Thread-safe.
  void Add(const ProcessingLogEntry& entry);

  /// Produces the queued entries. Throws fluxo::Error (kIo) when the broker refuses them; they
  /// are then dropped from the topic (the server log and the counters still have them).
  void Flush();

 private:
  runtime::TopicClient& topics_;
  std::string topic_;
  std::mutex mutex_;
  std::vector<runtime::TopicRecord> pending_;  ///< Guarded by mutex_.
};

}  // namespace fluxo::engine
