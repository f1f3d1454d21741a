#include "cli/datagen/record_source.h"

#include <algorithm>

#include "runtime/core/error.h"

namespace fluxo::cli::datagen {
namespace {

/// Mixed into the seed for the late-record stream, so that it differs from the values' stream.
constexpr uint64_t kLateStreamSalt = 0x6c617465'6e657373ULL;  // "lateness"

GeneratorOptions MakeGeneratorOptions(const RecordSourceOptions& options) {
  GeneratorOptions generator_options;
  generator_options.start_time_ms = options.start_time_ms;
  generator_options.key_count =
      options.key_count > 0 ? options.key_count : options.quickstart->default_key_count;
  return generator_options;
}

}  // namespace

RecordSource::RecordSource(const RecordSourceOptions& options)
    : quickstart_(*options.quickstart),
      late_ratio_(options.late_ratio),
      format_(options.format),
      random_(options.seed),
      late_random_(MixBits(options.seed ^ kLateStreamSalt)),
      generator_(options.quickstart->create(MakeGeneratorOptions(options))) {
  FLUXO_CHECK(generator_ != nullptr, "a quickstart creates its generator");
}

void RecordSource::Next(runtime::TopicRecord& record) {
  generator_->Next(random_, generated_);
  if (late_random_.Chance(late_ratio_)) {
    // Never before the epoch: Kafka reads a negative timestamp as "none".
    generated_.timestamp =
        std::max<int64_t>(0, generated_.timestamp - late_random_.UniformInt(1, kMaxLatenessMs));
  }
  if (!record.key) {
    record.key.emplace();
  }
  if (!record.value) {
    record.value.emplace();
  }
  record.key->assign(generated_.key);
  FormatValue(format_, quickstart_.columns, generated_, *record.value);
  record.timestamp = generated_.timestamp;
  record.partition = -1;
  record.offset = -1;
}

}  // namespace fluxo::cli::datagen
