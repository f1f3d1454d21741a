#pragma once

#include <iosfwd>
#include <string>

#include "cli/shell/line_reader.h"

namespace fluxo::cli::shell {

class InterruptSignal;

/// Reads lines from the terminal with libedit: line editing, the history (Up/Down, Ctrl-R)
/// kept in `history_path` (none when empty; written after every line so that it survives a
/// crash), Ctrl-C to drop the line being typed and Ctrl-D on an empty line to end.
///
/// It uses libedit's readline-compatible callback interface and waits with poll() on the
/// terminal and on `interrupt`, so that Ctrl-C (a SIGINT) is noticed while typing without
/// libedit's own signal handling. Only one may exist at a time (libedit keeps global state).
class EditLineReader : public LineReader {
 public:
  EditLineReader(InterruptSignal& interrupt, std::string history_path, std::ostream& err);
  ~EditLineReader() override;

  EditLineReader(const EditLineReader&) = delete;
  EditLineReader& operator=(const EditLineReader&) = delete;

  InputLine ReadLine(const std::string& prompt) override;

 private:
  void Remember(const std::string& line);

  InterruptSignal& interrupt_;
  std::string history_path_;
  std::ostream& err_;
  std::string last_remembered_;
  bool history_warned_ = false;  ///< The history file failed once; say so only once.
};

/// Returns the history file: $FLUXO_HISTORY_FILE when set, else $HOME/.fluxo_history, else
/// nothing (no history is kept).
std::string DefaultHistoryPath();

}  // namespace fluxo::cli::shell
