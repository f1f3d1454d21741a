// Nexmark-style stateful throughput, in-process, one thread: JSON bids in -> JSON out for
//   tumbling: COUNT(*) and MAX(price) per auction, WINDOW TUMBLING (SIZE 10 SECONDS)
//   hopping:  the same, WINDOW HOPPING (SIZE 10 SECONDS, ADVANCE BY 2 SECONDS)
//   join:     bids INNER JOIN a 100,000-row persons table on its key
// through the Fluxo engine (in-memory topics, the real serdes, operators and state stores; the
// time of Engine::RunUntilIdle()), beside a hand-written C++ loop doing the same work (simdjson
// On-Demand, a hash map, JSON output records as EMIT CHANGES writes them) and
// beside DuckDB on one thread computing the same final results from the same JSON-lines file
// (bench/duckdb/run_query.mjs; install it with bench/duckdb/install.sh). Prints events/s per
// side and the ratios engine / hand-written and engine / DuckDB (> 1: the engine is faster),
// and cross-checks the final results: the engine's against the hand-written loop's window by
// window (the join: by checksum), and DuckDB's checksum against the hand-written loop's.
// Usage: nexmark_stateful_bench [EVENTS [tumbling|hopping|join]] [--duckdb SCRIPT|none]
//                               [--data-dir DIR] [--engine-only] [--no-record-cache]
//                               [--commit-interval-ms MS]
// --engine-only runs the engine side alone (for profiling). By default the engine runs with
// ksqlDB's record cache (its default): the windowed queries emit each changed window once per
// commit (every commit.interval.ms of wall time, 2,000 by default, and at the end), and the
// hand-written loop collapses its output on the same clock, so the output counts of the two
// sides are printed but not compared; --commit-interval-ms sets commit.interval.ms for both
// (a value longer than the run gives one commit at the end: the same outputs on every run, for
// profiling); --no-record-cache sets cache.max.bytes.buffering=0 and both sides emit one record
// per bid per window (equal output counts, checked). Exits 1 when a cross-check fails.

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "bench/stateful/duckdb_reference.h"
#include "bench/stateful/engine_side.h"
#include "bench/stateful/hand_written_join.h"
#include "bench/stateful/hand_written_window.h"
#include "bench/stateful/nexmark_data.h"
#include "bench/stateful/query_results.h"

