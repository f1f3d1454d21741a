#include "cli/server/http1_connection.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <sstream>
#include <utility>

#include <boost/asio/write.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include "cli/server/posting_response_writer.h"

namespace fluxo::cli::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

namespace {

constexpr uint32_t kMaxHeaderBytes = uint32_t{64} * 1024;
/// How long a client may take to send a request once the connection is idle.
constexpr std::chrono::seconds kRequestTimeout(120);
/// Bytes a client may send ahead (pipelining) while a response streams; past this the
/// connection stops reading until the response ends.
constexpr size_t kMaxBufferedAhead = size_t{64} * 1024;
/// How long a connection being closed keeps reading what the client still sends.
constexpr std::chrono::seconds kDrainTimeout(2);

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) {
    return static_cast<char>(std::tolower(c));
  });
  return text;
}

bool IsDisconnect(const beast::error_code& error) {
  return error == http::error::end_of_stream || error == asio::error::eof ||
         error == asio::error::connection_reset || error == asio::error::operation_aborted ||
         error == beast::error::timeout;
}

}  // namespace

Http1Connection::Http1Connection(asio::ip::tcp::socket socket,
                                 std::string received,
                                 const ConnectionServices& services)
    : stream_(std::move(socket)), services_(services) {
  const auto space = buffer_.prepare(received.size());
  asio::buffer_copy(space, asio::buffer(received));
  buffer_.commit(received.size());
}

Http1Connection::~Http1Connection() = default;

void Http1Connection::Start() {
  ReadRequest();
}

void Http1Connection::ReadRequest() {
  if (closed_) {
    return;
  }
  parser_.emplace();
  parser_->header_limit(kMaxHeaderBytes);
  parser_->body_limit(services_.max_body_bytes);
  stream_.expires_after(kRequestTimeout);
  http::async_read_header(
      stream_, buffer_, *parser_, [self = shared_from_this()](beast::error_code error, size_t) {
        self->OnHeader(error);
      });
}

void Http1Connection::OnHeader(beast::error_code error) {
  if (closed_) {
    return;
  }
  if (error == http::error::body_limit) {  // Content-Length over the limit.
    RefuseTooLarge();
    return;
  }
  if (error) {
    if (IsDisconnect(error)) {
      Close();
    } else {
      Refuse(400, "Bad HTTP request: " + error.message());
    }
    return;
  }
  const auto& header = parser_->get();
  if (Lower(std::string(header[http::field::expect])) == "100-continue") {
    Enqueue("HTTP/1.1 100 Continue\r\n\r\n");
  }
  http::async_read(stream_,
                   buffer_,
                   *parser_,
                   [self = shared_from_this()](beast::error_code read_error, size_t) {
                     self->OnRequest(read_error);
                   });
}

void Http1Connection::OnRequest(beast::error_code error) {
  if (closed_) {
    return;
  }
  if (error == http::error::body_limit) {  // A chunked body that grew over the limit.
    RefuseTooLarge();
    return;
  }
  if (error) {
    if (IsDisconnect(error)) {
      Close();
    } else {
      Refuse(400, "Bad HTTP request: " + error.message());
    }
    return;
  }
  stream_.expires_never();
  http::request<http::string_body> message = parser_->release();
  HttpRequest request;
  request.method = std::string(message.method_string());
  const std::string target(message.target());
  const size_t question = target.find('?');
  request.path = target.substr(0, question);
  if (question != std::string::npos) {
    request.query = target.substr(question + 1);
  }
  for (const auto& field : message) {
    request.headers[Lower(std::string(field.name_string()))] = std::string(field.value());
  }
  request.body = std::move(message.body());
  keep_alive_ = message.keep_alive();

  ++exchange_;
  response_started_ = false;
  response_ended_ = false;
  writer_ = std::make_shared<Writer>(weak_from_this(), stream_.get_executor(), exchange_);
  services_.Dispatch(std::move(request), writer_);
  WatchForDisconnect();
}

void Http1Connection::Refuse(int status, const std::string& message) {
  ++exchange_;
  writer_.reset();
  response_started_ = false;
  response_ended_ = false;
  keep_alive_ = false;
  SendResponse(exchange_, services_.error_response(status, message));
}

void Http1Connection::RefuseTooLarge() {
  Refuse(
      413,
      "Request body is over the limit of " + std::to_string(services_.max_body_bytes) + " bytes");
}

bool Http1Connection::IsCurrent(uint64_t exchange) const {
  return !closed_ && exchange == exchange_ && !response_ended_;
}

