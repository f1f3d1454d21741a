#include "runtime/kafka/kafka_record.h"

namespace fluxo::runtime::kafka {
namespace {

std::optional<std::string> Bytes(const void* data, size_t size) {
  if (data == nullptr) {
    return std::nullopt;
  }
  return std::string(static_cast<const char*>(data), size);
}

// Sets `into` to the bytes (nothing for a null pointer), reusing its buffer.
void AssignBytes(std::optional<std::string>& into, const void* data, size_t size) {
  if (data == nullptr) {
    into.reset();
  } else if (into.has_value()) {
    into->assign(static_cast<const char*>(data), size);
  } else {
    into.emplace(static_cast<const char*>(data), size);
  }
}

}  // namespace

TopicRecord RecordFromMessage(const rd_kafka_message_t& message) {
  TopicRecord record;
  CopyMessageInto(message, record);
  return record;
}

void CopyMessageInto(const rd_kafka_message_t& message, TopicRecord& record) {
  AssignBytes(record.key, message.key, message.key_len);
  AssignBytes(record.value, message.payload, message.len);
  record.timestamp = rd_kafka_message_timestamp(&message, nullptr);
  record.partition = message.partition;
  record.offset = message.offset;
  record.headers.clear();
  rd_kafka_headers_t* headers = nullptr;  // Owned by the message.
  if (rd_kafka_message_headers(&message, &headers) == RD_KAFKA_RESP_ERR_NO_ERROR) {
    const char* name = nullptr;
    const void* value = nullptr;
    size_t size = 0;
    for (size_t index = 0; rd_kafka_header_get_all(headers, index, &name, &value, &size) ==
                           RD_KAFKA_RESP_ERR_NO_ERROR;
         ++index) {
      record.headers.push_back(RecordHeader{name, Bytes(value, size)});
    }
  }
}

HeadersPtr HeadersFromRecord(const TopicRecord& record) {
  if (record.headers.empty()) {
    return nullptr;
  }
  HeadersPtr headers(rd_kafka_headers_new(record.headers.size()));
  for (const RecordHeader& header : record.headers) {
    const char* value = header.value ? header.value->data() : nullptr;
    const auto size = static_cast<ssize_t>(header.value ? header.value->size() : 0);
    rd_kafka_header_add(
        headers.get(), header.key.data(), static_cast<ssize_t>(header.key.size()), value, size);
  }
  return headers;
}

TopicPtr ProducerTopic(rd_kafka_t* producer, const std::string& topic) {
  TopicPtr handle(rd_kafka_topic_new(producer, topic.c_str(), nullptr));
  if (handle == nullptr) {
    throw KafkaError("Cannot produce to topic '" + topic + "'", rd_kafka_last_error());
  }
  return handle;
}

rd_kafka_resp_err_t ProduceCopy(rd_kafka_t* producer,
                                rd_kafka_topic_t* topic,
                                const TopicRecord& record,
                                void* opaque) {
  constexpr int kQueueFullPollMs = 100;
  HeadersPtr headers = HeadersFromRecord(record);
  const char* key = record.key ? record.key->data() : nullptr;
  const char* value = record.value ? record.value->data() : nullptr;
  const size_t key_size = record.key ? record.key->size() : 0;
  const size_t value_size = record.value ? record.value->size() : 0;
  for (;;) {
    const rd_kafka_resp_err_t err = rd_kafka_producev(
        producer,
        RD_KAFKA_V_RKT(topic),
        RD_KAFKA_V_PARTITION(record.partition < 0 ? RD_KAFKA_PARTITION_UA : record.partition),
        RD_KAFKA_V_KEY(key, key_size),
        RD_KAFKA_V_VALUE(const_cast<char*>(value), value_size),
        RD_KAFKA_V_TIMESTAMP(record.timestamp),
        RD_KAFKA_V_HEADERS(headers.get()),
        RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
        RD_KAFKA_V_OPAQUE(opaque),
        RD_KAFKA_V_END);
    if (err == RD_KAFKA_RESP_ERR_NO_ERROR) {
      // With RD_KAFKA_V_HEADERS librdkafka takes the headers only when the call succeeds.
      static_cast<void>(headers.release());
    }
    if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL) {
      return err;
    }
    rd_kafka_poll(producer, kQueueFullPollMs);
  }
}

}  // namespace fluxo::runtime::kafka
