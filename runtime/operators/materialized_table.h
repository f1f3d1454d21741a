#pragma once

#include <vector>

#include "runtime/core/logical_schema.h"
#include "runtime/core/row_batch.h"
#include "runtime/operators/table_rows.h"
#include "runtime/state/key_value_store.h"

namespace fluxo::runtime {

/// A table's current rows in a key-value store: what MaterializeOperator writes and what a pull
/// query reads. One entry per key (per key and window for a windowed table):
///   key:   the key columns' values (value_codec), then for a windowed row its window start and
///          end as two BIGINT values, so that one key's windows are adjacent, in start order,
///          and the key columns alone are a prefix of every one of them;
///   value: ROWTIME, WINDOWSTART, WINDOWEND (NULL for an unwindowed row), then every column of
///          the row in schema order.
class MaterializedTable final : public TableRows {
 public:
  /// Views `store` as the rows of a table with `schema` (key columns first), `windowed` when
  /// its rows carry windows. The store must outlive this view.
  MaterializedTable(const LogicalSchema& schema, bool windowed, state::KeyValueStore& store);

  /// Stores `row` as its key's (and window's) current row.
  void Upsert(const Row& row);

  /// Removes the row of `row`'s key (and window); nothing happens when there is none.
  void Delete(const Row& row);

  /// Sets `out` to the store key of `row`'s key (and window): the key that Upsert and Delete
  /// use, equal for two rows exactly when they are the same table row.
  void EncodeKeyInto(const Row& row, std::string& out) const;

  /// EncodeKeyInto for a table whose key columns are at `key_indexes` of its rows.
  static void EncodeKeyInto(const std::vector<size_t>& key_indexes,
                            bool windowed,
                            const Row& row,
                            std::string& out);

  /// Upsert with the key already encoded by EncodeKeyInto.
  void UpsertEncoded(std::string_view encoded_key, const Row& row);

  /// Delete with the key already encoded by EncodeKeyInto.
  void DeleteEncoded(std::string_view encoded_key);

  /// One direct lookup, or for a windowed table a scan of the key's windows.
  void VisitKey(const ValueList& key, const RowVisitor& visitor) override;

  void VisitAll(const RowVisitor& visitor) override;

 private:
  static Row DecodeRow(std::string_view bytes);

  std::vector<size_t> key_indexes_;
  bool windowed_;
  state::KeyValueStore& store_;
  std::string scratch_;  ///< Reused encoding buffer.
};

}  // namespace fluxo::runtime
