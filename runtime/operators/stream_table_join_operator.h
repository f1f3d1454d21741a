#pragma once

#include <optional>
#include <string>
#include <vector>

#include "planner/physical/physical_plan.h"
#include "runtime/core/recycled_rows.h"
#include "runtime/operators/decoded_table_rows.h"
#include "runtime/operators/join_operator.h"
#include "runtime/operators/join_rows.h"
#include "runtime/state/key_value_store.h"

namespace fluxo::runtime {

/// `stream [LEFT] JOIN table ON ...` (Kafka Streams' KStreamKTableJoin): the left input is a
/// stream, the right input a table's changelog.
///
/// The table's rows are kept in a key-value store by key: an upsert replaces its key's row, a
/// tombstone deletes it, and neither emits anything. Each stream row looks up the table's
/// current row of its key and emits the joined row with the stream row's time; with no table
/// row, an INNER join emits nothing and a LEFT join emits the stream row padded with NULLs.
/// A stream row with a null value is dropped; one whose key is NULL joins nothing (a LEFT
/// join still emits it padded).
///
/// The table's rows are also kept decoded in memory (DecodedTableRows: only the columns the
/// joined row copies; at most kMaxDecodedRows, then emptied), so a lookup decodes a stored
/// row only on a miss. The joined
/// rows are built in the memory of the batches emitted before (downstream operators rewrite
/// rows in place and give the batch back once Emit returns), so a steady stream allocates no
/// rows.
class StreamTableJoinOperator final : public JoinOperator {
 public:
  /// `columns_read`: the joined columns the steps after the join read (JoinedColumnsRead);
  /// the others are left NULL. Nothing: every column is filled.
  StreamTableJoinOperator(const planner::JoinStep& step,
                          OperatorContext context,
                          const std::optional<std::vector<bool>>& columns_read = std::nullopt);

  void ProcessSide(JoinSide side, RowBatch&& batch, Emitter& downstream) override;

 private:
  void ProcessTableRow(Row& row);

  /// A stream row's join key, the key's store encoding and the encoding's hash: computed for
  /// a whole batch before its lookups, so that the lookups' memory is fetched rows ahead.
  struct StreamKey {
    Value key;
    std::string encoded;
    size_t hash = 0;
  };

  /// Computes the key of stream row `row` into `key` and fetches its table row's index slot.
  void PrepareStreamKey(const Row& row, StreamKey& key);

  void ProcessStreamRow(Row& row, const StreamKey& key, RowBatch& output);

  /// Returns the columns read of the table's row stored under `encoded_key`, whose hash is
  /// `hash` (see JoinRows::RightColumnsRead); nullptr when there is none.
  const ValueList* FindTableRow(const std::string& encoded_key, size_t hash);

  static constexpr size_t kMaxDecodedRows = 1000000;

  bool left_join_;
  JoinRows rows_;
  state::KeyValueStore* table_ = nullptr;
  DecodedTableRows decoded_{kMaxDecodedRows};  ///< The read columns, by encoded key.
  std::string scratch_key_;                    ///< Reused key encoding buffer.
  std::string scratch_value_;                  ///< Reused row encoding buffer.
  RecycledRows joined_rows_;                   ///< Memory of the emitted batches.
  std::vector<StreamKey> stream_keys_;         ///< The keys of a batch's stream rows.
};

}  // namespace fluxo::runtime
