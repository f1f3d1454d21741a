#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "bench/kafka/bench_broker.h"
#include "bench/kafka/timed_topic_client.h"
#include "bench/stateful/nexmark_data.h"

namespace fluxo::bench {

/// How the latency probe drives the projection.
struct LatencySettings {
  double events_per_second = 10000;
  double seconds = 15;        ///< How long the producer produces.
  double warmup_seconds = 2;  ///< Records sent before this are not measured.
  int32_t partitions = 4;
};

/// Latencies of the records measured (those sent after the warm-up), in ms.
struct Latencies {
  uint64_t measured = 0;
  double p50_ms = 0;
  double p99_ms = 0;
  double max_ms = 0;
};

/// What one run of the latency probe measured (`failure` set when the run failed).
struct LatencyRun {
  std::string failure;
  std::string reader;  ///< The client that read the topics (TopicTail::Name).
  uint64_t produced = 0;
  uint64_t received = 0;     ///< Output records read (every one, warm-up included).
  double achieved_rate = 0;  ///< Records produced per second, measured.
  Latencies query;           ///< Input produced -> output consumed: the figure.
  Latencies floor;           ///< Input produced -> input consumed: the probe's own share.
  TopicClientTimes kafka;    ///< The engine's calls to its TopicClient over the whole run.
};

/// Runs the q1-style projection (`query_sql` over the bids stream `BIDS_LAT`) on fresh topics
/// `input_topic` -> `sink_topic` through an Engine driven by an EngineHost, under `config`,
/// while a producer (its own KafkaTopicClient) sends `bids` (cycled) at the settings' rate,
/// each record's timestamp its send time, and a consumer reads the sink topic as it grows
/// (kcat when it is on PATH, else a KafkaTopicClient: see TopicTail), another the input topic. The
/// output keeps the input's timestamp (ksqlDB's rule), so latency = wall-clock time when the
/// consumer has the record - its timestamp. Timestamps are whole milliseconds, so every figure may
/// be up to 1 ms high.
LatencyRun RunLatencyProbe(const BenchBroker& broker,
                           const std::vector<NexmarkRecord>& bids,
                           const std::string& input_topic,
                           const std::string& query_script,
                           const std::string& sink_topic,
                           const std::map<std::string, std::string>& config,
                           const LatencySettings& settings);

}  // namespace fluxo::bench
