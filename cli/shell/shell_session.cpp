#include "cli/shell/shell_session.h"

#include <fstream>
#include <ostream>
#include <sstream>
#include <thread>
#include <utility>

#include "cli/shell/box_table.h"
#include "cli/shell/push_query_view.h"
#include "parser/parser.h"
#include "parser/variable_substitution.h"
#include "runtime/core/format_error.h"
#include "runtime/serde/json_writer.h"

namespace fluxo::cli::shell {
namespace {

/// RUN SCRIPT may nest this deep (a script that runs itself stops here).
constexpr int kMaxScriptDepth = 16;

/// Moves an error's span from `statement`'s own text to the script it was cut from.
Error InScript(const Error& error, const SourceSpan& statement) {
  if (!error.span().has_value() || !error.span()->IsKnown()) {
    return error;
  }
  SourceSpan span = *error.span();
  if (span.line == 1) {
    span.column += statement.column - 1;
  }
  span.line += statement.line - 1;
  span.offset += statement.offset;
  Error moved(error.kind(), error.message(), span);
  if (!error.detail().empty()) {
    moved.WithDetail(error.detail());
  }
  return moved;
}

/// Closes a push query that stops being shown because of an error, so it does not run on.
class PushQueryCloser {
 public:
  PushQueryCloser(ShellBackend& backend, std::string query_id, std::ostream& err)
      : backend_(backend), query_id_(std::move(query_id)), err_(err) {}

  ~PushQueryCloser() {
    if (armed_) {
      try {
        backend_.ClosePushQuery(query_id_);
      } catch (const std::exception& error) {
        // Already unwinding with the error that matters; say this one too, after it.
        err_ << "could not close push query " << query_id_ << ": " << error.what() << "\n";
      }
    }
  }

  PushQueryCloser(const PushQueryCloser&) = delete;
  PushQueryCloser& operator=(const PushQueryCloser&) = delete;

  void Disarm() { armed_ = false; }

