#include "runtime/core/log.h"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace fluxo {

namespace {

LogLevel ThresholdFromEnvironment() {
  const char* setting = std::getenv("FLUXO_LOG_LEVEL");
  if (setting == nullptr) {
    return LogLevel::kInfo;
  }
  if (std::strcmp(setting, "debug") == 0) {
    return LogLevel::kDebug;
  }
  if (std::strcmp(setting, "warning") == 0) {
    return LogLevel::kWarning;
  }
  if (std::strcmp(setting, "error") == 0) {
    return LogLevel::kError;
  }
  return LogLevel::kInfo;
}

std::atomic<LogLevel>& Threshold() {
  static std::atomic<LogLevel> threshold{ThresholdFromEnvironment()};
  return threshold;
}

const char* LevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug:
      return "DEBUG";
    case LogLevel::kInfo:
      return "INFO";
    case LogLevel::kWarning:
      return "WARN";
    case LogLevel::kError:
      return "ERROR";
  }
  return "INFO";
}

}  // namespace

void LogLine(LogLevel level, const std::string& message) {
  if (level < Threshold().load()) {
    return;
  }
  std::fprintf(stderr, "[%s] %s\n", LevelName(level), message.c_str());
}

void SetLogThreshold(LogLevel level) {
  Threshold().store(level);
}

}  // namespace fluxo
