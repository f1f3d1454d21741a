#include "runtime/testing/qtt_runner.h"

#include <doctest/doctest.h>

#include "runtime/core/error.h"
#include "runtime/testing/qtt_expected_error.h"
#include "runtime/testing/qtt_post_conditions.h"

namespace fluxo::qtt {

namespace {

QttCase OneCase(const std::string& entry) {
  std::vector<QttCase> cases = ParseQttCases("unit.json", "{\"tests\": [" + entry + "]}");
  REQUIRE(cases.size() == 1);
  return cases[0];
}

}  // namespace

TEST_CASE("TopicsBeforeStatements follows FORMAT.md section 4") {
  const QttCase qtt_case = OneCase(R"({"name": "t",
      "statements": [
        "CREATE STREAM A (ID INT KEY, V STRING) WITH (kafka_topic='a_topic', value_format='JSON', PARTITIONS=3);",
        "CREATE TABLE `b` (ID INT PRIMARY KEY) WITH (KAFKA_TOPIC='it''s', value_format='JSON'); CREATE STREAM C AS SELECT * FROM A;",
        "CREATE STREAM \"lower\" (ID INT KEY) WITH (kafka_topic='quoted', value_format='JSON');",
        "CREATE STREAM D WITH (kafka_topic='inferred', value_format='JSON') AS SELECT * FROM A;"],
      "topics": [{"name": "a_topic", "partitions": 2}, {"name": "extra"}],
      "inputs": [{"topic": "a_topic", "value": null}, {"topic": "in", "value": null}],
      "outputs": [{"topic": "C", "value": null}]})");
  CHECK(TopicsBeforeStatements(qtt_case) ==
        std::vector<std::pair<std::string, int32_t>>{
            {"a_topic", 2}, {"extra", 1}, {"it's", 1}, {"quoted", 1}, {"in", 1}, {"C", 1}});
}

TEST_CASE("StatementAtOffset counts code points across the joined script") {
  const std::vector<std::string> statements = {"SELECT 'é';", "X;", "Y;"};
  CHECK(StatementAtOffset(statements, 0) == 0);
  CHECK(StatementAtOffset(statements, 10) == 0);
  CHECK(StatementAtOffset(statements, 11) == 0);  // The joining newline.
  CHECK(StatementAtOffset(statements, 12) == 1);
  CHECK(StatementAtOffset(statements, 15) == 2);
  CHECK(StatementAtOffset(statements, 99) == 2);
}

TEST_CASE("MatchExpectedError maps Java exception types onto error kinds") {
  const QttExpectedException statement{
      "io.confluent.ksql.util.KsqlStatementException", "Unknown column", "", ""};
  const Error binding(ErrorKind::kBinding, "Unknown column X");
  CHECK_FALSE(MatchExpectedError(statement, binding, true));
  CHECK(MatchExpectedError(statement, binding, false));  // Not from the statements.
  CHECK(MatchExpectedError(statement, Error(ErrorKind::kBinding, "Other"), true));
  CHECK(MatchExpectedError(statement, Error(ErrorKind::kInternal, "Unknown column"), true));

  const QttExpectedException parse{
      "io.confluent.ksql.parser.exception.ParseFailedException", "", "", ""};
  CHECK_FALSE(MatchExpectedError(parse, Error(ErrorKind::kSyntax, "x"), true));
  CHECK(MatchExpectedError(parse, binding, true));
  // ANTLR's wording is not compared, only the position it names.
  const QttExpectedException positioned{"io.confluent.ksql.parser.exception.ParseFailedException",
                                        "line 2:74: Syntax Error\nmissing ')' at ','",
                                        "",
                                        ""};
  CHECK_FALSE(MatchExpectedError(
      positioned, Error(ErrorKind::kSyntax, "unexpected ','", SourceSpan{2, 74, 90, 1}), true));
  CHECK(MatchExpectedError(
      positioned, Error(ErrorKind::kSyntax, "unexpected ','", SourceSpan{2, 73, 89, 1}), true));

  const QttExpectedException streams{"org.apache.kafka.streams.errors.StreamsException",
                                     "Exception caught in process",
                                     "io.confluent.ksql.function.KsqlFunctionException",
                                     "Numeric field overflow"};
  CHECK_FALSE(MatchExpectedError(
      streams, Error(ErrorKind::kExecution, "Numeric field overflow: 1e40"), false));
  CHECK(MatchExpectedError(streams, Error(ErrorKind::kExecution, "other"), false));
  CHECK(MatchExpectedError(streams, Error(ErrorKind::kExecution, "Numeric field overflow"), true));
  CHECK(DescribeExpectedError(statement) == "KsqlStatementException \"Unknown column\"");
}

