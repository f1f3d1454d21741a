#include "runtime/kafka/kafka_admin.h"

#include <array>

namespace fluxo::runtime::kafka {
namespace {

/// Admin options for `operation` with request and operation timeouts of `timeout_ms`.
AdminOptionsPtr NewOptions(rd_kafka_t* handle, rd_kafka_admin_op_t operation, int timeout_ms) {
  AdminOptionsPtr options(rd_kafka_AdminOptions_new(handle, operation));
  std::array<char, 512> error_text{};
  if (rd_kafka_AdminOptions_set_request_timeout(
          options.get(), timeout_ms, error_text.data(), error_text.size()) !=
          RD_KAFKA_RESP_ERR_NO_ERROR ||
      rd_kafka_AdminOptions_set_operation_timeout(
          options.get(), timeout_ms, error_text.data(), error_text.size()) !=
          RD_KAFKA_RESP_ERR_NO_ERROR) {
    throw Error(ErrorKind::kIo, std::string("Bad Kafka admin options: ") + error_text.data());
  }
  return options;
}

/// Waits for the admin result on `queue`; throws kIo for a request-level failure.
EventPtr AwaitResult(rd_kafka_queue_t* queue, int timeout_ms, const std::string& what) {
  // The request times out by itself after timeout_ms; the extra second lets its event arrive.
  EventPtr event(rd_kafka_queue_poll(queue, timeout_ms + 1000));
  if (event == nullptr) {
    throw Error(ErrorKind::kIo, what + ": no answer from the Kafka cluster");
  }
  if (rd_kafka_event_error(event.get()) != RD_KAFKA_RESP_ERR_NO_ERROR) {
    throw Error(ErrorKind::kIo, what + ": " + rd_kafka_event_error_string(event.get()));
  }
  return event;
}

/// The error of the one topic result, with its text.
rd_kafka_resp_err_t TopicResultError(const rd_kafka_topic_result_t* const* results,
                                     size_t count,
                                     std::string& text) {
  if (count != 1) {
    text = "expected one topic result";
    return RD_KAFKA_RESP_ERR__FAIL;
  }
  const rd_kafka_resp_err_t err = rd_kafka_topic_result_error(results[0]);
  const char* message = rd_kafka_topic_result_error_string(results[0]);
  text = message != nullptr ? message : rd_kafka_err2str(err);
  return err;
}

}  // namespace

bool CreateTopicWithAdmin(rd_kafka_t* handle,
                          const std::string& topic,
                          int32_t partitions,
                          const TopicConfig& config,
                          int timeout_ms) {
  const std::string what = "Cannot create topic '" + topic + "'";
  std::array<char, 512> error_text{};
  NewTopicPtr new_topic(rd_kafka_NewTopic_new(topic.c_str(),
                                              partitions,
                                              /*replication_factor=*/-1,
                                              error_text.data(),
                                              error_text.size()));
  if (new_topic == nullptr) {
    throw Error(ErrorKind::kIo, what + ": " + error_text.data());
  }
  for (const auto& [name, value] : config) {
    const rd_kafka_resp_err_t err =
        rd_kafka_NewTopic_set_config(new_topic.get(), name.c_str(), value.c_str());
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      throw Error(ErrorKind::kIo,
                  what + ": bad topic config " + name + "=" + value + ": " + rd_kafka_err2str(err));
    }
  }
  QueuePtr queue(rd_kafka_queue_new(handle));
  AdminOptionsPtr options = NewOptions(handle, RD_KAFKA_ADMIN_OP_CREATETOPICS, timeout_ms);
  std::array<rd_kafka_NewTopic_t*, 1> topics = {new_topic.get()};
  rd_kafka_CreateTopics(handle, topics.data(), topics.size(), options.get(), queue.get());
  EventPtr event = AwaitResult(queue.get(), timeout_ms, what);
  size_t count = 0;
  const rd_kafka_topic_result_t** results =
      rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(event.get()), &count);
  std::string text;
  const rd_kafka_resp_err_t err = TopicResultError(results, count, text);
  if (err == RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS) {
    return false;
  }
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    throw Error(ErrorKind::kIo, what + ": " + text);
  }
  return true;
}

bool ClusterHasController(rd_kafka_t* handle, int timeout_ms) {
  const int32_t controller = rd_kafka_controllerid(handle, timeout_ms);
  if (controller < 0) {
    return false;
  }
  const rd_kafka_metadata_t* metadata = nullptr;
  if (rd_kafka_metadata(handle, 0, nullptr, &metadata, timeout_ms) != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return false;
  }
  bool found = false;
  for (int i = 0; i < metadata->broker_cnt; ++i) {
    found = found || metadata->brokers[i].id == controller;
  }
  rd_kafka_metadata_destroy(metadata);
  return found;
}

void DeleteTopicWithAdmin(rd_kafka_t* handle, const std::string& topic, int timeout_ms) {
  const std::string what = "Cannot delete topic '" + topic + "'";
  DeleteTopicPtr delete_topic(rd_kafka_DeleteTopic_new(topic.c_str()));
  QueuePtr queue(rd_kafka_queue_new(handle));
  AdminOptionsPtr options = NewOptions(handle, RD_KAFKA_ADMIN_OP_DELETETOPICS, timeout_ms);
  std::array<rd_kafka_DeleteTopic_t*, 1> topics = {delete_topic.get()};
  rd_kafka_DeleteTopics(handle, topics.data(), topics.size(), options.get(), queue.get());
  EventPtr event = AwaitResult(queue.get(), timeout_ms, what);
  size_t count = 0;
  const rd_kafka_topic_result_t** results =
      rd_kafka_DeleteTopics_result_topics(rd_kafka_event_DeleteTopics_result(event.get()), &count);
  std::string text;
  if (TopicResultError(results, count, text) != RD_KAFKA_RESP_ERR_NO_ERROR) {
    throw Error(ErrorKind::kIo, what + ": " + text);
  }
}

}  // namespace fluxo::runtime::kafka