void Http1Connection::SendResponse(uint64_t exchange, HttpResponse response) {
  if (!IsCurrent(exchange) || response_started_) {
    return;
  }
  http::response<http::string_body> message{
      http::int_to_status(static_cast<unsigned>(response.status)), 11};
  message.set(http::field::server, "fluxo");
  message.set(http::field::content_type, response.content_type);
  for (const auto& [name, value] : response.headers) {
    message.set(name, value);
  }
  message.keep_alive(keep_alive_);
  message.body() = std::move(response.body);
  message.prepare_payload();
  std::ostringstream bytes;
  bytes << message;
  response_started_ = true;
  response_ended_ = true;
  after_response_pending_ = true;
  Enqueue(bytes.str());
}

void Http1Connection::SendStreamHead(uint64_t exchange,
                                     int status,
                                     const std::string& content_type) {
  if (!IsCurrent(exchange) || response_started_) {
    return;
  }
  http::response<http::empty_body> message{http::int_to_status(static_cast<unsigned>(status)), 11};
  message.set(http::field::server, "fluxo");
  message.set(http::field::content_type, content_type);
  message.keep_alive(keep_alive_);
  message.chunked(true);
  std::ostringstream bytes;
  bytes << message.base();
  response_started_ = true;
  Enqueue(bytes.str());
}

void Http1Connection::SendPiece(uint64_t exchange, std::string piece) {
  if (!IsCurrent(exchange) || !response_started_ || piece.empty()) {
    return;  // An empty chunk would end the body.
  }
  std::ostringstream size;
  size << std::hex << piece.size() << "\r\n";
  Enqueue(size.str() + std::move(piece) + "\r\n");
}

void Http1Connection::SendStreamEnd(uint64_t exchange) {
  if (!IsCurrent(exchange) || !response_started_) {
    return;
  }
  response_ended_ = true;
  after_response_pending_ = true;
  Enqueue("0\r\n\r\n");
}

void Http1Connection::Enqueue(std::string bytes) {
  outgoing_.push_back(std::move(bytes));
  if (!writing_) {
    WriteNext();
  }
}

void Http1Connection::WriteNext() {
  writing_ = true;
  asio::async_write(stream_,
                    asio::buffer(outgoing_.front()),
                    [self = shared_from_this()](beast::error_code error, size_t) {
                      self->writing_ = false;
                      if (error || self->closed_) {
                        self->Close();
                        return;
                      }
                      self->outgoing_.pop_front();
                      if (!self->outgoing_.empty()) {
                        self->WriteNext();
                      } else if (self->after_response_pending_) {
                        self->after_response_pending_ = false;
                        self->AfterResponse();
                      }
                    });
}

void Http1Connection::AfterResponse() {
  writer_.reset();
  if (!keep_alive_) {
    if (watching_) {
      drain_after_watch_ = true;
    } else {
      DrainAndClose();
    }
    return;
  }
  if (watching_) {
    read_after_watch_ = true;  // The pending read brings the next request's first bytes.
  } else {
    ReadRequest();
  }
}

void Http1Connection::DrainAndClose() {
  beast::error_code ignored;
  stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
  // Reading what the client still sends (a refused body, say) until it closes lets it see the
  // response: closing with unread bytes would reset the connection under it.
  stream_.expires_after(kDrainTimeout);
  auto scratch = std::make_shared<std::array<char, 4096>>();
  stream_.async_read_some(asio::buffer(*scratch),
                          [self = shared_from_this(), scratch](beast::error_code error, size_t) {
                            if (error) {
                              self->Close();
                            } else {
                              self->DrainAndClose();
                            }
                          });
}

void Http1Connection::WatchForDisconnect() {
  if (watching_ || closed_) {
    return;
  }
  watching_ = true;
  stream_.socket().async_read_some(
      buffer_.prepare(4096), [self = shared_from_this()](beast::error_code error, size_t read) {
        self->watching_ = false;
        if (error) {
          self->Close();
          return;
        }
        self->buffer_.commit(read);
        if (self->drain_after_watch_) {
          self->DrainAndClose();
        } else if (self->read_after_watch_) {
          self->read_after_watch_ = false;
          self->ReadRequest();
        } else if (!self->response_ended_ && self->buffer_.size() < kMaxBufferedAhead) {
          self->WatchForDisconnect();
        }
      });
}

void Http1Connection::Close() {
  if (closed_) {
    return;
  }
  closed_ = true;
  if (writer_ != nullptr && !response_ended_) {
    writer_->gone().Raise();
  }
  writer_.reset();
  beast::error_code ignored;
  stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  stream_.socket().close(ignored);
}

}  // namespace fluxo::cli::server
