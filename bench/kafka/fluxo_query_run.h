#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "bench/kafka/bench_broker.h"
#include "bench/kafka/timed_topic_client.h"

namespace fluxo::bench {

/// One persistent query for the Fluxo side: the statements that declare its input and create
/// it, and the topic its results go to.
struct FluxoQuery {
  std::string name;
  std::string script;      ///< CREATE STREAM over the input; then the CSAS / CTAS.
  std::string sink_topic;  ///< The CSAS / CTAS's kafka_topic.
};

/// What one timed run of a query measured (`failure` set when the engine refused or failed it).
struct FluxoRun {
  std::string failure;
  double seconds = 0;         ///< EngineHost::Start() until the last input record was processed.
  uint64_t records_read = 0;  ///< Input records the query read.
  uint64_t skipped = 0;       ///< Records the query skipped (processing log).
  int64_t outputs = 0;        ///< The sink topic's end offsets, summed, after the run.
  TopicClientTimes kafka;     ///< The engine's calls to its TopicClient while the clock ran.
};

/// Engine properties for the benchmark's queries: read from the earliest offset, at-least-once,
/// state under `state_dir` (RocksDB; empty: in memory), a service id of its own.
std::map<std::string, std::string> FluxoBenchConfig(const std::string& service_id,
                                                    const std::string& state_dir);

/// Runs `query` through the real engine path: a fresh engine::Engine over its own
/// runtime::kafka::KafkaTopicClient, driven by an engine::EngineHost (the thread `fluxo run`
/// and the server use: Engine::PollQueries in a loop). The statements run before the clock
/// starts; the clock stops once the query has read `input_records` records (EngineHost counts a
/// turn's records after the turn, i.e. after the sink's produce) and one more turn, which reads
/// nothing and so commits (state, offsets, and the output an aggregation's record cache held
/// back). The sink's end offsets are then read with another client. Gives up after
/// `timeout_seconds`, or when the query reads nothing for 30 s.
FluxoRun RunFluxoQuery(const BenchBroker& broker,
                       const FluxoQuery& query,
                       const std::map<std::string, std::string>& config,
                       uint64_t input_records,
                       double timeout_seconds);

}  // namespace fluxo::bench
