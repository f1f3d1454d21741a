#include "cli/http/http_client.h"

#include <utility>

#include <boost/beast/http/verb.hpp>

#include "runtime/serde/base64.h"

namespace fluxo::cli::http {
namespace {

namespace beast_http = boost::beast::http;

}  // namespace

HttpClient::HttpClient(ServerUrl url, std::chrono::milliseconds timeout, std::string user_agent)
    : url_(std::move(url)), timeout_(timeout), user_agent_(std::move(user_agent)) {
  if (!url_.user_info.empty()) {
    authorization_ = "Basic ";
    serde::AppendBase64(url_.user_info, authorization_);
  }
}

std::unique_ptr<HttpResponseStream> HttpClient::Send(const std::string& method,
                                                     const std::string& target,
                                                     const std::string& body,
                                                     const std::string& accept) {
  beast_http::request<beast_http::string_body> request(
      beast_http::string_to_verb(method), target, 11);
  request.set(beast_http::field::host, url_.host + ":" + url_.port);
  request.set(beast_http::field::user_agent, user_agent_);
  request.set(beast_http::field::accept, accept);
  if (!authorization_.empty()) {
    request.set(beast_http::field::authorization, authorization_);
  }
  if (method != "GET") {
    request.set(beast_http::field::content_type, "application/json");
    request.body() = body;
  }
  request.keep_alive(false);
  request.prepare_payload();
  return std::make_unique<HttpResponseStream>(
      url_.host, url_.port, url_.ToString(), request, timeout_);
}

HttpReply HttpClient::Get(const std::string& target) {
  const std::unique_ptr<HttpResponseStream> response = Send("GET", target, "", "application/json");
  HttpReply reply;
  reply.status = response->status();
  reply.body = response->ReadToEnd();
  return reply;
}

HttpReply HttpClient::Post(const std::string& target, const std::string& body) {
  const std::unique_ptr<HttpResponseStream> response =
      Send("POST", target, body, "application/json");
  HttpReply reply;
  reply.status = response->status();
  reply.body = response->ReadToEnd();
  return reply;
}

std::unique_ptr<HttpResponseStream> HttpClient::PostStreaming(const std::string& target,
                                                              const std::string& body,
                                                              const std::string& accept) {
  return Send("POST", target, body, accept);
}

}  // namespace fluxo::cli::http
