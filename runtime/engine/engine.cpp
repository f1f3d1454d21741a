#include "runtime/engine/engine.h"

#include <optional>
#include <string_view>
#include <utility>
#include <variant>

#include "parser/parser.h"
#include "parser/sql_formatter.h"
#include "planner/binder/bind_query.h"
#include "runtime/core/error.h"
#include "runtime/core/log.h"
#include "runtime/engine/engine_properties.h"
#include "runtime/engine/engine_state.h"

namespace fluxo::engine {

namespace {

// Runs one parsed statement; `text` is its canonical SQL (kept with what it creates).
StatementResult Execute(EngineState& state,
                        const ast::Statement& statement,
                        const std::string& text) {
  return std::visit(
      [&](const auto& node) -> StatementResult {
        using Node = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<Node, ast::CreateSource>) {
          return ExecuteCreateSource(state, node, text);
        } else if constexpr (std::is_same_v<Node, ast::CreateSourceAs>) {
          return ExecuteCreateSourceAs(state, node, text);
        } else if constexpr (std::is_same_v<Node, ast::InsertInto>) {
          return ExecuteInsertInto(state, node, text);
        } else if constexpr (std::is_same_v<Node, ast::InsertValues>) {
          return ExecuteInsertValues(state, node);
        } else if constexpr (std::is_same_v<Node, ast::DropSource>) {
          return ExecuteDropSource(state, node);
        } else if constexpr (std::is_same_v<Node, ast::CreateType>) {
          return ExecuteCreateType(state, node);
        } else if constexpr (std::is_same_v<Node, ast::DropType>) {
          return ExecuteDropType(state, node);
        } else if constexpr (std::is_same_v<Node, ast::QueryControl>) {
          return ExecuteQueryControl(state, node);
        } else if constexpr (std::is_same_v<Node, ast::QueryStatement>) {
          if (IsPullQuery(state, node.query)) {
            return ExecutePullQuery(state, node.query);
          }
          return ExecutePushQuery(state, node.query, text);
        } else if constexpr (std::is_same_v<Node, ast::Show>) {
          return ExecuteShow(state, node);
        } else if constexpr (std::is_same_v<Node, ast::DescribeSource>) {
          return ExecuteDescribeSource(state, node);
        } else if constexpr (std::is_same_v<Node, ast::DescribeSources>) {
          return ExecuteDescribeSources(state, node);
        } else if constexpr (std::is_same_v<Node, ast::DescribeFunction>) {
          return ExecuteDescribeFunction(state, node);
        } else if constexpr (std::is_same_v<Node, ast::Explain>) {
          return ExecuteExplain(state, node);
        } else if constexpr (std::is_same_v<Node, ast::SetProperty>) {
          state.properties[CanonicalProperty(node.name)] = node.value;
          return StatementResult::Message("Successfully changed local property '" + node.name +
                                          "' to '" + node.value + "'.");
        } else if constexpr (std::is_same_v<Node, ast::UnsetProperty>) {
          state.properties.erase(CanonicalProperty(node.name));
          return StatementResult::Message("Successfully unset local property '" + node.name + "'.");
        } else if constexpr (std::is_same_v<Node, ast::DefineVariable>) {
          state.variables[node.name] = node.value;
          return StatementResult::Message("Defined variable " + node.name + ".");
        } else if constexpr (std::is_same_v<Node, ast::UndefineVariable>) {
          state.variables.erase(node.name);
          return StatementResult::Message("Undefined variable " + node.name + ".");
        } else {
          throw Error(ErrorKind::kPlanning,
                      "This statement is parsed but cannot run yet: " + text,
                      statement.span);
        }
      },
      statement.node);
}

// True for the statements the command topic records: those that change the catalog or the
// persistent queries.
bool IsRecordedCommand(const ast::Statement& statement) {
  return std::visit(
      [](const auto& node) {
        using Node = std::decay_t<decltype(node)>;
        return std::is_same_v<Node, ast::CreateSource> ||
               std::is_same_v<Node, ast::CreateSourceAs> || std::is_same_v<Node, ast::InsertInto> ||
               std::is_same_v<Node, ast::DropSource> || std::is_same_v<Node, ast::CreateType> ||
               std::is_same_v<Node, ast::DropType> || std::is_same_v<Node, ast::QueryControl>;
      },
      statement.node);
}

}  // namespace

