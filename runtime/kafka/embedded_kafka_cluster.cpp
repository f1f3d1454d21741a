#include "runtime/kafka/embedded_kafka_cluster.h"

#include "runtime/kafka/kafka_handle.h"

namespace fluxo::runtime::kafka {

EmbeddedKafkaCluster::EmbeddedKafkaCluster(int brokers) {
  if (brokers < 1) {
    throw Error(ErrorKind::kIo, "An embedded Kafka cluster needs at least one broker");
  }
  // The handle only keeps the cluster's books; it never connects anywhere, so its warning
  // about a missing bootstrap.servers is left out (log_level 3: errors only).
  handle_ = NewKafkaHandle(RD_KAFKA_PRODUCER, {{"log_level", "3"}}, {});
  cluster_ = rd_kafka_mock_cluster_new(handle_.get(), brokers);
  if (cluster_ == nullptr) {
    throw Error(ErrorKind::kIo, "Cannot start librdkafka's mock Kafka cluster");
  }
  // librdkafka 2.0.2's mock broker writes one field of its ListOffsets v4+ response with the
  // wrong width, which garbles replies covering several partitions (kafka-python then never
  // finds where to start reading); v3 and below are encoded correctly.
  constexpr int16_t kListOffsetsApiKey = 2;
  rd_kafka_mock_set_apiversion(cluster_, kListOffsetsApiKey, 0, 3);
  bootstrap_servers_ = rd_kafka_mock_cluster_bootstraps(cluster_);
}

EmbeddedKafkaCluster::~EmbeddedKafkaCluster() {
  if (cluster_ != nullptr) {
    rd_kafka_mock_cluster_destroy(cluster_);
  }
}

void EmbeddedKafkaCluster::CreateTopic(const std::string& topic, int32_t partitions) {
  if (partitions < 1) {
    throw Error(ErrorKind::kIo, "Topic '" + topic + "' needs at least one partition");
  }
  const rd_kafka_resp_err_t err =
      rd_kafka_mock_topic_create(cluster_, topic.c_str(), partitions, /*replication_factor=*/1);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    throw KafkaError("Cannot create topic '" + topic + "' on the embedded broker", err);
  }
}

}  // namespace fluxo::runtime::kafka
