#include "runtime/engine/query_cleanup.h"

#include <algorithm>
#include <filesystem>
#include <system_error>
#include <vector>

#include "runtime/core/error.h"
#include "runtime/core/log.h"
#include "runtime/engine/engine_properties.h"

namespace fluxo::engine {

namespace {

// True for `<query id>` and `<query id>-<partition>`: the state directories of the query.
bool IsStateDirectoryOf(const std::string& name, const std::string& query_id) {
  if (name == query_id) {
    return true;
  }
  if (!name.starts_with(query_id + "-") || name.size() == query_id.size() + 1) {
    return false;
  }
  return std::all_of(name.begin() + static_cast<std::ptrdiff_t>(query_id.size() + 1),
                     name.end(),
                     [](char c) { return c >= '0' && c <= '9'; });
}

void DeleteStateDirectories(const std::filesystem::path& service_directory,
                            const std::string& query_id) {
  std::error_code error;
  std::vector<std::filesystem::path> doomed;
  for (const auto& entry : std::filesystem::directory_iterator(service_directory, error)) {
    if (IsStateDirectoryOf(entry.path().filename().string(), query_id)) {
      doomed.push_back(entry.path());
    }
  }
  for (const std::filesystem::path& directory : doomed) {
    std::filesystem::remove_all(directory, error);
    if (error) {
      LogLine(LogLevel::kWarning,
              "Query " + query_id + " is terminated, but its state directory " +
                  directory.string() + " could not be removed: " + error.message());
    }
  }
}

void DeleteInternalTopics(runtime::TopicClient& topics,
                          const std::string& service_id,
                          const std::string& query_id) {
  const std::string prefix = service_id + "-" + query_id + "-";
  for (const std::string& topic : topics.ListTopics()) {
    if (!topic.starts_with(prefix) ||
        !(topic.ends_with("-changelog") || topic.ends_with("-repartition"))) {
      continue;
    }
    try {
      topics.DeleteTopic(topic);
    } catch (const Error& error) {
      LogLine(LogLevel::kWarning,
              "Query " + query_id + " is terminated, but its topic " + topic +
                  " could not be deleted: " + error.message());
    }
  }
}

}  // namespace

void TerminateQuery(EngineState& state, const std::string& query_id) {
  const auto found = std::find_if(state.queries.begin(),
                                  state.queries.end(),
                                  [&](const auto& query) { return query->id() == query_id; });
  if (found == state.queries.end()) {
    return;
  }
  state.queries.erase(found);  // Closes its state before the directories go.
  const auto setting = state.properties.find("state.dir");
  if (query_id.starts_with(kTransientQueryPrefix) || setting == state.properties.end() ||
      setting->second.empty()) {
    return;  // Nothing was kept.
  }
  const std::string service_id = ServiceId(state.properties);
  DeleteStateDirectories(std::filesystem::path(setting->second) / service_id, query_id);
  DeleteInternalTopics(*state.topics, service_id, query_id);
}

}  // namespace fluxo::engine
