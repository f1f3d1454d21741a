#pragma once

#include <string>
#include <vector>

#include "runtime/kafka/kafka_handle.h"
#include "runtime/kafka/rdkafka_handles.h"
#include "runtime/topic/transactional_writer.h"

namespace fluxo::runtime::kafka {

/// A TransactionalWriter over a librdkafka transactional producer of its own
/// (`transactional.id`, idempotent; a transaction.timeout.ms of 10 s unless configured, as
/// Kafka Streams under exactly-once). Creating it calls init_transactions, which fences the
/// older producers of the id and aborts their open transaction. Errors are classified with
/// ClassifyKafkaError(in_transaction): fatal ones (fenced, InvalidProducerEpoch,
/// rd_kafka_error_is_fatal) make every later call fail; abortable ones (txn_requires_abort, a
/// request timeout inside a transaction) wait for Abort. Retriable ones are retried until
/// `request_ms` have passed.
class KafkaTransactionalWriter final : public TransactionalWriter {
 public:
  /// Throws fluxo::Error (kIo) when the producer cannot be created or initialised.
  KafkaTransactionalWriter(const KafkaProperties& properties,
                           const std::string& transactional_id,
                           int request_ms);
  /// Aborts an open transaction (briefly; a crash would leave it to the broker's timeout).
  ~KafkaTransactionalWriter() override;

  KafkaTransactionalWriter(const KafkaTransactionalWriter&) = delete;
  KafkaTransactionalWriter& operator=(const KafkaTransactionalWriter&) = delete;

  void Send(const std::string& topic, std::vector<TopicRecord>& records) override;

  void Commit() override;
  void Abort() override;

  TransactionFailure failure() const override { return failure_; }

 private:
  /// Runs a transactional call (init, begin, commit, abort) until it succeeds, fails for good
  /// or `request_ms` pass; records and throws its failure, starting the message with `what`.
  template <typename Call>
  void RunTransactional(const std::string& what, Call&& call);
  /// Records `failure` and throws kIo with `what` and librdkafka's `detail`.
  [[noreturn]] void Throw(TransactionFailure failure,
                          const std::string& what,
                          const std::string& detail);
  /// Throws when an earlier failure forbids the call.
  void ThrowIfFailed(const std::string& what);

  std::string transactional_id_;
  int request_ms_;
  HandlePtr producer_;
  bool in_transaction_ = false;
  TransactionFailure failure_ = TransactionFailure::kNone;
};

}  // namespace fluxo::runtime::kafka
