#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace fluxo::cli {

/// The process exit status every subcommand returns.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;  ///< The work failed: bad SQL, a missing file, ...
inline constexpr int kExitUsage = 2;    ///< The command line itself is wrong.

/// The streams a subcommand reads and writes. `main` passes the process's own; tests may pass
/// string streams.
struct CommandIo {
  std::istream& in;
  std::ostream& out;
  std::ostream& err;
};

/// A subcommand of `fluxo`: gets the arguments after its name and returns the exit status.
using CommandFunction = int (*)(const std::vector<std::string>& arguments, const CommandIo& io);

}  // namespace fluxo::cli
