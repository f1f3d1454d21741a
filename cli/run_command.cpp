#include "cli/run_command.h"

#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include <boost/program_options.hpp>

#include "cli/command_line.h"
#include "cli/engine_setup.h"
#include "cli/rest_server_setup.h"
#include "cli/stop_signals.h"
#include "parser/parser.h"
#include "runtime/core/error.h"
#include "runtime/core/format_error.h"
#include "runtime/core/temporary_directory.h"
#include "runtime/engine/engine.h"
#include "runtime/engine/engine_host.h"
#include "runtime/topic/in_memory_topic_client.h"

namespace fluxo::cli {
namespace {

namespace po = boost::program_options;

void PrintUsage(std::ostream& out, const po::options_description& options) {
  out << "Usage: fluxo run FILE.sql [options]\n"
         "\n"
         "Checks every statement of FILE.sql, then runs them and keeps the persistent queries\n"
         "(CREATE ... AS SELECT, INSERT INTO ... SELECT) running until SIGINT or SIGTERM. With\n"
         "no bootstrap.servers configured it starts an embedded broker in-process.\n"
         "\n"
      << options;
}

/// Push and pull queries need someone to read their rows: the shell or the server.
void RejectInteractiveQueries(const std::vector<ast::Statement>& statements) {
  for (const ast::Statement& statement : statements) {
    if (std::holds_alternative<ast::QueryStatement>(statement.node)) {
      throw Error(ErrorKind::kPlanning,
                  "fluxo run runs persistent queries; a SELECT needs a reader: run it in "
                  "'fluxo shell' or send it to 'fluxo server', or write its result to a topic "
                  "with CREATE STREAM ... AS SELECT",
                  statement.span);
    }
  }
}

/// Runs `script` on an engine over in-memory copies of the cluster's topics (same names and
/// partition counts, no records), with a scratch state.dir in place of a configured one:
/// every error a statement can hit before its query reads a record shows up here, and
/// nothing real changes.
void DryRun(const std::string& script,
            const std::map<std::string, std::string>& config,
            runtime::TopicClient& cluster) {
  auto mirror = std::make_shared<runtime::InMemoryTopicClient>();
  for (const std::string& topic : cluster.ListTopics()) {
    mirror->CreateTopic(topic, cluster.PartitionCount(topic));
  }
  std::map<std::string, std::string> dry_config = config;
  std::optional<TemporaryDirectory> scratch;
  if (const auto state_dir = dry_config.find("state.dir");
      state_dir != dry_config.end() && !state_dir->second.empty()) {
    state_dir->second = scratch.emplace("fluxo-dry-run").path().string();
  }
  engine::Engine dry(mirror, dry_config);
  dry.SetLogSkippedRecords(false);
  dry.ExecuteScript(script);
}

}  // namespace

int RunRunCommand(const std::vector<std::string>& arguments, const CommandIo& io) {
  po::options_description options("Options");
  options.add_options()("help,h", "print this help and exit")(
      "listen", po::value<std::string>(), "HOST:PORT: serve /healthcheck, /info and /metrics");
  AddEngineOptions(options);
  po::options_description hidden;
  hidden.add_options()("file", po::value<std::string>());
  po::options_description all;
  all.add(options).add(hidden);
  po::positional_options_description positional;
  positional.add("file", 1);
  po::variables_map values;
  if (const auto exit =
          ParseCommandLine("run", arguments, options, all, &positional, &PrintUsage, io, values)) {
    return *exit;
  }
  if (values.count("file") == 0) {
    io.err << "fluxo run: name the .sql file to run\n\n";
    PrintUsage(io.err, options);
    return kExitUsage;
  }
  const std::string path = values["file"].as<std::string>();
  std::ifstream in(path);
  if (!in) {
    io.err << "fluxo run: cannot read '" << path << "'\n";
    return kExitFailure;
  }
  std::ostringstream text;
  text << in.rdbuf();
  const std::string script = text.str();

  StopSignals stop_signals;  // Before librdkafka or the engine start threads.
  try {
    RejectInteractiveQueries(parser::ParseStatements(script));
  } catch (const Error& error) {
    io.err << path << ": " << FormatError(error, script) << "\n";
    return kExitFailure;
  }
  EngineSetup setup;
  try {
    setup = SetUpEngine(EngineOptionsFrom(values), io.err);
    DryRun(script, setup.config, *setup.topics);
  } catch (const Error& error) {
    io.err << path << ": " << FormatError(error, script) << "\n";
    return kExitFailure;
  }

  auto engine = std::make_unique<engine::Engine>(setup.topics, setup.config);
  try {
    engine->AttachProcessingLogTopic();
  } catch (const Error& error) {
    io.err << "fluxo run: " << error.what() << "\n";
    return kExitFailure;
  }
  engine::EngineHost host(std::move(engine));
  try {
    const auto results =
        host.Call([&](engine::Engine& engine) { return engine.ExecuteScript(script); });
    for (const engine::StatementResult& result : results) {
      if (!result.message.empty()) {
        io.err << "fluxo run: " << result.message << "\n";
      }
    }
  } catch (const Error& error) {
    io.err << path << ": " << FormatError(error, script) << "\n";
    return kExitFailure;
  }
  host.Start();
  std::unique_ptr<server::RestServer> status_server;
  if (values.count("listen") != 0) {
    try {
      status_server = StartStatusServer(host, setup, values["listen"].as<std::string>(), io.out);
    } catch (const Error& error) {
      io.err << "fluxo run: " << error.what() << "\n";
      host.Stop();
      return kExitFailure;
    }
  }
  io.err << "fluxo run: running; stop with Ctrl-C (SIGINT) or SIGTERM" << std::endl;
  const int received = stop_signals.Wait();
  io.err << "fluxo run: stopping on signal " << received << "\n";
  status_server.reset();
  host.Stop();
  io.err << "fluxo run: stopped after " << host.records_read() << " records\n";
  return kExitOk;
}

}  // namespace fluxo::cli
