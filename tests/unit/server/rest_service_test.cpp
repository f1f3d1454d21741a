// The REST API's endpoints in-process: RestService over an EngineHost on in-memory topics, with
// a writer that records what an endpoint sends (no sockets).

#include "cli/server/rest_service.h"

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "cli/server/hmac_signature.h"
#include "runtime/topic/in_memory_topic_client.h"

namespace fluxo::cli::server {

namespace {

using json = nlohmann::ordered_json;

/// Records a response, whole or streamed.
class RecordingWriter final : public ResponseWriter {
 public:
  void Send(HttpResponse response) override {
    std::lock_guard lock(mutex_);
    status_ = response.status;
    headers_ = response.headers;
    body_ = response.body;
    finished_ = true;
    changed_.notify_all();
  }

  void StartStream(int status, std::string) override {
    std::lock_guard lock(mutex_);
    status_ = status;
  }

  void Write(std::string piece) override {
    std::lock_guard lock(mutex_);
    pieces_.push_back(piece);
    body_ += piece;
    changed_.notify_all();
  }

  void Finish() override {
    std::lock_guard lock(mutex_);
    finished_ = true;
    changed_.notify_all();
  }

  bool client_gone() const override { return gone_; }

  void OnClientGone(std::function<void()>) override {}

  void Leave() { gone_ = true; }

  /// Waits (up to 10 s) until the response has ended; returns false if it has not.
  bool WaitFinished() {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, std::chrono::seconds(10), [this] { return finished_; });
  }

  /// Waits until at least `count` pieces were written.
  bool WaitPieces(size_t count) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(
        lock, std::chrono::seconds(10), [&] { return pieces_.size() >= count; });
  }

  int status() const {
    std::lock_guard lock(mutex_);
    return status_;
  }

  std::string body() const {
    std::lock_guard lock(mutex_);
    return body_;
  }

  std::vector<std::string> pieces() const {
    std::lock_guard lock(mutex_);
    return pieces_;
  }

  HttpHeaders headers() const {
    std::lock_guard lock(mutex_);
    return headers_;
  }

  json Json() const { return json::parse(body()); }

 private:
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  int status_ = 0;
  HttpHeaders headers_;
  std::string body_;
  std::vector<std::string> pieces_;
  bool finished_ = false;
  std::atomic<bool> gone_{false};
};

/// A REST service over a fresh engine on in-memory topics.
struct RestFixture {
  engine::EngineHost host{
      std::make_unique<engine::Engine>(std::make_shared<runtime::InMemoryTopicClient>()),
      std::chrono::milliseconds(1)};
  RestOptions options;
  RequestMetrics metrics;
  CommandLog commands;
  PushQueryPump pump{host, 2, std::chrono::milliseconds(2)};
  RestService service{RestContext{host, pump, metrics, commands, options}};

  RestFixture() {
    options.max_push_queries = 2;
    host.Start();
    pump.Start();
  }

  ~RestFixture() {
    pump.Stop();
    host.Stop();
  }

  std::shared_ptr<RecordingWriter> Request(const std::string& method,
                                           const std::string& path,
                                           const std::string& body,
                                           const HttpHeaders& headers = {}) {
    HttpRequest request;
    request.method = method;
    request.path = path;
    request.body = body;
    request.headers = headers;
    auto writer = std::make_shared<RecordingWriter>();
    service.Handle(request, writer);
    return writer;
  }

  std::shared_ptr<RecordingWriter> Ksql(const std::string& ksql, json extra = json::object()) {
    extra["ksql"] = ksql;
    return Request("POST", "/ksql", extra.dump());
  }

  /// Runs `ksql` and checks that it succeeded.
  json KsqlOk(const std::string& ksql) {
    const auto writer = Ksql(ksql);
    INFO(writer->body());
    REQUIRE(writer->status() == 200);
    return writer->Json();
  }
};

const char* kCreatePages =
    "CREATE STREAM PAGES (ID INT KEY, PAGE STRING) "
    "WITH (KAFKA_TOPIC='pages', PARTITIONS=1, VALUE_FORMAT='JSON');";

}  // namespace

