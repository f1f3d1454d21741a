#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "cli/shell/http_response_stream.h"
#include "cli/shell/server_url.h"

namespace fluxo::cli::shell {

/// A whole HTTP response.
struct HttpReply {
  int status = 0;
  std::string body;
};

/// Sends requests to one server over HTTP/1.1, each on a connection of its own (a push
/// query's response keeps its connection until it ends). Adds the headers every request
/// carries: Host, User-Agent, and Authorization when the URL has credentials.
class HttpClient {
 public:
  /// `timeout`: how long to wait to connect, and for each piece of a response that is read
  /// whole.
  explicit HttpClient(ServerUrl url, std::chrono::milliseconds timeout = std::chrono::minutes(5));

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
};

}  // namespace fluxo::cli::shell
