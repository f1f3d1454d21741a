#include "cli/shell/output_format.h"

#include <cctype>
#include <string>

namespace fluxo::cli::shell {

std::optional<OutputFormat> ParseOutputFormat(std::string_view text) {
  std::string lower;
  for (const char c : text) {
    lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (lower == "tabular") {
    return OutputFormat::kTabular;
  }
  if (lower == "json") {
    return OutputFormat::kJson;
  }
  return std::nullopt;
}

}  // namespace fluxo::cli::shell
