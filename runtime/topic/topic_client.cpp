#include "runtime/topic/topic_client.h"

#include <utility>

#include "runtime/core/error.h"
#include "runtime/topic/group_membership.h"
#include "runtime/topic/transactional_writer.h"

namespace fluxo::runtime {

void TopicClient::ProduceAll(const std::string& topic, std::vector<TopicRecord>& records) {
  for (TopicRecord& record : records) {
    Produce(topic, std::move(record));
  }
  records.clear();
}

void TopicClient::Send(const std::string& topic, std::vector<TopicRecord>& records) {
  ProduceAll(topic, records);
}

std::vector<TopicRecord> TopicClient::Fetch(const std::string& topic,
                                            int32_t partition,
                                            int64_t offset,
                                            size_t max_records) const {
  std::vector<TopicRecord> records;
  FetchInto(topic, partition, offset, max_records, records);
  return records;
}

namespace {

/// Reads through the client's own FetchInto.
class ClientReader final : public TopicReader {
 public:
  explicit ClientReader(const TopicClient& client) : client_(client) {}

  void FetchInto(const std::string& topic,
                 int32_t partition,
                 int64_t offset,
                 size_t max_records,
                 std::vector<TopicRecord>& records) override {
    client_.FetchInto(topic, partition, offset, max_records, records);
  }

 private:
  const TopicClient& client_;
};

}  // namespace

std::unique_ptr<TopicReader> TopicClient::NewReader() const {
  return std::make_unique<ClientReader>(*this);
}

std::unique_ptr<TransactionalWriter> TopicClient::NewTransactionalWriter(
    const std::string& transactional_id) {
  throw Error(ErrorKind::kIo,
              "This topic client has no transactions (transactional id '" + transactional_id +
                  "'): processing.guarantee=exactly_once_v2 needs a Kafka broker");
}

namespace {

/// The only member of its group: owns every partition from its first Poll on.
class SoleMember final : public GroupMembership {
 public:
  SoleMember(int32_t partitions, PartitionOwner& owner) : partitions_(partitions), owner_(owner) {}

  void Poll() override {
    if (assigned_) {
      return;
    }
    assigned_ = true;
    std::vector<int32_t> all(static_cast<size_t>(partitions_));
    for (int32_t partition = 0; partition < partitions_; ++partition) {
      all[static_cast<size_t>(partition)] = partition;
    }
    owner_.OnAssigned(all);
  }

 private:
  int32_t partitions_;
  PartitionOwner& owner_;
  bool assigned_ = false;
};

}  // namespace

std::unique_ptr<GroupMembership> TopicClient::JoinGroup(const std::string& group_id,
                                                        const std::string& topic,
                                                        PartitionOwner& owner) {
  static_cast<void>(group_id);
  return std::make_unique<SoleMember>(PartitionCount(topic), owner);
}

std::string_view TransactionFailureName(TransactionFailure failure) {
  switch (failure) {
    case TransactionFailure::kNone:
      return "none";
    case TransactionFailure::kAbortable:
      return "abortable";
    case TransactionFailure::kFatal:
      return "fatal";
  }
  return "fatal";
}

int32_t Murmur2(const std::string& key) {
  // Kafka's Utils.murmur2: seed 0x9747b28c, m = 0x5bd1e995, r = 24.
  constexpr uint32_t kSeed = 0x9747b28cU;
  constexpr uint32_t kM = 0x5bd1e995U;
  constexpr int kR = 24;
  const auto length = static_cast<uint32_t>(key.size());
  uint32_t hash = kSeed ^ length;
  const auto* data = reinterpret_cast<const unsigned char*>(key.data());
  const uint32_t blocks = length / 4;
  for (uint32_t i = 0; i < blocks; ++i) {
    const uint32_t offset = i * 4;
    uint32_t k = static_cast<uint32_t>(data[offset]) |
                 (static_cast<uint32_t>(data[offset + 1]) << 8) |
                 (static_cast<uint32_t>(data[offset + 2]) << 16) |
                 (static_cast<uint32_t>(data[offset + 3]) << 24);
    k *= kM;
    k ^= k >> kR;
    k *= kM;
    hash *= kM;
    hash ^= k;
  }
  const uint32_t tail = blocks * 4;
  switch (length % 4) {
    case 3:
      hash ^= static_cast<uint32_t>(data[tail + 2]) << 16;
      [[fallthrough]];
    case 2:
      hash ^= static_cast<uint32_t>(data[tail + 1]) << 8;
      [[fallthrough]];
    case 1:
      hash ^= static_cast<uint32_t>(data[tail]);
      hash *= kM;
      break;
    default:
      break;
  }
  hash ^= hash >> 13;
  hash *= kM;
  hash ^= hash >> 15;
  return static_cast<int32_t>(hash);
}

int32_t PartitionForKey(const std::string& key, int32_t partitions) {
  // Kafka's toPositive(murmur2(key)) % partitions.
  const auto positive = static_cast<uint32_t>(Murmur2(key)) & 0x7fffffffU;
  return static_cast<int32_t>(positive % static_cast<uint32_t>(partitions));
}

}  // namespace fluxo::runtime
