#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "runtime/core/value.h"

namespace fluxo {

/// What a row means for the table downstream (RisingWave's StreamChunk ops). A stream's rows are
/// all inserts; a table's changelog uses the other kinds too.
enum class ChangeKind : uint8_t { kInsert, kDelete, kUpdateBefore, kUpdateAfter };

/// The bounds of the window a windowed row belongs to, in ms: [start, end) for TUMBLING and
/// HOPPING windows, [start, end] (both inclusive, as ksqlDB reports them) for SESSION windows.
struct WindowBounds {
  int64_t start = 0;
  int64_t end = 0;

  bool operator==(const WindowBounds&) const = default;
};

/// One row flowing through a query: its column values in schema order, its event time, and
/// where it came from.
struct Row {
  ValueList values;       ///< In LogicalSchema order: key columns first.
  int64_t timestamp = 0;  ///< Event time in ms (ROWTIME).
  int32_t partition = 0;  ///< Source partition (ROWPARTITION).
  int64_t offset = 0;     ///< Source offset (ROWOFFSET).
  ChangeKind kind = ChangeKind::kInsert;
  bool tombstone = false;    ///< The record had a null value (a delete for a table).
  bool key_missing = false;  ///< The record had a null key: written back as a null key, which
                             ///< differs from a key whose columns are NULL in some formats.
  std::optional<WindowBounds> window;  ///< Set for rows of a windowed stream or table: part of
                                       ///< the row's key (WINDOWSTART / WINDOWEND).
};

/// The unit operators push downstream: the rows of one consumer poll, in order. Kept behind
/// accessors so that the layout can change (columnar, arena-backed strings) without touching
/// operators.
class RowBatch {
 public:
  size_t size() const { return rows_.size(); }

  bool empty() const { return rows_.empty(); }

  Row& operator[](size_t index) { return rows_[index]; }

  const Row& operator[](size_t index) const { return rows_[index]; }

  void Add(Row row) { rows_.push_back(std::move(row)); }

  void Reserve(size_t rows) { rows_.reserve(rows); }

  void Clear() { rows_.clear(); }

  std::vector<Row>::iterator begin() { return rows_.begin(); }

  std::vector<Row>::iterator end() { return rows_.end(); }

  std::vector<Row>::const_iterator begin() const { return rows_.begin(); }

  std::vector<Row>::const_iterator end() const { return rows_.end(); }

 private:
  std::vector<Row> rows_;
};

}  // namespace fluxo
