#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "runtime/topic/topic_client.h"

namespace fluxo::engine {

/// One accepted statement that changed the catalog or the queries, as the command topic keeps
/// it: its canonical SQL and the properties in force when it ran.
struct Command {
  std::string statement;
  std::map<std::string, std::string> properties;

  bool operator==(const Command&) const = default;
};

/// The command topic `_fluxo_<service.id>_command_topic`: every accepted DDL statement and
/// persistent query of a service, in order, as JSON records on partition 0. A starting server
/// replays it, so streams, tables and queries survive restarts, and servers with the same
/// service id run the same queries.
class CommandTopic {
 public:
  /// Uses (and creates, with one partition, when missing) the command topic of `service_id`.
  /// A broker that can only auto-create topics may give it more partitions: only partition 0
  /// is used.
  CommandTopic(runtime::TopicClient& topics, const std::string& service_id);

  static std::string TopicName(const std::string& service_id);

  const std::string& topic() const { return topic_; }

  /// Every command from the start, in order. Throws fluxo::Error (kIo) naming the offset of a
  /// record that is not a command.
  std::vector<Command> ReadAll();

  /// The commands appended since the last ReadAll or ReadNew by other servers with the same
  /// service id (those this one appended are left out), in order. Throws as ReadAll.
  std::vector<Command> ReadNew();

  /// Appends `command` (synchronously: it is durable when this returns).
  void Append(const Command& command);

 private:
  runtime::TopicClient& topics_;
  std::string topic_;
  int64_t next_offset_ = 0;     ///< Where ReadNew goes on.
  std::set<int64_t> appended_;  ///< Offsets of this server's commands that ReadNew skips.
};

}  // namespace fluxo::engine
