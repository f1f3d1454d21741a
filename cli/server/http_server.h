#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/thread_pool.hpp>

#include "cli/server/connection_services.h"

namespace fluxo::cli::server {

/// Where and how an HttpServer listens.
struct HttpServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8088;  ///< 0: any free port (see HttpServer::port()).
  size_t max_body_bytes = 0;
  size_t worker_threads = 4;  ///< Threads that run the request handler.
  /// Requests whose path starts with `internal_path_prefix` run on a pool of their own, so
  /// that the requests servers send each other (a pull query's share) never wait behind the
  /// requests that wait for them (deadlock otherwise, once every worker waits for a peer).
  std::string internal_path_prefix = "/internal/";
  size_t internal_worker_threads = 2;
};

/// Serves HTTP/1.1 and HTTP/2 over cleartext on one port: each new connection's first bytes
/// are compared with the HTTP/2 connection preface ("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"); a
/// match goes to Http2Connection (libnghttp2), anything else to Http1Connection (Beast). One
/// I/O thread runs every connection; handlers run on a pool of worker threads, so a handler
/// that waits for the engine delays no other client.
class HttpServer {
 public:
  HttpServer(HttpServerOptions options, RequestHandler handler, TransportErrorResponse errors);
  /// Stops the server (Stop()).
  ~HttpServer();

  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  /// Binds and starts serving. Throws fluxo::Error (kIo) when the address cannot be bound.
  void Start();

  /// Closes the listening socket and every connection (clients of streams in progress count
  /// as gone), then waits for the I/O thread and for handlers still running.
  void Stop();

  /// The port actually bound (useful with port 0), once started.
  uint16_t port() const { return bound_port_; }

 private:
  void Accept();
  /// Reads until the first bytes tell HTTP/2 from HTTP/1.1, then starts that connection.
  void Sniff(const std::shared_ptr<boost::asio::ip::tcp::socket>& socket,
             const std::shared_ptr<std::string>& received);
  void StartConnection(const std::shared_ptr<HttpConnection>& connection);

  HttpServerOptions options_;
  ConnectionServices services_;
  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::thread_pool workers_;
  boost::asio::thread_pool internal_workers_;
  std::thread io_thread_;
  std::vector<std::weak_ptr<HttpConnection>> connections_;  ///< Touched on the I/O thread.
  uint16_t bound_port_ = 0;
  bool started_ = false;
  bool stopped_ = false;
};

}  // namespace fluxo::cli::server
