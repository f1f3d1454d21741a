// FilterOperator over a changelog with old rows (a table-table join's): each row of the case
// table in filter_operator.h.

#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "runtime/operators/filter_operator.h"

namespace fluxo::runtime {

namespace {

// Keeps what reaches it, described as "<op> KEY PASSES".
class CollectingEmitter final : public Emitter {
 public:
  void Emit(RowBatch&& batch) override {
    for (const Row& row : batch) {
      const char* op = row.kind == ChangeKind::kInsert         ? "+"
                       : row.kind == ChangeKind::kUpdateBefore ? "U-"
                       : row.kind == ChangeKind::kUpdateAfter  ? "U+"
                                                               : "-";
      lines.push_back(std::string(op) + " " + row.values[0].DebugString() + " " +
                      row.values[1].DebugString() + (row.tombstone ? " tombstone" : ""));
    }
  }

  std::vector<std::string> lines;
};

// Rows (K INT, PASSES BOOLEAN) filtered on PASSES.
planner::FilterStep PassesFilter() {
  expr::BoundExpression column;
  column.kind = expr::BoundKind::kColumn;
  column.index = 1;
  column.type = SqlType::Boolean();
  return planner::FilterStep{"Q.WhereFilter", expr::MakeBound(std::move(column)), true};
}

Row Change(ChangeKind kind, int32_t key, bool passes) {
  Row row;
  row.kind = kind;
  row.values = {Value::Int32(key), Value::Boolean(passes)};
  row.tombstone = kind == ChangeKind::kDelete;
  return row;
}

std::vector<std::string> Filter(std::vector<Row> rows) {
  FilterOperator filter(PassesFilter(), /*over_table=*/true, OperatorContext{});
  CollectingEmitter out;
  RowBatch batch;
  for (Row& row : rows) {
    batch.Add(std::move(row));
  }
  filter.Process(std::move(batch), out);
  return out.lines;
}

using Lines = std::vector<std::string>;

}  // namespace

TEST_SUITE("operators") {
  TEST_CASE("a filter over a changelog with old rows deletes only keys that passed") {
    CHECK(Filter({Change(ChangeKind::kInsert, 1, true)}) == Lines{"+ 1 true"});
    CHECK(Filter({Change(ChangeKind::kInsert, 1, false)}).empty());
    CHECK(Filter({Change(ChangeKind::kUpdateBefore, 1, true),
                  Change(ChangeKind::kUpdateAfter, 1, true)}) == Lines{"U- 1 true", "U+ 1 true"});
    CHECK(Filter({Change(ChangeKind::kUpdateBefore, 1, true),
                  Change(ChangeKind::kUpdateAfter, 1, false)}) == Lines{"- 1 true tombstone"});
    CHECK(Filter({Change(ChangeKind::kUpdateBefore, 1, false),
                  Change(ChangeKind::kUpdateAfter, 1, true)}) == Lines{"+ 1 true"});
    CHECK(Filter({Change(ChangeKind::kUpdateBefore, 1, false),
                  Change(ChangeKind::kUpdateAfter, 1, false)})
              .empty());
    CHECK(Filter({Change(ChangeKind::kDelete, 1, true)}) == Lines{"- 1 true tombstone"});
    CHECK(Filter({Change(ChangeKind::kDelete, 1, false)}).empty());
  }
}

}  // namespace fluxo::runtime
