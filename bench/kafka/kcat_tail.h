#pragma once

#include <string>

#include "bench/kafka/topic_tail.h"

namespace fluxo::bench {

/// A TopicTail that is an independent client: `kcat -C -u -q -o beginning -f '%T\n'
/// -X fetch.wait.max.ms=10` on the topic, its output read through a pipe as kcat writes it (one
/// timestamp a record). A real broker answers a fetch as soon as records arrive; librdkafka's
/// mock broker only after fetch.wait.max.ms, hence the short wait. kcat is stopped with SIGTERM
/// once the tail is done.
class KcatTail final : public TopicTail {
 public:
  KcatTail(std::string kcat,
           std::string bootstrap_servers,
           std::string topic,
           int64_t measure_from_ms);

  void Run(const std::atomic<uint64_t>& expected, const std::atomic<bool>& expected_final) override;

  std::string Name() const override { return "kcat -C -u"; }

 private:
  std::string kcat_;
  std::string bootstrap_servers_;
  std::string topic_;
};

}  // namespace fluxo::bench
