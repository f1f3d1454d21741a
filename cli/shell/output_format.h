#pragma once

#include <optional>
#include <string_view>

namespace fluxo::cli::shell {

/// How the shell shows rows: boxed tables, or one JSON object per line.
enum class OutputFormat { kTabular, kJson };

/// Reads `tabular` or `json` (any case); nothing for other text.
std::optional<OutputFormat> ParseOutputFormat(std::string_view text);

}  // namespace fluxo::cli::shell
