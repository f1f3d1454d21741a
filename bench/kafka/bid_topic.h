#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "bench/stateful/nexmark_data.h"
#include "runtime/topic/topic_client.h"

namespace fluxo::bench {

/// The stream declaration every Fluxo query of the Kafka bench reads: the bids' JSON fields,
/// with `auction` as the KAFKA-format BIGINT key (the key KeyedBid gives each record), event
/// time from the record timestamp.
std::string BidsStreamDdl(const std::string& stream, const std::string& topic);

/// Returns `bid` (from bench/stateful/nexmark_data.h's MakeBids) as a Kafka record keyed by its
/// auction (8 bytes big-endian, Kafka's LongSerializer), with timestamp `timestamp_ms`.
runtime::TopicRecord KeyedBid(const NexmarkRecord& bid, int64_t timestamp_ms);

/// Creates `topic` with `partitions` partitions and produces `bids` into it (the partition
/// chosen from the key, as Kafka's Java client does), in chunks, each chunk waiting for its
/// delivery reports. The record timestamps keep the bids' spacing (1 ms every 10 bids) but
/// are moved so that the newest one is a minute old: a real broker's retention never sees
/// them as expired. Returns the seconds it took.
double ProduceBids(runtime::TopicClient& topics,
                   const std::string& topic,
                   int32_t partitions,
                   const std::vector<NexmarkRecord>& bids);

}  // namespace fluxo::bench