Engine::Engine(std::shared_ptr<runtime::TopicClient> topics)
    : state_(std::make_unique<EngineState>()) {
  state_->topics = std::move(topics);
  state_->query_topics = std::make_unique<runtime::PrefixRoutingTopicClient>(
      *state_->topics, state_->transient_topics, std::string(planner::kTransientTopicPrefix));
}

Engine::Engine(std::shared_ptr<runtime::TopicClient> topics,
               std::map<std::string, std::string> config)
    : Engine(std::move(topics)) {
  for (auto& [name, value] : config) {
    state_->properties[CanonicalProperty(name)] = std::move(value);
  }
  state_->configured_properties = state_->properties;
}

Engine::~Engine() = default;

std::vector<StatementResult> Engine::ExecuteScript(const std::string& script) {
  const std::vector<ast::Statement> statements = parser::ParseStatements(script);
  std::vector<StatementResult> results;
  for (const ast::Statement& statement : statements) {
    const std::string text = parser::FormatStatement(statement);
    try {
      StatementResult result = Execute(*state_, statement, text);
      result.statement_text = text;
      if (state_->command_topic != nullptr && IsRecordedCommand(statement)) {
        state_->command_topic->Append(
            Command{text, PropertyOverrides(state_->properties, state_->configured_properties)});
      }
      results.push_back(std::move(result));
    } catch (Error& error) {
      if (!error.span().has_value()) {
        // Point errors without a position of their own at the statement.
        throw Error(error.kind(), error.message(), statement.span);
      }
      throw;
    }
  }
  return results;
}

std::vector<StatementResult> Engine::ExecuteScript(
    const std::string& script, const std::map<std::string, std::string>& overrides) {
  // Put the overridden properties back however the script ends; a SET in the script itself
  // outlives it unless an override names the same property.
  std::map<std::string, std::optional<std::string>> saved;
  for (const auto& [name, value] : overrides) {
    const std::string canonical = CanonicalProperty(name);
    if (saved.count(canonical) == 0) {
      const auto found = state_->properties.find(canonical);
      saved[canonical] = found == state_->properties.end()
                             ? std::nullopt
                             : std::optional<std::string>(found->second);
    }
    state_->properties[canonical] = value;
  }

  struct Restore {
    EngineState& state;
    const std::map<std::string, std::optional<std::string>>& saved;

    ~Restore() {
      for (const auto& [name, value] : saved) {
        if (value.has_value()) {
          state.properties[name] = *value;
        } else {
          state.properties.erase(name);
        }
      }
    }
  } restore{*state_, saved};

  return ExecuteScript(script);
}

StatementResult Engine::ExecutePullQueryShare(const std::string& sql,
                                              const std::vector<int32_t>& partitions) {
  const std::vector<ast::Statement> statements = parser::ParseStatements(sql);
  const auto* query =
      statements.size() == 1 ? statements.front().As<ast::QueryStatement>() : nullptr;
  if (query == nullptr || !IsPullQuery(*state_, query->query)) {
    throw Error(ErrorKind::kPlanning, "Expected one pull query, not: " + sql);
  }
  StatementResult result = ExecutePullQuery(*state_, query->query, &partitions);
  result.statement_text = parser::FormatStatement(statements.front());
  return result;
}

void Engine::RunRecordedCommands(const std::vector<Command>& commands, const std::string& topic) {
  const std::map<std::string, std::string> configured = state_->properties;
  for (size_t i = 0; i < commands.size(); ++i) {
    state_->properties = configured;
    for (const auto& [name, value] : commands[i].properties) {
      state_->properties[name] = value;
    }
    try {
      ExecuteScript(commands[i].statement);
    } catch (const Error& error) {
      LogLine(LogLevel::kWarning,
              "Command " + std::to_string(i) + " of " + topic +
                  " fails on replay and is skipped: " + error.message() +
                  " (statement: " + commands[i].statement + ")");
    }
  }
  state_->properties = configured;
}

size_t Engine::AttachCommandTopic() {
  auto command_topic =
      std::make_unique<CommandTopic>(*state_->topics, ServiceId(state_->properties));
  const std::vector<Command> commands = command_topic->ReadAll();
  RunRecordedCommands(commands, command_topic->topic());
  if (!commands.empty()) {
    LogLine(LogLevel::kInfo,
            "Replayed " + std::to_string(commands.size()) + " commands from " +
                command_topic->topic() + ": " + std::to_string(state_->queries.size()) +
                " queries running");
  }
  state_->command_topic = std::move(command_topic);
  return commands.size();
}

