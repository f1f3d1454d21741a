#include "cli/server/request_metrics.h"

namespace fluxo::cli::server {

void RequestMetrics::Count(const std::string& endpoint, int status) {
  std::lock_guard lock(mutex_);
  ++counts_[{endpoint, status}];
}

std::map<std::pair<std::string, int>, uint64_t> RequestMetrics::Snapshot() const {
  std::lock_guard lock(mutex_);
  return counts_;
}

}  // namespace fluxo::cli::server
