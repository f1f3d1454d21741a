#include "runtime/engine/command_topic.h"

#include <nlohmann/json.hpp>

#include "runtime/core/error.h"
#include "runtime/engine/service_topic.h"

namespace fluxo::engine {

namespace {

constexpr int32_t kPartition = 0;

/// Every command matters, however old (a restart replays them all): never deleted, never
/// compacted (ksqlDB's command topic has the same configs).
const runtime::TopicConfig& CommandTopicConfig() {
  static const runtime::TopicConfig kConfig = {{"cleanup.policy", "delete"},
                                               {"retention.ms", "-1"}};
  return kConfig;
}

std::string Encode(const Command& command) {
  nlohmann::json json;
  json["statement"] = command.statement;
  json["properties"] = command.properties;
  return json.dump();
}

Command Decode(const runtime::TopicRecord& record, const std::string& topic) {
  const nlohmann::json json =
      nlohmann::json::parse(record.value.value_or(""), nullptr, /*allow_exceptions=*/false);
  if (!json.is_object() || !json.contains("statement") || !json["statement"].is_string()) {
    throw Error(ErrorKind::kIo,
                "The command topic " + topic + " holds a record that is not a command at offset " +
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
  return command;
}

}  // namespace

CommandTopic::CommandTopic(runtime::TopicClient& topics, const std::string& service_id)
    : topics_(topics), topic_(TopicName(service_id)) {
  EnsureServiceTopic(topics_, topic_, CommandTopicConfig());
}

std::string CommandTopic::TopicName(const std::string& service_id) {
  return "_fluxo_" + service_id + "_command_topic";
}

std::vector<Command> CommandTopic::ReadAll() {
  next_offset_ = 0;
  appended_.clear();
  return ReadNew();
}

std::vector<Command> CommandTopic::ReadNew() {
  std::vector<Command> commands;
  for (const runtime::TopicRecord& record :
       ReadServiceTopic(topics_, topic_, kPartition, next_offset_)) {
    next_offset_ = record.offset + 1;
    if (appended_.erase(record.offset) > 0) {
      continue;
    }
    commands.push_back(Decode(record, topic_));
  }
  return commands;
}

void CommandTopic::Append(const Command& command) {
  runtime::TopicRecord record;
  record.partition = kPartition;
  record.value = Encode(command);
  appended_.insert(topics_.Produce(topic_, std::move(record)).offset);
}

}  // namespace fluxo::engine
