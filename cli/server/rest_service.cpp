#include "cli/server/rest_service.h"

#include <exception>
#include <string_view>
#include <utility>

#include "cli/server/inserts_stream_endpoint.h"
#include "cli/server/ksql_endpoint.h"
#include "cli/server/query_endpoints.h"
#include "cli/server/rest_error.h"
#include "cli/server/server_info_endpoints.h"
#include "cli/server/webhook_endpoint.h"
#include "runtime/core/error.h"
#include "runtime/core/log.h"

namespace fluxo::cli::server {

namespace {

/// Counts the response's status under its endpoint when it starts.
class CountingWriter final : public ResponseWriter {
 public:
  CountingWriter(std::shared_ptr<ResponseWriter> inner,
                 RequestMetrics& metrics,
                 std::string endpoint)
      : inner_(std::move(inner)), metrics_(metrics), endpoint_(std::move(endpoint)) {}

  void Send(HttpResponse response) override {
    metrics_.Count(endpoint_, response.status);
    inner_->Send(std::move(response));
  }

  void StartStream(int status, std::string content_type) override {
    metrics_.Count(endpoint_, status);
    inner_->StartStream(status, std::move(content_type));
  }

  void Write(std::string piece) override { inner_->Write(std::move(piece)); }

  void Finish() override { inner_->Finish(); }

  bool client_gone() const override { return inner_->client_gone(); }

  void OnClientGone(std::function<void()> callback) override {
    inner_->OnClientGone(std::move(callback));
  }

 private:
  std::shared_ptr<ResponseWriter> inner_;
  RequestMetrics& metrics_;
  std::string endpoint_;
};

constexpr std::string_view kWebhooks = "/webhooks/";
constexpr std::string_view kStatus = "/status";

/// The endpoint a path belongs to, as /metrics labels it.
std::string EndpointOf(const std::string& path) {
  for (const char* endpoint : {"/ksql",
                               "/query",
                               "/query-stream",
                               "/inserts-stream",
                               "/close-query",
                               "/info",
                               "/healthcheck",
                               "/metrics",
                               "/status",
                               "/internal/pull-share"}) {
    if (path == endpoint) {
      return endpoint;
    }
  }
  if (path.starts_with(kWebhooks)) {
    return "/webhooks";
  }
  if (path.starts_with(kStatus)) {
    return "/status";
  }
  return "other";
}

RestError MethodNotAllowed(const HttpRequest& request, const char* allowed) {
  return RestError::Generic(
      405,
      kErrorMethodNotAllowed,
      "Method " + request.method + " is not allowed on " + request.path + "; use " + allowed);
}

}  // namespace

RestService::RestService(RestContext context) : context_(context) {}

HttpResponse RestService::TransportError(int status, const std::string& message) {
  const int code = status == 413 ? kErrorPayloadTooLarge : status * 100;
  return RestError::Generic(status, code, message).ToResponse();
}

void RestService::Handle(const HttpRequest& request,
                         const std::shared_ptr<ResponseWriter>& writer) {
  const auto counted =
      std::make_shared<CountingWriter>(writer, context_.request_metrics, EndpointOf(request.path));
  try {
    Route(request, counted);
  } catch (const RestException& refusal) {
    counted->Send(refusal.error.ToResponse());
  } catch (const Error& error) {
    LogLine(LogLevel::kError,
            "Request " + request.method + " " + request.path + ": " + error.what());
    counted->Send(RestError::Generic(500, kErrorServer, error.what()).ToResponse());
  }
}

void RestService::Route(const HttpRequest& request, const std::shared_ptr<ResponseWriter>& writer) {
  const std::string& path = request.path;
  const bool get = request.method == "GET";
  const bool post = request.method == "POST";
  if (request.body_too_large) {
    throw RestException(RestError::Generic(413,
                                           kErrorPayloadTooLarge,
                                           "Request body is over the limit of " +
                                               std::to_string(context_.options.max_body_bytes) +
                                               " bytes"));
  }
  if (context_.options.auth.has_value() && path != "/healthcheck" &&
      !context_.options.auth->Accepts(request.Header("authorization"))) {
    HttpResponse response =
        RestError::Generic(401, kErrorUnauthorized, "Unauthorized: HTTP basic credentials required")
            .ToResponse();
    response.headers["www-authenticate"] = "Basic realm=\"fluxo\"";
    writer->Send(std::move(response));
    return;
  }

  // Read-only endpoints, served by `fluxo run --listen` too.
  if (path == "/healthcheck" || path == "/info" || path == "/metrics") {
    if (!get) {
      throw RestException(MethodNotAllowed(request, "GET"));
    }
    if (path == "/healthcheck") {
      HandleHealthcheck(context_, request, *writer);
    } else if (path == "/info") {
      HandleInfo(context_, request, *writer);
    } else {
      HandleMetrics(context_, request, *writer);
    }
    return;
  }
  const std::string endpoint = EndpointOf(path);
  if (endpoint == "other") {
    throw RestException(RestError::Generic(404, kErrorNotFound, "No endpoint at " + path));
  }
  if (context_.options.read_only) {
    throw RestException(RestError::Generic(
        404,
        kErrorNotFound,
        "This server only serves /healthcheck, /info and /metrics (fluxo run); " + path +
            " is served by fluxo server"));
  }
  if (endpoint == "/status") {
    if (!get) {
      throw RestException(MethodNotAllowed(request, "GET"));
    }
    HandleStatus(context_, request, *writer);
    return;
  }
  if (!post) {
    throw RestException(MethodNotAllowed(request, "POST"));
  }
  if (endpoint == "/ksql") {
    HandleKsql(context_, request, *writer);
  } else if (endpoint == "/query") {
    HandleLegacyQuery(context_, request, writer);
  } else if (endpoint == "/query-stream") {
    HandleQueryStream(context_, request, writer);
  } else if (endpoint == "/inserts-stream") {
    HandleInsertsStream(context_, request, writer);
  } else if (endpoint == "/close-query") {
    HandleCloseQuery(context_, request, *writer);
  } else if (endpoint == "/internal/pull-share") {
    HandlePullShare(context_, request, *writer);
  } else {
    HandleWebhook(context_, request, *writer);
  }
}

}  // namespace fluxo::cli::server
