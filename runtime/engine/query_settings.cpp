// The session properties that shape a new query: where it starts, its delivery guarantee and
// commit interval, the record cache, and the options its statement binds with.

#include "runtime/engine/query_settings.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <exception>
#include <optional>
#include <string>
#include <system_error>
#include <utility>

#include "runtime/core/error.h"

namespace fluxo::engine {

bool PropertyIsTrue(const EngineState& state, const std::string& name) {
  const auto setting = state.properties.find(name);
  return setting != state.properties.end() && setting->second == "true";
}

namespace {

// True when a new query starts at the end of its sources (`auto.offset.reset=latest`); by
// default it reads them from the start. (The engine stores `ksql.streams.X` as `X`.)
bool ReadsFromEnd(const EngineState& state) {
  const auto setting = state.properties.find("auto.offset.reset");
  if (setting == state.properties.end() || setting->second == "earliest") {
    return false;
  }
  if (setting->second == "latest") {
    return true;
  }
  throw Error(ErrorKind::kPlanning,
              "Invalid value for auto.offset.reset: '" + setting->second +
                  "' (expected 'earliest' or 'latest')");
}

}  // namespace

bool RecordCacheEnabled(const EngineState& state) {
  for (const char* property : {"cache.max.bytes.buffering", "statestore.cache.max.bytes"}) {
    const auto setting = state.properties.find(property);
    if (setting != state.properties.end() && setting->second == "0") {
      return false;
    }
  }
  return true;
}

namespace {

// True under processing.guarantee=exactly_once_v2 (or its older name exactly_once); false
// under at_least_once, the default.
bool ExactlyOnce(const EngineState& state) {
  const auto setting = state.properties.find("processing.guarantee");
  if (setting == state.properties.end() || setting->second == "at_least_once") {
    return false;
  }
  if (setting->second == "exactly_once_v2" || setting->second == "exactly_once") {
    return true;
  }
  throw Error(ErrorKind::kPlanning,
              "Invalid value for processing.guarantee: '" + setting->second +
                  "' (expected 'at_least_once' or 'exactly_once_v2')");
}

// Where a new query starts by its sources' Flink 'scan.startup.mode': the mode when every
// source names the same one, else nothing (auto.offset.reset decides).
std::optional<bool> StartupModeOf(const planner::LogicalPlan& logical) {
  std::optional<bool> at_end = logical.source.starts_at_end;
  for (const planner::LogicalJoinInput& input : logical.join_inputs) {
    if (input.source.starts_at_end != at_end) {
      return std::nullopt;
    }
  }
  return at_end;
}

}  // namespace

PersistentQueryOptions QueryOptionsOf(const EngineState& state,
                                      const planner::LogicalPlan& logical) {
  PersistentQueryOptions options;
  options.from_end = StartupModeOf(logical).value_or(ReadsFromEnd(state));
  options.exactly_once = ExactlyOnce(state);
  if (options.exactly_once) {
    options.commit_interval_ms = 100;
  }
  const auto interval = state.properties.find("commit.interval.ms");
  if (interval != state.properties.end()) {
    int64_t value = -1;
    const auto parsed = std::from_chars(
        interval->second.data(), interval->second.data() + interval->second.size(), value);
    if (parsed.ec != std::errc() ||
        parsed.ptr != interval->second.data() + interval->second.size() || value < 0) {
      throw Error(ErrorKind::kPlanning,
                  "Invalid value for commit.interval.ms: '" + interval->second +
                      "' (expected milliseconds, 0 or more)");
    }
    options.commit_interval_ms = value;
  }
  const auto scale_out = state.properties.find("scale.out");
  if (scale_out != state.properties.end()) {
    if (scale_out->second != "true" && scale_out->second != "false") {
      throw Error(
          ErrorKind::kPlanning,
          "Invalid value for scale.out: '" + scale_out->second + "' (expected 'true' or 'false')");
    }
    options.scale_out = scale_out->second == "true";
  }
  const auto threads = state.properties.find("num.stream.threads");
  if (threads != state.properties.end()) {
    constexpr int32_t kMaxStreamThreads = 256;
    int32_t value = 0;
    const auto parsed = std::from_chars(
        threads->second.data(), threads->second.data() + threads->second.size(), value);
    if (parsed.ec != std::errc() || parsed.ptr != threads->second.data() + threads->second.size() ||
        value < 1 || value > kMaxStreamThreads) {
      throw Error(ErrorKind::kPlanning,
                  "Invalid value for num.stream.threads: '" + threads->second +
                      "' (expected a number of threads from 1 to " +
                      std::to_string(kMaxStreamThreads) + ")");
    }
    options.stream_threads = value;
  }
  return options;
}

planner::QueryBindOptions BindOptionsOf(const EngineState& state) {
  planner::QueryBindOptions options;
  const auto setting = state.properties.find("ksql.new.query.planner.enabled");
  options.new_query_planner = setting != state.properties.end() && setting->second == "true";
  for (const auto& [name, limit] :
       {std::pair{"ksql.functions.collect_list.limit", &options.aggregates.collect_list_limit},
        std::pair{"ksql.functions.collect_set.limit", &options.aggregates.collect_set_limit}}) {
    if (const auto value = state.properties.find(name); value != state.properties.end()) {
      try {
        *limit = std::stoll(value->second);
      } catch (const std::exception&) {
        throw Error(ErrorKind::kPlanning,
                    std::string("Invalid value for ") + name + ": '" + value->second +
                        "' (expected a number)");
      }
    }
  }
  if (const auto format = state.properties.find("ksql.persistence.default.format.key");
      format != state.properties.end()) {
    std::string name = format->second;
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) {
      return static_cast<char>(std::toupper(c));
    });
    const std::optional<FormatKind> kind = name == "KAFKA"       ? FormatKind::kKafka
                                           : name == "JSON"      ? FormatKind::kJson
                                           : name == "DELIMITED" ? FormatKind::kDelimited
                                           : name == "NONE"      ? FormatKind::kNone
                                                                 : std::optional<FormatKind>();
    if (!kind.has_value()) {
      throw Error(ErrorKind::kPlanning,
                  "Unsupported ksql.persistence.default.format.key: '" + format->second +
                      "' (expected KAFKA, JSON, DELIMITED or NONE)");
    }
    options.default_key_format = *kind;
  }
  return options;
}

}  // namespace fluxo::engine
