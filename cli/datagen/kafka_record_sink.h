#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "cli/datagen/record_sink.h"
#include "runtime/kafka/kafka_handle.h"
#include "runtime/kafka/kafka_topic_client.h"

namespace fluxo::cli::datagen {

/// Produces records to one Kafka topic through KafkaTopicClient, a batch per Write. Creates
/// the topic when it is missing. Without a partition count it asks the broker to auto-create it
/// (the broker's default count; librdkafka's mock broker: 4), then tries the Admin API with 1
/// partition; with a count, the Admin API comes first, then auto-creation (librdkafka's mock
/// broker has no CreateTopics). Notes what it did on `notes`.
class KafkaRecordSink final : public RecordSink {
 public:
  /// Throws kIo when the topic is missing and cannot be created, or the broker is unreachable.
  KafkaRecordSink(const runtime::kafka::KafkaProperties& properties,
                  std::string topic,
                  std::optional<int32_t> partitions,
                  std::ostream& notes);

  void Write(std::vector<runtime::TopicRecord>& records) override;

  std::string Describe() const override { return "topic '" + topic_ + "'"; }

 private:
  /// Creates the topic when the cluster does not have it.
  void EnsureTopic(std::optional<int32_t> partitions, std::ostream& notes);
  /// Asks the broker to auto-create the topic; returns whether it did.
  bool AutoCreateTopic(std::ostream& notes);

  runtime::kafka::KafkaProperties properties_;
  std::string topic_;
  runtime::kafka::KafkaTopicClient client_;
};

}  // namespace fluxo::cli::datagen
