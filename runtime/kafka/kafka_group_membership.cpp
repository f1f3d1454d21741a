#include "runtime/kafka/kafka_group_membership.h"

#include <algorithm>
#include <exception>
#include <string>

#include "runtime/core/error.h"
#include "runtime/core/log.h"

namespace fluxo::runtime::kafka {
namespace {

void Rebalance(rd_kafka_t* /*handle*/,
               rd_kafka_resp_err_t event,
               rd_kafka_topic_partition_list_t* partitions,
               void* opaque) {
  static_cast<KafkaGroupMembership*>(opaque)->OnRebalance(event, partitions);
}

void SetRebalanceCallback(rd_kafka_conf_t* conf, void* member) {
  rd_kafka_conf_set_rebalance_cb(conf, Rebalance);
  rd_kafka_conf_set_opaque(conf, member);
}

// Runs an owner's callback: no exception may cross librdkafka's C frames.
template <typename Callback>
void Tell(Callback&& callback) {
  try {
    callback();
  } catch (const std::exception& error) {
    LogLine(LogLevel::kError, std::string("A consumer group's owner failed: ") + error.what());
  }
}

std::string PartitionsText(const std::vector<int32_t>& partitions) {
  std::string text;
  for (const int32_t partition : partitions) {
    text += (text.empty() ? "" : ", ") + std::to_string(partition);
  }
  return "[" + text + "]";
}

}  // namespace

KafkaGroupMembership::KafkaGroupMembership(const KafkaProperties& properties,
                                           const std::string& group_id,
                                           const std::string& topic,
                                           PartitionOwner& owner)
    : group_id_(group_id), owner_(&owner) {
  const KafkaProperties defaults = {
      {"enable.auto.commit", "false"},
      {"enable.auto.offset.store", "false"},
      {"session.timeout.ms", "10000"},
      {"heartbeat.interval.ms", "1000"},
  };
  KafkaProperties fixed = properties;
  fixed["group.id"] = group_id;
  // Range over co-partitioned topics gives one member the same partition numbers of each; the
  // eager protocol revokes everything before anything is assigned again.
  fixed["partition.assignment.strategy"] = "range";
  consumer_ = NewKafkaHandle(RD_KAFKA_CONSUMER, defaults, fixed, SetRebalanceCallback, this);
  PartitionListPtr subscription(rd_kafka_topic_partition_list_new(1));
  rd_kafka_topic_partition_list_add(subscription.get(), topic.c_str(), RD_KAFKA_PARTITION_UA);
  if (const rd_kafka_resp_err_t error = rd_kafka_subscribe(consumer_.get(), subscription.get());
      error != RD_KAFKA_RESP_ERR_NO_ERROR) {
    throw Error(ErrorKind::kIo,
                "Cannot join consumer group " + group_id + ": " + rd_kafka_err2str(error));
  }
}

KafkaGroupMembership::~KafkaGroupMembership() {
  owner_ = nullptr;
  rd_kafka_consumer_close(consumer_.get());
}

void KafkaGroupMembership::Poll() {
  // Serves the rebalance callback; the paused partitions hand out no records, and anything
  // fetched before the pause took hold is dropped (the query reads records on its own).
  while (MessagePtr message{rd_kafka_consumer_poll(consumer_.get(), 0)}) {
    if (message->err != RD_KAFKA_RESP_ERR_NO_ERROR &&
        message->err != RD_KAFKA_RESP_ERR__PARTITION_EOF) {
      LogLine(LogLevel::kWarning,
              "Consumer group " + group_id_ + ": " + rd_kafka_message_errstr(message.get()));
    }
  }
}

void KafkaGroupMembership::OnRebalance(rd_kafka_resp_err_t event,
                                       rd_kafka_topic_partition_list_t* partitions) {
  if (event == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
    owned_.clear();
    for (int i = 0; i < partitions->cnt; ++i) {
      owned_.push_back(partitions->elems[i].partition);
    }
    std::sort(owned_.begin(), owned_.end());
    LogLine(LogLevel::kInfo,
            "Consumer group " + group_id_ + ": this instance owns partitions " +
                PartitionsText(owned_));
    rd_kafka_assign(consumer_.get(), partitions);
    rd_kafka_pause_partitions(consumer_.get(), partitions);
    if (owner_ != nullptr) {
      Tell([&] { owner_->OnAssigned(owned_); });
    }
    return;
  }
  if (event == RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS && owner_ != nullptr && !owned_.empty()) {
    LogLine(LogLevel::kInfo,
            "Consumer group " + group_id_ + ": partitions " + PartitionsText(owned_) +
                " are revoked (the group is rebalancing)");
    Tell([&] { owner_->OnRevoked(owned_); });
  } else if (event != RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS) {
    LogLine(LogLevel::kWarning,
            "Consumer group " + group_id_ + ": rebalance failed: " + rd_kafka_err2str(event));
  }
  owned_.clear();
  rd_kafka_assign(consumer_.get(), nullptr);
}

}  // namespace fluxo::runtime::kafka
