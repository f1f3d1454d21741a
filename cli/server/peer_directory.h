#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "runtime/engine/engine_host.h"
#include "runtime/topic/topic_client.h"

namespace fluxo::cli::server {

/// Another server of this service id, as its last announcement described it.
struct Peer {
  std::string instance_id;
  std::string url;  ///< Its REST API, e.g. `http://10.0.0.2:8088`.
  /// Per scaled-out query, the source partitions whose tasks run there.
  std::map<std::string, std::vector<int32_t>> owned_partitions;
  int64_t announced_ms = 0;  ///< When it last announced itself (its record's timestamp).
};

/// The servers of one service id and what each runs, through the compacted topic
/// `_fluxo_<service.id>_instances` (no cluster protocol of its own): every `interval` each
/// server that runs a scaled-out query announces its REST URL and, per such query, the source
/// partitions whose tasks run there (record key: its instance id, value a JSON object), and
/// every server reads the others' announcements (the topic is created by the first
/// announcement). A server whose last announcement is older than three intervals counts as
/// gone; a clean stop writes a tombstone. A pull query on a scaled-out table finds the rest of
/// the table's rows here (ksqlDB's servers learn the same from Kafka Streams' group metadata).
class PeerDirectory {
 public:
  /// Over the engine of `host` (its topic client and service id); `host` must outlive it.
  PeerDirectory(engine::EngineHost& host,
                std::chrono::milliseconds interval = std::chrono::seconds(1));
  /// Stops it (Stop()).
  ~PeerDirectory();

  PeerDirectory(const PeerDirectory&) = delete;
  PeerDirectory& operator=(const PeerDirectory&) = delete;

  /// Announces this server at `url` at once, then every interval from a thread of its own.
  /// Announcing or reading failures are logged (once until it works again), not thrown.
  void Start(std::string url);

  /// Stops announcing and writes this server's tombstone. Calling it twice is harmless.
  void Stop();

  /// The other servers that announced themselves within the last three intervals, as of the
  /// last read (at most one interval old), ordered by instance id.
  std::vector<Peer> Peers() const;

  /// This server's instance id (random, new on every start).
  const std::string& instance_id() const { return instance_id_; }

  /// The announcements topic of service id `service_id`.
  static std::string TopicFor(const std::string& service_id);

 private:
  /// Writes this server's announcement (a tombstone when `leaving`), then reads what the
  /// others wrote since the last read. Runs on the caller's thread between two turns.
  void Exchange(bool leaving);
  void Announce(engine::Engine& engine, bool leaving);
  void ReadAnnouncements(runtime::TopicClient& topics);
  /// Logs `problem` unless it was the last one logged.
  void Report(const std::string& problem);

  engine::EngineHost& host_;
  std::chrono::milliseconds interval_;
  std::string instance_id_;
  std::string url_;
  std::string topic_;
  bool announced_ = false;   ///< Once it has run a scaled-out query.
  int64_t next_offset_ = 0;  ///< Of the topic's partition 0, for the next read.
  std::string last_problem_;

  mutable std::mutex mutex_;  ///< Guards peers_ and stopping_.
  std::map<std::string, Peer> peers_;
  bool stopping_ = false;
  std::condition_variable wake_;
  std::thread thread_;
};

/// Reads one announcement (`{"url":..., "owned_partitions":{QUERY:[P,...]}}`); nullopt for a
/// value that is not one (logged by the caller).
std::optional<Peer> ParseAnnouncement(const std::string& instance_id,
                                      const std::string& value,
                                      int64_t timestamp_ms);

/// Writes the announcement of a server at `url` owning `owned_partitions`.
std::string AnnouncementJson(const std::string& url,
                             const std::map<std::string, std::vector<int32_t>>& owned_partitions);

}  // namespace fluxo::cli::server
