#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <utility>

#include "runtime/core/row_batch.h"
#include "runtime/window/window_spec.h"

namespace fluxo::runtime {

/// EMIT FINAL (Kafka Streams' EmitStrategy.onWindowClose, which ksqlDB uses): holds the
/// latest row of every open window and emits it once, when stream time closes the window
/// (window::IsWindowClosed). A TUMBLING or HOPPING window that is already past its retention
/// when it closes (window::IsWindowExpired against the latest window start written, which is
/// what Kafka Streams' window store measures retention by) is dropped without output: after
/// a jump of stream time over more than the retention, as the QTT vectors pin down; unless
/// `emit_expired` (Flink's group windows, which have no such retention).
/// Held rows live in memory: after a restart they are lost until their windows update again.
class FinalWindowEmitter {
 public:
  explicit FinalWindowEmitter(const window::WindowSpec& spec, bool emit_expired = false)
      : spec_(spec), emit_expired_(emit_expired) {}

  /// Holds `row` (with its window set) as the latest row of its window and group.
  void Hold(Row row, const std::string& encoded_key);

  /// Forgets the held row of a session that was merged into another.
  void Forget(const WindowBounds& window, const std::string& encoded_key);

  /// Emits into `output` what closed now that stream time is `stream_time`.
  void EmitClosed(int64_t stream_time, RowBatch& output);

 private:
  /// The ordering position of a held window: start for time windows, end for sessions.
  int64_t Position(const WindowBounds& window) const;

  window::WindowSpec spec_;
  bool emit_expired_ = false;
  int64_t latest_start_ = std::numeric_limits<int64_t>::min();  ///< Of the windows held.
  /// By position, then group key bytes and window start.
  std::map<std::pair<int64_t, std::string>, Row> held_;
};

}  // namespace fluxo::runtime
