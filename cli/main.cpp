// The `fluxo` executable: global options and a table of subcommands. Each subcommand lives in
// its own cli/<name>_command.{h,cpp} and is one row of kSubcommands below.

#include <algorithm>
#include <array>
#include <cstddef>
#include <exception>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <boost/program_options.hpp>
#include <librdkafka/rdkafka.h>
#include <rocksdb/version.h>

#include "cli/command.h"
#include "cli/datagen_command.h"
#include "cli/kafka_command.h"
#include "cli/parse_command.h"
#include "cli/run_command.h"
#include "cli/server_command.h"
#include "cli/shell_command.h"
#include "cli/test_command.h"
#include "runtime/core/error.h"

#ifndef FLUXO_VERSION
#error "FLUXO_VERSION must be defined by the build (see cli/CMakeLists.txt)"
#endif

namespace fluxo::cli {
namespace {

namespace po = boost::program_options;

/// One subcommand: `fluxo <name> ...` runs `run` with the arguments after the name.
struct Subcommand {
  std::string_view name;
  std::string_view summary;
  CommandFunction run;
};

constexpr std::array kSubcommands = {
    Subcommand{
        "parse", "Parse SQL files and print each statement in canonical form", &RunParseCommand},
    Subcommand{"datagen",
               "Generate quickstart data (transactions, trades, ...) into a Kafka topic",
               &RunDatagenCommand},
    Subcommand{"kafka",
               "Run an embedded Kafka-protocol broker (librdkafka's mock cluster)",
               &RunKafkaCommand},
    Subcommand{
        "run", "Run a .sql file's statements and persistent queries until stopped", &RunRunCommand},
    Subcommand{
        "server", "Serve ksqlDB's REST API (HTTP/1.1 and h2c) until stopped", &RunServerCommand},
    Subcommand{"shell", "The interactive SQL shell (embedded engine)", &RunShellCommand},
    Subcommand{
        "test", "Run query tests in ksqlDB's QTT format on in-memory topics", &RunTestCommand},
};

/// Returns `fluxo 0.1.0 (librdkafka 2.0.2, RocksDB 7.8.3)`: the librdkafka version is the
/// linked library's, the RocksDB version the one compiled against.
std::string VersionLine() {
  std::ostringstream line;
  line << "fluxo " << FLUXO_VERSION << " (librdkafka " << rd_kafka_version_str() << ", RocksDB "
       << ROCKSDB_MAJOR << '.' << ROCKSDB_MINOR << '.' << ROCKSDB_PATCH << ")";
  return line.str();
}

po::options_description GlobalOptions() {
  po::options_description options("Options");
  options.add_options()("help,h", "print this help and exit")(
      "version,V", "print the versions of fluxo and its libraries");
  return options;
}

void PrintUsage(std::ostream& out) {
  out << "Usage: fluxo [options] <command> [arguments]\n"
         "\n"
         "Fluxo is a streaming SQL engine in the style of ksqlDB.\n"
         "\n"
         "Commands:\n";
  std::size_t name_width = 0;
  for (const Subcommand& subcommand : kSubcommands) {
    name_width = std::max(name_width, subcommand.name.size());
  }
  for (const Subcommand& subcommand : kSubcommands) {
    out << "  " << subcommand.name << std::string(name_width + 4 - subcommand.name.size(), ' ')
        << subcommand.summary << "\n";
  }
  out << "\n"
      << GlobalOptions() << "\nRun 'fluxo <command> --help' for the options of a command.\n";
}

const Subcommand* FindSubcommand(std::string_view name) {
  for (const Subcommand& subcommand : kSubcommands) {
    if (subcommand.name == name) {
      return &subcommand;
    }
  }
  return nullptr;
}

/// Runs the command line `arguments` (without the program name) and returns the exit status.
int Run(const std::vector<std::string>& arguments, const CommandIo& io) {
  // Global options come before the subcommand name; everything after it belongs to the
  // subcommand, so that `fluxo parse --help` reaches `parse`.
  auto command_position = arguments.begin();
  while (command_position != arguments.end() && command_position->starts_with('-')) {
    ++command_position;
  }
  const std::vector<std::string> global_arguments(arguments.begin(), command_position);

  po::variables_map options;
  try {
    po::store(po::command_line_parser(global_arguments).options(GlobalOptions()).run(), options);
    po::notify(options);
  } catch (const po::error& error) {
    io.err << "fluxo: " << error.what() << "\n\n";
    PrintUsage(io.err);
    return kExitUsage;
  }
  if (options.count("help") != 0) {
    PrintUsage(io.out);
    return kExitOk;
  }
  if (options.count("version") != 0) {
    io.out << VersionLine() << "\n";
    return kExitOk;
  }
  if (command_position == arguments.end()) {
    io.err << "fluxo: no command given\n\n";
    PrintUsage(io.err);
    return kExitUsage;
  }
  const Subcommand* subcommand = FindSubcommand(*command_position);
  if (subcommand == nullptr) {
    io.err << "fluxo: unknown command '" << *command_position << "'\n\n";
    PrintUsage(io.err);
    return kExitUsage;
  }
  return subcommand->run(std::vector<std::string>(command_position + 1, arguments.end()), io);
}

}  // namespace
}  // namespace fluxo::cli

int main(int argc, char** argv) {
  const fluxo::cli::CommandIo io{std::cin, std::cout, std::cerr};
  try {
    return fluxo::cli::Run(std::vector<std::string>(argv + 1, argv + argc), io);
  } catch (const fluxo::Error& error) {
    std::cerr << "fluxo: " << fluxo::ErrorKindName(error.kind()) << " error: " << error.what()
              << "\n";
  } catch (const std::exception& error) {
    std::cerr << "fluxo: " << error.what() << "\n";
  }
  return fluxo::cli::kExitFailure;
}
