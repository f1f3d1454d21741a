#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "runtime/topic/transactional_writer.h"

namespace fluxo::runtime {

class InMemoryTopicClient;

/// Transactions on an InMemoryTopicClient, for unit tests: the records sent in a transaction
/// wait in the writer and are appended to their topics together on Commit (so readers never
/// see uncommitted ones), or dropped on Abort. A newer writer with the same transactional id
/// fences this one: its next call fails with kFatal, as Kafka's InitProducerId does.
class InMemoryTransactionalWriter final : public TransactionalWriter {
 public:
  /// `client` must outlive the writer; `epoch` is the one the client gave the id for it.
  InMemoryTransactionalWriter(InMemoryTopicClient& client,
                              std::string transactional_id,
                              int64_t epoch);

  void Send(const std::string& topic, std::vector<TopicRecord>& records) override;

  void Commit() override;
  void Abort() override;

  TransactionFailure failure() const override { return failure_; }

 private:
  /// Throws kFatal when a newer writer took the transactional id.
  void ThrowIfFenced();

  InMemoryTopicClient& client_;
  std::string transactional_id_;
  int64_t epoch_;
  bool in_transaction_ = false;
  TransactionFailure failure_ = TransactionFailure::kNone;
  std::vector<std::pair<std::string, std::vector<TopicRecord>>> pending_;  ///< By topic, in order.
};

}  // namespace fluxo::runtime
