#include "bench/kafka/fluxo_query_run.h"

#include <chrono>
#include <memory>
#include <thread>
#include <vector>

#include "runtime/core/error.h"
#include "runtime/engine/engine.h"
#include "runtime/engine/engine_host.h"

namespace fluxo::bench {

namespace {

using Clock = std::chrono::steady_clock;

constexpr double kStallSeconds = 30;  ///< Give up when the query reads nothing for this long.

/// The query's metrics, or a failure text when it stopped with an error.
std::string QueryFailure(engine::EngineHost& host) {
  return host.Call([](engine::Engine& engine) -> std::string {
    for (const engine::QueryMetrics& metrics : engine.CollectQueryMetrics()) {
      if (metrics.failed) {
        return "query " + metrics.query_id + " failed";
      }
    }
    return {};
  });
}

TopicClientTimes Minus(const TopicClientTimes& after, const TopicClientTimes& before) {
  TopicClientTimes times;
  times.fetch_seconds = after.fetch_seconds - before.fetch_seconds;
  times.fetch_calls = after.fetch_calls - before.fetch_calls;
  times.fetch_records = after.fetch_records - before.fetch_records;
  times.empty_fetches = after.empty_fetches - before.empty_fetches;
  times.produce_seconds = after.produce_seconds - before.produce_seconds;
  times.produce_calls = after.produce_calls - before.produce_calls;
  times.produce_records = after.produce_records - before.produce_records;
  times.metadata_seconds = after.metadata_seconds - before.metadata_seconds;
  times.metadata_calls = after.metadata_calls - before.metadata_calls;
  return times;
}

}  // namespace

std::map<std::string, std::string> FluxoBenchConfig(const std::string& service_id,
                                                    const std::string& state_dir) {
  std::map<std::string, std::string> config = {
      {"auto.offset.reset", "earliest"},
      {"processing.guarantee", "at_least_once"},
      {"service.id", service_id},
  };
  if (!state_dir.empty()) {
    config["state.dir"] = state_dir;
  }
  return config;
}

FluxoRun RunFluxoQuery(const BenchBroker& broker,
                       const FluxoQuery& query,
                       const std::map<std::string, std::string>& config,
                       uint64_t input_records,
                       double timeout_seconds) {
  FluxoRun run;
  auto topics = std::make_shared<TimedTopicClient>(broker.NewTopicClient());
  auto engine = std::make_unique<engine::Engine>(topics, config);
  engine->SetLogSkippedRecords(false);
  try {
    engine->ExecuteScript(query.script);
  } catch (const Error& error) {
    run.failure = error.message();
    return run;
  }
  engine::EngineHost host(std::move(engine));
  const TopicClientTimes before = topics->Times();
  const Clock::time_point start = Clock::now();
  Clock::time_point next_check = start + std::chrono::seconds(1);
  Clock::time_point last_progress = start;
  size_t last_read = 0;
  host.Start();
  while (host.records_read() < input_records) {
    std::this_thread::sleep_for(std::chrono::microseconds(500));
    const Clock::time_point now = Clock::now();
    if (now >= next_check) {
      next_check = now + std::chrono::seconds(1);
      run.failure = QueryFailure(host);
      if (host.records_read() != last_read) {
        last_read = host.records_read();
        last_progress = now;
      }
      if (run.failure.empty() &&
          (std::chrono::duration<double>(now - start).count() > timeout_seconds ||
           std::chrono::duration<double>(now - last_progress).count() > kStallSeconds)) {
        run.failure = "gave up after reading " + std::to_string(host.records_read()) + " of " +
                      std::to_string(input_records) + " records";
      }
      if (!run.failure.empty()) {
        break;
      }
    }
  }
  if (run.failure.empty()) {
    // The turn after the last records reads nothing, and so commits what commit.interval.ms
    // held back (an aggregation's record cache emits its results then): part of the run.
    host.Call([](engine::Engine& engine) { engine.PollQueries(); });
  }
  run.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  run.kafka = Minus(topics->Times(), before);
  host.Stop();
  run.records_read = host.records_read();
  host.Call([&](engine::Engine& engine) {
    for (const engine::QueryMetrics& metrics : engine.CollectQueryMetrics()) {
      run.skipped += metrics.records_skipped;
    }
  });
  run.outputs = TotalEndOffset(*broker.NewTopicClient(), query.sink_topic);
  return run;
}

}  // namespace fluxo::bench
