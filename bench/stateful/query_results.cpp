#include "bench/stateful/query_results.h"

namespace fluxo::bench {

namespace {

std::string Describe(const std::pair<int64_t, int64_t>& key, const WindowAggregate& aggregate) {
  return "auction " + std::to_string(key.first) + " window " + std::to_string(key.second) +
         ": count " + std::to_string(aggregate.count) + ", max " +
         std::to_string(aggregate.max_price);
}

}  // namespace

Checksum ChecksumOf(const WindowResults& results) {
  Checksum checksum;
  for (const auto& [key, aggregate] : results) {
    ++checksum.rows;
    checksum.sum_a += aggregate.count;
    checksum.sum_b += aggregate.max_price;
  }
  return checksum;
}

std::string CompareWindowResults(const WindowResults& engine, const WindowResults& hand_written) {
  auto engine_it = engine.begin();
  auto hand_it = hand_written.begin();
  for (; engine_it != engine.end() && hand_it != hand_written.end(); ++engine_it, ++hand_it) {
    if (engine_it->first != hand_it->first || !(engine_it->second == hand_it->second)) {
      return "engine has " + Describe(engine_it->first, engine_it->second) + "; hand-written has " +
             Describe(hand_it->first, hand_it->second);
    }
  }
  if (engine_it != engine.end()) {
    return "engine has an extra " + Describe(engine_it->first, engine_it->second);
  }
  if (hand_it != hand_written.end()) {
    return "engine lacks " + Describe(hand_it->first, hand_it->second);
  }
  return "";
}

std::string FormatChecksum(const Checksum& checksum) {
  return std::to_string(checksum.rows) + "/" + std::to_string(checksum.sum_a) + "/" +
         std::to_string(checksum.sum_b);
}

}  // namespace fluxo::bench
