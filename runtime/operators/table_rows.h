#pragma once

#include <functional>

#include "runtime/core/row_batch.h"

namespace fluxo::runtime {

/// The current rows of a table as a pull query reads them: kept rows (MaterializedTable) or
/// an aggregation's group states turned into rows (AggregateTableReader).
class TableRows {
 public:
  /// Receives the rows of a read in key order; returns false to stop early.
  using RowVisitor = std::function<bool(Row row)>;

  virtual ~TableRows() = default;

  /// Visits the rows whose key columns equal `key` (one value per key column, each stored as
  /// its column's type stores it): one row, or for a windowed table one per window.
  virtual void VisitKey(const ValueList& key, const RowVisitor& visitor) = 0;

  /// Visits every row in key order.
  virtual void VisitAll(const RowVisitor& visitor) = 0;
};

}  // namespace fluxo::runtime
