#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace fluxo::cli::server {

/// Counts the server's requests by endpoint and response status, for /metrics. Thread-safe.
class RequestMetrics {
 public:
  /// `endpoint`: the route ("/ksql", "/webhooks", ...; "other" for unknown paths).
  void Count(const std::string& endpoint, int status);

  /// Every (endpoint, status) pair seen, with its count.
  std::map<std::pair<std::string, int>, uint64_t> Snapshot() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, int>, uint64_t> counts_;
};

}  // namespace fluxo::cli::server
