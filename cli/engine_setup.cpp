#include "cli/engine_setup.h"

#include <fstream>
#include <ostream>
#include <sstream>
#include <string_view>
#include <utility>

#include "runtime/core/error.h"
#include "runtime/engine/engine_properties.h"
#include "runtime/kafka/kafka_topic_client.h"

namespace fluxo::cli {
namespace {

namespace po = boost::program_options;

std::string Trim(std::string_view text) {
  const size_t begin = text.find_first_not_of(" \t\r");
  if (begin == std::string_view::npos) {
    return "";
  }
  const size_t end = text.find_last_not_of(" \t\r");
  return std::string(text.substr(begin, end - begin + 1));
}

bool IsKafkaClientProperty(const std::string& name) {
  return name == "bootstrap.servers" || name == "security.protocol" || name == "client.id" ||
         name.starts_with("kafka.") || name.starts_with("sasl.") || name.starts_with("ssl.");
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    throw Error(ErrorKind::kIo, "Cannot read the configuration file " + path);
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

void AddEngineOptions(po::options_description& options) {
  options.add_options()("bootstrap-servers",
                        po::value<std::string>(),
                        "HOST:PORT[,...] of the Kafka cluster (default: start an embedded broker)")(
      "config", po::value<std::string>(), "a properties file (key=value lines)")(
      "set", po::value<std::vector<std::string>>(), "key=value, a property (repeatable)");
}

EngineOptions EngineOptionsFrom(const po::variables_map& values) {
  EngineOptions options;
  if (values.count("bootstrap-servers") != 0) {
    options.bootstrap_servers = values["bootstrap-servers"].as<std::string>();
  }
  if (values.count("config") != 0) {
    options.config_file = values["config"].as<std::string>();
  }
  if (values.count("set") != 0) {
    options.sets = values["set"].as<std::vector<std::string>>();
  }
  return options;
}

std::map<std::string, std::string> ParseProperties(const std::string& text,
                                                   const std::string& origin) {
  std::map<std::string, std::string> properties;
  std::istringstream lines(text);
  std::string line;
  for (int number = 1; std::getline(lines, line); ++number) {
    const std::string trimmed = Trim(line);
    if (trimmed.empty() || trimmed.front() == '#' || trimmed.front() == '!') {
      continue;
    }
    const size_t equals = trimmed.find('=');
    if (equals == std::string::npos || Trim(trimmed.substr(0, equals)).empty()) {
      throw Error(
          ErrorKind::kIo,
          origin + ":" + std::to_string(number) + ": expected key=value, got '" + trimmed + "'");
    }
    properties[engine::CanonicalProperty(Trim(trimmed.substr(0, equals)))] =
        Trim(trimmed.substr(equals + 1));
  }
  return properties;
}

EngineSetup SetUpEngine(const EngineOptions& options, std::ostream& notice) {
  EngineSetup setup;
  if (!options.config_file.empty()) {
    setup.config = ParseProperties(ReadFile(options.config_file), options.config_file);
  }
  for (const std::string& set : options.sets) {
    if (set.find('=') == std::string::npos) {
      throw Error(ErrorKind::kIo, "--set expects key=value, got '" + set + "'");
    }
    for (auto& [name, value] : ParseProperties(set, "--set")) {
      setup.config[name] = value;
    }
  }
  if (!options.bootstrap_servers.empty()) {
    setup.config["bootstrap.servers"] = options.bootstrap_servers;
  }

  runtime::kafka::KafkaProperties client_properties;
  for (const auto& [name, value] : setup.config) {
    if (IsKafkaClientProperty(name)) {
      client_properties[name] = value;
    }
  }
  if (client_properties.count("bootstrap.servers") == 0) {
    setup.embedded_broker = std::make_unique<runtime::kafka::EmbeddedKafkaCluster>();
    client_properties["bootstrap.servers"] = setup.embedded_broker->BootstrapServers();
    notice << "No bootstrap.servers configured: started an embedded Kafka broker (in memory) at "
           << setup.embedded_broker->BootstrapServers() << "\n";
  }
  setup.topics = std::make_shared<runtime::kafka::KafkaTopicClient>(client_properties,
                                                                    setup.embedded_broker.get());
  return setup;
}

}  // namespace fluxo::cli