size_t Engine::FollowCommandTopic() {
  if (state_->command_topic == nullptr) {
    return 0;
  }
  const std::vector<Command> commands = state_->command_topic->ReadNew();
  if (commands.empty()) {
    return 0;
  }
  // Run as on replay: not recorded again.
  std::unique_ptr<CommandTopic> command_topic = std::move(state_->command_topic);

  struct Reattach {
    EngineState& state;
    std::unique_ptr<CommandTopic>& topic;

    ~Reattach() { state.command_topic = std::move(topic); }
  } reattach{*state_, command_topic};

  LogLine(LogLevel::kInfo,
          "Running " + std::to_string(commands.size()) +
              " commands another server with service "
              "id " +
              ServiceId(state_->properties) + " recorded in " + command_topic->topic());
  RunRecordedCommands(commands, command_topic->topic());
  return commands.size();
}

void Engine::AttachProcessingLogTopic() {
  state_->processing_log_topic =
      std::make_unique<ProcessingLogTopic>(*state_->topics, ServiceId(state_->properties));
  ProcessingLogTopic* topic = state_->processing_log_topic.get();
  state_->processing_log.SetListener(
      [topic](const ProcessingLogEntry& entry) { topic->Add(entry); });
}

namespace {

// Produces the processing log entries of the last round, when the engine has the topic.
void FlushProcessingLogTopic(EngineState& state) {
  if (state.processing_log_topic == nullptr) {
    return;
  }
  try {
    state.processing_log_topic->Flush();
  } catch (const Error& error) {
    LogLine(LogLevel::kWarning,
            "Cannot write to the processing log topic " + state.processing_log_topic->topic() +
                ": " + error.message());
  }
}

}  // namespace

size_t Engine::RunUntilIdle() {
  size_t total = 0;
  bool progress = true;
  while (progress) {
    progress = false;
    for (const auto& query : state_->queries) {
      const size_t read = query->Poll();
      total += read;
      // A commit may write output that another query reads.
      progress = progress || read > 0 || query->committed_last_poll();
    }
    if (!progress) {
      // Idle: what a caught-up query has not committed yet is committed now.
      for (const auto& query : state_->queries) {
        if (query->HasPendingCommit()) {
          query->CommitPending();
          progress = true;
        }
      }
    }
    FlushProcessingLogTopic(*state_);
  }
  return total;
}

void Engine::NotifyOnRecords(std::function<void()> callback) {
  state_->query_topics->NotifyOnRecords(std::move(callback));
}

size_t Engine::PollQueries() {
  size_t total = 0;
  for (const auto& query : state_->queries) {
    if (query->failed()) {
      continue;
    }
    try {
      total += query->Poll();
    } catch (const Error& error) {
      query->Fail(error.message());
      LogLine(LogLevel::kError, "Query " + query->id() + " failed and stopped: " + error.message());
    }
  }
  FlushProcessingLogTopic(*state_);
  return total;
}

void Engine::CommitQueries() {
  for (const auto& query : state_->queries) {
    if (query->failed()) {
      continue;
    }
    try {
      query->CommitPending();
    } catch (const Error& error) {
      query->Fail(error.message());
      LogLine(LogLevel::kError, "Query " + query->id() + " failed to commit: " + error.message());
    }
  }
  FlushProcessingLogTopic(*state_);
}

const planner::Catalog& Engine::catalog() const {
  return state_->catalog;
}

runtime::TopicClient& Engine::topics() {
  return *state_->topics;
}

const std::map<std::string, std::string>& Engine::properties() const {
  return state_->properties;
}

const std::map<std::string, std::string>& Engine::variables() const {
  return state_->variables;
}

const ProcessingLog& Engine::processing_log() const {
  return state_->processing_log;
}

void Engine::SetLogSkippedRecords(bool log) {
  state_->processing_log.SetEchoToStderr(log);
}

void Engine::UseFunctionRegistry(const functions::FunctionRegistry& registry) {
  state_->functions = &registry;
}

}  // namespace fluxo::engine
