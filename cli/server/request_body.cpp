#include "cli/server/request_body.h"

#include "cli/server/json_text.h"
#include "cli/server/rest_error.h"

namespace fluxo::cli::server {

nlohmann::ordered_json ParseJsonObject(const std::string& body) {
  nlohmann::ordered_json parsed;
  try {
    parsed = nlohmann::ordered_json::parse(body);
  } catch (const nlohmann::ordered_json::parse_error& error) {
    throw RestException(RestError::Generic(
        400, kErrorBadRequest, std::string("Malformed JSON in request: ") + error.what()));
  }
  if (!parsed.is_object()) {
    throw RestException(
        RestError::Generic(400, kErrorBadRequest, "Malformed JSON in request: expected an object"));
  }
  return parsed;
}

std::string RequiredString(const nlohmann::ordered_json& object, const std::string& name) {
  const auto found = object.find(name);
  if (found == object.end() || !found->is_string()) {
    throw RestException(RestError::Generic(400, kErrorBadRequest, "No " + name + " in arguments"));
  }
  return found->get<std::string>();
}

std::map<std::string, std::string> PropertyOverrides(const nlohmann::ordered_json& object) {
  std::map<std::string, std::string> overrides;
  for (const char* member : {"streamsProperties", "properties"}) {
    const auto found = object.find(member);
    if (found == object.end() || found->is_null()) {
      continue;
    }
    if (!found->is_object()) {
      throw RestException(RestError::Generic(
          400,
          kErrorBadRequest,
          std::string("Malformed JSON in request: ") + member + " must be an object"));
    }
    for (const auto& [name, value] : found->items()) {
      overrides[name] = value.is_string() ? value.get<std::string>() : JsonText(value);
    }
  }
  return overrides;
}

}  // namespace fluxo::cli::server
