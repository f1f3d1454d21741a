// HttpServer over a real socket, driven with cli/http's client: requests under the internal
// path prefix run on workers of their own, so they are served while every ordinary worker is
// busy (the case of two servers that each wait for the other's share of a pull query).

#include "cli/server/http_server.h"

#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <doctest/doctest.h>

#include "cli/http/http_client.h"
#include "cli/server/rest_service.h"

namespace fluxo::cli::server {

TEST_SUITE("server.http_server") {
  TEST_CASE("internal requests are served while every ordinary worker waits") {
    std::promise<void> release;
    const std::shared_future<void> released = release.get_future().share();
    std::atomic<int> waiting{0};
    HttpServerOptions options;
    options.port = 0;
    options.worker_threads = 2;
    HttpServer server(
        options,
        [&](const HttpRequest& request, const std::shared_ptr<ResponseWriter>& writer) {
          if (request.path == "/wait") {
            ++waiting;
            released.wait();
          }
          HttpResponse response;
          response.body = "{\"path\":\"" + request.path + "\"}";
          writer->Send(std::move(response));
        },
        &RestService::TransportError);
    server.Start();
    const http::ServerUrl url =
        http::ServerUrl::Parse("http://127.0.0.1:" + std::to_string(server.port()));

    // Both ordinary workers wait, and a third ordinary request queues behind them.
    std::vector<std::thread> clients;
    std::vector<int> statuses(3, 0);
    for (size_t i = 0; i < statuses.size(); ++i) {
      clients.emplace_back([&, i] {
        try {
          statuses[i] = http::HttpClient(url, std::chrono::seconds(30)).Get("/wait").status;
        } catch (const std::exception&) {
          statuses[i] = -1;
        }
      });
    }
    for (int i = 0; i < 1000 && waiting < 2; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    CHECK(waiting == 2);

    http::HttpReply internal;
    try {
      internal = http::HttpClient(url, std::chrono::seconds(5)).Get("/internal/ping");
    } catch (const std::exception& error) {
      FAIL_CHECK("the internal request was not served: " << std::string(error.what()));
    }
    CHECK(internal.status == 200);
    CHECK(internal.body == R"({"path":"/internal/ping"})");

    release.set_value();
    for (std::thread& client : clients) {
      client.join();
    }
    CHECK(statuses == std::vector<int>{200, 200, 200});
    server.Stop();
  }
}

}  // namespace fluxo::cli::server
