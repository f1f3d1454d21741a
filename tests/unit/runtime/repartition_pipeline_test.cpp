// The repartition step of a join input whose join key is not its source's key: which inputs
// get one (PlanPhysical), how Pipeline::Build splits the input when the step has a topic (the
// source's rows end in the topic, which is read back as one more input), and the encoding of
// the rows in the topic. The same for a GROUP BY whose key is not its source's key.

#include <string>
#include <utility>
#include <vector>

#include <doctest/doctest.h>

#include "parser/parser.h"
#include "planner/binder/bind_create_source.h"
#include "planner/binder/bind_query.h"
#include "planner/physical/physical_plan.h"
#include "runtime/core/processing_log.h"
#include "runtime/operators/pipeline.h"
#include "runtime/operators/repartition_row_codec.h"
#include "runtime/state/in_memory_state_instance.h"
#include "runtime/state/value_codec.h"
#include "runtime/topic/in_memory_topic_client.h"

namespace fluxo::runtime {

namespace {

// Streams L and R (A INT KEY, B INT, C INT), table T (ID INT PRIMARY KEY, X STRING).
planner::Catalog Sources() {
  planner::Catalog catalog;
  for (const std::string sql : {
           "CREATE STREAM L (A INT KEY, B INT, C INT) WITH (kafka_topic='l', format='JSON');",
           "CREATE STREAM R (A INT KEY, B INT, C INT) WITH (kafka_topic='r', format='JSON');",
           "CREATE TABLE T (ID INT PRIMARY KEY, X STRING) WITH (kafka_topic='t', format='JSON');",
       }) {
    const ast::Statement statement = parser::ParseStatement(sql);
    catalog.AddSource(
        planner::BindCreateSource(*statement.As<ast::CreateSource>(), catalog, sql).source,
        false,
        false);
  }
  return catalog;
}

planner::PhysicalPlan Plan(const std::string& sql) {
  const planner::Catalog catalog = Sources();
  const ast::Statement statement = parser::ParseStatement(sql);
  const auto* create = statement.As<ast::CreateSourceAs>();
  REQUIRE(create != nullptr);
  return planner::PlanPhysical(
      planner::BindCreateSourceAs(*create, catalog, functions::FunctionRegistry::BuiltIn(), sql, 1),
      "Q");
}

// Names of the repartition steps of each input ("" for none).
std::vector<std::string> RepartitionNames(const planner::PhysicalPlan& plan) {
  std::vector<std::string> names;
  for (const planner::JoinInputStep& input : plan.join_inputs) {
    names.push_back(input.repartition.has_value() ? input.repartition->name : "");
  }
  return names;
}

const char* const kNonKeyJoin =
    "CREATE STREAM O AS SELECT L.B AS B, L.A AS A, T.X AS X FROM L JOIN T ON L.B = T.ID;";

}  // namespace

TEST_SUITE("runtime") {
  TEST_CASE("repartition: a stream input joined on a non-key column gets a repartition step") {
    const planner::PhysicalPlan plan = Plan(kNonKeyJoin);
    CHECK(RepartitionNames(plan) == std::vector<std::string>{"Join-left", ""});
    REQUIRE(plan.join_inputs[0].repartition.has_value());
    CHECK(plan.join_inputs[0].repartition->operator_id == "Q.LeftRepartition");
    REQUIRE(plan.join_inputs[0].repartition->keys.size() == 1);
    CHECK(plan.join_inputs[0].repartition->keys[0]->ToString() ==
          plan.joins[0].join.left_key->ToString());

    CHECK(RepartitionNames(Plan("CREATE STREAM O AS SELECT * FROM L JOIN T ON L.A = T.ID;")) ==
          std::vector<std::string>{"", ""});
    // Both streams of a stream-stream join, each when its side is not its key.
    CHECK(RepartitionNames(Plan("CREATE STREAM O AS SELECT * FROM L JOIN R WITHIN 1 SECOND "
                                "ON L.B = R.C;")) ==
          std::vector<std::string>{"Join-left", "Join-right"});
    CHECK(RepartitionNames(Plan("CREATE STREAM O AS SELECT * FROM L JOIN R WITHIN 1 SECOND "
                                "ON L.A = R.C;")) == std::vector<std::string>{"", "Join-right"});
    // The second join's right input is named after that join.
    CHECK(RepartitionNames(Plan("CREATE STREAM O AS SELECT * FROM L JOIN T ON L.A = T.ID "
                                "JOIN R WITHIN 1 SECOND ON L.A = R.B;")) ==
          std::vector<std::string>{"", "", "Join2-right"});
  }

  TEST_CASE("repartition: with a topic, the pipeline writes the re-keyed rows and reads them") {
    const planner::PhysicalPlan plan = Plan(kNonKeyJoin);
    InMemoryTopicClient topics;
    for (const char* topic : {"l", "t", "O"}) {
      topics.CreateTopic(topic, 2);
    }
    topics.CreateTopic("rep", 2);
    ProcessingLog log;
    state::InMemoryStateInstance state;

    // In-process: one input per source, nothing upstream.
    const auto in_process = Pipeline::Build(plan, topics, log, state);
    CHECK(in_process->topics() == std::vector<std::string>{"l", "t"});
    CHECK(in_process->upstream_topics().empty());
    CHECK(in_process->downstream_topics() == std::vector<std::string>{"l", "t"});

    const RepartitionTopics repartitions = {{"Q.LeftRepartition", RepartitionTopic{"rep", 2}}};
    state::InMemoryStateInstance split_state;
    const auto split = Pipeline::Build(plan, topics, log, split_state, repartitions);
    CHECK(split->topics() == std::vector<std::string>{"l", "rep", "t"});
    CHECK(split->upstream_topics() == std::vector<std::string>{"l"});
    CHECK(split->downstream_topics() == std::vector<std::string>{"rep", "t"});
    CHECK(split->IsRepartitionTopic("rep"));
    CHECK_FALSE(split->IsRepartitionTopic("l"));

    // The table row, then a stream row (key 1, B = 7): the stream row reaches the topic, keyed
    // by B, with its source record's timestamp, and joins only once read back from it.
    TopicRecord user;
    user.key = "7";
    user.value = R"({"X":"seven"})";
    user.timestamp = 5;
    split->Push("t", {topics.Produce("t", user)});
    TopicRecord view;
    view.key = "1";
    view.value = R"({"B":7,"C":3})";
    view.timestamp = 9;
    split->Push("l", {topics.Produce("l", view)});
    CHECK(topics.Fetch("O", 0, 0, 10).size() + topics.Fetch("O", 1, 0, 10).size() == 0);
    const std::string key = state::EncodeValueToString(Value::Int32(7));
    const int32_t partition = PartitionForKey(key, 2);
    CHECK(split->RepartitionWritten("rep", partition) == 1);
    CHECK(split->RepartitionWritten("rep", 1 - partition) == 0);
    const std::vector<TopicRecord> rekeyed = topics.Fetch("rep", partition, 0, 10);
    REQUIRE(rekeyed.size() == 1);
    CHECK(rekeyed[0].key == key);
    CHECK(rekeyed[0].timestamp == 9);

    split->Push("rep", rekeyed);
    std::vector<TopicRecord> joined = topics.Fetch("O", 0, 0, 10);
    for (TopicRecord& record : topics.Fetch("O", 1, 0, 10)) {
      joined.push_back(record);
    }
    REQUIRE(joined.size() == 1);
    CHECK(joined[0].key == "7");
    CHECK(joined[0].value == R"({"A":1,"X":"seven"})");
  }

  TEST_CASE("repartition: a GROUP BY on a non-key column gets a repartition step") {
    const planner::PhysicalPlan plan =
        Plan("CREATE TABLE O AS SELECT B, COUNT(*) AS N FROM L GROUP BY B;");
    REQUIRE(plan.group_by_repartition.has_value());
    CHECK(plan.group_by_repartition->operator_id == "Q.GroupByRepartition");
    CHECK(plan.group_by_repartition->name == "Aggregate-GroupBy");
    REQUIRE(plan.group_by_repartition->keys.size() == 1);
    CHECK(plan.group_by_repartition->keys[0]->ToString() ==
          plan.aggregate->aggregation.group_by[0].expression->ToString());
    // Several keys, an expression, a table's column: a step; the source's key: none.
    CHECK(Plan("CREATE TABLE O AS SELECT A, B, COUNT(*) AS N FROM L GROUP BY A, B;")
              .group_by_repartition->keys.size() == 2);
    CHECK(Plan("CREATE TABLE O AS SELECT A + 1 AS K, COUNT(*) AS N FROM L GROUP BY A + 1;")
              .group_by_repartition.has_value());
    CHECK(Plan("CREATE TABLE O AS SELECT X, COUNT(*) AS N FROM T GROUP BY X;")
              .group_by_repartition.has_value());
    CHECK_FALSE(Plan("CREATE TABLE O AS SELECT A, COUNT(*) AS N FROM L GROUP BY A;")
                    .group_by_repartition.has_value());
    CHECK_FALSE(Plan("CREATE TABLE O AS SELECT ID, COUNT(*) AS N FROM T GROUP BY ID;")
                    .group_by_repartition.has_value());
    // After a join the rows are re-keyed in-process.
    CHECK_FALSE(Plan("CREATE TABLE O AS SELECT T.X AS X, COUNT(*) AS N FROM L JOIN T "
                     "ON L.A = T.ID GROUP BY T.X;")
                    .group_by_repartition.has_value());
  }

  TEST_CASE("repartition: a GROUP BY with a topic aggregates what it reads back") {
    const planner::PhysicalPlan plan =
        Plan("CREATE TABLE O AS SELECT B, SUM(C) AS S FROM L WHERE C > 0 GROUP BY B;");
    InMemoryTopicClient topics;
    topics.CreateTopic("l", 1);  // Push takes one partition's records.
    topics.CreateTopic("O", 2);
    topics.CreateTopic("rep", 2);
    ProcessingLog log;
    state::InMemoryStateInstance state;
    const RepartitionTopics repartitions = {{"Q.GroupByRepartition", RepartitionTopic{"rep", 2}}};
    const auto split = Pipeline::Build(plan, topics, log, state, repartitions);
    CHECK(split->topics() == std::vector<std::string>{"l", "rep"});
    CHECK(split->upstream_topics() == std::vector<std::string>{"l"});
    CHECK(split->downstream_topics() == std::vector<std::string>{"rep"});
    CHECK(split->IsRepartitionTopic("rep"));

    // Keys 1, 2, 3 with B = 7, 7, 8; the third row fails WHERE and is not written.
    std::vector<TopicRecord> records;
    for (const auto& [key, value] : std::vector<std::pair<std::string, std::string>>{
             {"1", R"({"B":7,"C":3})"}, {"2", R"({"B":7,"C":4})"}, {"3", R"({"B":8,"C":-1})"}}) {
      TopicRecord record;
      record.key = key;
      record.value = value;
      record.timestamp = 100 + static_cast<int64_t>(records.size());
      records.push_back(topics.Produce("l", record));
    }
    split->Push("l", records);
    split->Flush();
    CHECK(topics.Fetch("O", 0, 0, 10).size() + topics.Fetch("O", 1, 0, 10).size() == 0);
    const std::string key = state::EncodeValueToString(Value::Int32(7));
    const int32_t partition = PartitionForKey(key, 2);
    const std::vector<TopicRecord> rekeyed = topics.Fetch("rep", partition, 0, 10);
    REQUIRE(rekeyed.size() == 2);
    CHECK(topics.Fetch("rep", 1 - partition, 0, 10).empty());
    CHECK(rekeyed[0].key == key);
    CHECK(rekeyed[1].key == key);
    CHECK(rekeyed[0].timestamp == 100);
    CHECK(rekeyed[1].timestamp == 101);

    split->Push("rep", rekeyed);
    split->Flush();
    std::vector<TopicRecord> sums = topics.Fetch("O", 0, 0, 10);
    for (TopicRecord& record : topics.Fetch("O", 1, 0, 10)) {
      sums.push_back(record);
    }
    REQUIRE_FALSE(sums.empty());
    CHECK(sums.back().key == "7");
    CHECK(sums.back().value == R"({"S":7})");
  }

  TEST_CASE("repartition: a row survives its trip through the topic unchanged") {
    Row row;
    row.values = {Value::String(std::string("k\0ey", 4)),
                  Value::Null(),
                  Value::Int64(-3),
                  Value::Double(2.5),
                  Value::List({Value::Int32(1), Value::String("x")})};
    row.timestamp = 1234567;
    row.partition = 3;
    row.offset = 99;
    row.kind = ChangeKind::kUpdateBefore;
    row.tombstone = true;
    row.key_missing = true;
    row.window = WindowBounds{1000, 2000};
    Row back;
    back.values = {Value::Int32(5)};
    DecodeRepartitionRow(EncodeRepartitionRow(row), back);
    CHECK(back.values == row.values);
    CHECK(back.timestamp == 1234567);
    CHECK(back.partition == 3);
    CHECK(back.offset == 99);
    CHECK(back.kind == ChangeKind::kUpdateBefore);
    CHECK(back.tombstone);
    CHECK(back.key_missing);
    CHECK(back.window == row.window);

    Row plain;
    plain.values = {Value::Int32(1)};
    DecodeRepartitionRow(EncodeRepartitionRow(plain), back);
    CHECK(back.values == plain.values);
    CHECK_FALSE(back.window.has_value());
    CHECK_FALSE(back.tombstone);
    CHECK(back.kind == ChangeKind::kInsert);
    CHECK_THROWS(DecodeRepartitionRow("\x05", back));
  }
}

}  // namespace fluxo::runtime
