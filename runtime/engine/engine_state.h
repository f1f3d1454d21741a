#pragma once

// Internal to runtime/engine: what the statement executors share.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "parser/ast/statement.h"
#include "planner/catalog/catalog.h"
#include "runtime/core/processing_log.h"
#include "runtime/core/source_span.h"
#include "runtime/engine/command_topic.h"
#include "runtime/engine/persistent_query.h"
#include "runtime/engine/processing_log_topic.h"
#include "runtime/engine/statement_result.h"
#include "runtime/functions/function_registry.h"
#include "runtime/topic/in_memory_topic_client.h"
#include "runtime/topic/prefix_routing_topic_client.h"
#include "runtime/topic/topic_client.h"

namespace fluxo::engine {

/// Everything one engine owns.
struct EngineState {
  std::shared_ptr<runtime::TopicClient> topics;
  /// Push queries' result topics: in memory, whatever `topics` is.
  runtime::InMemoryTopicClient transient_topics;
  /// What queries read and write: `topics`, except push queries' results (transient_topics).
  std::unique_ptr<runtime::PrefixRoutingTopicClient> query_topics;
  planner::Catalog catalog;
  std::map<std::string, std::string> properties;
  /// The properties the engine was configured with (before any SET).
  std::map<std::string, std::string> configured_properties;
  std::map<std::string, std::string> variables;  ///< DEFINE name = 'value'.
  std::vector<std::unique_ptr<PersistentQuery>> queries;

  /// Push queries by id: their schema, how many rows they may still return (LIMIT), and how
  /// far the client has read their internal topic.
  struct PushQueryState {
    planner::SourceDescription sink;
    std::optional<int64_t> rows_left;
    int64_t next_offset = 0;
  };

  std::map<std::string, PushQueryState> push_queries;
  ProcessingLog processing_log;
  /// Where accepted DDL and persistent queries are recorded (Engine::AttachCommandTopic).
  std::unique_ptr<CommandTopic> command_topic;
  /// Where skipped records also go (Engine::AttachProcessingLogTopic).
  std::unique_ptr<ProcessingLogTopic> processing_log_topic;
  int next_query_number = 0;      ///< Of persistent queries: CSAS_X_<n>, INSERTQUERY_<n>.
  int next_transient_number = 0;  ///< Of push queries: transient_<n>.
  const functions::FunctionRegistry* functions = &functions::FunctionRegistry::BuiltIn();
};

// Statement executors, one family per file. Each returns the result or throws fluxo::Error.
StatementResult ExecuteCreateSource(EngineState& state,
                                    const ast::CreateSource& create,
                                    const std::string& text);
StatementResult ExecuteDropSource(EngineState& state, const ast::DropSource& drop);
StatementResult ExecuteCreateType(EngineState& state, const ast::CreateType& create);
StatementResult ExecuteDropType(EngineState& state, const ast::DropType& drop);

StatementResult ExecuteCreateSourceAs(EngineState& state,
                                      const ast::CreateSourceAs& create,
                                      const std::string& text);
StatementResult ExecuteInsertInto(EngineState& state,
                                  const ast::InsertInto& insert,
                                  const std::string& text);
StatementResult ExecuteInsertValues(EngineState& state, const ast::InsertValues& insert);

/// The stream or table `name` for INSERT ... VALUES, /inserts-stream or a webhook. Throws
/// fluxo::Error (at `span` when given): kBinding for an unknown name, kPlanning for a read-only
/// source (CREATE SOURCE STREAM|TABLE).
const planner::SourceDescription& FindInsertTarget(const EngineState& state,
                                                   const std::string& name,
                                                   std::optional<SourceSpan> span = std::nullopt);
StatementResult ExecuteQueryControl(EngineState& state, const ast::QueryControl& control);

/// True for a SELECT that runs as a pull query: no EMIT clause, and FROM names one table (or
/// no known source, which ExecutePullQuery reports) without GROUP BY, WINDOW, PARTITION BY or
/// joins.
bool IsPullQuery(const EngineState& state, const ast::Query& query);
/// Answers a pull query from the table's current rows: a kTable result with one text row per
/// table row that passes WHERE, up to LIMIT. On a scaled-out query's table the rows are those
/// of its tasks on this instance, and `pull_share` says which partitions they cover;
/// `only_partitions`, when set, leaves out the tasks that read none of them (a task of the whole
/// query is used only when they include every partition).
StatementResult ExecutePullQuery(EngineState& state,
                                 const ast::Query& query,
                                 const std::vector<int32_t>* only_partitions = nullptr);

/// Starts a push query: a transient query whose results go to an internal topic, read with
/// Engine::ReadPushQuery until its LIMIT or Engine::ClosePushQuery.
StatementResult ExecutePushQuery(EngineState& state,
                                 const ast::Query& query,
                                 const std::string& text);

StatementResult ExecuteShow(EngineState& state, const ast::Show& show);
StatementResult ExecuteDescribeSource(EngineState& state, const ast::DescribeSource& describe);
StatementResult ExecuteDescribeSources(EngineState& state, const ast::DescribeSources& describe);
StatementResult ExecuteDescribeFunction(EngineState& state, const ast::DescribeFunction& describe);
StatementResult ExecuteExplain(EngineState& state, const ast::Explain& explain);

}  // namespace fluxo::engine
