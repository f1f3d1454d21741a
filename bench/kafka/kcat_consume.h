#pragma once

#include <optional>
#include <string>

namespace fluxo::bench {

/// What timing kcat measured (`failure` set when it exited non-zero or could not start).
struct KcatRun {
  std::string failure;
  double seconds = 0;  ///< From spawning kcat until it exited.
};

/// The kcat on PATH, or nothing when there is none.
std::optional<std::string> FindKcat();

/// Times `kcat -C -b SERVERS -t TOPIC -e -o beginning -q -f '%s\n'` with its output sent to
/// /dev/null: kcat reads every partition of `topic` from the beginning to the end offsets it
/// saw at start, and exits.
KcatRun RunKcatConsume(const std::string& kcat,
                       const std::string& bootstrap_servers,
                       const std::string& topic);

}  // namespace fluxo::bench
