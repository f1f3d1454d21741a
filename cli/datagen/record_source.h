#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "cli/datagen/datagen_random.h"
#include "cli/datagen/quickstart.h"
#include "cli/datagen/record_formatter.h"
#include "runtime/topic/topic_client.h"

namespace fluxo::cli::datagen {

/// What the records of one `fluxo datagen` run are made of.
struct RecordSourceOptions {
  const Quickstart* quickstart = nullptr;
  uint64_t seed = 0;
  int64_t start_time_ms = 0;
  int64_t key_count = 0;    ///< 0: the quickstart's default.
  double late_ratio = 0.0;  ///< The share of records whose timestamp is moved back (0 .. 1).
  ValueFormat format = ValueFormat::kJson;
};

/// Turns a quickstart's generated records into Kafka records: key, formatted value and
/// timestamp (the event time). With a late ratio, that share of the records gets its timestamp
/// (and its timestamp column) moved back by 1 ms .. kMaxLatenessMs, so that it arrives out of
/// order. The late draws come from their own random stream (derived from the seed), so the
/// late ratio changes timestamps only, never the other values.
class RecordSource {
 public:
  static constexpr int64_t kMaxLatenessMs = 30000;

  explicit RecordSource(const RecordSourceOptions& options);

  /// Overwrites the key, value and timestamp of `record` with the next record's.
  void Next(runtime::TopicRecord& record);

 private:
  const Quickstart& quickstart_;
  double late_ratio_;
  ValueFormat format_;
  DatagenRandom random_;
  DatagenRandom late_random_;
  std::unique_ptr<RecordGenerator> generator_;
  DatagenRecord generated_;
};

}  // namespace fluxo::cli::datagen
