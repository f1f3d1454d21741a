#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "planner/catalog/catalog.h"
#include "runtime/core/processing_log.h"
#include "runtime/core/row_batch.h"
#include "runtime/engine/statement_result.h"
#include "runtime/functions/function_registry.h"
#include "runtime/topic/topic_client.h"

namespace fluxo::engine {

struct Command;

struct EngineState;

/// One row of a push query's result, as the query emitted it: the key columns, the value
/// columns (empty for a delete), the window of a windowed result, and the row's timestamp.
/// For a table result each row is a change: a new value for its key, or a delete.
struct PushQueryRow {
  ValueList key;
  ValueList values;
  std::optional<WindowBounds> window;
  bool tombstone = false;  ///< The key's row was deleted (HAVING no longer holds, a merge).
  int64_t timestamp = 0;

  bool operator==(const PushQueryRow&) const = default;
};

/// What one running query has done so far, for monitoring (REST's /metrics).
struct QueryMetrics {
  std::string query_id;
  bool push_query = false;  ///< A transient push query rather than a persistent one.
  bool failed = false;      ///< The query stopped with an error (SHOW QUERIES: ERROR).
  uint64_t records_read = 0;
  uint64_t records_skipped = 0;  ///< Processing-log entries: bad input, late records, ...
  uint64_t records_written = 0;  ///< Records its sink produced.
  uint64_t late_records_dropped = 0;
  int64_t consumer_lag = 0;  ///< Source records not read yet (-1: the broker did not say).
  /// The source partitions whose tasks run on this instance (all of them unless scale.out).
  std::vector<int32_t> owned_partitions;
  uint64_t commits = 0;
  double commit_time_ms = 0;  ///< All commits together.
};

/// The one facade every front end drives (STYLE.md §9.8): SQL text in, results and errors out.
/// Holds the catalog, the session properties and the persistent queries of one Fluxo instance.
/// Statements run one at a time; persistent queries are driven by RunUntilIdle() in this
/// deterministic, in-process mode (the Kafka runtime adds threads and tasks later).
class Engine {
 public:
  explicit Engine(std::shared_ptr<runtime::TopicClient> topics);
  /// As above, starting from the configuration `config` (server properties such as
  /// `auto.offset.reset` or `state.dir`, which SET can then change per session).
  Engine(std::shared_ptr<runtime::TopicClient> topics, std::map<std::string, std::string> config);
  ~Engine();

  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  /// Parses and runs every statement of `script` in order. Throws fluxo::Error for the first
  /// statement that fails (a syntax error before any statement runs); statements before it
  /// keep their effect, and the error's span points into `script`.
  std::vector<StatementResult> ExecuteScript(const std::string& script);

  /// As above with `overrides` in force for these statements only, over the session
  /// properties (REST's `streamsProperties`: `auto.offset.reset` for one query, say).
  std::vector<StatementResult> ExecuteScript(const std::string& script,
                                             const std::map<std::string, std::string>& overrides);

  /// Runs pull query `sql` (one SELECT on a table) over this instance's tasks that read
  /// `partitions` of the scaled-out query writing the table, as ExecutePullQuery does (see
  /// StatementResult::pull_share): an instance's part of a pull query that another instance
  /// of the service fans out. Throws fluxo::Error as ExecuteScript does, and (kPlanning) when
  /// `sql` is not one pull query.
  StatementResult ExecutePullQueryShare(const std::string& sql,
                                        const std::vector<int32_t>& partitions);

  /// Replays the command topic of this engine's `service.id` (every DDL statement and
  /// persistent query accepted before, in order, each with the properties it ran with), then
  /// records each such statement accepted from now on. A command that fails again is logged
  /// and skipped. Returns the number of commands replayed. Throws fluxo::Error (kIo) when the
  /// topic cannot be created or read.
  size_t AttachCommandTopic();

