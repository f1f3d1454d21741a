#include "bench/kafka/latency_probe.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <memory>
#include <optional>
#include <thread>

#include "bench/kafka/bid_topic.h"
#include "bench/kafka/kcat_consume.h"
#include "bench/kafka/kcat_tail.h"
#include "bench/kafka/topic_client_tail.h"
#include "runtime/core/error.h"
#include "runtime/engine/engine.h"
#include "runtime/engine/engine_host.h"

namespace fluxo::bench {

namespace {

using SteadyClock = std::chrono::steady_clock;

int64_t NowMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

/// kcat on `topic` when it is on PATH (an independent client), else Fluxo's TopicClient.
std::unique_ptr<TopicTail> NewTail(const BenchBroker& broker,
                                   const std::string& topic,
                                   int64_t measure_from_ms) {
  if (const std::optional<std::string> kcat = FindKcat()) {
    return std::make_unique<KcatTail>(*kcat, broker.bootstrap_servers(), topic, measure_from_ms);
  }
  return std::make_unique<TopicClientTail>(broker.NewTopicClient(), topic, measure_from_ms);
}

double Percentile(const std::vector<double>& sorted, double fraction) {
  if (sorted.empty()) {
    return 0;
  }
  const auto rank = static_cast<size_t>(std::ceil(fraction * static_cast<double>(sorted.size())));
  return sorted[std::min(sorted.size(), std::max<size_t>(rank, 1)) - 1];
}

Latencies Summarize(std::vector<double>& latencies_ms) {
  std::sort(latencies_ms.begin(), latencies_ms.end());
  Latencies summary;
  summary.measured = latencies_ms.size();
  summary.p50_ms = Percentile(latencies_ms, 0.50);
  summary.p99_ms = Percentile(latencies_ms, 0.99);
  summary.max_ms = latencies_ms.empty() ? 0 : latencies_ms.back();
  return summary;
}

}  // namespace

LatencyRun RunLatencyProbe(const BenchBroker& broker,
                           const std::vector<NexmarkRecord>& bids,
                           const std::string& input_topic,
                           const std::string& query_script,
                           const std::string& sink_topic,
                           const std::map<std::string, std::string>& config,
                           const LatencySettings& settings) {
  LatencyRun run;
  std::shared_ptr<runtime::TopicClient> producer_topics = broker.NewTopicClient();
  producer_topics->CreateTopic(input_topic, settings.partitions);
  WaitUntilTopicServes(*producer_topics, input_topic);
  auto engine_topics = std::make_shared<TimedTopicClient>(broker.NewTopicClient());
  auto engine = std::make_unique<engine::Engine>(engine_topics, config);
  engine->SetLogSkippedRecords(false);
  try {
    engine->ExecuteScript(query_script);
  } catch (const Error& error) {
    run.failure = error.message();
    return run;
  }
  engine::EngineHost host(std::move(engine));
  host.Start();

  const int64_t start_ms = NowMicros() / 1000;
  const auto warmup_ms = static_cast<int64_t>(settings.warmup_seconds * 1000);
  const std::unique_ptr<TopicTail> output_tail = NewTail(broker, sink_topic, start_ms + warmup_ms);
  // The same on the input topic: the latency of the probe's own produce -> consume path, which
  // the query's figure includes (its floor).
  const std::unique_ptr<TopicTail> input_tail = NewTail(broker, input_topic, start_ms + warmup_ms);
  run.reader = output_tail->Name();
  std::atomic<uint64_t> expected{0};
  std::atomic<bool> expected_final{false};
  std::thread output_thread([&] { output_tail->Run(expected, expected_final); });
  std::thread input_thread([&] { input_tail->Run(expected, expected_final); });

  // Produce at the rate: each millisecond, the records due by now, each stamped when sent.
  const SteadyClock::time_point start = SteadyClock::now();
  std::vector<runtime::TopicRecord> batch;
  uint64_t sent = 0;
  double elapsed = 0;
  try {
    while ((elapsed = std::chrono::duration<double>(SteadyClock::now() - start).count()) <
           settings.seconds) {
      const auto due = static_cast<uint64_t>(elapsed * settings.events_per_second);
      const int64_t now_ms = NowMicros() / 1000;
      for (; sent < due; ++sent) {
        batch.push_back(KeyedBid(bids[sent % bids.size()], now_ms));
      }
      if (!batch.empty()) {
        producer_topics->ProduceAll(input_topic, batch);
        batch.clear();
      }
      expected = sent;
      std::this_thread::sleep_until(
          start + std::chrono::milliseconds(static_cast<int64_t>(elapsed * 1000) + 1));
    }
  } catch (const Error& error) {
    run.failure = "producer: " + error.message();
  }
  run.produced = sent;
  run.achieved_rate = static_cast<double>(sent) / elapsed;
  expected = sent;
  expected_final = true;
  output_thread.join();
  input_thread.join();
  host.Stop();
  run.kafka = engine_topics->Times();

  run.received = output_tail->received();
  run.query = Summarize(output_tail->latencies_ms());
  run.floor = Summarize(input_tail->latencies_ms());
  if (run.failure.empty()) {
    run.failure = output_tail->failure().empty() ? input_tail->failure() : output_tail->failure();
  }
  if (run.failure.empty() && run.received < run.produced) {
    run.failure = "only " + std::to_string(run.received) + " of " + std::to_string(run.produced) +
                  " records came out";
  }
  return run;
}

}  // namespace fluxo::bench
