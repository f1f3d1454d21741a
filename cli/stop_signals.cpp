#include "cli/stop_signals.h"

#include <cerrno>
#include <ctime>
#include <pthread.h>

namespace fluxo::cli {

StopSignals::StopSignals() {
  sigemptyset(&signals_);
  sigaddset(&signals_, SIGINT);
  sigaddset(&signals_, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals_, nullptr);
}

int StopSignals::Wait() {
  int received = 0;
  while (sigwait(&signals_, &received) != 0) {
  }
  return received;
}

int StopSignals::WaitFor(int timeout_ms) {
  timespec timeout{timeout_ms / 1000, static_cast<long>(timeout_ms % 1000) * 1000000L};
  while (true) {
    const int received = sigtimedwait(&signals_, nullptr, &timeout);
    if (received > 0) {
      return received;
    }
    if (errno != EINTR) {
      return 0;
    }
  }
}

}  // namespace fluxo::cli
