#include "runtime/kafka/kafka_handle.h"

#include <array>
#include <string_view>

#include "runtime/core/log.h"

namespace fluxo::runtime::kafka {
namespace {

constexpr std::string_view kFluxoPrefix = "kafka.";

/// Routes librdkafka's log lines (syslog levels) into Fluxo's log.
void LogToFluxo(const rd_kafka_t* /*handle*/, int level, const char* facility, const char* text) {
  LogLevel fluxo_level = LogLevel::kDebug;
  if (level <= 3) {
    fluxo_level = LogLevel::kError;
  } else if (level <= 4) {
    fluxo_level = LogLevel::kWarning;
  } else if (level <= 5) {
    fluxo_level = LogLevel::kInfo;
  }
  LogLine(fluxo_level, std::string("librdkafka ") + facility + ": " + text);
}

void SetProperty(rd_kafka_conf_t* conf, const std::string& name, const std::string& value) {
  std::string_view key = name;
  if (key.starts_with(kFluxoPrefix)) {
    key.remove_prefix(kFluxoPrefix.size());
  }
  std::array<char, 512> error_text{};
  if (rd_kafka_conf_set(
          conf, std::string(key).c_str(), value.c_str(), error_text.data(), error_text.size()) !=
      RD_KAFKA_CONF_OK) {
    throw Error(ErrorKind::kIo,
                "Kafka property '" + std::string(key) + "' rejected: " + error_text.data());
  }
}

}  // namespace

HandlePtr NewKafkaHandle(rd_kafka_type_t type,
                         const KafkaProperties& defaults,
                         const KafkaProperties& properties,
                         void (*configure)(rd_kafka_conf_t*, void*),
                         void* configure_argument) {
  ConfPtr conf(rd_kafka_conf_new());
  rd_kafka_conf_set_log_cb(conf.get(), &LogToFluxo);
  for (const auto& [name, value] : defaults) {
    SetProperty(conf.get(), name, value);
  }
  for (const auto& [name, value] : properties) {
    SetProperty(conf.get(), name, value);
  }
  if (configure != nullptr) {
    configure(conf.get(), configure_argument);
  }
  std::array<char, 512> error_text{};
  // On success rd_kafka_new takes the configuration; on failure it stays ours.
  HandlePtr handle(rd_kafka_new(type, conf.get(), error_text.data(), error_text.size()));
  if (handle == nullptr) {
    throw Error(ErrorKind::kIo, std::string("Cannot create a Kafka client: ") + error_text.data());
  }
  conf.release();
  return handle;
}

}  // namespace fluxo::runtime::kafka
