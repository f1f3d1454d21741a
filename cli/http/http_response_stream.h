#pragma once

#include <chrono>
#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

namespace fluxo::cli::http {

/// One HTTP/1.1 request on a connection of its own (Boost.Beast) and its response, read as it
/// arrives: the constructor connects, sends the request and reads the status and headers; the
/// body then comes in pieces, waiting for them (ReadSome, ReadToEnd) or not (Poll), so that a
/// streamed response (chunked, as /query-stream sends a push query's rows) can be shown row by
/// row. Everything runs on the caller's thread: the asynchronous operations are driven by a
/// private io_context, which gives the blocking steps a deadline. Errors are fluxo::Error of
/// kind kIo naming the server.
class HttpResponseStream {
 public:
  /// Connects to `host`:`port` and sends `request`; gives up after `timeout` at each step.
  /// `server` names the server in messages.
  HttpResponseStream(const std::string& host,
                     const std::string& port,
                     const std::string& server,
                     const boost::beast::http::request<boost::beast::http::string_body>& request,
                     std::chrono::milliseconds timeout);
  ~HttpResponseStream();

  HttpResponseStream(const HttpResponseStream&) = delete;
  HttpResponseStream& operator=(const HttpResponseStream&) = delete;

  int status() const { return status_; }

  /// True once the whole body was read (or the connection was closed).
  bool finished() const { return finished_; }

  /// Waits, at most the timeout, until some of the body arrives or it ends; returns the bytes.
  std::string ReadSome();

  /// Returns the body bytes that have arrived, without waiting (possibly none).
  std::string Poll();

  /// Reads the rest of the body, each read within the timeout.
  std::string ReadToEnd();

  /// Closes the connection; the server sees the client go.
  void Close();

 private:
  /// Runs the io_context until the pending operation completes.
  void RunUntilDone();
  void StartRead();
  /// Throws when the last read failed other than by the server closing after the body.
  void ThrowIfFailed();
  std::string TakeBody();

  boost::asio::io_context io_;
  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  boost::beast::http::response_parser<boost::beast::http::string_body> parser_;
  std::string server_;
  std::chrono::milliseconds timeout_;
  int status_ = 0;
  bool reading_ = false;
  bool finished_ = false;
  boost::beast::error_code error_;
};

}  // namespace fluxo::cli::http
