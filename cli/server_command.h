#pragma once

#include <string>
#include <vector>

#include "cli/command.h"

namespace fluxo::cli {

/// `fluxo server [--listen HOST:PORT] [--auth-file FILE] [limits] [engine options]`: serves
/// ksqlDB's REST API (HTTP/1.1 and h2c on one port) over one engine until SIGINT or SIGTERM,
/// then stops cleanly and exits 0.
int RunServerCommand(const std::vector<std::string>& arguments, const CommandIo& io);

}  // namespace fluxo::cli
