#pragma once

#include <string>
#include <vector>

#include "cli/command.h"

namespace fluxo::cli {

/// `fluxo shell [engine options] [-e SQL] [-f FILE] [--output tabular|json]`: the interactive
/// SQL shell (cli/shell/) over an engine in this process (with an embedded broker when no
/// bootstrap.servers is configured). With -f and/or -e it runs those statements (the file
/// first) and exits: 0 when all succeeded, 1 at the first that failed. Otherwise it reads
/// statements from the terminal (libedit) or, when stdin is not a terminal, from stdin.
int RunShellCommand(const std::vector<std::string>& arguments, const CommandIo& io);

}  // namespace fluxo::cli