namespace {

using fluxo::bench::Checksum;
using fluxo::bench::FormatChecksum;
using fluxo::bench::NexmarkRecord;
using fluxo::bench::StatefulQuery;

struct Options {
  size_t events = 1000000;
  std::string only;  ///< One query's name, or empty for all.
  std::string duckdb_script = FLUXO_BENCH_DUCKDB_SCRIPT;
  std::filesystem::path data_dir =
      std::filesystem::temp_directory_path() / "fluxo-nexmark-stateful";
  bool engine_only = false;
  bool record_cache = true;  ///< --no-record-cache: one output per update, on both sides.
  std::optional<int64_t> commit_interval_ms;  ///< --commit-interval-ms, for both sides.
};

Options ParseOptions(int argc, char** argv) {
  Options options;
  std::vector<std::string> positional;
  for (int i = 1; i < argc; ++i) {
    const std::string argument = argv[i];
    if (argument == "--duckdb" && i + 1 < argc) {
      options.duckdb_script = argv[++i];
    } else if (argument == "--data-dir" && i + 1 < argc) {
      options.data_dir = argv[++i];
    } else if (argument == "--engine-only") {
      options.engine_only = true;
    } else if (argument == "--no-record-cache") {
      options.record_cache = false;
    } else if (argument == "--commit-interval-ms" && i + 1 < argc) {
      options.commit_interval_ms = std::strtoll(argv[++i], nullptr, 10);
    } else {
      positional.push_back(argument);
    }
  }
  if (!positional.empty()) {
    options.events = static_cast<size_t>(std::strtoull(positional[0].c_str(), nullptr, 10));
  }
  if (positional.size() > 1) {
    options.only = positional[1];
  }
  return options;
}

/// The hand-written side of one query, whichever its kind.
struct HandWrittenRun {
  double seconds = 0;
  size_t outputs = 0;
  bool outputs_comparable = true;  ///< False when both sides emit on their own clocks.
  Checksum checksum;
  std::string mismatch;  ///< How the engine's final results differ from these ("": equal).
};

HandWrittenRun RunHandWritten(const StatefulQuery& query,
                              const std::vector<NexmarkRecord>& bids,
                              const std::vector<NexmarkRecord>& persons,
                              const fluxo::bench::EngineRun& engine) {
  HandWrittenRun run;
  if (query.window.has_value()) {
    std::optional<std::chrono::milliseconds> commit_interval;
    if (query.record_cache) {
      commit_interval = std::chrono::milliseconds(
          query.commit_interval_ms.value_or(fluxo::bench::kEngineCommitIntervalMs));
    }
    const fluxo::bench::HandWrittenWindowRun hand =
        fluxo::bench::RunHandWrittenWindow(bids, *query.window, commit_interval);
    run.seconds = hand.seconds;
    run.outputs = hand.outputs;
    run.outputs_comparable = !query.record_cache;
    run.checksum = fluxo::bench::ChecksumOf(hand.final_results);
    if (engine.failure.empty()) {
      run.mismatch = fluxo::bench::CompareWindowResults(engine.final_results, hand.final_results);
    }
  } else {
    const fluxo::bench::HandWrittenJoinRun hand = fluxo::bench::RunHandWrittenJoin(bids, persons);
    run.seconds = hand.seconds;
    run.outputs = hand.outputs;
    run.checksum = hand.checksum;
    if (engine.failure.empty() && !(engine.checksum == hand.checksum)) {
      run.mismatch = "checksums differ";
    }
  }
  if (engine.failure.empty() && run.mismatch.empty() && run.outputs_comparable &&
      engine.outputs != run.outputs) {
    run.mismatch = "output counts differ";
  }
  return run;
}

std::string Rate(size_t events, double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%.0f", static_cast<double>(events) / seconds);
  return text;
}

std::string Ratio(double reference_seconds, double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", reference_seconds / seconds);
  return text;
}

/// Runs the three sides of `query`, prints its row and its checks; returns false when a
/// cross-check failed.
bool RunQuery(const StatefulQuery& query,
              const std::vector<NexmarkRecord>& bids,
              const std::vector<NexmarkRecord>& persons,
              const Options& options,
              const std::string& bids_path,
              const std::string& persons_path) {
  const fluxo::bench::EngineRun engine = fluxo::bench::RunEngine(query, bids, persons);
  const bool engine_ran = engine.failure.empty();
  if (options.engine_only) {
    std::printf("%-9s %12s %12s\n",
                query.name.c_str(),
                engine_ran ? Rate(bids.size(), engine.seconds).c_str() : "n/a",
                engine_ran ? FormatChecksum(engine.checksum).c_str() : engine.failure.c_str());
    return true;
  }
  const HandWrittenRun hand = RunHandWritten(query, bids, persons, engine);
  const fluxo::bench::DuckDbRun duckdb =
      options.duckdb_script == "none"
          ? fluxo::bench::DuckDbRun{false, "skipped (--duckdb none)", 0, {}}
          : fluxo::bench::RunDuckDb(options.duckdb_script, query.name, bids_path, persons_path);
  std::printf("%-9s %12s %12s %12s %11s %13s %9zu\n",
              query.name.c_str(),
              engine_ran ? Rate(bids.size(), engine.seconds).c_str() : "n/a",
              Rate(bids.size(), hand.seconds).c_str(),
              duckdb.ran ? Rate(bids.size(), duckdb.seconds).c_str() : "n/a",
              engine_ran ? Ratio(hand.seconds, engine.seconds).c_str() : "n/a",
              engine_ran && duckdb.ran ? Ratio(duckdb.seconds, engine.seconds).c_str() : "n/a",
              engine_ran ? engine.outputs : hand.outputs);
  std::printf("%-9s checksum (rows/sum_a/sum_b): hand-written %s, engine %s, DuckDB %s\n",
              "",
              FormatChecksum(hand.checksum).c_str(),
              engine_ran ? FormatChecksum(engine.checksum).c_str() : "n/a",
              duckdb.ran ? FormatChecksum(duckdb.checksum).c_str() : "n/a");
  if (engine_ran && !hand.outputs_comparable) {
    std::printf(
        "%-9s outputs (each side's own commits, not compared): engine %zu, hand-written %zu\n",
        "",
        engine.outputs,
        hand.outputs);
  }
  if (!engine_ran) {
    std::printf("%-9s engine: not supported yet (%s)\n", "", engine.failure.c_str());
  } else if (engine.skipped > 0) {
    std::printf("%-9s engine skipped %zu records (processing log), the first: %s\n",
                "",
                engine.skipped,
                engine.first_skip_reason.c_str());
  }
  if (!duckdb.ran) {
    std::printf("%-9s DuckDB: %s\n", "", duckdb.failure.c_str());
  }
  bool passed = true;
  if (!hand.mismatch.empty()) {
    std::printf(
        "!! MISMATCH %s: the engine's final results differ from the hand-written "
        "loop's: %s\n",
        query.name.c_str(),
        hand.mismatch.c_str());
    passed = false;
  }
  if (duckdb.ran && !(duckdb.checksum == hand.checksum)) {
    std::printf("!! MISMATCH %s: DuckDB's checksum differs from the hand-written loop's\n",
                query.name.c_str());
    passed = false;
  }
  return passed;
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = ParseOptions(argc, argv);
  const std::vector<NexmarkRecord> bids = fluxo::bench::MakeBids(options.events);
  const std::vector<NexmarkRecord> persons = fluxo::bench::MakePersons();
  std::filesystem::create_directories(options.data_dir);
  const std::string bids_path =
      (options.data_dir / ("bids-" + std::to_string(options.events) + ".jsonl")).string();
  const std::string persons_path = (options.data_dir / "persons.jsonl").string();
  fluxo::bench::WriteJsonLines(bids, bids_path);
  fluxo::bench::WriteJsonLines(persons, persons_path);

  const StatefulQuery queries[] = {
      {"tumbling",
       fluxo::bench::WindowShape{10000, 10000},
       options.record_cache,
       options.commit_interval_ms},
      {"hopping",
       fluxo::bench::WindowShape{10000, 2000},
       options.record_cache,
       options.commit_interval_ms},
      {"join", std::nullopt, options.record_cache, options.commit_interval_ms},
  };
  std::printf("Nexmark stateful, %zu JSON bids (%s), one thread, in-process, record cache %s\n",
              options.events,
              bids_path.c_str(),
              options.record_cache ? "on (windows: one output per changed window per commit)"
                                   : "off (one output per update)");
  std::printf("%-9s %12s %12s %12s %11s %13s %9s\n",
              "query",
              "engine ev/s",
              "hand ev/s",
              "duckdb ev/s",
              "engine/hand",
              "engine/duckdb",
              "outputs");
  bool passed = true;
  for (const StatefulQuery& query : queries) {
    if (options.only.empty() || query.name == options.only) {
      passed = RunQuery(query, bids, persons, options, bids_path, persons_path) && passed;
    }
  }
  return passed ? 0 : 1;
}