TEST_SUITE("server") {
  TEST_CASE("/ksql answers currentStatus, streams and sourceDescription entities") {
    RestFixture fixture;
    const json created = fixture.KsqlOk(kCreatePages);
    CHECK(created[0]["@type"] == "currentStatus");
    CHECK(created[0]["commandId"] == "stream/`PAGES`/create");
    CHECK(created[0]["commandSequenceNumber"] == 1);
    CHECK(created[0]["commandStatus"]["status"] == "SUCCESS");

    const json listed = fixture.KsqlOk("LIST STREAMS; DESCRIBE PAGES;");
    CHECK(listed[0]["@type"] == "streams");
    CHECK(listed[0]["streams"][0] == json{{"type", "STREAM"},
                                          {"name", "PAGES"},
                                          {"topic", "pages"},
                                          {"keyFormat", "KAFKA"},
                                          {"valueFormat", "JSON"},
                                          {"isWindowed", false}});
    const json& description = listed[1]["sourceDescription"];
    CHECK(description["fields"][0] ==
          json{{"name", "ID"},
               {"schema", {{"type", "INTEGER"}, {"fields", nullptr}, {"memberSchema", nullptr}}},
               {"type", "KEY"}});
    CHECK_FALSE(description["fields"][1].contains("type"));
    CHECK(description["partitions"] == 1);

    const auto status = fixture.Request("GET", "/status", "");
    CHECK(status->Json()["commandStatuses"]["stream/`PAGES`/create"] == "SUCCESS");
  }

  TEST_CASE("/ksql errors: position, earlier entities, queries refused before anything runs") {
    RestFixture fixture;
    auto writer = fixture.Ksql("CREATE STREAM;");
    CHECK(writer->status() == 400);
    CHECK(writer->Json()["@type"] == "statement_error");
    CHECK(writer->Json()["error_code"] == 40001);
    CHECK(writer->Json()["line"] == 1);
    CHECK(writer->Json()["column"] == 14);

    writer = fixture.Ksql(std::string(kCreatePages) + "\n  DESCRIBE NOPE;");
    CHECK(writer->status() == 400);
    CHECK(writer->Json()["entities"].size() == 1);
    CHECK(writer->Json()["statementText"] == "DESCRIBE NOPE;");
    CHECK(writer->Json()["line"] == 2);
    CHECK(writer->Json()["column"] == 12);

    writer = fixture.Ksql(
        "CREATE STREAM LATER (A INT) WITH (KAFKA_TOPIC='later', PARTITIONS=1, "
        "VALUE_FORMAT='JSON'); SELECT * FROM PAGES EMIT CHANGES;");
    CHECK(writer->status() == 400);
    CHECK(writer->Json()["error_code"] == 40002);
    CHECK(fixture.KsqlOk("LIST STREAMS;")[0]["streams"].size() == 1);  // LATER was not created.

    CHECK(fixture.Request("POST", "/ksql", "[1]")->Json()["error_code"] == 40000);
  }

  TEST_CASE("SET in a /ksql request holds for the rest of that request only") {
    RestFixture fixture;
    const json within = fixture.KsqlOk("SET 'fluxo.test.flag'='on'; SHOW PROPERTIES;");
    REQUIRE(within.size() == 1);
    bool seen = false;
    for (const json& property : within[0]["properties"]) {
      seen = seen || (property["name"] == "fluxo.test.flag" && property["value"] == "on");
    }
    CHECK(seen);
    const json after = fixture.KsqlOk("SHOW PROPERTIES;");
    for (const json& property : after[0]["properties"]) {
      CHECK(property["name"] != "fluxo.test.flag");
    }
  }

  TEST_CASE("DROP of a CREATE AS sink terminates its query; a reading query still blocks") {
    RestFixture fixture;
    fixture.KsqlOk(kCreatePages);
    fixture.KsqlOk("CREATE STREAM COPY AS SELECT * FROM PAGES;");
    const auto blocked = fixture.Ksql("DROP STREAM PAGES;");
    CHECK(blocked->status() == 400);
    CHECK(blocked->Json()["message"].get<std::string>().find("reads or writes it") !=
          std::string::npos);
    fixture.KsqlOk("DROP STREAM COPY DELETE TOPIC;");
    CHECK(fixture.KsqlOk("SHOW QUERIES;")[0]["queries"].empty());
    fixture.KsqlOk("DROP STREAM PAGES;");
  }

  TEST_CASE("/inserts-stream, then /query-stream: pull at once, push until LIMIT") {
    RestFixture fixture;
    fixture.KsqlOk(kCreatePages);
    auto inserts = fixture.Request(
        "POST", "/inserts-stream", "{\"target\":\"PAGES\"}\n{\"ID\":1,\"PAGE\":\"a\"}\n{\"ID\":2}");
    REQUIRE(inserts->WaitFinished());
    CHECK(inserts->body() == "{\"status\":\"ok\",\"seq\":0}\n{\"status\":\"ok\",\"seq\":1}\n");

    auto push = fixture.Request(
        "POST",
        "/query-stream",
        R"({"sql":"SELECT * FROM PAGES EMIT CHANGES LIMIT 2;","properties":{"auto.offset.reset":"earliest"}})");
    REQUIRE(push->WaitFinished());
    const std::vector<std::string> pieces = push->pieces();
    REQUIRE(pieces.size() >= 3);
    CHECK(json::parse(pieces[0])["queryId"].get<std::string>().starts_with("transient_"));
    CHECK(pieces[1] == "[1,\"a\"]\n");
    CHECK(pieces[2] == "[2,null]\n");
    // The pump ends the response, then forgets the query: wait for the second step.
    for (int attempt = 0; attempt < 500 && fixture.pump.open_count() > 0; ++attempt) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    CHECK(fixture.pump.open_count() == 0);

    fixture.KsqlOk(
        "CREATE TABLE COUNTS AS SELECT ID, COUNT(*) AS N FROM PAGES GROUP BY ID EMIT CHANGES;");
    std::string body;
    for (int attempt = 0; attempt < 200 && body.find("[1,1]") == std::string::npos; ++attempt) {
      auto pull = fixture.Request("POST",
                                  "/query-stream",
                                  R"({"sql":"SELECT * FROM COUNTS WHERE ID = 1;"})",
                                  {{"accept", "application/json"}});
      REQUIRE(pull->WaitFinished());
      body = pull->body();
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    CHECK(body == R"([{"columnNames":["ID","N"],"columnTypes":["INTEGER","BIGINT"]},[1,1]])");
  }

  TEST_CASE("push queries end on /close-query, when the client leaves, and over the limit") {
    RestFixture fixture;
    fixture.KsqlOk(kCreatePages);
    const std::string open_query = R"({"sql":"SELECT * FROM PAGES EMIT CHANGES;"})";
    auto first = fixture.Request("POST", "/query-stream", open_query);
    auto second =
        fixture.Request("POST", "/query", R"({"ksql":"SELECT * FROM PAGES EMIT CHANGES;"})");
    REQUIRE(first->WaitPieces(1));
    REQUIRE(second->WaitPieces(1));
    const auto refused = fixture.Request("POST", "/query-stream", open_query);
    CHECK(refused->status() == 429);
    CHECK(refused->Json()["error_code"] == 40003);

    const std::string query_id = json::parse(first->pieces()[0])["queryId"];
    CHECK(fixture.Request("POST", "/close-query", json{{"queryId", query_id}}.dump())->status() ==
          200);
    CHECK(first->WaitFinished());
    CHECK(fixture.Request("POST", "/close-query", R"({"queryId":"nope"})")->status() == 400);

    second->Leave();
    for (int attempt = 0; attempt < 500 && fixture.pump.open_count() > 0; ++attempt) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    CHECK(fixture.pump.open_count() == 0);
    const json queries = fixture.KsqlOk("SHOW QUERIES;")[0]["queries"];
    CHECK(queries.empty());  // Both transient queries were closed in the engine.
  }

  TEST_CASE("webhooks: signatures, all or nothing") {
    RestFixture fixture;
    fixture.options.config["webhook.secret"] = "k";
    fixture.KsqlOk(kCreatePages);
    const auto post = [&](const std::string& body, const std::string& signature) {
      HttpHeaders headers;
      if (!signature.empty()) {
        headers["x-signature-256"] = signature;
      }
      return fixture.Request("POST", "/webhooks/pages", body, headers);
    };
    const std::string rows = R"([{"ID":1,"PAGE":"a"},{"ID":2,"PAGE":"b"}])";
    CHECK(post(rows, "")->status() == 401);
    CHECK(post(rows, "sha256=" + HmacSha256Hex("other", rows))->status() == 401);
    const std::string half_bad = R"([{"ID":3,"PAGE":"c"},{"ID":"x"}])";
    const auto refused = post(half_bad, "sha256=" + HmacSha256Hex("k", half_bad));
    CHECK(refused->status() == 400);
    CHECK(refused->Json()["message"].get<std::string>().find("Row 1") != std::string::npos);
    const auto accepted = post(rows, "sha256=" + HmacSha256Hex("k", rows));
    CHECK(accepted->status() == 200);
    CHECK(accepted->Json()["inserted"] == 2);

    auto push = fixture.Request(
        "POST",
        "/query-stream",
        R"({"sql":"SELECT ID FROM PAGES EMIT CHANGES LIMIT 2;","properties":{"auto.offset.reset":"earliest"}})");
    REQUIRE(push->WaitFinished());
    CHECK(push->pieces().at(1) == "[1]\n");  // Row 3 of the refused request was not written.
    CHECK(push->pieces().at(2) == "[2]\n");
  }

  TEST_CASE("router refusals: 413, 404, 405, auth, read-only") {
    RestFixture fixture;
    HttpRequest large;
    large.method = "POST";
    large.path = "/ksql";
    large.body_too_large = true;
    auto writer = std::make_shared<RecordingWriter>();
    fixture.service.Handle(large, writer);
    CHECK(writer->status() == 413);
    CHECK(writer->Json()["error_code"] == 41300);

    CHECK(fixture.Request("GET", "/nowhere", "")->status() == 404);
    CHECK(fixture.Request("PUT", "/ksql", "{}")->status() == 405);
    CHECK(fixture.Request("POST", "/info", "")->status() == 405);

    fixture.options.read_only = true;
    CHECK(fixture.Request("POST", "/ksql", R"({"ksql":"LIST STREAMS;"})")->status() == 404);
    CHECK(fixture.Request("GET", "/info", "")->status() == 200);
    const std::string metrics = fixture.Request("GET", "/metrics", "")->body();
    CHECK(metrics.find("fluxo_http_requests_total{endpoint=\"/ksql\",status=\"404\"} 1") !=
          std::string::npos);
  }
}

}  // namespace fluxo::cli::server
