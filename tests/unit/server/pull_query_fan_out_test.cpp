// A scaled-out table's pull query completed from the other servers (GatherPeerRows) with peers
// that answer from a script; the pull-share body's round trip; announcements of the peer
// directory, read back by another server's directory over shared in-memory topics.

#include "cli/server/pull_query_fan_out.h"

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <doctest/doctest.h>

#include "cli/server/rest_error.h"
#include "runtime/core/error.h"
#include "runtime/core/temporary_directory.h"
#include "runtime/engine/engine.h"
#include "runtime/engine/engine_host.h"
#include "runtime/topic/in_memory_topic_client.h"

namespace fluxo::cli::server {

namespace {

Peer PeerOwning(const std::string& id, const std::vector<int32_t>& partitions) {
  Peer peer;
  peer.instance_id = id;
  peer.url = "http://" + id + ":8088";
  peer.owned_partitions["CTAS_T_0"] = partitions;
  return peer;
}

engine::PullQueryShare LocalShare(const std::vector<int32_t>& answered,
                                  std::optional<int64_t> limit = std::nullopt) {
  return engine::PullQueryShare{"CTAS_T_0", 4, answered, limit};
}

/// Answers as each peer's tasks would: the rows `[partition, n]` for each partition asked
/// that it runs (`runs`), n from 0 to `rows_per_partition` - 1; records what it was asked.
struct ScriptedPeers {
  std::map<std::string, std::vector<int32_t>> runs;
  int rows_per_partition = 2;
  std::vector<std::string> failing;
  std::vector<std::pair<std::string, std::vector<int32_t>>> asked;

