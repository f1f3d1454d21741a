#pragma once

#include <functional>
#include <memory>
#include <string>
#include <utility>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/post.hpp>

#include "cli/server/client_gone_signal.h"
#include "cli/server/http_exchange.h"

namespace fluxo::cli::server {

/// The ResponseWriter of both transports: posts each call to the connection's I/O thread as a
/// call of `Connection::SendResponse`, `SendStreamHead`, `SendPiece` or `SendStreamEnd` with
/// the exchange's `tag` (an HTTP/1.1 exchange number, an HTTP/2 stream id), which the
/// connection uses to drop calls for exchanges that are over. Calls made after the client has
/// gone, or once the connection no longer exists, are dropped.
template <typename Connection, typename Tag>
class PostingResponseWriter final : public ResponseWriter {
 public:
  PostingResponseWriter(std::weak_ptr<Connection> connection,
                        boost::asio::any_io_executor executor,
                        Tag tag)
      : connection_(std::move(connection)), executor_(std::move(executor)), tag_(tag) {}

  void Send(HttpResponse response) override {
    Post([response = std::move(response)](Connection& connection, Tag tag) mutable {
      connection.SendResponse(tag, std::move(response));
    });
  }

  void StartStream(int status, std::string content_type) override {
    Post([status, content_type = std::move(content_type)](Connection& connection, Tag tag) {
      connection.SendStreamHead(tag, status, content_type);
    });
  }

  void Write(std::string piece) override {
    Post([piece = std::move(piece)](Connection& connection, Tag tag) mutable {
      connection.SendPiece(tag, std::move(piece));
    });
  }

  void Finish() override {
    Post([](Connection& connection, Tag tag) { connection.SendStreamEnd(tag); });
  }

  bool client_gone() const override { return gone_.raised(); }

  void OnClientGone(std::function<void()> callback) override {
    gone_.Subscribe(std::move(callback));
  }

  /// Raised by the connection.
  ClientGoneSignal& gone() { return gone_; }

 private:
  template <typename Call>
  void Post(Call call) {
    if (gone_.raised()) {
      return;
    }
    boost::asio::post(executor_,
                      [connection = connection_, tag = tag_, call = std::move(call)]() mutable {
                        if (const auto alive = connection.lock()) {
                          call(*alive, tag);
                        }
                      });
  }

  std::weak_ptr<Connection> connection_;
  boost::asio::any_io_executor executor_;
  Tag tag_;
  ClientGoneSignal gone_;
};

}  // namespace fluxo::cli::server
