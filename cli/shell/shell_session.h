#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>

#include "cli/shell/output_format.h"
#include "cli/shell/shell_backend.h"
#include "parser/statement_splitter.h"
#include "runtime/core/error.h"

namespace fluxo::cli::shell {

/// How a ShellSession shows things and waits for rows.
struct SessionSettings {
  OutputFormat format = OutputFormat::kTabular;
  /// Returns the terminal's width, asked when a push query starts (its table fills it).
  std::function<size_t()> terminal_width = [] { return size_t{80}; };
  /// How long to wait between two polls of a push query or PRINT that had nothing new.
  std::chrono::milliseconds poll_interval{10};
  /// `out` is a terminal: after Ctrl-C the cursor goes back to the start of the line, over
  /// the terminal's `^C` echo, before the table's bottom border.
  bool terminal = false;
};

/// Runs statements for the shell, whatever their source (a typed line, `-e`, `-f`, RUN
/// SCRIPT), and shows their results on `out` and their errors on `err`:
///  * `${name}` is replaced by the DEFINE'd value first (SubstituteVariables);
///  * RUN SCRIPT 'file' and PRINT run here (RUN SCRIPT reads the file; PRINT reads the topic
///    through the backend); everything else goes to the backend as it is;
///  * messages as text, tables boxed (or JSON lines), push query rows streamed until the
///    query's LIMIT or until `interrupted` says the person pressed Ctrl-C (the query is then
///    closed and the shell goes on);
///  * an error is rendered by FormatError, with line:column and a caret, and changes nothing.
class ShellSession {
 public:
  /// `interrupted` returns true once per Ctrl-C received since it was last called.
  ShellSession(ShellBackend& backend,
               std::ostream& out,
               std::ostream& err,
               std::function<bool()> interrupted,
               SessionSettings settings);

  /// Runs one complete statement the person typed; errors point into its own text. Returns
  /// false when it failed.
  bool RunStatement(const std::string& statement);

  /// Runs the statements of `script` in order and stops at the first that fails (or at
  /// Ctrl-C); returns false then. Errors name `origin` (a file name, or `-e`) and point at
  /// their line and column in `script`.
  bool RunScript(std::string_view script, const std::string& origin);

  OutputFormat format() const { return settings_.format; }

  void set_format(OutputFormat format) { settings_.format = format; }

 private:
  /// Runs `statement`, a piece of `script` at `statement.span`.
  bool Run(const parser::StatementText& statement,
           std::string_view script,
           const std::string& origin);
  bool RunScriptFile(const std::string& path);
  void Show(const engine::StatementResult& result);
  void ShowTable(const engine::StatementResult& result);
  void StreamPushQuery(const engine::StatementResult& started);
  void Print(const ast::PrintTopic& print);
  void ReportError(const Error& error, std::string_view source, const std::string& origin);
  /// Takes a Ctrl-C, if one came, and moves the cursor back over its `^C` echo.
  bool TakeInterrupt();

  ShellBackend& backend_;
  std::ostream& out_;
  std::ostream& err_;
  std::function<bool()> interrupted_;
  SessionSettings settings_;
  int script_depth_ = 0;  ///< RUN SCRIPT nesting, bounded so that a script cannot loop.
};

}  // namespace fluxo::cli::shell
