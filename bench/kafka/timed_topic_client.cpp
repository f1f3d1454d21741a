#include "bench/kafka/timed_topic_client.h"

#include <chrono>
#include <utility>
#include <vector>

#include "runtime/topic/transactional_writer.h"

namespace fluxo::bench {

namespace {

using Clock = std::chrono::steady_clock;

/// Adds the time from construction to destruction, and one call, to a counter.
template <typename Counter>
class Timed {
 public:
  explicit Timed(Counter& counter) : counter_(counter), start_(Clock::now()) {}

  ~Timed() {
    counter_.nanoseconds +=
        std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - start_).count();
    ++counter_.calls;
  }

  Timed(const Timed&) = delete;
  Timed& operator=(const Timed&) = delete;

 private:
  Counter& counter_;
  Clock::time_point start_;
};

/// Runs `fetch`, which fills `records`, timed as one fetch call of `counter`, and counts the
/// records it got (or one empty fetch).
template <typename Counter, typename Fetch>
void TimedFetch(Counter& counter, const std::vector<runtime::TopicRecord>& records, Fetch&& fetch) {
  const Timed timed(counter);
  fetch();
  counter.records += records.size();
  if (records.empty()) {
    ++counter.empty;
  }
}

double Seconds(int64_t nanoseconds) {
  return static_cast<double>(nanoseconds) * 1e-9;
}

}  // namespace

TimedTopicClient::TimedTopicClient(std::shared_ptr<runtime::TopicClient> inner)
    : inner_(std::move(inner)) {}

TopicClientTimes TimedTopicClient::Times() const {
  TopicClientTimes times;
  times.fetch_seconds = Seconds(fetch_.nanoseconds);
  times.fetch_calls = fetch_.calls;
  times.fetch_records = fetch_.records;
  times.empty_fetches = fetch_.empty;
  times.produce_seconds = Seconds(produce_.nanoseconds);
  times.produce_calls = produce_.calls;
  times.produce_records = produce_.records;
  times.metadata_seconds = Seconds(metadata_.nanoseconds);
  times.metadata_calls = metadata_.calls;
  return times;
}

void TimedTopicClient::CreateTopic(const std::string& topic,
                                   int32_t partitions,
                                   const runtime::TopicConfig& config) {
  inner_->CreateTopic(topic, partitions, config);
}

bool TimedTopicClient::TopicExists(const std::string& topic) const {
  const Timed timed(metadata_);
  return inner_->TopicExists(topic);
}

int32_t TimedTopicClient::PartitionCount(const std::string& topic) const {
  const Timed timed(metadata_);
  return inner_->PartitionCount(topic);
}

void TimedTopicClient::DeleteTopic(const std::string& topic) {
  inner_->DeleteTopic(topic);
}

std::vector<std::string> TimedTopicClient::ListTopics() const {
  const Timed timed(metadata_);
  return inner_->ListTopics();
}

runtime::TopicRecord TimedTopicClient::Produce(const std::string& topic,
                                               runtime::TopicRecord record) {
  const Timed timed(produce_);
  ++produce_.records;
  return inner_->Produce(topic, std::move(record));
}

void TimedTopicClient::ProduceAll(const std::string& topic,
                                  std::vector<runtime::TopicRecord>& records) {
  const Timed timed(produce_);
  produce_.records += records.size();
  inner_->ProduceAll(topic, records);
}

void TimedTopicClient::FetchInto(const std::string& topic,
                                 int32_t partition,
                                 int64_t offset,
                                 size_t max_records,
                                 std::vector<runtime::TopicRecord>& records) const {
  TimedFetch(
      fetch_, records, [&] { inner_->FetchInto(topic, partition, offset, max_records, records); });
}

int64_t TimedTopicClient::EndOffset(const std::string& topic, int32_t partition) const {
  const Timed timed(metadata_);
  return inner_->EndOffset(topic, partition);
}

void TimedTopicClient::Send(const std::string& topic, std::vector<runtime::TopicRecord>& records) {
  const Timed timed(produce_);
  produce_.records += records.size();
  inner_->Send(topic, records);
}

void TimedTopicClient::AwaitSent() {
  const Timed timed(produce_);
  inner_->AwaitSent();
}

/// The inner client's reader, with its fetches added to the client's fetch counter.
class TimedTopicClient::TimedReader final : public runtime::TopicReader {
 public:
  TimedReader(std::unique_ptr<runtime::TopicReader> inner, Counter& fetch)
      : inner_(std::move(inner)), fetch_(fetch) {}

  void FetchInto(const std::string& topic,
                 int32_t partition,
                 int64_t offset,
                 size_t max_records,
                 std::vector<runtime::TopicRecord>& records) override {
    TimedFetch(fetch_, records, [&] {
      inner_->FetchInto(topic, partition, offset, max_records, records);
    });
  }

 private:
  std::unique_ptr<runtime::TopicReader> inner_;
  Counter& fetch_;
};

std::unique_ptr<runtime::TopicReader> TimedTopicClient::NewReader() const {
  return std::make_unique<TimedReader>(inner_->NewReader(), fetch_);
}

int64_t TimedTopicClient::SkipInvisible(const std::string& topic,
                                        int32_t partition,
                                        int64_t offset) const {
  return inner_->SkipInvisible(topic, partition, offset);
}

std::unique_ptr<runtime::TransactionalWriter> TimedTopicClient::NewTransactionalWriter(
    const std::string& transactional_id) {
  return inner_->NewTransactionalWriter(transactional_id);
}

}  // namespace fluxo::bench
