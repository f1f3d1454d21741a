#include "bench/stateful/duckdb_reference.h"

#include <cinttypes>
#include <cstdio>
#include <filesystem>
#include <sstream>

namespace fluxo::bench {

namespace {

/// Quotes `text` for /bin/sh.
std::string ShellQuote(const std::string& text) {
  std::string quoted = "'";
  for (const char c : text) {
    quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  }
  return quoted + "'";
}

}  // namespace

DuckDbRun RunDuckDb(const std::string& script,
                    const std::string& query,
                    const std::string& bids_path,
                    const std::string& persons_path) {
  DuckDbRun run;
  const std::filesystem::path modules =
      std::filesystem::path(script).parent_path() / "node_modules" / "@duckdb" / "node-api";
  if (!std::filesystem::exists(modules)) {
    run.failure = "not installed (run bench/duckdb/install.sh)";
    return run;
  }
  const std::string command = "node " + ShellQuote(script) + " --query " + ShellQuote(query) +
                              " --bids " + ShellQuote(bids_path) + " --persons " +
                              ShellQuote(persons_path) + " 2>&1";
  std::FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) {
    run.failure = "cannot start node";
    return run;
  }
  std::string output;
  char buffer[4096];
  while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) {
    output += buffer;
  }
  const int status = pclose(pipe);
  std::istringstream lines(output);
  std::string line;
  while (std::getline(lines, line)) {
    char name[32];
    if (std::sscanf(line.c_str(),
                    "RESULT %31s %lf %" SCNd64 " %" SCNd64 " %" SCNd64,
                    name,
                    &run.seconds,
                    &run.checksum.rows,
                    &run.checksum.sum_a,
                    &run.checksum.sum_b) == 5) {
      run.ran = true;
      return run;
    }
  }
  run.failure = "node exited with status " + std::to_string(status) + ": " + output;
  return run;
}

}  // namespace fluxo::bench
