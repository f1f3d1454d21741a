#include "cli/kafka_command.h"

#include <cstdint>
#include <iostream>
#include <string>
#include <vector>

#include <boost/program_options.hpp>

#include "cli/command_line.h"
#include "cli/stop_signals.h"
#include "runtime/core/error.h"
#include "runtime/kafka/embedded_kafka_cluster.h"

namespace fluxo::cli {
namespace {

namespace po = boost::program_options;

void PrintUsage(std::ostream& out, const po::options_description& options) {
  out << "Usage: fluxo kafka [options]\n"
         "\n"
         "Runs an embedded Kafka-protocol broker (librdkafka's mock cluster: data in memory\n"
         "only, no CreateTopics/DeleteTopics; unknown topics are auto-created with 4\n"
         "partitions). Prints bootstrap.servers=HOST:PORT as its first line and serves until\n"
         "SIGINT or SIGTERM.\n"
         "\n"
      << options;
}

/// Parses NAME:PARTITIONS; returns false for anything else.
bool ParseTopic(const std::string& text, std::string& name, int32_t& partitions) {
  const size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size()) {
    return false;
  }
  name = text.substr(0, colon);
  try {
    size_t used = 0;
    const int value = std::stoi(text.substr(colon + 1), &used);
    if (used != text.size() - colon - 1 || value < 1) {
      return false;
    }
    partitions = value;
  } catch (const std::exception&) {
    return false;
  }
  return true;
}

}  // namespace

int RunKafkaCommand(const std::vector<std::string>& arguments, const CommandIo& io) {
  po::options_description options("Options");
  options.add_options()("help,h", "print this help and exit")(
      "listen",
      po::value<std::string>()->default_value("127.0.0.1:0"),
      "HOST:PORT to listen on (librdkafka 2.0 picks the port itself)")(
      "brokers", po::value<int>()->default_value(1), "number of brokers")(
      "topic", po::value<std::vector<std::string>>(), "NAME:PARTITIONS, a topic to create");
  po::variables_map values;
  if (const auto exit = ParseCommandLine("kafka", arguments, options, &PrintUsage, io, values)) {
    return *exit;
  }
  const int brokers = values["brokers"].as<int>();
  std::vector<std::pair<std::string, int32_t>> topics;
  if (values.count("topic") != 0) {
    for (const std::string& text : values["topic"].as<std::vector<std::string>>()) {
      std::string name;
      int32_t partitions = 0;
      if (!ParseTopic(text, name, partitions)) {
        io.err << "fluxo kafka: --topic wants NAME:PARTITIONS, got '" << text << "'\n";
        return kExitUsage;
      }
      topics.emplace_back(name, partitions);
    }
  }
  if (brokers < 1) {
    io.err << "fluxo kafka: --brokers must be at least 1\n";
    return kExitUsage;
  }
  const std::string listen = values["listen"].as<std::string>();
  if (!listen.ends_with(":0")) {
    io.err << "fluxo kafka: librdkafka's mock cluster cannot listen on a chosen address; "
              "ignoring --listen "
           << listen << " (the actual address follows on stdout)\n";
  }

  StopSignals stop_signals;  // Before librdkafka starts its threads.
  runtime::kafka::EmbeddedKafkaCluster cluster(brokers);
  for (const auto& [name, partitions] : topics) {
    cluster.CreateTopic(name, partitions);
  }
  io.out << "bootstrap.servers=" << cluster.BootstrapServers() << std::endl;
  io.err << "fluxo kafka: embedded broker (" << brokers << " broker(s)) at "
         << cluster.BootstrapServers() << "; stop with SIGINT or SIGTERM\n";

  const int received = stop_signals.Wait();
  io.err << "fluxo kafka: stopping on signal " << received << "\n";
  return kExitOk;
}

}  // namespace fluxo::cli
