#include "runtime/kafka/topic_auto_creation.h"

#include <chrono>
#include <memory>
#include <thread>

#include "runtime/kafka/rdkafka_handles.h"

namespace fluxo::runtime::kafka {
namespace {

constexpr auto kRetryDelay = std::chrono::milliseconds(100);

/// What the metadata of one topic says.
struct TopicState {
  bool final = false;  ///< True when asking again will not change the answer.
  std::optional<int32_t> partitions;
};

/// Reads the state of `topic` from `metadata`. A topic the broker is still creating reports
/// LEADER_NOT_AVAILABLE (ask again); one it will not create, UNKNOWN_TOPIC_OR_PART.
TopicState StateIn(const rd_kafka_metadata_t& metadata, const std::string& topic) {
  for (int index = 0; index < metadata.topic_cnt; ++index) {
    const rd_kafka_metadata_topic_t& entry = metadata.topics[index];
    if (topic != entry.topic) {
      continue;
    }
    if (entry.err == RD_KAFKA_RESP_ERR_NO_ERROR && entry.partition_cnt > 0) {
      return TopicState{true, entry.partition_cnt};
    }
    return TopicState{entry.err != RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE &&
                          entry.err != RD_KAFKA_RESP_ERR_NO_ERROR,
                      std::nullopt};
  }
  return TopicState{};
}

}  // namespace

std::optional<int32_t> RequestTopicAutoCreation(const KafkaProperties& properties,
                                                const std::string& topic,
                                                int timeout_ms) {
  // A producer asks with allow_auto_create_topics set (librdkafka's producer default).
  HandlePtr handle = NewKafkaHandle(RD_KAFKA_PRODUCER, {}, properties);
  TopicPtr topic_handle(rd_kafka_topic_new(handle.get(), topic.c_str(), nullptr));
  if (topic_handle == nullptr) {
    throw KafkaError("Cannot name topic '" + topic + "'", rd_kafka_last_error());
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      return std::nullopt;
    }
    const rd_kafka_metadata_t* raw = nullptr;
    const rd_kafka_resp_err_t err = rd_kafka_metadata(
        handle.get(), /*all_topics=*/0, topic_handle.get(), &raw, static_cast<int>(left.count()));
    if (err == RD_KAFKA_RESP_ERR_NO_ERROR) {
      const MetadataPtr metadata(raw);
      const TopicState state = StateIn(*metadata, topic);
      if (state.final) {
        return state.partitions;
      }
    }
    std::this_thread::sleep_for(kRetryDelay);
  }
}

}  // namespace fluxo::runtime::kafka
