#pragma once

#include "cli/server/http_exchange.h"
#include "cli/server/rest_context.h"

namespace fluxo::cli::server {

/// GET /info: `{"KsqlServerInfo":{"version","kafkaClusterId","ksqlServiceId","serverStatus"}}`.
void HandleInfo(RestContext& context, const HttpRequest& request, ResponseWriter& writer);

/// GET /healthcheck: `{"isHealthy":...,"details":{"metastore":..,"kafka":..,"commandRunner":..}}`;
/// the kafka check lists the cluster's topics. 200 when healthy, 503 when not.
void HandleHealthcheck(RestContext& context, const HttpRequest& request, ResponseWriter& writer);

/// GET /status: `{"commandStatuses":{"<command id>":"SUCCESS",...}}`; GET /status/<command
/// id>: `{"status":"SUCCESS","message":...}`, 404 for an unknown id.
void HandleStatus(RestContext& context, const HttpRequest& request, ResponseWriter& writer);

/// GET /metrics: Prometheus text exposition (version 0.0.4): per query records read,
/// records skipped (processing errors, late records) and whether it failed; push queries
/// open; requests by endpoint and status.
void HandleMetrics(RestContext& context, const HttpRequest& request, ResponseWriter& writer);

}  // namespace fluxo::cli::server
