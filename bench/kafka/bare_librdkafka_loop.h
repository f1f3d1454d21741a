#pragma once

#include <cstdint>
#include <string>

namespace fluxo::bench {

/// What one run of the bare librdkafka loop measured (`failure` set when it did not finish).
struct BareLoopRun {
  std::string failure;
  double seconds = 0;      ///< From creating the clients until the final flush returned.
  uint64_t consumed = 0;   ///< Records read from the input topic.
  uint64_t delivered = 0;  ///< Delivery reports without an error.
};

/// The reference for the Fluxo side: a consume -> produce loop written straight against
/// librdkafka's C API, doing as little as possible per record. One consumer assigned to every
/// partition of `input_topic` from the beginning (no group membership, no commits) reads
/// batches of up to 1,024 records; each record's key, value and timestamp are produced
/// unchanged (copied, nothing parsed) to `output_topic`, asynchronously, the partition chosen
/// from the key as Fluxo's producer does; one flush at the end waits for every delivery
/// report. Stops after `input_records` records or `timeout_seconds`.
BareLoopRun RunBareLibrdkafkaLoop(const std::string& bootstrap_servers,
                                  const std::string& input_topic,
                                  int32_t partitions,
                                  const std::string& output_topic,
                                  uint64_t input_records,
                                  double timeout_seconds);

}  // namespace fluxo::bench
