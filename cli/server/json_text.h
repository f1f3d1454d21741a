#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace fluxo::cli::server {

/// Returns `value` as compact JSON text. Invalid UTF-8 in strings (a client's bytes echoed
/// back, say) is replaced by U+FFFD instead of throwing.
inline std::string JsonText(const nlohmann::ordered_json& value) {
  return value.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace fluxo::cli::server
