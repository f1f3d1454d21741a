#pragma once

#include <cstdint>
#include <string>

namespace fluxo {

enum class LogLevel : uint8_t { kDebug, kInfo, kWarning, kError };

/// Writes one line to the server log (stderr) when `level` is at or above the threshold
/// (FLUXO_LOG_LEVEL=debug|info|warning|error; default info). The only place library code
/// writes to the console.
void LogLine(LogLevel level, const std::string& message);

/// Sets the threshold (overrides FLUXO_LOG_LEVEL).
void SetLogThreshold(LogLevel level);

}  // namespace fluxo
