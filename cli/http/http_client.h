#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <utility>

#include "cli/http/http_response_stream.h"
#include "cli/http/server_url.h"

namespace fluxo::cli::http {

/// A whole HTTP response.
struct HttpReply {
  int status = 0;
  std::string body;
};

/// Sends requests to one server over HTTP/1.1, each on a connection of its own (a push
/// query's response keeps its connection until it ends). Adds the headers every request
/// carries: Host, User-Agent, and Authorization when the URL has credentials (or
/// SetAuthorization gave one).
class HttpClient {
 public:
  /// `timeout`: how long to wait to connect, and for each piece of a response that is read
  /// whole. `user_agent`: the User-Agent header.
  explicit HttpClient(ServerUrl url,
                      std::chrono::milliseconds timeout = std::chrono::minutes(5),
                      std::string user_agent = "fluxo-shell");

  /// Sends `authorization` as the Authorization header of every request (empty: none),
  /// instead of the URL's credentials.
  void SetAuthorization(std::string authorization) { authorization_ = std::move(authorization); }

  const ServerUrl& url() const { return url_; }

  /// Sends `GET target` and reads the whole response.
  HttpReply Get(const std::string& target);

  /// Sends `POST target` with the JSON `body` and reads the whole response.
  HttpReply Post(const std::string& target, const std::string& body);

  /// Sends `POST target` with the JSON `body`, asking for `accept`, and returns the response
  /// with its status and headers read, its body still to come.
  std::unique_ptr<HttpResponseStream> PostStreaming(const std::string& target,
                                                    const std::string& body,
                                                    const std::string& accept);

 private:
  std::unique_ptr<HttpResponseStream> Send(const std::string& method,
                                           const std::string& target,
                                           const std::string& body,
                                           const std::string& accept);

  ServerUrl url_;
  std::string authorization_;  ///< The Authorization header's value, or empty.
  std::chrono::milliseconds timeout_;
  std::string user_agent_;
};

}  // namespace fluxo::cli::http
