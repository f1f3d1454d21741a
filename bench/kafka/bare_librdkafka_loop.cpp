// The reference loop of the Kafka bench: the one file outside runtime/kafka/ that calls
// librdkafka directly (scripts/check-banned-apis.sh allows it), so that the engine is compared
// with the plain client library and not with Fluxo's own wrappers.

#include "bench/kafka/bare_librdkafka_loop.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <memory>

#include <librdkafka/rdkafka.h>

namespace fluxo::bench {

namespace {

using Clock = std::chrono::steady_clock;

constexpr size_t kBatch = 1024;
constexpr int kPollMs = 100;
constexpr int kFlushMs = 60000;
constexpr double kStallSeconds = 15;  ///< Give up when no record arrives for this long.

struct HandleDeleter {
  void operator()(rd_kafka_t* handle) const { rd_kafka_destroy(handle); }

  void operator()(rd_kafka_topic_t* topic) const { rd_kafka_topic_destroy(topic); }

  void operator()(rd_kafka_queue_t* queue) const { rd_kafka_queue_destroy(queue); }

  void operator()(rd_kafka_topic_partition_list_t* list) const {
    rd_kafka_topic_partition_list_destroy(list);
  }
};

using Handle = std::unique_ptr<rd_kafka_t, HandleDeleter>;
using TopicHandle = std::unique_ptr<rd_kafka_topic_t, HandleDeleter>;
using Queue = std::unique_ptr<rd_kafka_queue_t, HandleDeleter>;
using PartitionList = std::unique_ptr<rd_kafka_topic_partition_list_t, HandleDeleter>;

/// Delivery outcomes, counted by the producer's delivery-report callback.
struct Deliveries {
  uint64_t delivered = 0;
  uint64_t failed = 0;
  rd_kafka_resp_err_t first_error = RD_KAFKA_RESP_ERR_NO_ERROR;
};

void OnDelivery(rd_kafka_t* /*handle*/, const rd_kafka_message_t* message, void* opaque) {
  auto* deliveries = static_cast<Deliveries*>(opaque);
  if (message->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
    ++deliveries->delivered;
  } else if (deliveries->failed++ == 0) {
    deliveries->first_error = message->err;
  }
}

/// Creates a handle of `type` with `settings` (name, value pairs); "" and the reason on failure.
template <size_t N>
Handle NewHandle(rd_kafka_type_t type,
                 const std::array<std::pair<const char*, std::string>, N>& settings,
                 Deliveries* deliveries,
                 std::string& failure) {
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  std::array<char, 512> error{};
  for (const auto& [name, value] : settings) {
    if (rd_kafka_conf_set(conf, name, value.c_str(), error.data(), error.size()) !=
        RD_KAFKA_CONF_OK) {
      rd_kafka_conf_destroy(conf);
      failure = error.data();
      return nullptr;
    }
  }
  if (deliveries != nullptr) {
    rd_kafka_conf_set_dr_msg_cb(conf, &OnDelivery);
    rd_kafka_conf_set_opaque(conf, deliveries);
  }
  Handle handle(rd_kafka_new(type, conf, error.data(), error.size()));  // Owns conf now.
  if (handle == nullptr) {
    rd_kafka_conf_destroy(conf);
    failure = error.data();
  }
  return handle;
}

}  // namespace

BareLoopRun RunBareLibrdkafkaLoop(const std::string& bootstrap_servers,
                                  const std::string& input_topic,
                                  int32_t partitions,
                                  const std::string& output_topic,
                                  uint64_t input_records,
                                  double timeout_seconds) {
  BareLoopRun run;
  const Clock::time_point start = Clock::now();
  Deliveries deliveries;
  const std::array<std::pair<const char*, std::string>, 2> producer_settings = {{
      {"bootstrap.servers", bootstrap_servers},
      {"partitioner", "murmur2_random"},  // As Fluxo's producer: Kafka's Java client default.
  }};
  const std::array<std::pair<const char*, std::string>, 5> consumer_settings = {{
      {"bootstrap.servers", bootstrap_servers},
      {"group.id", "fluxo-bench-bare-loop"},  // Needed by assign(); never joined.
      {"enable.auto.commit", "false"},
      {"enable.auto.offset.store", "false"},
      {"enable.partition.eof", "false"},
  }};
  Handle producer = NewHandle(RD_KAFKA_PRODUCER, producer_settings, &deliveries, run.failure);
  Handle consumer = producer == nullptr
                        ? nullptr
                        : NewHandle(RD_KAFKA_CONSUMER, consumer_settings, nullptr, run.failure);
  if (consumer == nullptr) {
    return run;
  }
  const TopicHandle output(rd_kafka_topic_new(producer.get(), output_topic.c_str(), nullptr));
  const PartitionList assignment(rd_kafka_topic_partition_list_new(partitions));
  for (int32_t partition = 0; partition < partitions; ++partition) {
    rd_kafka_topic_partition_list_add(assignment.get(), input_topic.c_str(), partition)->offset =
        RD_KAFKA_OFFSET_BEGINNING;
  }
  if (const rd_kafka_resp_err_t err = rd_kafka_assign(consumer.get(), assignment.get()); err) {
    run.failure = std::string("assign: ") + rd_kafka_err2str(err);
    return run;
  }
  const Queue queue(rd_kafka_queue_get_consumer(consumer.get()));
  std::array<rd_kafka_message_t*, kBatch> messages{};
  Clock::time_point last_progress = Clock::now();
  while (run.consumed < input_records && run.failure.empty()) {
    const Clock::time_point now = Clock::now();
    if (std::chrono::duration<double>(now - start).count() > timeout_seconds ||
        std::chrono::duration<double>(now - last_progress).count() > kStallSeconds) {
      run.failure = "gave up after " + std::to_string(run.consumed) + " records";
      break;
    }
    const size_t wanted = std::min<uint64_t>(kBatch, input_records - run.consumed);
    const ssize_t count =
        rd_kafka_consume_batch_queue(queue.get(), kPollMs, messages.data(), wanted);
    if (count > 0) {
      last_progress = Clock::now();
    }
    for (ssize_t index = 0; index < count; ++index) {
      rd_kafka_message_t* message = messages[static_cast<size_t>(index)];
      if (message->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        if (run.failure.empty()) {
          run.failure = rd_kafka_message_errstr(message);
        }
        rd_kafka_message_destroy(message);
        continue;
      }
      const int64_t timestamp = rd_kafka_message_timestamp(message, nullptr);
      for (;;) {
        const rd_kafka_resp_err_t err =
            rd_kafka_producev(producer.get(),
                              RD_KAFKA_V_RKT(output.get()),
                              RD_KAFKA_V_PARTITION(RD_KAFKA_PARTITION_UA),
                              RD_KAFKA_V_KEY(message->key, message->key_len),
                              RD_KAFKA_V_VALUE(message->payload, message->len),
                              RD_KAFKA_V_TIMESTAMP(timestamp),
                              RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                              RD_KAFKA_V_END);
        if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL) {
          if (err != RD_KAFKA_RESP_ERR_NO_ERROR && run.failure.empty()) {
            run.failure = std::string("produce: ") + rd_kafka_err2str(err);
          }
          break;
        }
        rd_kafka_poll(producer.get(), kPollMs);  // The queue is full: serve delivery reports.
      }
      rd_kafka_message_destroy(message);
      ++run.consumed;
    }
    rd_kafka_poll(producer.get(), 0);
  }
  if (const rd_kafka_resp_err_t err = rd_kafka_flush(producer.get(), kFlushMs); err) {
    run.failure = std::string("flush: ") + rd_kafka_err2str(err);
  }
  run.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  run.delivered = deliveries.delivered;
  if (deliveries.failed > 0 && run.failure.empty()) {
    run.failure = std::to_string(deliveries.failed) +
                  " deliveries failed: " + rd_kafka_err2str(deliveries.first_error);
  }
  rd_kafka_consumer_close(consumer.get());
  return run;
}

}  // namespace fluxo::bench
