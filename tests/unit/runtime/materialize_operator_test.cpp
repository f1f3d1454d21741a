// MaterializeOperator: the rows a table result holds after each change, read back through
// MaterializedTable, and the batches it passes on unchanged.

#include "runtime/operators/materialize_operator.h"

#include <string>
#include <utility>
#include <vector>

#include <doctest/doctest.h>

#include "runtime/state/in_memory_state_instance.h"

namespace fluxo::runtime {

namespace {

// Keeps what reaches it.
class CollectingEmitter final : public Emitter {
 public:
  void Emit(RowBatch&& batch) override { batches.push_back(std::move(batch)); }

  std::vector<RowBatch> batches;
};

LogicalSchema UsersSchema() {
  return LogicalSchema({{"ID", SqlType::String(), ColumnNamespace::kKey, ""},
                        {"NAME", SqlType::String(), ColumnNamespace::kValue, ""}});
}

Row MakeRow(const std::string& id,
            std::optional<std::string> name,
            int64_t timestamp,
            ChangeKind kind = ChangeKind::kInsert) {
  Row row;
  row.values = {Value::String(id), name.has_value() ? Value::String(*name) : Value()};
  row.timestamp = timestamp;
  row.kind = kind;
  row.tombstone = !name.has_value();
  return row;
}

// The stored rows as "ID NAME @ROWTIME [start,end)" lines, in key order.
std::vector<std::string> Contents(MaterializedTable& table) {
  std::vector<std::string> lines;
  table.VisitAll([&](Row row) {
    std::string line = row.values[0].AsString() + " " + row.values[1].AsString() + " @" +
                       std::to_string(row.timestamp);
    if (row.window.has_value()) {
      line +=
          " [" + std::to_string(row.window->start) + "," + std::to_string(row.window->end) + ")";
    }
    lines.push_back(line);
    return true;
  });
  return lines;
}

}  // namespace

TEST_SUITE("operators") {
  TEST_CASE("MaterializeOperator keeps each key's latest row and forwards every batch") {
    state::InMemoryStateInstance state;
    const planner::MaterializeStep step{
        "Q.Materialize", "Q.Materialize.Rows", UsersSchema(), false};
    MaterializeOperator op(step, OperatorContext{"Q", "users", nullptr, &state});
    MaterializedTable table(UsersSchema(), false, state.GetKeyValueStore("Q.Materialize.Rows"));
    CollectingEmitter downstream;

    RowBatch first;
    first.Add(MakeRow("b", "Bob", 1));
    first.Add(MakeRow("a", "Ann", 2));
    first.Add(MakeRow("c", "Cid", 3));
    op.Process(std::move(first), downstream);
    op.Flush(downstream);  // The operator writes its rows into the store at Flush.
    CHECK(Contents(table) == std::vector<std::string>{"a Ann @2", "b Bob @1", "c Cid @3"});
    REQUIRE(downstream.batches.size() == 1);
    CHECK(downstream.batches[0].size() == 3);

    RowBatch second;
    second.Add(MakeRow("a", "Ann", 2, ChangeKind::kUpdateBefore));   // Ignored.
    second.Add(MakeRow("a", "Anna", 4, ChangeKind::kUpdateAfter));   // Replaces Ann.
    second.Add(MakeRow("c", std::nullopt, 5, ChangeKind::kDelete));  // Deletes c.
    second.Add(MakeRow("z", std::nullopt, 6, ChangeKind::kDelete));  // Deletes nothing.
    Row keyless = MakeRow("", "Nobody", 7);
    keyless.key_missing = true;  // Not stored: a table ignores records without a key.
    second.Add(std::move(keyless));
    op.Process(std::move(second), downstream);
    op.Flush(downstream);  // The operator writes its rows into the store at Flush.
    CHECK(Contents(table) == std::vector<std::string>{"a Anna @4", "b Bob @1"});
    REQUIRE(downstream.batches.size() == 2);
    CHECK(downstream.batches[1].size() == 5);

    std::vector<std::string> found;
    table.VisitKey({Value::String("b")}, [&](Row row) {
      found.push_back(row.values[1].AsString());
      return true;
    });
    table.VisitKey({Value::String("c")}, [&](Row row) {
      found.push_back(row.values[1].AsString());
      return true;
    });
    CHECK(found == std::vector<std::string>{"Bob"});
  }

  TEST_CASE("MaterializeOperator keeps one row per key and window of a windowed table") {
    state::InMemoryStateInstance state;
    const planner::MaterializeStep step{"Q.Materialize", "Q.Materialize.Rows", UsersSchema(), true};
    MaterializeOperator op(step, OperatorContext{"Q", "users", nullptr, &state});
    MaterializedTable table(UsersSchema(), true, state.GetKeyValueStore("Q.Materialize.Rows"));
    CollectingEmitter downstream;

    const auto windowed = [](Row row, int64_t start) {
      row.window = WindowBounds{start, start + 1000};
      return row;
    };
    RowBatch batch;
    batch.Add(windowed(MakeRow("a", "x", 10), 1000));
    batch.Add(windowed(MakeRow("a", "y", 11), 0));
    batch.Add(windowed(MakeRow("ab", "z", 12), 0));
    batch.Add(windowed(MakeRow("a", "y2", 13), 0));  // Replaces a's row in [0, 1000).
    batch.Add(MakeRow("b", "no window", 14));        // Not stored.
    op.Process(std::move(batch), downstream);
    op.Flush(downstream);  // The operator writes its rows into the store at Flush.
    // Key order first ("a" < "ab"), then window start.
    CHECK(Contents(table) == std::vector<std::string>{
                                 "a y2 @13 [0,1000)", "a x @10 [1000,2000)", "ab z @12 [0,1000)"});

    // A key's lookup finds its windows and no other key's, even one it is a prefix of.
    std::vector<int64_t> starts;
    table.VisitKey({Value::String("a")}, [&](Row row) {
      starts.push_back(row.window->start);
      return true;
    });
    CHECK(starts == std::vector<int64_t>{0, 1000});

    RowBatch deletes;
    deletes.Add(windowed(MakeRow("a", std::nullopt, 15), 1000));
    op.Process(std::move(deletes), downstream);
    op.Flush(downstream);  // The operator writes its rows into the store at Flush.
    CHECK(Contents(table) == std::vector<std::string>{"a y2 @13 [0,1000)", "ab z @12 [0,1000)"});
  }

  TEST_CASE("MaterializeOperator writes each key's last change into the store at Flush") {
    state::InMemoryStateInstance state;
    const planner::MaterializeStep step{
        "Q.Materialize", "Q.Materialize.Rows", UsersSchema(), false};
    MaterializeOperator op(step, OperatorContext{"Q", "users", nullptr, &state});
    MaterializedTable table(UsersSchema(), false, state.GetKeyValueStore("Q.Materialize.Rows"));
    CollectingEmitter downstream;

    RowBatch first;
    first.Add(MakeRow("a", "Ann", 1));
    first.Add(MakeRow("b", "Bob", 2));
    op.Process(std::move(first), downstream);
    CHECK(Contents(table).empty());  // Nothing before the commit's Flush.
    op.Flush(downstream);
    CHECK(Contents(table) == std::vector<std::string>{"a Ann @1", "b Bob @2"});

    // Several changes of one key between two flushes: the last one wins.
    RowBatch second;
    second.Add(MakeRow("a", "A1", 3));
    second.Add(MakeRow("a", std::nullopt, 4, ChangeKind::kDelete));
    second.Add(MakeRow("b", std::nullopt, 5, ChangeKind::kDelete));
    second.Add(MakeRow("b", "B2", 6));
    second.Add(MakeRow("c", "C1", 7));
    second.Add(MakeRow("c", std::nullopt, 8, ChangeKind::kDelete));
    op.Process(std::move(second), downstream);
    op.Flush(downstream);
    CHECK(Contents(table) == std::vector<std::string>{"b B2 @6"});
    op.Flush(downstream);  // Nothing pending: a no-op.
    CHECK(Contents(table) == std::vector<std::string>{"b B2 @6"});
  }
}

}  // namespace fluxo::runtime
