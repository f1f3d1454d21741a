#include "cli/server/http2_connection.h"

#include <algorithm>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/asio/write.hpp>

#include "cli/server/posting_response_writer.h"
#include "runtime/core/log.h"

namespace fluxo::cli::server {

namespace asio = boost::asio;

namespace {

constexpr uint32_t kMaxConcurrentStreams = 100;
/// Bytes gathered from the session before one socket write.
constexpr size_t kWriteBatchBytes = size_t{64} * 1024;

struct CallbacksDeleter {
  void operator()(nghttp2_session_callbacks* callbacks) const {
    nghttp2_session_callbacks_del(callbacks);
  }
};

nghttp2_nv Field(const std::string& name, const std::string& value) {
  // nghttp2 copies names and values (no NO_COPY flags), so pointers into the strings suffice.
  return nghttp2_nv{reinterpret_cast<uint8_t*>(const_cast<char*>(name.data())),
                    reinterpret_cast<uint8_t*>(const_cast<char*>(value.data())),
                    name.size(),
                    value.size(),
                    NGHTTP2_NV_FLAG_NONE};
}

}  // namespace

Http2Connection::Http2Connection(asio::ip::tcp::socket socket,
                                 std::string received,
                                 const ConnectionServices& services)
    : socket_(std::move(socket)), received_(std::move(received)), services_(services) {}

Http2Connection::~Http2Connection() = default;

void Http2Connection::Start() {
  nghttp2_session_callbacks* raw_callbacks = nullptr;
  if (nghttp2_session_callbacks_new(&raw_callbacks) != 0) {
    Close();
    return;
  }
  const std::unique_ptr<nghttp2_session_callbacks, CallbacksDeleter> callbacks(raw_callbacks);
  nghttp2_session_callbacks_set_on_begin_headers_callback(callbacks.get(), &OnBeginHeaders);
  nghttp2_session_callbacks_set_on_header_callback(callbacks.get(), &OnHeader);
  nghttp2_session_callbacks_set_on_frame_recv_callback(callbacks.get(), &OnFrameReceived);
  nghttp2_session_callbacks_set_on_data_chunk_recv_callback(callbacks.get(), &OnDataChunk);
  nghttp2_session_callbacks_set_on_stream_close_callback(callbacks.get(), &OnStreamClose);
  nghttp2_session* session = nullptr;
  if (nghttp2_session_server_new(&session, callbacks.get(), this) != 0) {
    Close();
    return;
  }
  session_.reset(session);
  const nghttp2_settings_entry settings[] = {
      {NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS, kMaxConcurrentStreams}};
  nghttp2_submit_settings(session_.get(), NGHTTP2_FLAG_NONE, settings, std::size(settings));
  const std::string received = std::move(received_);
  if (Receive(reinterpret_cast<const uint8_t*>(received.data()), received.size())) {
    Read();
  }
  Flush();
}

bool Http2Connection::Receive(const uint8_t* data, size_t length) {
  const ssize_t used = nghttp2_session_mem_recv(session_.get(), data, length);
  if (used < 0) {
    LogLine(LogLevel::kWarning,
            std::string("HTTP/2 connection ended: ") + nghttp2_strerror(static_cast<int>(used)));
    // Sends GOAWAY; Flush() closes once it is written.
    nghttp2_session_terminate_session(session_.get(), NGHTTP2_PROTOCOL_ERROR);
    return false;
  }
  return true;
}

void Http2Connection::Read() {
  socket_.async_read_some(
      asio::buffer(read_buffer_),
      [self = shared_from_this()](boost::system::error_code error, size_t read) {
        if (self->closed_) {
          return;
        }
        if (error) {
          self->Close();
          return;
        }
        if (self->Receive(self->read_buffer_.data(), read)) {
          self->Read();
        }
        self->Flush();
      });
}

void Http2Connection::Flush() {
  if (closed_ || writing_) {
    return;
  }
  write_buffer_.clear();
  while (write_buffer_.size() < kWriteBatchBytes) {
    const uint8_t* data = nullptr;
    const ssize_t length = nghttp2_session_mem_send(session_.get(), &data);
    if (length < 0) {
      LogLine(
          LogLevel::kWarning,
          std::string("HTTP/2 connection ended: ") + nghttp2_strerror(static_cast<int>(length)));
      Close();
      return;
    }
    if (length == 0) {
      break;
    }
    write_buffer_.append(reinterpret_cast<const char*>(data), static_cast<size_t>(length));
  }
  if (write_buffer_.empty()) {
    if (nghttp2_session_want_read(session_.get()) == 0 &&
        nghttp2_session_want_write(session_.get()) == 0) {
      Close();
    }
    return;
  }
  writing_ = true;
  asio::async_write(socket_,
                    asio::buffer(write_buffer_),
                    [self = shared_from_this()](boost::system::error_code error, size_t) {
                      self->writing_ = false;
                      if (error) {
                        self->Close();
                        return;
                      }
                      self->Flush();
                    });
}

void Http2Connection::Close() {
  if (closed_) {
    return;
  }
  closed_ = true;
  for (auto& [id, stream] : streams_) {
    if (stream->writer != nullptr) {
      stream->writer->gone().Raise();
    }
  }
  streams_.clear();
  boost::system::error_code ignored;
  socket_.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  socket_.close(ignored);
}

Http2Connection::Stream* Http2Connection::FindStream(int32_t stream_id) {
  const auto found = streams_.find(stream_id);
  return found == streams_.end() ? nullptr : found->second.get();
}

void Http2Connection::Dispatch(Stream& stream) {
  stream.dispatched = true;
  stream.writer = std::make_shared<Writer>(weak_from_this(), socket_.get_executor(), stream.id);
  services_.Dispatch(std::move(stream.request), stream.writer);
}

int Http2Connection::OnBeginHeaders(nghttp2_session*, const nghttp2_frame* frame, void* user_data) {
  auto* self = static_cast<Http2Connection*>(user_data);
  if (frame->hd.type != NGHTTP2_HEADERS || frame->headers.cat != NGHTTP2_HCAT_REQUEST) {
    return 0;
  }
  auto stream = std::make_unique<Stream>();
  stream->id = frame->hd.stream_id;
  stream->request.http2 = true;
  self->streams_[stream->id] = std::move(stream);
  return 0;
}

int Http2Connection::OnHeader(nghttp2_session*,
                              const nghttp2_frame* frame,
                              const uint8_t* name,
                              size_t name_length,
                              const uint8_t* value,
                              size_t value_length,
                              uint8_t,
                              void* user_data) {
  auto* self = static_cast<Http2Connection*>(user_data);
  Stream* stream = self->FindStream(frame->hd.stream_id);
  if (stream == nullptr || frame->hd.type != NGHTTP2_HEADERS) {
    return 0;
  }
  const std::string_view field(reinterpret_cast<const char*>(name), name_length);
  std::string text(reinterpret_cast<const char*>(value), value_length);
  HttpRequest& request = stream->request;
  if (field == ":method") {
    request.method = std::move(text);
  } else if (field == ":path") {
    const size_t question = text.find('?');
    request.path = text.substr(0, question);
    if (question != std::string::npos) {
      request.query = text.substr(question + 1);
    }
  } else if (!field.starts_with(':')) {
    request.headers[std::string(field)] = std::move(text);  // HTTP/2 names are lower-case.
  }
  return 0;
}

int Http2Connection::OnFrameReceived(nghttp2_session*,
                                     const nghttp2_frame* frame,
                                     void* user_data) {
  auto* self = static_cast<Http2Connection*>(user_data);
  if ((frame->hd.type == NGHTTP2_HEADERS || frame->hd.type == NGHTTP2_DATA) &&
      (frame->hd.flags & NGHTTP2_FLAG_END_STREAM) != 0) {
    Stream* stream = self->FindStream(frame->hd.stream_id);
    if (stream != nullptr && !stream->dispatched) {
      self->Dispatch(*stream);
    }
  }
  return 0;
}

int Http2Connection::OnDataChunk(nghttp2_session*,
                                 uint8_t,
                                 int32_t stream_id,
                                 const uint8_t* data,
                                 size_t length,
                                 void* user_data) {
  auto* self = static_cast<Http2Connection*>(user_data);
  Stream* stream = self->FindStream(stream_id);
  if (stream == nullptr || stream->dispatched) {
    return 0;  // A body refused as too large: the rest is dropped.
  }
  std::string& body = stream->request.body;
  if (body.size() + length > self->services_.max_body_bytes) {
    body.clear();
    stream->request.body_too_large = true;
    self->Dispatch(*stream);
    return 0;
  }
  body.append(reinterpret_cast<const char*>(data), length);
  return 0;
}

int Http2Connection::OnStreamClose(nghttp2_session*, int32_t stream_id, uint32_t, void* user_data) {
  auto* self = static_cast<Http2Connection*>(user_data);
  Stream* stream = self->FindStream(stream_id);
  if (stream == nullptr) {
    return 0;
  }
  const bool response_sent = stream->body_finished && stream->pending.empty();
  if (stream->writer != nullptr && !response_sent) {
    stream->writer->gone().Raise();  // Reset by the client, or by the session.
  }
  self->streams_.erase(stream_id);
  return 0;
}

ssize_t Http2Connection::ReadBody(nghttp2_session*,
                                  int32_t stream_id,
                                  uint8_t* buffer,
                                  size_t length,
                                  uint32_t* data_flags,
                                  nghttp2_data_source*,
                                  void* user_data) {
  auto* self = static_cast<Http2Connection*>(user_data);
  Stream* stream = self->FindStream(stream_id);
  if (stream == nullptr) {
    return NGHTTP2_ERR_TEMPORAL_CALLBACK_FAILURE;
  }
  if (stream->pending.empty()) {
    if (!stream->body_finished) {
      return NGHTTP2_ERR_DEFERRED;  // Resumed by the next SendPiece or SendStreamEnd.
    }
    *data_flags |= NGHTTP2_DATA_FLAG_EOF;
    return 0;
  }
  // One piece per DATA frame: never more than what is left of the front piece.
  const std::string& front = stream->pending.front();
  const size_t count = std::min(length, front.size() - stream->front_offset);
  std::copy_n(reinterpret_cast<const uint8_t*>(front.data()) + stream->front_offset, count, buffer);
  stream->front_offset += count;
  if (stream->front_offset == front.size()) {
    stream->pending.pop_front();
    stream->front_offset = 0;
  }
  if (stream->pending.empty() && stream->body_finished) {
    *data_flags |= NGHTTP2_DATA_FLAG_EOF;
  }
  return static_cast<ssize_t>(count);
}

void Http2Connection::SubmitResponse(Stream& stream,
                                     int status,
                                     const std::string& content_type,
                                     const HttpHeaders& headers) {
  const std::string status_name = ":status";
  const std::string status_text = std::to_string(status);
  const std::string content_type_name = "content-type";
  const std::string server_name = "server";
  const std::string server_text = "fluxo";
  std::vector<nghttp2_nv> fields = {Field(status_name, status_text),
                                    Field(content_type_name, content_type),
                                    Field(server_name, server_text)};
  for (const auto& [name, value] : headers) {
    fields.push_back(Field(name, value));
  }
  nghttp2_data_provider provider{};
  provider.read_callback = &ReadBody;
  const int result =
      nghttp2_submit_response(session_.get(), stream.id, fields.data(), fields.size(), &provider);
  if (result != 0) {
    LogLine(LogLevel::kWarning,
            std::string("HTTP/2 response not sent: ") + nghttp2_strerror(result));
    return;
  }
  stream.response_submitted = true;
}

void Http2Connection::SendResponse(int32_t stream_id, HttpResponse response) {
  Stream* stream = closed_ ? nullptr : FindStream(stream_id);
  if (stream == nullptr || stream->response_submitted) {
    return;
  }
  if (!response.body.empty()) {
    stream->pending.push_back(std::move(response.body));
  }
  stream->body_finished = true;
  SubmitResponse(*stream, response.status, response.content_type, response.headers);
  Flush();
}

void Http2Connection::SendStreamHead(int32_t stream_id,
                                     int status,
                                     const std::string& content_type) {
  Stream* stream = closed_ ? nullptr : FindStream(stream_id);
  if (stream == nullptr || stream->response_submitted) {
    return;
  }
  SubmitResponse(*stream, status, content_type, {});
  Flush();
}

void Http2Connection::SendPiece(int32_t stream_id, std::string piece) {
  Stream* stream = closed_ ? nullptr : FindStream(stream_id);
  if (stream == nullptr || !stream->response_submitted || stream->body_finished || piece.empty()) {
    return;
  }
  stream->pending.push_back(std::move(piece));
  nghttp2_session_resume_data(session_.get(), stream_id);
  Flush();
}

void Http2Connection::SendStreamEnd(int32_t stream_id) {
  Stream* stream = closed_ ? nullptr : FindStream(stream_id);
  if (stream == nullptr || !stream->response_submitted || stream->body_finished) {
    return;
  }
  stream->body_finished = true;
  nghttp2_session_resume_data(session_.get(), stream_id);
  Flush();
}

}  // namespace fluxo::cli::server
