#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bench/stateful/nexmark_data.h"
#include "bench/stateful/query_results.h"

namespace fluxo::bench {

/// One query of the benchmark: a windowed COUNT/MAX per auction, or the join when `window`
/// is nothing.
struct StatefulQuery {
  std::string name;  ///< Also the DuckDB script's --query.
  std::optional<WindowShape> window;
  /// ksqlDB's record cache (the engine's default): an aggregation emits each changed window
  /// once per commit. False: `SET 'cache.max.bytes.buffering'='0'`, one output per update.
  bool record_cache = true;
  /// Sets `commit.interval.ms` for the engine (and the hand-written loop's commits) when given;
  /// else both use kEngineCommitIntervalMs, the engine's default.
  std::optional<int64_t> commit_interval_ms;
};

/// The engine's default commit.interval.ms under at_least_once (QueryTask): with the record
/// cache on, an aggregation emits at each commit, once this much wall time has passed since the
/// last one (and when the query is caught up). The hand-written loop commits on the same clock,
/// so the two sides' output counts depend on their speeds and are not compared.
constexpr int64_t kEngineCommitIntervalMs = 2000;

/// What the engine side measured; `failure` holds the engine's error when it refused the
/// query (then nothing else is set).
struct EngineRun {
  std::string failure;
  double seconds = 0;  ///< Engine::RunUntilIdle() only.
  size_t outputs = 0;  ///< Records in the sink topic.
  size_t skipped = 0;  ///< Records the engine skipped (its processing log; up to 10,000).
  std::string first_skip_reason;
  WindowResults final_results;  ///< Windowed queries: the last value of each window.
  Checksum checksum;
};

/// Returns the CREATE TABLE ... AS SELECT of a windowed query.
std::string WindowedQuerySql(const WindowShape& window);

/// Returns the CREATE STREAM ... AS SELECT of the join.
std::string JoinQuerySql();

/// Runs `query` through a fresh Fluxo engine on in-memory topics: declares the bids stream
/// (event time from `dateTime`) and, for the join, the persons table; loads the topics; creates
/// the query; times Engine::RunUntilIdle(); then reads the sink topic back for the final
/// results (not timed).
EngineRun RunEngine(const StatefulQuery& query,
                    const std::vector<NexmarkRecord>& bids,
                    const std::vector<NexmarkRecord>& persons);

}  // namespace fluxo::bench
