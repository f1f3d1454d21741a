#pragma once

#include <memory>
#include <string>

#include <librdkafka/rdkafka.h>

#include "runtime/core/error.h"

namespace fluxo::runtime::kafka {

/// Deleters that hand each librdkafka C object back to its own destroy function, so that every
/// object the wrappers create is owned by a std::unique_ptr (STYLE.md: RAII over C APIs).
struct RdKafkaDeleter {
  void operator()(rd_kafka_t* handle) const { rd_kafka_destroy(handle); }

  void operator()(rd_kafka_conf_t* conf) const { rd_kafka_conf_destroy(conf); }

  void operator()(rd_kafka_message_t* message) const { rd_kafka_message_destroy(message); }

  void operator()(const rd_kafka_metadata_t* metadata) const {
    rd_kafka_metadata_destroy(metadata);
  }

  void operator()(rd_kafka_headers_t* headers) const { rd_kafka_headers_destroy(headers); }

  void operator()(rd_kafka_queue_t* queue) const { rd_kafka_queue_destroy(queue); }

  void operator()(rd_kafka_event_t* event) const { rd_kafka_event_destroy(event); }

  void operator()(rd_kafka_AdminOptions_t* options) const {
    rd_kafka_AdminOptions_destroy(options);
  }

  void operator()(rd_kafka_NewTopic_t* topic) const { rd_kafka_NewTopic_destroy(topic); }

  void operator()(rd_kafka_DeleteTopic_t* topic) const { rd_kafka_DeleteTopic_destroy(topic); }

  void operator()(rd_kafka_topic_partition_list_t* list) const {
    rd_kafka_topic_partition_list_destroy(list);
  }

  void operator()(rd_kafka_error_t* error) const { rd_kafka_error_destroy(error); }

  void operator()(rd_kafka_topic_t* topic) const { rd_kafka_topic_destroy(topic); }
};

using HandlePtr = std::unique_ptr<rd_kafka_t, RdKafkaDeleter>;
using ConfPtr = std::unique_ptr<rd_kafka_conf_t, RdKafkaDeleter>;
using MessagePtr = std::unique_ptr<rd_kafka_message_t, RdKafkaDeleter>;
using MetadataPtr = std::unique_ptr<const rd_kafka_metadata_t, RdKafkaDeleter>;
using HeadersPtr = std::unique_ptr<rd_kafka_headers_t, RdKafkaDeleter>;
using QueuePtr = std::unique_ptr<rd_kafka_queue_t, RdKafkaDeleter>;
using EventPtr = std::unique_ptr<rd_kafka_event_t, RdKafkaDeleter>;
using AdminOptionsPtr = std::unique_ptr<rd_kafka_AdminOptions_t, RdKafkaDeleter>;
using NewTopicPtr = std::unique_ptr<rd_kafka_NewTopic_t, RdKafkaDeleter>;
using DeleteTopicPtr = std::unique_ptr<rd_kafka_DeleteTopic_t, RdKafkaDeleter>;
using PartitionListPtr = std::unique_ptr<rd_kafka_topic_partition_list_t, RdKafkaDeleter>;
using RdErrorPtr = std::unique_ptr<rd_kafka_error_t, RdKafkaDeleter>;
using TopicPtr = std::unique_ptr<rd_kafka_topic_t, RdKafkaDeleter>;

/// Returns a kIo error reading `what: <librdkafka's text for err>`.
inline Error KafkaError(const std::string& what, rd_kafka_resp_err_t err) {
  return Error(ErrorKind::kIo, what + ": " + rd_kafka_err2str(err));
}

}  // namespace fluxo::runtime::kafka
