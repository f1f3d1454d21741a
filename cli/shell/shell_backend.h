#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "parser/ast/statement.h"
#include "runtime/engine/engine.h"
#include "runtime/engine/statement_result.h"

namespace fluxo::cli::shell {

/// What one poll of a push query gives: the rows since the last poll, and whether the query
/// still runs (false once its LIMIT is reached or it was closed).
struct PushQueryPoll {
  std::vector<engine::PushQueryRow> rows;
  bool running = false;
};

/// The lines of a running PRINT, read a batch at a time.
class PrintStream {
 public:
  virtual ~PrintStream() = default;

  /// Returns the lines that arrived since the last call (possibly none).
  virtual std::vector<std::string> Poll() = 0;

  /// Returns true once the PRINT's LIMIT is reached.
  virtual bool done() const = 0;
};

/// The Fluxo instance a shell drives: the engine in this process (EmbeddedBackend) or, later,
/// a `fluxo server` over REST. Each method throws fluxo::Error when the instance refuses;
/// spans in those errors point into the statement text that was passed.
class ShellBackend {
 public:
  virtual ~ShellBackend() = default;

  /// Runs one statement (its text without `;`, variables already substituted).
  virtual std::vector<engine::StatementResult> Execute(const std::string& statement) = 0;

  /// Returns the rows push query `query_id` produced since the last poll.
  virtual PushQueryPoll PollPushQuery(const std::string& query_id) = 0;

  /// Stops push query `query_id` (Ctrl-C).
  virtual void ClosePushQuery(const std::string& query_id) = 0;

  /// Returns the variables DEFINE has set, for `${name}` substitution.
  virtual std::map<std::string, std::string> Variables() = 0;

  /// Starts `PRINT topic ...`; throws fluxo::Error when the topic does not exist.
  virtual std::unique_ptr<PrintStream> StartPrint(const ast::PrintTopic& print) = 0;
};

}  // namespace fluxo::cli::shell
