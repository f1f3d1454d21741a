#pragma once

#include <map>
#include <string>

#include <nlohmann/json.hpp>

namespace fluxo::cli::server {

/// Parses a request body that must be one JSON object. Throws RestException (400, 40000,
/// "Malformed JSON in request: ...") otherwise.
nlohmann::ordered_json ParseJsonObject(const std::string& body);

/// Returns the string member `name` of `object`. Throws RestException (400, 40000, "No
/// <name> in arguments") when it is missing or not a string.
std::string RequiredString(const nlohmann::ordered_json& object, const std::string& name);

/// The property overrides of a request: the members of its `streamsProperties` object
/// (/ksql, /query) and of its `properties` object (/query-stream), later ones winning; values
/// that are not strings are taken as their JSON text (`5000`, `true`).
std::map<std::string, std::string> PropertyOverrides(const nlohmann::ordered_json& object);

}  // namespace fluxo::cli::server
