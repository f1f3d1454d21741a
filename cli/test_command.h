#pragma once

#include <string>
#include <vector>

#include "cli/command.h"

namespace fluxo::cli {

/// Runs `fluxo test [options] FILE|DIR...`: runs every case of the QTT-format files (a
/// directory gives its *.json files) against the engine on in-memory topics and prints
/// `FAIL <case>: <reason>` for each failing case (with --verbose also PASS and SKIP lines),
/// then the final line `N passed, M failed, K skipped`. Returns kExitOk when no case failed;
/// with --baseline, when every case of the baseline passed. Returns kExitUsage for a bad
/// command line, and 77 (ctest's "skipped") with --skip-missing when an input does not exist.
int RunTestCommand(const std::vector<std::string>& arguments, const CommandIo& io);

}  // namespace fluxo::cli
