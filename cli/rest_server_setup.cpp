#include "cli/rest_server_setup.h"

#include <ostream>
#include <utility>

#include "cli/http/server_url.h"
#include "cli/listen_address.h"
#include "runtime/core/error.h"

namespace fluxo::cli {

server::RestOptions RestOptionsFor(const EngineSetup& setup, const std::string& listen) {
  const ListenAddress address = ParseListenAddress(listen);
  server::RestOptions options;
  options.listen_host = address.host;
  options.listen_port = address.port;
  options.config = setup.config;
  if (const auto advertised = setup.config.find("ksql.advertised.listener");
      advertised != setup.config.end()) {
    try {
      http::ServerUrl::Parse(advertised->second);  // Peers must be able to reach it.
    } catch (const Error& error) {
      throw Error(
          ErrorKind::kIo,
          "Invalid ksql.advertised.listener '" + advertised->second + "': " + error.message());
    }
    options.advertised_url = advertised->second;
  }
  if (setup.embedded_broker == nullptr) {
    const auto servers = setup.config.find("bootstrap.servers");
    options.kafka_cluster_id = servers == setup.config.end() ? "unknown" : servers->second;
  }
  return options;
}

std::unique_ptr<server::RestServer> StartStatusServer(engine::EngineHost& host,
                                                      const EngineSetup& setup,
                                                      const std::string& listen,
                                                      std::ostream& out) {
  server::RestOptions options = RestOptionsFor(setup, listen);
  options.read_only = true;
  const std::string listen_host = options.listen_host;
  auto rest_server = std::make_unique<server::RestServer>(host, std::move(options));
  rest_server->Start();
  out << "Listening on http://" << listen_host << ":" << rest_server->port() << std::endl;
  return rest_server;
}

}  // namespace fluxo::cli
