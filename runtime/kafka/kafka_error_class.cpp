#include "runtime/kafka/kafka_error_class.h"

namespace fluxo::runtime::kafka {

KafkaErrorClass ClassifyKafkaError(rd_kafka_resp_err_t err, bool in_transaction) {
  switch (err) {
    // The transaction's outcome on the broker is unknown: abort it and start over.
    case RD_KAFKA_RESP_ERR__TIMED_OUT:
    case RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT:
    case RD_KAFKA_RESP_ERR__MSG_TIMED_OUT:
      return in_transaction ? KafkaErrorClass::kAbortTransaction : KafkaErrorClass::kRetriable;
    // Transient: brokers restarting, leaders moving, metadata not yet propagated, queues full.
    case RD_KAFKA_RESP_ERR__TRANSPORT:
    case RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN:
    case RD_KAFKA_RESP_ERR__QUEUE_FULL:
    case RD_KAFKA_RESP_ERR__WAIT_COORD:
    case RD_KAFKA_RESP_ERR__IN_PROGRESS:
    case RD_KAFKA_RESP_ERR__RETRY:
    case RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE:
    case RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION:
    case RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART:
    case RD_KAFKA_RESP_ERR_NETWORK_EXCEPTION:
    case RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS:
    case RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS_AFTER_APPEND:
    case RD_KAFKA_RESP_ERR_COORDINATOR_LOAD_IN_PROGRESS:
    case RD_KAFKA_RESP_ERR_COORDINATOR_NOT_AVAILABLE:
    case RD_KAFKA_RESP_ERR_NOT_COORDINATOR:
    case RD_KAFKA_RESP_ERR_REBALANCE_IN_PROGRESS:
    case RD_KAFKA_RESP_ERR_KAFKA_STORAGE_ERROR:
    case RD_KAFKA_RESP_ERR_FETCH_SESSION_ID_NOT_FOUND:
    case RD_KAFKA_RESP_ERR_INVALID_FETCH_SESSION_EPOCH:
    case RD_KAFKA_RESP_ERR_FENCED_LEADER_EPOCH:
    case RD_KAFKA_RESP_ERR_UNKNOWN_LEADER_EPOCH:
    case RD_KAFKA_RESP_ERR_OFFSET_NOT_AVAILABLE:
    case RD_KAFKA_RESP_ERR_CONCURRENT_TRANSACTIONS:
      return KafkaErrorClass::kRetriable;
    // Inside a transaction these end it, but a new one may succeed: a producer whose
    // transaction failed refuses new records (__STATE) until it is aborted, and aborting
    // purges the records still queued (__PURGE_QUEUE).
    case RD_KAFKA_RESP_ERR_OUT_OF_ORDER_SEQUENCE_NUMBER:
    case RD_KAFKA_RESP_ERR_INVALID_TXN_STATE:
    case RD_KAFKA_RESP_ERR_UNKNOWN_PRODUCER_ID:
    case RD_KAFKA_RESP_ERR__STATE:
    case RD_KAFKA_RESP_ERR__PURGE_QUEUE:
    case RD_KAFKA_RESP_ERR__PURGE_INFLIGHT:
      return in_transaction ? KafkaErrorClass::kAbortTransaction : KafkaErrorClass::kFatal;
    // A newer producer with the same transactional id took over (this one is a zombie), or
    // the producer hit a fatal error: it never writes again.
    case RD_KAFKA_RESP_ERR__FENCED:
    case RD_KAFKA_RESP_ERR__FATAL:
    case RD_KAFKA_RESP_ERR_PRODUCER_FENCED:
    case RD_KAFKA_RESP_ERR_INVALID_PRODUCER_EPOCH:
    case RD_KAFKA_RESP_ERR_TRANSACTION_COORDINATOR_FENCED:
    case RD_KAFKA_RESP_ERR_TRANSACTIONAL_ID_AUTHORIZATION_FAILED:
    case RD_KAFKA_RESP_ERR_INVALID_PRODUCER_ID_MAPPING:
      return KafkaErrorClass::kFatal;
    default:
      // Fenced producers, authorisation and configuration errors, an offset out of range (a
      // query error, never a silent reset), and anything unknown: stop and say so.
      return KafkaErrorClass::kFatal;
  }
}

KafkaErrorClass ClassifyKafkaError(const rd_kafka_error_t* error, bool in_transaction) {
  if (rd_kafka_error_is_fatal(error) != 0) {
    return KafkaErrorClass::kFatal;
  }
  if (rd_kafka_error_txn_requires_abort(error) != 0) {
    return KafkaErrorClass::kAbortTransaction;
  }
  if (rd_kafka_error_is_retriable(error) != 0) {
    return in_transaction && (rd_kafka_error_code(error) == RD_KAFKA_RESP_ERR__TIMED_OUT)
               ? KafkaErrorClass::kAbortTransaction
               : KafkaErrorClass::kRetriable;
  }
  return ClassifyKafkaError(rd_kafka_error_code(error), in_transaction);
}

std::string_view KafkaErrorClassName(KafkaErrorClass error_class) {
  switch (error_class) {
    case KafkaErrorClass::kRetriable:
      return "retriable";
    case KafkaErrorClass::kAbortTransaction:
      return "abort-transaction";
    case KafkaErrorClass::kFatal:
      return "fatal";
  }
  return "fatal";
}

}  // namespace fluxo::runtime::kafka
