#include "runtime/engine/engine.h"

#include <utility>
#include <variant>

#include "parser/parser.h"
#include "parser/sql_formatter.h"
#include "runtime/core/error.h"
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
          state.properties[node.name] = node.value;
          return StatementResult::Message("Successfully changed local property '" + node.name +
                                          "' to '" + node.value + "'.");
        } else if constexpr (std::is_same_v<Node, ast::UnsetProperty>) {
          state.properties.erase(node.name);
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

}  // namespace

Engine::Engine(std::shared_ptr<runtime::TopicClient> topics)
    : state_(std::make_unique<EngineState>()) {
  state_->topics = std::move(topics);
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

size_t Engine::RunUntilIdle() {
  size_t total = 0;
  bool progress = true;
  while (progress) {
    progress = false;
    for (const auto& query : state_->queries) {
      const size_t read = query->Poll();
      total += read;
      progress = progress || read > 0;
    }
  }
  return total;
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