 private:
  ShellBackend& backend_;
  std::string query_id_;
  std::ostream& err_;
  bool armed_ = true;
};

}  // namespace

ShellSession::ShellSession(ShellBackend& backend,
                           std::ostream& out,
                           std::ostream& err,
                           std::function<bool()> interrupted,
                           SessionSettings settings)
    : backend_(backend),
      out_(out),
      err_(err),
      interrupted_(std::move(interrupted)),
      settings_(std::move(settings)) {}

bool ShellSession::RunStatement(const std::string& statement) {
  parser::StatementText piece{statement, SourceSpan{1, 1, 0, 0}};
  return Run(piece, statement, "");
}

bool ShellSession::RunScript(std::string_view script, const std::string& origin) {
  for (const parser::StatementText& statement : parser::SplitStatements(script).statements) {
    if (!Run(statement, script, origin)) {
      return false;
    }
    if (interrupted_()) {
      err_ << origin << ": interrupted; the rest of it was not run\n";
      return false;
    }
  }
  return true;
}

bool ShellSession::Run(const parser::StatementText& statement,
                       std::string_view script,
                       const std::string& origin) {
  std::string text;
  try {
    text = parser::SubstituteVariables(statement.text, backend_.Variables());
  } catch (const Error& error) {
    ReportError(InScript(error, statement.span), script, origin);
    return false;
  }
  try {
    const ast::Statement parsed = parser::ParseStatement(text);
    if (const auto* run_script = parsed.As<ast::RunScript>()) {
      return RunScriptFile(run_script->path);
    }
    if (const auto* print = parsed.As<ast::PrintTopic>()) {
      Print(*print);
      return true;
    }
    for (const engine::StatementResult& result : backend_.Execute(text)) {
      Show(result);
    }
    return true;
  } catch (const Error& error) {
    if (text == statement.text) {
      ReportError(InScript(error, statement.span), script, origin);
    } else {
      // The error points into the substituted text: show that text instead of the script.
      ReportError(error, text, origin.empty() ? "after substitution" : origin);
    }
    return false;
  } catch (const std::exception& error) {
    // Not a fluxo::Error: a bug or a library failure. Show it and keep the shell going.
    ReportError(Error(ErrorKind::kInternal, error.what()), text, origin);
    return false;
  }
}

bool ShellSession::RunScriptFile(const std::string& path) {
  if (script_depth_ >= kMaxScriptDepth) {
    throw Error(ErrorKind::kExecution,
                "RUN SCRIPT nests deeper than " + std::to_string(kMaxScriptDepth) +
                    " scripts: does '" + path + "' run itself?");
  }
  std::ifstream in(path);
  if (!in) {
    throw Error(ErrorKind::kIo, "Cannot read the script '" + path + "'");
  }
  std::ostringstream text;
  text << in.rdbuf();
  ++script_depth_;
  const bool ok = RunScript(text.str(), path);
  --script_depth_;
  return ok;
}

void ShellSession::Show(const engine::StatementResult& result) {
  for (const std::string& notice : result.notices) {
    err_ << "Warning: " << notice << "\n";
  }
  switch (result.kind) {
    case engine::StatementResult::Kind::kMessage:
      if (!result.message.empty()) {
        out_ << result.message << "\n";
      }
      break;
    case engine::StatementResult::Kind::kTable:
      ShowTable(result);
      break;
    case engine::StatementResult::Kind::kPushQuery:
      StreamPushQuery(result);
      break;
  }
  out_ << std::flush;
}

void ShellSession::ShowTable(const engine::StatementResult& result) {
  if (!result.message.empty()) {
    out_ << result.message << "\n";
  }
  if (settings_.format == OutputFormat::kTabular) {
    out_ << RenderTable(result.columns, result.rows);
    return;
  }
  for (const std::vector<std::string>& row : result.rows) {
    std::string line = "{";
    for (size_t i = 0; i < result.columns.size() && i < row.size(); ++i) {
      line += i > 0 ? "," : "";
      serde::AppendJsonString(result.columns[i], line);
      line += ':';
      serde::AppendJsonString(row[i], line);
    }
    out_ << line << "}\n";
  }
}

void ShellSession::StreamPushQuery(const engine::StatementResult& started) {
  PushQueryView view(started, settings_.format, settings_.terminal_width(), out_, err_);
  PushQueryCloser closer(backend_, started.query_id, err_);
  interrupted_();  // A Ctrl-C pressed before the query started is not meant for it.
  view.Begin();
  while (true) {
    if (TakeInterrupt()) {
      closer.Disarm();
      backend_.ClosePushQuery(started.query_id);
      view.End({"Query terminated"});
      return;
    }
    const PushQueryPoll poll = backend_.PollPushQuery(started.query_id);
    view.Show(poll.rows);
    if (!poll.running) {
      closer.Disarm();
      view.End({"Limit Reached", "Query terminated"});
      return;
    }
    if (poll.rows.empty()) {
      std::this_thread::sleep_for(settings_.poll_interval);
    }
  }
}

void ShellSession::Print(const ast::PrintTopic& print) {
  const std::unique_ptr<PrintStream> stream = backend_.StartPrint(print);
  interrupted_();  // As for push queries: only a Ctrl-C pressed from now on stops it.
  while (!stream->done()) {
    if (TakeInterrupt()) {
      out_ << "Topic printing ceased\n" << std::flush;
      return;
    }
    const std::vector<std::string> lines = stream->Poll();
    for (const std::string& line : lines) {
      out_ << line << "\n";
    }
    out_ << std::flush;
    if (lines.empty()) {
      std::this_thread::sleep_for(settings_.poll_interval);
    }
  }
  out_ << "Topic printing ceased\n" << std::flush;
}

bool ShellSession::TakeInterrupt() {
  if (!interrupted_()) {
    return false;
  }
  if (settings_.terminal) {
    out_ << '\r';
  }
  return true;
}

void ShellSession::ReportError(const Error& error,
                               std::string_view source,
                               const std::string& origin) {
  if (!origin.empty()) {
    err_ << origin << ": ";
  }
  err_ << FormatError(error, source) << "\n" << std::flush;
}

}  // namespace fluxo::cli::shell
