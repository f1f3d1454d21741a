#include "cli/server/rest_server.h"

#include <chrono>
#include <memory>
#include <string>
#include <utility>

#include <boost/asio/ip/host_name.hpp>

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
      peers_(options_.read_only ? nullptr : std::make_unique<PeerDirectory>(host)),
      service_(
          RestContext{host, push_queries_, request_metrics_, commands_, options_, peers_.get()}),
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
  if (peers_ != nullptr) {
    peers_->Start(AdvertisedUrl(options_, http_.port()));
  }
}

void RestServer::Stop() {
  if (peers_ != nullptr) {
    peers_->Stop();
  }
  http_.Stop();
  push_queries_.Stop();
}

std::string AdvertisedUrl(const RestOptions& options, uint16_t port) {
  if (!options.advertised_url.empty()) {
    return options.advertised_url;
  }
  std::string host = options.listen_host;
  if (host == "0.0.0.0" || host == "::" || host.empty()) {
    host = boost::asio::ip::host_name();
  } else if (host.find(':') != std::string::npos) {
    host = "[" + host + "]";
  }
  return "http://" + host + ":" + std::to_string(port);
}

}  // namespace fluxo::cli::server
