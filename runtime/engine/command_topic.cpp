#include "runtime/engine/command_topic.h"

#include <nlohmann/json.hpp>

#include "runtime/core/error.h"
#include "runtime/core/log.h"

namespace fluxo::engine {

namespace {

constexpr int32_t kPartition = 0;
constexpr size_t kBatchSize = 512;

std::string Encode(const Command& command) {
  nlohmann::json json;
  json["statement"] = command.statement;
  json["properties"] = command.properties;
  return json.dump();
}

}  // namespace

CommandTopic::CommandTopic(runtime::TopicClient& topics, const std::string& service_id)
    : topics_(topics), topic_(TopicName(service_id)) {
  if (topics_.TopicExists(topic_)) {
    return;
  }
  try {
    topics_.CreateTopic(topic_, 1);
  } catch (const Error& error) {
    if (!topics_.TopicExists(topic_)) {
      throw;
    }
    LogLine(LogLevel::kWarning,
            "The command topic " + topic_ + " was created with " +
                std::to_string(topics_.PartitionCount(topic_)) +
                " partitions (the broker auto-creates topics); only partition 0 is used");
  }
}

std::string CommandTopic::TopicName(const std::string& service_id) {
  return "_fluxo_" + service_id + "_command_topic";
}

std::vector<Command> CommandTopic::ReadAll() const {
  std::vector<Command> commands;
  std::vector<runtime::TopicRecord> records;
  int64_t next = 0;
  const int64_t end = topics_.EndOffset(topic_, kPartition);
  while (next < end) {
    topics_.FetchInto(topic_, kPartition, next, kBatchSize, records);
    if (records.empty()) {
      throw Error(ErrorKind::kIo,
                  "Cannot read the command topic " + topic_ + " at offset " + std::to_string(next) +
                      " (end " + std::to_string(end) + ")");
    }
    for (const runtime::TopicRecord& record : records) {
      next = record.offset + 1;
      const nlohmann::json json =
          nlohmann::json::parse(record.value.value_or(""), nullptr, /*allow_exceptions=*/false);
      if (!json.is_object() || !json.contains("statement") || !json["statement"].is_string()) {
        throw Error(ErrorKind::kIo,
                    "The command topic " + topic_ +
                        " holds a record that is not a command at "
                        "offset " +
                        std::to_string(record.offset));
      }
      Command command;
      command.statement = json["statement"].get<std::string>();
      if (json.contains("properties") && json["properties"].is_object()) {
        for (const auto& [name, value] : json["properties"].items()) {
          if (value.is_string()) {
            command.properties[name] = value.get<std::string>();
          }
        }
      }
      commands.push_back(std::move(command));
    }
  }
  return commands;
}

void CommandTopic::Append(const Command& command) {
  runtime::TopicRecord record;
  record.partition = kPartition;
  record.value = Encode(command);
  topics_.Produce(topic_, std::move(record));
}

}  // namespace fluxo::engine
