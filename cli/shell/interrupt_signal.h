#pragma once

#include <csignal>

namespace fluxo::cli::shell {

/// Catches SIGINT (Ctrl-C) for the shell, which decides what it means: cancel the running
/// push query or PRINT, clear the line being typed, or stop a script. The handler only
/// notes the signal and writes a byte to a pipe, so that a poll() on fd() wakes up. Only one
/// may exist at a time; the destructor puts the previous handler back.
class InterruptSignal {
 public:
  /// Installs the handler; throws fluxo::Error (kIo) when the pipe or handler cannot be made.
  InterruptSignal();
  ~InterruptSignal();

  InterruptSignal(const InterruptSignal&) = delete;
  InterruptSignal& operator=(const InterruptSignal&) = delete;

  /// Returns true when SIGINT arrived since the last call, and forgets it.
  bool Take();

  /// A descriptor that becomes readable when SIGINT arrives (until Take()).
  int fd() const { return read_fd_; }

 private:
  int read_fd_ = -1;
  int write_fd_ = -1;

  struct sigaction previous_ {};
};

}  // namespace fluxo::cli::shell
