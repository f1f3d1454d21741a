#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <string>

#include <boost/asio/ip/tcp.hpp>
#include <nghttp2/nghttp2.h>

#include "cli/server/connection_services.h"

namespace fluxo::cli::server {

template <typename Connection, typename Tag>
class PostingResponseWriter;

/// One HTTP/2 connection over cleartext with prior knowledge (h2c, as ksqlDB's clients open
/// it), served by libnghttp2. Each stream's request goes to the handler once its END_STREAM
/// arrives (or at once, marked too large, when its body passes the limit); each response is
/// sent as HEADERS then one DATA frame per ResponseWriter::Write (split only where a piece
/// exceeds the frame size), with END_STREAM on Finish. A stream the client resets
/// (RST_STREAM) or a closed connection raises the client-gone signal of its writer. Everything
/// runs on the I/O thread; writers post their calls to it.
class Http2Connection final : public HttpConnection,
                              public std::enable_shared_from_this<Http2Connection> {
 public:
  /// `received`: bytes already read from the socket (the connection preface, at least).
  Http2Connection(boost::asio::ip::tcp::socket socket,
                  std::string received,
                  const ConnectionServices& services);
  ~Http2Connection() override;

  void Start() override;
  void Close() override;

  // What the connection's PostingResponseWriter posts for stream `stream_id` (gone streams are
  // ignored).
  void SendResponse(int32_t stream_id, HttpResponse response);
  void SendStreamHead(int32_t stream_id, int status, const std::string& content_type);
  void SendPiece(int32_t stream_id, std::string piece);
  void SendStreamEnd(int32_t stream_id);

 private:
  using Writer = PostingResponseWriter<Http2Connection, int32_t>;

  /// One request/response stream.
  struct Stream {
    int32_t id = 0;
    HttpRequest request;
    bool dispatched = false;
    std::shared_ptr<Writer> writer;
    bool response_submitted = false;
    bool body_finished = false;  ///< No more pieces: END_STREAM after `pending`.
    std::deque<std::string> pending;
    size_t front_offset = 0;  ///< Bytes of pending.front() already sent.
  };

  struct SessionDeleter {
    void operator()(nghttp2_session* session) const { nghttp2_session_del(session); }
  };

  // nghttp2 callbacks; `user_data` is the connection.
  static int OnBeginHeaders(nghttp2_session* session, const nghttp2_frame* frame, void* user_data);
  static int OnHeader(nghttp2_session* session,
                      const nghttp2_frame* frame,
                      const uint8_t* name,
                      size_t name_length,
                      const uint8_t* value,
                      size_t value_length,
                      uint8_t flags,
                      void* user_data);
  static int OnFrameReceived(nghttp2_session* session, const nghttp2_frame* frame, void* user_data);
  static int OnDataChunk(nghttp2_session* session,
                         uint8_t flags,
                         int32_t stream_id,
                         const uint8_t* data,
                         size_t length,
                         void* user_data);
  static int OnStreamClose(nghttp2_session* session,
                           int32_t stream_id,
                           uint32_t error_code,
                           void* user_data);
  static ssize_t ReadBody(nghttp2_session* session,
                          int32_t stream_id,
                          uint8_t* buffer,
                          size_t length,
                          uint32_t* data_flags,
                          nghttp2_data_source* source,
                          void* user_data);

  Stream* FindStream(int32_t stream_id);
  void Dispatch(Stream& stream);
  void SubmitResponse(Stream& stream,
                      int status,
                      const std::string& content_type,
                      const HttpHeaders& headers);
  /// Feeds received bytes to the session; false when it failed (the connection closes).
  bool Receive(const uint8_t* data, size_t length);
  void Read();
  /// Writes what the session has to send; closes when it wants neither to read nor write.
  void Flush();

  boost::asio::ip::tcp::socket socket_;
  std::string received_;
  const ConnectionServices& services_;
  std::unique_ptr<nghttp2_session, SessionDeleter> session_;
  std::map<int32_t, std::unique_ptr<Stream>> streams_;
  std::array<uint8_t, size_t{16} * 1024> read_buffer_{};
  std::string write_buffer_;
  bool writing_ = false;
  bool closed_ = false;
};

}  // namespace fluxo::cli::server
