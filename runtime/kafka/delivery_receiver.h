#pragma once

#include <librdkafka/rdkafka.h>

namespace fluxo::runtime::kafka {

/// What a produced record's opaque points to: the one who hears its delivery report.
/// KafkaTopicClient's delivery-report callback hands every report to its record's receiver.
class DeliveryReceiver {
 public:
  /// Called from rd_kafka_poll (or rd_kafka_flush) on the thread that polls.
  virtual void OnDelivery(const rd_kafka_message_t& message) = 0;

 protected:
  ~DeliveryReceiver() = default;
};

}  // namespace fluxo::runtime::kafka
