#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "runtime/core/row_batch.h"

namespace fluxo::window {

/// The three window kinds of ksqlDB's WINDOW clause.
enum class WindowKind : uint8_t { kTumbling, kHopping, kSession };

/// Returns the keyword ksqlDB prints for a kind: "TUMBLING", "HOPPING" or "SESSION".
std::string_view WindowKindName(WindowKind kind);

/// A resolved WINDOW clause, all durations in milliseconds, with ksqlDB's (Kafka Streams')
/// rules for what an omitted GRACE PERIOD or RETENTION means. Build it with Tumbling(),
/// Hopping() or Session(); they throw fluxo::Error(kPlanning) for sizes Kafka Streams rejects.
///
/// Bounds: TUMBLING and HOPPING windows are [start, start + size), aligned to epoch 0 (a
/// window start is a multiple of `advance`). A SESSION window is [first record time, last
/// record time], both inclusive (WindowBounds documents the same). Sizes are checked as Kafka
/// Streams checks them: size and gap > 0, 0 < advance <= size, grace and retention >= 0.
struct WindowSpec {
  /// Without GRACE PERIOD, Kafka Streams' deprecated default applies (ksqlDB builds its
  /// windows with `TimeWindows.of` / `SessionWindows.with`): grace = max(24 h - size, 0),
  /// where size is the inactivity gap for SESSION windows.
  static constexpr int64_t kLegacyDefaultGraceMs = 24LL * 60 * 60 * 1000;

  WindowKind kind = WindowKind::kTumbling;
  int64_t size_ms = 0;     ///< TUMBLING and HOPPING: window length. SESSION: unused (0).
  int64_t advance_ms = 0;  ///< HOPPING: hop. TUMBLING: equals size_ms. SESSION: unused (0).
  int64_t gap_ms = 0;      ///< SESSION: inactivity gap. Otherwise unused (0).
  std::optional<int64_t> grace_ms;      ///< GRACE PERIOD as written, if any.
  std::optional<int64_t> retention_ms;  ///< RETENTION as written, if any.

  static WindowSpec Tumbling(int64_t size_ms,
                             std::optional<int64_t> grace_ms = std::nullopt,
                             std::optional<int64_t> retention_ms = std::nullopt);

  static WindowSpec Hopping(int64_t size_ms,
                            int64_t advance_ms,
                            std::optional<int64_t> grace_ms = std::nullopt,
                            std::optional<int64_t> retention_ms = std::nullopt);

  static WindowSpec Session(int64_t gap_ms,
                            std::optional<int64_t> grace_ms = std::nullopt,
                            std::optional<int64_t> retention_ms = std::nullopt);

  /// Returns a copy for an EMIT FINAL query: there a missing GRACE PERIOD means 0, not the
  /// legacy default (ksqlDB rewrites the window so, PR #5874; QTT suppress.json "should emit
  /// at window end if no grace period given").
  WindowSpec ForEmitFinal() const;

  /// Returns the grace period in force: the one written, or max(24 h - size, 0) (size is the
  /// gap for SESSION windows), Kafka Streams' `TimeWindows.of` / `SessionWindows.with`.
  int64_t EffectiveGraceMs() const;

  /// Returns how long a window's state is kept: RETENTION when written, otherwise Kafka
  /// Streams' store default size + grace (gap + grace for SESSION windows).
  int64_t EffectiveRetentionMs() const;

  /// Throws fluxo::Error(kPlanning) when RETENTION is shorter than size (or gap) plus the
  /// grace in force, as Kafka Streams refuses such a store. Call it once the grace is final
  /// (after ForEmitFinal for EMIT FINAL queries).
  void CheckRetention() const;

  /// Returns the bounds of the TUMBLING or HOPPING window starting at `start`:
  /// [start, start + size), the end saturated at INT64_MAX.
  WindowBounds TimeWindowAt(int64_t start) const;

  bool operator==(const WindowSpec&) const = default;
};

/// Returns true when a record must be dropped because `window` (for SESSION windows: the
/// session after merging the record in) is closed at `stream_time`, the largest record
/// timestamp the operator has seen, this record's included. As Kafka Streams'
/// KStreamWindowAggregate and KStreamSessionWindowAggregate decide:
///  * TUMBLING / HOPPING: end + grace <= stream_time;
///  * SESSION: end + gap + grace < stream_time (the end is inclusive).
/// A dropped record is counted and logged, never an error.
bool IsLate(const WindowSpec& spec, const WindowBounds& window, int64_t stream_time);

/// Returns true when `window` is closed at `stream_time`: no record can change it any more,
/// so EMIT FINAL may emit it (once). The same horizon as IsLate: end + grace <= stream_time
/// for TUMBLING / HOPPING, end + gap + grace < stream_time for SESSION. EMIT FINAL checks after
/// every accepted record and emits, by ascending start, each closed SESSION window and each
/// closed TUMBLING / HOPPING window that is not IsWindowExpired yet.
bool IsWindowClosed(const WindowSpec& spec, const WindowBounds& window, int64_t stream_time);

/// Returns true when the store has forgotten `window` at `stream_time` (retention passed):
///  * TUMBLING / HOPPING: start + retention < stream_time. With the default retention a
///    window closes when end + grace == start + retention reaches stream time and is purged
///    right after, which is why ksqlDB's EMIT FINAL never emits a window that stream time
///    jumped past (QTT suppress.json; FORMAT.md: emitted only if start >= stream time - size -
///    grace).
///  * SESSION: end + retention < stream_time. Expired sessions are not merge candidates: a
///    late record may open a new session beside them (session-windows.json "out of order -
///    explicit grace period").
bool IsWindowExpired(const WindowSpec& spec, const WindowBounds& window, int64_t stream_time);

}  // namespace fluxo::window
