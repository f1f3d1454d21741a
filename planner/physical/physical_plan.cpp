#include "planner/physical/physical_plan.h"

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

PhysicalPlan PlanPhysical(const LogicalPlan& logical, const std::string& query_id) {
  PhysicalPlan plan;
  plan.query_id = query_id;
  plan.source = SourceStep{query_id + ".Source", logical.source};
  if (logical.filter) {
    plan.filter = FilterStep{query_id + ".WhereFilter", logical.filter};
  }
  if (logical.repartition.has_value()) {
    plan.repartition = SelectStep{query_id + ".PartitionBy",
                                  *logical.repartition,
                                  logical.repartitioned_schema,
                                  logical.source_schema};
  }
  plan.projection = SelectStep{query_id + ".Project",
                               logical.projection,
                               logical.output_schema,
                               logical.repartitioned_schema};
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
  line("PROJECT (select.v1)", SelectText(plan.projection));
  if (plan.repartition.has_value()) {
    line("PARTITION BY (select.v1)", SelectText(*plan.repartition));
  }
  if (plan.filter.has_value()) {
    line("FILTER (filter.v1)", plan.filter->predicate->ToString());
  }
  line("SOURCE (source.v1)",
       "topic: " + plan.source.source.topic +
           " | key: " + FormatText(plan.source.source.key_format) +
           " | value: " + FormatText(plan.source.source.value_format) +
           " | schema: " + DescribeSchema(plan.source.source.schema));
  return text;
}

}  // namespace fluxo::planner
