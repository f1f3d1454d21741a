#include "runtime/testing/qtt_runner.h"

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <set>

#include "runtime/core/error.h"
#include "runtime/engine/engine.h"
#include "runtime/functions/function_registry.h"
#include "runtime/testing/qtt_comparison.h"
#include "runtime/testing/qtt_expected_error.h"
#include "runtime/testing/qtt_post_conditions.h"
#include "runtime/testing/qtt_record_codec.h"
#include "runtime/topic/in_memory_topic_client.h"

namespace fluxo::qtt {

namespace {

/// Properties FORMAT.md §9 calls obsolete: current ksqlDB no longer reads them.
const std::set<std::string> kIgnoredProperties = {"ksql.functions.substring.legacy.args",
                                                  "ksql.windowed.session.key.legacy"};

/// A case that ends early: its status and reason.
struct Outcome {
  CaseStatus status;
  std::string reason;
};

/// Splits a script at the `;` that are outside quotes ('...', `...`, "...").
std::vector<std::string> SplitStatements(const std::string& script) {
  std::vector<std::string> pieces(1);
  char quote = 0;
  for (const char c : script) {
    if (quote != 0) {
      quote = c == quote ? '\0' : quote;  // A doubled quote closes and reopens: same effect.
    } else if (c == '\'' || c == '`' || c == '"') {
      quote = c;
    } else if (c == ';') {
      pieces.emplace_back();
      continue;
    }
    pieces.back() += c;
  }
  return pieces;
}

std::string PropertyRejected(const std::string& name,
                             const std::string& value,
                             const Error& error) {
  return "property " + name + "=" + value + " rejected: " + error.what();
}

std::string QuoteSql(const std::string& text) {
  std::string quoted = "'";
  for (const char c : text) {
    quoted += c == '\'' ? "''" : std::string(1, c);
  }
  return quoted + "'";
}

/// Returns the layout of the source registered on `topic`. Several sources may share a topic
/// (a stream declared over a query's sink); inputs prefer a declared source, outputs a query's
/// sink.
std::optional<RecordLayout> FindLayout(const planner::Catalog& catalog,
                                       const std::string& topic,
                                       bool prefer_sink) {
  static const std::regex as_select(R"(\bAS\s+SELECT\b)", std::regex::icase);
  const planner::SourceDescription* chosen = nullptr;
  for (const planner::SourceType type :
       {planner::SourceType::kStream, planner::SourceType::kTable}) {
    for (const planner::SourceDescription* source : catalog.ListSources(type)) {
      if (source->topic != topic) {
        continue;
      }
      if (chosen == nullptr || std::regex_search(source->statement, as_select) == prefer_sink) {
        chosen = source;
      }
    }
  }
  return chosen == nullptr ? std::nullopt : std::optional<RecordLayout>(LayoutOf(*chosen));
}

std::vector<ActualRecord> ReadTopic(engine::Engine& engine, const std::string& topic) {
  std::vector<ActualRecord> records;
  if (!engine.topics().TopicExists(topic)) {
    return records;
  }
  const std::optional<RecordLayout> layout = FindLayout(engine.catalog(), topic, true);
  const int32_t partitions = engine.topics().PartitionCount(topic);
  for (int32_t partition = 0; partition < partitions; ++partition) {
    const int64_t end = engine.topics().EndOffset(topic, partition);
    for (const runtime::TopicRecord& record :
         engine.topics().Fetch(topic, partition, 0, static_cast<size_t>(end))) {
      records.push_back(DecodeOutput(record, layout ? &*layout : nullptr));
    }
  }
  return records;
}

std::optional<std::string> CompareOutputs(const QttCase& qtt_case, engine::Engine& engine) {
  std::vector<std::string> topics;
  std::map<std::string, std::vector<const QttRecord*>> expected;
  for (const QttRecord& record : qtt_case.outputs) {
    if (expected.count(record.topic) == 0) {
      topics.push_back(record.topic);
    }
    expected[record.topic].push_back(&record);
  }
  std::optional<std::string> first;
  size_t differing = 0;
  for (const std::string& topic : topics) {
    const std::vector<ActualRecord> actual = ReadTopic(engine, topic);
    if (std::optional<std::string> reason =
            MatchTopic(topic, expected[topic], actual, !qtt_case.inputs.empty())) {
      ++differing;
      first = first ? first : reason;
    }
  }
  if (first && differing > 1) {
    *first += " (and " + std::to_string(differing - 1) + " more topics differ)";
  }
  // Records the queries skipped often explain missing output.
  const std::vector<ProcessingLogEntry> skipped = engine.processing_log().Entries();
  if (first && !skipped.empty()) {
    *first += "; the queries skipped " + std::to_string(skipped.size()) + " records, first " +
              skipped[0].topic + "/" + std::to_string(skipped[0].partition) + "@" +
              std::to_string(skipped[0].offset) + ": " + skipped[0].reason;
  }
  return first;
}

/// Produces the inputs and runs the queries; returns the error of a failing query, if any.
std::optional<Error> FeedInputs(const QttCase& qtt_case,
                                engine::Engine& engine,
                                const RunnerOptions& options) {
  try {
    for (size_t i = 0; i < qtt_case.inputs.size(); ++i) {
      const QttRecord& input = qtt_case.inputs[i];
      const std::optional<RecordLayout> layout = FindLayout(engine.catalog(), input.topic, false);
      runtime::TopicRecord record;
      try {
        record = EncodeInput(input, layout ? &*layout : nullptr);
      } catch (const std::exception& error) {
        throw std::invalid_argument("cannot write input record " + std::to_string(i) +
                                    " to topic " + input.topic + ": " + error.what());
      }
      engine.topics().Produce(input.topic, std::move(record));
      if (options.feed_mode == FeedMode::kRecordByRecord) {
        engine.RunUntilIdle();
      }
    }
    engine.RunUntilIdle();
  } catch (const Error& error) {
    return error;
  }
  return std::nullopt;
}

Outcome RunStatementsAndQueries(const QttCase& qtt_case, const RunnerOptions& options) {
  auto topics = std::make_shared<runtime::InMemoryTopicClient>();
  for (const auto& [topic, partitions] : TopicsBeforeStatements(qtt_case)) {
    topics->CreateTopic(topic, partitions);
  }
  engine::Engine engine(topics);
  engine.SetLogSkippedRecords(false);
  // ksqlDB's vectors call its test-only functions (BAD_UDF, WHENCONDITION, WHENRESULT).
  engine.UseFunctionRegistry(functions::FunctionRegistry::WithConformanceTestFunctions());
  for (const auto& [name, value] : qtt_case.properties) {
    if (kIgnoredProperties.count(name) > 0) {
      continue;
    }
    try {
      engine.ExecuteScript("SET " + QuoteSql(name) + "=" + QuoteSql(value) + ";");
    } catch (const Error& error) {
      return {CaseStatus::kFailed, PropertyRejected(name, value, error)};
    }
  }
  std::string script;
  for (const std::string& statement : qtt_case.statements) {
    script += (script.empty() ? "" : "\n") + statement;
  }
  const std::optional<QttExpectedException>& expected = qtt_case.expected_exception;
  try {
    engine.ExecuteScript(script);
  } catch (const Error& error) {
    const size_t failed = error.span() && error.span()->IsKnown()
                              ? StatementAtOffset(qtt_case.statements, error.span()->offset)
                              : qtt_case.statements.size() - 1;
    if (!expected) {
      return {CaseStatus::kFailed,
              "statement " + std::to_string(failed) + " failed: " +
                  std::string(ErrorKindName(error.kind())) + " error: " + error.what()};
    }
    if (failed + 1 < qtt_case.statements.size()) {
      return {CaseStatus::kFailed,
              "statement " + std::to_string(failed) + " of " +
                  std::to_string(qtt_case.statements.size()) +
                  " failed, but only the last may: " + error.what()};
    }
    std::optional<std::string> mismatch = MatchExpectedError(*expected, error, true);
    return mismatch ? Outcome{CaseStatus::kFailed, *mismatch} : Outcome{CaseStatus::kPassed, ""};
  }
  if (expected && IsStatementErrorType(expected->type) && qtt_case.inputs.empty()) {
    return {CaseStatus::kFailed,
            "expected " + DescribeExpectedError(*expected) + " but every statement succeeded"};
  }
  if (std::optional<Error> failure = FeedInputs(qtt_case, engine, options)) {
    if (!expected) {
      return {CaseStatus::kFailed,
              "a query failed while processing records: " +
                  std::string(ErrorKindName(failure->kind())) + " error: " + failure->what()};
    }
    std::optional<std::string> mismatch = MatchExpectedError(*expected, *failure, false);
    return mismatch ? Outcome{CaseStatus::kFailed, *mismatch} : Outcome{CaseStatus::kPassed, ""};
  }
  if (expected) {
    return {CaseStatus::kFailed,
            "expected " + DescribeExpectedError(*expected) +
                " but the statements and queries succeeded"};
  }
  if (std::optional<std::string> reason = CompareOutputs(qtt_case, engine)) {
    return {CaseStatus::kFailed, *reason};
  }
  if (std::optional<std::string> reason =
          CheckPostConditions(qtt_case.post, engine.catalog(), engine.topics())) {
    return {CaseStatus::kFailed, "post condition: " + *reason};
  }
  return {CaseStatus::kPassed, ""};
}

}  // namespace

const char* CaseStatusName(CaseStatus status) {
  switch (status) {
    case CaseStatus::kPassed:
      return "passed";
    case CaseStatus::kFailed:
      return "failed";
    case CaseStatus::kSkipped:
      return "skipped";
  }
  return "?";
}

std::vector<std::pair<std::string, int32_t>> TopicsBeforeStatements(const QttCase& qtt_case) {
  static const std::regex create_with_columns(
      R"(^\s*CREATE\s+(OR\s+REPLACE\s+)?(SOURCE\s+)?(STREAM|TABLE)\s+(IF\s+NOT\s+EXISTS\s+)?)"
      R"((`[^`]+`|"[^"]+"|[A-Za-z_][A-Za-z0-9_@]*)\s*\()",
      std::regex::icase);
  static const std::regex kafka_topic(R"(\bKAFKA_TOPIC\s*=\s*'((?:[^']|'')*)')", std::regex::icase);
  static const std::regex partitions_pattern(R"(\bPARTITIONS\s*=\s*'?(\d+))", std::regex::icase);
  std::vector<std::pair<std::string, int32_t>> topics;
  const auto add = [&topics](const std::string& name, int32_t partitions) {
    for (const auto& [known, count] : topics) {
      if (known == name) {
        return;
      }
    }
    topics.emplace_back(name, partitions);
  };
  for (const QttTopic& topic : qtt_case.topics) {
    add(topic.name, topic.partitions.value_or(1));
  }
  std::string script;
  for (const std::string& statement : qtt_case.statements) {
    script += statement + "\n";
  }
  for (const std::string& statement : SplitStatements(script)) {
    std::smatch topic;
    if (!std::regex_search(statement, create_with_columns) ||
        !std::regex_search(statement, topic, kafka_topic)) {
      continue;
    }
    const std::string name = std::regex_replace(topic[1].str(), std::regex("''"), "'");
    std::smatch partitions;
    add(name,
        std::regex_search(statement, partitions, partitions_pattern)
            ? static_cast<int32_t>(std::stoi(partitions[1].str()))
            : 1);
  }
  for (const auto* records : {&qtt_case.inputs, &qtt_case.outputs}) {
    for (const QttRecord& record : *records) {
      add(record.topic, 1);
    }
  }
  return topics;
}

size_t StatementAtOffset(const std::vector<std::string>& statements, int64_t offset) {
  int64_t start = 0;
  for (size_t i = 0; i < statements.size(); ++i) {
    int64_t code_points = 0;
    for (const char c : statements[i]) {
      code_points += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    }
    start += code_points + 1;  // The newline that joins it to the next one.
    if (offset < start) {
      return i;
    }
  }
  return statements.empty() ? 0 : statements.size() - 1;
}

CaseResult RunQttCase(const QttCase& qtt_case, const RunnerOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  CaseResult result;
  result.name = qtt_case.name;
  if (!qtt_case.skip_reason.empty()) {
    result.status = CaseStatus::kSkipped;
    result.reason = qtt_case.skip_reason;
  } else if (qtt_case.statements.empty()) {
    result.status = CaseStatus::kFailed;
    result.reason = "the case has no statements";
  } else {
    Outcome outcome{CaseStatus::kFailed, ""};
    try {
      outcome = RunStatementsAndQueries(qtt_case, options);
    } catch (const Error& error) {
      outcome.reason = std::string(ErrorKindName(error.kind())) + " error: " + error.what();
    } catch (const std::exception& error) {
      outcome.reason = std::string("harness error: ") + error.what();
    }
    result.status = outcome.status;
    result.reason = outcome.reason;
  }
  result.duration_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace fluxo::qtt
