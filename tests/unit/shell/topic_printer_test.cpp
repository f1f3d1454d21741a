#include "cli/shell/topic_printer.h"

#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "runtime/core/error.h"
#include "runtime/topic/in_memory_topic_client.h"

namespace fluxo::cli::shell {
namespace {

void Produce(runtime::TopicClient& topics,
             const std::string& topic,
             std::optional<std::string> key,
             std::optional<std::string> value,
             int64_t timestamp) {
  runtime::TopicRecord record;
  record.key = std::move(key);
  record.value = std::move(value);
  record.timestamp = timestamp;
  record.partition = 0;
  topics.Produce(topic, std::move(record));
}

ast::PrintTopic Print(std::string topic, bool from_beginning, std::optional<int64_t> limit) {
  ast::PrintTopic print;
  print.topic = std::move(topic);
  print.from_beginning = from_beginning;
  print.limit = limit;
  return print;
}

TEST_SUITE("shell") {
  TEST_CASE("rowtime is UTC with milliseconds, as ksqlDB prints it") {
    CHECK(FormatRowtime(0) == "1970/01/01 00:00:00.000 Z");
    CHECK(FormatRowtime(1704103205123) == "2024/01/01 10:00:05.123 Z");
  }

  TEST_CASE("from the beginning, with the formats before the first record") {
    runtime::InMemoryTopicClient topics;
    topics.CreateTopic("Clicks", 1);
    Produce(topics, "Clicks", "alice", R"({"page":"/"})", 0);
    Produce(topics, "Clicks", std::nullopt, "plain", 1000);
    TopicPrinter printer(Print("CLICKS", true, std::nullopt));  // Unquoted: upper-cased.
    printer.Open(topics);
    CHECK(printer.topic() == "Clicks");
    CHECK(
        printer.Poll(topics) ==
        std::vector<std::string>{
            "Key format: KAFKA_STRING",
            "Value format: JSON or KAFKA_STRING",
            R"(rowtime: 1970/01/01 00:00:00.000 Z, key: alice, value: {"page":"/"}, partition: 0)",
            "rowtime: 1970/01/01 00:00:01.000 Z, key: <null>, value: plain, partition: 0"});
    CHECK(printer.Poll(topics).empty());
    CHECK_FALSE(printer.done());
  }

  TEST_CASE("without FROM BEGINNING only new records show; LIMIT and INTERVAL count") {
    runtime::InMemoryTopicClient topics;
    topics.CreateTopic("t", 1);
    Produce(topics, "t", "old", "0", 0);
    ast::PrintTopic print = Print("t", false, 2);
    print.interval = 2;
    TopicPrinter printer(print);
    printer.Open(topics);
    for (int i = 1; i <= 6; ++i) {
      Produce(topics, "t", "k", std::to_string(i), i);
    }
    const std::vector<std::string> lines = printer.Poll(topics);
    REQUIRE(lines.size() == 4);
    CHECK(lines[2].find("value: 1,") != std::string::npos);
    CHECK(lines[3].find("value: 3,") != std::string::npos);
    CHECK(printer.done());
  }

  TEST_CASE("a missing topic is an error") {
    runtime::InMemoryTopicClient topics;
    TopicPrinter printer(Print("nope", true, std::nullopt));
    CHECK_THROWS_AS(printer.Open(topics), Error);
  }
}

}  // namespace
}  // namespace fluxo::cli::shell
