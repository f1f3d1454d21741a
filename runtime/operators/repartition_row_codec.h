#pragma once

#include <string>
#include <string_view>

#include "runtime/core/row_batch.h"

namespace fluxo::runtime {

// The records of a repartition topic (planner::RepartitionStep): the key is the new key's
// encoding (state/value_codec.h), the value the whole row, so that the query reads back the row
// it wrote: its values and its event time, source partition and offset, change kind, tombstone
// and null-key flags and window. The value is a value_codec ValueList: INT64 event time, INT32
// source partition, INT64 source offset, INT32 change kind, INT32 flags (1 tombstone, 2 key
// missing, 4 windowed), then the window's start and end (INT64, windowed rows only), then the
// row's values. Like the state stores, it writes -0.0 as 0.0 and every NaN as the quiet NaN.

/// Returns the value bytes of `row` in a repartition topic.
std::string EncodeRepartitionRow(const Row& row);

/// Reads back a row that EncodeRepartitionRow wrote into `row` (replacing what it held).
/// Throws fluxo::Error (kInternal) for bytes it did not write.
void DecodeRepartitionRow(std::string_view bytes, Row& row);

}  // namespace fluxo::runtime
