#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "planner/physical/physical_plan.h"
#include "runtime/core/processing_log.h"
#include "runtime/operators/operator.h"
#include "runtime/operators/source_reader.h"
#include "runtime/topic/topic_client.h"

namespace fluxo::runtime {

class RepartitionReader;
class RepartitionWriter;

/// Where the rows of a repartition step go when a query runs on Kafka: an internal topic.
struct RepartitionTopic {
  std::string name;
  int32_t partitions = 1;
};

/// The repartition topics of a query by the operator_id of their planner::RepartitionStep.
/// A step without one re-keys in-process.
using RepartitionTopics = std::map<std::string, RepartitionTopic>;

/// The running operators of one query: a SourceReader, then a chain of operators ending in
/// the sink. Push records in; results reach the sink topic. A join query has one input per
/// source: each reads its topic into side rows that feed one input of a join; the joins
/// (left-deep, each feeding the next as its left input) head the chain that ends in the sink.
/// A join input with a repartition step that has a topic in `repartitions` is split in two:
/// its source's rows end in a RepartitionWriter, and the topic is one more input (a
/// RepartitionReader) that feeds the join. Likewise a query without joins whose GROUP BY has
/// a repartition topic: the source's rows (after WHERE and a table's changes) end in a
/// RepartitionWriter, and the topic's rows feed the aggregation.
class Pipeline {
 public:
  /// Builds the operators for `plan` (STYLE.md §2, hop 4: the one place steps become
  /// operators). Throws fluxo::Error (kPlanning) when a step cannot run, e.g. a format that
  /// cannot carry the sink's columns.
  static std::unique_ptr<Pipeline> Build(const planner::PhysicalPlan& plan,
                                         TopicClient& topics,
                                         ProcessingLog& processing_log,
                                         state::StateInstance& state,
                                         const RepartitionTopics& repartitions = {});

  ~Pipeline();

  /// Processes one partition's records of the query's only source topic, in offset order.
  void Push(const std::vector<TopicRecord>& records);

  /// Processes one partition's records of `topic`, in offset order, through every input that
  /// reads it.
  void Push(const std::string& topic, const std::vector<TopicRecord>& records);

  /// Returns the topics the query reads, each once, in input order (repartition topics too).
  const std::vector<std::string>& topics() const { return topics_; }

  /// The source topics whose records only go to repartition topics: a query reads them first,
  /// so that the repartition topics hold their rows when the other inputs are read.
  const std::vector<std::string>& upstream_topics() const { return upstream_topics_; }

  /// The other topics the query reads (all of them without repartition topics).
  const std::vector<std::string>& downstream_topics() const { return downstream_topics_; }

  /// True for a repartition topic the query writes and reads.
  bool IsRepartitionTopic(const std::string& topic) const { return writers_.contains(topic); }

  /// The records written to a partition of a repartition topic since the pipeline was built.
  uint64_t RepartitionWritten(const std::string& topic, int32_t partition) const;

  /// What the operators counted so far.
  const QueryCounters& counters() const { return counters_; }

  /// Before a commit: every operator emits what it held back until the commit (collapsed
  /// changes reach the sink) and writes its cached state into the state stores.
  void Flush();

 private:
  Pipeline() = default;

  /// One source topic's way into the operators.
  struct Input {
    std::string topic;
    std::unique_ptr<SourceReader> reader;                   ///< A source topic's.
    std::unique_ptr<RepartitionReader> repartition_reader;  ///< A repartition topic's.
    Operator* first = nullptr;            ///< The first operator of the input's chain.
    Emitter* emitter = nullptr;           ///< What `first` emits to.
    RepartitionWriter* writer = nullptr;  ///< Where the chain ends, if in a repartition topic.
  };

  /// Reads `records` into rows and pushes them through `input`.
  static void PushInto(const Input& input, const std::vector<TopicRecord>& records);
  /// Adds the input that reads back repartition topic `topic`, which `writer` writes: its rows
  /// go to `first`, which emits to `emitter`.
  void AddRepartitionInput(const std::string& topic,
                           RepartitionWriter* writer,
                           Operator* first,
                           Emitter* emitter);
  /// The same with its rows going through `chain` (owned and connected here) to `tail`.
  void AddRepartitionInput(const std::string& topic,
                           RepartitionWriter* writer,
                           std::vector<std::unique_ptr<Operator>> chain,
                           Emitter* tail);
  /// Sorts the input topics into upstream_topics_ and downstream_topics_.
  void SplitTopics();

  /// Owns `chain` and connects it: each operator emits to the next, the last to `tail`.
  /// Returns the emitters, one per operator of the chain.
  std::vector<Emitter*> Connect(std::vector<std::unique_ptr<Operator>> chain, Emitter* tail);

  void AddInput(const planner::SourceStep& source,
                const OperatorContext& context,
                Operator* first,
                Emitter* emitter);

  std::vector<Input> inputs_;
  std::vector<std::string> topics_;
  std::vector<std::string> upstream_topics_;
  std::vector<std::string> downstream_topics_;
  std::map<std::string, RepartitionWriter*> writers_;  ///< By repartition topic.
  /// Every operator with the emitter it emits to, in chain order, for Flush.
  std::vector<std::pair<std::unique_ptr<Operator>, Emitter*>> operators_;
  std::vector<std::unique_ptr<Emitter>> emitters_;
  QueryCounters counters_;
};

}  // namespace fluxo::runtime
