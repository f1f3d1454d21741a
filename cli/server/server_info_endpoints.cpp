#include "cli/server/server_info_endpoints.h"

#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/server/json_text.h"
#include "cli/server/rest_error.h"
#include "runtime/core/error.h"
#include "runtime/engine/engine_properties.h"

namespace fluxo::cli::server {

namespace {

using json = nlohmann::ordered_json;

HttpResponse JsonResponse(int status, const json& body) {
  HttpResponse response;
  response.status = status;
  response.body = JsonText(body);
  return response;
}

// Escapes a Prometheus label value: backslash, double quote and newline.
std::string LabelValue(std::string_view text) {
  std::string escaped;
  for (const char c : text) {
    if (c == '\\' || c == '"') {
      escaped += '\\';
      escaped += c;
    } else if (c == '\n') {
      escaped += "\\n";
    } else {
      escaped += c;
    }
  }
  return escaped;
}

void Family(std::ostringstream& out, const char* name, const char* type, const char* help) {
  out << "# HELP " << name << ' ' << help << "\n# TYPE " << name << ' ' << type << "\n";
}

}  // namespace

void HandleInfo(RestContext& context, const HttpRequest&, ResponseWriter& writer) {
  // The service id the engine runs under (`service.id`, or ksqlDB's `ksql.service.id`).
  std::map<std::string, std::string> properties;
  for (const auto& [name, value] : context.options.config) {
    properties[engine::CanonicalProperty(name)] = value;
  }
  writer.Send(JsonResponse(200,
                           {{"KsqlServerInfo",
                             {{"version", context.options.ksql_version},
                              {"kafkaClusterId", context.options.kafka_cluster_id},
                              {"ksqlServiceId", engine::ServiceId(properties)},
                              {"serverStatus", "RUNNING"}}}}));
}

void HandleHealthcheck(RestContext& context, const HttpRequest&, ResponseWriter& writer) {
  bool kafka_healthy = true;
  try {
    context.host.Call([](engine::Engine& engine) { engine.topics().ListTopics(); });
  } catch (const Error&) {
    kafka_healthy = false;  // Reported in the body: the broker cannot be reached.
  }
  writer.Send(JsonResponse(kafka_healthy ? 200 : 503,
                           {{"isHealthy", kafka_healthy},
                            {"details",
                             {{"metastore", {{"isHealthy", true}}},
                              {"kafka", {{"isHealthy", kafka_healthy}}},
                              {"commandRunner", {{"isHealthy", true}}}}}}));
}

void HandleStatus(RestContext& context, const HttpRequest& request, ResponseWriter& writer) {
  constexpr std::string_view kStatusPrefix = "/status/";
  if (request.path.size() > kStatusPrefix.size() && request.path.starts_with(kStatusPrefix)) {
    const std::string command_id = request.path.substr(kStatusPrefix.size());
    const auto outcome = context.commands.Find(command_id);
    if (!outcome.has_value()) {
      throw RestException(
          RestError::Generic(404, kErrorNotFound, "Command not found: " + command_id));
    }
    writer.Send(JsonResponse(200, {{"status", outcome->status}, {"message", outcome->message}}));
    return;
  }
  json statuses = json::object();
  for (const auto& [command_id, outcome] : context.commands.All()) {
    statuses[command_id] = outcome.status;
  }
  writer.Send(JsonResponse(200, {{"commandStatuses", statuses}}));
}

void HandleMetrics(RestContext& context, const HttpRequest&, ResponseWriter& writer) {
  const std::vector<engine::QueryMetrics> queries =
      context.host.Inspect([](engine::Engine& engine) { return engine.CollectQueryMetrics(); });
  std::ostringstream out;
  const auto labels = [](const engine::QueryMetrics& query) {
    return "{query_id=\"" + LabelValue(query.query_id) + "\",type=\"" +
           (query.push_query ? "push" : "persistent") + "\"}";
  };
  Family(out,
         "fluxo_query_records_read_total",
         "counter",
         "Records the query read from its source topics.");
  for (const auto& query : queries) {
    out << "fluxo_query_records_read_total" << labels(query) << ' ' << query.records_read << "\n";
  }
  Family(out,
         "fluxo_query_records_skipped_total",
         "counter",
         "Records the query skipped: bad input, failed expressions, late records (the processing "
         "log).");
  for (const auto& query : queries) {
    out << "fluxo_query_records_skipped_total" << labels(query) << ' ' << query.records_skipped
        << "\n";
  }
  Family(out,
         "fluxo_query_records_written_total",
         "counter",
         "Records the query wrote to its sink topic.");
  for (const auto& query : queries) {
    out << "fluxo_query_records_written_total" << labels(query) << ' ' << query.records_written
        << "\n";
  }
  Family(out,
         "fluxo_query_late_records_dropped_total",
         "counter",
         "Records dropped because their window had closed (also in records_skipped).");
  for (const auto& query : queries) {
    out << "fluxo_query_late_records_dropped_total" << labels(query) << ' '
        << query.late_records_dropped << "\n";
  }
  Family(out,
         "fluxo_query_consumer_lag_records",
         "gauge",
         "Records of the query's source partitions not read yet (-1: unknown).");
  for (const auto& query : queries) {
    out << "fluxo_query_consumer_lag_records" << labels(query) << ' ' << query.consumer_lag << "\n";
  }
  Family(out,
         "fluxo_query_owned_partitions",
         "gauge",
         "Source partitions whose tasks run on this instance (under scale.out, its share).");
  for (const auto& query : queries) {
    out << "fluxo_query_owned_partitions" << labels(query) << ' ' << query.owned_partitions.size()
        << "\n";
  }
  Family(out,
         "fluxo_query_commit_latency_ms",
         "summary",
         "Time the query's commits took (state, pending output, offsets, changelogs).");
  for (const auto& query : queries) {
    out << "fluxo_query_commit_latency_ms_sum" << labels(query) << ' ' << query.commit_time_ms
        << "\n";
    out << "fluxo_query_commit_latency_ms_count" << labels(query) << ' ' << query.commits << "\n";
  }
  Family(out, "fluxo_query_failed", "gauge", "1 when the query stopped with an error.");
  for (const auto& query : queries) {
    out << "fluxo_query_failed" << labels(query) << ' ' << (query.failed ? 1 : 0) << "\n";
  }
  Family(out, "fluxo_push_queries_open", "gauge", "Push queries this server is streaming.");
  out << "fluxo_push_queries_open " << context.push_queries.open_count() << "\n";
  Family(out, "fluxo_http_requests_total", "counter", "HTTP requests by endpoint and status.");
  for (const auto& [key, count] : context.request_metrics.Snapshot()) {
    out << "fluxo_http_requests_total{endpoint=\"" << LabelValue(key.first) << "\",status=\""
        << key.second << "\"} " << count << "\n";
  }
  HttpResponse response;
  response.content_type = "text/plain; version=0.0.4; charset=utf-8";
  response.body = out.str();
  writer.Send(std::move(response));
}

}  // namespace fluxo::cli::server
