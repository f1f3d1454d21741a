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

// Describes what it gets without taking the rows, as a projection or a sink leaves them: the
// join builds its next batch in their memory.
class DescribingEmitter final : public Emitter {
 public:
  void Emit(RowBatch&& batch) override {
    for (const Row& row : batch) {
      std::string line;
      for (const Value& value : row.values) {
        line += testing::Text(value) + " ";
      }
      lines.push_back(line + "@" + std::to_string(row.timestamp));
    }
  }

  std::vector<std::string> lines;
};

struct Fixture {
  explicit Fixture(JoinType type,
                   const std::optional<std::vector<bool>>& columns_read = std::nullopt)
      : step(testing::MakeJoinStep(JoinKind::kStreamTable, type)),
        join(step, OperatorContext{"Q", "stream", nullptr, &state}, columns_read) {}

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

  TEST_CASE("stream-table join leaves the joined columns nobody reads NULL") {
    // Read: the key, L_V and R_W of (KEY, L_K, L_V, R_K, R_W).
    Fixture f(JoinType::kLeft, std::vector<bool>{true, false, true, false, true});
    DescribingEmitter described;
    f.Table(1, "x", 5);
    Feed(f.join, JoinSide::kLeft, InputRow(1, "a", 10), described);
    Feed(f.join, JoinSide::kLeft, InputRow(2, "b", 11), described);
    CHECK(described.lines == Lines{"1 - 'a' - 'x' @10", "2 - 'b' - - @11"});
  }

  TEST_CASE("stream-table join rows built in the memory of earlier batches are whole") {
    Fixture f(JoinType::kInner);
    DescribingEmitter described;
    f.Table(1, "x", 5);
    f.Table(2, "y", 6);
    for (int32_t key : {1, 2, 1}) {
      Feed(f.join, JoinSide::kLeft, InputRow(key, "v" + std::to_string(key), 10 + key), described);
    }
    CHECK(described.lines ==
          Lines{"1 1 'v1' 1 'x' @11", "2 2 'v2' 2 'y' @12", "1 1 'v1' 1 'x' @11"});
  }
}

}  // namespace fluxo::runtime
