#pragma once

#include <string>
#include <vector>

#include "cli/command.h"

namespace fluxo::cli {

/// Runs `fluxo parse [--help] FILE...`: parses each SQL file (`-` reads standard input) and
/// prints every statement in canonical form, one per line and ended by `;`. Stops at the first
/// file that cannot be read or parsed, prints `FILE: ` and the rendered error (line:column and a
/// caret) to `io.err`, and returns kExitFailure. Returns kExitUsage for a bad command line.
int RunParseCommand(const std::vector<std::string>& arguments, const CommandIo& io);

}  // namespace fluxo::cli
