#include "runtime/operators/aggregate_table_reader.h"

#include <algorithm>
#include <limits>
#include <utility>

#include "runtime/core/error.h"
#include "runtime/state/value_codec.h"

namespace fluxo::runtime {

namespace {

constexpr int64_t kEarliest = std::numeric_limits<int64_t>::min();
constexpr int64_t kLatest = std::numeric_limits<int64_t>::max();

OperatorContext ReaderContext(const planner::PhysicalPlan& plan,
                              ProcessingLog& log,
                              state::StateInstance& state) {
  log.SetEchoToStderr(false);
  return OperatorContext{plan.query_id + ".PullQuery", plan.source.source.topic, &log, &state};
}

}  // namespace

AggregateTableReader::AggregateTableReader(const planner::PhysicalPlan& plan,
                                           state::StateInstance& state)
    : aggregate_(*plan.aggregate),
      state_(state),
      windowed_(plan.aggregate->aggregation.window.has_value()),
      core_(aggregate_, ReaderContext(plan, quiet_log_, state)),
      projection_(plan.projection, /*rekeys=*/false, ReaderContext(plan, quiet_log_, state)),
      key_indexes_(plan.materialize->schema.IndexesIn(ColumnNamespace::kKey)) {
  FLUXO_CHECK(plan.materialize.has_value() && plan.materialize->from_aggregate,
              "an aggregate table reader needs a table materialized by its aggregation");
}

void AggregateTableReader::AddGroup(std::string_view key_bytes,
                                    const std::optional<WindowBounds>& window,
                                    std::string_view state_bytes,
                                    std::vector<KeyedRow>& rows) {
  const ValueList key = state::DecodeValueList(key_bytes);
  Row row = core_.OutputRow(key, core_.DecodeState(state_bytes), window);
  if (!core_.PassesHaving(row)) {
    return;
  }
  projection_.ProjectRow(row);
  KeyedRow keyed{{}, std::move(row)};
  MaterializedTable::EncodeKeyInto(key_indexes_, windowed_, keyed.row, keyed.order);
  rows.push_back(std::move(keyed));
}

void AggregateTableReader::VisitSorted(std::vector<KeyedRow>& rows, const RowVisitor& visitor) {
  std::sort(rows.begin(), rows.end(), [](const KeyedRow& left, const KeyedRow& right) {
    return left.order < right.order;
  });
  for (KeyedRow& keyed : rows) {
    if (!visitor(std::move(keyed.row))) {
      return;
    }
  }
}

void AggregateTableReader::VisitAll(const RowVisitor& visitor) {
  std::vector<KeyedRow> rows;
  if (windowed_) {
    state_.GetWindowStore(aggregate_.store_name)
        .FetchAll(kEarliest, kLatest, [&](const state::WindowKey& window, std::string_view value) {
          AddGroup(window.key, WindowBounds{window.start_ms, window.end_ms}, value, rows);
          return true;
        });
  } else {
    state_.GetKeyValueStore(aggregate_.store_name)
        .Scan(state::KeyRange::All(), [&](std::string_view key, std::string_view value) {
          AddGroup(key, std::nullopt, value, rows);
          return true;
        });
  }
  VisitSorted(rows, visitor);
}

void AggregateTableReader::VisitKey(const ValueList& key, const RowVisitor& visitor) {
  FLUXO_CHECK(key.size() == key_indexes_.size(), "a key lookup needs every key column");
  std::string encoded;
  state::EncodeValueList(key, encoded);
  if (key.size() != 1) {
    // The table may order its key columns otherwise than the GROUP BY: read every group and
    // keep the rows of the key.
    std::string row_key;
    VisitAll([&](Row row) {
      MaterializedTable::EncodeKeyInto(key_indexes_, false, row, row_key);
      return row_key != encoded || visitor(std::move(row));
    });
    return;
  }
  std::vector<KeyedRow> rows;
  if (windowed_) {
    state_.GetWindowStore(aggregate_.store_name)
        .FetchKey(encoded,
                  kEarliest,
                  kLatest,
                  [&](const state::WindowKey& window, std::string_view value) {
                    AddGroup(window.key, WindowBounds{window.start_ms, window.end_ms}, value, rows);
                    return true;
                  });
  } else if (const std::optional<std::string_view> value =
                 state_.GetKeyValueStore(aggregate_.store_name).Get(encoded)) {
    AddGroup(encoded, std::nullopt, *value, rows);
  }
  VisitSorted(rows, visitor);
}

}  // namespace fluxo::runtime
