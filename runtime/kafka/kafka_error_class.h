#pragma once

#include <algorithm>
#include <chrono>
#include <string_view>
#include <thread>

#include "runtime/kafka/rdkafka_handles.h"

namespace fluxo::runtime::kafka {

/// What to do about a librdkafka error.
enum class KafkaErrorClass {
  kRetriable,         ///< Transient (a leader moving, a broker restarting): retry the request.
  kAbortTransaction,  ///< Abort the open transaction, re-initialise, and redo the work.
  kFatal,             ///< Stop: the client cannot go on (fenced, unauthorised, bad request).
};

/// Classifies a librdkafka error code. `in_transaction`: a timeout inside a transaction means
/// abort and re-initialise (the transaction's state on the broker is unknown), not a retry.
KafkaErrorClass ClassifyKafkaError(rd_kafka_resp_err_t err, bool in_transaction = false);

/// As above for a librdkafka error object, using its own flags (fatal, txn_requires_abort,
/// retriable) where it sets them.
KafkaErrorClass ClassifyKafkaError(const rd_kafka_error_t* error, bool in_transaction = false);

/// Calls `request` (which returns an rd_kafka_resp_err_t) until it succeeds, fails with an
/// error that is not retriable, or `deadline_ms` have passed, waiting a little longer after
/// each retriable failure. Returns the last result.
template <typename Request>
rd_kafka_resp_err_t RetryRetriable(Request&& request, int deadline_ms) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(deadline_ms);
  auto backoff = std::chrono::milliseconds(50);
  for (;;) {
    const rd_kafka_resp_err_t err = request();
    if (err == RD_KAFKA_RESP_ERR_NO_ERROR ||
        ClassifyKafkaError(err) != KafkaErrorClass::kRetriable ||
        std::chrono::steady_clock::now() + backoff >= deadline) {
      return err;
    }
    std::this_thread::sleep_for(backoff);
    backoff = std::min(backoff * 2, std::chrono::milliseconds(1000));
  }
}

/// "retriable", "abort-transaction" or "fatal".
std::string_view KafkaErrorClassName(KafkaErrorClass error_class);

}  // namespace fluxo::runtime::kafka
