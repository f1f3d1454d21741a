#include "planner/physical/physical_plan.h"

#include <utility>
#include <vector>

namespace fluxo::planner {

namespace {

std::string FormatText(const FormatSpec& format) {
  return FormatKindName(format.kind);
}

std::string SelectText(const SelectStep& step) {
  std::string text;
  for (size_t i = 0; i < step.columns.size(); ++i) {
    text += (i > 0 ? ", " : "") + step.columns[i].expression->ToString() + " AS " +
            step.columns[i].name;
  }
  return text;
}

std::string AggregateText(const LogicalAggregation& aggregation) {
  std::string text = "group by: ";
  for (size_t i = 0; i < aggregation.group_by.size(); ++i) {
    text += (i > 0 ? ", " : "") + aggregation.group_by[i].expression->ToString();
  }
  text += " | aggregates: ";
  for (size_t i = 0; i < aggregation.aggregates.size(); ++i) {
    const AggregateCall& call = aggregation.aggregates[i];
    text += (i > 0 ? ", " : "") + call.function->name() + "(";
    for (size_t a = 0; a < call.arguments.size(); ++a) {
      text += (a > 0 ? ", " : "") + call.arguments[a]->ToString();
    }
    text += ")";
  }
  if (aggregation.window.has_value()) {
    const window::WindowSpec& window = *aggregation.window;
    text += " | window: " + std::string(window::WindowKindName(window.kind)) + " " +
            std::to_string(window.kind == window::WindowKind::kSession ? window.gap_ms
                                                                       : window.size_ms) +
            " ms, grace " + std::to_string(window.EffectiveGraceMs()) + " ms";
  }
  if (aggregation.having) {
    text += " | having: " + aggregation.having->ToString();
  }
  if (aggregation.emit_final) {
    text += " | emit: FINAL";
  }
  return text;
}

}  // namespace

std::string DescribeSchema(const LogicalSchema& schema) {
  std::string text;
  for (size_t i = 0; i < schema.columns().size(); ++i) {
    const Column& column = schema.columns()[i];
    text += (i > 0 ? ", `" : "`") + column.name + "` " + column.type->ToString();
    if (column.column_namespace == ColumnNamespace::kKey) {
      text += " KEY";
    } else if (column.column_namespace == ColumnNamespace::kHeaders) {
      text += " HEADERS";
    } else if (column.column_namespace == ColumnNamespace::kHeader) {
      text += " HEADER('" + column.header_key + "')";
    }
  }
  return text;
}

namespace {

// The inputs and joins of a join query: one source step and one side-row projection per
// source, then one join step per JOIN.
void PlanJoins(const LogicalPlan& logical, const std::string& query_id, PhysicalPlan& plan) {
  for (size_t i = 0; i < logical.join_inputs.size(); ++i) {
    const LogicalJoinInput& input = logical.join_inputs[i];
    const std::string prefix = query_id + (i == 0 ? ".Left" : ".Right" + std::to_string(i));
    plan.join_inputs.push_back(
        {SourceStep{prefix + "Source", input.source},
         SelectStep{prefix + "Prepare", input.columns, input.schema, input.source.schema},
         std::nullopt});
    // The join reading this input, and whether the input is its left or its right side.
    const LogicalJoin& join = logical.joins[i == 0 ? 0 : i - 1];
    const bool keyed = i == 0 ? join.left_keyed : join.right_keyed;
    if (!keyed && input.source.type == SourceType::kStream) {
      const std::string join_name = i <= 1 ? "Join" : "Join" + std::to_string(i);
      plan.join_inputs.back().repartition =
          RepartitionStep{prefix + "Repartition",
                          join_name + (i == 0 ? "-left" : "-right"),
                          {i == 0 ? join.left_key : join.right_key},
                          input.schema};
    }
  }
  for (size_t i = 0; i < logical.joins.size(); ++i) {
    const LogicalJoin& join = logical.joins[i];
    plan.joins.push_back({query_id + ".Join" + (i == 0 ? "" : std::to_string(i + 1)),
                          join,
                          i == 0 ? logical.join_inputs[0].schema : logical.joins[i - 1].schema,
                          logical.join_inputs[i + 1].schema});
  }
}

// EXPLAIN's lines for the joins of `plan`, from the last join down to its sources.
std::string ExplainJoins(const PhysicalPlan& plan, std::string indent) {
  std::string text;
  for (size_t i = plan.joins.size(); i-- > 0;) {
    const JoinStep& step = plan.joins[i];
    std::string details = std::string(JoinTypeText(step.join.type)) + " on " +
                          step.join.left_key->ToString() + " = " + step.join.right_key->ToString();
    if (step.join.within.has_value()) {
      details += " | within: (" + std::to_string(step.join.within->before_ms) + " ms, " +
                 std::to_string(step.join.within->after_ms) + " ms)";
      if (step.join.within->grace_ms.has_value()) {
        details += ", grace " + std::to_string(*step.join.within->grace_ms) + " ms";
      }
    }
    details += " | schema: " + DescribeSchema(step.join.schema);
    const char* kind = step.join.kind == JoinKind::kStreamStream  ? "STREAM-STREAM JOIN"
                       : step.join.kind == JoinKind::kStreamTable ? "STREAM-TABLE JOIN"
                                                                  : "TABLE-TABLE JOIN";
    text += indent;
    text += std::string(" > [ ") + kind + " (join.v1) ] | " + details + "\n";
    indent += "\t";
    const SourceDescription& right = plan.join_inputs[i + 1].source.source;
    text += indent + " > [ SOURCE (source.v1) ] | right: topic: " + right.topic +
            " | schema: " + DescribeSchema(right.schema) + "\n";
  }
  const SourceDescription& left = plan.join_inputs[0].source.source;
  text += indent + " > [ SOURCE (source.v1) ] | left: topic: " + left.topic +
          " | schema: " + DescribeSchema(left.schema) + "\n";
  return text;
}

// True when the GROUP BY keys are the source's key columns, in order: the rows are keyed by
// their group already and need no repartition.
bool GroupsBySourceKey(const LogicalAggregation& aggregation, const LogicalSchema& schema) {
  const std::vector<size_t> key_columns = schema.IndexesIn(ColumnNamespace::kKey);
  if (aggregation.group_by.size() != key_columns.size()) {
    return false;
  }
  for (size_t i = 0; i < key_columns.size(); ++i) {
    const expr::BoundExpression& key = *aggregation.group_by[i].expression;
    if (key.kind != expr::BoundKind::kColumn || key.index != key_columns[i]) {
      return false;
    }
  }
  return true;
}

}  // namespace

PhysicalPlan PlanPhysical(const LogicalPlan& logical, const std::string& query_id) {
  PhysicalPlan plan;
  plan.query_id = query_id;
  plan.source = SourceStep{query_id + ".Source", logical.source};
  PlanJoins(logical, query_id, plan);
  if (logical.filter) {
    const bool changelog =
        !logical.joins.empty() && logical.joins.back().kind == JoinKind::kTableTable;
    plan.filter = FilterStep{query_id + ".WhereFilter", logical.filter, changelog};
  }
  if (logical.repartition.has_value()) {
    plan.repartition = SelectStep{query_id + ".PartitionBy",
                                  *logical.repartition,
                                  logical.repartitioned_schema,
                                  logical.source_schema};
  }
  LogicalSchema projection_input = logical.repartitioned_schema;
  if (logical.aggregation.has_value()) {
    // A table-table join's rows already are changes with their old rows.
    if (logical.aggregation->table_input && logical.joins.empty()) {
      plan.table_changes = TableChangesStep{
          query_id + ".TableChanges", query_id + ".TableChanges.Reduce", logical.source_schema};
    }
    const LogicalAggregation& aggregation = *logical.aggregation;
    if (logical.joins.empty() && !logical.repartition.has_value() &&
        !aggregation.group_by.empty() && !GroupsBySourceKey(aggregation, logical.source_schema)) {
      std::vector<expr::BoundExpressionPtr> keys;
      for (const ProjectedColumn& column : aggregation.group_by) {
        keys.push_back(column.expression);
      }
      plan.group_by_repartition = RepartitionStep{query_id + ".GroupByRepartition",
                                                  "Aggregate-GroupBy",
                                                  std::move(keys),
                                                  logical.source_schema};
    }
    plan.aggregate = AggregateStep{query_id + ".Aggregate",
                                   query_id + ".Aggregate.Materialize",
                                   *logical.aggregation,
                                   logical.source_schema};
    projection_input = logical.aggregation->schema;
  }
  plan.projection = SelectStep{
      query_id + ".Project", logical.projection, logical.output_schema, projection_input};
  if (logical.sink.description.type == SourceType::kTable) {
    plan.materialize = MaterializeStep{query_id + ".Materialize",
                                       query_id + ".Materialize.Rows",
                                       logical.sink.description.schema,
                                       logical.sink.description.window.has_value()};
    // EMIT FINAL tables hold closed windows only, and session stores merge: those keep rows.
    if (plan.aggregate.has_value() && !plan.aggregate->aggregation.emit_final &&
        !(plan.aggregate->aggregation.window.has_value() &&
          plan.aggregate->aggregation.window->kind == window::WindowKind::kSession)) {
      plan.materialize->from_aggregate = true;
      plan.materialize->store_name = plan.aggregate->store_name;
    }
  }
  plan.sink = SinkStep{query_id + ".Sink", logical.sink.description};
  plan.creates_sink = logical.sink.creates_source;
  plan.sink_partitions = logical.sink.partitions;
  return plan;
}

std::string ExplainPlan(const PhysicalPlan& plan) {
  std::string text;
  std::string indent;
  const auto line = [&](const std::string& step, const std::string& details) {
    text += indent + " > [ " + step + " ] | " + details + "\n";
    indent += "\t";
  };
  line("SINK (sink.v1)",
       "topic: " + plan.sink.sink.topic + " | key: " + FormatText(plan.sink.sink.key_format) +
           " | value: " + FormatText(plan.sink.sink.value_format) +
           " | schema: " + DescribeSchema(plan.sink.sink.schema));
  if (plan.materialize.has_value()) {
    line("MATERIALIZE (materialize.v1)",
         "store: " + plan.materialize->store_name +
             (plan.materialize->from_aggregate ? " (the aggregation's, read as rows)" : ""));
  }
  line("PROJECT (select.v1)", SelectText(plan.projection));
  if (plan.aggregate.has_value()) {
    line("AGGREGATE (aggregate.v1)",
         AggregateText(plan.aggregate->aggregation) + " | store: " + plan.aggregate->store_name);
  }
  if (plan.table_changes.has_value()) {
    line("TABLE CHANGES (table-changes.v1)", "store: " + plan.table_changes->store_name);
  }
  if (plan.repartition.has_value()) {
    line("PARTITION BY (select.v1)", SelectText(*plan.repartition));
  }
  if (plan.filter.has_value()) {
    line("FILTER (filter.v1)", plan.filter->predicate->ToString());
  }
  if (!plan.joins.empty()) {
    text += ExplainJoins(plan, indent);
    return text;
  }
  line("SOURCE (source.v1)",
       "topic: " + plan.source.source.topic +
           " | key: " + FormatText(plan.source.source.key_format) +
           " | value: " + FormatText(plan.source.source.value_format) +
           " | schema: " + DescribeSchema(plan.source.source.schema));
  return text;
}

}  // namespace fluxo::planner