  AskPeer Asker() {
    return [this](const Peer& peer, const std::vector<int32_t>& partitions) {
      asked.emplace_back(peer.instance_id, partitions);
      for (const std::string& id : failing) {
        if (id == peer.instance_id) {
          throw Error(ErrorKind::kIo, "connection refused");
        }
      }
      PeerShareAnswer answer;
      for (int32_t partition : partitions) {
        for (int32_t run : runs[peer.instance_id]) {
          if (run == partition) {
            answer.answered.push_back(partition);
            for (int n = 0; n < rows_per_partition; ++n) {
              answer.rows.push_back("[" + std::to_string(partition) + "," + std::to_string(n) +
                                    "]");
            }
          }
        }
      }
      return answer;
    };
  }
};

int StatusOfRefusal(const std::function<void()>& call, std::string& message) {
  try {
    call();
  } catch (const RestException& refusal) {
    message = refusal.error.message;
    return refusal.error.status;
  }
  return 0;
}

}  // namespace

TEST_SUITE("server.pull_query_fan_out") {
  TEST_CASE("each missing partition is asked of one peer that runs it, once") {
    ScriptedPeers scripted;
    scripted.runs = {{"b", {2}}, {"c", {2, 3}}};
    const std::vector<Peer> peers = {PeerOwning("b", {2}), PeerOwning("c", {2, 3})};
    const std::vector<std::string> rows =
        GatherPeerRows(LocalShare({0, 1}), 4, peers, scripted.Asker());
    CHECK(rows == std::vector<std::string>{"[2,0]", "[2,1]", "[3,0]", "[3,1]"});
    REQUIRE(scripted.asked.size() == 2);
    CHECK(scripted.asked[0] == std::pair<std::string, std::vector<int32_t>>{"b", {2}});
    CHECK(scripted.asked[1] == std::pair<std::string, std::vector<int32_t>>{"c", {3}});
  }

  TEST_CASE("nothing is asked when this server holds every partition") {
    ScriptedPeers scripted;
    const std::vector<std::string> rows =
        GatherPeerRows(LocalShare({0, 1, 2, 3}), 7, {PeerOwning("b", {0})}, scripted.Asker());
    CHECK(rows.empty());
    CHECK(scripted.asked.empty());
  }

  TEST_CASE("a peer that announced a partition but no longer runs it does not cover it") {
    ScriptedPeers scripted;
    scripted.runs = {{"b", {}}, {"c", {3}}};  // b gave 2 and 3 up since its announcement.
    const std::vector<Peer> peers = {PeerOwning("b", {2, 3}), PeerOwning("c", {3})};
    std::string message;
    CHECK(StatusOfRefusal(
              [&] {
                GatherPeerRows(LocalShare({0, 1}), 0, peers, scripted.Asker());
              },
              message) == 503);
    CHECK(message.find("partition(s) 2 of query CTAS_T_0") != std::string::npos);
    CHECK(message.find("Retry") != std::string::npos);
  }

  TEST_CASE("an unreachable peer is skipped; the answer is refused if nobody else has its part") {
    ScriptedPeers scripted;
    scripted.runs = {{"b", {2, 3}}, {"c", {2, 3}}};
    scripted.failing = {"b"};
    const std::vector<Peer> peers = {PeerOwning("b", {2, 3}), PeerOwning("c", {2, 3})};
    CHECK(GatherPeerRows(LocalShare({0, 1}), 0, peers, scripted.Asker()).size() == 4);
    const std::vector<Peer> only_b = {PeerOwning("b", {2, 3})};
    std::string message;
    CHECK(StatusOfRefusal(
              [&] {
                GatherPeerRows(LocalShare({0, 1}), 0, only_b, scripted.Asker());
              },
              message) == 503);
    CHECK(message.find("partition(s) 2, 3 of query CTAS_T_0") != std::string::npos);
  }

  TEST_CASE("LIMIT: the peers' rows fill what the local rows left, and asking stops when full") {
    ScriptedPeers scripted;
    scripted.runs = {{"b", {1}}, {"c", {2, 3}}};
    const std::vector<Peer> peers = {PeerOwning("b", {1}), PeerOwning("c", {2, 3})};
    CHECK(GatherPeerRows(LocalShare({0}, 3), 2, peers, scripted.Asker()) ==
          std::vector<std::string>{"[1,0]"});
    CHECK(scripted.asked.size() == 1);  // Full after b: c is not asked, nor is anything missing.
    scripted.asked.clear();
    CHECK(GatherPeerRows(LocalShare({0}, 4), 4, peers, scripted.Asker()).empty());
    CHECK(scripted.asked.empty());
  }

  TEST_CASE("the pull-share body round-trips, and a malformed one is an error") {
    const std::vector<std::string> rows = {"[1,\"a\\nb\"]", "[2,null]"};
    const PeerShareAnswer answer = ParsePeerShareBody(PeerShareBody({3, 1}, rows));
    CHECK(answer.answered == std::vector<int32_t>{3, 1});
    CHECK(answer.rows == rows);
    CHECK(ParsePeerShareBody(PeerShareBody({}, {})).rows.empty());
    CHECK_THROWS_AS(ParsePeerShareBody("<html>"), Error);
    CHECK_THROWS_AS(ParsePeerShareBody("{\"answered\":[\"x\"]}\n"), Error);
    CHECK_THROWS_AS(ParsePeerShareBody("{\"answered\":[1]}\n[1,2]"), Error);
  }

  TEST_CASE("announcements: written and read back; what is not one is refused") {
    const std::string json = AnnouncementJson("http://h:1", {{"Q", {0, 2}}, {"R", {}}});
    const std::optional<Peer> peer = ParseAnnouncement("id1", json, 42);
    REQUIRE(peer.has_value());
    CHECK(peer->url == "http://h:1");
    CHECK(peer->announced_ms == 42);
    CHECK(peer->owned_partitions ==
          std::map<std::string, std::vector<int32_t>>{{"Q", {0, 2}}, {"R", {}}});
    CHECK_FALSE(ParseAnnouncement("x", "not json", 0).has_value());
    CHECK_FALSE(ParseAnnouncement("x", R"({"url":1,"owned_partitions":{}})", 0).has_value());
    CHECK_FALSE(
        ParseAnnouncement("x", R"({"url":"u","owned_partitions":{"Q":["a"]}})", 0).has_value());
  }

  TEST_CASE("peer directory: servers of one service id see each other; a stop is seen at once") {
    auto topics = std::make_shared<runtime::InMemoryTopicClient>();
    TemporaryDirectory first_state("fluxo-peer-dir-a");
    TemporaryDirectory second_state("fluxo-peer-dir-b");
    const auto new_host = [&](const TemporaryDirectory& state) {
      auto engine = std::make_unique<engine::Engine>(topics);
      engine->SetLogSkippedRecords(false);
      engine->ExecuteScript("SET 'state.dir'='" + state.path().string() +
                            "'; SET 'scale.out'='true'; CREATE STREAM s (id STRING KEY, v INT) "
                            "WITH (kafka_topic='s', format='JSON', partitions=2); CREATE TABLE t "
                            "AS SELECT id, COUNT(*) AS n FROM s GROUP BY id;");
      return std::make_unique<engine::EngineHost>(std::move(engine), std::chrono::milliseconds(1));
    };
    std::unique_ptr<engine::EngineHost> first = new_host(first_state);
    std::unique_ptr<engine::EngineHost> second = new_host(second_state);
    first->Start();
    second->Start();
    PeerDirectory first_directory(*first, std::chrono::milliseconds(50));
    PeerDirectory second_directory(*second, std::chrono::milliseconds(50));
    first_directory.Start("http://first:1");
    second_directory.Start("http://second:2");
    CHECK(first_directory.instance_id() != second_directory.instance_id());

    // Within a few intervals each sees the other, with the partitions its task runs.
    std::vector<Peer> seen;
    for (int i = 0; i < 200; ++i) {
      seen = first_directory.Peers();
      if (seen.size() == 1 && second_directory.Peers().size() == 1 &&
          seen.front().owned_partitions.count("CTAS_T_0") != 0 &&
          !seen.front().owned_partitions.at("CTAS_T_0").empty()) {
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    REQUIRE(seen.size() == 1);
    CHECK(seen.front().url == "http://second:2");
    CHECK(seen.front().instance_id == second_directory.instance_id());
    CHECK(second_directory.Peers().front().url == "http://first:1");
    CHECK(topics->TopicExists(PeerDirectory::TopicFor("fluxo")));

    second_directory.Stop();  // Its tombstone: gone on the first's next read.
    for (int i = 0; i < 200 && !first_directory.Peers().empty(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    CHECK(first_directory.Peers().empty());
    first_directory.Stop();
    second->Stop();
    first->Stop();
  }

  TEST_CASE("peer directory: a server without a scaled-out query creates no topic") {
    auto topics = std::make_shared<runtime::InMemoryTopicClient>();
    engine::EngineHost host(std::make_unique<engine::Engine>(topics), std::chrono::milliseconds(1));
    host.Start();
    {
      PeerDirectory directory(host, std::chrono::milliseconds(10));
      directory.Start("http://alone:1");
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      CHECK(directory.Peers().empty());
    }
    CHECK_FALSE(topics->TopicExists(PeerDirectory::TopicFor("fluxo")));
    host.Stop();
  }
}

}  // namespace fluxo::cli::server
