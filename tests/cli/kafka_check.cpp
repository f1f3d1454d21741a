// kafka_check BOOTSTRAP TOPIC: produces one keyed record with a header through KafkaTopicClient
// and fetches it back from its partition and offset. Exits 0 when it reads back what it wrote.

#include <iostream>
#include <string>

#include "runtime/core/error.h"
#include "runtime/kafka/kafka_topic_client.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: kafka_check BOOTSTRAP TOPIC\n";
    return 2;
  }
  const std::string topic = argv[2];
  try {
    fluxo::runtime::kafka::KafkaTopicClient client({{"bootstrap.servers", argv[1]}});
    fluxo::runtime::TopicRecord record;
    record.key = "check-key";
    record.value = "check-value";
    record.timestamp = 1700000000000;
    record.headers = {{"origin", std::string("kafka_check")}};
    const fluxo::runtime::TopicRecord stored = client.Produce(topic, record);
    const auto fetched = client.Fetch(topic, stored.partition, stored.offset, 1);
    if (fetched.size() != 1 || fetched[0].key != record.key || fetched[0].value != record.value ||
        fetched[0].timestamp != record.timestamp || fetched[0].headers != record.headers ||
        stored.partition != fluxo::runtime::PartitionForKey("check-key", 3)) {
      std::cerr << "kafka_check: the record read back differs from the one written\n";
      return 1;
    }
    std::cout << "partitions=" << client.PartitionCount(topic) << " partition=" << stored.partition
              << " offset=" << stored.offset << "\n";
  } catch (const fluxo::Error& error) {
    std::cerr << "kafka_check: " << error.what() << "\n";
    return 1;
  }
  return 0;
}
