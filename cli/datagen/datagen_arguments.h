#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace fluxo::cli::datagen {

/// 9999-12-31T23:59:59.999Z: the latest start time accepted.
inline constexpr int64_t kMaxStartTimeMs = 253402300799999;

/// Parses a whole decimal integer (an optional sign, then digits); nullopt for anything else.
std::optional<int64_t> ParseInteger(const std::string& text);

/// Parses a whole non-negative decimal integer that fits 64 unsigned bits (a seed).
std::optional<uint64_t> ParseUnsigned(const std::string& text);

/// Parses a finite decimal number ("0.25", "1e3"); nullopt for anything else.
std::optional<double> ParseNumber(const std::string& text);

/// Parses a start time: epoch milliseconds ("1767225600000") or a UTC date and time
/// ("2026-01-01T00:00:00Z", optionally with ".sss" milliseconds).
std::optional<int64_t> ParseStartTime(const std::string& text);

/// Returns `arguments` with `--name -5` joined into `--name=-5`, so that the option parser
/// takes a negative value for a value instead of an unknown short option (and the command can
/// then say what is wrong with it).
std::vector<std::string> JoinNegativeValues(const std::vector<std::string>& arguments);

}  // namespace fluxo::cli::datagen
