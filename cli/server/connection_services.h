#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include <boost/asio/thread_pool.hpp>

#include "cli/server/http_exchange.h"

namespace fluxo::cli::server {

/// One client connection of an HttpServer, whichever protocol it speaks.
class HttpConnection {
 public:
  virtual ~HttpConnection() = default;

  /// Starts serving: reads the first request (after the bytes already received).
  virtual void Start() = 0;

  /// Closes the connection; the client of a response in progress counts as gone. Call on the
  /// I/O thread.
  virtual void Close() = 0;
};

/// What every connection of an HttpServer shares: the handler and the workers that run it,
/// the body limit, and the error responses the transport sends by itself.
struct ConnectionServices {
  RequestHandler handler;
  TransportErrorResponse error_response;
  size_t max_body_bytes = 0;
  boost::asio::thread_pool* workers = nullptr;
  /// Runs the requests under `internal_path_prefix` (HttpServerOptions).
  boost::asio::thread_pool* internal_workers = nullptr;
  std::string internal_path_prefix;

  /// Runs the handler for `request` on a worker thread (an internal one for a path under
  /// `internal_path_prefix`). A handler that throws gets a 500 error response (sent only if it
  /// had not answered yet).
  void Dispatch(HttpRequest request, std::shared_ptr<ResponseWriter> writer) const;
};

}  // namespace fluxo::cli::server
