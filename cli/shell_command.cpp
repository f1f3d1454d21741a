#include "cli/shell_command.h"

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <sys/ioctl.h>
#include <unistd.h>
#include <vector>

#include <boost/program_options.hpp>

#include "cli/command_line.h"
#include "cli/engine_setup.h"
#include "cli/http/server_url.h"
#include "cli/shell/edit_line_reader.h"
#include "cli/shell/embedded_backend.h"
#include "cli/shell/interrupt_signal.h"
#include "cli/shell/line_reader.h"
#include "cli/shell/output_format.h"
#include "cli/shell/rest_backend.h"
#include "cli/shell/shell_repl.h"
#include "cli/shell/shell_session.h"
#include "runtime/core/error.h"
#include "runtime/engine/engine.h"
#include "runtime/engine/engine_host.h"

#ifndef FLUXO_VERSION
#error "FLUXO_VERSION must be defined by the build (see cli/CMakeLists.txt)"
#endif

namespace fluxo::cli {
namespace {

namespace po = boost::program_options;

void PrintUsage(std::ostream& out, const po::options_description& options) {
  out << "Usage: fluxo shell [options]\n"
         "\n"
         "The interactive SQL shell. Statements end with ';' and may span lines. A push query\n"
         "streams its rows until its LIMIT or until Ctrl-C, which cancels the query and keeps\n"
         "the shell. Ctrl-C at the prompt clears the line; Ctrl-D or 'exit' leaves. Besides\n"
         "SQL: RUN SCRIPT 'file'; PRINT 'topic' [FROM BEGINNING] [LIMIT n]; DEFINE name =\n"
         "'value' and ${name}; SET/UNSET 'property'; 'output json|tabular'. History is kept\n"
         "in $FLUXO_HISTORY_FILE or ~/.fluxo_history. With no bootstrap.servers configured\n"
         "the engine runs on an embedded broker in-process. With --server URL the shell\n"
         "drives a running 'fluxo server' over its REST API instead (no PRINT there yet).\n"
         "\n"
      << options;
}

size_t TerminalWidth() {
  winsize size{};
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) {
    return size.ws_col;
  }
  if (const char* columns = std::getenv("COLUMNS"); columns != nullptr) {
    const long parsed = std::strtol(columns, nullptr, 10);
    if (parsed > 0) {
      return static_cast<size_t>(parsed);
    }
  }
  return 80;
}

/// Runs -f FILE, then -e SQL; returns the exit status.
int RunBatch(shell::ShellSession& session,
             const std::optional<std::string>& file,
             const std::optional<std::string>& statements,
             const CommandIo& io) {
  if (file.has_value()) {
    std::ifstream in(*file);
    if (!in) {
      io.err << "fluxo shell: cannot read '" << *file << "'\n";
      return kExitFailure;
    }
    std::ostringstream text;
    text << in.rdbuf();
    if (!session.RunScript(text.str(), *file)) {
      return kExitFailure;
    }
  }
  if (statements.has_value() && !session.RunScript(*statements, "-e")) {
    return kExitFailure;
  }
  return kExitOk;
}

/// Runs the statements of -f/-e, or the interactive loop, against `backend`.
int RunSession(shell::ShellBackend& backend,
               shell::OutputFormat format,
               shell::InterruptSignal& interrupt,
               const std::optional<std::string>& file,
               const std::optional<std::string>& statements,
               const CommandIo& io) {
  shell::SessionSettings settings;
  settings.format = format;
  settings.terminal_width = &TerminalWidth;
  settings.terminal = isatty(STDOUT_FILENO) != 0;
  shell::ShellSession session(
      backend, io.out, io.err, [&interrupt] { return interrupt.Take(); }, settings);

  if (file.has_value() || statements.has_value()) {
    return RunBatch(session, file, statements, io);
  }
  if (isatty(STDIN_FILENO) != 0 && isatty(STDOUT_FILENO) != 0) {
    io.out << "fluxo " << FLUXO_VERSION
           << " shell. Statements end with ';'. Ctrl-C cancels a running query, Ctrl-D or "
              "'exit' leaves.\n\n"
           << std::flush;
    shell::EditLineReader reader(interrupt, shell::DefaultHistoryPath(), io.err);
    return shell::RunRepl(reader, session, io.out, true);
  }
  shell::DescriptorLineReader reader(STDIN_FILENO, &interrupt);
  return shell::RunRepl(reader, session, io.out, false);
}

/// `fluxo shell --server URL`: the statements go to that server.
int RunRemoteShell(const std::string& url_text,
                   shell::OutputFormat format,
                   const std::optional<std::string>& file,
                   const std::optional<std::string>& statements,
                   const CommandIo& io) {
  std::optional<shell::RestBackend> backend;
  try {
    const http::ServerUrl url = http::ServerUrl::Parse(url_text);
    backend.emplace(url);
    const std::string version = backend->Connect();
    if (!file.has_value() && !statements.has_value() && isatty(STDOUT_FILENO) != 0) {
      io.out << "Connected to " << url.ToString() << " (server version " << version << ").\n";
    }
  } catch (const Error& error) {
    io.err << "fluxo shell: " << error.what() << "\n";
    return kExitFailure;
  }
  shell::InterruptSignal interrupt;
  return RunSession(*backend, format, interrupt, file, statements, io);
}

}  // namespace

int RunShellCommand(const std::vector<std::string>& arguments, const CommandIo& io) {
  po::options_description options("Options");
  options.add_options()("help,h", "print this help and exit")(
      "execute,e", po::value<std::string>(), "run these statements and exit")(
      "file,f", po::value<std::string>(), "run the statements of FILE and exit (before -e)")(
      "output",
      po::value<std::string>()->default_value("tabular"),
      "how rows show: tabular (boxed tables) or json (one object per line)")(
      "server",
      po::value<std::string>(),
      "drive the running 'fluxo server' at URL (http://HOST:PORT) instead of an engine "
      "in this process");
  AddEngineOptions(options);
  po::variables_map values;
  if (const auto exit = ParseCommandLine("shell", arguments, options, &PrintUsage, io, values)) {
    return *exit;
  }
  const std::optional<shell::OutputFormat> format =
      shell::ParseOutputFormat(values["output"].as<std::string>());
  if (!format.has_value()) {
    io.err << "fluxo shell: --output must be tabular or json\n";
    return kExitUsage;
  }
  std::optional<std::string> file;
  std::optional<std::string> statements;
  if (values.count("file") != 0) {
    file = values["file"].as<std::string>();
  }
  if (values.count("execute") != 0) {
    statements = values["execute"].as<std::string>();
  }
  if (values.count("server") != 0) {
    return RunRemoteShell(values["server"].as<std::string>(), *format, file, statements, io);
  }

  shell::InterruptSignal interrupt;
  EngineSetup setup;
  try {
    setup = SetUpEngine(EngineOptionsFrom(values), io.err);
  } catch (const Error& error) {
    io.err << "fluxo shell: " << error.what() << "\n";
    return kExitFailure;
  }
  engine::EngineHost host(std::make_unique<engine::Engine>(setup.topics, setup.config));
  host.Start();
  shell::EmbeddedBackend backend(host);
  const int status = RunSession(backend, *format, interrupt, file, statements, io);
  host.Stop();
  return status;
}

}  // namespace fluxo::cli
