// Statements that start, stop or feed queries: CREATE ... AS SELECT, INSERT INTO ... SELECT,
// INSERT INTO ... VALUES, TERMINATE.

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "planner/binder/bind_query.h"
#include "planner/binder/expression_binder.h"
#include "runtime/core/error.h"
#include "runtime/core/log.h"
#include "runtime/engine/engine_properties.h"
#include "runtime/engine/engine_state.h"
#include "runtime/engine/query_cleanup.h"
#include "runtime/engine/query_settings.h"
#include "runtime/expr/cast.h"
#include "runtime/expr/evaluator.h"
#include "runtime/serde/record_serde.h"
#include "runtime/state/in_memory_state_instance.h"
#include "runtime/state/rocksdb_state_instance.h"

namespace fluxo::engine {

namespace {

// A new, empty state database for `statement` in `database.directory`, after removing what
// was there.
std::unique_ptr<state::RocksDbStateInstance> OpenEmptyState(
    const state::RocksDbStateOptions& database, const std::string& statement) {
  std::error_code error;
  std::filesystem::remove_all(database.directory, error);
  if (error) {
    throw Error(ErrorKind::kIo,
                "Cannot clear the state directory " + database.directory + ": " + error.message());
  }
  auto instance = std::make_unique<state::RocksDbStateInstance>(database);
  instance->Flush({{std::string(QueryTask::kStatementMetadataKey), statement}});
  return instance;
}

// The state of one task in the RocksDB database in `directory`. A database that an earlier
// run of the same statement left there is kept: the task resumes from the offsets committed
// with its state (QueryTask). One left by another statement under the same query id is
// removed first, as it would mix two queries. A new database is rebuilt from the changelogs.
TaskState OpenTaskState(const std::string& directory,
                        const std::string& query_id,
                        const std::string& statement) {
  state::RocksDbStateOptions database;
  database.directory = directory;
  TaskState task;
  // Under exactly_once_v2 (and for a task that moved between instances) the task reopens its
  // state, emptied when Kafka's committed offsets disagree with it.
  task.reopen = [database, statement](bool wipe) -> std::unique_ptr<state::StateInstance> {
    if (wipe) {
      return OpenEmptyState(database, statement);
    }
    return std::make_unique<state::RocksDbStateInstance>(database);
  };
  auto instance = std::make_unique<state::RocksDbStateInstance>(database);
  const std::optional<std::string> stored =
      instance->ReadMetadata(QueryTask::kStatementMetadataKey);
  if (stored.has_value() && *stored == statement) {
    LogLine(LogLevel::kInfo, "Query " + query_id + " resumes from its state in " + directory);
    task.instance = std::move(instance);
    return task;
  }
  task.restore_from_changelog = true;
  if (!stored.has_value()) {
    instance->Flush({{std::string(QueryTask::kStatementMetadataKey), statement}});
    task.instance = std::move(instance);
    return task;
  }
  LogLine(LogLevel::kInfo,
          "The state in " + directory + " belongs to another statement: query " + query_id +
              " starts with empty state");
  instance.reset();
  task.instance = OpenEmptyState(database, statement);
  return task;
}

// Opens the stores of a new query's tasks: a RocksDB database per task in
// `<state dir>/<service.id>/<query id>` (a scaled-out query's task of partition p:
// `<query id>-<p>`) when the engine keeps state on disk (`state.dir`), which also gives the
// query changelogs (`options`); in memory otherwise.
TaskStateFactory TaskStatesOf(const EngineState& state,
                              const std::string& query_id,
                              const std::string& statement,
                              PersistentQueryOptions& options) {
  const auto setting = state.properties.find("state.dir");
  if (setting == state.properties.end() || setting->second.empty() ||
      query_id.starts_with(kTransientQueryPrefix)) {
    return [](std::optional<int32_t>) {
      TaskState task;
      task.instance = std::make_unique<state::InMemoryStateInstance>();  // Never kept.
      return task;
    };
  }
  options.changelog_service_id = ServiceId(state.properties);
  const std::string directory =
      (std::filesystem::path(setting->second) / *options.changelog_service_id / query_id).string();
  return [directory, query_id, statement](std::optional<int32_t> task_partition) {
    return OpenTaskState(
        task_partition.has_value() ? directory + "-" + std::to_string(*task_partition) : directory,
        query_id,
        statement);
  };
}

StatementResult StartQuery(EngineState& state,
                           planner::LogicalPlan logical,
                           const std::string& query_id,
                           const std::string& text) {
  if (logical.sink.description.topic == logical.source.topic) {
    throw Error(ErrorKind::kPlanning,
                "A query cannot write to the topic it reads: " + logical.source.topic);
  }
  for (const planner::LogicalJoinInput& input : logical.join_inputs) {
    if (logical.sink.description.topic == input.source.topic) {
      throw Error(ErrorKind::kPlanning,
                  "A query cannot write to the topic it reads: " + input.source.topic);
    }
  }
  planner::PhysicalPlan physical = planner::PlanPhysical(logical, query_id);
  physical.source.throw_on_invalid_timestamp =
      PropertyIsTrue(state, "ksql.timestamp.throw.on.invalid");
  if (physical.aggregate.has_value()) {
    physical.aggregate->collapse_changes = RecordCacheEnabled(state);
  }
  // Build the operators before anything changes, so that a plan that cannot run changes
  // nothing.
  PersistentQueryOptions options = QueryOptionsOf(state, logical);
  TaskStateFactory task_states = TaskStatesOf(state, query_id, text, options);
  if (query_id.starts_with(kTransientQueryPrefix)) {
    // Push queries write to in-memory topics, kept nowhere, and run where they were asked.
    options.exactly_once = false;
    options.scale_out = false;
    options.stream_threads = 1;
  } else if (options.exactly_once && !options.changelog_service_id.has_value()) {
    throw Error(ErrorKind::kPlanning,
                "processing.guarantee=exactly_once_v2 needs the query's state on disk, which "
                "its transactions commit with: set state.dir");
  } else if (options.scale_out && !options.changelog_service_id.has_value()) {
    throw Error(ErrorKind::kPlanning,
                "scale.out needs the query's state on disk and in changelog topics, which its "
                "tasks move between instances with: set state.dir");
  }
  auto query = std::make_unique<PersistentQuery>(std::move(physical),
                                                 text,
                                                 *state.query_topics,
                                                 state.processing_log,
                                                 std::move(task_states),
                                                 options);
  if (query->plan().creates_sink) {
    state.topics->CreateTopic(logical.sink.description.topic, logical.sink.partitions);
    state.catalog.AddSource(logical.sink.description,
                            /*or_replace=*/false,
                            /*if_not_exists=*/false);
  }
  state.queries.push_back(std::move(query));
  StatementResult result;
  result.query_id = query_id;
  result.message = "Created query with ID " + query_id;
  return result;
}

// Starts a persistent query with the id `<prefix><n>`. The number is used up only when the
// query starts, so that replaying the command topic (which holds only accepted statements)
// gives every query the id, and so the state directory, it had before.
StatementResult StartPersistentQuery(EngineState& state,
                                     planner::LogicalPlan logical,
                                     const std::string& prefix,
                                     const std::string& text) {
  const std::string query_id = prefix + std::to_string(state.next_query_number);
  StatementResult result = StartQuery(state, std::move(logical), query_id, text);
  ++state.next_query_number;
  return result;
}

Value EvaluateConstant(EngineState& state,
                       const ast::Expression& expression,
                       const SqlTypePtr& type,
                       const std::string& column) {
  const planner::ExpressionScope scope;  // VALUES see no columns.
  const planner::ExpressionBinder binder(scope, state.catalog, *state.functions);
  expr::BoundExpressionPtr bound = binder.Bind(expression);
  if (bound->type && !SameType(bound->type, type) && !expr::CanWiden(*bound->type, *type) &&
      !expr::CanCast(*bound->type, *type)) {
    throw Error(ErrorKind::kType,
                "Expected type " + type->ToString() + " for field " + column + " but got " +
                    bound->type->ToString(),
                expression.span);
  }
  return expr::CompileExpression(planner::CastTo(bound, type))->Evaluate(Row{});
}

}  // namespace

StatementResult ExecuteCreateSourceAs(EngineState& state,
                                      const ast::CreateSourceAs& create,
                                      const std::string& text) {
  if (const planner::SourceDescription* existing = state.catalog.FindSource(create.name.value)) {
    if (create.if_not_exists) {
      StatementResult result;
      result.message = "A source called " + existing->name + " already exists; nothing changed.";
      return result;
    }
    throw Error(ErrorKind::kPlanning,
                "Cannot add " +
                    std::string(create.kind == ast::SourceKind::kTable ? "TABLE" : "STREAM") +
                    " '" + create.name.value + "': A " + planner::SourceTypeName(existing->type) +
                    " with the same name already exists",
                create.name.span);
  }
  // A join's result has as many partitions as its last source (ksqlDB's JoinNode).
  const ast::AliasedRelation& from =
      create.query.joins.empty() ? create.query.from : create.query.joins.back().right;
  const planner::SourceDescription* source =
      from.source.has_value() ? state.catalog.FindSource(from.source->value) : nullptr;
  const int32_t partitions = source != nullptr && state.topics->TopicExists(source->topic)
                                 ? state.topics->PartitionCount(source->topic)
                                 : 1;
  planner::LogicalPlan logical = planner::BindCreateSourceAs(
      create, state.catalog, *state.functions, text, partitions, BindOptionsOf(state));
  const std::string prefix = create.kind == ast::SourceKind::kTable ? "CTAS_" : "CSAS_";
  return StartPersistentQuery(state, std::move(logical), prefix + create.name.value + "_", text);
}

StatementResult ExecuteInsertInto(EngineState& state,
                                  const ast::InsertInto& insert,
                                  const std::string& text) {
  planner::LogicalPlan logical =
      planner::BindInsertInto(insert, state.catalog, *state.functions, BindOptionsOf(state));
  return StartPersistentQuery(state, std::move(logical), "INSERTQUERY_", text);
}

StatementResult ExecuteInsertValues(EngineState& state, const ast::InsertValues& insert) {
  const planner::SourceDescription* target =
      &FindInsertTarget(state, insert.target.value, insert.target.span);
  const LogicalSchema& schema = target->schema;
  std::vector<std::string> names;
  if (insert.columns.empty()) {
    for (const Column& column : schema.columns()) {
      names.push_back(column.name);
    }
  } else {
    for (const ast::Identifier& column : insert.columns) {
      names.push_back(column.value);
    }
  }
  if (names.size() != insert.values.size()) {
    throw Error(ErrorKind::kPlanning,
                "Expected number columns and values to match: " + std::to_string(names.size()) +
                    " columns, " + std::to_string(insert.values.size()) + " values",
                insert.target.span);
  }
  ValueList row(schema.columns().size());
  runtime::TopicRecord record;
  record.timestamp = std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == "ROWTIME") {
      const Value time = EvaluateConstant(state, insert.values[i], SqlType::Bigint(), "ROWTIME");
      record.timestamp = time.IsNull() ? record.timestamp : time.AsInt64();
      continue;
    }
    const auto index = schema.Find(names[i]);
    if (!index.has_value()) {
      throw Error(ErrorKind::kBinding,
                  "Column name " + names[i] + " does not exist.",
                  insert.values[i].span);
    }
    row[*index] =
        EvaluateConstant(state, insert.values[i], schema.columns()[*index].type, names[i]);
  }
  const auto split = [&](ColumnNamespace column_namespace) {
    std::vector<Column> columns;
    ValueList values;
    for (size_t index : schema.IndexesIn(column_namespace)) {
      columns.push_back(schema.columns()[index]);
      values.push_back(row[index]);
    }
    return std::make_pair(columns, values);
  };
  auto [key_columns, key_values] = split(ColumnNamespace::kKey);
  auto [value_columns, value_values] = split(ColumnNamespace::kValue);
  if (!key_columns.empty()) {
    record.key =
        serde::MakeRecordSerde(target->key_format, key_columns, true)->Serialize(key_values);
  }
  record.value =
      serde::MakeRecordSerde(target->value_format, value_columns, false)->Serialize(value_values);
  state.topics->Produce(target->topic, std::move(record));
  return StatementResult{};
}

