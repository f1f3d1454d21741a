#include "runtime/topic/in_memory_transactional_writer.h"

#include "runtime/core/error.h"
#include "runtime/topic/in_memory_topic_client.h"

namespace fluxo::runtime {

InMemoryTransactionalWriter::InMemoryTransactionalWriter(InMemoryTopicClient& client,
                                                         std::string transactional_id,
                                                         int64_t epoch)
    : client_(client), transactional_id_(std::move(transactional_id)), epoch_(epoch) {}

void InMemoryTransactionalWriter::ThrowIfFenced() {
  if (failure_ == TransactionFailure::kFatal ||
      client_.TransactionEpoch(transactional_id_) != epoch_) {
    failure_ = TransactionFailure::kFatal;
    pending_.clear();
    in_transaction_ = false;
    throw Error(ErrorKind::kIo,
                "Transactional id '" + transactional_id_ +
                    "' was fenced: a newer producer with the same transactional id started");
  }
}

void InMemoryTransactionalWriter::Send(const std::string& topic,
                                       std::vector<TopicRecord>& records) {
  ThrowIfFenced();
  if (failure_ == TransactionFailure::kAbortable) {
    records.clear();
    throw Error(ErrorKind::kIo,
                "Transactional id '" + transactional_id_ + "': the transaction must be aborted");
  }
  if (!client_.TopicExists(topic)) {
    records.clear();
    throw Error(ErrorKind::kIo, "Topic does not exist: " + topic);
  }
  in_transaction_ = true;
  if (pending_.empty() || pending_.back().first != topic) {
    pending_.emplace_back(topic, std::vector<TopicRecord>{});
  }
  for (TopicRecord& record : records) {
    pending_.back().second.push_back(std::move(record));
  }
  records.clear();
}

void InMemoryTransactionalWriter::Commit() {
  ThrowIfFenced();
  if (!in_transaction_) {
    return;
  }
  const TransactionFailure injected = client_.TakeInjectedCommitFailure();
  if (injected != TransactionFailure::kNone) {
    failure_ = injected;
    throw Error(ErrorKind::kIo,
                "Transactional id '" + transactional_id_ + "': commit failed (" +
                    std::string(TransactionFailureName(injected)) + ", injected by the test)");
  }
  if (failure_ == TransactionFailure::kAbortable) {
    throw Error(ErrorKind::kIo,
                "Transactional id '" + transactional_id_ + "': the transaction must be aborted");
  }
  for (auto& [topic, records] : pending_) {
    client_.ProduceAll(topic, records);
  }
  pending_.clear();
  in_transaction_ = false;
}

void InMemoryTransactionalWriter::Abort() {
  ThrowIfFenced();
  pending_.clear();
  in_transaction_ = false;
  failure_ = TransactionFailure::kNone;
}

}  // namespace fluxo::runtime
