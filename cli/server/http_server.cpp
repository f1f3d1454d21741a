#include "cli/server/http_server.h"

#include <array>
#include <exception>
#include <string_view>
#include <utility>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>

#include "cli/server/http1_connection.h"
#include "cli/server/http2_connection.h"
#include "runtime/core/error.h"
#include "runtime/core/log.h"

namespace fluxo::cli::server {

namespace asio = boost::asio;
using asio::ip::tcp;

namespace {

/// What an HTTP/2 client with prior knowledge sends first (RFC 9113, section 3.4).
constexpr std::string_view kHttp2Preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";

}  // namespace

HttpServer::HttpServer(HttpServerOptions options,
                       RequestHandler handler,
                       TransportErrorResponse errors)
    : options_(std::move(options)),
      acceptor_(io_),
      workers_(options_.worker_threads),
      internal_workers_(options_.internal_worker_threads) {
  services_.handler = std::move(handler);
  services_.error_response = std::move(errors);
  services_.max_body_bytes = options_.max_body_bytes;
  services_.workers = &workers_;
  services_.internal_workers = &internal_workers_;
  services_.internal_path_prefix = options_.internal_path_prefix;
}

HttpServer::~HttpServer() {
  Stop();
}

void HttpServer::Start() {
  if (started_) {
    return;
  }
  const std::string address = options_.host + ":" + std::to_string(options_.port);
  boost::system::error_code error;
  tcp::resolver resolver(io_);
  const auto endpoints = resolver.resolve(options_.host, std::to_string(options_.port), error);
  if (error || endpoints.empty()) {
    throw Error(ErrorKind::kIo,
                "Cannot resolve the address to listen on " + address + ": " + error.message());
  }
  const tcp::endpoint endpoint = endpoints.begin()->endpoint();
  if (acceptor_.open(endpoint.protocol(), error) ||
      acceptor_.set_option(tcp::acceptor::reuse_address(true), error) ||
      acceptor_.bind(endpoint, error) ||
      acceptor_.listen(asio::socket_base::max_listen_connections, error)) {
    throw Error(ErrorKind::kIo, "Cannot listen on " + address + ": " + error.message());
  }
  bound_port_ = acceptor_.local_endpoint().port();
  started_ = true;
  Accept();
  io_thread_ = std::thread([this] {
    // A handler that throws must not end the server: log it and keep serving.
    for (;;) {
      try {
        io_.run();
        return;
      } catch (const std::exception& failure) {
        LogLine(LogLevel::kError, std::string("HTTP server: ") + failure.what());
      }
    }
  });
}

void HttpServer::Stop() {
  if (!started_ || stopped_) {
    return;
  }
  stopped_ = true;
  asio::post(io_, [this] {
    boost::system::error_code ignored;
    acceptor_.close(ignored);
    for (const auto& weak : connections_) {
      if (const auto connection = weak.lock()) {
        connection->Close();
      }
    }
    connections_.clear();
    io_.stop();
  });
  io_thread_.join();
  workers_.join();
  internal_workers_.join();
}

void HttpServer::Accept() {
  acceptor_.async_accept([this](boost::system::error_code error, tcp::socket socket) {
    if (error == asio::error::operation_aborted || !acceptor_.is_open()) {
      return;
    }
    if (!error) {
      boost::system::error_code ignored;
      socket.set_option(tcp::no_delay(true), ignored);  // Rows are small: send each at once.
      Sniff(std::make_shared<tcp::socket>(std::move(socket)), std::make_shared<std::string>());
    } else {
      LogLine(LogLevel::kWarning, "HTTP server: accept failed: " + error.message());
    }
    Accept();
  });
}

void HttpServer::Sniff(const std::shared_ptr<tcp::socket>& socket,
                       const std::shared_ptr<std::string>& received) {
  auto chunk = std::make_shared<std::array<char, 1024>>();
  socket->async_read_some(
      asio::buffer(*chunk),
      [this, socket, received, chunk](boost::system::error_code error, size_t read) {
        if (error) {
          return;  // Gone before saying anything.
        }
        received->append(chunk->data(), read);
        const size_t compared = std::min(received->size(), kHttp2Preface.size());
        if (std::string_view(*received).substr(0, compared) != kHttp2Preface.substr(0, compared)) {
          StartConnection(std::make_shared<Http1Connection>(
              std::move(*socket), std::move(*received), services_));
        } else if (received->size() >= kHttp2Preface.size()) {
          StartConnection(std::make_shared<Http2Connection>(
              std::move(*socket), std::move(*received), services_));
        } else {
          Sniff(socket, received);
        }
      });
}

void HttpServer::StartConnection(const std::shared_ptr<HttpConnection>& connection) {
  std::erase_if(connections_,
                [](const std::weak_ptr<HttpConnection>& weak) { return weak.expired(); });
  connections_.push_back(connection);
  connection->Start();
}

}  // namespace fluxo::cli::server
