#include "runtime/kafka/kafka_transactional_writer.h"

#include <array>
#include <chrono>
#include <thread>

#include "runtime/core/error.h"
#include "runtime/core/log.h"
#include "runtime/kafka/kafka_error_class.h"
#include "runtime/kafka/kafka_record.h"

namespace fluxo::runtime::kafka {
namespace {

constexpr int kPollMs = 100;
constexpr int kAbortOnCloseMs = 2000;

const KafkaProperties kTransactionalDefaults = {
    {"partitioner", "murmur2_random"},  // Kafka's Java client default partitioner.
    {"linger.ms", "5"},
    {"transaction.timeout.ms", "10000"},
};

/// librdkafka's fatal error text, when the handle has one.
std::string FatalErrorText(rd_kafka_t* handle) {
  std::array<char, 512> text{};
  if (rd_kafka_fatal_error(handle, text.data(), text.size()) == RD_KAFKA_RESP_ERR_NO_ERROR) {
    return "";
  }
  return text.data();
}

}  // namespace

KafkaTransactionalWriter::KafkaTransactionalWriter(const KafkaProperties& properties,
                                                   const std::string& transactional_id,
                                                   int request_ms)
    : transactional_id_(transactional_id), request_ms_(request_ms) {
  KafkaProperties configured = properties;
  configured.erase("kafka.transactional.id");
  configured["transactional.id"] = transactional_id;
  producer_ = NewKafkaHandle(RD_KAFKA_PRODUCER, kTransactionalDefaults, configured);
  RunTransactional("Cannot initialise the transactions", [&](int timeout_ms) {
    return rd_kafka_init_transactions(producer_.get(), timeout_ms);
  });
}

KafkaTransactionalWriter::~KafkaTransactionalWriter() {
  if (in_transaction_ && failure_ != TransactionFailure::kFatal) {
    RdErrorPtr error{rd_kafka_abort_transaction(producer_.get(), kAbortOnCloseMs)};
    if (error != nullptr) {
      LogLine(LogLevel::kWarning,
              "Transactional id '" + transactional_id_ +
                  "': cannot abort the open transaction on close (the broker aborts it after "
                  "transaction.timeout.ms): " +
                  rd_kafka_error_string(error.get()));
    }
  }
}

void KafkaTransactionalWriter::Throw(TransactionFailure failure,
                                     const std::string& what,
                                     const std::string& detail) {
  if (failure_ != TransactionFailure::kFatal) {
    failure_ = failure;
  }
  std::string message = "Transactional id '" + transactional_id_ + "': " + what + ": " + detail;
  if (failure == TransactionFailure::kFatal) {
    message += " (fatal: this producer cannot write again";
    const std::string fatal = FatalErrorText(producer_.get());
    if (!fatal.empty() && detail.find(fatal) == std::string::npos) {
      message += "; " + fatal;
    }
    message += ")";
  }
  throw Error(ErrorKind::kIo, message);
}

void KafkaTransactionalWriter::ThrowIfFailed(const std::string& what) {
  if (failure_ == TransactionFailure::kFatal) {
    const std::string fatal = FatalErrorText(producer_.get());
    Throw(TransactionFailure::kFatal, what, fatal.empty() ? "an earlier error was fatal" : fatal);
  }
  if (failure_ == TransactionFailure::kAbortable) {
    Throw(TransactionFailure::kAbortable, what, "the transaction failed and must be aborted");
  }
}

template <typename Call>
void KafkaTransactionalWriter::RunTransactional(const std::string& what, Call&& call) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(request_ms_);
  for (;;) {
    RdErrorPtr error{call(request_ms_)};
    if (error == nullptr) {
      return;
    }
    const KafkaErrorClass error_class = ClassifyKafkaError(error.get(), in_transaction_);
    const std::string detail = rd_kafka_error_string(error.get());
    if (error_class == KafkaErrorClass::kFatal) {
      Throw(TransactionFailure::kFatal, what, detail);
    }
    if (error_class == KafkaErrorClass::kAbortTransaction) {
      Throw(TransactionFailure::kAbortable, what, detail);
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      // Retried for request_ms: inside a transaction a timeout aborts it.
      Throw(in_transaction_ ? TransactionFailure::kAbortable : TransactionFailure::kFatal,
            what,
            detail + " (still failing after " + std::to_string(request_ms_) + " ms)");
    }
    LogLine(LogLevel::kWarning,
            "Transactional id '" + transactional_id_ + "': " + what + " (retrying): " + detail);
    std::this_thread::sleep_for(std::chrono::milliseconds(kPollMs));
  }
}

void KafkaTransactionalWriter::Send(const std::string& topic, std::vector<TopicRecord>& records) {
  if (failure_ != TransactionFailure::kNone) {
    ThrowIfFailed("Cannot produce to topic '" + topic + "'");
  }
  if (records.empty()) {
    return;
  }
  if (!in_transaction_) {
    RunTransactional("Cannot begin a transaction", [&](int /*timeout_ms*/) {
      return rd_kafka_begin_transaction(producer_.get());
    });
    in_transaction_ = true;
  }
  const TopicPtr handle = ProducerTopic(producer_.get(), topic);
  for (const TopicRecord& record : records) {
    const rd_kafka_resp_err_t err = ProduceCopy(producer_.get(), handle.get(), record);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      records.clear();
      const bool fatal =
          err == RD_KAFKA_RESP_ERR__FATAL ||
          ClassifyKafkaError(err, /*in_transaction=*/true) == KafkaErrorClass::kFatal;
      Throw(fatal ? TransactionFailure::kFatal : TransactionFailure::kAbortable,
            "Cannot produce to topic '" + topic + "'",
            rd_kafka_err2str(err));
    }
  }
  rd_kafka_poll(producer_.get(), 0);
  records.clear();
}

void KafkaTransactionalWriter::Commit() {
  ThrowIfFailed("Cannot commit the transaction");
  if (!in_transaction_) {
    return;
  }
  RunTransactional("Cannot commit the transaction", [&](int timeout_ms) {
    return rd_kafka_commit_transaction(producer_.get(), timeout_ms);
  });
  in_transaction_ = false;
}

void KafkaTransactionalWriter::Abort() {
  if (failure_ == TransactionFailure::kFatal) {
    ThrowIfFailed("Cannot abort the transaction");
  }
  failure_ = TransactionFailure::kNone;
  if (!in_transaction_) {
    return;
  }
  RunTransactional("Cannot abort the transaction", [&](int timeout_ms) {
    return rd_kafka_abort_transaction(producer_.get(), timeout_ms);
  });
  in_transaction_ = false;
}

}  // namespace fluxo::runtime::kafka
