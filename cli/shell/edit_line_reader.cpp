#include "cli/shell/edit_line_reader.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <ostream>
#include <poll.h>
#include <unistd.h>

#include <editline/readline.h>

#include "cli/shell/interrupt_signal.h"
#include "runtime/core/error.h"

namespace fluxo::cli::shell {
namespace {

/// How many lines the history keeps.
constexpr int kHistoryLines = 1000;

/// The line libedit's callback hands over; libedit's callback takes no context pointer.
struct PendingLine {
  bool done = false;
  std::optional<std::string> text;  ///< Nothing for Ctrl-D.
};

PendingLine* g_pending = nullptr;

void OnLine(char* line) {
  if (g_pending == nullptr) {
    std::free(line);
    return;
  }
  g_pending->done = true;
  if (line != nullptr) {
    g_pending->text = line;
    std::free(line);  // The callback owns the line, as with GNU readline.
  }
}

}  // namespace

std::string DefaultHistoryPath() {
  if (const char* path = std::getenv("FLUXO_HISTORY_FILE"); path != nullptr && *path != '\0') {
    return path;
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    return std::string(home) + "/.fluxo_history";
  }
  return "";
}

EditLineReader::EditLineReader(InterruptSignal& interrupt,
                               std::string history_path,
                               std::ostream& err)
    : interrupt_(interrupt), history_path_(std::move(history_path)), err_(err) {
  rl_readline_name = "fluxo";
  rl_catch_signals = 0;  // Ctrl-C is InterruptSignal's; see ReadLine.
  rl_initialize();
  using_history();
  stifle_history(kHistoryLines);
  if (!history_path_.empty()) {
    const int status = read_history(history_path_.c_str());
    if (status != 0 && status != ENOENT) {
      err_ << "fluxo shell: cannot read the history file " << history_path_ << ": "
           << std::strerror(status) << "\n";
    }
  }
}

EditLineReader::~EditLineReader() {
  rl_callback_handler_remove();
}

InputLine EditLineReader::ReadLine(const std::string& prompt) {
  PendingLine pending;
  g_pending = &pending;

  struct Reset {
    ~Reset() { g_pending = nullptr; }
  } reset;

  rl_callback_handler_install(prompt.c_str(), &OnLine);
  while (!pending.done) {
    pollfd fds[2] = {{STDIN_FILENO, POLLIN, 0}, {interrupt_.fd(), POLLIN, 0}};
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) {
        continue;
      }
      rl_callback_handler_remove();
      throw Error(ErrorKind::kIo,
                  std::string("Cannot wait for the terminal: ") + std::strerror(errno));
    }
    if (interrupt_.Take()) {
      // Back to the terminal's normal mode; the next ReadLine starts a fresh line.
      rl_callback_handler_remove();
      std::fputs("\n", stdout);
      std::fflush(stdout);
      return {InputLine::Status::kInterrupted, ""};
    }
    if ((fds[0].revents & POLLIN) != 0) {
      rl_callback_read_char();
    } else if ((fds[0].revents & (POLLHUP | POLLERR | POLLNVAL)) != 0) {
      rl_callback_handler_remove();
      return {InputLine::Status::kEnd, ""};  // The terminal went away.
    }
  }
  rl_callback_handler_remove();
  if (!pending.text.has_value()) {
    return {InputLine::Status::kEnd, ""};
  }
  Remember(*pending.text);
  return {InputLine::Status::kLine, std::move(*pending.text)};
}

void EditLineReader::Remember(const std::string& line) {
  if (line.find_first_not_of(" \t") == std::string::npos || line == last_remembered_) {
    return;
  }
  last_remembered_ = line;
  add_history(line.c_str());
  if (history_path_.empty()) {
    return;
  }
  const int status = write_history(history_path_.c_str());
  if (status != 0 && !history_warned_) {
    history_warned_ = true;
    err_ << "fluxo shell: cannot write the history file " << history_path_ << ": "
         << std::strerror(status) << " (history is kept for this session only)\n";
  }
}

}  // namespace fluxo::cli::shell
