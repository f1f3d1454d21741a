// TableTableJoinOperator: every change of either table re-joins its key and is emitted as a
// changelog with old values (insert, update-before / update-after, delete), timestamped with
// the later of the two rows.

#include "runtime/operators/table_table_join_operator.h"

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
      : step(testing::MakeJoinStep(JoinKind::kTableTable, type)),
        join(step, OperatorContext{"Q", "left", nullptr, &state}) {}

  void Left(int32_t key, std::optional<std::string> value, int64_t time) {
    Feed(join, JoinSide::kLeft, InputRow(key, std::move(value), time), out);
  }

  void Right(int32_t key, std::optional<std::string> value, int64_t time) {
    Feed(join, JoinSide::kRight, InputRow(key, std::move(value), time), out);
  }

  state::InMemoryStateInstance state;
  planner::JoinStep step;
  TableTableJoinOperator join;
  CollectingEmitter out;
};

}  // namespace

TEST_SUITE("operators") {
  TEST_CASE("table-table INNER join: a key's joined row exists while both tables hold it") {
    Fixture f(JoinType::kInner);
    f.Left(1, "a", 10);
    CHECK(Take(f.out).empty());
    f.Right(1, "x", 20);
    CHECK(Take(f.out) == Lines{"+ 1 | 'a' 'x' @20"});
    f.Left(1, "b", 15);  // Earlier than the right row: the later time wins.
    CHECK(Take(f.out) == Lines{"U- 1 | 'a' 'x' @20", "U+ 1 | 'b' 'x' @20"});
    f.Right(1, std::nullopt, 30);
    CHECK(Take(f.out) == Lines{"- 1 | 'b' 'x' @30"});
    f.Left(1, std::nullopt, 40);  // The right row is gone: nothing to retract.
    f.Left(1, std::nullopt, 50);  // A key the table no longer holds.
    CHECK(Take(f.out).empty());
  }

  TEST_CASE("table-table LEFT join: the left row exists with or without a right row") {
    Fixture f(JoinType::kLeft);
    f.Left(1, "a", 10);
    CHECK(Take(f.out) == Lines{"+ 1 | 'a' - @10"});
    f.Right(1, "x", 20);
    CHECK(Take(f.out) == Lines{"U- 1 | 'a' - @20", "U+ 1 | 'a' 'x' @20"});
    f.Right(1, std::nullopt, 30);
    CHECK(Take(f.out) == Lines{"U- 1 | 'a' 'x' @30", "U+ 1 | 'a' - @30"});
    f.Right(2, "y", 35);  // No left row.
    CHECK(Take(f.out).empty());
    f.Left(1, std::nullopt, 40);
    CHECK(Take(f.out) == Lines{"- 1 | 'a' - @40"});
  }

  TEST_CASE("table-table join of a join's changelog reads its update-afters as upserts") {
    Fixture f(JoinType::kInner);
    f.Right(1, "x", 1);
    f.Left(1, "a", 2);
    CHECK(Take(f.out) == Lines{"+ 1 | 'a' 'x' @2"});
    RowBatch update;  // What a previous join emits when its row of key 1 changes.
    update.Add(InputRow(1, "a", 3));
    update[0].kind = ChangeKind::kUpdateBefore;
    update.Add(InputRow(1, "b", 3));
    update[1].kind = ChangeKind::kUpdateAfter;
    f.join.ProcessSide(JoinSide::kLeft, std::move(update), f.out);
    CHECK(Take(f.out) == Lines{"U- 1 | 'a' 'x' @3", "U+ 1 | 'b' 'x' @3"});
  }

  TEST_CASE("table-table RIGHT and FULL joins") {
    SUBCASE("RIGHT") {
      Fixture f(JoinType::kRight);
      f.Left(1, "a", 10);
      CHECK(Take(f.out).empty());
      f.Right(1, "x", 20);
      CHECK(Take(f.out) == Lines{"+ 1 | 'a' 'x' @20"});
      f.Left(1, std::nullopt, 30);
      CHECK(Take(f.out) == Lines{"U- 1 | 'a' 'x' @30", "U+ 1 | - 'x' @30"});
    }
    SUBCASE("FULL") {
      Fixture f(JoinType::kFull);
      f.Right(5, "z", 5);
      CHECK(Take(f.out) == Lines{"+ 5 | - 'z' @5"});
      f.Left(5, "c", 7);
      CHECK(Take(f.out) == Lines{"U- 5 | - 'z' @7", "U+ 5 | 'c' 'z' @7"});
      f.Left(5, std::nullopt, 8);
      CHECK(Take(f.out) == Lines{"U- 5 | 'c' 'z' @8", "U+ 5 | - 'z' @8"});
      f.Right(5, std::nullopt, 9);
      CHECK(Take(f.out) == Lines{"- 5 | - 'z' @9"});
    }
  }
}

}  // namespace fluxo::runtime
