#include <doctest/doctest.h>

#include "tests/unit/aggregates/aggregate_test_support.h"

namespace fluxo::aggregates::testing {
namespace {

AggregateArgument Flag(bool value) {
  return Literal(SqlType::Boolean(), Value::Boolean(value));
}

AggregateArgument Count(int32_t value) {
  return Literal(SqlType::Int(), I(value));
}

// One session's state after the records (value, sequence) in order.
Value Session(const AggregateFunction& function,
              std::initializer_list<std::pair<Value, int64_t>> records) {
  Value state = function.Initial();
  for (const auto& [value, sequence] : records) {
    const ValueList arguments = {value};
    state = function.Accumulate(state, AggregateInput{arguments, sequence});
  }
  return state;
}

// What Kafka Streams does for a record that bridges sessions: merge their states into the
// initial state in order, then accumulate the record.
Value Bridge(const AggregateFunction& function,
             std::initializer_list<Value> sessions,
             const Value& value,
             int64_t sequence) {
  Value state = function.Initial();
  for (const Value& session : sessions) {
    state = function.Merge(state, session);
  }
  const ValueList arguments = {value};
  return function.Result(function.Accumulate(state, AggregateInput{arguments, sequence}));
}

}  // namespace

TEST_CASE("LATEST_BY_OFFSET skips NULLs by default (latest-offset-udaf.json)") {
  for (const auto& latest : {Make("LATEST_BY_OFFSET", {Column(SqlType::Int())}),
                             Make("LATEST_BY_OFFSET", {Column(SqlType::Int()), Flag(true)})}) {
    CHECK(latest->num_column_arguments() == 1);
    CHECK(*latest->result_type() == *SqlType::Int());
    CHECK(*latest->intermediate_type() ==
          *SqlType::Struct({{"SEQ", SqlType::Bigint()}, {"VAL", SqlType::Int()}}));
    CHECK_FALSE(latest->SupportsUndo());
    Group group(latest);
    CHECK(group.Result() == Null());
    CHECK(group.Add(I(12)) == I(12));
    CHECK(group.Add(Null()) == I(12));
    CHECK(group.Add(I(13)) == I(13));
    CHECK(group.state() == List({L(2), I(13)}));  // the record's sequence is kept
  }
}

TEST_CASE("LATEST_BY_OFFSET with ignoreNulls false takes NULLs too") {
  Group group(Make("LATEST_BY_OFFSET", {Column(SqlType::Int()), Flag(false)}));
  CHECK(group.Add(I(12)) == I(12));
  CHECK(group.Add(Null()) == Null());
  CHECK(group.Add(I(13)) == I(13));
  Group all_nulls(Make("LATEST_BY_OFFSET", {Column(SqlType::Int())}));
  CHECK(all_nulls.Add(Null()) == Null());
  CHECK(all_nulls.Add(Null()) == Null());
}

TEST_CASE("LATEST_BY_OFFSET of n keeps the last n values, oldest first") {
  auto latest = Make("LATEST_BY_OFFSET", {Column(SqlType::String()), Count(2)});
  CHECK(*latest->result_type() == *SqlType::Array(SqlType::String()));
  CHECK(*latest->intermediate_type() ==
        *SqlType::Array(SqlType::Struct({{"SEQ", SqlType::Bigint()}, {"VAL", SqlType::String()}})));
  Group group(latest);
  CHECK(group.Result() == List({}));
  CHECK(group.Add(S("a")) == List({S("a")}));
  CHECK(group.Add(S("b")) == List({S("a"), S("b")}));
  CHECK(group.Add(S("c")) == List({S("b"), S("c")}));

  Group ignoring(Make("LATEST_BY_OFFSET", {Column(SqlType::Int()), Count(2), Flag(true)}));
  CHECK(ignoring.Add(I(12)) == List({I(12)}));
  CHECK(ignoring.Add(Null()) == List({I(12)}));
  CHECK(ignoring.Add(I(13)) == List({I(12), I(13)}));

  Group keeping(Make("LATEST_BY_OFFSET", {Column(SqlType::Int()), Count(2), Flag(false)}));
  CHECK(keeping.Add(I(12)) == List({I(12)}));
  CHECK(keeping.Add(Null()) == List({I(12), Null()}));
  CHECK(keeping.Add(I(13)) == List({Null(), I(13)}));

  Group all_nulls(Make("LATEST_BY_OFFSET", {Column(SqlType::Int()), Count(2)}));
  CHECK(all_nulls.Add(Null()) == List({}));
  CHECK(all_nulls.Add(Null()) == List({}));
}

TEST_CASE("LATEST_BY_OFFSET of n = 1 is the single-value variant") {
  auto latest = Make("LATEST_BY_OFFSET", {Column(SqlType::Int()), Count(1)});
  CHECK(*latest->result_type() == *SqlType::Int());
}

TEST_CASE("LATEST_BY_OFFSET merges sessions by sequence (latest-offset-udaf.json)") {
  auto latest = Make("LATEST_BY_OFFSET", {Column(SqlType::Int())});
  // "merging session windows": 1 at 0 (sequence 0), 3 at 1500 (sequence 1), then 2 at 700
  // (sequence 2) bridges them.
  const Value first = Session(*latest, {{I(1), 0}});
  const Value second = Session(*latest, {{I(3), 1}});
  CHECK(Bridge(*latest, {first, second}, I(2), 2) == I(2));
  CHECK(latest->Result(latest->Merge(first, second)) == I(3));
  CHECK(latest->Result(latest->Merge(second, first)) == I(3));
  // "with nulls ignored": the session at 1500 saw only a NULL.
  const Value empty = Session(*latest, {{Null(), 1}});
  CHECK(latest->Result(empty) == Null());
  CHECK(latest->Result(latest->Merge(first, empty)) == I(1));
  // "with nulls ignored when merging": a NULL at 700 joins the session of 1.
  CHECK(Bridge(*latest, {first}, Null(), 1) == I(1));

  auto keeping = Make("LATEST_BY_OFFSET", {Column(SqlType::Int()), Flag(false)});
  const Value kept_null = Session(*keeping, {{Null(), 1}});
  CHECK(keeping->Result(kept_null) == Null());
  CHECK(Bridge(*keeping, {Session(*keeping, {{I(1), 0}}), kept_null}, I(2), 2) == I(2));
  // "with nulls not ignored when merging".
  CHECK(Bridge(*keeping, {Session(*keeping, {{I(1), 0}})}, Null(), 1) == Null());
  CHECK(keeping->Result(keeping->Merge(Session(*keeping, {{I(1), 0}}), kept_null)) == Null());
}

TEST_CASE("LATEST_BY_OFFSET ignoring NULLs never lets a NULL value win a merge") {
  auto latest = Make("LATEST_BY_OFFSET", {Column(SqlType::Int())});
  const Value older = List({L(3), I(7)});
  const Value newer_null = List({L(5), Null()});
  CHECK(latest->Merge(newer_null, older) == older);
  CHECK(latest->Merge(older, newer_null) == older);
  CHECK(latest->Merge(Null(), older) == older);
  CHECK(latest->Merge(older, Null()) == older);
}

TEST_CASE("LATEST_BY_OFFSET of n merges sessions by sequence") {
  auto ignoring = Make("LATEST_BY_OFFSET", {Column(SqlType::Int()), Count(2), Flag(true)});
  // "merging session windows - with nulls ignored - N".
  CHECK(Bridge(*ignoring,
               {Session(*ignoring, {{I(1), 0}}), Session(*ignoring, {{Null(), 1}})},
               I(2),
               2) == List({I(1), I(2)}));
  auto keeping = Make("LATEST_BY_OFFSET", {Column(SqlType::Int()), Count(2), Flag(false)});
  // "... with nulls not ignored - N".
  CHECK(Bridge(*keeping,
               {Session(*keeping, {{I(1), 0}}), Session(*keeping, {{Null(), 1}})},
               I(2),
               2) == List({Null(), I(2)}));
  // "... all nulls - N".
  CHECK(Bridge(*keeping,
               {Session(*keeping, {{Null(), 0}}), Session(*keeping, {{Null(), 1}})},
               Null(),
               2) == List({Null(), Null()}));
  // Sessions given newest first still merge in sequence order.
  const Value merged = keeping->Merge(Session(*keeping, {{I(5), 4}, {I(6), 9}}),
                                      Session(*keeping, {{I(1), 2}, {I(2), 7}}));
  CHECK(keeping->Result(merged) == List({I(2), I(6)}));
}

TEST_CASE("EARLIEST_BY_OFFSET keeps the first value") {
  auto earliest = Make("EARLIEST_BY_OFFSET", {Column(SqlType::String())});
  CHECK(*earliest->result_type() == *SqlType::String());
  Group group(earliest);
  CHECK(group.Result() == Null());
  CHECK(group.Add(Null()) == Null());  // skipped: NULLs are ignored by default
  CHECK(group.Add(S("a")) == S("a"));
  CHECK(group.Add(S("b")) == S("a"));
  CHECK(group.Add(Null()) == S("a"));

  Group keeping(Make("EARLIEST_BY_OFFSET", {Column(SqlType::String()), Flag(false)}));
  CHECK(keeping.Add(Null()) == Null());
  CHECK(keeping.Add(S("a")) == Null());  // the first value was a NULL, and it is kept
}

TEST_CASE("EARLIEST_BY_OFFSET of n keeps the first n values") {
  Group group(Make("EARLIEST_BY_OFFSET", {Column(SqlType::Int()), Count(2)}));
  CHECK(group.Add(Null()) == List({}));
  CHECK(group.Add(I(1)) == List({I(1)}));
  CHECK(group.Add(Null()) == List({I(1)}));
  CHECK(group.Add(I(2)) == List({I(1), I(2)}));
  CHECK(group.Add(I(3)) == List({I(1), I(2)}));
  Group keeping(Make("EARLIEST_BY_OFFSET", {Column(SqlType::Int()), Count(2), Flag(false)}));
  keeping.Add(Null());
  CHECK(keeping.Add(I(1)) == List({Null(), I(1)}));
}

TEST_CASE("EARLIEST_BY_OFFSET merges sessions by sequence") {
  auto earliest = Make("EARLIEST_BY_OFFSET", {Column(SqlType::Int())});
  const Value later = Session(*earliest, {{I(5), 3}});
  const Value sooner = Session(*earliest, {{I(9), 1}});
  CHECK(earliest->Result(earliest->Merge(later, sooner)) == I(9));
  CHECK(earliest->Result(earliest->Merge(sooner, later)) == I(9));
  CHECK(Bridge(*earliest, {later, sooner}, I(1), 4) == I(9));
  CHECK(earliest->Merge(earliest->Initial(), later) == later);

  auto two = Make("EARLIEST_BY_OFFSET", {Column(SqlType::Int()), Count(2)});
  const Value merged =
      two->Merge(Session(*two, {{I(1), 0}, {I(3), 5}}), Session(*two, {{I(2), 2}}));
  CHECK(two->Result(merged) == List({I(1), I(2)}));
}

TEST_CASE("BY_OFFSET values of any type pass through") {
  const SqlTypePtr type = SqlType::Array(SqlType::Struct(
      {{"A", SqlType::String()}, {"M", SqlType::Map(SqlType::String(), SqlType::Double())}}));
  Group group(Make("LATEST_BY_OFFSET", {Column(type)}));
  const Value value = List({List({S("x"), Value::Pairs({{S("k"), D(1.5)}})})});
  CHECK(group.Add(value) == value);
  Group decimals(Make("LATEST_BY_OFFSET", {Column(SqlType::Decimal(3, 2)), Flag(true)}));
  decimals.Add(Dec(340, 2));
  CHECK(decimals.Add(Dec(890, 2)) == Dec(890, 2));
}

TEST_CASE("BY_OFFSET arguments after the column are literals") {
  CHECK(CreateError("LATEST_BY_OFFSET", {Column(SqlType::Int()), Count(0)}) ==
        "For LatestByOffset, n must be positive.  It was 0");
  CHECK(CreateError("EARLIEST_BY_OFFSET", {Column(SqlType::Int()), Count(-1), Flag(true)}) ==
        "For EarliestByOffset, n must be positive.  It was -1");
  CHECK(CreateError("LATEST_BY_OFFSET", {Column(SqlType::Int()), Column(SqlType::Boolean())}) ==
        "Parameter 2 passed to function LATEST_BY_OFFSET must be a literal BOOLEAN");
  CHECK(CreateError("LATEST_BY_OFFSET",
                    {Column(SqlType::Int()), Count(2), Column(SqlType::Boolean())}) ==
        "Parameter 3 passed to function LATEST_BY_OFFSET must be a literal BOOLEAN");
  CHECK(CreateError("LATEST_BY_OFFSET", {Column(SqlType::Int()), Column(SqlType::String())}) ==
        "Function 'LATEST_BY_OFFSET' does not accept parameters (INTEGER, STRING)");
  CHECK(CreateError("LATEST_BY_OFFSET", {}) ==
        "Function 'LATEST_BY_OFFSET' does not accept parameters ()");
}

}  // namespace fluxo::aggregates::testing
