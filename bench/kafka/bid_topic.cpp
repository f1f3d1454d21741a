#include "bench/kafka/bid_topic.h"

#include <charconv>
#include <chrono>
#include <string_view>

#include "bench/kafka/bench_broker.h"
#include "runtime/core/error.h"

namespace fluxo::bench {

namespace {

constexpr size_t kRecordsPerChunk = 20000;
constexpr std::string_view kAuctionPrefix = "{\"auction\":";

int64_t AuctionOf(const std::string& json) {
  int64_t auction = 0;
  if (!json.starts_with(kAuctionPrefix) ||
      std::from_chars(json.data() + kAuctionPrefix.size(), json.data() + json.size(), auction).ec !=
          std::errc()) {
    throw Error(ErrorKind::kExecution, "a generated bid does not start with its auction: " + json);
  }
  return auction;
}

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

std::string BidsStreamDdl(const std::string& stream, const std::string& topic) {
  return "CREATE STREAM " + stream +
         " (auction BIGINT KEY, bidder BIGINT, price BIGINT, channel STRING, url STRING, "
         "dateTime BIGINT, extra STRING) WITH (kafka_topic='" +
         topic + "', value_format='JSON');";
}

runtime::TopicRecord KeyedBid(const NexmarkRecord& bid, int64_t timestamp_ms) {
  runtime::TopicRecord record;
  record.key = BigEndian64(AuctionOf(bid.value));
  record.value = bid.value;
  record.timestamp = timestamp_ms;
  return record;
}

double ProduceBids(runtime::TopicClient& topics,
                   const std::string& topic,
                   int32_t partitions,
                   const std::vector<NexmarkRecord>& bids) {
  const auto start = std::chrono::steady_clock::now();
  topics.CreateTopic(topic, partitions);
  WaitUntilTopicServes(topics, topic);
  const int64_t span = bids.empty() ? 0 : bids.back().timestamp - bids.front().timestamp;
  const int64_t shift = NowMs() - 60000 - span - (bids.empty() ? 0 : bids.front().timestamp);
  std::vector<runtime::TopicRecord> chunk;
  chunk.reserve(kRecordsPerChunk);
  for (size_t first = 0; first < bids.size(); first += kRecordsPerChunk) {
    const size_t last = std::min(bids.size(), first + kRecordsPerChunk);
    for (size_t index = first; index < last; ++index) {
      chunk.push_back(KeyedBid(bids[index], bids[index].timestamp + shift));
    }
    topics.ProduceAll(topic, chunk);  // Leaves `chunk` empty.
    chunk.clear();
  }
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace fluxo::bench