StatementResult ExecuteQueryControl(EngineState& state, const ast::QueryControl& control) {
  if (control.action != ast::QueryAction::kTerminate) {
    throw Error(ErrorKind::kPlanning, "PAUSE and RESUME are not supported yet");
  }
  StatementResult result;
  if (!control.query_id.has_value()) {
    std::vector<std::string> ids;
    for (const auto& query : state.queries) {
      ids.push_back(query->id());
    }
    for (const std::string& id : ids) {
      TerminateQuery(state, id);
    }
    result.message = "All queries terminated.";
    return result;
  }
  for (const auto& query : state.queries) {
    if (query->id() == control.query_id->value) {
      TerminateQuery(state, control.query_id->value);
      result.message = "Query terminated.";
      return result;
    }
  }
  throw Error(
      ErrorKind::kPlanning, "Unknown queryId: " + control.query_id->value, control.query_id->span);
}

}  // namespace fluxo::engine

namespace fluxo::engine {

StatementResult ExecutePushQuery(EngineState& state,
                                 const ast::Query& query,
                                 const std::string& text) {
  // Push queries have numbers of their own: they are not replayed.
  const std::string query_id =
      std::string(kTransientQueryPrefix) + std::to_string(state.next_transient_number++);
  planner::LogicalPlan logical = planner::BindPushQuery(
      query, state.catalog, *state.functions, query_id, BindOptionsOf(state));
  const planner::SourceDescription sink = logical.sink.description;
  state.transient_topics.CreateTopic(sink.topic, 1);
  StatementResult result = StartQuery(state, std::move(logical), query_id, text);
  result.kind = StatementResult::Kind::kPushQuery;
  result.message = "Push query " + query_id + " started";
  result.table_changes = sink.type == planner::SourceType::kTable;
  for (const Column& column : sink.schema.columns()) {
    result.columns.push_back(column.name);
    result.column_types.push_back(column.type->ToString());
  }
  result.column_schema = sink.schema.columns();
  EngineState::PushQueryState& push = state.push_queries[query_id];
  push.sink = sink;
  push.rows_left = query.limit;
  return result;
}

}  // namespace fluxo::engine
