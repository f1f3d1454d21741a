#include "cli/server/peer_directory.h"

#include <exception>
#include <random>
#include <utility>

#include <nlohmann/json.hpp>

#include "runtime/core/error.h"
#include "runtime/core/log.h"
#include "runtime/engine/engine.h"
#include "runtime/engine/engine_properties.h"
#include "runtime/engine/service_topic.h"

namespace fluxo::cli::server {

namespace {

/// Announcements older than this many intervals are a server that is gone.
constexpr int kIntervalsUntilGone = 3;

int64_t WallClockMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string RandomInstanceId() {
  std::random_device device;
  std::mt19937_64 generator((static_cast<uint64_t>(device()) << 32) ^ device());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id;
  uint64_t bits = generator();
  for (int i = 0; i < 16; ++i, bits >>= 4) {
    id.push_back(kHex[bits & 0xF]);
  }
  return id;
}

}  // namespace

std::optional<Peer> ParseAnnouncement(const std::string& instance_id,
                                      const std::string& value,
                                      int64_t timestamp_ms) {
  const nlohmann::json json = nlohmann::json::parse(value, nullptr, false);
  if (!json.is_object() || !json.contains("url") || !json["url"].is_string() ||
      !json.contains("owned_partitions") || !json["owned_partitions"].is_object()) {
    return std::nullopt;
  }
  Peer peer;
  peer.instance_id = instance_id;
  peer.url = json["url"].get<std::string>();
  peer.announced_ms = timestamp_ms;
  for (const auto& [query, partitions] : json["owned_partitions"].items()) {
    if (!partitions.is_array()) {
      return std::nullopt;
    }
    std::vector<int32_t>& owned = peer.owned_partitions[query];
    for (const nlohmann::json& partition : partitions) {
      if (!partition.is_number_integer()) {
        return std::nullopt;
      }
      owned.push_back(partition.get<int32_t>());
    }
  }
  return peer;
}

std::string AnnouncementJson(const std::string& url,
                             const std::map<std::string, std::vector<int32_t>>& owned_partitions) {
  nlohmann::json json = nlohmann::json::object();
  json["url"] = url;
  json["owned_partitions"] = nlohmann::json::object();
  for (const auto& [query, partitions] : owned_partitions) {
    json["owned_partitions"][query] = partitions;
  }
  return json.dump();
}

PeerDirectory::PeerDirectory(engine::EngineHost& host, std::chrono::milliseconds interval)
    : host_(host), interval_(interval), instance_id_(RandomInstanceId()) {}

PeerDirectory::~PeerDirectory() {
  Stop();
}

std::string PeerDirectory::TopicFor(const std::string& service_id) {
  return "_fluxo_" + service_id + "_instances";
}

void PeerDirectory::Start(std::string url) {
  url_ = std::move(url);
  topic_ = host_.Inspect(
      [](engine::Engine& engine) { return TopicFor(engine::ServiceId(engine.properties())); });
  Exchange(false);
  thread_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, interval_, [this] { return stopping_; })) {
      lock.unlock();
      Exchange(false);
      lock.lock();
    }
  });
}

void PeerDirectory::Stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ || url_.empty()) {
      stopping_ = true;
      return;
    }
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) {
    thread_.join();
  }
  Exchange(true);
}

std::vector<Peer> PeerDirectory::Peers() const {
  const int64_t oldest = WallClockMs() - kIntervalsUntilGone * interval_.count();
  std::vector<Peer> peers;
  std::lock_guard lock(mutex_);
  for (const auto& [id, peer] : peers_) {
    if (id != instance_id_ && peer.announced_ms >= oldest) {
      peers.push_back(peer);
    }
  }
  return peers;
}

void PeerDirectory::Exchange(bool leaving) {
  try {
    host_.Inspect([&](engine::Engine& engine) {
      Announce(engine, leaving);
      if (!leaving) {
        ReadAnnouncements(engine.topics());
      }
    });
    last_problem_.clear();
  } catch (const std::exception& error) {
    Report(std::string("cannot exchange announcements with the other servers on ") + topic_ + ": " +
           error.what());
  }
}

void PeerDirectory::Announce(engine::Engine& engine, bool leaving) {
  const std::map<std::string, std::vector<int32_t>> owned = engine.ScaledOutPartitions();
  // A server that never ran a scaled-out query has nothing to share: it creates no topic.
  if (!announced_ && (leaving || owned.empty())) {
    return;
  }
  if (!announced_) {
    engine::EnsureServiceTopic(engine.topics(), topic_, engine::ChangelogTopicConfig());
    announced_ = true;
  }
  runtime::TopicRecord record;
  record.key = instance_id_;
  record.timestamp = WallClockMs();
  if (!leaving) {
    record.value = AnnouncementJson(url_, owned);
  }
  record.partition = 0;
  engine.topics().Produce(topic_, std::move(record));
}

void PeerDirectory::ReadAnnouncements(runtime::TopicClient& topics) {
  std::vector<runtime::TopicRecord> records =
      engine::ReadServiceTopic(topics, topic_, 0, next_offset_);
  std::lock_guard lock(mutex_);
  for (const runtime::TopicRecord& record : records) {
    next_offset_ = record.offset + 1;
    if (!record.key.has_value()) {
      continue;
    }
    if (!record.value.has_value()) {
      peers_.erase(*record.key);
      continue;
    }
    std::optional<Peer> peer = ParseAnnouncement(*record.key, *record.value, record.timestamp);
    if (!peer.has_value()) {
      LogLine(LogLevel::kWarning,
              "Skipped a record of " + topic_ + " at offset " + std::to_string(record.offset) +
                  " that is not a server's announcement");
      continue;
    }
    peers_[*record.key] = std::move(*peer);
  }
}

void PeerDirectory::Report(const std::string& problem) {
  if (problem != last_problem_) {
    LogLine(LogLevel::kWarning, problem);
    last_problem_ = problem;
  }
}

}  // namespace fluxo::cli::server
