#pragma once

#include <map>
#include <string>

#include "runtime/kafka/rdkafka_handles.h"

namespace fluxo::runtime::kafka {

/// librdkafka properties by name ("bootstrap.servers", "security.protocol", ...). A name
/// written with Fluxo's `kafka.` prefix ("kafka.sasl.mechanism") is passed on without it.
using KafkaProperties = std::map<std::string, std::string>;

/// Creates a producer or consumer handle from `defaults` overlaid by `properties` (the
/// caller's properties win), with librdkafka's log routed to Fluxo's log. `configure` may set
/// callbacks and an opaque on the configuration before the handle takes it. Throws kIo naming
/// the property librdkafka rejects.
HandlePtr NewKafkaHandle(rd_kafka_type_t type,
                         const KafkaProperties& defaults,
                         const KafkaProperties& properties,
                         void (*configure)(rd_kafka_conf_t*, void*) = nullptr,
                         void* configure_argument = nullptr);

}  // namespace fluxo::runtime::kafka
