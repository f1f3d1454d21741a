#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "cli/server/command_log.h"
#include "cli/server/http_server.h"
#include "cli/server/peer_directory.h"
#include "cli/server/push_query_pump.h"
#include "cli/server/request_metrics.h"
#include "cli/server/rest_context.h"
#include "cli/server/rest_service.h"
#include "runtime/engine/engine_host.h"

namespace fluxo::cli::server {

/// ksqlDB's REST API over one EngineHost, on HTTP/1.1 and h2c: what `fluxo server` and
/// `fluxo run --listen` start. Owns the HTTP server, the push-query pump, the counters and
/// (unless read-only) the directory of the other servers of the service id (PeerDirectory).
class RestServer {
 public:
  /// `host` must outlive the server.
  RestServer(engine::EngineHost& host, RestOptions options);
  /// Stops the server (Stop()).
  ~RestServer();

  RestServer(const RestServer&) = delete;
  RestServer& operator=(const RestServer&) = delete;

  /// Starts listening. Throws fluxo::Error (kIo) when the address cannot be bound.
  void Start();

  /// Stops listening, closes every connection, then closes the open push queries.
  void Stop();

  /// The port listened on (useful with port 0).
  uint16_t port() const { return http_.port(); }

 private:
  RestOptions options_;
  RequestMetrics request_metrics_;
  CommandLog commands_;
  PushQueryPump push_queries_;
  std::unique_ptr<PeerDirectory> peers_;  ///< nullptr for a read-only server.
  RestService service_;
  HttpServer http_;
};

/// The URL other servers reach a server listening on `port` under `options` at
/// (RestOptions::advertised_url).
std::string AdvertisedUrl(const RestOptions& options, uint16_t port);

}  // namespace fluxo::cli::server
