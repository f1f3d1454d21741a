// Issue 5's Kafka benchmark: Kafka -> Fluxo -> Kafka throughput for a q1-style projection and
// the tumbling 10-second COUNT/MAX per auction, beside a bare librdkafka consume -> produce loop
// on the same input topic and kcat consuming it, then the projection's end-to-end latency at a
// fixed rate under at_least_once. Runs on the broker --bootstrap-servers names, or on an
// in-process embedded broker (librdkafka's mock cluster) when none is given.
//
// Usage: kafka_bench [--bootstrap-servers HOST:PORT] [--events N] [--partitions P]
//                    [--repeat K] [--rate EV_PER_S] [--latency-seconds S]
//                    [--state-dir DIR|none] [--no-throughput] [--no-latency]

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

#include "bench/kafka/bare_librdkafka_loop.h"
#include "bench/kafka/bench_broker.h"
#include "bench/kafka/bid_topic.h"
#include "bench/kafka/fluxo_query_run.h"
#include "bench/kafka/kcat_consume.h"
#include "bench/kafka/latency_probe.h"
#include "runtime/core/error.h"

namespace fluxo::bench {
namespace {

constexpr double kTimeoutSeconds = 900;

/// librdkafka's mock broker keeps at most 5 MiB (or 100,000 message sets) per partition and
/// silently drops the oldest records beyond that (rdkafka_mock.c, mpart->max_size): on the
/// embedded broker every partition's share of the bids must stay below it.
constexpr double kEmbeddedPartitionBytes = 4.5 * 1024 * 1024;
constexpr double kBidBytes = 160;  ///< A generated bid's JSON value, key and overhead, rounded up.

struct Options {
  std::string bootstrap_servers;
  size_t events = 0;  ///< 0: 1,000,000 on an external broker, 200,000 on the embedded one.
  int32_t partitions = 8;
  int repeat = 1;
  LatencySettings latency;
  std::string state_dir;  ///< Empty: a fresh directory under the temp dir; "none": in memory.
  bool throughput = true;
  bool latency_run = true;
};

[[noreturn]] void Usage(const char* problem) {
  std::fprintf(stderr,
               "%s\nUsage: kafka_bench [--bootstrap-servers HOST:PORT] [--events N] "
               "[--partitions P] [--repeat K] [--rate EV_PER_S] [--latency-seconds S] "
               "[--state-dir DIR|none] [--no-throughput] [--no-latency]\n",
               problem);
  std::exit(2);
}

Options ParseOptions(int argc, char** argv) {
  Options options;
  for (int index = 1; index < argc; ++index) {
    const std::string flag = argv[index];
    auto value = [&]() -> std::string {
      if (index + 1 >= argc) {
        Usage(("missing value for " + flag).c_str());
      }
      return argv[++index];
    };
    if (flag == "--bootstrap-servers") {
      options.bootstrap_servers = value();
    } else if (flag == "--events") {
      options.events = std::stoul(value());
    } else if (flag == "--partitions") {
      options.partitions = std::stoi(value());
    } else if (flag == "--repeat") {
      options.repeat = std::max(1, std::stoi(value()));
    } else if (flag == "--rate") {
      options.latency.events_per_second = std::stod(value());
    } else if (flag == "--latency-seconds") {
      options.latency.seconds = std::stod(value());
    } else if (flag == "--state-dir") {
      options.state_dir = value();
    } else if (flag == "--no-throughput") {
      options.throughput = false;
    } else if (flag == "--no-latency") {
      options.latency_run = false;
    } else {
      Usage(("unknown option " + flag).c_str());
    }
  }
  options.latency.partitions = options.partitions;
  if (options.events == 0) {
    options.events = options.bootstrap_servers.empty() ? 200000 : 1000000;
  }
  if (options.bootstrap_servers.empty() &&
      static_cast<double>(options.events) * kBidBytes / options.partitions >
          kEmbeddedPartitionBytes) {
    Usage(
        "the embedded broker keeps only 5 MiB per partition (librdkafka's mock cluster drops "
        "older records): use more --partitions or fewer --events, or a real broker");
  }
  return options;
}

/// The 1-, 5- and 15-minute load averages, as /proc/loadavg has them.
std::string LoadAverage() {
  std::ifstream file("/proc/loadavg");
  std::string one, five, fifteen;
  file >> one >> five >> fifteen;
  return one + " " + five + " " + fifteen;
}

double Rate(size_t events, double seconds) {
  return seconds > 0 ? static_cast<double>(events) / seconds : 0;
}

/// One row of the throughput table; `failure` replaces the figures when set.
struct Row {
  std::string name;
  std::string breakdown;  ///< Fluxo: where the engine thread's time went.
  double events_per_second = 0;
  double seconds = 0;
  std::string detail;
  std::string failure;
};

void PrintRows(const std::vector<Row>& rows, double bare_rate) {
  std::printf(
      "| %-44s | %12s | %8s | %10s | %s\n", "side", "events/s", "seconds", "/ bare loop", "detail");
  for (const Row& row : rows) {
    if (!row.failure.empty()) {
      std::printf("| %-44s | FAILED: %s\n", row.name.c_str(), row.failure.c_str());
      continue;
    }
    std::printf("| %-44s | %12.0f | %8.2f | %10.2f | %s\n",
                row.name.c_str(),
                row.events_per_second,
                row.seconds,
                bare_rate > 0 ? row.events_per_second / bare_rate : 0,
                row.detail.c_str());
  }
  for (const Row& row : rows) {
    if (!row.breakdown.empty() && row.failure.empty()) {
      std::printf("%s:\n%s\n", row.name.c_str(), row.breakdown.c_str());
    }
  }
}

/// Where the engine thread spent a Fluxo run: in its TopicClient calls, and the rest.
std::string Breakdown(const FluxoRun& run) {
  const TopicClientTimes& kafka = run.kafka;
  std::array<char, 400> text{};
  std::snprintf(text.data(),
                text.size(),
                "  engine thread: FetchInto %.2f s (%llu calls, %llu empty), "
                "Send+AwaitSent+ProduceAll %.2f s (%llu "
                "calls, %llu records), metadata %.2f s (%llu calls), the rest (serde, operators, "
                "commit) %.2f s",
                kafka.fetch_seconds,
                static_cast<unsigned long long>(kafka.fetch_calls),
                static_cast<unsigned long long>(kafka.empty_fetches),
                kafka.produce_seconds,
                static_cast<unsigned long long>(kafka.produce_calls),
                static_cast<unsigned long long>(kafka.produce_records),
                kafka.metadata_seconds,
                static_cast<unsigned long long>(kafka.metadata_calls),
                run.seconds - kafka.fetch_seconds - kafka.produce_seconds - kafka.metadata_seconds);
  return text.data();
}

/// One round of the four throughput sides over the `input` topic, with outputs named by `tag`.
std::vector<Row> RunThroughputRound(const BenchBroker& broker,
                                    const Options& options,
                                    const std::string& input,
                                    const std::string& tag,
                                    double& bare_rate) {
  std::vector<Row> rows;
  const std::string ddl = BidsStreamDdl("BIDS", input);
  const FluxoQuery queries[] = {
      {"Fluxo q1 projection (CSAS)",
       ddl + "CREATE STREAM BIDS_EUR WITH (kafka_topic='bench_q1_" + tag +
           "') AS SELECT auction, bidder, price * 0.908 AS price_eur, dateTime FROM BIDS "
           "EMIT CHANGES;",
       "bench_q1_" + tag},
      {"Fluxo tumbling 10 s COUNT/MAX per auction",
       ddl + "CREATE TABLE BIDS_PER_AUCTION WITH (kafka_topic='bench_tumbling_" + tag +
           "') AS SELECT auction, COUNT(*) AS bids, MAX(price) AS max_price FROM BIDS WINDOW "
           "TUMBLING (SIZE 10 SECONDS) GROUP BY auction EMIT CHANGES;",
       "bench_tumbling_" + tag},
  };
  int query_number = 0;
  for (const FluxoQuery& query : queries) {
    std::string state_dir;
    if (options.state_dir != "none") {
      state_dir = options.state_dir + "/" + tag + "_" + std::to_string(query_number);
    }
    const FluxoRun run = RunFluxoQuery(
        broker,
        query,
        FluxoBenchConfig("kafka_bench_" + tag + "_" + std::to_string(query_number++), state_dir),
        options.events,
        kTimeoutSeconds);
    rows.push_back({query.name,
                    Breakdown(run),
                    Rate(run.records_read, run.seconds),
                    run.seconds,
                    std::to_string(run.outputs) + " output records, " +
                        std::to_string(run.skipped) + " skipped; load " + LoadAverage(),
                    run.failure});
  }

  const std::string bare_output = "bench_bare_" + tag;
  {
    const auto topics = broker.NewTopicClient();
    topics->CreateTopic(bare_output, options.partitions);
    WaitUntilTopicServes(*topics, bare_output);
  }
  const BareLoopRun bare = RunBareLibrdkafkaLoop(broker.bootstrap_servers(),
                                                 input,
                                                 options.partitions,
                                                 bare_output,
                                                 options.events,
                                                 kTimeoutSeconds);
  bare_rate = bare.failure.empty() ? Rate(bare.consumed, bare.seconds) : 0;
  rows.push_back({"bare librdkafka consume -> produce",
                  "",
                  bare_rate,
                  bare.seconds,
                  std::to_string(bare.delivered) + " delivered; load " + LoadAverage(),
                  bare.failure});

  if (const std::optional<std::string> kcat = FindKcat()) {
    const KcatRun run = RunKcatConsume(*kcat, broker.bootstrap_servers(), input);
    rows.push_back({"kcat -C (consume only, to /dev/null)",
                    "",
                    Rate(options.events, run.seconds),
                    run.seconds,
                    "load " + LoadAverage(),
                    run.failure});
  } else {
    rows.push_back(
        {"kcat -C", "", 0, 0, "", "kcat is not on PATH (scripts/install-test-tools.sh)"});
  }
  return rows;
}

void PrintLatency(const Options& options, const LatencyRun& run) {
  std::printf(
      "\nEnd-to-end latency, q1 projection, at_least_once, %.0f ev/s for %.0f s (first "
      "%.0f s not measured); load %s:\n",
      options.latency.events_per_second,
      options.latency.seconds,
      options.latency.warmup_seconds,
      LoadAverage().c_str());
  if (!run.failure.empty()) {
    std::printf("  FAILED: %s\n", run.failure.c_str());
  }
  std::printf("  produced %llu at %.0f ev/s, received %llu (read with %s)\n",
              static_cast<unsigned long long>(run.produced),
              run.achieved_rate,
              static_cast<unsigned long long>(run.received),
              run.reader.c_str());
  const std::pair<const char*, const Latencies*> lines[] = {
      {"input -> Fluxo -> output (the figure)", &run.query},
      {"input -> probe consumer (the probe's floor)", &run.floor}};
  for (const auto& [name, latencies] : lines) {
    std::printf("  %-44s %llu measured: p50 %.1f ms, p99 %.1f ms, max %.1f ms\n",
                name,
                static_cast<unsigned long long>(latencies->measured),
                latencies->p50_ms,
                latencies->p99_ms,
                latencies->max_ms);
  }
  const TopicClientTimes& kafka = run.kafka;
  const double calls = std::max<double>(1, static_cast<double>(kafka.fetch_calls));
  const double produces = std::max<double>(1, static_cast<double>(kafka.produce_calls));
  std::printf(
      "  engine thread: FetchInto %.2f s in %llu calls (%.1f ms and %.0f records a call), "
      "Send+AwaitSent+ProduceAll %.2f s in %llu calls (%.2f ms a call)\n",
      kafka.fetch_seconds,
      static_cast<unsigned long long>(kafka.fetch_calls),
      kafka.fetch_seconds * 1000 / calls,
      static_cast<double>(kafka.fetch_records) / calls,
      kafka.produce_seconds,
      static_cast<unsigned long long>(kafka.produce_calls),
      kafka.produce_seconds * 1000 / produces);
}

int RunBench(const Options& options) {
  const BenchBroker broker(options.bootstrap_servers);
  const std::string tag =
      std::to_string(getpid()) + "_" +
      std::to_string(std::chrono::system_clock::now().time_since_epoch().count() % 1000000);
  std::printf(
      "Broker: %s\nEvents: %zu JSON bids (~150 bytes, keyed by auction), %d partitions; "
      "load average %s\n",
      broker.Description().c_str(),
      options.events,
      options.partitions,
      LoadAverage().c_str());
  const std::vector<NexmarkRecord> bids = MakeBids(options.events);
  int failures = 0;

  if (options.throughput) {
    const std::string input = "bench_bids_" + tag;
    const double load_seconds =
        ProduceBids(*broker.NewTopicClient(), input, options.partitions, bids);
    std::printf("Produced %zu bids into %s in %.2f s (%.0f ev/s, KafkaTopicClient::ProduceAll)\n",
                options.events,
                input.c_str(),
                load_seconds,
                Rate(options.events, load_seconds));
    for (int round = 0; round < options.repeat; ++round) {
      double bare_rate = 0;
      const std::vector<Row> rows =
          RunThroughputRound(broker, options, input, tag + "_" + std::to_string(round), bare_rate);
      std::printf("\nThroughput, round %d of %d (Kafka -> ... -> Kafka, %zu records):\n",
                  round + 1,
                  options.repeat,
                  options.events);
      PrintRows(rows, bare_rate);
      for (const Row& row : rows) {
        failures += row.failure.empty() ? 0 : 1;
      }
      std::fflush(stdout);
    }
  }

  if (options.latency_run) {
    const std::string input = "bench_lat_in_" + tag;
    const std::string sink = "bench_lat_out_" + tag;
    const std::string script =
        BidsStreamDdl("BIDS_LAT", input) + "CREATE STREAM BIDS_LAT_EUR WITH (kafka_topic='" + sink +
        "') AS SELECT auction, bidder, price * 0.908 AS price_eur, dateTime FROM BIDS_LAT "
        "EMIT CHANGES;";
    const std::string state_dir = options.state_dir == "none" ? "" : options.state_dir + "/lat";
    const LatencyRun run = RunLatencyProbe(broker,
                                           bids,
                                           input,
                                           script,
                                           sink,
                                           FluxoBenchConfig("kafka_bench_lat_" + tag, state_dir),
                                           options.latency);
    PrintLatency(options, run);
    failures += run.failure.empty() ? 0 : 1;
  }
  return failures == 0 ? 0 : 1;
}

}  // namespace
}  // namespace fluxo::bench

int main(int argc, char** argv) {
  fluxo::bench::Options options = fluxo::bench::ParseOptions(argc, argv);
  std::filesystem::path temporary_state;
  if (options.state_dir.empty()) {
    temporary_state =
        std::filesystem::temp_directory_path() / ("fluxo-kafka-bench-" + std::to_string(getpid()));
    options.state_dir = temporary_state.string();
  }
  int status = 1;
  try {
    status = fluxo::bench::RunBench(options);
  } catch (const fluxo::Error& error) {
    std::fprintf(stderr, "kafka_bench: %s\n", error.message().c_str());
  }
  if (!temporary_state.empty()) {
    std::filesystem::remove_all(temporary_state);
  }
  return status;
}
