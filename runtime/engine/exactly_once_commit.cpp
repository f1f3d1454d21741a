#include "runtime/engine/exactly_once_commit.h"

#include <utility>

#include "runtime/engine/query_task.h"

namespace fluxo::engine {

ExactlyOnceCommit::ExactlyOnceCommit(Changelog& changelog,
                                     runtime::TransactionalWriter& writer,
                                     std::string statement)
    : changelog_(changelog), writer_(writer), statement_(std::move(statement)) {}

void ExactlyOnceCommit::OnFlushedEntry(std::string_view store_name,
                                       std::string_view stored_key,
                                       std::optional<std::string_view> value) {
  changelog_.OnFlushedEntry(store_name, stored_key, value);
}

void ExactlyOnceCommit::OnCommitBuilt(const state::MetadataEntries& metadata) {
  state::MetadataEntries published = metadata;
  published.emplace_back(std::string(QueryTask::kStatementMetadataKey), statement_);
  changelog_.Publish(published);
  writer_.Commit();
}

std::optional<std::string> FindStateDisagreement(
    state::StateInstance& state,
    const std::map<std::string, std::string>& committed,
    const std::string& statement,
    const std::vector<std::string>& offset_keys) {
  const auto owner = committed.find(std::string(QueryTask::kStatementMetadataKey));
  const bool same_statement = owner != committed.end() && owner->second == statement;
  const auto describe = [](const std::optional<std::string>& value) {
    return value.has_value() ? *value : std::string("none");
  };
  for (const std::string& key : offset_keys) {
    const std::optional<std::string> local = state.ReadMetadata(key);
    std::optional<std::string> in_kafka;
    if (const auto found = committed.find(key); same_statement && found != committed.end()) {
      in_kafka = found->second;
    }
    if (local != in_kafka) {
      return key + " is " + describe(local) + " locally, " + describe(in_kafka) +
             " in the last committed transaction";
    }
  }
  return std::nullopt;
}

}  // namespace fluxo::engine