  /// Runs the commands other servers with the same service id appended to the command topic
  /// since it was attached or last followed (those of this engine are left out), as a replay
  /// runs them, so that servers sharing a service id run the same statements. Returns how many
  /// it ran (0 without a command topic). Throws fluxo::Error (kIo) when the topic cannot be
  /// read.
  size_t FollowCommandTopic();

  /// Writes every record a query skips from now on to the processing log topic
  /// `<service.id>_processing_log` as well (after each round of PollQueries / RunUntilIdle).
  /// Throws fluxo::Error (kIo) when the topic cannot be created.
  void AttachProcessingLogTopic();

  /// Processes every record available to the persistent queries, query by query in creation
  /// order, until no query has input left, and commits what they processed. Returns the
  /// number of records read.
  size_t RunUntilIdle();

  /// Gives every running persistent query one turn: each reads and processes what one poll
  /// of its sources returns. A query that fails stops (SHOW QUERIES reports it with its
  /// error, and the processing log has it) without stopping the others. Returns the number
  /// of records read.
  size_t PollQueries();

  /// Calls `callback` (from any thread) when records may have arrived for its queries'
  /// readers (TopicClient::NotifyOnRecords), so that a driver can sleep until then; an empty
  /// callback stops the calls.
  void NotifyOnRecords(std::function<void()> callback);

  /// Commits every running query's processed input (state, pending output, offsets) that
  /// commit.interval.ms has held back: the last step of a clean shutdown. A query whose
  /// commit fails stops, as in PollQueries.
  void CommitQueries();

  /// Returns the rows push query `query_id` produced since the last call (run RunUntilIdle
  /// to process input first). When its LIMIT is reached the query ends. Throws fluxo::Error
  /// (kPlanning) for an unknown or ended query.
  std::vector<PushQueryRow> ReadPushQuery(const std::string& query_id);

  /// Returns true while push query `query_id` runs (LIMIT not reached, not closed).
  bool IsPushQueryRunning(const std::string& query_id) const;

  /// Stops push query `query_id` and drops its internal topic.
  void ClosePushQuery(const std::string& query_id);

  /// Inserts rows given as JSON objects (`{"COL": value, ...}`, names matched as the JSON
  /// format matches them, missing columns NULL) into stream or table `target`, as INSERT
  /// VALUES does: REST's /inserts-stream and webhooks. All or nothing: every row is checked
  /// before any is written. Throws fluxo::Error: kBinding for an unknown target, kExecution
  /// naming the row (0-based) and the problem for a row that does not fit the columns.
  void InsertJsonRows(const std::string& target, const std::vector<std::string>& json_rows);

  /// Returns the counters of every persistent and push query, in creation order (/metrics).
  std::vector<QueryMetrics> CollectQueryMetrics() const;

  /// Returns, per running scaled-out query (`scale.out`), the source partitions whose tasks
  /// run on this instance (what a server announces to the others of its service id).
  std::map<std::string, std::vector<int32_t>> ScaledOutPartitions() const;

  const planner::Catalog& catalog() const;

  runtime::TopicClient& topics();

  /// Session properties set with SET (and the engine's configuration).
  const std::map<std::string, std::string>& properties() const;

  /// Variables defined with DEFINE (names upper-cased unless quoted), for front ends that
  /// substitute `${name}` in a statement's text before running it.
  const std::map<std::string, std::string>& variables() const;

  /// Records skipped because they could not be read, evaluated or written, per query.
  const ProcessingLog& processing_log() const;

  /// Echo skipped records to the server log (on by default).
  void SetLogSkippedRecords(bool log);

  /// Resolves functions in `registry` from now on (default: the built-ins). The conformance
  /// runner passes the registry with ksqlDB's test-only functions. Must outlive the engine.
  void UseFunctionRegistry(const functions::FunctionRegistry& registry);

 private:
  /// Runs commands read from the command topic `topic`, each with the properties it was
  /// recorded with over the configured ones; one that fails is logged and skipped.
  void RunRecordedCommands(const std::vector<Command>& commands, const std::string& topic);

  std::unique_ptr<EngineState> state_;
};

}  // namespace fluxo::engine
