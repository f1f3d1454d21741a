#pragma once

#include <string>
#include <vector>

#include "cli/command.h"

namespace fluxo::cli {

/// `fluxo run FILE.sql [--bootstrap-servers HOST:PORT] [--config FILE] [--set key=value]...`:
/// checks the whole file, then runs its statements and keeps its persistent queries running
/// until SIGINT or SIGTERM, then stops them cleanly (exit 0). A file with an error exits 1
/// with the rendered error and starts no query.
int RunRunCommand(const std::vector<std::string>& arguments, const CommandIo& io);

}  // namespace fluxo::cli
