#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "runtime/topic/topic_client.h"

namespace fluxo::runtime {

/// What a failed transactional call left behind.
enum class TransactionFailure {
  kNone,       ///< No failure (or the last one was dealt with by Abort).
  kAbortable,  ///< The open transaction cannot commit: Abort it, then redo the work since the
               ///< last commit (a request timeout inside a transaction is one of these).
  kFatal,      ///< The writer can never write again: fenced by a newer writer with the same
               ///< transactional id, or broken.
};

/// "none", "abortable" or "fatal".
std::string_view TransactionFailureName(TransactionFailure failure);

/// Writes records in transactions (Kafka's exactly-once producer): what is sent between two
/// Commits becomes visible to read_committed readers all at once on Commit, or never (Abort,
/// or a crash before Commit). Created by TopicClient::NewTransactionalWriter with a
/// transactional id; creating one fences every older writer with the same id (their open
/// transaction is aborted and their next call fails with kFatal).
///
/// Every method throws fluxo::Error (kIo) when it fails, and failure() then says what to do.
/// Not thread-safe.
class TransactionalWriter {
 public:
  virtual ~TransactionalWriter() = default;

  /// Hands `records` over to the open transaction, opening one when none is open. Records with
  /// partition -1 go where TopicClient::Produce would put them. Leaves `records` empty.
  virtual void Send(const std::string& topic, std::vector<TopicRecord>& records) = 0;

  /// Commits the open transaction (nothing when none is open): waits until every record sent
  /// in it is stored, then makes them visible together.
  virtual void Commit() = 0;

  /// Aborts the open transaction (nothing when none is open): none of its records will ever
  /// be visible to read_committed readers. Clears an abortable failure.
  virtual void Abort() = 0;

  /// What the last failure calls for (kNone before any).
  virtual TransactionFailure failure() const = 0;
};

}  // namespace fluxo::runtime
