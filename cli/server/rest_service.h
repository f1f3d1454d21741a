#pragma once

#include <memory>
#include <string>

#include "cli/server/http_exchange.h"
#include "cli/server/rest_context.h"

namespace fluxo::cli::server {

/// The REST API's router: refuses what no endpoint may see (a body over the limit: 413;
/// missing or wrong basic credentials when auth is on: 401; an unknown path: 404; a known
/// path with the wrong method: 405), sends each request to its endpoint, turns what an
/// endpoint throws into ksqlDB's JSON error body, and counts every response by endpoint and
/// status. Every refusal is a 4xx with a JSON body.
class RestService {
 public:
  explicit RestService(RestContext context);

  /// Serves one request (an HttpServer's RequestHandler).
  void Handle(const HttpRequest& request, const std::shared_ptr<ResponseWriter>& writer);

  /// The response for an error the transport meets by itself (TransportErrorResponse).
  static HttpResponse TransportError(int status, const std::string& message);

 private:
  void Route(const HttpRequest& request, const std::shared_ptr<ResponseWriter>& writer);

  RestContext context_;
};

}  // namespace fluxo::cli::server
