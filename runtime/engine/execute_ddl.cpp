// CREATE / DROP of streams, tables and types.

#include <algorithm>
#include <utility>

#include "planner/binder/bind_create_source.h"
#include "planner/binder/data_type_binder.h"
#include "runtime/core/error.h"
#include "runtime/engine/engine_state.h"
#include "runtime/engine/query_cleanup.h"
#include "runtime/serde/record_serde.h"

namespace fluxo::engine {

namespace {

std::string Capitalized(planner::SourceType type) {
  return type == planner::SourceType::kTable ? "Table" : "Stream";
}

}  // namespace

StatementResult ExecuteCreateSource(EngineState& state,
                                    const ast::CreateSource& create,
                                    const std::string& text) {
  planner::BoundCreateSource bound = planner::BindCreateSource(create, state.catalog, text);
  // The formats must be able to carry the columns (ksqlDB's messages come from the serdes).
  try {
    const LogicalSchema& schema = bound.source.schema;
    serde::MakeRecordSerde(
        bound.source.key_format, schema.ColumnsAt(schema.IndexesIn(ColumnNamespace::kKey)), true);
    serde::MakeRecordSerde(bound.source.value_format,
                           schema.ColumnsAt(schema.IndexesIn(ColumnNamespace::kValue)),
                           false);
  } catch (const Error& error) {
    throw Error(error.kind(), error.message(), create.name.span);
  }
  const std::string& topic = bound.source.topic;
  if (!state.topics->TopicExists(topic)) {
    if (!bound.partitions.has_value()) {
      throw Error(ErrorKind::kPlanning,
                  "Topic '" + topic +
                      "' does not exist. If you want to create a new topic for the " +
                      (bound.source.type == planner::SourceType::kTable ? "table" : "stream") +
                      " please re-run the statement providing the required 'PARTITIONS' "
                      "configuration in the WITH clause (and optionally 'REPLICAS').",
                  create.name.span);
    }
    state.topics->CreateTopic(topic, *bound.partitions);
  }
  const planner::SourceType type = bound.source.type;
  StatementResult result;
  result.notices = bound.notices;
  if (!state.catalog.AddSource(std::move(bound.source), bound.or_replace, bound.if_not_exists)) {
    result.message = "A source called " + create.name.value + " already exists; nothing changed.";
    return result;
  }
  result.message = Capitalized(type) + " created";
  return result;
}

StatementResult ExecuteDropSource(EngineState& state, const ast::DropSource& drop) {
  const planner::SourceDescription* source = state.catalog.FindSource(drop.name.value);
  if (source != nullptr) {
    const planner::SourceType expected = drop.kind == ast::SourceKind::kTable
                                             ? planner::SourceType::kTable
                                             : planner::SourceType::kStream;
    if (source->type != expected) {
      throw Error(ErrorKind::kPlanning,
                  std::string("Incompatible data source type is ") +
                      planner::SourceTypeName(source->type) +
                      std::string(", but statement was DROP ") + planner::SourceTypeName(expected),
                  drop.name.span);
    }
    // As in ksqlDB (since 0.15): dropping the sink of a CREATE ... AS SELECT terminates that
    // query; any other query that reads or writes the source still stops the drop.
    std::string creating_query;
    for (const auto& query : state.queries) {
      const planner::PhysicalPlan& plan = query->plan();
      const bool joins_it =
          std::any_of(plan.join_inputs.begin(), plan.join_inputs.end(), [&](const auto& input) {
            return input.source.source.name == source->name;
          });
      const bool reads_it = plan.source.source.name == source->name || joins_it;
      if (!reads_it && plan.sink.sink.name == source->name &&
          query->statement().starts_with("CREATE")) {
        creating_query = query->id();
        continue;
      }
      if (reads_it || plan.sink.sink.name == source->name) {
        throw Error(ErrorKind::kPlanning,
                    "Cannot drop " + source->name + ": query " + query->id() +
                        " reads or writes it. Terminate the query first.",
                    drop.name.span);
      }
    }
    if (!creating_query.empty()) {
      TerminateQuery(state, creating_query);
    }
  }
  const std::string topic = source != nullptr ? source->topic : "";
  const bool read_only = source != nullptr && source->read_only;
  if (!state.catalog.DropSource(drop.name.value, drop.if_exists)) {
    return StatementResult::Message("Source " + drop.name.value +
                                    " does not exist; nothing changed.");
  }
  if (drop.delete_topic) {
    if (read_only) {
      throw Error(
          ErrorKind::kPlanning, "Cannot delete the topic of a read-only source", drop.name.span);
    }
    state.topics->DeleteTopic(topic);
  }
  return StatementResult::Message("Source `" + drop.name.value + "` (topic: " + topic +
                                  ") was dropped.");
}

StatementResult ExecuteCreateType(EngineState& state, const ast::CreateType& create) {
  SqlTypePtr type = planner::BindDataType(create.type, state.catalog);
  if (!state.catalog.AddType(create.name.value, type, create.if_not_exists)) {
    return StatementResult::Message("Type " + create.name.value +
                                    " already exists; nothing changed.");
  }
  return StatementResult::Message("Registered custom type with name '" + create.name.value +
                                  "' and SQL type " + type->ToString());
}

StatementResult ExecuteDropType(EngineState& state, const ast::DropType& drop) {
  if (!state.catalog.DropType(drop.name.value, drop.if_exists)) {
    return StatementResult::Message("Type " + drop.name.value +
                                    " does not exist; nothing changed.");
  }
  return StatementResult::Message("Dropped type '" + drop.name.value + "'");
}

}  // namespace fluxo::engine