TEST_CASE("MatchExpectedError reads ksqlDB's 'Line: L, Col: C: ' prefix as a position") {
  const QttExpectedException located{"io.confluent.ksql.util.KsqlException",
                                     "Line: 2, Col: 13: Source `X` does not exist.",
                                     "",
                                     ""};
  const std::string message = "Source `X` does not exist.";
  CHECK_FALSE(MatchExpectedError(
      located, Error(ErrorKind::kBinding, message, SourceSpan{2, 13, 40, 1}), true));
  CHECK(MatchExpectedError(
      located, Error(ErrorKind::kBinding, message, SourceSpan{2, 14, 41, 1}), true));
  CHECK(MatchExpectedError(located, Error(ErrorKind::kBinding, message), true));  // No position.
  CHECK(MatchExpectedError(
      located, Error(ErrorKind::kBinding, "Other", SourceSpan{2, 13, 40, 1}), true));
}

TEST_CASE("NormalizeSchemaText makes ksqlDB's spellings comparable") {
  CHECK(NormalizeSchemaText("T_ID BIGINT KEY, `NAME` VARCHAR, `V` INT") ==
        NormalizeSchemaText("`T_ID` BIGINT KEY, `NAME` STRING, `V` INTEGER"));
  CHECK(NormalizeSchemaText("id BIGINT PRIMARY KEY, s STRUCT<a INT>") ==
        "ID BIGINT KEY , S STRUCT < A INTEGER >");
  CHECK(NormalizeSchemaText("`a` INT") != NormalizeSchemaText("`A` INT"));
  CHECK(NormalizeSchemaText("D DECIMAL(4, 2)") == "D DECIMAL ( 4 , 2 )");
}

TEST_CASE("RunQttCase skips registry cases and reports statement errors") {
  QttCase skipped = OneCase(R"({"name": "s", "format": ["AVRO"],
      "statements": ["CREATE STREAM S (K INT KEY, V INT) WITH (kafka_topic='t', value_format='{FORMAT}');"],
      "outputs": []})");
  CHECK(RunQttCase(skipped).status == CaseStatus::kSkipped);

  const QttCase broken =
      OneCase(R"({"name": "b", "statements": ["THIS IS NOT SQL;"], "outputs": []})");
  const CaseResult result = RunQttCase(broken);
  CHECK(result.status == CaseStatus::kFailed);
  CHECK(result.reason.find("statement 0 failed") == 0);
}

TEST_CASE("RunQttCase runs a projection end to end") {
  const QttCase qtt_case = OneCase(R"({"name": "projection",
      "statements": [
        "CREATE STREAM TEST (ID BIGINT KEY, NAME STRING, VALUE DOUBLE) WITH (kafka_topic='test_topic', value_format='JSON');",
        "CREATE STREAM OUTPUT AS SELECT ID, NAME, VALUE FROM TEST WHERE VALUE > 1;"],
      "inputs": [
        {"topic": "test_topic", "key": 1, "value": {"name": "a", "value": 0.5}, "timestamp": 10},
        {"topic": "test_topic", "key": 2, "value": {"NAME": "b", "VALUE": 2.5}, "timestamp": 20}],
      "outputs": [
        {"topic": "OUTPUT", "key": 2, "value": {"NAME": "b", "VALUE": 2.5}, "timestamp": 20}]})");
  const CaseResult passed = RunQttCase(qtt_case);
  CHECK_MESSAGE(passed.status == CaseStatus::kPassed, passed.reason);

  QttCase wrong = qtt_case;
  wrong.outputs[0].value["NAME"] = "c";
  const CaseResult failed = RunQttCase(wrong);
  CHECK(failed.status == CaseStatus::kFailed);
  CHECK_MESSAGE(failed.reason.find("topic OUTPUT record 0 value") == 0, failed.reason);
}

}  // namespace fluxo::qtt
