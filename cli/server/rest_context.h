#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "cli/server/basic_auth.h"
#include "cli/server/command_log.h"
#include "cli/server/peer_directory.h"
#include "cli/server/push_query_pump.h"
#include "cli/server/request_metrics.h"
#include "runtime/engine/engine_host.h"

namespace fluxo::cli::server {

/// Settings of the REST API.
struct RestOptions {
  std::string listen_host = "127.0.0.1";
  uint16_t listen_port = 8088;  ///< 0: any free port.
  /// Request bodies longer than this are refused (413).
  size_t max_body_bytes = size_t{16} * 1024 * 1024;
  /// Push queries open at once; more are refused (429).
  size_t max_push_queries = 100;
  /// Serve only /healthcheck, /info and /metrics (`fluxo run --listen`).
  bool read_only = false;
  /// When set, every request but /healthcheck needs HTTP basic credentials; when not, any
  /// Authorization header is ignored.
  std::optional<BasicAuth> auth;
  /// The server's configuration (--config, --set): webhook secrets (`webhook.secret`,
  /// `webhook.secret.<STREAM>`), `ksql.service.id`.
  std::map<std::string, std::string> config;
  std::string kafka_cluster_id = "embedded";
  /// The URL the other servers of the service id reach this one at (ksqlDB's
  /// `ksql.advertised.listener`); empty: `http://` the listening host (this machine's host name
  /// when it listens on every interface) and port.
  std::string advertised_url;
  /// The ksqlDB version Fluxo's REST API answers as (/info): clients check it.
  std::string ksql_version = "0.29.0";
};

/// What every endpoint works with.
struct RestContext {
  engine::EngineHost& host;
  PushQueryPump& push_queries;
  RequestMetrics& request_metrics;
  CommandLog& commands;
  const RestOptions& options;
  /// The other servers of the service id (a scaled-out table's pull queries ask them); nullptr
  /// when there is none to ask (`fluxo run --listen`, tests).
  PeerDirectory* peers = nullptr;
};

}  // namespace fluxo::cli::server
