#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/engine/changelog.h"
#include "runtime/state/flush_listener.h"
#include "runtime/state/state_instance.h"
#include "runtime/topic/transactional_writer.h"

namespace fluxo::engine {

/// A persistent query's commit under processing.guarantee=exactly_once_v2, as the state
/// instance's flush listener. The sinks' output is already in the query's open Kafka
/// transaction; as RocksDB builds the commit, this puts the changelog entries and then the
/// statement and next input offsets (the offsets changelog) into the same transaction and
/// commits it, before RocksDB writes the state. Kafka's committed transactions are so the
/// truth: a crash before the Kafka commit loses the transaction (aborted by the next
/// instance), and one between the Kafka commit and the RocksDB write leaves a local state
/// behind Kafka, which the query detects on start and rebuilds from the changelogs.
class ExactlyOnceCommit final : public state::FlushListener {
 public:
  /// `changelog` (writing through the transaction) and `writer` must outlive this.
  ExactlyOnceCommit(Changelog& changelog,
                    runtime::TransactionalWriter& writer,
                    std::string statement);

  void OnFlushedEntry(std::string_view store_name,
                      std::string_view stored_key,
                      std::optional<std::string_view> value) override;

  /// Publishes the changelog entries and `metadata` plus the statement into the transaction,
  /// then commits it. Throws fluxo::Error (kIo) when the transaction fails (the writer's
  /// failure() says whether to abort or stop).
  void OnCommitBuilt(const state::MetadataEntries& metadata) override;

 private:
  Changelog& changelog_;
  runtime::TransactionalWriter& writer_;
  std::string statement_;
};

/// Under exactly_once_v2, on start: compares the next input offsets the local `state`
/// committed (under `offset_keys`) with those of the last committed transaction (`committed`,
/// the offsets changelog; taken as none when it belongs to another statement than
/// `statement`). Returns the first disagreement in words ("offset:T:0 is 12 locally, 15 in
/// Kafka"), or nothing when they agree.
std::optional<std::string> FindStateDisagreement(
    state::StateInstance& state,
    const std::map<std::string, std::string>& committed,
    const std::string& statement,
    const std::vector<std::string>& offset_keys);

}  // namespace fluxo::engine
