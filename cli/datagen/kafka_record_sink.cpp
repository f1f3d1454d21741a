#include "cli/datagen/kafka_record_sink.h"

#include <ostream>
#include <utility>

#include "runtime/core/error.h"
#include "runtime/kafka/topic_auto_creation.h"

namespace fluxo::cli::datagen {
namespace {

constexpr int kAutoCreateTimeoutMs = 10000;
constexpr int32_t kDefaultPartitions = 1;

}  // namespace

KafkaRecordSink::KafkaRecordSink(const runtime::kafka::KafkaProperties& properties,
                                 std::string topic,
                                 std::optional<int32_t> partitions,
                                 std::ostream& notes)
    : properties_(properties), topic_(std::move(topic)), client_(properties) {
  EnsureTopic(partitions, notes);
}

bool KafkaRecordSink::AutoCreateTopic(std::ostream& notes) {
  const std::optional<int32_t> created =
      runtime::kafka::RequestTopicAutoCreation(properties_, topic_, kAutoCreateTimeoutMs);
  if (created) {
    notes << "fluxo datagen: the broker auto-created topic '" << topic_ << "' with " << *created
          << " partition(s)\n";
  }
  return created.has_value();
}

void KafkaRecordSink::EnsureTopic(std::optional<int32_t> partitions, std::ostream& notes) {
  if (client_.TopicExists(topic_)) {
    return;
  }
  // Without a partition count, let the broker auto-create the topic with its default count, as
  // a producer would: quick where allowed (Kafka's default, librdkafka's mock broker). The Admin
  // API comes next, or first when the count matters; the mock broker refuses it (after the
  // request timeout).
  const bool auto_create_first = !partitions.has_value();
  if (auto_create_first && AutoCreateTopic(notes)) {
    return;
  }
  const int32_t count = partitions.value_or(kDefaultPartitions);
  try {
    client_.CreateTopic(topic_, count);
    notes << "fluxo datagen: created topic '" << topic_ << "' with " << count << " partition(s)\n";
  } catch (const Error& error) {
    if (error.kind() != ErrorKind::kIo) {
      throw;
    }
    notes << "fluxo datagen: the broker refused to create topic '" << topic_ << "' ("
          << error.message() << ")\n";
    if (auto_create_first || !AutoCreateTopic(notes)) {
      throw Error(ErrorKind::kIo,
                  "Topic '" + topic_ +
                      "' does not exist and the broker neither created nor auto-created it: " +
                      error.message());
    }
  }
}

void KafkaRecordSink::Write(std::vector<runtime::TopicRecord>& records) {
  client_.ProduceAll(topic_, records);
}

}  // namespace fluxo::cli::datagen
