// How librdkafka errors are classified: retry, abort the transaction, or stop.

#include "runtime/kafka/kafka_error_class.h"

#include <doctest/doctest.h>

namespace fluxo::runtime::kafka {

TEST_CASE("transient librdkafka errors are retriable") {
  for (const rd_kafka_resp_err_t err : {RD_KAFKA_RESP_ERR__TRANSPORT,
                                        RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN,
                                        RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION,
                                        RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE,
                                        RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS,
                                        RD_KAFKA_RESP_ERR__QUEUE_FULL,
                                        RD_KAFKA_RESP_ERR_COORDINATOR_LOAD_IN_PROGRESS}) {
    CAPTURE(rd_kafka_err2name(err));
    CHECK(ClassifyKafkaError(err) == KafkaErrorClass::kRetriable);
    CHECK(ClassifyKafkaError(err, /*in_transaction=*/true) == KafkaErrorClass::kRetriable);
  }
}

TEST_CASE("a timeout is retried, except inside a transaction, which it aborts") {
  for (const rd_kafka_resp_err_t err : {RD_KAFKA_RESP_ERR__TIMED_OUT,
                                        RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT,
                                        RD_KAFKA_RESP_ERR__MSG_TIMED_OUT}) {
    CAPTURE(rd_kafka_err2name(err));
    CHECK(ClassifyKafkaError(err) == KafkaErrorClass::kRetriable);
    CHECK(ClassifyKafkaError(err, /*in_transaction=*/true) == KafkaErrorClass::kAbortTransaction);
  }
}

TEST_CASE("fencing, authorisation and out-of-range offsets are fatal") {
  for (const rd_kafka_resp_err_t err : {RD_KAFKA_RESP_ERR__FENCED,
                                        RD_KAFKA_RESP_ERR_PRODUCER_FENCED,
                                        RD_KAFKA_RESP_ERR_INVALID_PRODUCER_EPOCH,
                                        RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED,
                                        RD_KAFKA_RESP_ERR_OFFSET_OUT_OF_RANGE,
                                        RD_KAFKA_RESP_ERR__AUTO_OFFSET_RESET,
                                        RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE}) {
    CAPTURE(rd_kafka_err2name(err));
    CHECK(ClassifyKafkaError(err) == KafkaErrorClass::kFatal);
    CHECK(ClassifyKafkaError(err, /*in_transaction=*/true) == KafkaErrorClass::kFatal);
  }
}

TEST_CASE("inside a transaction, a failed transaction state aborts it; fencing never does") {
  for (const rd_kafka_resp_err_t err : {RD_KAFKA_RESP_ERR__STATE,
                                        RD_KAFKA_RESP_ERR__PURGE_QUEUE,
                                        RD_KAFKA_RESP_ERR_INVALID_TXN_STATE,
                                        RD_KAFKA_RESP_ERR_UNKNOWN_PRODUCER_ID}) {
    CAPTURE(rd_kafka_err2name(err));
    CHECK(ClassifyKafkaError(err) == KafkaErrorClass::kFatal);
    CHECK(ClassifyKafkaError(err, /*in_transaction=*/true) == KafkaErrorClass::kAbortTransaction);
  }
  for (const rd_kafka_resp_err_t err : {RD_KAFKA_RESP_ERR__FATAL,
                                        RD_KAFKA_RESP_ERR_TRANSACTION_COORDINATOR_FENCED,
                                        RD_KAFKA_RESP_ERR_TRANSACTIONAL_ID_AUTHORIZATION_FAILED}) {
    CAPTURE(rd_kafka_err2name(err));
    CHECK(ClassifyKafkaError(err, /*in_transaction=*/true) == KafkaErrorClass::kFatal);
  }
}

TEST_CASE("an error object's own flags decide first") {
  RdErrorPtr plain(rd_kafka_error_new(RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE, "test"));
  // A plain error object carries no flags: its code decides.
  CHECK(ClassifyKafkaError(plain.get()) == KafkaErrorClass::kFatal);
  RdErrorPtr timeout(rd_kafka_error_new(RD_KAFKA_RESP_ERR__TIMED_OUT, "test"));
  CHECK(ClassifyKafkaError(timeout.get(), /*in_transaction=*/true) ==
        KafkaErrorClass::kAbortTransaction);
  CHECK(KafkaErrorClassName(KafkaErrorClass::kAbortTransaction) == "abort-transaction");
}

TEST_CASE("RetryRetriable retries transient failures and gives up on the others at once") {
  int calls = 0;
  CHECK(RetryRetriable(
            [&] {
              return ++calls < 3 ? RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION
                                 : RD_KAFKA_RESP_ERR_NO_ERROR;
            },
            5000) == RD_KAFKA_RESP_ERR_NO_ERROR);
  CHECK(calls == 3);
  calls = 0;
  CHECK(RetryRetriable(
            [&] {
              ++calls;
              return RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED;
            },
            5000) == RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED);
  CHECK(calls == 1);
  calls = 0;
  CHECK(RetryRetriable(
            [&] {
              ++calls;
              return RD_KAFKA_RESP_ERR__TRANSPORT;
            },
            300) == RD_KAFKA_RESP_ERR__TRANSPORT);  // Until the deadline, then the last error.
  CHECK(calls >= 2);
}

}  // namespace fluxo::runtime::kafka
