// StreamTableJoinOperator: stream rows look up the table's current row (inserts, updates and
// deletes of the table emit nothing), keep their own time, and LEFT joins pad missing rows.

#include "runtime/operators/stream_table_join_operator.h"

#include <doctest/doctest.h>

#include "tests/unit/runtime/join_test_support.h"

namespace fluxo::runtime {

namespace {

using planner::JoinKind;
using planner::JoinType;
using testing::CollectingEmitter;
using testing::Feed;
using testing::InputRow;
using testing::Lines;
using testing::Take;

struct Fixture {
  explicit Fixture(JoinType type)
      : step(testing::MakeJoinStep(JoinKind::kStreamTable, type)),
        join(step, OperatorContext{"Q", "stream", nullptr, &state}) {}

  void Stream(std::optional<int32_t> key, std::optional<std::string> value, int64_t time) {
    Feed(join, JoinSide::kLeft, InputRow(key, std::move(value), time), out);
  }

  void Table(std::optional<int32_t> key, std::optional<std::string> value, int64_t time) {
    Feed(join, JoinSide::kRight, InputRow(key, std::move(value), time), out);
  }

  state::InMemoryStateInstance state;
  planner::JoinStep step;
  StreamTableJoinOperator join;
  CollectingEmitter out;
};

}  // namespace

TEST_SUITE("operators") {
  TEST_CASE("stream-table INNER join joins each stream row with the table's current row") {
    Fixture f(JoinType::kInner);
    f.Stream(1, "a", 10);  // No table row yet.
    f.Table(1, "x", 5);
    CHECK(Take(f.out).empty());
    f.Stream(1, "b", 20);
    CHECK(Take(f.out) == Lines{"+ 1 | 'b' 'x' @20"});
    f.Table(1, "y", 30);   // An update replaces the row; it emits nothing.
    f.Stream(1, "c", 25);  // The current row, whatever the times.
    CHECK(Take(f.out) == Lines{"+ 1 | 'c' 'y' @25"});
    f.Table(1, std::nullopt, 40);  // A delete.
    f.Stream(1, "d", 50);
    CHECK(Take(f.out).empty());
  }

  TEST_CASE("stream-table LEFT join pads stream rows without a table row") {
    Fixture f(JoinType::kLeft);
    f.Table(1, "x", 5);
    f.Stream(2, "e", 60);
    f.Stream(1, "f", 61);
    CHECK(Take(f.out) == Lines{"+ 2 | 'e' - @60", "+ 1 | 'f' 'x' @61"});
    f.Stream(1, std::nullopt, 62);  // A null-valued stream record joins nothing.
    CHECK(Take(f.out).empty());
    f.Stream(std::nullopt, "g", 70);  // A NULL key finds no row.
    CHECK(Take(f.out) == Lines{"+ - | 'g' - @70"});
  }
}

}  // namespace fluxo::runtime
