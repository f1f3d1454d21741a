#pragma once

#include <csignal>

namespace fluxo::cli {

/// SIGINT and SIGTERM, taken over by a long-running command (`fluxo kafka`, `run`, `server`):
/// constructing it blocks them in the calling thread, and every thread started afterwards
/// (librdkafka's, the engine's) inherits the mask, so that the command alone decides when to
/// stop by calling Wait(). Construct it first thing, before any thread starts.
class StopSignals {
 public:
  StopSignals();

  /// Waits for SIGINT or SIGTERM and returns its number.
  int Wait();

  /// As Wait(), but gives up after `timeout_ms` (returns 0).
  int WaitFor(int timeout_ms);

 private:
  sigset_t signals_;
};

}  // namespace fluxo::cli
