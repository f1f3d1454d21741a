// StreamStreamJoinOperator: which rows join within the window (its bounds included, before and
// after seen from the left), unmatched rows of outer sides with and without GRACE PERIOD, late
// rows, NULL keys and null values. Expected rows were worked out by hand from Kafka Streams'
// KStreamKStreamJoin rules (see the operator's header).

#include "runtime/operators/stream_stream_join_operator.h"

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
  explicit Fixture(JoinType type, planner::JoinWindow within)
      : step(testing::MakeJoinStep(JoinKind::kStreamStream, type, within)),
        join(step, OperatorContext{"Q", "left", nullptr, &state}) {}

  void Left(std::optional<int32_t> key, std::optional<std::string> value, int64_t time) {
    Feed(join, JoinSide::kLeft, InputRow(key, std::move(value), time), out);
  }

  void Right(std::optional<int32_t> key, std::optional<std::string> value, int64_t time) {
    Feed(join, JoinSide::kRight, InputRow(key, std::move(value), time), out);
  }

  state::InMemoryStateInstance state;
  planner::JoinStep step;
  StreamStreamJoinOperator join;
  CollectingEmitter out;
};

}  // namespace

TEST_SUITE("operators") {
  TEST_CASE("stream-stream INNER join: rows within the window join, bounds included") {
    Fixture f(JoinType::kInner, testing::Within(10, 10));
    f.Left(1, "a", 100);
    CHECK(Take(f.out).empty());
    f.Right(1, "x", 105);  // Left rows in [95, 115].
    CHECK(Take(f.out) == Lines{"+ 1 | 'a' 'x' @105"});
    f.Right(2, "y", 106);  // Another key.
    f.Left(1, "b", 200);   // Right rows in [190, 210]: none.
    CHECK(Take(f.out).empty());
    f.Right(1, "w", 90);  // Left rows in [80, 100]: the bound itself joins.
    CHECK(Take(f.out) == Lines{"+ 1 | 'a' 'w' @100"});
    f.Right(1, "v", 89);  // [79, 99]: nothing.
    CHECK(Take(f.out).empty());
    f.Left(1, "c", 95);  // Right rows in [85, 105], in time order.
    CHECK(Take(f.out) == Lines{"+ 1 | 'c' 'v' @95", "+ 1 | 'c' 'w' @95", "+ 1 | 'c' 'x' @105"});
  }

  TEST_CASE(
      "stream-stream join WITHIN (before, after): a right row at t' joins t - before..t + after") {
    Fixture f(JoinType::kInner, testing::Within(5, 10));
    f.Left(1, "a", 100);
    f.Right(1, "x", 94);  // 94 < 100 - 5.
    CHECK(Take(f.out).empty());
    f.Right(1, "y", 95);
    CHECK(Take(f.out) == Lines{"+ 1 | 'a' 'y' @100"});
    f.Right(1, "z", 110);
    CHECK(Take(f.out) == Lines{"+ 1 | 'a' 'z' @110"});
    f.Right(1, "w", 111);  // 111 > 100 + 10.
    CHECK(Take(f.out).empty());
    f.Left(1, "b", 120);  // Right rows in [115, 130].
    CHECK(Take(f.out).empty());
    f.Left(1, "c", 116);  // Right rows in [111, 126].
    CHECK(Take(f.out) == Lines{"+ 1 | 'c' 'w' @116"});
  }

  TEST_CASE("stream-stream LEFT, RIGHT and FULL joins without GRACE emit unmatched rows at once") {
    SUBCASE("LEFT") {
      Fixture f(JoinType::kLeft, testing::Within(10, 10));
      f.Left(1, "a", 100);
      CHECK(Take(f.out) == Lines{"+ 1 | 'a' - @100"});
      f.Right(1, "x", 101);
      CHECK(Take(f.out) == Lines{"+ 1 | 'a' 'x' @101"});
      f.Right(2, "y", 102);  // The right side is not an outer side.
      CHECK(Take(f.out).empty());
      f.Left(2, "b", 103);
      CHECK(Take(f.out) == Lines{"+ 2 | 'b' 'y' @103"});
    }
    SUBCASE("RIGHT") {
      Fixture f(JoinType::kRight, testing::Within(10, 10));
      f.Left(1, "a", 100);
      CHECK(Take(f.out).empty());
      f.Right(3, "z", 104);
      CHECK(Take(f.out) == Lines{"+ 3 | - 'z' @104"});
      f.Right(1, "x", 105);
      CHECK(Take(f.out) == Lines{"+ 1 | 'a' 'x' @105"});
    }
    SUBCASE("FULL") {
      Fixture f(JoinType::kFull, testing::Within(10, 10));
      f.Left(1, "a", 100);
      f.Right(2, "y", 101);
      f.Right(1, "x", 102);
      CHECK(Take(f.out) == Lines{"+ 1 | 'a' - @100", "+ 2 | - 'y' @101", "+ 1 | 'a' 'x' @102"});
    }
  }

  TEST_CASE("stream-stream LEFT join with GRACE holds unmatched rows until their window closes") {
    // before = after = 10, grace = 5: a left row at t is emitted unmatched once stream time
    // passes t + 15; rows are kept for 25 ms of their input's stream time.
    Fixture f(JoinType::kLeft, testing::Within(10, 10, 5));
    f.Left(1, "a", 100);
    CHECK(Take(f.out).empty());
    f.Right(2, "y", 112);  // Stream time 112: the window of a@100 is still open (115).
    CHECK(Take(f.out).empty());
    f.Left(3, "c", 116);  // 116 > 115: a is emitted, then c waits.
    CHECK(Take(f.out) == Lines{"+ 1 | 'a' - @100"});
    f.Left(4, "d", 200);
    CHECK(Take(f.out) == Lines{"+ 3 | 'c' - @116"});
    f.Right(4, "x", 205);  // A match before d's window closes: d is never emitted unmatched.
    CHECK(Take(f.out) == Lines{"+ 4 | 'd' 'x' @205"});
    f.Left(5, "e", 1000);
    CHECK(Take(f.out).empty());
    // A late row whose window has closed is emitted at once; it is too old to be kept.
    f.Left(6, "f", 50);
    CHECK(Take(f.out) == Lines{"+ 6 | 'f' - @50"});
    f.Right(6, "z", 55);
    CHECK(Take(f.out).empty());
  }

  TEST_CASE("stream-stream FULL join with GRACE emits closed rows in time order, right first") {
    Fixture f(JoinType::kFull, testing::Within(10, 10, 0));
    f.Right(1, "x", 100);
    f.Left(2, "a", 100);
    CHECK(Take(f.out).empty());
    f.Left(3, "b", 111);
    CHECK(Take(f.out) == Lines{"+ 1 | - 'x' @100", "+ 2 | 'a' - @100"});
  }

  TEST_CASE("stream-stream joins: a NULL key joins nothing, a null value only moves time") {
    SUBCASE("an outer side emits a row with a NULL key at once") {
      Fixture f(JoinType::kLeft, testing::Within(10, 10));
      f.Left(std::nullopt, "a", 10);
      CHECK(Take(f.out) == Lines{"+ - | 'a' - @10"});
    }
    SUBCASE("an inner join drops it") {
      Fixture f(JoinType::kInner, testing::Within(10, 10));
      f.Left(std::nullopt, "a", 10);
      f.Right(std::nullopt, "x", 10);
      CHECK(Take(f.out).empty());
    }
    SUBCASE("a null value emits nothing, not even the rows whose window it closes") {
      Fixture f(JoinType::kLeft, testing::Within(10, 10, 5));
      f.Left(1, "a", 100);
      f.Left(7, std::nullopt, 200);
      CHECK(Take(f.out).empty());
      f.Right(9, "z", 200);  // The next row at stream time emits what has closed.
      CHECK(Take(f.out) == Lines{"+ 1 | 'a' - @100"});
    }
  }
}

}  // namespace fluxo::runtime
