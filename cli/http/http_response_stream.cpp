#include "cli/http/http_response_stream.h"

#include <cstdint>
#include <limits>
#include <utility>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include "runtime/core/error.h"

namespace fluxo::cli::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace beast_http = beast::http;

}  // namespace

HttpResponseStream::HttpResponseStream(const std::string& host,
                                       const std::string& port,
                                       const std::string& server,
                                       const beast_http::request<beast_http::string_body>& request,
                                       std::chrono::milliseconds timeout)
    : stream_(io_), server_(server), timeout_(timeout) {
  // A push query's body never ends by itself; its size is not limited either.
  parser_.body_limit(std::numeric_limits<std::uint64_t>::max());

  asio::ip::tcp::resolver resolver(io_);
  beast::error_code error;
  const auto endpoints = resolver.resolve(host, port, error);
  if (error) {
    throw Error(ErrorKind::kIo, "Cannot resolve the server " + server_ + ": " + error.message());
  }
  stream_.expires_after(timeout_);
  stream_.async_connect(endpoints,
                        [this](beast::error_code failure, const auto&) { error_ = failure; });
  RunUntilDone();
  if (error_) {
    throw Error(ErrorKind::kIo,
                "Cannot reach the server at " + server_ + ": " + error_.message() +
                    " (is 'fluxo server' running there?)");
  }
  stream_.expires_after(timeout_);
  beast_http::async_write(
      stream_, request, [this](beast::error_code failure, size_t) { error_ = failure; });
  RunUntilDone();
  ThrowIfFailed();
  stream_.expires_after(timeout_);
  beast_http::async_read_header(
      stream_, buffer_, parser_, [this](beast::error_code failure, size_t) { error_ = failure; });
  RunUntilDone();
  ThrowIfFailed();
  status_ = static_cast<int>(parser_.get().result_int());
  finished_ = parser_.is_done();
}

HttpResponseStream::~HttpResponseStream() {
  Close();
}

void HttpResponseStream::RunUntilDone() {
  io_.restart();
  io_.run();
}

void HttpResponseStream::ThrowIfFailed() {
  if (!error_) {
    return;
  }
  const beast::error_code error = std::exchange(error_, {});
  finished_ = true;
  if (error == beast::error::timeout) {
    throw Error(ErrorKind::kIo, "The server at " + server_ + " did not answer in time");
  }
  throw Error(ErrorKind::kIo,
              "Lost the connection to the server at " + server_ + ": " + error.message());
}

void HttpResponseStream::StartRead() {
  reading_ = true;
  beast_http::async_read_some(stream_, buffer_, parser_, [this](beast::error_code failure, size_t) {
    reading_ = false;
    if (failure) {
      error_ = failure;
    } else if (parser_.is_done()) {
      finished_ = true;
    }
  });
}

std::string HttpResponseStream::TakeBody() {
  std::string& body = parser_.get().body();
  std::string taken = std::move(body);
  body.clear();
  return taken;
}

std::string HttpResponseStream::ReadSome() {
  while (!finished_ && parser_.get().body().empty()) {
    if (!reading_) {
      stream_.expires_after(timeout_);
      StartRead();
    }
    RunUntilDone();
    ThrowIfFailed();
  }
  return TakeBody();
}

std::string HttpResponseStream::Poll() {
  // Several reads may be ready (one per chunk the server sent): take them all.
  while (!finished_) {
    if (!reading_) {
      stream_.expires_never();
      StartRead();
    }
    io_.restart();
    io_.poll();
    ThrowIfFailed();
    if (reading_) {
      break;  // Nothing more has arrived.
    }
  }
  return TakeBody();
}

std::string HttpResponseStream::ReadToEnd() {
  std::string body = TakeBody();
  while (!finished_) {
    stream_.expires_after(timeout_);
    StartRead();
    RunUntilDone();
    ThrowIfFailed();
    body += TakeBody();
  }
  return body;
}

void HttpResponseStream::Close() {
  finished_ = true;
  beast::error_code ignored;
  stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  stream_.close();
  // Let a pending read see the cancellation before its handler's `this` goes away.
  io_.restart();
  io_.poll();
}

}  // namespace fluxo::cli::http
