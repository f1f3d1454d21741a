#include "cli/server/rest_server.h"

#include <chrono>
#include <utility>

namespace fluxo::cli::server {

namespace {

/// How often the pump reads the open push queries' new rows.
constexpr std::chrono::milliseconds kPushQueryPollInterval(5);

HttpServerOptions HttpOptionsOf(const RestOptions& options) {
  HttpServerOptions http;
  http.host = options.listen_host;
  http.port = options.listen_port;
  http.max_body_bytes = options.max_body_bytes;
  return http;
}

}  // namespace

RestServer::RestServer(engine::EngineHost& host, RestOptions options)
    : options_(std::move(options)),
      push_queries_(host, options_.max_push_queries, kPushQueryPollInterval),
      service_(RestContext{host, push_queries_, request_metrics_, commands_, options_}),
      http_(
          HttpOptionsOf(options_),
          [this](const HttpRequest& request, const std::shared_ptr<ResponseWriter>& writer) {
            service_.Handle(request, writer);
          },
          &RestService::TransportError) {}

RestServer::~RestServer() {
  Stop();
}

void RestServer::Start() {
  http_.Start();
  push_queries_.Start();
}

void RestServer::Stop() {
  http_.Stop();
  push_queries_.Stop();
}

}  // namespace fluxo::cli::server
