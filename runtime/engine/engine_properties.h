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
/// spellings mean one setting.
inline std::string CanonicalProperty(const std::string& name) {
  constexpr std::string_view kStreamsPrefix = "ksql.streams.";
  return name.starts_with(kStreamsPrefix) ? name.substr(kStreamsPrefix.size()) : name;
}

/// The engine's `service.id` property, or kDefaultServiceId.
inline std::string ServiceId(const std::map<std::string, std::string>& properties) {
  const auto found = properties.find("service.id");
  return found == properties.end() || found->second.empty() ? std::string(kDefaultServiceId)
                                                            : found->second;
}

}  // namespace fluxo::engine
