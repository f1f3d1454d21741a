#pragma once

#include <string>

#include "bench/stateful/query_results.h"

namespace fluxo::bench {

/// What one run of the DuckDB side (bench/duckdb/run_query.mjs) reported.
struct DuckDbRun {
  bool ran = false;
  std::string failure;  ///< Why it did not run (not installed, node failed), when !ran.
  double seconds = 0;   ///< DuckDB's time for the query, reading the file(s) included.
  Checksum checksum;
};

/// Runs `node <script> --query <query> --bids <bids_path> --persons <persons_path>` (the
/// DuckDB side: one thread, the same JSON-lines files) and parses its RESULT line. The script
/// needs bench/duckdb/install.sh to have run; without it the run reports a failure.
DuckDbRun RunDuckDb(const std::string& script,
                    const std::string& query,
                    const std::string& bids_path,
                    const std::string& persons_path);

}  // namespace fluxo::bench
