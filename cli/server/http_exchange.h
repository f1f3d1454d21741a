#pragma once

// The transport-neutral side of one HTTP exchange: what the HTTP/1.1 and HTTP/2 connections
// hand to the endpoints, and how the endpoints answer, whole or streamed. Endpoints are written
// once against these types and never see which protocol carried the request.

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace fluxo::cli::server {

/// Header fields by lower-case name (HTTP/2 sends them lower-cased; HTTP/1.1 ones are folded
/// so). A repeated field keeps its last value.
using HttpHeaders = std::map<std::string, std::string>;

/// One request as either transport received it.
struct HttpRequest {
  std::string method;  ///< "GET", "POST", ...
  std::string path;    ///< The target without its query string: "/query-stream".
  std::string query;   ///< What followed '?', if anything.
  HttpHeaders headers;
  std::string body;
  bool http2 = false;
  /// The body was longer than the server's limit: `body` is empty and the request must be
  /// refused (413).
  bool body_too_large = false;

  /// Returns the header `name` (lower-case), or "" when it is absent.
  std::string Header(const std::string& name) const {
    const auto found = headers.find(name);
    return found == headers.end() ? std::string() : found->second;
  }
};

/// A response sent in one piece.
struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  HttpHeaders headers;  ///< Extra fields, e.g. `www-authenticate`.
  std::string body;
};

/// The way back to the client of one request. Either Send() a whole response once, or
/// StartStream(), then Write() pieces, then Finish(). Every method may be called from any
/// thread and returns at once (the transport's I/O thread does the sending, in call order);
/// calls after the client has gone are ignored.
class ResponseWriter {
 public:
  virtual ~ResponseWriter() = default;

  virtual void Send(HttpResponse response) = 0;

  /// Sends the status and header fields of a response whose body follows in Write()s.
  virtual void StartStream(int status, std::string content_type) = 0;

  /// Sends one piece of a streamed body as it is: one HTTP/2 DATA frame (split only when it
  /// exceeds the peer's frame size) or one HTTP/1.1 chunk.
  virtual void Write(std::string piece) = 0;

  /// Ends a streamed body.
  virtual void Finish() = 0;

  /// True once the client has gone before the response ended: the connection closed, or the
  /// HTTP/2 stream was reset.
  virtual bool client_gone() const = 0;

  /// Runs `callback` once when the client goes before the response ended (at once when it
  /// already has). It runs on the I/O thread and must not block.
  virtual void OnClientGone(std::function<void()> callback) = 0;
};

/// Serves one request. Runs on a worker thread, so it may block (on the engine, say); it may
/// also keep the writer and answer later from another thread.
using RequestHandler =
    std::function<void(const HttpRequest& request, std::shared_ptr<ResponseWriter> writer)>;

/// Builds the error response a transport sends by itself (a request it cannot parse, a body
/// over the limit) so that those too carry the API's JSON error body.
using TransportErrorResponse = std::function<HttpResponse(int status, const std::string& message)>;

}  // namespace fluxo::cli::server
