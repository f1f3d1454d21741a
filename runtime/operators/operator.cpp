#include "runtime/operators/operator.h"

namespace fluxo::runtime {

void OperatorContext::SkipRow(const Row& row, const std::string& reason) const {
  if (processing_log != nullptr) {
    processing_log->Record({query_id, source_topic, row.partition, row.offset, reason});
  }
}

void OperatorContext::DropLateRow(const Row& row, const std::string& reason) const {
  if (counters != nullptr) {
    ++counters->late_records_dropped;
  }
  SkipRow(row, reason);
}

}  // namespace fluxo::runtime
