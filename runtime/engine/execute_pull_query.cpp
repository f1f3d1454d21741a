// Pull queries: `SELECT ... FROM table [WHERE ...] [LIMIT n]` with no EMIT clause, answered at
// once from the table's current rows (ksqlDB's pull queries on materialized tables).

#include <algorithm>
#include <memory>
#include <optional>
#include <utility>

#include "planner/binder/column_namer.h"
#include "planner/binder/expression_binder.h"
#include "planner/binder/struct_fields.h"
#include "runtime/core/error.h"
#include "runtime/engine/engine_state.h"
#include "runtime/engine/pull_query_keys.h"
#include "runtime/expr/evaluator.h"
#include "runtime/expr/value_text.h"
#include "runtime/operators/aggregate_table_reader.h"
#include "runtime/operators/materialized_table.h"
#include "runtime/operators/source_reader.h"
#include "runtime/state/in_memory_state_instance.h"

namespace fluxo::engine {

namespace {

// ksqlDB's PullQueryValidator ends each of its messages with this.
constexpr const char* kPullQueryHelp =
    " See https://cnfl.io/queries for more info.\n"
    "Add EMIT CHANGES if you intended to issue a push query.";

[[noreturn]] void FailPull(const std::string& message, const SourceSpan& span) {
  throw Error(ErrorKind::kPlanning, message + kPullQueryHelp, span);
}

// One column of the answer.
struct OutputColumn {
  std::string name;
  expr::BoundExpressionPtr expression;
};

planner::ExpressionScope ScopeOf(const planner::SourceDescription& source,
                                 const std::string& alias,
                                 const std::string& clause) {
  planner::ExpressionScope scope;
  scope.clause = clause;
  scope.windowed = source.window.has_value();
  const auto& columns = source.schema.columns();
  for (size_t i = 0; i < columns.size(); ++i) {
    scope.columns.push_back({alias, columns[i].name, i, columns[i].type});
  }
  return scope;
}

expr::BoundExpressionPtr ColumnAt(const LogicalSchema& schema, size_t index) {
  expr::BoundExpression node;
  node.kind = expr::BoundKind::kColumn;
  node.index = index;
  node.type = schema.columns()[index].type;
  return expr::MakeBound(std::move(node));
}

expr::BoundExpressionPtr WindowBound(expr::Pseudocolumn bound) {
  expr::BoundExpression node;
  node.kind = expr::BoundKind::kPseudocolumn;
  node.pseudocolumn = bound;
  node.type = SqlType::Bigint();
  return expr::MakeBound(std::move(node));
}

// `SELECT *` of a pull query: the key columns, the window bounds of a windowed table, then the
// other columns (ksqlDB's order).
void AddAllColumns(const planner::SourceDescription& source, std::vector<OutputColumn>& out) {
  const LogicalSchema& schema = source.schema;
  for (size_t index : schema.IndexesIn(ColumnNamespace::kKey)) {
    out.push_back({schema.columns()[index].name, ColumnAt(schema, index)});
  }
  if (source.window.has_value()) {
    out.push_back({"WINDOWSTART", WindowBound(expr::Pseudocolumn::kWindowStart)});
    out.push_back({"WINDOWEND", WindowBound(expr::Pseudocolumn::kWindowEnd)});
  }
  for (size_t i = 0; i < schema.columns().size(); ++i) {
    if (schema.columns()[i].column_namespace != ColumnNamespace::kKey) {
      out.push_back({schema.columns()[i].name, ColumnAt(schema, i)});
    }
  }
}

// Pull queries cannot read where a row came from: a materialized row has no partition or
// offset of its own (ksqlDB's SystemColumns::isDisallowedInPullOrScalablePushQueries).
void RejectRecordPseudocolumns(const expr::BoundExpression& expression,
                               const char* clause,
                               const SourceSpan& span) {
  if (expression.kind == expr::BoundKind::kPseudocolumn &&
      (expression.pseudocolumn == expr::Pseudocolumn::kRowpartition ||
       expression.pseudocolumn == expr::Pseudocolumn::kRowoffset)) {
    const char* name =
        expression.pseudocolumn == expr::Pseudocolumn::kRowpartition ? "ROWPARTITION" : "ROWOFFSET";
    FailPull(std::string("Pull queries don't support the following columns in ") + clause +
                 " clauses: " + name + "\n",
             span);
  }
  for (const expr::BoundExpressionPtr& child : expression.children) {
    RejectRecordPseudocolumns(*child, clause, span);
  }
}

std::vector<OutputColumn> BindSelect(const ast::Query& query,
                                     const planner::SourceDescription& source,
                                     const std::string& alias,
                                     const planner::ExpressionBinder& binder) {
  std::vector<std::string> taken;
  for (const ast::SelectItem& item : query.select_items) {
    if (item.alias.has_value()) {
      taken.push_back(item.alias->value);
    }
  }
  planner::ColumnNamer namer(std::move(taken));
  std::vector<OutputColumn> columns;
  for (const ast::SelectItem& item : query.select_items) {
    switch (item.kind) {
      case ast::SelectItemKind::kAll:
        AddAllColumns(source, columns);
        break;
      case ast::SelectItemKind::kAllOf:
        if (item.source->value != alias) {
          throw Error(ErrorKind::kBinding,
                      "Source '" + item.source->value + "' is not in FROM",
                      item.source->span);
        }
        AddAllColumns(source, columns);
        break;
      case ast::SelectItemKind::kStructAll: {
        for (auto& [name, field] :
             planner::StructFields(binder.Bind(*item.expression), item.span)) {
          columns.push_back({name, field});
        }
        break;
      }
      case ast::SelectItemKind::kExpression: {
        expr::BoundExpressionPtr bound = binder.Bind(*item.expression);
        if (!bound->type) {
          throw Error(ErrorKind::kType,
                      "Can't infer a type of null. Please explicitly cast it to a required type, "
                      "e.g. CAST(null AS VARCHAR).",
                      item.span);
        }
        RejectRecordPseudocolumns(*bound, "SELECT", item.span);
        columns.push_back(
            {item.alias.has_value() ? item.alias->value : namer.NameFor(*item.expression),
             std::move(bound)});
        break;
      }
    }
  }
  return columns;
}

// Rebuilds the current rows of a table that no running query materializes (a table created
// over a topic): reads its topic from the start, the latest row per key winning and
// tombstones deleting, into `table`.
void MaterializeFromTopic(EngineState& state,
                          const planner::SourceDescription& source,
                          runtime::MaterializedTable& table) {
  if (!state.topics->TopicExists(source.topic)) {
    return;
  }
  // Records the table's own readers would skip are skipped here too, without logging them
  // again on every pull query.
  ProcessingLog quiet_log;
  quiet_log.SetEchoToStderr(false);
  const runtime::OperatorContext context{"PULL_" + source.name, source.topic, &quiet_log, nullptr};
  const runtime::SourceReader reader(planner::SourceStep{source.name + ".PullSource", source},
                                     context);
  std::vector<runtime::TopicRecord> records;
  constexpr size_t kBatchSize = 1024;
  for (int32_t partition = 0; partition < state.topics->PartitionCount(source.topic); ++partition) {
    int64_t offset = 0;
    while (true) {
      state.topics->FetchInto(source.topic, partition, offset, kBatchSize, records);
      if (records.empty()) {
        break;
      }
      offset = records.back().offset + 1;
      for (const Row& row : reader.Read(records)) {
        if (row.key_missing || (source.window.has_value() && !row.window.has_value())) {
          continue;
        }
        if (row.tombstone) {
          table.Delete(row);
        } else {
          table.Upsert(row);
        }
      }
    }
  }
}

// The running query whose result is `table`, with its materialization; nullptr when none.
PersistentQuery* MaterializingQuery(EngineState& state, const std::string& table) {
  for (const std::unique_ptr<PersistentQuery>& query : state.queries) {
    if (query->plan().materialize.has_value() && query->plan().sink.sink.name == table) {
      return query.get();
    }
  }
  return nullptr;
}

// True when a task reading `partitions` is to answer: every task without `only_partitions`;
// else one whose partitions are all among them (a task of the whole query only when they hold
// every one).
bool TaskAnswers(const std::vector<int32_t>& partitions,
                 const std::vector<int32_t>* only_partitions) {
  return only_partitions == nullptr ||
         std::all_of(partitions.begin(), partitions.end(), [&](int32_t partition) {
           return std::find(only_partitions->begin(), only_partitions->end(), partition) !=
                  only_partitions->end();
         });
}

// Visits the rows of `source` that may pass `where` until `visitor` returns false: the rows of
// the keys `where` pins down (KeysPinnedBy), else every row in key order. They come from the
// running query that writes the table (its tasks on this instance, those reading
// `only_partitions` when set), or else from the table's topic. Returns the share the rows
// cover when the writer is scaled out.
std::optional<PullQueryShare> VisitCandidateRows(EngineState& state,
                                                 const planner::SourceDescription& source,
                                                 const expr::BoundExpressionPtr& where,
                                                 const std::vector<int32_t>* only_partitions,
                                                 const runtime::TableRows::RowVisitor& visitor) {
  state::InMemoryStateInstance scratch;  // A topic's rows, for this query only.
  PersistentQuery* writer = MaterializingQuery(state, source.name);
  std::optional<PullQueryShare> share;
  std::vector<std::unique_ptr<runtime::TableRows>> tables;  // One per task answering.
  if (writer == nullptr) {
    auto table = std::make_unique<runtime::MaterializedTable>(
        source.schema, source.window.has_value(), scratch.GetKeyValueStore("PullQuery.Rows"));
    MaterializeFromTopic(state, source, *table);
    tables.push_back(std::move(table));
  } else {
    if (writer->scaled_out()) {
      share.emplace();
      share->query_id = writer->id();
      share->partitions = writer->partition_count();
    }
    const planner::MaterializeStep& materialize = *writer->plan().materialize;
    for (const PersistentQuery::TaskShare& task : writer->task_shares()) {
      // A task's partitions matter only to a share or a partitions filter.
      std::vector<int32_t> partitions;
      if (share.has_value() || only_partitions != nullptr) {
        partitions = writer->PartitionsOf(task);
      }
      if (!TaskAnswers(partitions, only_partitions)) {
        continue;
      }
      if (share.has_value()) {
        share->answered.insert(share->answered.end(), partitions.begin(), partitions.end());
      }
      if (materialize.from_aggregate) {
        tables.push_back(
            std::make_unique<runtime::AggregateTableReader>(writer->plan(), *task.state));
      } else {
        tables.push_back(std::make_unique<runtime::MaterializedTable>(
            source.schema,
            source.window.has_value(),
            task.state->GetKeyValueStore(materialize.store_name)));
      }
    }
  }
  if (share.has_value()) {
    std::sort(share->answered.begin(), share->answered.end());
  }
  const std::optional<std::vector<ValueList>> keys = KeysPinnedBy(where, source.schema);
  bool more = true;
  const auto visit = [&](Row row) {
    more = visitor(std::move(row));
    return more;
  };
  for (size_t i = 0; more && i < tables.size(); ++i) {
    if (!keys.has_value()) {
      tables[i]->VisitAll(visit);
    }
    for (size_t key = 0; keys.has_value() && more && key < keys->size(); ++key) {
      tables[i]->VisitKey((*keys)[key], visit);
    }
  }
  return share;
}

std::string CellText(const Value& value, const SqlType& type) {
  return value.IsNull() ? "null" : expr::ValueToText(value, type);
}

}  // namespace

bool IsPullQuery(const EngineState& state, const ast::Query& query) {
  if (query.emit.has_value() || !query.from.source.has_value() || !query.joins.empty() ||
      query.window.has_value() || query.group_by.has_value() || query.partition_by.has_value()) {
    return false;
  }
  const planner::SourceDescription* source = state.catalog.FindSource(query.from.source->value);
  return source == nullptr || source->type == planner::SourceType::kTable;
}

StatementResult ExecutePullQuery(EngineState& state,
                                 const ast::Query& query,
                                 const std::vector<int32_t>* only_partitions) {
  const ast::Identifier& name = *query.from.source;
  const planner::SourceDescription* found = state.catalog.FindSource(name.value);
  if (found == nullptr) {
    std::string message = name.value + " does not exist.";
    if (const std::string suggestion = state.catalog.SuggestSource(name.value);
        !suggestion.empty()) {
      message += " Did you mean " + suggestion + "?";
    }
    throw Error(ErrorKind::kBinding, message, name.span);
  }
  // Copied: reading the table must not depend on the catalog entry staying put.
  const planner::SourceDescription source = *found;
  if (source.type != planner::SourceType::kTable) {
    FailPull("Pull queries are not supported on streams.", name.span);
  }
  if (query.having.has_value()) {
    FailPull("Pull queries don't support HAVING clauses.", query.having->span);
  }
  const std::string alias = query.from.alias.has_value() ? query.from.alias->value : source.name;

  const planner::ExpressionScope select_scope = ScopeOf(source, alias, "SELECT");
  const planner::ExpressionBinder select_binder(select_scope, state.catalog, *state.functions);
  const std::vector<OutputColumn> columns = BindSelect(query, source, alias, select_binder);

  expr::BoundExpressionPtr where;
  if (query.where.has_value()) {
    const planner::ExpressionScope where_scope = ScopeOf(source, alias, "WHERE");
    const planner::ExpressionBinder where_binder(where_scope, state.catalog, *state.functions);
    where = where_binder.BindCondition(*query.where, "WHERE");
    RejectRecordPseudocolumns(*where, "WHERE", query.where->span);
  }

  StatementResult result;
  result.kind = StatementResult::Kind::kTable;
  std::vector<expr::EvaluatorPtr> evaluators;
  for (const OutputColumn& column : columns) {
    result.columns.push_back(column.name);
    result.column_types.push_back(column.expression->type->ToString());
    Column typed;
    typed.name = column.name;
    typed.type = column.expression->type;
    result.column_schema.push_back(std::move(typed));
    evaluators.push_back(expr::CompileExpression(column.expression));
  }
  const expr::EvaluatorPtr predicate = where ? expr::CompileExpression(where) : nullptr;
  const auto limit = query.limit;

  // Returns false once the LIMIT is reached, which ends the read.
  const auto add_row = [&](Row row) {
    try {
      if (predicate && !expr::IsTrue(predicate->Evaluate(row))) {
        return true;
      }
    } catch (const Error& error) {
      if (error.kind() != ErrorKind::kExecution) {
        throw;
      }
      return true;  // A row the predicate cannot be evaluated on does not pass, as in WHERE.
    }
    std::vector<std::string> cells;
    ValueList values;
    for (size_t i = 0; i < evaluators.size(); ++i) {
      Value value;
      try {
        value = evaluators[i]->Evaluate(row);
      } catch (const Error& error) {
        if (error.kind() != ErrorKind::kExecution) {
          throw;
        }
        // A failing expression gives NULL, as in a persistent query's projection.
      }
      cells.push_back(CellText(value, *columns[i].expression->type));
      values.push_back(std::move(value));
    }
    result.rows.push_back(std::move(cells));
    result.row_values.push_back(std::move(values));
    return !limit.has_value() || result.rows.size() < static_cast<size_t>(*limit);
  };

  // LIMIT 0 reads nothing, here or on other servers: no share to complete.
  if (!limit.has_value() || *limit > 0) {
    result.pull_share = VisitCandidateRows(state, source, where, only_partitions, add_row);
  }
  if (result.pull_share.has_value()) {
    result.pull_share->limit = limit;
  }
  return result;
}

}  // namespace fluxo::engine
