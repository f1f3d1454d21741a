#pragma once

#include <map>
#include <string>
#include <string_view>

namespace fluxo::engine {

/// The `service.id` of an engine that sets none. Servers with the same service id share their
/// command topic, consumer groups and state directory names.
inline constexpr std::string_view kDefaultServiceId = "fluxo";

/// The name the engine keeps property `name` under: ksqlDB accepts
/// `ksql.streams.auto.offset.reset` for `auto.offset.reset`, so the prefix is dropped and both
/// spellings mean one setting; ksqlDB's `ksql.service.id` is `service.id`.
inline std::string CanonicalProperty(const std::string& name) {
  constexpr std::string_view kStreamsPrefix = "ksql.streams.";
  if (name == "ksql.service.id") {
    return "service.id";
  }
  return name.starts_with(kStreamsPrefix) ? name.substr(kStreamsPrefix.size()) : name;
}

/// Whether the value of property `name` is a credential (a password, a secret, a private key,
/// a JAAS configuration, a token): SHOW PROPERTIES hides such values.
inline bool IsSecretProperty(std::string_view name) {
  for (std::string_view marker :
       {"password", "secret", "jaas.config", "key.pem", "private", "token", "credentials"}) {
    if (name.find(marker) != std::string_view::npos) {
      return true;
    }
  }
  return false;
}

/// What SHOW PROPERTIES prints for a secret property's value.
inline constexpr std::string_view kHiddenPropertyValue = "[hidden]";

/// The properties of `current` that a session set on top of `configured` (the engine's
/// configuration): those that are new or differ. The command topic records only these, so the
/// configuration (credentials included) never goes to Kafka.
inline std::map<std::string, std::string> PropertyOverrides(
    const std::map<std::string, std::string>& current,
    const std::map<std::string, std::string>& configured) {
  std::map<std::string, std::string> overrides;
  for (const auto& [name, value] : current) {
    const auto found = configured.find(name);
    if (found == configured.end() || found->second != value) {
      overrides.emplace(name, value);
    }
  }
  return overrides;
}

/// The engine's `service.id` property, or kDefaultServiceId.
inline std::string ServiceId(const std::map<std::string, std::string>& properties) {
  const auto found = properties.find("service.id");
  return found == properties.end() || found->second.empty() ? std::string(kDefaultServiceId)
                                                            : found->second;
}

}  // namespace fluxo::engine
