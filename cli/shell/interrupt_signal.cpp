#include "cli/shell/interrupt_signal.h"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <unistd.h>

#include "runtime/core/error.h"

namespace fluxo::cli::shell {
namespace {

std::atomic<bool> g_interrupted{false};
std::atomic<int> g_wake_fd{-1};
std::atomic<bool> g_installed{false};

void OnInterrupt(int /*signal*/) {
  const int saved_errno = errno;  // The interrupted code may be about to read errno.
  g_interrupted.store(true);
  const char byte = 'i';
  // A full pipe already holds a wake-up, so a failed write loses nothing.
  [[maybe_unused]] const ssize_t written = write(g_wake_fd.load(), &byte, 1);
  errno = saved_errno;
}

Error SystemError(const std::string& what) {
  return Error(ErrorKind::kIo, what + ": " + std::strerror(errno));
}

}  // namespace

InterruptSignal::InterruptSignal() {
  if (g_installed.exchange(true)) {
    throw Error(ErrorKind::kInternal, "Only one InterruptSignal may exist at a time");
  }
  int fds[2];
  if (pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0) {
    g_installed.store(false);
    throw SystemError("Cannot create the pipe for Ctrl-C");
  }
  read_fd_ = fds[0];
  write_fd_ = fds[1];
  g_wake_fd.store(write_fd_);
  g_interrupted.store(false);

  struct sigaction action {};

  action.sa_handler = &OnInterrupt;
  sigemptyset(&action.sa_mask);
  // Reads elsewhere resume after the handler; poll() and sleeps return early regardless.
  action.sa_flags = SA_RESTART;
  if (sigaction(SIGINT, &action, &previous_) != 0) {
    const std::string reason = std::strerror(errno);
    close(read_fd_);
    close(write_fd_);
    g_installed.store(false);
    throw Error(ErrorKind::kIo, "Cannot catch SIGINT: " + reason);
  }
}

InterruptSignal::~InterruptSignal() {
  sigaction(SIGINT, &previous_, nullptr);
  g_wake_fd.store(-1);
  close(read_fd_);
  close(write_fd_);
  g_installed.store(false);
}

bool InterruptSignal::Take() {
  char buffer[64];
  while (read(read_fd_, buffer, sizeof(buffer)) > 0) {
    // Drain every wake-up byte; several Ctrl-C in a row count as one.
  }
  return g_interrupted.exchange(false);
}

}  // namespace fluxo::cli::shell
