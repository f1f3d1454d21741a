#include "cli/server_command.h"

#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include <boost/program_options.hpp>

#include "cli/command_line.h"
#include "cli/engine_setup.h"
#include "cli/listen_address.h"
#include "cli/rest_server_setup.h"
#include "cli/server/rest_server.h"
#include "cli/stop_signals.h"
#include "runtime/core/error.h"
#include "runtime/engine/engine.h"
#include "runtime/engine/engine_host.h"

namespace fluxo::cli {
namespace {

namespace po = boost::program_options;

void PrintUsage(std::ostream& out, const po::options_description& options) {
  out << "Usage: fluxo server [options]\n"
         "\n"
         "Serves ksqlDB's REST API (/ksql, /query, /query-stream, /inserts-stream, /close-query,\n"
         "/info, /healthcheck, /status), plus /metrics (Prometheus) and /webhooks/<STREAM>, over\n"
         "HTTP/1.1 and HTTP/2 (h2c, prior knowledge) on one port, until SIGINT or SIGTERM. With "
         "no\n"
         "bootstrap.servers configured it starts an embedded broker in-process.\n"
         "\n"
         "Webhook signatures: set webhook.secret (every stream) or webhook.secret.<STREAM> in the\n"
         "configuration; requests must then carry X-Signature-256: sha256=<hex HMAC-SHA256>.\n"
         "\n"
      << options;
}

}  // namespace

int RunServerCommand(const std::vector<std::string>& arguments, const CommandIo& io) {
  po::options_description options("Options");
  options.add_options()("help,h", "print this help and exit")(
      "listen",
      po::value<std::string>()->default_value("127.0.0.1:8088"),
      "HOST:PORT to listen on (0.0.0.0 for every interface; port 0 for any free port)")(
      "auth-file",
      po::value<std::string>(),
      "require HTTP basic auth with the user:password lines of this file")(
      "max-request-bytes",
      po::value<size_t>()->default_value(size_t{16} * 1024 * 1024),
      "refuse request bodies longer than this (413)")(
      "max-push-queries",
      po::value<size_t>()->default_value(100),
      "refuse push queries beyond this many open at once (429)");
  AddEngineOptions(options);
  po::variables_map values;
  if (const auto exit = ParseCommandLine("server", arguments, options, &PrintUsage, io, values)) {
    return *exit;
  }

  StopSignals stop_signals;  // Before librdkafka, the engine or the server start threads.
  const std::string listen = values["listen"].as<std::string>();
  server::RestOptions rest;
  EngineSetup setup;
  try {
    ParseListenAddress(listen);  // A bad address fails before the broker starts.
    std::optional<server::BasicAuth> auth;
    if (values.count("auth-file") != 0) {
      auth = server::BasicAuth::FromFile(values["auth-file"].as<std::string>());
    }
    setup = SetUpEngine(EngineOptionsFrom(values), io.err);
    rest = RestOptionsFor(setup, listen);
    rest.auth = std::move(auth);
    rest.max_body_bytes = values["max-request-bytes"].as<size_t>();
    rest.max_push_queries = values["max-push-queries"].as<size_t>();
  } catch (const Error& error) {
    io.err << "fluxo server: " << error.what() << "\n";
    return kExitFailure;
  }

  // Webhook secrets stay with the server: the engine's properties are visible to SHOW PROPERTIES.
  std::map<std::string, std::string> engine_config = setup.config;
  std::erase_if(engine_config,
                [](const auto& property) { return property.first.starts_with("webhook."); });
  auto engine = std::make_unique<engine::Engine>(setup.topics, std::move(engine_config));
  try {
    // What an earlier server with this service.id accepted comes back first, as in ksqlDB.
    engine->AttachProcessingLogTopic();  // Before the replay: replayed queries log there too.
    const size_t replayed = engine->AttachCommandTopic();
    if (replayed > 0) {
      io.err << "fluxo server: replayed " << replayed << " commands from the command topic\n";
    }
  } catch (const Error& error) {
    io.err << "fluxo server: " << error.what() << "\n";
    return kExitFailure;
  }
  engine::EngineHost host(std::move(engine));
  server::RestServer rest_server(host, std::move(rest));
  host.Start();
  try {
    rest_server.Start();
  } catch (const Error& error) {
    io.err << "fluxo server: " << error.what() << "\n";
    host.Stop();
    return kExitFailure;
  }
  io.out << "Listening on http://" << listen.substr(0, listen.rfind(':')) << ":"
         << rest_server.port() << std::endl;
  io.err << "fluxo server: serving the REST API (HTTP/1.1 and h2c); stop with Ctrl-C (SIGINT) "
            "or SIGTERM"
         << std::endl;
  const int received = stop_signals.Wait();
  io.err << "fluxo server: stopping on signal " << received << "\n";
  rest_server.Stop();
  host.Stop();
  io.err << "fluxo server: stopped\n";
  return kExitOk;
}

}  // namespace fluxo::cli
