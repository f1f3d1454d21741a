#pragma once

#include <iosfwd>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <boost/program_options.hpp>

#include "runtime/kafka/embedded_kafka_cluster.h"
#include "runtime/topic/topic_client.h"

namespace fluxo::cli {

/// The command-line options `fluxo run`, `server` and `shell` share: where the Kafka cluster
/// is and the engine's configuration.
struct EngineOptions {
  std::string bootstrap_servers;  ///< Empty: start an embedded broker in-process.
  std::string config_file;        ///< A properties file (`key=value` lines, `#` comments).
  std::vector<std::string> sets;  ///< `--set key=value`, applied after the file.
};

/// Adds --bootstrap-servers, --config and --set to `options`.
void AddEngineOptions(boost::program_options::options_description& options);

/// Reads the options AddEngineOptions added.
EngineOptions EngineOptionsFrom(const boost::program_options::variables_map& values);

/// What a front end's engine runs on: its configuration, the topic client, and the embedded
/// broker when no cluster was configured (it must outlive the client).
struct EngineSetup {
  std::map<std::string, std::string> config;
  std::unique_ptr<runtime::kafka::EmbeddedKafkaCluster> embedded_broker;
  std::shared_ptr<runtime::TopicClient> topics;
};

/// Reads the configuration (file, then --set; a `ksql.streams.` prefix is dropped, as ksqlDB
/// accepts both spellings), then connects to `bootstrap.servers` or, when none is configured,
/// starts an embedded broker and says so in one line on `notice`. The librdkafka client gets
/// `bootstrap.servers`, every `kafka.`-prefixed property (prefix dropped) and the
/// `security.protocol`, `sasl.*`, `ssl.*` and `client.id` properties. Throws fluxo::Error
/// (kIo) for an unreadable file or a malformed --set, or when the broker cannot start.
EngineSetup SetUpEngine(const EngineOptions& options, std::ostream& notice);

/// Parses `key=value` properties (blank lines and lines starting with `#` or `!` skipped);
/// throws fluxo::Error (kIo) naming the line of anything else.
std::map<std::string, std::string> ParseProperties(const std::string& text,
                                                   const std::string& origin);

}  // namespace fluxo::cli
