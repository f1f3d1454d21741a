#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include "cli/server/connection_services.h"

namespace fluxo::cli::server {

template <typename Connection, typename Tag>
class PostingResponseWriter;

/// One HTTP/1.1 connection (Boost.Beast). Reads requests one after another (keep-alive),
/// hands each to the handler and sends its response whole (Content-Length) or streamed
/// (chunked transfer encoding, one chunk per ResponseWriter::Write). While a response is in
/// progress it keeps a read pending on the socket, so that a client that disconnects in the
/// middle of a stream is noticed. `Expect: 100-continue` is answered; a body over the limit
/// gets 413 and a request Beast cannot parse 400, both followed by closing the connection.
/// Everything runs on the I/O thread; writers post their calls to it.
class Http1Connection final : public HttpConnection,
                              public std::enable_shared_from_this<Http1Connection> {
 public:
  /// `received`: bytes already read from the socket (while sniffing for HTTP/2).
  Http1Connection(boost::asio::ip::tcp::socket socket,
                  std::string received,
                  const ConnectionServices& services);
  ~Http1Connection() override;

  void Start() override;
  void Close() override;

  // What the connection's PostingResponseWriter posts, for exchange number `exchange` (stale ones
  // are ignored).
  void SendResponse(uint64_t exchange, HttpResponse response);
  void SendStreamHead(uint64_t exchange, int status, const std::string& content_type);
  void SendPiece(uint64_t exchange, std::string piece);
  void SendStreamEnd(uint64_t exchange);

 private:
  using Writer = PostingResponseWriter<Http1Connection, uint64_t>;

  void ReadRequest();
  void OnHeader(boost::beast::error_code error);
  void OnRequest(boost::beast::error_code error);
  /// Answers a request the transport refuses by itself, then closes the connection.
  void Refuse(int status, const std::string& message);
  void RefuseTooLarge();
  /// Keeps one read pending while a response is in progress (see the class comment).
  void WatchForDisconnect();
  void Enqueue(std::string bytes);
  void WriteNext();
  /// After the last byte of a response: the next request, or closing.
  void AfterResponse();
  /// Closes the sending side, reads until the client closes (or a timeout), then closes.
  void DrainAndClose();
  bool IsCurrent(uint64_t exchange) const;

  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  const ConnectionServices& services_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  std::shared_ptr<Writer> writer_;  ///< The current exchange's.
  uint64_t exchange_ = 0;
  bool keep_alive_ = true;
  bool response_started_ = false;        ///< The current exchange has sent its status line.
  bool response_ended_ = true;           ///< The current exchange has queued its last byte.
  bool after_response_pending_ = false;  ///< AfterResponse() once the queue is written.
  bool writing_ = false;
  bool watching_ = false;
  bool read_after_watch_ = false;   ///< The pending watch read must be followed by a request.
  bool drain_after_watch_ = false;  ///< ... by DrainAndClose().
  bool closed_ = false;
  std::deque<std::string> outgoing_;
};

}  // namespace fluxo::cli::server
