#pragma once

#include <string>

namespace fluxo::cli::shell {

class InterruptSignal;

/// What one LineReader::ReadLine call got.
struct InputLine {
  enum class Status {
    kLine,         ///< `text` holds a line.
    kInterrupted,  ///< Ctrl-C: whatever was being typed is dropped.
    kEnd,          ///< End of input (Ctrl-D on an empty line, or the end of a pipe).
  };
  Status status = Status::kEnd;
  std::string text;  ///< Without its line break.
};

/// Where the shell's lines come from: the terminal with line editing (EditLineReader) or a
/// pipe or file (DescriptorLineReader).
class LineReader {
 public:
  virtual ~LineReader() = default;

  /// Shows `prompt` (interactive readers only) and reads one line.
  virtual InputLine ReadLine(const std::string& prompt) = 0;
};

/// Reads lines from a file descriptor that is not a terminal (`echo 'SHOW TOPICS;' | fluxo
/// shell`), without prompts. With `interrupt`, Ctrl-C while waiting for input gives
/// kInterrupted. A last line without a line break still counts.
class DescriptorLineReader : public LineReader {
 public:
  DescriptorLineReader(int fd, InterruptSignal* interrupt) : fd_(fd), interrupt_(interrupt) {}

  InputLine ReadLine(const std::string& prompt) override;

 private:
  int fd_;
  InterruptSignal* interrupt_;
  std::string buffer_;  ///< Bytes read past the line last returned.
  bool at_end_ = false;
};

}  // namespace fluxo::cli::shell
